"""`[lint]` table parsing and loading from $SR_TUI_CONFIG (report, never raise)."""

from __future__ import annotations

import pytest

from sr_tui.core.lint import LintConfig, load_lint_config


def test_defaults():
    cfg = LintConfig()
    assert (cfg.sentence_max_words, cfg.paragraph_max_sentences) == (25, 4)
    assert (cfg.paragraph_max_words, cfg.subject_max_chars) == (70, 70)
    assert cfg.level("SR019") == "off" and cfg.level("SR006") == "error"


def test_full_table():
    cfg, problems = LintConfig.from_table(
        {
            "disable": ["SR013", "weak-intensifier", "whitespace"],
            "enable": ["passive-voice"],
            "severity": {"SR006": "warning", "hedging": "off"},
            "sentence_max_words": 30,
            "paragraph_max_sentences": 5,
            "paragraph_max_words": 90,
            "subject_max_chars": 80,
            "accept": ["as soon as the vendor replies"],
            "acronyms": ["RHEL"],
            "vocab": {"accept": ["in due course"], "acronyms": ["OCFS"]},
            "emoji": False,
            "require_dates": True,
            "passive_focus": True,
        }
    )
    assert problems == []
    assert cfg.disable == frozenset({"SR013", "SR018"})
    assert cfg.level("SR019") == "suggestion"
    assert cfg.level("SR006") == "warning" and cfg.level("SR012") == "off"
    assert cfg.accept == ("as soon as the vendor replies", "in due course")
    assert cfg.acronyms == ("RHEL", "OCFS")
    assert (cfg.emoji, cfg.require_dates, cfg.passive_focus) == (False, True, True)


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"sentence_max_words": "many"}, "lint.sentence_max_words: expected a positive integer"),
        ({"sentence_max_words": 0}, "lint.sentence_max_words: expected a positive integer"),
        ({"disable": ["SR999"]}, "lint.disable: unknown rule 'SR999'"),
        ({"disable": "SR001"}, "lint.disable: expected a list of strings"),
        ({"severity": {"SR006": "fatal"}}, "lint.severity.SR006: expected one of"),
        ({"severity": {"nope": "error"}}, "lint.severity: unknown rule 'nope'"),
        ({"emoji": "yes"}, "lint.emoji: expected true or false"),
        ({"colour": "red"}, "lint.colour: unknown key"),
        ({"vocab": {"words": []}}, "lint.vocab.words: unknown key"),
    ],
)
def test_bad_entries_are_reported_and_skipped(table, problem):
    cfg, problems = LintConfig.from_table(dict(table, paragraph_max_words=50))
    assert any(p.startswith(problem) for p in problems), problems
    assert cfg.paragraph_max_words == 50  # the good entries still apply


def test_not_a_table():
    cfg, problems = LintConfig.from_table(["x"])
    assert cfg == LintConfig() and problems == ["lint: expected a table"]


def test_load_from_env(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text('your_name = "Sam"\n[lint]\ndisable = ["SR013"]\n', encoding="utf-8")
    monkeypatch.setenv("SR_TUI_CONFIG", str(path))
    cfg, problems = load_lint_config()
    assert problems == [] and cfg.disable == frozenset({"SR013"})


def test_missing_file_means_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_CONFIG", str(tmp_path / "nope.toml"))
    assert load_lint_config() == (LintConfig(), [])
    monkeypatch.delenv("SR_TUI_CONFIG")
    assert load_lint_config() == (LintConfig(), [])


def test_malformed_file_is_reported_not_raised(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text("[lint\ndisable = [", encoding="utf-8")
    monkeypatch.setenv("SR_TUI_CONFIG", str(path))
    cfg, [problem] = load_lint_config()
    assert cfg == LintConfig()
    assert problem.startswith(str(path)) and "line 1" in problem


def test_bad_entry_in_file_names_the_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[lint]\nsentence_max_words = -3\n", encoding="utf-8")
    cfg, [problem] = load_lint_config(path)
    assert cfg.sentence_max_words == 25
    assert problem == f"{path}: lint.sentence_max_words: expected a positive integer"
