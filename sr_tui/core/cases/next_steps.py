"""The move table of CASES.md §5 as data (`templates/next-steps.toml`; the format is
described at the top of that file): after the case's last email, what to write next,
when, why, and with which values.

`load_steps(user_dirs)` reads the built-in table, or the last user template directory's
`next-steps.toml` (it replaces the built-in one as a whole); `check_steps` lists the
problems of a table (unknown template ids, bad durations); `suggest(case, entries, steps,
policy, calendar)` gives the suggestions for one case.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.model import Case, Entry, EntryKind, FieldValues, Status
from sr_tui.core.cases.sla import announced_close
from sr_tui.core.cases.sla_policy import REQUESTS, SlaPolicy
from sr_tui.core.tomlfile import FileProblem, read_toml

FILE_NAME = "next-steps.toml"
SPECIAL_WAITS = ("promise", "announced")
FILL_SOURCES = ("outstanding", "days_to_close")
STEP_KEYS = ("after", "suggest", "wait", "from", "ends", "reason", "fill", "status")
_DURATION = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s+(business\s+days?|business\s+hours?|days?|hours?|minutes?)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Step:
    after: tuple[str, ...]
    suggest: str
    wait: str
    origin: str = "email"  # "email" or "activity"
    ends: tuple[str, ...] = ()
    reason: str = ""
    fill: Mapping[str, str] = field(default_factory=dict)
    statuses: tuple[Status, ...] = ()
    line: int | None = None


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


def builtin_path() -> Path:
    from sr_tui.core.templates.catalog import builtin_dir

    return builtin_dir() / FILE_NAME


def steps_path(user_dirs: Sequence[Path] = ()) -> Path:
    """The table in effect: the last user directory holding one, else the built-in."""
    for d in reversed(list(user_dirs)):
        candidate = Path(d).expanduser() / FILE_NAME
        if candidate.is_file():
            return candidate
    return builtin_path()


def load_steps(
    user_dirs: Sequence[Path] = (),
    *,
    path: Path | None = None,
    known_templates: Collection[str] | None = None,
    policy: SlaPolicy | None = None,
) -> tuple[list[Step], list[FileProblem]]:
    """The steps of the table in effect and its problems (bad steps are skipped)."""
    path = path or steps_path(user_dirs)
    table, text, problem = read_toml(path)
    if table is None:
        return [], [problem] if problem else []
    return _steps(path, text, table, known_templates, policy or SlaPolicy())


def check_steps(
    path: Path, known_templates: Collection[str], policy: SlaPolicy | None = None
) -> list[FileProblem]:
    return load_steps(path=path, known_templates=known_templates, policy=policy)[1]


def _line(text: str, index: int) -> int | None:
    found = [m.start() for m in re.finditer(r"(?m)^\s*\[\[step\]\]", text)]
    return text.count("\n", 0, found[index]) + 1 if index < len(found) else None


def _steps(
    path: Path,
    text: str,
    table: Mapping[str, Any],
    known: Collection[str] | None,
    policy: SlaPolicy,
) -> tuple[list[Step], list[FileProblem]]:
    problems: list[FileProblem] = []
    steps: list[Step] = []
    for key in table:
        if key != "step":
            problems.append(FileProblem(path, f"unknown key '{key}' (the table is [[step]])", None))
    raw = table.get("step", [])
    if not isinstance(raw, list):
        return [], [*problems, FileProblem(path, "'step' must be an array of tables", None)]
    for i, item in enumerate(raw):
        line = _line(text, i)

        def bad(reason: str, line: int | None = line, n: int = i + 1) -> None:
            problems.append(FileProblem(path, f"step {n}: {reason}", line))

        if not isinstance(item, dict):
            bad("must be a table")
            continue
        for key in item:
            if key not in STEP_KEYS:
                bad(f"unknown key '{key}' (keys: {', '.join(STEP_KEYS)})")
        after = item.get("after")
        if isinstance(after, str):
            after = [after]
        suggest = item.get("suggest")
        wait = item.get("wait")
        if not isinstance(after, list) or not after or not all(isinstance(a, str) for a in after):
            bad("'after' must list template ids (or \"*\")")
            continue
        if not isinstance(suggest, str) or not suggest.strip():
            bad("'suggest' must be a template id")
            continue
        bad_wait = not isinstance(wait, str) or wait_amount(wait, policy) is None
        if bad_wait:
            bad(
                f"'wait' = {wait!r} is not a duration ('2 business days', '14 days'), "
                "an [sla] setting or one of promise, announced"
            )
        ids = [a.strip().upper() for a in after]
        ends = item.get("ends", [])
        if not isinstance(ends, list) or not all(isinstance(e, str) for e in ends):
            bad("'ends' must list entry kinds or template ids")
            ends = []
        kinds = {k.value for k in EntryKind}
        ends_ids = [e.strip() if e.strip() in kinds else e.strip().upper() for e in ends]
        if known is not None:
            for tid in [*ids, suggest.strip().upper(), *ends_ids]:
                if tid != "*" and tid not in kinds and tid not in known:
                    bad(f"unknown template id '{tid}'")
        if bad_wait or not isinstance(wait, str):
            continue
        fill = item.get("fill", {})
        if not isinstance(fill, dict) or not all(v in FILL_SOURCES for v in fill.values()):
            bad(f"'fill' values must be one of {', '.join(FILL_SOURCES)}")
            fill = {}
        origin = item.get("from", "email")
        if origin not in ("email", "activity"):
            bad("'from' must be email or activity")
            origin = "email"
        statuses: list[Status] = []
        for s in item.get("status", []) or []:
            try:
                statuses.append(Status(s))
            except ValueError:
                bad(f"unknown status '{s}'")
        reason = item.get("reason", "")
        steps.append(
            Step(
                tuple(ids),
                suggest.strip().upper(),
                wait.strip(),
                origin,
                tuple(ends_ids),
                reason if isinstance(reason, str) else "",
                dict(fill),
                tuple(statuses),
                line,
            )
        )
    return steps, problems


# -- time ----------------------------------------------------------------------------


def wait_amount(wait: str, policy: SlaPolicy) -> tuple[str, float] | None:
    """(unit, amount) of a wait: unit business_day, business_hour, day, hour, minute, or
    the special waits; None when it is not one."""
    w = wait.strip()
    if w in SPECIAL_WAITS:
        return w, 0
    try:
        amount = policy.value(w)
    except KeyError:
        m = _DURATION.match(w)
        if m is None:
            return None
        amount, words = float(m.group(1)), m.group(2).lower()
        unit = ("business_" if words.startswith("business") else "") + words.split()[-1]
        return unit.rstrip("s"), amount
    for suffix, unit in (
        ("_business_days", "business_day"),
        ("_business_hours", "business_hour"),
        ("_days", "day"),
        ("_minutes", "minute"),
    ):
        if w.endswith(suffix):
            return unit, amount
    return None


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
        why = step.reason.format(after=shown, at=when_text(start, calendar))
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
