"""The sanitiser: any text in, no control character out (except \\n and \\t where kept)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from sr_tui.core.safe_text import (
    controls_in,
    escape_controls,
    has_controls,
    one_line,
    visible,
)

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=["Cs"]), max_size=200)
HOSTILE = st.text(
    st.sampled_from(
        list("ab 中\n\t\r\x1b\x07\x00\x0b\x0c\x1c\x1d\x1e\x7f\x85\x9b\x9d\u2028\u2029\u202e\u2066")
    ),
    max_size=60,
)


def c0_c1(text: str, allowed: str = "") -> list[str]:
    return [c for c in text if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in allowed]


@given(st.one_of(ANY_TEXT, HOSTILE))
def test_visible_keeps_length_and_leaves_no_control_but_newline_and_tab(text):
    out = visible(text)
    assert len(out) == len(text)
    assert c0_c1(out, "\n\t") == []
    assert "\u2028" not in out and "\u2029" not in out and "\u202e" not in out
    assert [c for c in out if c in "\n\t"] == [c for c in text if c in "\n\t"]


@given(st.one_of(ANY_TEXT, HOSTILE))
def test_escape_controls_leaves_no_control_but_newline_and_tab(text):
    out = escape_controls(text)
    assert c0_c1(out, "\n\t") == []
    assert not has_controls(out)
    assert out.count("\n") == text.count("\n")


@given(st.one_of(ANY_TEXT, HOSTILE))
def test_one_line_leaves_no_control_and_no_line_break(text):
    out = one_line(text)
    assert c0_c1(out) == []
    assert len(out.splitlines()) <= 1
    assert not any(unicodedata.category(c) in ("Zl", "Zp") for c in out)


@given(st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=80))
def test_plain_text_is_left_alone(text):
    assert visible(text) == escape_controls(text) == text
    assert one_line(text) == text


@given(st.one_of(ANY_TEXT, HOSTILE))
def test_escaped_text_inside_json_is_the_same_string(text):
    import json

    assert json.loads(escape_controls(json.dumps(text, ensure_ascii=False))) == text


def test_what_a_terminal_would_obey_is_shown_or_written_out():
    title = "SR 1\x1b]2;pwned\x07 \x9b31m"
    assert visible(title) == "SR 1␛]2;pwned␇ ⍰31m"
    assert escape_controls(title) == "SR 1\\u001b]2;pwned\\u0007 \\u009b31m"
    assert controls_in(title) == ["\\u001b", "\\u0007", "\\u009b"]
    assert visible("a\u2028b\x85c") == "a⏎b⏎c"
    assert one_line("Case\r\nBcc: x\x0bY\u2028Z\x1b") == "Case  Bcc: x Y Z"
