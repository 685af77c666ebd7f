"""Removing widgets that hold editors, so that they are freed.

Textual 8.2.8's `Input` and `TextArea` subscribe, as they mount, a closure over
themselves to their screen's `text_selection_started_signal`, and never unsubscribe. The
signal keeps its subscribers in a `WeakKeyDictionary` keyed by the widget, whose value
(the closure) holds the widget: a removed editor lives as long as its screen. (The
footer does the same with a bound method on `bindings_updated_signal`.)
"""

from __future__ import annotations

from textual.await_remove import AwaitRemove
from textual.widget import Widget


def remove_and_free(widget: Widget) -> AwaitRemove:
    """`widget.remove()`, its descendants unsubscribed first from the screen's signals."""
    screen = widget.screen
    signals = (screen.text_selection_started_signal, screen.bindings_updated_signal)
    for node in widget.walk_children(with_self=True):
        for signal in signals:
            signal.unsubscribe(node)
    return widget.remove()
