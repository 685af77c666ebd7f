"""Atomic file writes: temporary file next to the real file, fsync, rename.

A crash (or a full disk) mid-write leaves the old file as it was; readers never see a
half-written file. Every file sr-tui writes goes through here, and what the user has
arranged survives a write:

- a symlink (a dotfiles repository) is written through: the file it points to is
  replaced, the link stays;
- the file keeps its permission bits (a 0644 config stays 0644; a new file is 0600);
- a FIFO, a device, a directory or a socket at the path is refused (`RefusedFile`),
  never replaced by a plain file;
- a failure names the real path and the reason (`WriteError`), never the temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from sr_tui.core.files import RefusedFile, kind_of


class WriteError(OSError):
    """A file could not be written. `strerror` is the whole sentence, naming the real
    path: "cannot write /x/draft.json: the folder /x is not writable (Permission denied)".
    `target` is the file that was to be written."""

    def __init__(self, code: int | None, message: str, target: Path) -> None:
        super().__init__(code or errno.EIO, message, str(target))
        self.target = target

    def __str__(self) -> str:
        return self.strerror


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to `path` replaces: symlinks followed to the real file (which
    may not exist yet). Raises `RefusedFile` when something other than a regular file is
    there, and WriteError for a symlink loop."""
    given = Path(path)
    real = Path(os.path.realpath(given))
    try:
        mode = os.stat(real).st_mode
    except (FileNotFoundError, NotADirectoryError):  # not there yet (the folder says why)
        return real
    except OSError as exc:  # ELOOP, EACCES on a folder on the way, ...
        raise WriteError(exc.errno, f"cannot write {given}: {exc.strerror or exc}", real) from None
    if not stat.S_ISREG(mode):
        raise RefusedFile(
            given, f"is {kind_of(mode)}, not a regular file; sr-tui will not replace it"
        )
    return real


def _blocking_file(folder: Path) -> Path | None:
    """The first thing on the way to `folder` that exists and is not a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


def make_folder(folder: Path, target: Path) -> None:
    """Create `folder` (and its parents) for writing `target`; WriteError names what is in
    the way ("/x/data is a file, not a folder")."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = _blocking_file(folder)
        if blocker is not None:
            message = f"cannot write {target}: {blocker} is a file, not a folder"
        else:
            message = f"cannot write {target}: cannot create the folder {folder} ({exc.strerror})"
        raise WriteError(exc.errno, message, target) from None


def _folder_problem(exc: OSError, folder: Path, target: Path) -> WriteError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        what = "is read-only" if exc.errno == errno.EROFS else "is not writable"
        message = f"cannot write {target}: the folder {folder} {what} ({exc.strerror})"
    else:
        message = f"cannot write {target}: {exc.strerror or exc}"
    return WriteError(exc.errno, message, target)


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Replace the file at `path` (through symlinks) with `data` atomically, creating
    its folder, keeping its permission bits; return `path`."""
    target = write_target(path)
    folder = target.parent
    make_folder(folder, target)
    try:
        keep_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        keep_mode = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _folder_problem(exc, folder, target) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if keep_mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), keep_mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            raise _folder_problem(exc, folder, target) from None
        raise
    _sync_folder(folder)
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """`atomic_write_bytes` for UTF-8 text, line endings exactly as given."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def create_new(path: Path, data: bytes, mode: int | None = None) -> Path:
    """Write `data` to a file that must not exist yet (O_EXCL: never replaces one, even
    one made a moment ago, nor follows a symlink); FileExistsError if it does. The file
    gets `mode` when given (a backup keeps its original's), else 0666 less the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)  # the umask does not narrow a copy's mode
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the platform allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)
