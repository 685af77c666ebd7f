"""The footer, recomposed only when the keys it shows change.

Textual's `Footer` recomposes (removes and mounts every `FooterKey`) each time the
screen's bindings are refreshed, which is on every focus move; Textual 8.2.8 never frees
the removed keys, so a day of work grew the process without end. This one compares what
it would show with what it shows and recomposes only when that differs.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown_keys: tuple | None = None
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

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = self.shown_keys()
            if keys == self._shown_keys:
                self._bindings_ready = True
                return
            self._shown_keys = keys
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        self.recomposed += 1
        await super().recompose()
