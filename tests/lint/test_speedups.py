"""The cheaper paths taken for speed find exactly what the plain ones find."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sr_tui.core.lint import preprocess
from sr_tui.core.lint.rules.paragraphs import paragraph_sentences
from sr_tui.core.lint.splitting import WORD, most_words
from sr_tui.core.text import footer

HERE = Path(__file__).parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((HERE / "corpus").glob("*.txt"))]
TRICKY = [
    "Hi,\n\nOn Mon, Alice WROTE:\nold",
    "Hi,\n\nAlice ſchrieb:\n> alt",
    "Hi,\n\nReply above THİS LINE\n",
    "Hi,\n\nReply above thıs line\n",
    "Hi,\n\nAlice a écrit :\n",
    "Hi,\n\nAlice 写道：\n",
    "Hi,\n\n-- \nSam\nFrom: x\nSent: y\n",
    "plain text, no footer at all\n" * 20,
]


@pytest.mark.parametrize("text", TEXTS + TRICKY)
def test_footer_hints_are_the_full_pattern_s(text):
    cheap = [m.span() for m in footer._footer_hints(text)]
    assert cheap == [m.span() for m in footer._FOOTER_HINT.finditer(text)]


@pytest.mark.parametrize("text", TEXTS[::7])
def test_paragraph_sentences_are_the_sentences_starting_in_the_paragraph(text):
    doc = preprocess.build(text)
    for para in doc.paragraphs + doc.items:
        want = [s for s in doc.sentences if para.start <= s[0] < para.end]
        assert paragraph_sentences(doc, para.start, para.end) == want


def test_the_slashed_pattern_is_the_plain_one_s():
    from sr_tui.core.lint.rules import chatspeak

    plain = re.compile(r"(?:[wW]/[oO]|[bB]/[cC]|[wW]/)(?=[\s\w])(?!\w*/)")
    rng = random.Random(20)
    texts = TEXTS + ["".join(rng.choice("wWbBoOcC/ x.\n_") for _ in range(200)) for _ in range(300)]
    for text in texts:
        got = [m.span() for m in chatspeak._SLASHED.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)], text


# --- the cheap tests taken before a pattern or a count on long texts ------------------

_LINES = [line for text in TEXTS for line in text.split("\n")]
_ANY_LINE = st.text(st.characters(blacklist_characters="\n"), max_size=60)


def _with_lookahead_removed(pattern: re.Pattern[str], prefix: str) -> re.Pattern[str]:
    assert pattern.pattern.startswith(prefix)
    return re.compile(pattern.pattern[len(prefix) :], pattern.flags)


@pytest.mark.parametrize(
    ("module", "name", "prefix"),
    [("timeframe", "_CLOCK", r"(?=\d)"), ("chatspeak", "_EMOTICON", "(?=[:;^<xX])")],
)
def test_a_leading_look_ahead_finds_what_the_pattern_finds_without_it(module, name, prefix):
    import importlib

    fast = getattr(importlib.import_module(f"sr_tui.core.lint.rules.{module}"), name)
    plain = _with_lookahead_removed(fast, prefix)
    rng = random.Random(7)
    noise = ["".join(rng.choice("012349:.- apmAPM;)(^_<3xXD'/|\n") for _ in range(300))]
    for text in TEXTS + noise * 50:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(_ANY_LINE)
def test_may_close_matches_every_closing_line(line):
    from sr_tui.core import text as grammar

    if grammar.is_closing(line):
        assert grammar.MAY_CLOSE.match(line) is not None


def test_may_close_matches_every_closing_of_the_corpus_and_the_lists():
    from sr_tui.core import text as grammar

    closings = [*grammar.HOUSE_CLOSINGS, *grammar.OTHER_CLOSINGS]
    lines = _LINES + [f"{c}," for c in closings] + [f"  {c.upper()}!" for c in closings]
    lines += ["\u3000Thanks,", "Your Acme Support Team,", "THANK YOU", "Kind regards, Sam"]
    closing = [line for line in lines if grammar.is_closing(line)]
    assert len(closing) > len(closings)  # the test sees closings
    assert all(grammar.MAY_CLOSE.match(line) for line in closing)


@given(_ANY_LINE)
def test_may_log_is_true_for_every_log_line(line):
    from sr_tui.core.lint import line_kinds

    if line and line_kinds._LOGLINE.match(line):
        assert line_kinds._may_log(line)


def test_may_log_knows_other_digits():
    from sr_tui.core.lint import line_kinds

    line = "٢٠٢٦-١١-٠٣ ١٠:٠٠ started"  # \d is any decimal digit
    assert line_kinds._LOGLINE.match(line) and line_kinds._may_log(line)


@given(st.text(max_size=300))
def test_most_words_bounds_the_word_count(text):
    assert len(WORD.findall(text)) <= most_words(len(text))


_CHATTY = st.sampled_from(["u", "ur", "pls", "plz", "you", "x", "_", " ", "'", "’", ".", ",", "Ü"])


@given(st.lists(_CHATTY, max_size=20).map("".join))
def test_request_tokens_spell_out_chatspeak_as_the_pattern_alone_did(text):
    from sr_tui.core.lint.rules import requests

    toks = requests.tokens(text)
    low = text.lower()
    plain = requests._TOKEN.findall(low) if len(low) == len(text) else None
    if plain is None:
        return  # the token-by-token path is unchanged
    if "’" in text:
        plain = [w.replace("’", "'") for w in plain]
    if requests._HAS_CHAT.search(low):
        plain = [requests._CHAT.get(w, w) for w in plain]
    assert toks == plain


def _long_email(closing_at: int, lines: int = 400) -> str:
    body = [f"Line {i} of the log summary, nothing more." for i in range(lines)]
    body[closing_at] = "Best regards,"
    return "Subject: Case 12345678 update\n\nHi Alice,\n\n" + "\n".join(body) + "\nSam\n"


@pytest.mark.parametrize("closing_at", [0, 150, 398, 399])
def test_a_long_email_finds_the_closings_the_line_by_line_test_finds(monkeypatch, closing_at):
    from sr_tui.core.lint import engine, structure

    text = _long_email(closing_at)
    text = text.replace("Line 7 of", "Thanks,\nLine 7 of").replace("Line 9 ", "  Thank you,\n")
    fast = engine.lint(text)
    fast_doc = preprocess.build(text)
    monkeypatch.setattr(structure, "_LONG", 10**9)
    plain_doc = preprocess.build(text)

    def spans(doc):
        return [(c.start, c.end) for c in [doc.closing, *doc.extra_closings] if c is not None]

    assert spans(fast_doc) == spans(plain_doc)
    assert fast_doc.closing is not None
    assert [f.sort_key for f in fast] == [f.sort_key for f in engine.lint(text)]


@pytest.mark.parametrize(
    ("words", "fires"), [(70, False), (71, True), (35, False)], ids=["70", "71", "35"]
)
def test_sr008_counts_the_words_of_a_one_sentence_paragraph(words, fires):
    from sr_tui.core.lint import engine

    sentence = " ".join(["word"] * (words - 1)) + " end."
    text = f"Subject: Case 12345678 update\n\nHi Alice,\n\n{sentence}\n\nBest regards,\nSam\n"
    found = [f for f in engine.lint(text) if f.rule == "SR008"]
    assert bool(found) == fires
    if fires:
        assert f"{words} words" in found[0].message


@given(st.text())
def test_has_high_is_the_range_pattern_s(text):
    from sr_tui.core.lint.rules.chatspeak import has_high

    assert has_high(text) == (re.search("[\u203c-\U0010ffff]", text) is not None)


@pytest.mark.parametrize(
    "text", ["", "plain", "é", "\u203b", "\u203c", "a\U0001f600b", "\U0010ffff"]
)
def test_has_high_at_the_edges(text):
    from sr_tui.core.lint.rules.chatspeak import has_high

    assert has_high(text) == (re.search("[\u203c-\U0010ffff]", text) is not None)
