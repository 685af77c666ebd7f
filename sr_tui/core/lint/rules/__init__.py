"""The rules, one module per rule or small family. Each module has `check(ctx)`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sr_tui.core.lint.rules import (
    actions,
    chatspeak,
    closing,
    greeting,
    paragraphs,
    passive,
    placeholder,
    repeated,
    sentences,
    shouting,
    subject,
    timeframe,
    tone,
    whitespace,
    words,
    wordy,
)

#: (rule ids a check reports, the check). A check runs when any of its rules is on.
CHECKS: tuple[tuple[tuple[str, ...], Callable[[Any], None]], ...] = (
    (("SR001", "SR002", "SR021"), subject.check),
    (("SR003",), greeting.check),
    (("SR004",), closing.check),
    (("SR005",), placeholder.check),
    (("SR006", "SR007"), timeframe.check),
    (("SR008", "SR009"), paragraphs.check),
    (("SR010",), actions.check),
    (("SR011",), sentences.check),
    (("SR012", "SR013"), words.check),
    (("SR014",), tone.check),
    (("SR015",), wordy.check),
    (("SR016",), repeated.check),
    (("SR017",), shouting.check),
    (("SR018",), whitespace.check),
    (("SR019",), passive.check),
    (("SR020",), chatspeak.check),
)
