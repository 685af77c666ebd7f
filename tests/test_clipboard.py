"""The clipboard chain: every outcome with the mechanism stubbed, and the real tool runner
driven through fake xclip / wl-copy / clip.exe programs (exit status, stderr, hangs)."""

from __future__ import annotations

import base64
import os
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from sr_tui.core.handoff import clipboard
from sr_tui.core.handoff.clipboard import (
    NO_TOOL,
    READBACK_GARBLED,
    READBACK_MISMATCH,
    CopyOutcome,
    SystemClipboard,
    copy_text,
    detect_system_clipboard,
)

TEXT = "Subject: Support Case SR 3-31415926 Received\n\nHi 陈女士,\n\n- NFS 挂起 on app01\n"

posix_only = pytest.mark.skipif(os.name != "posix", reason="fake tools are POSIX scripts")


class Board:
    """An in-memory clipboard for stubs."""

    def __init__(self, content: str = "") -> None:
        self.content = content
        self.copies: list[str] = []

    def copy(self, text: str) -> None:
        self.copies.append(text)
        self.content = text

    def paste(self) -> str:
        return self.content


@pytest.fixture
def clip_file(tmp_path) -> Path:
    return tmp_path / "clipboard.txt"


# -- the outcomes, mechanism stubbed --------------------------------------------------


def test_works_and_is_verified_by_reading_back(clip_file):
    board = Board()
    outcome = copy_text(
        TEXT, system=SystemClipboard("stub", board.copy, board.paste), file=clip_file
    )
    assert outcome == CopyOutcome("system", tool="stub", verified=True)
    assert board.content == TEXT
    assert not clip_file.exists()


def test_a_plain_copy_function_still_works_unverified(clip_file):
    copied: list[str] = []
    outcome = copy_text(TEXT, system=copied.append, file=clip_file)
    assert outcome.method == "system" and outcome.verified is None
    assert copied == [TEXT]


def test_reports_success_but_the_read_back_differs_falls_back(clip_file):
    board = Board("what was there before")
    stale = SystemClipboard("xclip", lambda text: None, board.paste)
    terminal: list[str] = []
    outcome = copy_text(TEXT, system=stale, terminal=terminal.append, file=clip_file)
    assert outcome.method == "terminal"
    assert outcome.reason == READBACK_MISMATCH
    assert outcome.tool == "xclip"
    assert terminal == [TEXT]
    assert clip_file.read_text(encoding="utf-8") == TEXT


def test_read_back_differs_without_a_terminal_leaves_the_file(clip_file):
    stale = SystemClipboard("wl-copy", lambda text: None, lambda: "")
    outcome = copy_text(TEXT, system=stale, file=clip_file)
    assert outcome.method == "file" and outcome.file == clip_file
    assert "does not hold the text" in outcome.reason


def test_raises(clip_file):
    def broken(text: str) -> None:
        raise RuntimeError("Error: Can't open display: localhost:10.0")

    outcome = copy_text(TEXT, system=broken, file=clip_file)
    assert outcome.method == "file"
    assert "Can't open display" in outcome.reason
    assert clip_file.read_text(encoding="utf-8") == TEXT


def test_hangs_and_times_out(clip_file):
    release = threading.Event()
    started = time.monotonic()
    try:
        outcome = copy_text(
            TEXT,
            system=SystemClipboard("xsel", lambda text: release.wait(30), lambda: ""),
            file=clip_file,
            timeout=0.2,
        )
    finally:
        release.set()
    assert time.monotonic() - started < 2
    assert outcome.method == "file"
    assert outcome.reason == "the clipboard tool did not answer within 0.2 s"
    assert outcome.tool == "xsel"


def test_missing_entirely(clip_file):
    terminal: list[str] = []
    outcome = copy_text(TEXT, system=None, terminal=terminal.append, file=clip_file)
    assert outcome.method == "terminal" and outcome.reason == NO_TOOL
    assert outcome.file == clip_file and terminal == [TEXT]
    assert copy_text(TEXT, system=None, file=clip_file).method == "file"


def test_nothing_works_at_all(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    outcome = copy_text(TEXT, system=None, file=blocker / "clipboard.txt")
    assert outcome.method == "failed" and outcome.file is None
    assert NO_TOOL in outcome.reason and "could not be written" in outcome.reason


def test_a_clipboard_that_cannot_be_read_back_counts_as_copied_with_a_note(clip_file):
    def no_paste() -> str:
        raise OSError("pbpaste: not allowed")

    board = Board()
    outcome = copy_text(
        TEXT, system=SystemClipboard("pbcopy", board.copy, no_paste), file=clip_file
    )
    assert outcome.method == "system" and outcome.verified is False
    assert "could not read the clipboard back" in outcome.note


def test_a_hung_read_back_is_bounded(clip_file):
    release = threading.Event()
    board = Board()
    started = time.monotonic()
    try:
        outcome = copy_text(
            TEXT,
            system=SystemClipboard("clip.exe", board.copy, lambda: release.wait(30) or ""),
            file=clip_file,
            timeout=0.2,
        )
    finally:
        release.set()
    assert time.monotonic() - started < 2
    assert outcome.method == "system" and outcome.verified is False


def test_a_clipboard_that_takes_a_moment_is_read_back_again(clip_file):
    board = Board()
    reads = []

    def slow_paste() -> str:
        reads.append(1)
        return board.content if len(reads) > 1 else ""

    outcome = copy_text(
        TEXT, system=SystemClipboard("xclip", board.copy, slow_paste), file=clip_file
    )
    assert outcome.method == "system" and outcome.verified is True and len(reads) == 2


# -- Windows and WSL: CRLF, and Chinese must survive -----------------------------------


def test_windows_gets_crlf_and_the_read_back_is_compared_modulo_line_ends(clip_file):
    board = Board()
    win = SystemClipboard("windows", board.copy, board.paste, crlf=True)
    outcome = copy_text(TEXT, system=win, file=clip_file)
    assert outcome.method == "system" and outcome.verified is True
    assert board.copies == [TEXT.replace("\n", "\r\n")]
    assert "\r\r\n" not in board.copies[0]


def test_existing_crlf_is_not_doubled():
    assert clipboard.to_crlf("a\r\nb\nc\rd") == "a\r\nb\r\nc\r\nd"


def test_chinese_garbled_by_the_platform_is_a_failure(clip_file):
    board = Board()

    def mangling_paste() -> str:  # what a legacy code page makes of UTF-8
        return board.content.encode("utf-8").decode("cp1252", "replace")

    win = SystemClipboard("clip.exe", board.copy, mangling_paste, crlf=True)
    outcome = copy_text(TEXT, system=win, file=clip_file)
    assert outcome.method == "file" and outcome.reason == READBACK_GARBLED
    assert clip_file.read_text(encoding="utf-8") == TEXT  # the file keeps LF and the Chinese


def test_question_marks_for_chinese_also_count_as_garbled(clip_file):
    board = Board()
    win = SystemClipboard(
        "clip.exe", board.copy, lambda: board.content.encode("ascii", "replace").decode(), crlf=True
    )
    assert copy_text(TEXT, system=win, file=clip_file).reason == READBACK_GARBLED


# -- detection ----------------------------------------------------------------------


def copy_xclip(text):  # named as pyperclip's, which is how the tool is recognised
    raise AssertionError("pyperclip's own xclip function must not run")


def paste_xclip():
    raise AssertionError("pyperclip's own xclip function must not run")


def test_detect_runs_known_tools_itself():
    clip = detect_system_clipboard(lambda: (copy_xclip, paste_xclip), crlf=False)
    assert isinstance(clip, SystemClipboard)
    assert clip.name == "xclip" and clip.own_timeout and clip.copy_fn is not copy_xclip


@pytest.mark.parametrize(
    ("name", "tool"),
    [
        ("copy_xsel", "xsel"),
        ("copy_wl", "wl-copy"),
        ("copy_osx_pbcopy", "pbcopy"),
        ("copy_wsl", "clip.exe"),
    ],
)
def test_detect_names_each_tool(name, tool):
    fn = lambda text: None  # noqa: E731
    fn.__name__ = name
    clip = detect_system_clipboard(lambda: (fn, lambda: ""), crlf=False)
    assert clip is not None and clip.name == tool and clip.own_timeout


def test_detect_wraps_other_mechanisms_and_keeps_their_paste():
    def copy_windows(text):
        pass

    def paste_windows():
        return ""

    clip = detect_system_clipboard(lambda: (copy_windows, paste_windows), crlf=True)
    assert clip is not None and clip.name == "windows" and clip.crlf
    assert clip.copy_fn is copy_windows and clip.paste_fn is paste_windows and not clip.own_timeout


def test_detect_returns_none_when_there_is_nothing():
    class Unavailable:
        def __bool__(self):
            return False

    assert detect_system_clipboard(lambda: (Unavailable(), Unavailable())) is None

    def boom():
        raise RuntimeError("no")

    assert detect_system_clipboard(boom) is None


def test_detect_with_real_pyperclip_never_raises():
    clip = detect_system_clipboard()
    assert clip is None or callable(clip)


# -- the real tool runner, with fake tools on PATH --------------------------------------


def fake_tool(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def bin_dir(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "bin"
    directory.mkdir()
    monkeypatch.setenv("PATH", str(directory))
    monkeypatch.setenv("FAKE_STORE", str(tmp_path / "store.bin"))
    return directory


XCLIP = """
import os, sys
store = os.environ["FAKE_STORE"]
if "-o" in sys.argv:
    sys.stdout.buffer.write(open(store, "rb").read() if os.path.exists(store) else b"")
else:
    open(store, "wb").write(sys.stdin.buffer.read())
"""


def xclip_clipboard() -> SystemClipboard:
    clip = detect_system_clipboard(lambda: (copy_xclip, paste_xclip), crlf=False)
    assert clip is not None
    return clip


@posix_only
def test_real_runner_copies_and_reads_back(bin_dir, clip_file, tmp_path):
    fake_tool(bin_dir, "xclip", XCLIP)
    outcome = copy_text(TEXT, system=xclip_clipboard(), file=clip_file)
    assert outcome == CopyOutcome("system", tool="xclip", verified=True)
    assert (tmp_path / "store.bin").read_bytes() == TEXT.encode("utf-8")


@posix_only
def test_a_failing_tool_is_caught_by_its_exit_status_and_its_stderr_stays_off_screen(
    bin_dir, clip_file, capfd
):
    fake_tool(
        bin_dir,
        "xclip",
        """
        import sys
        sys.stdin.read()
        sys.stderr.write("Error: Can't open display: localhost:10.0\\n")
        sys.exit(1)
        """,
    )
    outcome = copy_text(TEXT, system=xclip_clipboard(), file=clip_file)
    assert outcome.method == "file"
    assert (
        outcome.reason == "xclip failed (exit status 1): Error: Can't open display: localhost:10.0"
    )
    out, err = capfd.readouterr()
    assert out == "" and err == ""


@posix_only
def test_a_tool_that_says_yes_but_holds_nothing_is_caught_by_the_read_back(
    bin_dir, clip_file, capfd
):
    fake_tool(
        bin_dir,
        "xclip",
        """
        import sys
        sys.stdin.read()
        sys.stderr.write("Warning: nobody owns the selection\\n")
        """,
    )
    outcome = copy_text(TEXT, system=xclip_clipboard(), file=clip_file)
    assert outcome.method == "file" and outcome.reason == READBACK_MISMATCH
    assert capfd.readouterr().err == ""


@posix_only
def test_wayland_socket_without_a_compositor(bin_dir, clip_file, capfd):
    fake_tool(
        bin_dir,
        "wl-copy",
        """
        import sys
        sys.stderr.write("Failed to connect to a Wayland server: No such file or directory\\n")
        sys.exit(1)
        """,
    )

    def copy_wl(text):
        raise AssertionError

    clip = detect_system_clipboard(lambda: (copy_wl, lambda: ""), crlf=False)
    outcome = copy_text(TEXT, system=clip, file=clip_file)
    assert outcome.method == "file"
    assert "wl-copy failed (exit status 1): Failed to connect to a Wayland server" in outcome.reason
    assert capfd.readouterr().err == ""


@posix_only
def test_a_hung_tool_is_killed(bin_dir, clip_file):
    fake_tool(bin_dir, "xclip", "import time\ntime.sleep(30)\n")
    started = time.monotonic()
    outcome = copy_text(TEXT, system=xclip_clipboard(), file=clip_file, timeout=0.5)
    assert time.monotonic() - started < 5
    assert outcome.method == "file" and outcome.reason == "xclip did not answer within 0.5 s"


@posix_only
def test_a_tool_missing_from_path(bin_dir, clip_file):
    outcome = copy_text(TEXT, system=xclip_clipboard(), file=clip_file)
    assert outcome.method == "file" and outcome.reason == "xclip is not installed"


@posix_only
def test_a_tool_that_leaves_a_background_owner_does_not_block(bin_dir, clip_file):
    # xclip, xsel and wl-copy fork a child that owns the clipboard and keeps the
    # parent's stdout and stderr open; the copy must not wait for that child.
    fake_tool(
        bin_dir,
        "xclip",
        XCLIP
        + """
if "-o" not in sys.argv and os.fork() == 0:
    import time
    time.sleep(3)
""",
    )
    started = time.monotonic()
    outcome = copy_text(TEXT, system=xclip_clipboard(), file=clip_file, timeout=2.5)
    assert outcome.method == "system" and outcome.verified is True
    assert time.monotonic() - started < 2


@posix_only
def test_wsl_sends_utf16_crlf_and_reads_chinese_back(bin_dir, clip_file, tmp_path):
    fake_tool(
        bin_dir,
        "clip.exe",
        """
        import os, sys
        open(os.environ["FAKE_STORE"], "wb").write(sys.stdin.buffer.read())
        """,
    )
    fake_tool(
        bin_dir,
        "powershell.exe",
        """
        import base64, os, sys
        text = open(os.environ["FAKE_STORE"], "rb").read().decode("utf-16-le")
        sys.stdout.write(base64.b64encode(text.encode("utf-8")).decode() + "\\r\\n")
        """,
    )

    def copy_wsl(text):
        raise AssertionError

    clip = detect_system_clipboard(lambda: (copy_wsl, lambda: ""), crlf=True)
    outcome = copy_text(TEXT, system=clip, file=clip_file)
    assert outcome == CopyOutcome("system", tool="clip.exe", verified=True)
    stored = (tmp_path / "store.bin").read_bytes().decode("utf-16-le")
    assert stored == TEXT.replace("\n", "\r\n")


def test_wsl_read_back_waits_for_powershell():
    def copy_wsl(text):
        raise AssertionError

    clip = detect_system_clipboard(lambda: (copy_wsl, lambda: ""), crlf=True)
    assert clip is not None and clip.readback_timeout >= 5


def test_wsl_read_back_decoding():
    encoded = base64.b64encode("挂起\r\n".encode()).decode() + "\r\n"
    assert clipboard._decode_base64_utf8(encoded.encode()) == "挂起\r\n"
    assert clipboard._decode_base64_utf8(b"\r\n") == ""


def test_under_tmux(monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
    assert CopyOutcome("terminal").under_tmux
    monkeypatch.delenv("TMUX")
    assert not CopyOutcome("terminal").under_tmux
