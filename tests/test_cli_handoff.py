"""`sr-tui render ID --eml PATH | --copy | --mailto` and the customer_email special key."""

from __future__ import annotations

import os
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from test_cli import run

from sr_tui.cli import main
from sr_tui.core.handoff import clipboard, opener
from sr_tui.core.handoff.clipboard import SystemClipboard


def parse(data: bytes):
    return message_from_bytes(data, policy=default)


def plain_and_html(msg) -> tuple[str, str]:
    plain, page = list(msg.iter_parts())
    return plain.get_content().replace("\r\n", "\n"), page.get_content()


@pytest.fixture
def board(monkeypatch):
    """A working system clipboard, read back like the real one."""
    held: list[str] = []

    def paste() -> str:
        return held[-1] if held else ""

    stub = SystemClipboard("stub", held.append, paste)
    monkeypatch.setattr(clipboard, "detect_system_clipboard", lambda: stub)
    return held


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(opener, "system_opener", urls.append)
    return urls


# -- --eml -----------------------------------------------------------------------------


def test_eml_to_a_file(capsys, tmp_path):
    target = tmp_path / "draft.eml"
    code, out, err = run(
        capsys,
        "render", "A1",
        "--set", "sr_number=SR 3-1",
        "--set", "customer_email=alice@example.com",
        "--eml", str(target),
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == str(target.resolve())
    msg = parse(target.read_bytes())
    assert msg["To"] == "alice@example.com" and msg["X-Unsent"] == "1"
    assert msg["Subject"] == "Support Case SR 3-1 Received"
    plain, html = plain_and_html(msg)
    assert "initial update within [Timeframe]." in plain  # flowed by default
    assert "<ul>" in html


def test_eml_with_an_explicit_layout(capsys, tmp_path):
    target = tmp_path / "draft.eml"
    code, _, err = run(capsys, "render", "A1", "--layout", "as-written", "--eml", str(target))
    assert code == 0, err
    plain, _ = plain_and_html(parse(target.read_bytes()))
    assert "initial update\n  within [Timeframe]." in plain


def test_eml_to_a_file_replaces_it(capsys, tmp_path):
    target = tmp_path / "draft.eml"
    target.write_text("old")
    assert run(capsys, "render", "G5", "--eml", str(target))[0] == 0
    assert parse(target.read_bytes())["Subject"] == "Support Contract Inquiry"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.eml"]


def test_eml_to_a_directory_gets_fresh_names(capsys, tmp_path):
    args = ("render", "B2", "--set", "sr_number=SR 3-31415926", "--eml", str(tmp_path))
    code, out1, _ = run(capsys, *args)
    code2, out2, _ = run(capsys, *args)
    assert code == code2 == 0
    first, second = Path(out1.strip()), Path(out2.strip())
    assert first.parent == second.parent == tmp_path.resolve()
    assert first.name.startswith("SR-3-31415926-B2-") and first.name.endswith(".eml")
    assert second.name == first.name.replace(".eml", "-2.eml")


def test_eml_to_a_new_directory_with_a_trailing_slash(capsys, tmp_path):
    code, out, _ = run(capsys, "render", "G5", "--eml", str(tmp_path / "new") + os.sep)
    assert code == 0 and Path(out.strip()).parent == (tmp_path / "new").resolve()


def test_eml_to_standard_output(capsysbinary):
    assert main(["render", "B6", "--eml", "-"]) == 0
    out = capsysbinary.readouterr().out
    msg = parse(out)
    assert msg["Subject"].startswith("Action Required — Performance Issue Details")
    assert b"\r\n" in out


def test_eml_into_a_missing_directory_is_a_usage_error(capsys, tmp_path):
    code, out, err = run(capsys, "render", "A1", "--eml", str(tmp_path / "nope" / "x.eml"))
    assert code == 2 and out == ""
    assert "its directory does not exist" in err


def test_customer_email_from_a_values_file(capsys, tmp_path):
    values = tmp_path / "case.toml"
    values.write_text(
        'customer_email = "陈 <chen@example.cn>"\nsr_number = "SR 9"\n', encoding="utf-8"
    )
    target = tmp_path / "d.eml"
    code, _, err = run(capsys, "render", "A1", "--values", str(values), "--eml", str(target))
    assert code == 0, err
    msg = parse(target.read_bytes())
    assert msg["To"].addresses[0].addr_spec == "chen@example.cn"
    assert msg["To"].addresses[0].display_name == "陈"


def test_customer_email_is_accepted_and_ignored_when_printing(capsys):
    plain = run(capsys, "render", "A1")
    with_to = run(capsys, "render", "A1", "--set", "customer_email=a@example.com")
    assert plain == with_to and plain[0] == 0


def test_a_bad_customer_email_stops_before_anything_is_written(capsys, tmp_path, board):
    code, out, err = run(
        capsys, "render", "A1", "--set", "customer_email=alice", "--eml", str(tmp_path), "--copy"
    )
    assert code == 2 and out == ""
    assert "customer_email: 'alice' is not an email address" in err
    assert list(tmp_path.iterdir()) == [] and board == []


def test_unknown_fields_are_still_refused(capsys):
    code, _, err = run(capsys, "render", "A1", "--set", "customer_mail=a@example.com", "--copy")
    assert code == 2 and "did you mean customer_email" in err


# -- --copy ----------------------------------------------------------------------------


def test_copy(capsys, board):
    code, out, err = run(capsys, "render", "A1", "--set", "sr_number=SR 1", "--copy")
    assert code == 0 and out == ""
    assert err.strip() == "Copied to the clipboard."
    assert board[0].startswith("Subject: Support Case SR 1 Received\n\nHi,\n")
    assert "initial update within [Timeframe]." in board[0]  # the copy_layout: flowed


def test_copy_a_part(capsys, board):
    assert run(capsys, "render", "G5", "--part", "subject", "--copy")[0] == 0
    assert board == ["Support Contract Inquiry"]


def test_copy_follows_the_copy_layout_setting(capsys, board):
    Path(os.environ["SR_TUI_CONFIG"]).write_text('copy_layout = "as-written"\n', encoding="utf-8")
    assert run(capsys, "render", "A1", "--copy")[0] == 0
    assert "initial update\n  within" in board[0]


def test_copy_without_a_clipboard_says_where_it_went(capsys, monkeypatch):
    monkeypatch.setattr(clipboard, "detect_system_clipboard", lambda: None)
    code, out, err = run(capsys, "render", "G5", "--copy")
    saved = Path(os.environ["SR_TUI_DATA"]) / "clipboard.txt"
    assert code == 1 and out == ""
    assert err.startswith(f"No clipboard: saved to {saved} (no system clipboard tool")
    assert saved.read_text(encoding="utf-8").startswith("Subject: Support Contract Inquiry")


def test_copy_that_does_not_reach_the_clipboard_is_not_success(capsys, monkeypatch):
    stale = SystemClipboard("xclip", lambda text: None, lambda: "something else")
    monkeypatch.setattr(clipboard, "detect_system_clipboard", lambda: stale)
    code, _, err = run(capsys, "render", "G5", "--copy")
    assert code == 1
    assert "No clipboard: saved to" in err and "does not hold the text" in err


# -- --mailto --------------------------------------------------------------------------


def test_mailto(capsys, opened):
    code, out, err = run(
        capsys, "render", "G5", "--set", "customer_email=bob+it@example.com", "--mailto"
    )
    assert code == 0, err
    assert opened == [out.strip()]
    assert out.startswith("mailto:bob%2Bit@example.com?subject=Support%20Contract%20Inquiry&body=")
    assert "Opened in the mail client." in err


def test_mailto_too_long_suggests_the_eml(capsys, opened):
    items = [
        f"--set=items=Item {i}: " + "the complete output of the command " * 5 for i in range(10)
    ]
    code, out, err = run(capsys, "render", "B1", *items, "--mailto")
    assert code == 1 and out == "" and opened == []
    assert "mailto: link would be" in err and "--eml" in err and "1,900" in err


def test_mailto_that_cannot_open_prints_the_link(capsys, monkeypatch):
    def broken(url):
        raise OSError("no program to open mailto: links was found (install xdg-utils)")

    monkeypatch.setattr(opener, "system_opener", broken)
    code, out, err = run(capsys, "render", "G5", "--mailto")
    assert code == 1 and out.startswith("mailto:?subject=")
    assert "could not open the mail client: no program to open mailto:" in err


def test_all_three_at_once(capsys, tmp_path, board, opened):
    code, out, err = run(capsys, "render", "G5", "--eml", str(tmp_path), "--copy", "--mailto")
    assert code == 0, err
    path_line, url_line = out.strip().splitlines()
    assert Path(path_line).is_file() and url_line == opened[0]
    assert len(board) == 1


def test_printing_is_unchanged_without_the_flags(capsys):
    code, out, _ = run(capsys, "render", "A1")
    assert code == 0 and "initial update\n  within [Timeframe]." in out
