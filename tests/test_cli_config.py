"""`sr-tui config`: path, show, set, edit, with clear errors and no lost files."""

from __future__ import annotations

import os
import sys

import pytest

from sr_tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "conf" / "config.toml"
    monkeypatch.setenv("SR_TUI_CONFIG", str(path))
    return path


def test_path(capsys, config):
    assert run(capsys, "config", "path") == (0, f"{config}\n", "")


def test_set_then_show(capsys, config):
    assert run(capsys, "config", "set", "your_name", "Sam Lee")[0] == 0
    assert run(capsys, "config", "set", "lint.sentence_max_words", "30")[0] == 0
    assert run(capsys, "config", "set", "keymap.copy", "ctrl+shift+y")[0] == 0
    assert config.read_text(encoding="utf-8") == (
        'your_name = "Sam Lee"\n\n[lint]\nsentence_max_words = 30\n\n[keymap]\ncopy = "ctrl+shift+y"\n'
    )
    code, out, _ = run(capsys, "config", "show")
    assert code == 0
    assert (
        'your_name = "Sam Lee"' in out
        and 'language = "en"' in out
        and "sentence_max_words = 30" in out
    )


def test_set_takes_a_comma_list_for_a_list_of_rules(capsys, config):
    """`config set lint.disable SR013` used to need TOML: '["SR013"]'."""
    assert run(capsys, "config", "set", "lint.disable", "SR013")[0] == 0
    assert config.read_text(encoding="utf-8") == '[lint]\ndisable = ["SR013"]\n'
    assert run(capsys, "config", "set", "lint.disable", "SR013, weak-intensifier,SR015")[0] == 0
    assert "SR015" in config.read_text(encoding="utf-8")
    assert run(capsys, "config", "set", "lint.accept", "as soon as they reply")[0] == 0
    assert 'accept = ["as soon as they reply"]' in config.read_text(encoding="utf-8")
    # TOML still works.
    assert run(capsys, "config", "set", "lint.enable", '["passive-voice"]')[0] == 0


def test_set_your_email_is_checked_like_an_address(capsys, config):
    assert run(capsys, "config", "set", "your_email", "sam.lee@example.com")[0] == 0
    code, _, err = run(capsys, "config", "set", "your_email", "sam at example")
    assert code == 2 and "is not an email address" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["config", "set", "your_nmae", "x"],
            "unknown setting 'your_nmae' (did you mean 'your_name'?)",
        ),
        (["config", "set", "language", "fr"], "'language' must be one of en, zh"),
        (["config", "set", "lint.sentence_max_words", "0"], "expected a positive integer"),
        (["config", "set", "lint.disable", '["SR999"]'], "unknown rule 'SR999'"),
        (["config", "bogus"], "invalid choice: 'bogus'"),
        (["config", "set", "your_name"], "the following arguments are required: VALUE"),
    ],
)
def test_set_errors_exit_2_and_write_nothing(capsys, config, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err
    assert not config.exists()


def test_set_refuses_to_overwrite_a_broken_file(capsys, config):
    config.parent.mkdir(parents=True)
    config.write_text('your_name = "Sam\n', encoding="utf-8")
    code, _, err = run(capsys, "config", "set", "your_team", "Linux")
    assert code == 1
    assert f"{config}:1: invalid TOML" in err and "fix them first" in err
    assert config.read_text(encoding="utf-8") == 'your_name = "Sam\n'


def test_show_reports_problems_with_path_and_line(capsys, config):
    config.parent.mkdir(parents=True)
    config.write_text('your_team = "Linux"\nlanguage = 3\n', encoding="utf-8")
    code, out, err = run(capsys, "config", "show")
    assert code == 1
    assert f"{config}:2: 'language' must be one of en, zh" in err
    assert 'your_team = "Linux"' in out


def test_edit_runs_the_editor_on_the_file_and_checks_it(capsys, config, tmp_path, monkeypatch):
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write('your_team = 5\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    code, _, err = run(capsys, "config", "edit")
    assert code == 1
    assert "'your_team' must be text" in err
    assert config.read_text(encoding="utf-8").endswith("your_team = 5\n")


def test_edit_with_a_missing_editor(capsys, config, monkeypatch):
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    code, _, err = run(capsys, "config", "edit")
    assert code == 2 and "cannot start /nonexistent/editor" in err


def test_render_takes_the_signature_from_settings(capsys, config):
    run(capsys, "config", "set", "your_name", "Sam Lee")
    run(capsys, "config", "set", "your_team", "Linux")
    code, out, _ = run(capsys, "render", "A3")
    assert code == 0 and out.endswith("Best regards,\nSam Lee\nLinux Support\n")
    code, out, _ = run(capsys, "render", "A3", "--set", "your_name=Bo")
    assert code == 0
    assert out.endswith("Bo\nLinux Support\n")


def test_no_config_means_seed_placeholders(capsys, config):
    assert not config.exists() and os.environ["SR_TUI_CONFIG"] == str(config)
    code, out, _ = run(capsys, "render", "A3")
    assert code == 0
    assert out.endswith("[Your Name]\n[Your Team] Support\n")


def test_show_masks_the_password_of_database_url(capsys, config):
    url = "postgresql://ann:hunter2-s3cret@db.example.com/srtui?sslmode=require"
    assert run(capsys, "config", "set", "database_url", url)[0] == 0
    code, out, err = run(capsys, "config", "show")
    assert code == 0, err
    assert "hunter2-s3cret" not in out + err
    assert 'database_url = "postgresql://ann:***@db.example.com/srtui?sslmode=require"' in out
    assert "hunter2-s3cret" in config.read_text(encoding="utf-8")  # the file keeps it
