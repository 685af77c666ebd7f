"""A tiny PostgreSQL server of a test's own, in a temporary directory, to stop and start
at will (the fault tests must not stop the server every other test uses). Built from the
distribution's binaries, as `.ci/run` does; run as the `postgres` user when the tests run
as root (the server refuses root). Unix socket only: nothing listens on the network."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from . import pg


def bin_dir() -> Path | None:
    def version(path: str) -> float:
        try:
            return float(Path(path).parent.name)
        except ValueError:
            return 0.0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version)
    if found:
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class TinyServer:
    dbname = "faults"

    def __init__(self) -> None:
        binaries = bin_dir()
        reason = "" if binaries else "no PostgreSQL server binaries (initdb, pg_ctl) here"
        try:
            import psycopg  # noqa: F401
        except ImportError:
            reason = "psycopg is not installed (pip install -e '.[test]')"
        if reason:
            if pg.in_ci():
                pytest.fail(f"{reason}; under CI=true the fault tests must run", pytrace=False)
            pytest.skip(reason)
        self.bin = binaries
        self.root = Path(tempfile.mkdtemp(prefix="srpg-", dir="/tmp"))
        self.data = self.root / "data"
        self.sock = self.root / "s"
        self.sock.mkdir()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sock, "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "--auth=trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self._run("createdb", "-h", str(self.sock), "-U", "postgres", self.dbname)

    def _run(self, tool: str, *args: str) -> None:
        argv = [str(self.bin / tool), *args]
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, check=True, capture_output=True, timeout=120)

    def url(self, password: str = "", user: str = "postgres", dbname: str = "") -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{user}{secret}@/{dbname or self.dbname}?host={self.sock}"

    def start(self) -> None:
        options = f"-k {self.sock} -c listen_addresses='' -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
