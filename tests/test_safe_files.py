"""Reading and writing files the user names or leaves around (issue 11, items 5, 9, 16).

`read_limited` is the one reader: regular files only, never blocking, never past the
limit. `atomic_write_bytes` writes through symlinks, keeps the mode, refuses FIFOs and
devices, and names the real path when it fails.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from sr_tui.core import atomic
from sr_tui.core.atomic import WriteError, atomic_write_bytes, create_new
from sr_tui.core.files import RefusedFile, read_limited
from sr_tui.core.tomlfile import read_toml

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev are POSIX")


def finishes(function, seconds: float = 5.0):
    """Run `function` in a thread; fail (instead of hanging the suite) if it blocks."""
    result: list = []

    def run():
        try:
            result.append(("ok", function()))
        except BaseException as exc:  # handed back to the test
            result.append(("raised", exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"blocked for more than {seconds} s"
    kind, value = result[0]
    if kind == "raised":
        raise value
    return value


# -- reading -----------------------------------------------------------------------------


def test_a_regular_file_is_read(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"x = 1\n")
    assert read_limited(path, 100) == b"x = 1\n"


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(RefusedFile, match="larger than 100 bytes"):
        read_limited(path, 100)
    assert read_limited(path, 101) == b"x" * 101


@posix_only
def test_the_limit_is_enforced_while_reading_not_from_the_reported_size():
    # /proc files report a size of 0 and hold more.
    path = Path("/proc/self/status")
    assert path.stat().st_size == 0
    with pytest.raises(RefusedFile, match="larger than 10 bytes"):
        read_limited(path, 10)


@posix_only
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    with pytest.raises(RefusedFile, match=r"is a named pipe \(FIFO\), not a regular file"):
        finishes(lambda: read_limited(fifo, 100))


@posix_only
def test_a_symlink_to_dev_zero_is_refused(tmp_path):
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(RefusedFile, match="is a character device"):
        finishes(lambda: read_limited(link, 1000))


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(RefusedFile, match="is a directory"):
        read_limited(tmp_path, 100)


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_read_toml_reports_them_as_the_files_problem(tmp_path, kind):
    path = tmp_path / "x.toml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    data, _, problem = finishes(lambda: read_toml(path))
    assert data is None and problem is not None and "not a regular file" in problem.message


def test_toml_nested_fifty_thousand_deep_is_the_files_problem(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    data, _, problem = read_toml(path)
    assert data is None and "nested too deeply" in problem.message


# -- writing -----------------------------------------------------------------------------


def test_a_write_keeps_the_files_mode(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("old")
    path.chmod(0o644)
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_new_file_is_private(tmp_path):
    path = tmp_path / "draft.json"
    atomic_write_bytes(path, b"{}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@posix_only
def test_a_write_through_a_symlink_replaces_the_real_file_and_keeps_the_link(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "sr-tui.toml"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in dotfiles.iterdir()) == ["sr-tui.toml"]  # no temp left


@posix_only
def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "config.toml"
    link.symlink_to(tmp_path / "real.toml")
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and (tmp_path / "real.toml").read_bytes() == b"new"


@posix_only
def test_a_fifo_is_never_replaced(tmp_path):
    fifo = tmp_path / "draft.eml"
    os.mkfifo(fifo)
    with pytest.raises(RefusedFile, match="named pipe"):
        finishes(lambda: atomic_write_bytes(fifo, b"x"))
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@posix_only
def test_a_symlink_to_a_device_is_never_followed_nor_replaced(tmp_path):
    link = tmp_path / "draft.eml"
    link.symlink_to("/dev/null")
    with pytest.raises(RefusedFile, match="character device"):
        atomic_write_bytes(link, b"x")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_a_data_dir_that_is_a_file_is_named(tmp_path):
    data = tmp_path / "data"
    data.write_text("i am a file")
    with pytest.raises(WriteError) as caught:
        atomic_write_bytes(data / "draft.json", b"{}")
    assert (
        str(caught.value) == f"cannot write {data / 'draft.json'}: {data} is a file, not a folder"
    )
    assert "Errno" not in str(caught.value)


def test_a_read_only_folder_names_the_real_path_not_the_temp_file(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(
            errno.EACCES, "Permission denied", str(tmp_path / ".draft.json.x.tmp")
        )

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError) as caught:
        atomic_write_bytes(tmp_path / "draft.json", b"{}")
    message = str(caught.value)
    assert message == (
        f"cannot write {tmp_path / 'draft.json'}: the folder {tmp_path} is not writable "
        "(Permission denied)"
    )
    assert ".tmp" not in message


def test_a_full_disk_names_the_real_path(tmp_path, monkeypatch):
    path = tmp_path / "clipboard.txt"
    path.write_text("old")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(WriteError, match=f"cannot write {path}: No space left on device"):
        atomic_write_bytes(path, b"new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["clipboard.txt"]


def test_create_new_never_replaces_and_keeps_a_given_mode(tmp_path):
    path = tmp_path / "config.toml.bak"
    create_new(path, b"one", 0o644)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    with pytest.raises(FileExistsError):
        create_new(path, b"two")
    assert path.read_bytes() == b"one"
