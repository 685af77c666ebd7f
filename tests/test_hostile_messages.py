"""What sr-tui says about hostile settings and templates (issue 11, items 3, 5, 11, 13, 16,
17): unit tests of the messages; tests/hostile/ runs the same attacks through the CLI."""

from __future__ import annotations

import os
import sys
import time

import pytest

from sr_tui.core.handoff import opener
from sr_tui.core.handoff.clipboard import CopyOutcome
from sr_tui.core.handoff.mailto import open_in_mail_client
from sr_tui.core.settings import Settings
from sr_tui.core.templates.catalog import FolderProblem, load_catalog, load_user_catalog
from sr_tui.core.templates.model import Email
from sr_tui.keymap import checked_keymap, is_key
from sr_tui.notices import copy_notice, mail_notice

TEMPLATE = """\
id = "Z1"
category = "A"
title = {title}
fields = ["sr_number", "items"]
subject = "{{{{ sr_number }}}}"
body = '''
{{% for item in items %}}
- {{{{ item }}}}
{{% endfor %}}
'''

[field.items]
label = "Items"
kind = "list"
placeholder = {placeholder}
"""


def write_template(tmp_path, title='"Z"', placeholder='["[Item 1]"]'):
    (tmp_path / "z1.toml").write_text(
        TEMPLATE.format(title=title, placeholder=placeholder), encoding="utf-8"
    )


# -- templates ---------------------------------------------------------------------------


@pytest.mark.parametrize("placeholder", ["5", "[5, 6]", "{ a = 1 }", "true"])
def test_a_list_placeholder_that_is_not_text_is_the_files_problem(tmp_path, placeholder):
    write_template(tmp_path, placeholder=placeholder)
    catalog = load_catalog([tmp_path])
    assert len(catalog.templates) == 31  # the others load
    (error,) = catalog.errors
    assert error.path.name == "z1.toml" and "placeholder" in error.message


def test_a_title_with_control_characters_is_the_files_problem(tmp_path):
    write_template(tmp_path, title='"Evil\\u001b]2;pwned\\u0007"')
    (error,) = load_catalog([tmp_path]).errors
    assert "'title' holds control characters (\\u001b, \\u0007)" in error.message
    assert error.line == 3


def test_a_title_with_markup_loads_as_it_is(tmp_path):
    write_template(tmp_path, title='"Close [/] [@click=app.quit]now[/]"')
    catalog = load_catalog([tmp_path])
    assert not catalog.errors
    assert catalog.get("Z1").title == "Close [/] [@click=app.quit]now[/]"


def test_deeply_nested_jinja_is_the_files_problem(tmp_path):
    body = "{% if 1 %}" * 3000 + "{{ sr_number }}" + "{% endif %}" * 3000
    (tmp_path / "deep.toml").write_text(
        f'id = "Z2"\ncategory = "A"\ntitle = "t"\nfields = ["sr_number"]\n'
        f'subject = "s {{{{ sr_number }}}}"\nbody = "{body}"\n',
        encoding="utf-8",
    )
    (error,) = load_catalog([tmp_path]).errors
    assert error.path.name == "deep.toml"


def test_a_missing_template_folder_says_where_it_was_configured(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    missing = tmp_path / "gone"
    catalog = load_user_catalog(Settings(template_dirs=(str(missing),)), config)
    (problem,) = catalog.folder_problems
    assert isinstance(problem, FolderProblem) and not catalog.file_problems
    assert str(problem) == (
        f"{missing}: template folder does not exist (set in template_dirs in {config})"
    )
    monkeypatch.setenv("SR_TUI_TEMPLATES", str(missing))
    (problem,) = load_user_catalog(Settings(), config).folder_problems
    assert f"(set in SR_TUI_TEMPLATES={missing})" in str(problem)


# -- keymap ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        ("ctrl+q", True),
        ("f5", True),
        ("ctrl+shift+up", True),
        ("question_mark", True),
        ("?", True),
        ("plus", True),
        ("ctrl+banana+++", False),
        ("banana", False),
        ("ctrl+", False),
        ("ctrl+ctrl+a", False),
        ("", False),
        ("hyper+f1", True),
    ],
)
def test_keys_are_checked_against_textuals_key_names(key, valid):
    assert is_key(key) is valid


def test_an_invalid_key_and_a_duplicate_keep_the_defaults():
    keymap, problems = checked_keymap({"quit": "ctrl+banana+++", "copy": "ctrl+q", "help": "f12"})
    assert keymap == {"help": "f12"}
    assert [(p.kind, p.binding_id, p.key, p.other) for p in problems] == [
        ("invalid", "quit", "ctrl+banana+++", ""),
        ("duplicate", "copy", "ctrl+q", "quit"),
    ]


def test_quit_always_has_a_key():
    keymap, problems = checked_keymap({"quit": "ctrl+y"})  # copy's key: a clash
    assert "quit" not in keymap and problems[0].other == "copy"
    keymap, _ = checked_keymap({"quit": "ctrl+y", "copy": "ctrl+o"})  # a swap is fine
    assert keymap == {"quit": "ctrl+y", "copy": "ctrl+o"}


def test_two_overrides_on_one_key_keep_the_first():
    keymap, problems = checked_keymap({"copy": "f11", "new_case": "f11"})
    assert keymap == {"copy": "f11"} and problems[0].binding_id == "new_case"


# -- handoff messages --------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="a fake xdg-open")
def test_an_opener_that_hangs_is_still_starting_not_opened(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "xdg-open"
    tool.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(opener, "OPEN_TIMEOUT", 0.5)
    monkeypatch.setattr(opener.system_opener, "__defaults__", (0.5,))
    started = time.monotonic()
    outcome = open_in_mail_client(Email("A1", "s", "b"))
    assert time.monotonic() - started < 5
    assert not outcome.opened and outcome.pending
    assert "xdg-open had not answered after 0.5 s" in outcome.reason
    notice = mail_notice(outcome, "en")
    assert notice.severity == "warning" and "Opened" not in notice.message


def test_a_copy_whose_file_could_not_be_written_does_not_say_saved_to_none():
    outcome = CopyOutcome("terminal", None, "no tool; the clipboard file could not be written")
    notice = copy_notice(outcome, "what_email", "en")
    assert "None" not in notice.message and "could not be saved to a file" in notice.message


def test_an_app_that_stopped_on_an_error_does_not_exit_0(monkeypatch):
    import sr_tui.launch
    from sr_tui.cli import ExitStatus, main

    monkeypatch.setattr(sr_tui.launch, "run_app", lambda: 1)  # Textual's code for a crash
    assert main([]) == ExitStatus.INTERNAL_ERROR
    monkeypatch.setattr(sr_tui.launch, "run_app", lambda: 0)
    assert main([]) == ExitStatus.OK
