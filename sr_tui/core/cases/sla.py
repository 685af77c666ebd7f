"""The clocks of CASES.md §4 (seed 001 steps 2–3): what the team owes a case, and by when.

`clocks_for(case, entries, policy, calendar, now=...)` reads a case's timeline and returns
one `Deadline` per clock that has started:

- `urgent_contact`: from submission when urgency is high or the scenario urgent; 15
  minutes of calendar time; met by a call.
- `acknowledge`: from submission; 2 business hours; met by an email or a call.
- `complete`: from submission; 1 business day; met by a request (B1, B3–B7), A3, or a
  note whose action is "information complete".
- `diagnosis`: from acceptance; 2 business hours; met once the problem is located (C1,
  H2, H4, D1, D3, E1, E2, a move to a later status, or a note whose action is
  "diagnosed"); breached means: hold a technical review (C1 if the customer must know).
- `promise`: from an email with a promise; due at the promised time; met by the next email.
- `chase`: from a request; due at the next chase move (§5); met by a reply or A3.

Waiting on the customer (a status move to it, or a request email) pauses every clock but
the chase; a customer reply (or A3, or a move to another status) restarts them with the
time they had left. Pure functions: no store, no clock of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.model import Case, Entry, EntryKind, Scenario, Status, Urgency

#: Template ids that ask the customer for something (B2 chases them).
REQUESTS = frozenset({"B1", "B3", "B4", "B5", "B6", "B7"})
#: Emails that show the problem was located (or handed on): the diagnosis clock is met.
LOCATED = frozenset({"C1", "H2", "H4", "D1", "D3", "E1", "E2"})
#: A note's `action` that marks the case's information complete / the problem located.
COMPLETE_ACTION = "information complete"
DIAGNOSED_ACTION = "diagnosed"
#: Statuses that mean the problem was located.
LOCATED_STATUSES = frozenset(
    {Status.WAITING_DEVELOPMENT, Status.AWAITING_CONFIRMATION, Status.CLOSED}
)

KINDS = ("urgent_contact", "acknowledge", "complete", "diagnosis", "promise", "chase")
#: The template that answers each clock (None: a phone call).
ANSWER: dict[str, str | None] = {
    "urgent_contact": None,
    "acknowledge": "A1",
    "complete": "B1",
    "diagnosis": "C1",
    "promise": "A2",
    "chase": "B2",
}
_ZERO = timedelta(0)


class PolicyError(ValueError):
    """A bad `[sla]` table."""


@dataclass(frozen=True)
class SlaPolicy:
    """The `[sla]` settings table; the defaults are seed 001's."""

    urgent_contact_minutes: int = 15
    acknowledge_business_hours: float = 2
    complete_business_days: int = 1
    diagnosis_business_hours: float = 2
    #: §5: B2 this many business days after a request, D2 after B2, E4 after D2
    #: (the default "[X]" D2 announces).
    chase_business_days: int = 2
    warn_business_days: int = 3
    close_business_days: int = 3
    #: E3 only after this many calendar days without activity.
    inactivity_days: int = 14
    #: D4 keeps a case open this long before E1/E2 is suggested.
    monitoring_business_days: int = 5
    #: H3 this often while development works.
    development_update_days: int = 7
    #: A clock with at most this share of its time left shows as "near".
    near_fraction: float = 0.2

    @classmethod
    def from_table(cls, table: Mapping[str, Any] | None) -> tuple[SlaPolicy, list[str]]:
        """The policy from a settings table, and a reason for each bad entry (skipped)."""
        good: dict[str, Any] = {}
        problems: list[str] = []
        types = {f.name: f.type for f in fields(cls)}
        for key, value in (table or {}).items():
            if key not in types:
                import difflib

                close = difflib.get_close_matches(key, list(types), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(f"[sla] unknown key '{key}'{hint}")
                continue
            whole = types[key] == "int"
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"[sla] '{key}' must be a number, got {value!r}")
                continue
            if whole and value != int(value):
                problems.append(f"[sla] '{key}' must be a whole number, got {value!r}")
                continue
            if value < 0 or (key == "near_fraction" and value > 1):
                problems.append(f"[sla] '{key}' is out of range: {value!r}")
                continue
            good[key] = int(value) if whole else float(value)
        return cls(**good), problems

    def value(self, key: str) -> float:
        """A policy number by name (next-steps.toml refers to them)."""
        if key not in {f.name for f in fields(self)}:
            raise KeyError(key)
        return getattr(self, key)


@dataclass(frozen=True)
class Deadline:
    """One clock of a case. `left` is business time (calendar time for the urgent call)
    from now to `due` (negative once overdue); for a met clock, from `met_at` to `due`."""

    kind: str
    due: datetime
    met_at: datetime | None = None
    paused: bool = False
    breached: bool = False
    left: timedelta = _ZERO
    started: datetime | None = None
    length: timedelta = _ZERO  # the clock's full time, for "within 20% of the clock"
    entry_id: str = ""  # the timeline entry that started it
    source: str = ""  # what started it: "submitted", "accepted", a template id
    reason: str = ""  # e.g. "promised 4 business hours in A1"

    @property
    def open(self) -> bool:
        return self.met_at is None

    @property
    def template_id(self) -> str | None:
        return ANSWER.get(self.kind)

    def near(self, fraction: float) -> bool:
        return self.length > _ZERO and self.left <= self.length * fraction


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


class _Clocks:
    def __init__(
        self,
        case: Case,
        entries: Sequence[Entry],
        policy: SlaPolicy,
        calendar: BusinessCalendar,
        now: datetime,
    ) -> None:
        self.case = case
        self.entries = sorted(entries, key=lambda e: e.at)
        self.policy = policy
        self.cal = calendar
        self.now = now
        self.paused = pauses(self.entries)
        self.open_only = False
        last = self.paused[-1] if self.paused else None
        #: When the case went to the customer, if it is waiting on them now.
        self.waiting_since = last[0] if last is not None and last[1] is None else None

    def first(self, after: datetime, test: Callable[[Entry], bool]) -> Entry | None:
        return next((e for e in self.entries if e.at >= after and test(e)), None)

    def make(
        self,
        kind: str,
        start: datetime,
        amount: timedelta,
        met: Entry | None,
        *,
        business: bool = True,
        pause: bool = True,
        entry_id: str = "",
        source: str = "",
        reason: str = "",
        due: datetime | None = None,
    ) -> Deadline | None:
        if met is not None and self.open_only:
            return None
        add: Add = self.cal.add if business else _elapsed_add
        between: Between = self.cal.between if business else _elapsed_between
        met_at = met.at if met is not None else None
        if due is None:
            due, paused = run_clock(
                start, amount, self.paused if pause else (), self.now, add, between, met_at
            )
        else:
            paused = False
        if met_at is not None:
            left = between(met_at, due) if met_at <= due else -between(due, met_at)
            breached = met_at > due
            paused = False
        else:
            left = between(self.now, due) if self.now <= due else -between(due, self.now)
            breached = not paused and self.now > due
            waiting = self.waiting_since if pause else None
            if not paused and waiting is not None and waiting >= start:
                # Breached before the case went to the customer: it stays breached, but
                # nothing is owed until they answer.
                paused, breached = True, due < waiting
        length = amount if amount > _ZERO else max(between(start, due), _ZERO)
        return Deadline(
            kind,
            due,
            met_at,
            paused,
            breached,
            left,
            start,
            length,
            entry_id,
            source,
            reason,
        )


def _email(e: Entry, ids: frozenset[str] | None = None) -> bool:
    return e.email is not None and (ids is None or e.email.template_id.upper() in ids)


def clocks_for(
    case: Case,
    entries: Sequence[Entry],
    policy: SlaPolicy,
    calendar: BusinessCalendar,
    now: datetime | None = None,
    *,
    open_only: bool = False,
) -> list[Deadline]:
    """Every clock of `case` that has started, in the order of CASES.md §4 (promises in
    timeline order). `now` defaults to the latest time the case knows (for a review).
    `open_only` skips the clocks already met (the due list needs only the others)."""
    if now is None:
        times = [case.last_activity_at, case.updated_at, *(e.at for e in entries)]
        now = max(times)
    c = _Clocks(case, entries, policy, calendar, now)
    c.open_only = open_only
    out: list[Deadline | None] = []
    sub = case.submitted_at
    if case.urgency is Urgency.HIGH or case.scenario is Scenario.URGENT:
        met = c.first(sub, lambda e: e.kind is EntryKind.CALL)
        minutes = timedelta(minutes=policy.urgent_contact_minutes)
        out.append(c.make("urgent_contact", sub, minutes, met, business=False, source="submitted"))
    met = c.first(sub, lambda e: e.kind is EntryKind.CALL or _email(e))
    hours = timedelta(hours=policy.acknowledge_business_hours)
    out.append(c.make("acknowledge", sub, hours, met, source="submitted"))
    met = c.first(
        sub,
        lambda e: (
            _email(e, REQUESTS | {"A3"})
            or (e.kind is EntryKind.NOTE and e.action.strip().lower() == COMPLETE_ACTION)
        ),
    )
    days = policy.complete_business_days
    amount = calendar.between(calendar.next_open(sub), calendar.add_days(sub, days))
    out.append(c.make("complete", sub, amount, met, source="submitted"))
    accepted = _accepted_at(case, c.entries)
    if accepted is not None:
        met = c.first(accepted, _located)
        hours = timedelta(hours=policy.diagnosis_business_hours)
        out.append(
            c.make(
                "diagnosis",
                accepted,
                hours,
                met,
                source="accepted",
                reason="not located: hold a technical review (C1 if the customer must know)",
            )
        )
    emails = [e for e in c.entries if e.email is not None]
    for i, e in enumerate(emails):
        detail = e.email
        assert detail is not None
        if detail.promise is None or detail.template_id.upper() == "D2":
            continue  # D2's days are the customer's: the chase clock holds them
        met = emails[i + 1] if i + 1 < len(emails) else None
        if met is not None and open_only:
            continue
        amount = max(calendar.between(e.at, detail.promise), _ZERO)
        out.append(
            c.make(
                "promise",
                e.at,
                amount,
                met,
                entry_id=e.id,
                source=detail.template_id,
                reason=f"promised {detail.promise_text or 'an update'} in {detail.template_id}",
            )
        )
    chase = chase_clock(c.entries, policy, calendar, now)
    if chase is not None and not (open_only and chase.met_at is not None):
        out.append(chase)
    return [d for d in out if d is not None]


def _accepted_at(case: Case, entries: Sequence[Entry]) -> datetime | None:
    if case.accepted_at is not None:
        return case.accepted_at
    for e in entries:
        sc = e.status_change
        if sc is not None and sc.to_status is Status.ACCEPTED:
            return e.at
    return None


def _located(e: Entry) -> bool:
    if _email(e, LOCATED):
        return True
    if e.kind is EntryKind.NOTE and e.action.strip().lower() == DIAGNOSED_ACTION:
        return True
    sc = e.status_change
    return sc is not None and sc.to_status in LOCATED_STATUSES


def announced_close(d2: Entry, policy: SlaPolicy, calendar: BusinessCalendar) -> datetime:
    """The date D2 announced: its promise ("[X] business days" from when it went out),
    else the policy's close days."""
    if d2.email is not None and d2.email.promise is not None:
        return d2.email.promise
    return calendar.add_days(d2.at, policy.close_business_days)


def chase_clock(
    entries: Sequence[Entry], policy: SlaPolicy, calendar: BusinessCalendar, now: datetime
) -> Deadline | None:
    """The chase of the latest request (B1, B3–B7): due at the next move (B2 after the chase
    days, D2 after the warn days, E4 on the date D2 announced); met by a reply or A3."""
    ordered = sorted(entries, key=lambda e: e.at)
    request = None
    for e in ordered:
        if _email(e, REQUESTS):
            request = e
    if request is None:
        return None
    after = [e for e in ordered if e.at >= request.at and e is not request]
    reply = next(
        (e for e in after if e.kind is EntryKind.CUSTOMER_REPLIED or _email(e, frozenset({"A3"}))),
        None,
    )
    last, due, what = request, calendar.add_days(request.at, policy.chase_business_days), "B2"
    for e in after:
        if reply is not None and e.at >= reply.at:
            break
        if _email(e, frozenset({"B2"})):
            last, due, what = e, calendar.add_days(e.at, policy.warn_business_days), "D2"
        elif _email(e, frozenset({"D2"})):
            last, due, what = e, announced_close(e, policy, calendar), "E4"
    stamp = reply.at if reply is not None else now
    left = calendar.between(stamp, due) if stamp <= due else -calendar.between(due, stamp)
    tid = last.email.template_id if last.email else "B1"
    return Deadline(
        "chase",
        due,
        reply.at if reply is not None else None,
        False,
        reply is None and now > due,
        left,
        last.at,
        max(calendar.between(last.at, due), _ZERO),
        last.id,
        tid,
        f"{what}: no reply since {tid}",
    )
