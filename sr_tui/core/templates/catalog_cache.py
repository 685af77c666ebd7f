"""Remember the validated templates, so a warm start does not re-read and re-validate
every file of a big library (3,000 user templates took most of a second at every start).

An entry is one template file that validated cleanly, keyed by its path, size and
modification time, and by a fingerprint of the shared definitions it was validated
against (categories and fields): a file that changed, or a changed fields.toml, simply
misses and is validated again. A broken file is never cached (it is read and reported
every time). `sr-tui templates check` does not use the cache. The cache is disposable: a
missing, unreadable or corrupt file is an empty cache, and an entry of the wrong shape
(a value of the wrong type, a field number out of range) is a miss, never trusted.

The file is one flat JSON list per template file (decoding 3,000 dicts of named keys was
most of a warm load): size, mtime, the fingerprint's number, the template's texts, its
keywords, its field numbers (each field stored once), subject and body.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import fields
from pathlib import Path

from sr_tui.core import locations
from sr_tui.core.templates.model import FIELD_KINDS, Category, Field, Template

VERSION = 3  # 3: one flat list per file; fingerprints and fields stored once
#: A cache larger than this is ignored (3,000 templates make about 3 MB).
MAX_BYTES = 64 * 1024 * 1024
FILE_NAME = "template-catalog.json"

_FIELD_NAMES = tuple(f.name for f in fields(Field))
#: An entry: size, mtime_ns, fingerprint number, then these of the template.
_TEXTS = ("id", "category", "title", "title_zh", "when", "when_zh", "scenario", "scenario_zh")
_LENGTH = 3 + len(_TEXTS) + 4  # + keywords, field numbers, subject, body
_SOURCES = ("case", "email", "settings")


def stamp(path: str | Path) -> list[int] | None:
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


def _strings(value) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


def _text_or_items(value):
    """A placeholder or an example: a string, or one per item of a list field."""
    if type(value) is str:
        return value
    if _strings(value):
        return tuple(value)
    raise ValueError(value)


def _field(data) -> Field:
    """A `Field` from its cache record, which must have the shape `_encode_field` writes."""
    if type(data) is not list or len(data) != len(_FIELD_NAMES):
        raise ValueError(data)
    values = dict(zip(_FIELD_NAMES, data, strict=True))
    for name in ("id", "label", "label_zh", "help", "help_zh"):
        if type(values[name]) is not str:
            raise ValueError(name)
    for name in ("suggestions", "choices"):
        if not _strings(values[name]):
            raise ValueError(name)
        values[name] = tuple(values[name])
    values["placeholder"] = _text_or_items(values["placeholder"])
    values["example"] = _text_or_items(values["example"])
    if (
        values["kind"] not in FIELD_KINDS
        or type(values["optional"]) is not bool
        or values["source"] not in _SOURCES
    ):
        raise ValueError(data)
    return Field(**values)


def _encode_field(f: Field) -> list:
    return [getattr(f, name) for name in _FIELD_NAMES]


class _Fields:
    """The fields of the cache's templates, each stored once (most are the shared ones)
    and made into one `Field` object the first time a template needs it; a template's
    tuple of fields is made once for all templates with the same field numbers."""

    def __init__(self, table: list) -> None:
        self._table = table
        self._made: dict[int, Field] = {}
        self._tuples: dict[tuple[int, ...], tuple[Field, ...]] = {}

    def get(self, n: int) -> Field:
        made = self._made.get(n)
        if made is None:
            if type(n) is not int or not 0 <= n < len(self._table):
                raise LookupError(n)
            made = self._made[n] = _field(self._table[n])
        return made

    def tuple_of(self, numbers) -> tuple[Field, ...]:
        if type(numbers) is not list:
            raise ValueError(numbers)
        key = tuple(numbers)
        made = self._tuples.get(key)
        if made is None:
            made = self._tuples[key] = tuple(self.get(n) for n in key)
        return made


def _template(entry: list, table: _Fields, path: Path) -> Template:
    """The template of a cache entry whose stamp and fingerprint matched."""
    texts, keywords = entry[3:11], entry[11]
    if type(keywords) is not list:
        raise ValueError(entry)
    # A TypeError unless every text and keyword is a string (one C call, not 20 checks).
    "".join((*texts, entry[13], entry[14], *keywords))
    return Template(
        *texts,  # type: ignore[arg-type]
        tuple(keywords),
        table.tuple_of(entry[12]),
        entry[13],
        entry[14],
        path,
    )


class CatalogCache:
    def __init__(
        self,
        path: Path | None,
        entries: dict[str, list],
        table: list | None = None,
        shared: list | None = None,
    ):
        self.path = path
        self._entries = entries
        self._fields = _Fields(table or [])
        #: Fingerprint -> its number in the file (a list of strings, checked by `load`).
        self._numbers = {f: n for n, f in enumerate(shared or [])}
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
            entries, table, shared = data["entries"], data["fields"], data["shared"]
            if not (isinstance(entries, dict) and type(table) is list and _strings(shared)):
                return cls(path, {})
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return cls(path, {})
        return cls(path, entries, table, shared)

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
        number = self._numbers.get(shared)
        try:
            st = os.stat(key)
            if (
                type(entry) is not list
                or len(entry) != _LENGTH
                or entry[0] != st.st_size
                or entry[1] != st.st_mtime_ns
                or type(entry[2]) is not int
                or entry[2] != number
            ):
                raise LookupError
            template = _template(entry, self._fields, path)
        except (OSError, LookupError, TypeError, ValueError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = ([st.st_size, st.st_mtime_ns], shared, template)
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
        fingerprints: dict[str, int] = {}
        entries = {}
        for key, (now, shared, t) in self._used.items():
            entries[key] = [
                *now,
                fingerprints.setdefault(shared, len(fingerprints)),
                *(getattr(t, name) for name in _TEXTS),
                list(t.keywords),
                [numbers.setdefault(f, len(numbers)) for f in t.fields],
                t.subject,
                t.body,
            ]
        table = [_encode_field(f) for f in numbers]
        document = {
            "version": VERSION,
            "shared": list(fingerprints),
            "fields": table,
            "entries": entries,
        }
        text = json.dumps(document, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_text(self.path, text)
