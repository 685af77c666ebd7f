"""The cheaper paths taken for speed find exactly what the plain ones find."""

from __future__ import annotations

from pathlib import Path

import pytest

from sr_tui.core.lint import preprocess
from sr_tui.core.lint.rules.paragraphs import paragraph_sentences
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
    import random
    import re

    from sr_tui.core.lint.rules import chatspeak

    plain = re.compile(r"(?:[wW]/[oO]|[bB]/[cC]|[wW]/)(?=[\s\w])(?!\w*/)")
    rng = random.Random(20)
    texts = TEXTS + ["".join(rng.choice("wWbBoOcC/ x.\n_") for _ in range(200)) for _ in range(300)]
    for text in texts:
        got = [m.span() for m in chatspeak._SLASHED.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize("text", ["", "plain", "dash — quote ’", "‼ yes", "ok 👍", "\U0010ffff"])
def test_high_is_max_at_or_above_the_lowest_emoji(text):
    from sr_tui.core.lint.rules import chatspeak

    high = not text.isascii() and chatspeak._HIGH.search(text) is not None
    assert high == bool(text and max(text) >= "\u203c")
