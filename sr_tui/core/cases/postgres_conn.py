"""One connection to the team's PostgreSQL database: made lazily, remade after a failure,
and every psycopg error turned into a `StoreError` that names the database by its masked
address (`mask_url`), never its password.

- `read(fn)` runs `fn(conn)` in autocommit mode; `write(fn)` runs it between BEGIN and
  COMMIT (READ COMMITTED: the store locks the rows it changes), rolled back on any error.
- A connection found dead on its first statement of a call (the server was restarted
  since it was last used) is replaced at once and the call goes ahead: nothing had been
  sent. One lost in the middle of a call is a `StoreError` ("not reachable ..."), and the
  next call connects again: the store never queues a write to try later by itself.
- The session is set to UTC (times come back in UTC), a lock timeout (a row held by a
  hung transaction is a clear "busy", not a frozen app), and, unless the address says
  otherwise, a connect timeout, TCP keepalives and `application_name = sr-tui (<name>)`.

psycopg is imported here only, when a store is opened: without the `team` extra the
message says how to install it.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from sr_tui.core.cases.dburl import mask_url, scrub
from sr_tui.core.cases.errors import StoreError

T = TypeVar("T")

INSTALL_HINT = "pip install 'sr-tui[team]'"

#: Defaults added to an address that does not set them (libpq keywords).
CONNECT_DEFAULTS = {
    "connect_timeout": "5",
    "keepalives": "1",
    "keepalives_idle": "30",
    "keepalives_interval": "10",
    "keepalives_count": "3",
}
#: Environment variables libpq reads for the same settings: set, they win over ours.
_ENV_FOR = {"connect_timeout": "PGCONNECT_TIMEOUT", "application_name": "PGAPPNAME"}


def require_psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            "database_url names a PostgreSQL database, and talking to it needs psycopg, "
            f"which is not installed: {INSTALL_HINT}"
        ) from exc
    return psycopg


class _Stale(Exception):
    """The connection was dead before this call sent anything."""


def one_line(text: str) -> str:
    return " ".join(str(text).split())


class Server:
    """The connection behind a `PostgresCaseStore`; see the module docstring."""

    def __init__(
        self,
        url: str,
        *,
        actor: str = "",
        lock_timeout_ms: int = 10_000,
        on_connect: Callable[[Any], None] | None = None,
    ) -> None:
        self.psycopg = require_psycopg()
        self.url = url
        self.shown = mask_url(url)
        self.actor = actor
        self.lock_timeout_ms = lock_timeout_ms
        self._on_connect = on_connect
        self._lock = threading.RLock()
        self._conn: Any = None
        self._params = self._parse(url)

    # -- the connection --------------------------------------------------------------------

    def _parse(self, url: str) -> dict[str, Any]:
        from psycopg.conninfo import conninfo_to_dict

        try:
            return conninfo_to_dict(url)
        except self.psycopg.Error as exc:
            raise StoreError(
                f"database_url {self.shown} cannot be read: {self._reason(exc)}"
            ) from None

    def _options(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        for key, value in CONNECT_DEFAULTS.items():
            if key not in self._params and not os.environ.get(_ENV_FOR.get(key, "")):
                extra[key] = value
        if "application_name" not in self._params and not os.environ.get("PGAPPNAME"):
            extra["application_name"] = f"sr-tui ({self.actor})" if self.actor else "sr-tui"
        return extra

    def connect(self, what: str = "") -> Any:
        """The open connection, made now if there is none (`StoreError` if it cannot be;
        `what` says what that means for the call)."""
        with self._lock:
            if self._conn is not None and not self._conn.closed and not self._conn.broken:
                return self._conn
            self.drop()
            try:
                conn = self.psycopg.connect(self.url, autocommit=True, **self._options())
            except self.psycopg.Error as exc:
                raise self._unreachable(exc, what) from None
            try:
                conn.execute("SET TIME ZONE 'UTC'")
                conn.execute(f"SET lock_timeout = {int(self.lock_timeout_ms)}")
                if self._on_connect is not None:
                    self._on_connect(conn)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
            return conn

    def drop(self) -> None:
        """Forget the connection (closing it if it is still open)."""
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is not None:
                with contextlib.suppress(Exception):  # a broken one: nothing left to do
                    conn.close()

    def close(self) -> None:
        self.drop()

    @property
    def connected(self) -> bool:
        conn = self._conn
        return conn is not None and not conn.closed and not conn.broken

    # -- calls -----------------------------------------------------------------------------

    def read(self, fn: Callable[[Any], T]) -> T:
        return self._call(fn, write=False)

    def write(self, fn: Callable[[Any], T]) -> T:
        return self._call(fn, write=True)

    def _call(self, fn: Callable[[Any], T], *, write: bool) -> T:
        what = "This change was not saved." if write else "Nothing could be read."
        with self._lock:
            reused = self.connected
            conn = self.connect(what)
            try:
                return self._once(conn, fn, write, retry=reused)
            except _Stale:
                self.drop()
                return self._once(self.connect(what), fn, write, retry=False)

    def _once(self, conn: Any, fn: Callable[[Any], T], write: bool, *, retry: bool) -> T:
        psycopg = self.psycopg
        if write:
            try:
                conn.execute("BEGIN")
            except psycopg.OperationalError as exc:
                if retry and conn.broken:
                    raise _Stale from exc
                raise self._error(exc, write) from None
        try:
            result = fn(conn)
        except StoreError:
            self._rollback(conn)
            raise
        except psycopg.Error as exc:
            self._rollback(conn)
            if retry and not write and conn.broken:  # a read can always be asked again
                raise _Stale from exc
            raise self._error(exc, write) from None
        except BaseException:
            self._rollback(conn)
            raise
        if write:
            try:
                conn.execute("COMMIT")
            except psycopg.Error as exc:
                self._rollback(conn)
                raise self._error(exc, write, committing=True) from None
        return result

    def _rollback(self, conn: Any) -> None:
        if conn.closed or conn.broken:
            self.drop()
            return
        try:
            if conn.info.transaction_status != self.psycopg.pq.TransactionStatus.IDLE:
                conn.execute("ROLLBACK")
        except self.psycopg.Error:
            self.drop()

    # -- messages --------------------------------------------------------------------------

    def _reason(self, exc: BaseException) -> str:
        return scrub(one_line(str(exc)), self.url) or type(exc).__name__

    def _unreachable(self, exc: BaseException, what: str) -> StoreError:
        tail = f" {what}" if what else ""
        return StoreError(
            f"The team database {self.shown} is not reachable ({self._reason(exc)}).{tail} "
            "sr-tui connects again at the next step."
        )

    def _error(self, exc: BaseException, write: bool, committing: bool = False) -> StoreError:
        errors = self.psycopg.errors
        conn = self._conn
        if conn is None or conn.closed or conn.broken:
            self.drop()
            if committing:
                what = "This change may not have been saved: reload to see."
            else:
                what = "This change was not saved." if write else "Nothing could be read."
            return self._unreachable(exc, what)
        if isinstance(exc, errors.LockNotAvailable):
            return StoreError(
                f"The team database {self.shown} is busy: a case was held by another "
                f"change for more than {self.lock_timeout_ms / 1000:g} s. Try again."
            )
        if isinstance(exc, errors.InsufficientPrivilege):
            return StoreError(
                f"The team database {self.shown} refused this ({self._reason(exc)}). "
                "Ask whoever set it up to grant your role the rights README lists."
            )
        if isinstance(
            exc, errors.UntranslatableCharacter | errors.CharacterNotInRepertoire
        ) or "NUL" in str(exc):
            return StoreError(
                f"The team database {self.shown} cannot store some of this text "
                f"({self._reason(exc)}); a NUL character cannot be kept in PostgreSQL."
            )
        return StoreError(f"The team database {self.shown}: {self._reason(exc)}")
