"""Opening the case store the settings name: the team's PostgreSQL database when
`database_url` (or `SR_TUI_DATABASE_URL`) is set, else `cases.db` in the data dir. The
JSON drafts of earlier versions are imported once on the way."""

from __future__ import annotations

import os
from pathlib import Path

from sr_tui.core import locations
from sr_tui.core.cases.store import CaseStore
from sr_tui.core.clock import Clock

DATABASE_ENV = "SR_TUI_DATABASE_URL"
SQLITE_FILE = "cases.db"


def database_url(settings) -> str:
    return os.environ.get(DATABASE_ENV, "").strip() or settings.database_url


def open_case_store(
    settings, clock: Clock, data_dir: Path | None = None
) -> tuple[CaseStore, list[str]]:
    """(store, problems to show). Raises `StoreError` when no store can be opened."""
    directory = data_dir if data_dir is not None else locations.data_dir()
    url = database_url(settings)
    if not url and directory.exists() and not directory.is_dir():
        from sr_tui.core.cases.errors import StoreError

        raise StoreError(
            f"{directory} is a file, not a folder, so the case store cannot live there. "
            "Move that file away, or start sr-tui with SR_TUI_DATA set to a folder you can "
            "write to."
        )
    problems: list[str] = []
    if url:
        from sr_tui.core.cases.postgres_store import open_postgres_store

        store: CaseStore = open_postgres_store(
            url, clock, actor=settings.your_name, number_format=settings.case_number
        )
    else:
        from sr_tui.core.cases.sqlite_store import open_sqlite_store

        store, problems = open_sqlite_store(
            directory / SQLITE_FILE,
            clock,
            actor=settings.your_name,
            number_format=settings.case_number,
        )
    from sr_tui.core.cases.legacy import import_legacy

    legacy = import_legacy(store, clock, directory, author=settings.your_name)
    problems.extend(legacy.problems)
    return store, problems
