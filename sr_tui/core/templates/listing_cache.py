"""Remember what `sr-tui list --json` printed, so a warm listing of a big library does
not load it again (3,000 templates: the catalog's warm load and the JSON encoding of
1.4 MB were most of its time, 2.4x the built-ins' listing).

The listing is a pure function of the template files, the folders they are read from
(and where each was configured, which the warnings name) and the code that loads and
prints them. The key is a digest of all of that: every `*.toml` entry of every folder in
order, with its size and modification time (ns), a folder that cannot be listed, and the
same stamp of sr-tui's own loading code. Any change misses and the listing is made
again. What was printed on stderr (the skipped files, the missing folders) is kept with
it and printed again. Like the catalog cache the file is disposable: a missing,
unreadable, corrupt or foreign file is a miss.

The file is one line of JSON (version, key, warnings), then the listing verbatim.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from sr_tui.core import locations
from sr_tui.core.code_stamp import code_stamp as stamp_modules

VERSION = 1
FILE_NAME = "template-listing.txt"
#: A listing larger than this is not kept (3,000 templates make about 1.5 MB).
MAX_BYTES = 64 * 1024 * 1024

PACKAGE = Path(__file__).resolve().parents[2]
#: The modules whose code decides what the listing holds: a change to one is a miss.
_CODE = (
    "cli/templates.py",
    "cli/common.py",
    "core/templates/catalog.py",
    "core/templates/catalog_cache.py",
    "core/templates/model.py",
    "core/templates/schema.py",
    "core/templates/schema_fields.py",
    "core/templates/schema_text.py",
    "core/templates/listing_cache.py",
)


def _entry_stamp(entry: os.DirEntry) -> tuple:
    try:
        st = entry.stat()  # through a symlink: its target's changes count
    except OSError as exc:
        return (entry.name, type(exc).__name__)
    return (entry.name, st.st_mode, st.st_size, st.st_mtime_ns)


def folder_stamp(directory: Path) -> tuple:
    """Every `*.toml` entry of `directory` (what the loader reads), sorted, stamped."""
    try:
        with os.scandir(directory) as entries:
            found = [_entry_stamp(e) for e in entries if e.name.endswith(".toml")]
    except OSError as exc:
        return (str(directory), type(exc).__name__)
    return (str(directory), sorted(found))


def code_stamp(package: Path = PACKAGE) -> tuple:
    """The stamp of each module of `_CODE` under `package`."""
    return stamp_modules(_CODE, package)


def library_key(dirs: Sequence[Path], origins: dict[Path, str]) -> str:
    """The digest of everything the listing of these folders depends on."""
    text = repr(
        (
            VERSION,
            [folder_stamp(d) for d in dirs],
            sorted((str(d), o) for d, o in origins.items()),
            code_stamp(),
        )
    )
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _path() -> Path:
    return locations.cache_dir() / FILE_NAME


def load(key: str) -> tuple[list[str], str] | None:
    """The warnings and the listing kept for `key`, or None."""
    from sr_tui.core.files import read_limited

    try:
        data = read_limited(_path(), MAX_BYTES).decode("utf-8")
        head, _, listing = data.partition("\n")
        header = json.loads(head)
        warnings = header["warnings"]
        if (
            header.get("version") != VERSION
            or header.get("key") != key
            or type(warnings) is not list
            or not all(type(w) is str for w in warnings)
        ):
            return None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return warnings, listing


def save(key: str, warnings: list[str], listing: str) -> None:
    from sr_tui.core.atomic import atomic_write_bytes

    header = json.dumps({"version": VERSION, "key": key, "warnings": warnings})
    data = f"{header}\n{listing}".encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        return
    with contextlib.suppress(OSError):  # a listing that cannot be kept only costs time
        atomic_write_bytes(_path(), data)
