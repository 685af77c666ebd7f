"""The SQL of migration 4 (`migrations.MIGRATIONS`): an index for search terms of one and
two characters, which the trigram index cannot answer, so they need not read every case.

A term shorter than a trigram is in a text exactly where a trigram of the text padded
with two U+001F begins with it. Two contentless FTS5 trigram tables hold every searchable
field so padded (`search_short_record`: the record's fields, `search_short_timeline`:
the timeline's), without positions (detail=column: a term is one trigram, and only its
cases and fields matter); their vocabularies (`..._vocab`) name the trigrams that begin
with a term and where. Triggers on `search_record` and `search_timeline` keep them in
step with those tables, so the migration-3 triggers that write them need no change.
They only find candidates: the search checks each with the LIKE or GLOB of before
(`sqlite_search_short`).

Part of a released migration once released: never change it; a later one writes its own.
"""

from __future__ import annotations

RECORD = ("number", "title", "keywords", "description", "resolution", "root_cause")
TIMELINE = ("notes", "email_subject", "email_body")
#: The short-term tables and the fields each holds, with the table each follows.
TABLES = {"search_short_record": RECORD, "search_short_timeline": TIMELINE}
SOURCES = {"search_short_record": "search_record", "search_short_timeline": "search_timeline"}


def vocabulary(table: str) -> str:
    return f"{table}_vocab"


def _padded(row: str, fields: tuple[str, ...]) -> str:
    return ", ".join(f"{row}{f} || char(31, 31)" for f in fields)


def _write(table: str, fields: tuple[str, ...], row: str, delete: bool = False) -> str:
    columns = ", ".join(fields)
    if delete:  # a contentless table forgets a row given the very values it was given
        return (
            f"INSERT INTO {table} ({table}, rowid, {columns}) "
            f"VALUES ('delete', {row}case_id, {_padded(row, fields)})"
        )
    return f"INSERT INTO {table} (rowid, {columns}) VALUES ({row}case_id, {_padded(row, fields)})"


def _statements() -> tuple[str, ...]:
    out: list[str] = []
    for table, fields in TABLES.items():
        source, columns = SOURCES[table], ", ".join(fields)
        changed = " OR ".join(f"OLD.{f} IS NOT NEW.{f}" for f in ("case_id", *fields))
        out += [
            f"CREATE VIRTUAL TABLE {table} USING fts5 ({columns}, content = '', "
            "tokenize = 'trigram', detail = 'column')",
            f"INSERT INTO {table} (rowid, {columns}) "
            f"SELECT case_id, {_padded('', fields)} FROM {source}",
            f"CREATE VIRTUAL TABLE {vocabulary(table)} USING fts5vocab ({table}, 'col')",
            f"""CREATE TRIGGER {table}_insert AFTER INSERT ON {source} BEGIN
                {_write(table, fields, "NEW.")};
            END""",
            f"""CREATE TRIGGER {table}_update AFTER UPDATE ON {source} WHEN {changed} BEGIN
                {_write(table, fields, "OLD.", delete=True)};
                {_write(table, fields, "NEW.")};
            END""",
            f"""CREATE TRIGGER {table}_delete AFTER DELETE ON {source} BEGIN
                {_write(table, fields, "OLD.", delete=True)};
            END""",
        ]
    return tuple(out)


STATEMENTS = _statements()
