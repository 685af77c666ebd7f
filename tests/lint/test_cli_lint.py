"""`sr-tui lint`: text and JSON output, exit codes, stdin, usage errors."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys

import pytest

from sr_tui.cli import lint as cli_lint

from .helpers import email

CLEAN = email("The nfs-utils update is available in AppStream.")
ERROR = email("We will fix it soon.")
WARNING = email("I think the update fixes it.")


def run(argv: list[str], stdin: str = "", monkeypatch=None) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="sr-tui")
    cli_lint.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
    try:
        code = args.func(args)
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def write(tmp_path):
    def _write(text: str, name: str = "mail.txt") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write


@pytest.mark.parametrize(
    ("text", "flags", "code"),
    [
        (CLEAN, [], 0),
        (ERROR, [], 1),
        (WARNING, [], 0),
        (WARNING, ["--strict"], 1),
        (CLEAN, ["--strict"], 0),
        (email("I will call you next week."), ["--strict"], 0),  # suggestions never fail
    ],
)
def test_exit_codes(write, text, flags, code):
    assert run(["lint", write(text), *flags])[0] == code


def test_text_output_format(write):
    path = write(ERROR)
    code, out, _ = run(["lint", path])
    assert code == 1
    assert out == (
        f"{path}:5:16: error SR006 'soon' is not a specific timeframe. Say when: a date "
        "('by Friday 14 March'), a time with a time zone ('by 5 pm ET'), or a range "
        "('within 2 business days').\n"
    )


def test_stdin_and_json(write):
    code, out, _ = run(["lint", "-", "--format", "json"], stdin=ERROR)
    data = json.loads(out)
    assert code == 1 and data["version"] == 1
    [f] = data["findings"]
    assert f["rule"] == "SR006" and f["match"] == ERROR[f["start"] : f["end"]]
    assert set(f) == {
        "rule", "name", "severity", "message", "start", "end", "line", "column", "match", "fix",
    }  # fmt: skip
    assert f["fix"] == {"kind": "hint", "replacement": None, "safe": False}


def test_stdin_is_named_in_text_output():
    code, out, _ = run(["lint"], stdin=ERROR)
    assert code == 1 and out.startswith("<stdin>:5:16: error SR006 ")


def test_clean_email_prints_nothing(write):
    assert run(["lint", write(CLEAN)]) == (0, "", "")
    _, out, _ = run(["lint", write(CLEAN), "--format", "json"])
    assert json.loads(out) == {"version": 1, "findings": []}


def test_missing_file_is_a_usage_error(tmp_path):
    code, out, err = run(["lint", str(tmp_path / "nope.txt")])
    assert (code, out) == (2, "")
    assert "no such file" in err and "nope.txt" in err


def test_directory_is_a_usage_error(tmp_path):
    code, _, err = run(["lint", str(tmp_path)])
    assert code == 2 and "directory" in err


def test_config_problems_go_to_stderr(write, tmp_path, monkeypatch):
    bad = tmp_path / "config.toml"
    bad.write_text("[lint]\nsentence_max_words = 0\n", encoding="utf-8")
    monkeypatch.setenv("SR_TUI_CONFIG", str(bad))
    code, _, err = run(["lint", write(CLEAN)])
    assert code == 0 and "sentence_max_words" in err


def test_config_is_applied(write, tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[lint]\ndisable = ["vague-timeframe"]\n', encoding="utf-8")
    monkeypatch.setenv("SR_TUI_CONFIG", str(cfg))
    assert run(["lint", write(ERROR)])[0] == 0


def test_crlf_and_bom_input(write, tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode("utf-8"))
    assert run(["lint", str(path)]) == (0, "", "")


def test_as_a_process_via_python_dash_m():
    proc = subprocess.run(
        [sys.executable, "-m", "sr_tui", "lint", "-", "--format", "json"],
        input=ERROR.encode("utf-8"),
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["findings"][0]["rule"] == "SR006"


def test_the_lint_path_imports_no_textual():
    code = (
        "import sys, io; sys.stdin = io.StringIO('Subject: x'); import sr_tui.cli.lint as c, "
        "argparse; p = argparse.ArgumentParser(); c.add_parser(p.add_subparsers()); "
        "a = p.parse_args(['lint', '-']); a.func(a); "
        "print(any(m.split('.')[0] == 'textual' for m in sys.modules), file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().endswith("False"), proc.stderr


def test_lint_honours_lint_settings_in_the_default_config_location(tmp_path, monkeypatch, capsys):
    """No SR_TUI_CONFIG: the settings file in the platform's config dir is the one read."""
    import platformdirs

    monkeypatch.delenv("SR_TUI_CONFIG", raising=False)
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(tmp_path / "cfg"))
    email = tmp_path / "email.txt"
    email.write_text(
        "Subject: Logs for SR 1\n\nHi,\n\nPlease send the logs asap.\n\nBest regards,\nSam\n"
    )
    from sr_tui.cli import main

    assert main(["lint", str(email)]) == 1
    assert "SR006" in capsys.readouterr().out
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "config.toml").write_text('[lint]\ndisable = ["SR006"]\n')
    assert main(["lint", str(email)]) == 0
    assert "SR006" not in capsys.readouterr().out
