"""What is due (CASES.md §6): across the open cases, the next moves (`next_steps`) and the
clocks still running (`sla`), as rows: overdue, due today, due this week.

Reading every open case and its timeline is the slow part (10,000 cases: most of a
second); `DueQueue` keeps the per-case results and computes them again only when the
store's `last_change()` stamp moves or the day changes, so sorting them for the screen
costs milliseconds. Call `rows` off the UI thread the first time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Literal

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.model import Case, Entry, FieldValues, Status
from sr_tui.core.cases.next_steps import suggest, when_text
from sr_tui.core.cases.next_steps_table import Step
from sr_tui.core.cases.sla import clocks_for
from sr_tui.core.cases.sla_policy import SlaPolicy
from sr_tui.core.cases.team import normalize_name
from sr_tui.core.when import short_when

Bucket = Literal["overdue", "today", "week", "later"]
Badge = Literal["breached", "near", "fine"]
Horizon = Literal["today", "week", "all"]
_ZERO = timedelta(0)

CLOCK_WHAT = {
    "urgent_contact": "phone the customer (urgent: first contact)",
    "acknowledge": "acknowledge the case",
    "complete": "check the information is complete",
    "diagnosis": "not located: hold a technical review",
    "promise": "keep the promised update",
}
CLOCK_WHAT_ZH = {
    "urgent_contact": "致电客户(紧急:首次联系)",
    "acknowledge": "受理确认",
    "complete": "确认信息完整",
    "diagnosis": "尚未定位:组织技术评审",
    "promise": "兑现承诺的进展更新",
}


@dataclass(frozen=True)
class Due:
    """One thing due on one case (before it is placed against now)."""

    case_number: str
    customer: str
    title: str
    template_id: str | None  # None: a phone call
    reason: str
    due: datetime
    length: timedelta  # the clock's whole time (business), for the "near" badge
    values: FieldValues = field(default_factory=dict)
    kind: str = "step"  # "step" or an SLA clock kind
    assignee: str = ""  # who the case is assigned to (受理人); "" unassigned
    reason_zh: str = ""  # `reason` for the Chinese screens ("" when there is none)

    def reason_in(self, language: str) -> str:
        """Why it is due, in the screen's language (English when no Chinese is known)."""
        return self.reason_zh if language == "zh" and self.reason_zh else self.reason


@dataclass(frozen=True)
class DueRow:
    item: Due
    bucket: Bucket
    left: timedelta  # business time from now; negative when overdue
    badge: Badge

    @property
    def overdue(self) -> bool:
        return self.bucket == "overdue"

    def to_json(self) -> dict:
        i = self.item
        return {
            "case": i.case_number,
            "customer": i.customer,
            "title": i.title,
            "template": i.template_id,
            "reason": i.reason,
            "due": i.due.isoformat(),
            "overdue": self.overdue,
            "bucket": self.bucket,
            "badge": self.badge,
            "left_minutes": int(self.left / timedelta(minutes=1)),
            "values": i.values,
            "assignee": i.assignee,
        }


def customer_of(case: Case) -> str:
    name = case.values.get("customer_name")
    named = name if isinstance(name, str) else ""
    return case.company or case.requester or named


def due_for_case(
    case: Case,
    entries: Sequence[Entry],
    steps: Sequence[Step],
    policy: SlaPolicy,
    calendar: BusinessCalendar,
    now: datetime,
) -> list[Due]:
    """What is due on one open case: its next moves, and its open clocks not answered by
    one of them (one row per template, the earliest)."""
    if not case.is_open:
        return []
    customer = customer_of(case)
    out: dict[str | None, Due] = {}
    for s in suggest(case, entries, steps, policy, calendar, now):
        length = calendar.between(s.started, s.due) if s.started else _ZERO
        item = Due(
            case.number,
            customer,
            case.title,
            s.template_id,
            s.reason,
            s.due,
            length,
            s.values,
            assignee=case.assignee,
            reason_zh=s.reason_zh,
        )
        if s.template_id not in out or s.due < out[s.template_id].due:
            out[s.template_id] = item
    for d in clocks_for(case, entries, policy, calendar, now, open_only=True):
        if not d.open or d.paused or d.kind == "chase":
            continue
        tid = d.template_id
        what = CLOCK_WHAT.get(d.kind, d.kind)
        since = when_text(d.started, calendar) if d.started else ""
        reason = f"{tid or 'call'}: {what}"
        reason += f" ({d.reason}, {since})" if d.reason and d.kind == "promise" else ""
        reason += f" (since {since})" if d.kind != "promise" and since else ""
        since_zh = short_when(d.started, "zh", calendar.tz) if d.started else ""
        reason_zh = f"{tid or '电话'}:{CLOCK_WHAT_ZH.get(d.kind, d.kind)}"
        if d.kind == "promise" and d.reason_zh:
            reason_zh += f"({d.reason_zh},{since_zh})"
        elif d.kind != "promise" and since_zh:
            reason_zh += f"(自 {since_zh})"
        item = Due(
            case.number,
            customer,
            case.title,
            tid,
            reason,
            d.due,
            d.length,
            {},
            d.kind,
            case.assignee,
            reason_zh,
        )
        if tid not in out or d.due < out[tid].due:
            out[tid] = item
    return sorted(out.values(), key=lambda i: i.due)


def place(
    item: Due,
    now: datetime,
    calendar: BusinessCalendar,
    policy: SlaPolicy,
    left: timedelta | None = None,
) -> DueRow:
    """The row of `item` against now: its bucket, business time left and badge (`left`
    when the caller measured it already)."""
    tz = calendar.tz
    local_now = now.astimezone(tz)
    today = local_now.date()
    due_day = item.due.astimezone(tz).date()
    if left is None:
        left = calendar.between(now, item.due)  # negative when overdue
    if item.due < now:
        bucket: Bucket = "overdue"
    else:
        week_end = today + timedelta(days=7 - today.weekday())
        bucket = "today" if due_day == today else "week" if due_day < week_end else "later"
    if bucket == "overdue":
        badge: Badge = "breached"
    elif item.length > _ZERO and left <= item.length * policy.near_fraction:
        badge = "near"
    else:
        badge = "fine"
    return DueRow(item, bucket, left, badge)


def place_all(
    items: Sequence[Due],
    now: datetime,
    calendar: BusinessCalendar,
    policy: SlaPolicy,
    limit: datetime | None = None,
) -> list[DueRow]:
    """The rows of `items` (earliest due first) due before `limit`, as `place` gives
    them. Business time adds up, so the time left of each row is the business time from
    the first due instant to its own (a short step from the row before) less that from
    the first to now: one measurement against now for the whole list, not one per row
    (20,000 rows took seconds at every new minute)."""
    if not items:
        return []
    anchor = min(items[0].due, now)
    to_now = calendar.between(anchor, now)
    rows, offset, previous = [], _ZERO, anchor
    for item in items:
        if limit is not None and item.due >= limit:
            break
        offset += calendar.between(previous, item.due)
        previous = item.due
        rows.append(place(item, now, calendar, policy, offset - to_now))
    return rows


def end_of(horizon: Horizon, now: datetime, calendar: BusinessCalendar) -> datetime | None:
    """The last instant a row may be due to be listed (None: no limit)."""
    if horizon == "all":
        return None
    today = now.astimezone(calendar.tz).date()
    last = today if horizon == "today" else today + timedelta(days=6 - today.weekday())
    return datetime.combine(last + timedelta(days=1), time(0), tzinfo=calendar.tz)


class DueQueue:
    """The due list of a store, cached on the store's `last_change()` and the date."""

    def __init__(
        self, store, steps: Sequence[Step], policy: SlaPolicy, calendar: BusinessCalendar
    ) -> None:
        self.store = store
        self.steps = list(steps)
        self.policy = policy
        self.calendar = calendar
        self._lock = threading.Lock()
        self._key: object = None
        self._items: list[Due] = []
        self._rows: dict[object, list[DueRow]] = {}

    def _stamp(self) -> object:
        stamp = getattr(self.store, "last_change", None)
        return stamp() if callable(stamp) else None

    def items(self, now: datetime) -> list[Due]:
        """Everything due on the open cases, earliest first (cached)."""
        with self._lock:
            stamp = self._stamp()
            key = (stamp, now.astimezone(self.calendar.tz).date())
            if stamp is None or key != self._key:
                self._items = self._compute(now)
                self._key = key
                self._rows = {}
            return self._items

    @property
    def cached(self) -> bool:
        return self._key is not None and self._key[0] == self._stamp()  # type: ignore[index]

    def _compute(self, now: datetime) -> list[Due]:
        open_statuses = [s for s in Status if s is not Status.CLOSED]
        out: list[Due] = []
        for summary in self.store.list_cases(statuses=open_statuses, limit=None):
            case = self.store.get_case(summary.number)
            if case is None:
                continue
            entries = self.store.entries(case.number)
            out += due_for_case(case, entries, self.steps, self.policy, self.calendar, now)
        out.sort(key=lambda i: (i.due, i.case_number))
        return out

    def rows(
        self, now: datetime, horizon: Horizon = "week", assignee: str | None = None
    ) -> list[DueRow]:
        """Overdue first (longest overdue first), then due today, then this week.
        `assignee` keeps the rows of the cases assigned to that person (whitespace-
        normalised, exact: "my cases"); "" those of unassigned cases; None the team's."""
        rows = self._rows_of(now, horizon)
        if assignee is None:
            return rows
        who = normalize_name(assignee)
        return [r for r in rows if normalize_name(r.item.assignee) == who]

    def _rows_of(self, now: datetime, horizon: Horizon) -> list[DueRow]:
        items = self.items(now)
        minute = (horizon, now.replace(second=0, microsecond=0))
        with self._lock:
            cached = self._rows.get(minute)
        if cached is not None:
            return cached
        limit = end_of(horizon, now, self.calendar)
        rows = place_all(items, now, self.calendar, self.policy, limit)
        with self._lock:
            self._rows = {minute: rows}  # one minute's rows: a refresh within it is free
        return rows
