"""Database addresses: passwords masked wherever libpq lets one be written, and the
sqlite:/// form of `db copy`."""

from __future__ import annotations

from pathlib import Path

import pytest

from sr_tui.core.cases.dburl import (
    is_postgres_url,
    is_sqlite_url,
    mask_url,
    passwords,
    scrub,
    sqlite_path,
)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ann:s3cret@db.example:5432/sr", "postgresql://ann:***@db.example:5432/sr"),
        ("postgres://ann:p%40ss@db/sr?sslmode=require", "postgres://ann:***@db/sr?sslmode=require"),
        ("postgresql://ann:pa/ss@db/sr", "postgresql://ann:***@db/sr"),  # an unescaped /
        ("postgresql://ann:a@b@db/sr", "postgresql://ann:***@db/sr"),  # an unescaped @
        ("postgresql://ann@db/sr?password=s3cret&x=1", "postgresql://ann@db/sr?password=***&x=1"),
        (
            "postgresql://ann@db/sr?passfile=/home/ann/.pgpass",
            "postgresql://ann@db/sr?passfile=/home/ann/.pgpass",
        ),
        ("postgresql://@/sr?host=/run/pg", "postgresql://@/sr?host=/run/pg"),
        ("postgresql://h1:5432,h2:5433/sr", "postgresql://h1:5432,h2:5433/sr"),  # no user
        ("host=db password=s3cret dbname=sr", "host=db password=*** dbname=sr"),
        ("host=db password='s3 cret' dbname=sr", "host=db password=*** dbname=sr"),
        ("  postgresql://ann:x@db/sr  ", "postgresql://ann:***@db/sr"),
    ],
)
def test_every_way_of_writing_a_password_is_masked(url, shown):
    assert mask_url(url) == shown


def test_scrub_removes_the_password_wherever_it_is_echoed():
    url = "postgresql://ann:p%40ss@db/sr"
    assert passwords(url) == {"p%40ss", "p@ss"}
    message = f"could not connect to {url}: bad password p@ss for ann"
    assert (
        scrub(message, url)
        == "could not connect to postgresql://ann:***@db/sr: bad password *** for ann"
    )


def test_which_kind_of_address():
    assert is_postgres_url(" PostgreSQL://db/sr") and is_postgres_url("postgres://db")
    assert not is_postgres_url("sqlite:///x.db") and is_sqlite_url("sqlite:///x.db")


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///home/ann/cases.db", "/home/ann/cases.db"),
        ("sqlite:////home/ann/cases.db", "/home/ann/cases.db"),
        ("sqlite://cases.db", "cases.db"),
        ("/home/ann/cases.db", "/home/ann/cases.db"),
        ("sqlite:///home/ann/my%20cases.db", "/home/ann/my cases.db"),
    ],
)
def test_sqlite_addresses(url, path):
    assert sqlite_path(url) == Path(path)


def test_home_is_expanded():
    assert sqlite_path("sqlite://~/cases.db") == Path.home() / "cases.db"
