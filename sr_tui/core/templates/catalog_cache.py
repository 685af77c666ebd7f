"""Remember the validated templates, so a warm start does not re-read and re-validate
every file of a big library (3,000 user templates took most of a second at every start).

An entry is one template file that validated cleanly, keyed by its path, size and
modification time, and by a fingerprint of the shared definitions it was validated
against (categories and fields): a file that changed, or a changed fields.toml, simply
misses and is validated again. A broken file is never cached (it is read and reported
every time). `sr-tui templates check` does not use the cache. The cache is disposable: a
missing, unreadable or corrupt file is an empty cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import fields
from pathlib import Path

from sr_tui.core import locations
from sr_tui.core.templates.model import Category, Field, Template

VERSION = 2  # 2: each field stored once
#: A cache larger than this is ignored (3,000 templates make about 6 MB).
MAX_BYTES = 64 * 1024 * 1024
FILE_NAME = "template-catalog.json"

_FIELD_NAMES = tuple(f.name for f in fields(Field))
_TEMPLATE_NAMES = tuple(f.name for f in fields(Template))


def stamp(path: Path) -> list[int] | None:
    """What says a file is unchanged: its size and modification time (ns)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def shared_fingerprint(categories: dict[str, Category], shared: dict[str, Field]) -> str:
    """A digest of the shared definitions templates are validated against."""
    text = repr((sorted(categories.items()), sorted(shared.items())))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _tuple(value):
    return tuple(value) if isinstance(value, list) else value


def _field(data: list) -> Field:
    return Field(*(_tuple(v) for v in data))


def _encode_field(f: Field) -> list:
    return [getattr(f, name) for name in _FIELD_NAMES]


class _Fields:
    """The fields of the cache's templates, each stored once (most are the shared ones)
    and made into one `Field` object the first time a template needs it."""

    def __init__(self, table: list) -> None:
        self._table = table
        self._made: dict[int, Field] = {}

    def get(self, n: int) -> Field:
        made = self._made.get(n)
        if made is None:
            made = self._made[n] = _field(self._table[n])
        return made


def _template(data: list, table: _Fields) -> Template:
    values = dict(zip(_TEMPLATE_NAMES, data, strict=True))
    values["keywords"] = tuple(values["keywords"])
    values["fields"] = tuple(table.get(n) for n in values["fields"])
    values["path"] = Path(values["path"]) if values["path"] is not None else None
    return Template(**values)


class CatalogCache:
    def __init__(self, path: Path | None, entries: dict[str, dict], table: list | None = None):
        self.path = path
        self._entries = entries
        self._fields = _Fields(table or [])
        #: path -> (stamp, shared fingerprint, template) of this load, written by `save`.
        self._used: dict[str, tuple[list[int], str, Template]] = {}
        self._changed = False
        #: Hits and misses of this load (tests and benchmarks read them).
        self.hits = 0
        self.misses = 0

    @classmethod
    def load(cls) -> CatalogCache:
        from sr_tui.core.files import read_limited

        path = locations.cache_dir() / FILE_NAME
        try:
            data = json.loads(read_limited(path, MAX_BYTES))
            if data.get("version") != VERSION:
                return cls(path, {})
            entries, table = data["entries"], data["fields"]
            if not isinstance(entries, dict) or not isinstance(table, list):
                return cls(path, {})
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return cls(path, {})
        return cls(path, entries, table)

    @classmethod
    def disabled(cls) -> CatalogCache:
        """A cache that never hits and is never written (`templates check`)."""
        cache = cls(None, {})
        cache.get = lambda path, shared: None  # type: ignore[method-assign]
        cache.put = lambda path, shared, template: None  # type: ignore[method-assign]
        return cache

    def get(self, path: Path, shared: str) -> Template | None:
        key = str(path)
        entry = self._entries.get(key)
        now = stamp(path)
        try:
            if (
                now is None
                or not isinstance(entry, dict)
                or entry.get("stamp") != now
                or entry.get("shared") != shared
            ):
                raise LookupError
            template = _template(entry["template"], self._fields)
        except (LookupError, TypeError, ValueError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = (now, shared, template)
        return template

    def put(self, path: Path, shared: str, template: Template) -> None:
        now = stamp(path)
        if now is None:
            return
        self._used[str(path)] = (now, shared, template)
        self._changed = True

    def save(self) -> None:
        """Write the entries of this load (so files gone drop out), if any are new."""
        if self.path is None or not (self._changed or len(self._used) != len(self._entries)):
            return
        from sr_tui.core.atomic import atomic_write_text

        numbers: dict[Field, int] = {}
        entries = {}
        for key, (now, shared, template) in self._used.items():
            data = [getattr(template, name) for name in _TEMPLATE_NAMES]
            data[_TEMPLATE_NAMES.index("fields")] = [
                numbers.setdefault(f, len(numbers)) for f in template.fields
            ]
            data[_TEMPLATE_NAMES.index("path")] = str(template.path) if template.path else None
            entries[key] = {"stamp": now, "shared": shared, "template": data}
        table = [_encode_field(f) for f in numbers]
        document = {"version": VERSION, "fields": table, "entries": entries}
        text = json.dumps(document, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_text(self.path, text)
