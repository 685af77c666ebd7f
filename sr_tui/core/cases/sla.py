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
The terms are in `sla_policy`, running one clock in `sla_clock`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.model import Case, Entry, EntryKind, Scenario, Status, Urgency
from sr_tui.core.cases.sla_clock import (
    Add,
    Between,
    _elapsed_add,
    _elapsed_between,
    pauses,
    run_clock,
)
from sr_tui.core.cases.sla_policy import (
    _ZERO,
    COMPLETE_ACTION,
    DIAGNOSED_ACTION,
    LOCATED,
    LOCATED_STATUSES,
    REQUESTS,
    Deadline,
    SlaPolicy,
)


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
        reason_zh: str = "",
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
            reason_zh,
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
                reason_zh="尚未定位:组织技术评审(需告知客户时发 C1)",
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
                reason_zh=f"{detail.template_id} 中承诺 {detail.promise_text or '更新进展'}",
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
