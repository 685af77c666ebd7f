"""Keys handled one at a time, in the order they came (the app's `on_event`)."""

from __future__ import annotations

from time import monotonic

from textual import events

#: A key still on its way after this long no longer holds the next one back.
KEY_IN_FLIGHT_LIMIT = 1.0


class KeyOrderMixin:
    """The app's key ordering: a key waits until the one before it is done.

    The state it keeps (`_key_in_flight`, `_held_keys`, ...) is set in `SrTuiApp.__init__`.
    """

    # -- keys, one at a time -------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys are handled one at a time, in the order they came.

        Textual forwards a key to the focused widget and resolves the bindings when the
        key comes back up to the app, against the focus *then*. In a burst (a text
        expander, a fast paste: "F2", Tab, text) the keys after a focus move used to be
        forwarded, or resolved, against the wrong field. A key that arrives while the one
        before is still on its way waits until that one is done.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held_keys or not self._ready_for_key(event):
                self._held_keys.append(event)
                self._send_held_keys_soon()
                return
            await self._send_key(event)
            return
        await super().on_event(event)

    def _ready_for_key(self, event: events.Key) -> bool:
        """No key on its way; for a key that is not text for the focused field (Tab, Enter,
        ctrl+y), the text typed just before taken in and passed up to the screen (else a
        binding would act on the field without it); and the focused widget mounted (a list
        item added by the Enter just before is not yet: Tab from it would start from the
        wrong place)."""
        if self._key_in_flight is not None:
            if monotonic() - self._key_sent_at <= KEY_IN_FLIGHT_LIMIT:
                return False
            self._key_in_flight = None  # lost on the way: go on
        if self._typed_into is not None and not self._takes_text(event):
            if monotonic() - self._key_sent_at <= KEY_IN_FLIGHT_LIMIT:
                if not self._draining:
                    self._draining = True
                    self._typed_into.call_later(self._drain, self._typed_into)
                return False
            self._typed_into, self._draining = None, False
        focused = self.focused
        if focused is None or focused.is_mounted:
            self._waiting_since = None
            return True
        if self._waiting_since is None:
            self._waiting_since = monotonic()
        return monotonic() - self._waiting_since > KEY_IN_FLIGHT_LIMIT  # never mounted

    def _takes_text(self, event: events.Key) -> bool:
        focused = self.focused
        return focused is not None and focused.check_consume_key(event.key, event.character)

    def _drain(self, node) -> None:
        """Runs once `node` has handled what was queued for it: follow what it posted
        (`Changed`) up to the screen, then the text typed is in the case."""
        from textual.screen import Screen

        parent = node._parent
        if isinstance(node, Screen) or parent is None or not node.is_attached:
            self._typed_into, self._draining = None, False
            self.call_later(self._send_held_keys)
        else:
            parent.call_later(self._drain, parent)

    def _send_held_keys_soon(self) -> None:
        if self._key_in_flight is None:  # else `_key_done` sends them
            self.set_timer(0.01, self._send_held_keys)

    async def _send_key(self, event: events.Key) -> None:
        self._key_in_flight, self._key_sent_at = event, monotonic()
        target = self.focused or self.screen
        await super().on_event(event)  # a priority binding, or forwarded to `target`
        if not event.is_forwarded or target.check_consume_key(event.key, event.character):
            # Handled here, or text the field takes itself (it keeps its keys in order):
            # the next text key need not wait, so typing and pasting stay fast.
            if event.is_forwarded:
                self._typed_into = target
            self._key_done(event)
        elif target is not self.screen:
            target.call_later(self._follow_key, event, target)
        # Forwarded to the screen itself: it comes back to the app (`_on_key`).

    def _follow_key(self, event: events.Key, node) -> None:
        """Runs after `node` handled the key: done if a widget stopped it, else follow it
        to the parent (the screen passes every key on to the app)."""
        from textual.screen import Screen

        if self._key_in_flight is not event:
            return
        parent = node._parent
        if event._stop_propagation or parent is None or not node.is_attached:
            self._key_done(event)
        elif not isinstance(parent, Screen):
            parent.call_later(self._follow_key, event, parent)

    def _on_key(self, event: events.Key) -> None:
        # Textual's App._on_key runs after this one and resolves the key's bindings; the
        # next key is sent after it (call_later).
        self._key_done(event)

    def _key_done(self, event: events.Key) -> None:
        if self._key_in_flight is event:
            self._key_in_flight = None
            if self._held_keys:
                self.call_later(self._send_held_keys)

    async def _send_held_keys(self) -> None:
        while self._held_keys:
            if not self._ready_for_key(self._held_keys[0]):
                self._send_held_keys_soon()
                return
            await self._send_key(self._held_keys.popleft())
