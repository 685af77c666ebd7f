"""What to write next on a case, when, why and with which values (CASES.md §5).

`suggest(case, entries, steps, policy, calendar)` gives the suggestions for one case from
the move table (`next_steps_table`: `load_steps`, `check_steps`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.model import Case, Entry, EntryKind, FieldValues
from sr_tui.core.cases.next_steps_table import Step, wait_amount
from sr_tui.core.cases.sla import announced_close
from sr_tui.core.cases.sla_policy import REQUESTS, SlaPolicy
from sr_tui.core.when import short_when


@dataclass(frozen=True)
class Suggestion:
    """Write `template_id` on `case_number` by `due`; `reason` says why
    ("B2: no reply since B1 on Wed 2 Dec 10:05"); `values` pre-fill the form."""

    case_number: str
    template_id: str
    due: datetime
    reason: str
    values: FieldValues = field(default_factory=dict)
    started: datetime | None = None  # when the clock behind it started
    entry_id: str = ""  # the timeline entry it follows
    reason_zh: str = ""  # `reason` for the Chinese screens ("" when the step has none)


def add_wait(start: datetime, unit: str, amount: float, calendar: BusinessCalendar) -> datetime:
    if unit == "business_day":
        return calendar.add_days(start, int(amount))
    if unit == "business_hour":
        return calendar.add(start, timedelta(hours=amount))
    if unit == "day":
        return start + timedelta(days=amount)
    if unit == "hour":
        return start + timedelta(hours=amount)
    return start + timedelta(minutes=amount)


_REASON_FIELD = re.compile(r"\{(after|at)\}")


def fill_reason(reason: str, after: str, at: str) -> str:
    """A step's reason with {after} and {at} filled in. A user's next-steps.toml may hold
    other braces or format specs: they are shown as written (no str.format: a width of a
    billion would be obeyed)."""
    values = {"after": after, "at": at}
    return _REASON_FIELD.sub(lambda m: values[m.group(1)], reason)


def when_text(t: datetime, calendar: BusinessCalendar) -> str:
    """'Wed 2 Dec 10:05' in the calendar's zone."""
    local = t.astimezone(calendar.tz)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def business_days_until(now: datetime, target: datetime, calendar: BusinessCalendar) -> int:
    """The smallest N >= 1 with `add_days(now, N)` on or after the date of `target`."""
    want = target.astimezone(calendar.tz).date()
    n = 1
    while n < 400 and calendar.add_days(now, n).astimezone(calendar.tz).date() < want:
        n += 1
    return n


# -- the items still outstanding -------------------------------------------------------


def requested_items(entry: Entry) -> list[str]:
    """The bullet lines of a request email's body ("- An sosreport from app01")."""
    if entry.email is None:
        return []
    items: list[str] = []
    for line in entry.email.body.splitlines():
        s = line.strip()
        if s.startswith(("- ", "• ", "* ")):
            items.append(s[2:].strip())
        elif items and line.startswith("  ") and s:  # a hard-wrapped bullet
            items[-1] = f"{items[-1]} {s}"
    return items


def outstanding_items(case: Case, entries: Sequence[Entry]) -> list[str]:
    """What the last request asked for and no later entry says arrived: the case's `items`
    when the request's body lists them, else the body's own bullets; an item named in a
    later note or customer reply counts as received."""
    ordered = sorted(entries, key=lambda e: e.at)
    request = next(
        (e for e in reversed(ordered) if e.email and e.email.template_id.upper() in REQUESTS),
        None,
    )
    if request is None:
        return []
    listed = case.values.get("items")
    body = request.email.body if request.email else ""
    values = [v for v in listed if v.strip()] if isinstance(listed, list) else []
    items = values if values and all(v in body for v in values) else requested_items(request)
    later = " ".join(
        e.notes.lower()
        for e in ordered
        if e.at > request.at and e.kind in (EntryKind.NOTE, EntryKind.CUSTOMER_REPLIED)
    )
    return [item for item in items if item.lower() not in later]


# -- suggestions -----------------------------------------------------------------------


def _happened(e: Entry, ends: Collection[str]) -> bool:
    if e.kind.value in ends:
        return True
    return e.email is not None and e.email.template_id.upper() in ends


def suggest(
    case: Case,
    entries: Sequence[Entry],
    steps: Sequence[Step],
    policy: SlaPolicy,
    calendar: BusinessCalendar,
    now: datetime,
) -> list[Suggestion]:
    """The moves the table suggests for `case` after its last email, earliest first."""
    if not case.is_open:
        return []
    ordered = sorted(entries, key=lambda e: e.at)
    emails = [e for e in ordered if e.email is not None]
    last = emails[-1] if emails else None
    tid = last.email.template_id.upper() if last and last.email else ""
    out: list[Suggestion] = []
    for step in steps:
        if step.statuses and case.status not in step.statuses:
            continue
        if "*" not in step.after and tid not in step.after:
            continue
        if step.suggest == tid and step.wait == "promise" and last is None:
            continue
        if (
            last is not None
            and step.ends
            and any(_happened(e, step.ends) for e in ordered if e.at > last.at)
        ):
            continue
        due = _due(step, case, last, policy, calendar)
        if due is None:
            continue
        start = case.last_activity_at if step.origin == "activity" or last is None else last.at
        shown = last.email.template_id if last is not None and last.email else ""
        why = fill_reason(step.reason, shown, when_text(start, calendar))
        why_zh = fill_reason(step.reason_zh, shown, short_when(start, "zh", calendar.tz))
        values = _fill(step, case, ordered, policy, calendar, due, now)
        out.append(
            Suggestion(
                case.number,
                step.suggest,
                due,
                f"{step.suggest}: {why}" if why else step.suggest,
                values,
                start,
                last.id if last is not None else "",
                f"{step.suggest}:{why_zh}" if why_zh else "",
            )
        )
    out.sort(key=lambda s: s.due)
    return out


def _due(
    step: Step, case: Case, last: Entry | None, policy: SlaPolicy, cal: BusinessCalendar
) -> datetime | None:
    if step.wait == "promise":
        return last.email.promise if last is not None and last.email else None
    if step.wait == "announced":
        return announced_close(last, policy, cal) if last is not None else None
    found = wait_amount(step.wait, policy)
    if found is None:
        return None
    start = case.last_activity_at if step.origin == "activity" or last is None else last.at
    return add_wait(start, found[0], found[1], cal)


def _fill(
    step: Step,
    case: Case,
    entries: Sequence[Entry],
    policy: SlaPolicy,
    cal: BusinessCalendar,
    due: datetime,
    now: datetime,
) -> FieldValues:
    values: FieldValues = {}
    for field_id, source in step.fill.items():
        if source == "outstanding":
            items = outstanding_items(case, entries)
            if items:
                values[field_id] = items
        elif source == "days_to_close":
            values[field_id] = str(days_to_close(due, now, policy, cal))
    return values


def days_to_close(d2_due: datetime, now: datetime, policy: SlaPolicy, cal: BusinessCalendar) -> int:
    """D2's "[X] business days" sent now: the E4 date is `close_business_days` after D2 was
    due (or after now, when D2 goes out late), and X counts the business days to it, so
    "X business days" from the send time lands on that date."""
    start = max(now, d2_due)
    target = cal.add_days(start, policy.close_business_days)
    return business_days_until(now, target, cal)
