"""The cheaper paths taken for speed find exactly what the plain ones find."""

from __future__ import annotations

from pathlib import Path

import pytest

from sr_tui.core import text as grammar
from sr_tui.core.lint import preprocess
from sr_tui.core.lint.rules.paragraphs import paragraph_sentences

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
    cheap = [m.span() for m in grammar._footer_hints(text)]
    assert cheap == [m.span() for m in grammar._FOOTER_HINT.finditer(text)]


@pytest.mark.parametrize("text", TEXTS[::7])
def test_paragraph_sentences_are_the_sentences_starting_in_the_paragraph(text):
    doc = preprocess.build(text)
    for para in doc.paragraphs + doc.items:
        want = [s for s in doc.sentences if para.start <= s[0] < para.end]
        assert paragraph_sentences(doc, para.start, para.end) == want
