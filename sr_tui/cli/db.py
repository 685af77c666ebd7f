"""`sr-tui db migrate|check|copy`: the case store's database from the command line.

Without `--url` each command works on the store the settings name: the team database
(`database_url`, `SR_TUI_DATABASE_URL`) if there is one, else the local `cases.db`.
Addresses are printed with the password masked.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sr_tui.cli.common import ExitStatus, UsageError, settings


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "db", help="the case store's database: upgrade, check, copy cases between stores"
    )
    sub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    url_help = (
        "postgresql://... or sqlite:///path/cases.db (default: database_url, "
        "SR_TUI_DATABASE_URL, else the local cases.db)"
    )
    m = sub.add_parser("migrate", help="bring the schema up to date (the team database's owner)")
    m.add_argument("--url", metavar="URL", help=url_help)
    m.set_defaults(func=cmd_migrate)
    c = sub.add_parser("check", help="connect, and show the schema version and the counts")
    c.add_argument("--url", metavar="URL", help=url_help)
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.set_defaults(func=cmd_check)
    y = sub.add_parser(
        "copy",
        help="copy every case with its timeline into another store (twice copies nothing twice)",
    )
    y.add_argument(
        "--from", dest="source", metavar="URL", help="where the cases are (default: cases.db)"
    )
    y.add_argument(
        "--to", dest="target", metavar="URL", help="where they go (default: database_url)"
    )
    y.add_argument("--batch", type=int, default=200, help="cases per transaction (200)")
    y.set_defaults(func=cmd_copy)


# -- where --------------------------------------------------------------------------------


def _local_url() -> str:
    from sr_tui.core import locations
    from sr_tui.core.cases.open_store import SQLITE_FILE

    return f"sqlite://{locations.data_dir() / SQLITE_FILE}"


def _configured_url() -> str:
    from sr_tui.core.cases.open_store import database_url

    return database_url(settings())


def _chosen(url: str | None) -> str:
    url = (url or "").strip() or _configured_url() or _local_url()
    from sr_tui.core.cases.dburl import is_postgres_url, is_sqlite_url

    if not (is_postgres_url(url) or is_sqlite_url(url) or "://" not in url):
        raise UsageError(f"{_shown(url)}: give postgresql://... or sqlite:///path/cases.db")
    return url


def _shown(url: str) -> str:
    from sr_tui.core.cases.copy import describe_url

    return describe_url(url)


def _clock():
    from sr_tui.core.clock import SystemClock

    return SystemClock()


# -- migrate ------------------------------------------------------------------------------


def cmd_migrate(args: argparse.Namespace) -> int:
    from sr_tui.core.cases.dburl import is_postgres_url

    url = _chosen(args.url)
    chosen = settings()
    if is_postgres_url(url):
        from sr_tui.core.cases.postgres_store import PostgresCaseStore

        store = PostgresCaseStore(
            url,
            _clock(),
            actor=chosen.your_name,
            number_format=chosen.case_number,
            migrate="always",
        )
        version = store.schema_version()
    else:  # opening a SQLite file upgrades it (after a backup copy)
        from sr_tui.core.cases.copy import open_url
        from sr_tui.core.cases.migrations import LATEST

        store = open_url(url, _clock(), number_format=chosen.case_number, create=True)
        version = LATEST
    with store:
        for note in store.notes:
            print(note)
        if not store.notes:
            print(f"{_shown(url)}: the schema is up to date (version {version}).")
    return ExitStatus.OK


# -- check --------------------------------------------------------------------------------


def _check_postgres(url: str) -> dict[str, Any]:
    from sr_tui.core.cases import postgres_migrations
    from sr_tui.core.cases.postgres_store import PostgresCaseStore

    chosen = settings()
    with PostgresCaseStore(
        url, _clock(), actor=chosen.your_name, number_format=chosen.case_number, migrate="never"
    ) as store:
        version = store.schema_version()
        info = {"backend": "postgresql", **store.describe()}
        if version:
            info["cases"] = {str(k): v for k, v in store.counts().items() if v}
    info["schema_version"] = version
    info["known_version"] = postgres_migrations.LATEST
    return info


def _check_sqlite(url: str) -> dict[str, Any]:
    import sqlite3

    from sr_tui.core.cases import migrations
    from sr_tui.core.cases.dburl import sqlite_path
    from sr_tui.core.cases.errors import StoreError

    path = sqlite_path(url)
    if not path.is_file():
        raise StoreError(f"There is no case store at {path} yet (it is made on first use).")
    try:  # read-only: a check changes nothing, not even an old schema
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = migrations.schema_version(conn)
            info: dict[str, Any] = {"backend": "sqlite", "path": str(path)}
            if version:
                rows = conn.execute("SELECT status, count(*) FROM cases GROUP BY status")
                info["cases"] = dict(rows.fetchall())
                info["entries"] = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be read: {exc}") from exc
    info["schema_version"] = version
    info["known_version"] = migrations.LATEST
    return info


def cmd_check(args: argparse.Namespace) -> int:
    from sr_tui.core.cases.dburl import is_postgres_url

    url = _chosen(args.url)
    info = _check_postgres(url) if is_postgres_url(url) else _check_sqlite(url)
    info["url"] = _shown(url)
    found, known = info["schema_version"], info["known_version"]
    problems = []
    if found < known:
        problems.append(
            f"schema version {found}, this sr-tui needs {known}: run `sr-tui db migrate`"
            + (" (as the database's owner)" if info["backend"] == "postgresql" else "")
        )
    elif found > known:
        problems.append(f"schema version {found} is newer than this sr-tui's {known}: update it")
    name = settings().your_name
    if info["backend"] == "postgresql" and not name:
        problems.append(
            "your_name is not set: what you write would carry no name "
            "(sr-tui config set your_name 'Ann Lee')"
        )
    info["you"] = name
    info["problems"] = problems
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        _print_check(info)
    return ExitStatus.PROBLEMS if problems else ExitStatus.OK


def _print_check(info: dict[str, Any]) -> None:
    rows = [("store", info["url"])]
    if info["backend"] == "postgresql":
        rows.append(("server", f"PostgreSQL {info['server_version']}"))
        rows.append(("database", f"{info['database']}, schema {info['schema']}"))
        rows.append(("role", info["role"]))
    found, known = info["schema_version"], info["known_version"]
    rows.append(("schema", f"version {found}" + ("" if found == known else f" (needs {known})")))
    if "cases" in info:
        counts = info["cases"]
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        rows.append(("cases", f"{sum(counts.values())}" + (f" ({detail})" if detail else "")))
        rows.append(("entries", str(info["entries"])))
    rows.append(("you", info["you"] or "(your_name is not set)"))
    for key, value in rows:
        print(f"{key:<9} {value}")
    for problem in info["problems"]:
        print(f"sr-tui: problem: {problem}", file=sys.stderr)


# -- copy ---------------------------------------------------------------------------------


def cmd_copy(args: argparse.Namespace) -> int:
    from sr_tui.core.cases.copy import copy_cases, open_url

    if args.batch < 1:
        raise UsageError("--batch must be at least 1")
    source_url = _chosen(args.source or _local_url())
    target_url = _chosen(args.target)
    if _shown(source_url) == _shown(target_url):
        raise UsageError(f"--from and --to are the same store ({_shown(source_url)})")
    chosen = settings()
    options = {"actor": chosen.your_name, "number_format": chosen.case_number}
    clock = _clock()
    with (
        open_url(source_url, clock, create=False, **options) as source,
        open_url(target_url, clock, create=True, **options) as target,
    ):
        print(f"copying {_shown(source_url)} -> {_shown(target_url)}", flush=True)

        def progress(result) -> None:
            print(f"  {result.cases} cases, {result.entries_added} entries added", flush=True)

        origin = f"{chosen.your_name or 'an engineer'}'s {_shown(source_url)}"
        result = copy_cases(source, target, batch=args.batch, origin=origin, progress=progress)
    print(
        f"done: {result.cases} cases ({len(result.cases_added)} new, "
        f"{len(result.cases_kept)} there already, {len(result.cases_merged)} joined a case "
        f"with the same ticket number, {len(result.renumbered)} renumbered); "
        f"{result.entries_added} entries added, {result.entries_kept} there already"
    )
    for was, now in result.renumbered:
        print(f"  {was} -> {now} (the number was another case's in the target)")
    return ExitStatus.OK
