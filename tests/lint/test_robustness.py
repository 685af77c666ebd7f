"""The grammar and the linter never raise, and stay linear on hostile input.

No timing assertion: hypothesis' `deadline` fails an example that takes seconds. A
linear lint of 20,000 characters takes well under half a second here; a quadratic
pattern takes many seconds on the same input (16,000 spaces used to take 8 s in SR018).
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sr_tui.core import text as grammar
from sr_tui.core.lint import LintConfig, apply_fix, lint

#: Every Unicode code point, lone surrogates included.
ANY_CHAR = st.characters(blacklist_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=300)
LINE_FUNCTIONS = (
    grammar.is_greeting,
    grammar.split_greeting,
    grammar.greeting_kind,
    grammar.is_role,
    grammar.is_bullet,
    grammar.bullet_text,
    grammar.is_closing,
    grammar.is_house_closing,
    grammar.closing_name,
    grammar.is_signature_line,
    grammar.is_signature_separator,
    grammar.is_history_marker,
    grammar.is_reply_marker,
    grammar.is_disclaimer,
)
#: One unit of each character class, and the structures that drive the parser; a run is
#: a unit repeated.
RUN_UNITS = [
    *" \t\n\r\u00a0\u200b\x00",
    *".!?,:;-_=*#><[]{}()\"'“”‘’`~|/\\@$%&+^",
    *"xXaAzZ0159éİß数字。！🎉—–…",
    "\r\n", "a.", ". ", "A ", "1-", "ab ", "\n ", " \n", "x ", "[a", "“a", "'a", "a'", '"a',
    "e.g. ", "Mr. ", "1:", "12:00 ", "1-2 ", "A.", "AB ", "ABC ", "a!", "a?", "!?", "x\n",
    "_ ", "- a\n", "> a\n", "-- \n", "soon ", "please ", "please send ", "you need to ",
    "Thanks,\n", "Hi,\n", "Dear ", "On a wrote:\n", "From: a\n", "| a ", "a  b\n", "\t\n",
    " .", "a , ", "http://a.b/", "a@b.c ", "<a>", "{a}", "{{a}} ", "[A] ", "TODO ", "xxx ",
    "in a few days ", "for a while ", "and check ", "Restart the server. ",
    "If x, please do y. ", "Best regards,\n", "Sam Lee\n", "UPDATE: ", "RESOLVED ",
    "confidential intended recipient ", "as soon as ", "the the ", "    sudo x\n", "```\n",
]  # fmt: skip
PLACES = ("raw", "body", "subject", "greeting", "signature", "history")


def place(run: str, where: str) -> str:
    if where == "raw":
        return run
    if where == "subject":
        return f"Subject: {run}\n\nHi,\n\nThe patch is out.\n\nBest regards,\nSam\n"
    if where == "greeting":
        return f"Subject: Patch\n\nHi {run},\n\nThe patch is out.\n\nBest regards,\nSam\n"
    if where == "signature":
        return f"Subject: Patch\n\nHi,\n\nThe patch is out.\n\nBest regards,\n{run}\n"
    if where == "history":
        return f"Subject: Patch\n\nHi,\n\nOut.\n\nBest regards,\nSam\n\nOn Mon, A wrote:\n{run}"
    return f"Subject: Patch\n\nHi Alice,\n\n{run}\n\nBest regards,\nSam Lee\nLinux Support\n"


def _consistent(text: str, **kw) -> None:
    for f in lint(text, **kw):
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.match
        if f.fix is not None:
            assert isinstance(apply_fix(text, f), str)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_grammar_line_functions_never_raise(line):
    for fn in LINE_FUNCTIONS:
        fn(line)
    g = grammar.split_greeting(line)
    assert g.kind in ("none", "name", "role", "blank", "placeholder", "other")
    if grammar.is_bullet(line):
        assert grammar.bullet_text(line) is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(ANY_TEXT, st.sampled_from(RUN_UNITS)), max_size=30))
def test_grammar_line_list_functions_never_raise(lines):
    n = len(lines)
    o = grammar.outline(lines)
    assert 0 <= o.body <= n and o.footer <= n
    assert -1 <= o.greeting < n and -1 <= o.closing < n
    assert o.signature <= o.footer or o.signature == n
    for start in range(min(n, 3)):
        assert start <= grammar.footer_start(lines, start) <= n or n == 0
        assert grammar.signature_start(lines, start) <= n
        assert -1 <= grammar.closing_index(lines, start) < n


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_lint_never_raises_on_any_unicode(text):
    _consistent(text)
    _consistent(text, mode="template")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(RUN_UNITS), max_size=60).map("".join), st.sampled_from(PLACES))
def test_lint_never_raises_on_mixed_structure(text, where):
    _consistent(place(text, where), config=LintConfig(enable=frozenset({"SR019"})))


@settings(
    max_examples=120,
    deadline=timedelta(seconds=4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
@given(st.sampled_from(RUN_UNITS), st.integers(4_000, 20_000), st.sampled_from(PLACES))
def test_long_runs_of_every_character_class_lint_in_bounded_time(unit, size, where):
    run = (unit * (size // len(unit) + 1))[:size]
    lint(place(run, where), config=LintConfig(enable=frozenset({"SR019"}), require_dates=True))
    lines = run.split("\n")
    grammar.outline(lines)
    for line in lines[:50]:
        for fn in LINE_FUNCTIONS:
            fn(line)


@settings(max_examples=4, deadline=timedelta(seconds=4), derandomize=True)
@given(st.sampled_from(PLACES[:2]), st.sampled_from([" ", "\u00a0", "\t", " \t"]))
def test_sixteen_thousand_spaces(where, unit):
    """The known case: SR018 was quadratic on a run of spaces (16,000 took 8 s)."""
    run = (unit * 16_000)[:16_000]
    for text in (place("A" + run + "B", where), place("A" + run, where), run):
        lint(text)
