"""Running one SLA clock: its pauses while waiting on the customer, and the time left."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sr_tui.core.cases.model import Entry, EntryKind, Status
from sr_tui.core.cases.sla_policy import _ZERO, REQUESTS

Pause = tuple[datetime, datetime | None]


def pauses(entries: Sequence[Entry]) -> list[Pause]:
    """The intervals the case waited on the customer: from a move to "waiting on the
    customer" (or a request email) to a reply, A3, or a move to another status."""
    out: list[Pause] = []
    start: datetime | None = None
    for e in sorted(entries, key=lambda e: e.at):
        begins = ends = False
        if e.kind is EntryKind.STATUS and e.status_change is not None:
            if e.status_change.to_status is Status.WAITING_CUSTOMER:
                begins = True
            else:
                ends = True
        elif e.kind is EntryKind.EMAIL and e.email is not None:
            tid = e.email.template_id.upper()
            begins = tid in REQUESTS
            ends = tid == "A3"
        elif e.kind is EntryKind.CUSTOMER_REPLIED:
            ends = True
        if begins and start is None:
            start = e.at
        elif ends and start is not None:
            out.append((start, e.at))
            start = None
    if start is not None:
        out.append((start, None))
    return out


Add = Callable[[datetime, timedelta], datetime]
Between = Callable[[datetime, datetime], timedelta]


def _elapsed_add(t: datetime, d: timedelta) -> datetime:
    return t + d


def _elapsed_between(a: datetime, b: datetime) -> timedelta:
    return b - a


def run_clock(
    start: datetime,
    amount: timedelta,
    paused: Sequence[Pause],
    now: datetime,
    add: Add,
    between: Between,
    met_at: datetime | None = None,
) -> tuple[datetime, bool]:
    """(due, paused now): `amount` of (business) time from `start`, the pauses not counted.
    A clock paused now is due `amount` minus what it used, from now."""
    remaining, cur = amount, start
    stop = met_at
    for ps, pe in sorted(paused, key=lambda p: p[0]):
        if stop is not None:
            if ps >= stop:
                break
            pe = stop if pe is None or pe > stop else pe
        if pe is not None and pe <= cur:
            continue
        ps = max(ps, cur)
        due = add(cur, remaining)
        if ps >= due:
            break
        remaining -= max(between(cur, ps), _ZERO)
        if pe is None:
            return add(max(now, ps), remaining), True
        cur = pe
    return add(cur, remaining), False
