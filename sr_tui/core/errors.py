"""The one error type users can act on: every render, handoff, usage and store error is an
`SrTuiError` carrying the sentence to show. The app turns them into notices (one handler)
and the CLI into `sr-tui: error: ...` with an exit status."""

from __future__ import annotations


class SrTuiError(Exception):
    """An error with a message for the user (`user_message`, also `str(error)`)."""

    def __init__(self, user_message: str = "") -> None:
        super().__init__(user_message)
        self.user_message = user_message or self.__class__.__doc__ or "something went wrong"

    def __str__(self) -> str:
        return self.user_message


class RenderError(SrTuiError, ValueError):
    """A template could not be rendered with the given values; the message says why.
    (Defined here, not with the renderer: a first frame that renders nothing catches it
    without importing the renderer.)"""
