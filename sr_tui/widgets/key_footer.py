"""The footer, recomposed only when the keys it shows change.

Textual's `Footer` recomposes (removes and mounts every `FooterKey`) each time the
screen's bindings are refreshed, which is on every focus move; Textual 8.2.8 never frees
the removed keys, so a day of work grew the process without end. This one compares what
it would show with what it shows and recomposes only when that differs.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: What the last recompose showed (`_wanted()` then).
        self._composed: tuple | None = None
        #: How many times the keys were recomposed (tests count them).
        self.recomposed = 0

    def shown_keys(self) -> tuple:
        """What the footer shows: each shown binding's key, display, text, state."""
        return tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def _wanted(self) -> tuple:
        """What a recompose would show: the keys and the footer's own settings."""
        return self.shown_keys(), self.compact, self.show_command_palette

    def bindings_changed(self, screen: Screen) -> None:
        same_screen = self.is_attached and screen is self.screen and screen.app.app_focus
        if same_screen and self._wanted() == self._composed:
            self._bindings_ready = True
            return
        super().bindings_changed(screen)

    async def show_keys_now(self) -> None:
        """Compose the keys of the screen's bindings now. The screen calls it once its
        focus is set, before its first frame: Textual's `Footer` composes its keys only
        after a refresh (the first frame had none) and again when the focus has moved."""
        if not self.is_attached:
            return
        self._bindings_ready = True
        with self._context():  # as the footer's own task: its keys bind to its reactives
            await self.recompose()  # (nothing when these keys are composed already)

    def compose(self):
        for widget in super().compose():
            # A key bound to the footer's `compact` (all but the palette's) made as
            # compact as the footer already: the binding then changes nothing, and
            # Textual does not restyle every key once more as it mounts (10 keys, before
            # a returning user's first frame).
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def recompose(self) -> None:
        """Recompose, unless the keys are what the footer already shows (a recompose
        Textual queued after a refresh, when `show_keys_now` has shown them since)."""
        composed = None
        if self.is_attached and self._bindings_ready:
            composed = self._wanted()
            if composed == self._composed:
                return
        self._composed = composed
        self.recomposed += 1
        await super().recompose()
