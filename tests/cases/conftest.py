"""The `store` fixture, one per backend: every backend-agnostic test runs against SQLite
and against PostgreSQL (the server SR_TUI_TEST_DATABASE_URL names, a fresh schema per
test; see `pg.py`). Without that server the postgres variants are skipped with the
reason, and under CI=true they fail instead."""

from __future__ import annotations

import pytest

from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import FixedClock

from . import pg
from .helpers import T0

BACKENDS = ["sqlite", "postgres"]


def make_store(backend: str, location, clock, actor: str = "Ann", **options):
    """A store of `backend` at `location` (a directory); the same location, the same data."""
    if backend == "sqlite":
        return SqliteCaseStore(location / "cases.db", clock, actor=actor, **options)
    if backend == "postgres":
        from sr_tui.core.cases.postgres_store import PostgresCaseStore

        return PostgresCaseStore(pg.schema_url(location), clock, actor=actor, **options)
    raise ValueError(f"unknown backend {backend}")


def store_address(backend: str, location) -> str:
    """What another process opens to reach the store `make_store` makes at `location`."""
    if backend == "sqlite":
        return str(location / "cases.db")
    if backend == "postgres":
        return pg.schema_url(location)
    raise ValueError(f"unknown backend {backend}")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    if request.param == "postgres":
        pg.require()
    return request.param


@pytest.fixture
def store_factory(backend, tmp_path, clock):
    """Open more stores on the test's data (another engineer, another process)."""
    opened = []

    def factory(actor: str = "Ann", location=None, clock_=None, **options):
        store = make_store(backend, location or tmp_path, clock_ or clock, actor, **options)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()
    if backend == "postgres":
        pg.drop_schemas()


@pytest.fixture
def store(store_factory):
    return store_factory()
