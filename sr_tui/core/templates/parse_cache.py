"""Remember which variables each template text uses, so start-up skips Jinja parsing.

Parsing the 62 subjects and bodies of the library with Jinja2 is most of the time
`sr-tui render` and the app take to load templates. The result depends only on the
text, so it is cached by a hash of the text: an edited template simply misses. Only
texts that parsed cleanly are cached; a broken one is parsed (and reported) every time.
The cache is disposable: a missing, unreadable or corrupt file (or a FIFO, a device, a
file nested too deeply) is an empty cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from sr_tui.core import locations

VERSION = 2  # 2: the sandbox's globals are not variables
#: A cache larger than this is ignored (3,000 templates make about 1 MB).
MAX_BYTES = 16 * 1024 * 1024


class ParseCache:
    def __init__(self, path: Path | None, entries: dict[str, list[str]]) -> None:
        self.path = path
        self._entries = entries
        self._used: dict[str, list[str]] = {}
        self._changed = False

    @classmethod
    def load(cls) -> ParseCache:
        from sr_tui.core.files import read_limited

        path = locations.cache_dir() / "template-variables.json"
        try:
            data = json.loads(read_limited(path, MAX_BYTES))
            entries = data["entries"] if data.get("version") == VERSION else {}
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            entries = {}  # a FIFO, a device, absurd nesting: only costs time
        return cls(path, entries)

    @staticmethod
    def _key(source: str) -> str:
        return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def get(self, source: str) -> set[str] | None:
        key = self._key(source)
        names = self._entries.get(key)
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return None
        self._used[key] = names
        return set(names)

    def put(self, source: str, names: set[str]) -> None:
        key = self._key(source)
        self._used[key] = sorted(names)
        self._changed = True

    def save(self) -> None:
        """Write the entries used by this load (so stale ones drop out), if any are new."""
        if not self._changed or self.path is None:
            return
        from sr_tui.core.atomic import atomic_write_text

        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_text(self.path, json.dumps({"version": VERSION, "entries": self._used}))


@lru_cache(maxsize=1)
def jinja_environment():
    """The renderer's sandboxed environment, made on the first cache miss."""
    from sr_tui.core.templates.render import make_environment

    return make_environment()


def used_variables(ast) -> set[str]:
    """The context variables a template reads: names loaded but never assigned in it
    (loop targets, `set`) and not one of the sandbox's globals (`range`, `namespace`
    ...). A plain walk of the syntax tree, several times cheaper than
    `jinja2.meta.find_undeclared_variables`, which runs the code generator; the
    catalog does this for every file at every start."""
    from jinja2 import nodes

    loaded = {n.name for n in ast.find_all(nodes.Name) if n.ctx == "load"}
    stored = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    if any(True for _ in ast.find_all(nodes.For)):
        stored.add("loop")
    return loaded - stored - set(jinja_environment().globals)
