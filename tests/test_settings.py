"""Settings: TOML round trip, every malformed case reported with the file untouched,
atomic writes."""

from __future__ import annotations

import os
import re

import pytest

from sr_tui.core import atomic, tomlfile
from sr_tui.core.settings import Settings, load_settings
from sr_tui.core.settings_set import merged, parse_setting
from sr_tui.core.settings_write import save_settings

FULL = Settings(
    your_name="Sam Lee",
    your_team="Linux",
    language="zh",
    copy_layout="as-written",
    template_dirs=("/srv/templates", "~/mine"),
    export_dir="~/Mail drafts",
    lint={"disable": ["SR013"], "sentence_max_words": 30, "severity": {"SR006": "warning"}},
    keymap={"copy": "ctrl+shift+y"},
)


def test_round_trip_through_toml(tmp_path):
    path = tmp_path / "config.toml"
    save_settings(FULL, path)
    loaded = load_settings(path)
    assert loaded.problems == ()
    assert loaded.settings == FULL


def test_defaults_when_there_is_no_file(tmp_path):
    loaded = load_settings(tmp_path / "none.toml")
    assert loaded.settings == Settings() and not loaded.exists and not loaded.broken


def test_the_path_comes_from_sr_tui_config(tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_CONFIG", str(tmp_path / "c.toml"))
    save_settings(Settings(your_name="A"))
    assert (tmp_path / "c.toml").read_text(encoding="utf-8") == 'your_name = "A"\n'


MALFORMED = [
    ("bad-toml", b'your_name = "Sam\nyour_team = "Linux"\n', "invalid TOML", 1, Settings()),
    (
        "wrong-type",
        b'your_name = 42\nyour_team = "Linux"\n',
        "'your_name' must be text",
        1,
        Settings(your_team="Linux"),
    ),
    (
        "bad-choice",
        b'your_team = "Linux"\nlanguage = "fr"\n',
        "'language' must be one of en, zh",
        2,
        Settings(your_team="Linux"),
    ),
    (
        "unknown-key",
        b'your_name = "Sam"\nyour_nmae = "x"\n',
        "unknown key 'your_nmae' (did you mean 'your_name'?)",
        2,
        Settings(your_name="Sam"),
    ),
    ("not-utf8", b'your_name = "\xff"\n', "not UTF-8", None, Settings()),
    (
        "bad-lint",
        b'[lint]\nsentence_max_words = "many"\ndisable = ["SR013"]\n',
        "lint.sentence_max_words: expected a positive integer",
        1,
        Settings(lint={"sentence_max_words": "many", "disable": ["SR013"]}),
    ),
    ("bad-keymap", b"[keymap]\ncopy = 3\n", "[keymap] must map binding ids to keys", 1, Settings()),
]


@pytest.mark.parametrize(
    ("name", "content", "message", "line", "expected"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_config_is_reported_and_left_untouched(
    tmp_path, name, content, message, line, expected
):
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    loaded = load_settings(path)
    assert loaded.broken
    problem = loaded.problems[0]
    assert message in problem.message
    assert problem.line == line
    assert str(problem).startswith(str(path))
    assert loaded.settings == expected  # defaults for what is broken, the rest kept
    assert path.read_bytes() == content and path.stat().st_mtime_ns == before


def test_a_directory_where_the_file_should_be(tmp_path):
    path = tmp_path / "config.toml"
    path.mkdir()
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert "is a directory" in str(loaded.problems[0])
    assert path.is_dir()


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can read anything"
)
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('your_name = "Sam"\n', encoding="utf-8")
    path.chmod(0)
    try:
        loaded = load_settings(path)
        assert "cannot read" in str(loaded.problems[0])
    finally:
        path.chmod(0o600)


def test_an_unreadable_file_via_oserror(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text('your_name = "Sam"\n', encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tomlfile, "read_limited", refuse)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert "cannot read: Permission denied" in str(loaded.problems[0])


def test_a_failure_mid_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    save_settings(Settings(your_name="Old"), path)
    original = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", crash)
    with pytest.raises(OSError, match="No space left"):
        save_settings(Settings(your_name="New"), path)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # no temp file left


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("your_name", "Sam Lee", ("your_name", "Sam Lee")),
        ("language", "zh", ("language", "zh")),
        ("copy_layout", "as-written", ("copy_layout", "as-written")),
        ("template_dirs", f"/a{os.pathsep}/b", ("template_dirs", ["/a", "/b"])),
        ("lint.sentence_max_words", "30", ("lint", {"sentence_max_words": 30})),
        ("lint.severity.SR006", '"warning"', ("lint", {"severity": {"SR006": "warning"}})),
        ("keymap.copy", "ctrl+shift+y", ("keymap", {"copy": "ctrl+shift+y"})),
        # A list of rules or phrases takes commas; TOML still works.
        ("lint.disable", "SR013", ("lint", {"disable": ["SR013"]})),
        ("lint.disable", "SR013, SR015", ("lint", {"disable": ["SR013", "SR015"]})),
        ("lint.disable", '["SR013"]', ("lint", {"disable": ["SR013"]})),
        ("lint.acronyms", "OCFS,EXADATA", ("lint", {"acronyms": ["OCFS", "EXADATA"]})),
        ("your_email", "sam.lee@example.com", ("your_email", "sam.lee@example.com")),
    ],
)
def test_parse_setting(key, text, expected):
    assert parse_setting(key, text) == expected


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("your_nam", "x", "unknown setting 'your_nam' (did you mean 'your_name'?)"),
        ("language", "fr", "must be one of en, zh"),
        ("copy_layout", "wide", "must be one of flowed, as-written"),
        ("your_name.first", "x", "unknown setting"),
        ("your_email", "Sam Lee", "is not an email address"),
    ],
)
def test_parse_setting_errors(key, text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_setting(key, text)


def test_merged_lint_values_are_validated():
    with pytest.raises(ValueError, match="positive integer"):
        merged(Settings(), "lint", {"sentence_max_words": 0})
    s = merged(Settings(lint={"disable": ["SR013"]}), "lint", {"sentence_max_words": 30})
    assert s.lint == {"disable": ["SR013"], "sentence_max_words": 30}


def test_signature_values():
    assert Settings(your_name="Sam", your_team="").signature() == {"your_name": "Sam"}


def test_your_email_is_checked_when_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('your_name = "Sam"\nyour_email = "sam at example"\n', encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.your_email == "" and loaded.settings.your_name == "Sam"
    assert "is not an email address" in str(loaded.problems[0])
    assert loaded.problems[0].line == 2
    good = Settings(your_name="Sam", your_email="sam@example.com")
    assert good.signature() == {"your_name": "Sam", "your_email": "sam@example.com"}
