"""Saving settings edits the user's file in place (issue 11, items 8, 9, 10).

Comments, order, keys sr-tui does not write, the mode and a symlink to the file all
survive `config set` and the settings screen; backups of a broken file are never
overwritten.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import replace

import pytest
from test_cli import run

from sr_tui.core import locations
from sr_tui.core.settings import Settings, load_settings, settings_from_table
from sr_tui.core.settings_write import (
    SettingsWriteError,
    backup_file,
    edited_settings_text,
    save_settings,
)

COMMENTED = """\
# My sr-tui settings (kept in my dotfiles)
your_name = "Sam Lee"   # as customers know me
your_team = "Linux"

# language = "zh"   (some day)

[lint]
# SR013 is noise for us
disable = ["SR013"]
sentence_max_words = 30

[keymap]
copy = "ctrl+o"   # like my editor
"""


def config_with(text: str, mode: int = 0o644):
    path = locations.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def load_settings_of(text: str) -> Settings:
    settings, problems = settings_from_table(tomllib.loads(text))
    assert not problems
    return settings


def test_one_setting_changes_and_nothing_else():
    changed = replace(load_settings_of(COMMENTED), your_team="Storage")
    out = edited_settings_text(COMMENTED, changed)
    assert out == COMMENTED.replace('your_team = "Linux"', 'your_team = "Storage"')


def test_a_new_setting_is_added_and_a_table_entry_merged():
    settings = load_settings_of(COMMENTED)
    changed = replace(
        settings,
        copy_layout="as-written",
        lint={**settings.lint, "disable": ["SR013", "SR015"]},
        keymap={},
    )
    out = edited_settings_text(COMMENTED, changed)
    assert "# My sr-tui settings" in out and "# SR013 is noise for us" in out
    assert "# as customers know me" in out and '# language = "zh"   (some day)' in out
    assert load_settings_of(out) == changed
    assert out.index("your_name") < out.index("your_team") < out.index("[lint]")


def test_config_set_keeps_comments_order_and_mode(capsys):
    path = config_with(COMMENTED, 0o644)
    code, _, err = run(capsys, "config", "set", "your_team", "Storage")
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('"Linux"', '"Storage"')
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_config_set_of_a_table_entry_keeps_the_rest(capsys):
    path = config_with(COMMENTED)
    assert run(capsys, "config", "set", "keymap.help", "f3")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert 'copy = "ctrl+o"   # like my editor' in text and 'help = "f3"' in text
    assert text.startswith("# My sr-tui settings")


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_config_set_writes_through_a_symlinked_config(capsys, tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "sr-tui.toml"
    real.write_text(COMMENTED, encoding="utf-8")
    link = locations.config_path()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(real)
    assert run(capsys, "config", "set", "your_name", "Sam")[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert 'your_name = "Sam"   # as customers know me' in real.read_text(encoding="utf-8")


def test_a_file_tomlkit_cannot_parse_is_not_replaced_unless_asked(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('your_name = "Sam\n', encoding="utf-8")
    with pytest.raises(SettingsWriteError, match="cannot edit the settings file in place"):
        save_settings(Settings(your_name="Sam Lee"), path)
    assert path.read_text(encoding="utf-8") == 'your_name = "Sam\n'
    save_settings(Settings(your_name="Sam Lee"), path, replace_unparseable=True)
    assert load_settings(path).settings.your_name == "Sam Lee"


def test_backups_are_numbered_and_never_overwritten(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("first", encoding="utf-8")
    path.chmod(0o644)
    assert backup_file(path).name == "config.toml.bak"
    path.write_text("second", encoding="utf-8")
    assert backup_file(path).name == "config.toml.bak.2"
    assert (tmp_path / "config.toml.bak").read_text() == "first"
    assert (tmp_path / "config.toml.bak.2").read_text() == "second"
    assert stat.S_IMODE((tmp_path / "config.toml.bak.2").stat().st_mode) == 0o644


def test_saving_default_settings_to_a_new_file_writes_little(tmp_path):
    path = tmp_path / "config.toml"
    save_settings(Settings(your_name="A"), path)
    assert path.read_text(encoding="utf-8") == 'your_name = "A"\n'
