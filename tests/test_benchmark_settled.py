"""The start benchmark's "settled" time: the last output before quiet, a blinking cursor
not counted (a focused input redraws its line every half second, for ever)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from startup import paired_ratio, settled_at

FRAME = [(1.0, 20_000), (1.05, 3_000), (1.2, 1_500)]


@pytest.mark.parametrize(
    "writes, quiet_after, settled",
    [
        # No cursor: the first quiet after the frame.
        (FRAME, 1.2, 1.2),
        # The cursor blinks 0.3 s after the last of the start's output, then again and
        # again: the blinks are not settling.
        ([*FRAME, (1.5, 132), (2.0, 132), (2.5, 132)], 1.5, 1.2),
        # The blinking began after the quiet: nothing to take away.
        ([*FRAME, (1.7, 132), (2.2, 132), (2.7, 132)], 1.2, 1.2),
        # Two small outputs half a second apart are no blinking (the third is missing).
        ([*FRAME, (1.5, 132), (2.0, 132)], 1.5, 1.5),
        # A big output is the app still drawing, even on the beat.
        ([*FRAME, (1.5, 9000), (2.0, 132), (2.5, 132)], 1.5, 1.5),
        # Not on the beat: settling, not blinking.
        ([*FRAME, (1.5, 132), (1.8, 132), (2.5, 132)], 1.5, 1.5),
    ],
    ids=["quiet", "blink counted out", "blink after quiet", "two", "big", "off beat"],
)
def test_a_blinking_cursor_is_not_settling(writes, quiet_after, settled):
    assert settled_at(writes, quiet_after) == settled


def test_the_ratio_is_taken_in_each_round_then_the_median():
    """Both apps of a round share the host's moment (here it slows down to half speed
    after two rounds, and one bare launch is slow on its own): each round's ratio, then
    their median."""
    bare = [(1.0, 1.0), (1.0, 1.0), (2.0, 2.0), (2.0, 2.0), (3.0, 3.0)]
    app = [(1.2, 1.1), (1.2, 1.1), (2.4, 2.2), (2.4, 2.2), (2.4, 2.2)]
    assert paired_ratio(app, bare, 0) == pytest.approx(1.2)
    assert paired_ratio(app, bare, 1) == pytest.approx(1.1)
    # Rounds of different length are a mistake, not a shorter median.
    with pytest.raises(ValueError):
        paired_ratio(app[:4], bare, 0)
