"""The command line: the DESIGN.md §4 contract, its output and every error path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import expected_text

from sr_tui import __version__
from sr_tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse exits for --version and usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"sr-tui {__version__}"


def test_list_text_groups_by_category(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "A  Case lifecycle" in out
    assert "B2" in out and "A1" in out


def test_list_shows_when_to_use_and_fields_as_the_readme_says(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "When:     You need more data from the customer before you can continue" in out
    assert (
        "Fields:   customer_name, customer_email, sr_number, issue_summary, items, details" in out
    )
    assert "Scenario: I need more information from the customer · 需要客户提供更多信息" in out


def test_list_json_has_the_contract_keys(capsys):
    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 31
    keys = {
        "id",
        "category",
        "title",
        "title_zh",
        "scenario",
        "scenario_zh",
        "when",
        "when_zh",
        "fields",
    }
    assert all(set(row) == keys for row in rows)
    b1 = next(r for r in rows if r["id"] == "B1")
    assert "items" in b1["fields"]


def test_show_lists_fields_with_help(capsys):
    code, out, _ = run(capsys, "show", "a2")
    assert code == 0
    assert "current_status" in out and "testing a fix" in out
    assert "进度更新" in out


def test_show_has_the_recipient_field_and_the_body(capsys):
    code, out, _ = run(capsys, "show", "B2")
    assert code == 0
    assert "customer_email             Customer email" in out  # --set takes it too
    assert "Subject:   Follow-Up — Information Still Needed for {{ sr_number }}" in out
    assert "I am following up on my previous request regarding {{ sr_number }}." in out
    assert "{{ details }}" in out


def test_render_default_is_the_whole_email_as_written(capsys):
    code, out, _ = run(capsys, "render", "A1")
    assert code == 0 and out == expected_text("A1") + "\n"


@pytest.mark.parametrize(
    ("part", "check"),
    [
        ("subject", lambda out: out == "Support Case SR 3-1 Received\n"),
        ("body", lambda out: out.startswith("Hi,\n\nThank you") and "Subject" not in out),
        ("all", lambda out: out.startswith("Subject: Support Case SR 3-1 Received\n\nHi,\n")),
    ],
)
def test_render_parts(capsys, part, check):
    code, out, _ = run(capsys, "render", "A1", "--set", "sr_number=SR 3-1", "--part", part)
    assert code == 0 and check(out), out


def test_render_flowed(capsys):
    code, out, _ = run(capsys, "render", "B4", "--layout", "flowed", "--part", "body")
    assert code == 0
    assert (
        "upload an sosreport from the affected system.\n\nTo generate:\n  sudo sosreport\n" in out
    )


def test_render_list_field_takes_repeated_set(capsys):
    code, out, _ = run(
        capsys, "render", "B1", "--set", "items=sosreport", "--set", "items=uptime output"
    )
    assert code == 0 and "- sosreport\n- uptime output\n\n" in out


def test_render_values_file_and_set_override(capsys, tmp_path):
    values = tmp_path / "case.toml"
    values.write_text(
        'sr_number = "SR 3-7"\nitems = ["a", "b"]\ncustomer_name = "Bo"\n', encoding="utf-8"
    )
    code, out, _ = run(
        capsys, "render", "B1", "--values", str(values), "--set", "customer_name=Ana"
    )
    assert code == 0
    assert out.startswith("Subject: Action Required — Information Needed for SR 3-7\n\nHi Ana,\n")
    assert "- a\n- b\n" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["render", "B22"], "unknown template 'B22'; did you mean B2"),
        (["show", "Q9"], "unknown template 'Q9'"),
        (
            ["render", "A1", "--set", "sr_numbr=1"],
            "has no field 'sr_numbr'; did you mean sr_number?",
        ),
        (["render", "A1", "--set", "sr_number"], "--set needs FIELD=VALUE"),
        (["render", "A1", "--set", "=x"], "--set needs FIELD=VALUE"),
        (
            ["render", "A1", "--values", "/nonexistent/case.toml"],
            "cannot read /nonexistent/case.toml",
        ),
        (["render", "A1", "--part", "head"], "invalid choice: 'head'"),
        (["render", "A1", "--layout", "wide"], "invalid choice: 'wide'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["render"], "the following arguments are required: ID"),
        (["templates", "check", "/nonexistent/dir"], "is not a directory"),
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert out == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('sr_number = "x\n', "invalid TOML"),
        ('bogus = "x"\n', "no template has a field 'bogus'"),
        ('sr_numbr = "x"\n', "did you mean sr_number"),
        ("[sr_number]\nx = 1\n", "'sr_number' must be text or a list of text"),
    ],
)
def test_bad_values_files_exit_2(capsys, tmp_path, content, message):
    path = tmp_path / "v.toml"
    path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "render", "A1", "--values", str(path))
    assert code == 2 and message in err and str(path) in err


def test_a_case_values_file_serves_every_template(capsys):
    from conftest import FIXTURES

    for template_id in ("A1", "B1", "G4"):
        code, out, _ = run(
            capsys, "render", template_id, "--values", str(FIXTURES / "realistic_values.toml")
        )
        assert code == 0 and "[" not in out


def test_oversized_value_is_a_usage_error(capsys):
    code, _, err = run(capsys, "render", "A1", "--set", "issue_summary=" + "x" * 200_000)
    assert code == 2 and "limit" in err


def test_templates_check_builtin_is_clean(capsys):
    code, out, _ = run(capsys, "templates", "check")
    assert code == 0 and "31 template files checked, all good" in out


def test_templates_check_reports_a_broken_user_file(capsys, tmp_path):
    (tmp_path / "bad.toml").write_text('id = "Z1"\n', encoding="utf-8")
    (tmp_path / "good.toml").write_text(
        'id = "Z2"\ncategory = "A"\ntitle = "t"\nfields = ["sr_number"]\n'
        'subject = "Disk replacement for {{ sr_number }}"\n'
        'body = "Hi,\\n\\nThe new disk ships today.\\n\\nBest regards,\\nSam"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "templates", "check", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'bad.toml'}: missing required keys" in out
    assert "2 template files checked, 1 problem" in out


def test_broken_user_templates_warn_but_render_still_works(capsys, tmp_path, monkeypatch):
    (tmp_path / "bad.toml").write_text("not toml", encoding="utf-8")
    monkeypatch.setenv("SR_TUI_TEMPLATES", str(tmp_path))
    code, out, err = run(capsys, "render", "G5")
    assert code == 0 and out == expected_text("G5") + "\n"
    assert "1 template file could not be loaded" in err and "sr-tui templates check" in err


def test_templates_check_lints_user_templates_in_template_mode(capsys, tmp_path):
    (tmp_path / "z.toml").write_text(
        'id = "Z1"\ncategory = "A"\ntitle = "Chase"\nfields = ["sr_number"]\n'
        "subject = \"Update on {{ sr_number }}\"\nbody = '''\nHey,\n\nWe will fix {{ sr_number }} soon.\n\n"
        "Best regards,\nSam\n'''\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "templates", "check", str(tmp_path))
    assert code == 1
    # The line and column in the file (7: "Hey,"; 9: "We will fix {{ sr_number }} soon."),
    # not in the rendered email.
    assert f"{tmp_path / 'z.toml'}:7:1: error SR003" in out
    assert f"{tmp_path / 'z.toml'}:9:29: error SR006 'soon'" in out
    assert "email 3:1" not in out
    assert "SR005" not in out  # its own [SR Number] placeholder is expected in a template
    assert "1 template file checked, 2 problems" in out


def test_lint_on_a_terminal_says_it_reads_standard_input(capsys, monkeypatch):
    """`sr-tui lint` with no file used to wait in silence when stdin is a terminal."""
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    email = "Subject: Update on SR 1\n\nHi,\n\nAll good.\n\nBest regards,\nSam\n"
    monkeypatch.setattr("sys.stdin", Terminal(email))
    code, _, err = run(capsys, "lint")
    assert code == 0
    assert "reading the email from the terminal" in err and "ctrl+d" in err
    # Piped, it says nothing extra.
    monkeypatch.setattr("sys.stdin", io.StringIO(email))
    code, _, err = run(capsys, "lint")
    assert code == 0 and err == ""


def test_no_command_opens_the_app_without_building_the_commands_parsers():
    """`sr-tui` alone starts the app at once: the dozen command modules are not imported
    (they cost a start some 30 ms)."""
    out = _fresh_python(
        "import sys, sr_tui.cli as cli\n"
        "cli.launch_app = lambda: 0\n"
        "status = cli.main([])\n"
        "print(status, sorted(m for m in sys.modules if m.startswith('sr_tui.cli.')))\n"
    )
    assert out.split(" ", 1) == ["0", "['sr_tui.cli.common']\n"]


def test_each_command_is_in_the_family_that_registers_it():
    """`COMMAND_FAMILIES` (a command line builds its own family's parser only) names
    every command, each with the family module whose `add_parser` adds it."""
    import argparse
    import importlib

    from sr_tui import cli

    registered = {}
    for family in cli.FAMILIES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"sr_tui.cli.{family}").add_parser(sub)
        registered.update(dict.fromkeys(sub.choices, family))
    assert registered == cli.COMMAND_FAMILIES


def test_a_command_builds_its_own_family_only(tmp_path):
    """`sr-tui lint FILE` imports the lint command's module, not the eleven others (the
    case commands bring the case model, the templates' the catalog): its start was 0.5x
    and more of Textual's import, its budget."""
    email = tmp_path / "email.txt"
    email.write_text("Subject: Update on SR 1\n\nHi,\n\nAll good.\n\nBest regards,\nSam\n")
    out = _fresh_python(
        "import sys, sr_tui.cli as cli\n"
        f"status = cli.main(['lint', {str(email)!r}])\n"
        "print(status, sorted(m for m in sys.modules if m.startswith('sr_tui.cli.')))\n"
        "print('sr_tui.core.cases.model' in sys.modules, 'sr_tui.core.templates.model' in sys.modules)\n"
    )
    assert out.endswith("['sr_tui.cli.common', 'sr_tui.cli.lint']\nFalse False\n"), out


def test_render_checks_timeframes_only_when_one_is_typed():
    """`sr-tui render A1` with nothing typed in a timeframe or date field loads neither
    the timeframe grammar nor the business calendar (about 30 ms of a 0.5x budget); with
    one typed that does not fit its sentence, it still warns."""
    code = (
        "import sys, sr_tui.cli as cli\n"
        "status = cli.main([{args}])\n"
        "print(status, 'sr_tui.core.cases.promises' in sys.modules)\n"
    )
    out = _fresh_python(code.format(args="'render', 'A1', '--set', 'customer_name=Alice'"))
    assert out.endswith("0 False\n"), out
    done = subprocess.run(
        [sys.executable, "-m", "sr_tui", "render", "A2", "--set", "eta=2 business days"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "warning: eta: '2 business days' after 'by'" in done.stderr


@pytest.mark.parametrize("argv", [["--help"], ["lint", "--help"], ["assign", "--help"]])
def test_help_still_lists_what_it_lists(capsys, argv):
    """The whole list of commands for `--help`; a command's own help for its own."""
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    out = capsys.readouterr().out
    if argv == ["--help"]:
        assert all(command in out for command in ("lint", "render", "case", "assign", "db"))
    else:
        assert out.startswith(f"usage: sr-tui {argv[0]}")


def test_the_app_starts_with_the_collector_paused_and_ends_with_it_running():
    """`launch_app` pauses garbage collection for the start (`start_gc`; the app resumes
    it at its first frame); an app that stops before that frame resumes it too."""
    out = _fresh_python(
        "import gc, sr_tui.launch as launch\n"
        "from sr_tui.cli import launch_app\n"
        "seen = []\n"
        "launch.run_app = lambda: seen.append(gc.isenabled()) or 0\n"
        "print(launch_app(), seen, gc.isenabled())\n"
    )
    assert out == "0 [False] True\n"


def _fresh_python(code: str) -> str:
    """What `code` prints in a new interpreter (which must succeed)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout
