"""The garbage collector while the app starts: paused from launch to the first frame,
then everything made so far frozen and collection resumed.

A start allocates a few hundred thousand objects (modules, classes, the widgets of the
first screen) that live as long as the app. Collecting while they are made found little
garbage and cost 80-90 ms before a returning user's first frame on a slow host (200-odd
collections); once frozen (`gc.freeze`), no later collection walks them again either. The
price: the start's own cyclic garbage (about 11,000 objects, 1 MB) is never freed.

Only `launch_app` pauses: an app run by tests or scripts leaves the collector alone.
Imports nothing but `gc`, so it can run before Textual is imported.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collection until `resume` (if it runs at all now)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """After `pause`: freeze what exists and collect again. Without `pause`, nothing."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def paused() -> bool:
    return _paused
