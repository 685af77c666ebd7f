"""What can go wrong with the case store, as errors that carry a message for the user.

`StoreError` is the base, an `SrTuiError`. Programming mistakes (a naive datetime, an
unknown status) stay `ValueError`s: no user can act on those.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sr_tui.core.errors import SrTuiError


class StoreError(SrTuiError):
    """A case-store problem the user can act on; `user_message` says what happened."""


class NotFoundError(StoreError):
    """No case (or entry) with that number (or id)."""


class DuplicateCaseError(StoreError):
    """A case with that number exists already."""


class ConflictError(StoreError):
    """The case changed since it was read: someone else saved it first."""

    def __init__(
        self,
        number: str,
        expected_version: int,
        actual_version: int,
        changed_by: str,
        changed_at: datetime,
    ) -> None:
        who = changed_by or "Someone"
        when = changed_at.astimezone().strftime("%H:%M")
        super().__init__(
            f"{who} changed this case ({number}) at {when} — reload to see it. "
            "Nothing you typed is lost; your change was not saved."
        )
        self.number = number
        self.expected_version = expected_version
        self.actual_version = actual_version
        self.changed_by = changed_by
        self.changed_at = changed_at


class CorruptStoreError(StoreError):
    """The file is not a database, or it fails its integrity check."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} is damaged and cannot be used ({reason}).")
        self.path = path
        self.reason = reason


class SchemaTooNewError(StoreError):
    """The file was written by a newer sr-tui; this one will not touch it."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path} uses case-store schema version {found}, but this sr-tui knows only "
            f"versions up to {known}. It was written by a newer sr-tui: update sr-tui "
            "(the file was left as it is)."
        )
        self.path = path
        self.found = found
        self.known = known
