"""Why there is no clipboard, the Wayland text type, and unchecked copies."""

from __future__ import annotations

import os

import pytest

from sr_tui.core.handoff import clipboard_tools
from sr_tui.core.handoff.clipboard import NO_TOOL, SystemClipboard, copy_text
from sr_tui.notices import copy_notice

posix_only = pytest.mark.skipif(os.name != "posix", reason="fake tools are POSIX scripts")


@posix_only
def test_xclip_without_a_display_is_not_called_a_missing_tool(tmp_path, monkeypatch):
    tool = tmp_path / "xclip"
    tool.write_text("#!/bin/sh\nexit 0\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(clipboard_tools.sys, "platform", "linux")
    reason = clipboard_tools.why_no_clipboard({})
    assert reason != NO_TOOL
    assert "xclip is installed" in reason and "DISPLAY" in reason


def test_no_tool_at_all_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert clipboard_tools.why_no_clipboard({}) == NO_TOOL


def test_detection_keeps_its_reason():
    assert clipboard_tools.detect_system_clipboard(lambda: (None, None)) is None
    assert clipboard_tools.last_detection_problem
    assert clipboard_tools.detect_system_clipboard(lambda: 1 / 0) is None
    assert "could not be detected: division by zero" in clipboard_tools.last_detection_problem


def test_the_reason_reaches_the_outcome(tmp_path):
    outcome = copy_text("x", system=None, file=tmp_path / "c.txt", no_system_reason="why")
    assert outcome.method == "file" and outcome.reason == "why"


def test_wl_copy_is_told_the_text_type():
    _name, copy, _ = clipboard_tools._tool_for("copy_wl")
    calls = []
    original = clipboard_tools.run_tool
    try:
        clipboard_tools.run_tool = lambda args, *a, **k: calls.append(args) or b""
        copy("Subject: x\n\nbody")
    finally:
        clipboard_tools.run_tool = original
    assert (
        calls
        and "--type" in calls[0]
        and calls[0][calls[0].index("--type") + 1].startswith("text/plain")
    )


def test_an_unchecked_copy_is_a_warning_not_a_success(tmp_path):
    def paste(timeout=0):
        raise OSError("no paste")

    clip = SystemClipboard("xclip", lambda text, timeout=0: None, paste, own_timeout=True)
    outcome = copy_text("hello", system=clip, file=tmp_path / "c.txt")
    assert outcome.method == "system" and outcome.note
    notice = copy_notice(outcome, "what_email", "en")
    assert notice.severity == "warning" and "not checked" in notice.message
