"""Property tests: any text lints without error, and every finding is self-consistent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sr_tui.core.lint import LintConfig, apply_fix, lint

from .helpers import email

#: Characters that exercise the parser: structure, quotes, brackets, caps, CJK, emoji.
ALPHABET = st.sampled_from(
    [
        *"abcdeHiSOTXDB .,!?:;-_>[]{}<>\"'\n\t  ",
        *("Subject: ", "Hi,", "Best regards,", "soon", "ASAP", "later", "  ", "\n\n", "- "),
        *("  sudo ", "On Mon wrote:", "[SR Number]", "TODO", "PLEASE", "the the", "5 pm"),
        *("数据", "🎉", "\r\n", "’", "é", "\u00a0", "A.S.A.P."),
    ]
)
STRUCTURED = st.lists(ALPHABET, max_size=80).map("".join)
ANY_TEXT = st.text(max_size=400)


def _check(text: str, **kw) -> None:
    findings = lint(text, **kw)
    ranks = {"error": 0, "warning": 1, "suggestion": 2}
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.match
        line_start = (
            0 if f.line == 1 else [i for i, c in enumerate(text) if c == "\n"][f.line - 2] + 1
        )
        assert f.start - line_start + 1 == f.column
        assert text.count("\n", 0, f.start) == f.line - 1
        assert f.severity in ranks
        if f.fix is not None:
            assert isinstance(apply_fix(text, f), str)
    keys = [(ranks[f.severity], f.start) for f in findings]
    assert keys == sorted(keys)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_unicode_text(text):
    _check(text)


@settings(max_examples=300, deadline=None)
@given(STRUCTURED)
def test_email_like_text(text):
    _check(text)
    _check(text, mode="template")


@settings(max_examples=100, deadline=None)
@given(STRUCTURED)
def test_inside_a_well_formed_email(body):
    _check(email(body), config=LintConfig(enable=frozenset({"SR019"}), require_dates=True))
