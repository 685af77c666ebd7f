"""The PostgreSQL side of the store tests: the server named by SR_TUI_TEST_DATABASE_URL
(`.ci/run` starts one), a fresh schema per test location (reached through `search_path`,
dropped after the test), and the rule that CI never skips these tests.

Without the variable the postgres variants are skipped, saying why; with `CI=true` they
fail instead, so a CI run that lost its server cannot pass by skipping.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

URL_ENV = "SR_TUI_TEST_DATABASE_URL"

#: One prefix per test session: schemas of two sessions on one server never meet.
_SESSION = uuid.uuid4().hex[:8]
_created: set[str] = set()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def test_url() -> str:
    return os.environ.get(URL_ENV, "").strip()


def unavailable() -> str:
    """Why the postgres variants cannot run here ("" if they can)."""
    if not test_url():
        return f"{URL_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    return ""


def require() -> str:
    """The test server's URL; skip the test (fail it under CI=true) when there is none."""
    reason = unavailable()
    if reason:
        if in_ci():
            pytest.fail(f"{reason}; under CI=true the postgres tests must run", pytrace=False)
        pytest.skip(reason)
    return test_url()


def with_options(url: str, options: str) -> str:
    """`url` with libpq `options` (e.g. `-c search_path=x`) added to its query."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(options)}"


def schema_name(location: Path | str) -> str:
    digest = hashlib.sha1(str(location).encode()).hexdigest()[:12]
    return f"srt_{_SESSION}_{digest}"


def admin():
    import psycopg

    return psycopg.connect(require(), autocommit=True)


_prepared: list[bool] = []


def schema_url(location: Path | str) -> str:
    """The URL of the schema that stands for `location` (made now if it is new). The
    pg_trgm extension goes in `public` once (on the search path of every test schema),
    so dropping a test's schema never takes it along."""
    name = schema_name(location)
    if name not in _created:
        with admin() as conn:
            if not _prepared:
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
                _prepared.append(True)
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{name}"')
        _created.add(name)
    return with_options(require(), f"-c search_path={name},public")


def drop_schemas() -> None:
    """Drop every schema this session made (after each test)."""
    if not _created:
        return
    with admin() as conn:
        for name in sorted(_created):
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    _created.clear()
