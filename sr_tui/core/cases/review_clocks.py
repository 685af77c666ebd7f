"""The review's clocks: business time and the SLA clocks a month's cases are measured by.

Business time: `business_time(a, b) -> timedelta` (working time between two instants).
`business_clock()` gives the user's business calendar's (`core/cases/calendar.py`) once
that module is there, else wall time, and says which (`basis`). SLA clocks: a callable
`(case, entries) -> Iterable[ClockResult]`; `timeline_clocks` computes what the timeline
shows (first contact, acknowledgement, B1 within a business day, promises kept); the SLA
module's clocks can take its place through the same interface.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Literal

from sr_tui.core.cases.model import Case, Entry, EntryKind, Scenario, Status, Urgency

BusinessTime = Callable[[datetime, datetime], timedelta]
State = Literal["met", "breached", "pending"]

#: The clocks `timeline_clocks` computes, in the order reports list them (CASES.md §4).
CLOCKS = ("urgent_first_contact", "acknowledgement", "information_completeness", "promise")

#: Their limits: calendar time for the urgent call, business time for the others.
URGENT_CONTACT = timedelta(minutes=15)
ACKNOWLEDGEMENT = timedelta(hours=2)
#: One business day of the default week (Mon-Fri 09:00-18:00), as business time.
BUSINESS_DAY = timedelta(hours=9)
#: Templates that ask the customer for information (the information clock's B1, and
#: the other requests).
REQUESTS = ("B1",)


def wall_time(start: datetime, end: datetime) -> timedelta:
    """Elapsed time, nights and weekends included (when no calendar is known)."""
    return end - start


def business_clock(default_tz: tzinfo | None = None) -> tuple[BusinessTime, tzinfo, str]:
    """(business_time, zone, basis): the user's business calendar's working time between
    two instants and its zone, basis "calendar"; or, where this sr-tui has no business
    calendar module yet, wall time in `default_tz` (default UTC), basis "wall"."""
    try:
        from sr_tui.core.cases.calendar_file import load_calendar
    except ImportError:
        return wall_time, default_tz or UTC, "wall"
    calendar, _problems = load_calendar(default_tz=default_tz)
    return calendar.between, calendar.tz, "calendar"


# -- SLA clocks --------------------------------------------------------------------------


@dataclass(frozen=True)
class ClockResult:
    """One clock of one case: when it started and fell due, when it was met, and its
    state now."""

    clock: str
    case_number: str
    started: datetime
    state: State
    met_at: datetime | None = None
    due: datetime | None = None


Clocks = Callable[[Case, Sequence[Entry]], Iterable[ClockResult]]


def timeline_clocks(business_time: BusinessTime, now: datetime) -> Clocks:
    """The clocks the timeline shows, measured in `business_time` (the urgent call in
    calendar time): urgent first contact (a call within 15 minutes of submission, for
    high urgency or the urgent scenario), acknowledgement (an email or call within 2
    business hours), information completeness (B1 within one business day, where B1 was
    sent), and each promise an email made (kept by the next email at or before it, or
    by the case closing first)."""

    def state(elapsed: timedelta | None, limit: timedelta, waited: timedelta) -> State:
        if elapsed is not None:
            return "met" if elapsed <= limit else "breached"
        return "breached" if waited > limit else "pending"

    def clocks(case: Case, entries: Sequence[Entry]) -> Iterable[ClockResult]:
        number, start = case.number, case.submitted_at
        after = [e for e in entries if e.at >= start]
        if case.urgency is Urgency.HIGH or case.scenario is Scenario.URGENT:
            call = next((e.at for e in after if e.kind is EntryKind.CALL), None)
            elapsed = None if call is None else call - start
            yield ClockResult(
                "urgent_first_contact",
                number,
                start,
                state(elapsed, URGENT_CONTACT, now - start),
                call,
                start + URGENT_CONTACT,
            )
        reply = next((e.at for e in after if e.kind in (EntryKind.EMAIL, EntryKind.CALL)), None)
        elapsed = None if reply is None else business_time(start, reply)
        waited = business_time(start, now)
        yield ClockResult(
            "acknowledgement", number, start, state(elapsed, ACKNOWLEDGEMENT, waited), reply
        )
        asked = next(
            (e.at for e in after if e.email and e.email.template_id.upper() in REQUESTS), None
        )
        if asked is not None:
            yield ClockResult(
                "information_completeness",
                number,
                start,
                state(business_time(start, asked), BUSINESS_DAY, waited),
                asked,
            )
        yield from _promises(case, entries, now)

    return clocks


def _promises(case: Case, entries: Sequence[Entry], now: datetime) -> Iterable[ClockResult]:
    emails = [e for e in entries if e.email is not None]
    closes = [
        e.at for e in entries if e.status_change and e.status_change.to_status is Status.CLOSED
    ]
    for i, entry in enumerate(emails):
        promise = entry.email.promise if entry.email else None
        if promise is None:
            continue
        later = next((e.at for e in emails[i + 1 :] if e.at > entry.at), None)
        closed = next((at for at in closes if at > entry.at), None)
        met_at = min((t for t in (later, closed) if t is not None), default=None)
        if met_at is not None:
            result: State = "met" if met_at <= promise else "breached"
        else:
            result = "breached" if now > promise else "pending"
        yield ClockResult("promise", case.number, entry.at, result, met_at, promise)
