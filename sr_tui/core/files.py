"""Reading the files users name or leave around, safely: `read_limited` is the one reader.

A path may name anything: a FIFO (opening it blocks until someone writes), `/dev/zero`
(it never ends), a directory, a 2 GB file. `read_limited` opens without blocking, looks
at what it opened (not at the path, which may change in between), refuses anything but a
regular file, and stops reading one byte past the limit, whatever size the file claims.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class RefusedFile(OSError):
    """A file sr-tui will not read or replace: not a regular file, or too large.
    `strerror` is the reason (`is a named pipe (FIFO), not a regular file`)."""

    def __init__(self, path: str | os.PathLike[str], reason: str, code: int = errno.EINVAL):
        super().__init__(code, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def kind_of(mode: int) -> str:
    """What a file of this `st_mode` is, in words ("a named pipe (FIFO)")."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(path: str | os.PathLike[str], mode: int) -> RefusedFile:
    kind = kind_of(mode)
    if kind == "a directory":
        return RefusedFile(path, "is a directory, not a file", errno.EISDIR)
    reason = kind if kind == "not a regular file" else f"is {kind}, not a regular file"
    return RefusedFile(path, reason)


def too_large(path: str | os.PathLike[str], limit: int) -> RefusedFile:
    return RefusedFile(path, f"is larger than {limit:,} bytes", errno.EFBIG)


_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)  # a terminal device never becomes ours
    | getattr(os, "O_BINARY", 0)
)


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.

    Raises `RefusedFile` (an OSError) for anything but a regular file and for a file
    longer than `limit` (found by reading `limit + 1` bytes, not by trusting its size),
    and OSError as `open` does (FileNotFoundError, PermissionError ...).
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise not_regular(path, mode)
        chunks: list[bytes] = []
        wanted = limit + 1
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise too_large(path, limit)
    return data


def read_text_limited(path: str | os.PathLike[str], limit: int) -> str:
    """`read_limited` decoded as UTF-8 (a UnicodeDecodeError says where it is not)."""
    return read_limited(path, limit).decode("utf-8")


def describe_read_error(exc: OSError) -> str:
    """The reason an OSError from reading gives, without repeating the path."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    return exc.strerror or str(exc)


def exists(path: Path) -> bool:
    """True when something (even a dangling symlink or a FIFO) is at `path`."""
    return path.exists() or path.is_symlink()
