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
from dataclasses import asdict, fields
from pathlib import Path

from sr_tui.core import locations
from sr_tui.core.templates.model import Category, Field, Template

VERSION = 1
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


def _field(data: dict) -> Field:
    return Field(**{k: _tuple(data[k]) for k in _FIELD_NAMES if k in data})


def _template(data: dict) -> Template:
    values = {k: data[k] for k in _TEMPLATE_NAMES}
    values["keywords"] = tuple(values["keywords"])
    values["fields"] = tuple(_field(f) for f in values["fields"])
    values["path"] = Path(values["path"]) if values["path"] is not None else None
    return Template(**values)


def _encode(template: Template) -> dict:
    data = asdict(template)
    data["path"] = str(template.path) if template.path is not None else None
    return data


class CatalogCache:
    def __init__(self, path: Path | None, entries: dict[str, dict]) -> None:
        self.path = path
        self._entries = entries
        self._used: dict[str, dict] = {}
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
            entries = data["entries"] if data.get("version") == VERSION else {}
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            entries = {}
        return cls(path, entries)

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
            template = _template(entry["template"])
        except (LookupError, TypeError, ValueError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = entry
        return template

    def put(self, path: Path, shared: str, template: Template) -> None:
        now = stamp(path)
        if now is None:
            return
        self._used[str(path)] = {"stamp": now, "shared": shared, "template": _encode(template)}
        self._changed = True

    def save(self) -> None:
        """Write the entries of this load (so files gone drop out), if any are new."""
        if self.path is None or not (self._changed or len(self._used) != len(self._entries)):
            return
        from sr_tui.core.atomic import atomic_write_text

        text = json.dumps({"version": VERSION, "entries": self._used}, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_text(self.path, text)
