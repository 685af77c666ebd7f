"""The screen a start shows first (the compose screen, the first-run questions), painted
once while the app's first updates are batched, not three times.

Textual 8.2.8 batches the app's first updates (compose, mount, the first screen pushed)
and drops every frame drawn meanwhile. A layout made in the batch still paints (its
`_compositor_refresh` is called later, while the batch lasts): the whole screen rendered
and thrown away. Once the batch ends, the pending layout paints the regions it moved,
then the pending full repaint (set when the screen resumed) paints everything again:
three paints for the first frame, two of them written to the terminal (18 KB, then
25 KB). Here a paint while batched is left for later, and a paint while a full repaint
is due is that full repaint: the first frame is rendered once and written once.

Screens pushed later are left to Textual: over a push of the picker, the help and the
due list this made fewer renders but more of them of the whole screen.
"""

from __future__ import annotations


class OnePaintScreenMixin:
    """Mixin for a `Screen` (before `Screen` in the bases)."""

    def _compositor_refresh(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        if self is app.screen and not app.is_inline:
            if app._batch_count:
                self._repaint_required = True  # painted in full when the batch ends
                return
            if self._repaint_required:
                self._repaint_required = False
                self._dirty_widgets.add(self)  # type: ignore[attr-defined]
                self._compositor.update_widgets(self._dirty_widgets)  # type: ignore[attr-defined]
        super()._compositor_refresh()  # type: ignore[misc]
