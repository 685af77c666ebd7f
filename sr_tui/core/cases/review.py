"""The monthly review (复盘, seed 001 step 6): a month's cases in figures.

`monthly_review(store, 2026, 11, now=...)` counts what was opened, closed and reopened;
splits them by area, urgency, scenario and assignee; measures each SLA clock's met rate
and names its breaches; takes the median business time to first response and to
resolution; lists the top keywords, the most frequent problems with their trend against
the previous month, and the templates used. `review_formats` (JSON,
CSV), `review_markdown` and `review_text` write it out (`sr-tui review --month 2026-11
--format ...`); `review_clocks` has the clocks it measures.

Which cases a figure counts: opened = submitted in the month; closed = moved to closed
in the month (counted once, at the last close); reopened = moved out of closed in the
month. The month's cases (for keywords) are those opened or closed in it; frequent
problems group the cases opened in the month, their trend counts the previous month's.
Months are calendar months in the zone given (the calendar's). The store is read twice,
however many cases there are: the cases active since the previous month began
(`cases_since`), then the timelines of this month's (`entries_of`).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from sr_tui.core.cases.knowledge import Problem, group_problems, keyword_counts
from sr_tui.core.cases.model import Case, Entry, EntryKind, Status
from sr_tui.core.cases.review_clocks import (
    CLOCKS,
    BusinessTime,
    ClockResult,
    Clocks,
    timeline_clocks,
    wall_time,
)
from sr_tui.core.cases.search_parse import normalize_area
from sr_tui.core.cases.store import CaseStore
from sr_tui.core.cases.team import normalize_name


@dataclass(frozen=True)
class ClockSummary:
    met: int = 0
    breached: int = 0
    pending: int = 0
    breaches: tuple[str, ...] = ()  # case numbers, each once, in order

    @property
    def met_rate(self) -> float | None:
        """Met among those decided (met or breached); None when none is."""
        decided = self.met + self.breached
        return None if decided == 0 else self.met / decided


# -- the review --------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    opened: int = 0
    closed: int = 0


@dataclass(frozen=True)
class ProblemTrend:
    title: str
    area: str
    keywords: tuple[str, ...]
    cases: tuple[str, ...]  # this month's, newest first
    count: int
    previous: int

    @property
    def change(self) -> int:
        return self.count - self.previous

    @property
    def trend(self) -> Literal["new", "up", "down", "same"]:
        if self.previous == 0:
            return "new"
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"


@dataclass(frozen=True)
class MonthlyReview:
    month: str  # 2026-11
    start: datetime
    end: datetime  # exclusive
    time_zone: str
    business_time: str  # "calendar" or "wall"
    opened: tuple[str, ...]  # case numbers
    closed: tuple[str, ...]
    reopened: tuple[str, ...]
    previous_opened: int
    by_area: dict[str, Group]
    by_urgency: dict[str, Group]
    by_scenario: dict[str, Group]
    by_assignee: dict[str, Group]
    sla: dict[str, ClockSummary]
    median_first_response_business_hours: float | None
    median_resolution_business_hours: float | None
    no_first_response: tuple[str, ...]  # opened in the month, no email or call yet
    top_keywords: tuple[tuple[str, int], ...]
    frequent_problems: tuple[ProblemTrend, ...]
    templates_used: dict[str, int]
    opened_per_day: tuple[int, ...]
    closed_per_day: tuple[int, ...]
    assignee: str | None = None  # "my cases": the cases assigned to this person; None: the team


def month_bounds(year: int, month: int, tz: tzinfo) -> tuple[datetime, datetime]:
    first = date(year, month, 1)
    after = date(year + month // 12, month % 12 + 1, 1)
    return datetime.combine(first, time(0), tz), datetime.combine(after, time(0), tz)


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def monthly_review(
    store: CaseStore,
    year: int,
    month: int,
    *,
    now: datetime,
    tz: tzinfo | None = None,
    business_time: BusinessTime = wall_time,
    basis: str = "wall",
    clocks: Clocks | None = None,
    assignee: str | None = None,
) -> MonthlyReview:
    """The review of `month` of `year` in zone `tz` (default `now`'s). `business_time`
    measures the medians and the timeline clocks (say which with `basis`); `clocks`
    replaces the timeline's own SLA clocks. `assignee` reviews the cases assigned to that
    person now ("my cases"; whitespace-normalised, exact); None (default) the team's."""
    if assignee is not None:
        assignee = normalize_name(assignee)
    tz = tz or now.tzinfo or UTC
    start, end = month_bounds(year, month, tz)
    previous_start, _ = month_bounds(year - (month == 1), (month - 2) % 12 + 1, tz)
    clocks = clocks or timeline_clocks(business_time, min(now, end))
    month_cases: list[Case] = []
    previous_cases: list[Case] = []
    for case in store.cases_since(previous_start, assignee=assignee):  # newest first
        if case.last_activity_at < previous_start:
            continue
        if previous_start <= case.submitted_at < start:
            previous_cases.append(case)
        if case.last_activity_at >= start and case.submitted_at < end:
            month_cases.append(case)
    timelines = store.entries_of(c.number for c in month_cases)
    loaded = [(case, timelines.get(case.number, [])) for case in month_cases]
    figures = _figures(loaded, previous_cases, start, end, tz, business_time, basis, clocks)
    return replace(figures, assignee=assignee)


def _figures(
    loaded: list[tuple[Case, list[Entry]]],
    previous_cases: list[Case],
    start: datetime,
    end: datetime,
    tz: tzinfo,
    business_time: BusinessTime,
    basis: str,
    clocks: Clocks,
) -> MonthlyReview:
    def within(at: datetime) -> bool:
        return start <= at < end

    days = (end.astimezone(tz).date() - start.astimezone(tz).date()).days
    opened_per_day, closed_per_day = [0] * days, [0] * days
    opened: list[Case] = []
    closed: list[tuple[Case, datetime]] = []
    reopened: list[Case] = []
    templates: Counter[str] = Counter()
    first_response: list[float] = []
    no_response: list[str] = []
    resolution: list[float] = []
    sla: dict[str, list[ClockResult]] = {name: [] for name in CLOCKS}
    for case, entries in loaded:
        if within(case.submitted_at):
            opened.append(case)
            opened_per_day[(case.submitted_at.astimezone(tz).date() - start.date()).days] += 1
            reply = next(
                (
                    e.at
                    for e in entries
                    if e.at >= case.submitted_at and e.kind in (EntryKind.EMAIL, EntryKind.CALL)
                ),
                None,
            )
            if reply is None:
                no_response.append(case.number)
            else:
                first_response.append(_hours(business_time(case.submitted_at, reply)))
        moves = [e for e in entries if e.status_change is not None and within(e.at)]
        closes = [e.at for e in moves if e.status_change.to_status is Status.CLOSED]
        if closes:
            closed.append((case, closes[-1]))
            closed_per_day[(closes[-1].astimezone(tz).date() - start.date()).days] += 1
            resolution.append(_hours(business_time(case.submitted_at, closes[-1])))
        if any(
            e.status_change.from_status is Status.CLOSED
            and e.status_change.to_status is not Status.CLOSED
            for e in moves
        ):
            reopened.append(case)
        for entry in entries:
            if entry.email is not None and within(entry.at):
                templates[entry.email.template_id.upper()] += 1
        for result in clocks(case, entries):
            if within(result.started):
                sla.setdefault(result.clock, []).append(result)
    closed_cases = [c for c, _ in closed]
    month_cases = list({c.number: c for c in [*opened, *closed_cases]}.values())
    return MonthlyReview(
        month=f"{start.year:04d}-{start.month:02d}",
        start=start,
        end=end,
        time_zone=str(tz),
        business_time=basis,
        opened=_numbers(opened),
        closed=_numbers(closed_cases),
        reopened=_numbers(reopened),
        previous_opened=len(previous_cases),
        by_area=_groups(opened, closed_cases, lambda c: normalize_area(c.area)),
        by_urgency=_groups(opened, closed_cases, lambda c: str(c.urgency)),
        by_scenario=_groups(opened, closed_cases, lambda c: str(c.scenario)),
        by_assignee=_groups(opened, closed_cases, lambda c: c.assignee.strip()),
        sla={name: _summary(results) for name, results in sla.items()},
        median_first_response_business_hours=_median(first_response),
        median_resolution_business_hours=_median(resolution),
        no_first_response=tuple(sorted(no_response)),
        top_keywords=_keywords(month_cases),
        frequent_problems=_problems(opened, previous_cases),
        templates_used=dict(sorted(templates.items(), key=lambda kv: (-kv[1], kv[0]))),
        opened_per_day=tuple(opened_per_day),
        closed_per_day=tuple(closed_per_day),
    )


def _numbers(cases: Iterable[Case]) -> tuple[str, ...]:
    return tuple(sorted({c.number for c in cases}))


def _groups(opened: Sequence[Case], closed: Sequence[Case], key) -> dict[str, Group]:
    counts: dict[str, list[int]] = {}
    for case in opened:
        counts.setdefault(key(case), [0, 0])[0] += 1
    for case in closed:
        counts.setdefault(key(case), [0, 0])[1] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    return {name: Group(*values) for name, values in ordered}


def _summary(results: Sequence[ClockResult]) -> ClockSummary:
    states = Counter(r.state for r in results)
    breaches = tuple(sorted({r.case_number for r in results if r.state == "breached"}))
    return ClockSummary(states["met"], states["breached"], states["pending"], breaches)


def _keywords(cases: Sequence[Case], most: int = 10) -> tuple[tuple[str, int], ...]:
    return tuple(keyword_counts(cases)[:most])


def _problems(
    opened: Sequence[Case], previous: Sequence[Case], most: int = 10
) -> tuple[ProblemTrend, ...]:
    """Problems among this month's and last month's opened cases grouped together, with
    this month's and last month's counts: those of this month, the most cases first."""
    mine = {c.number for c in opened}
    trends = []
    for problem in group_problems([*opened, *previous]):
        now_cases = [c for c in problem.cases if c.number in mine]
        if not now_cases:
            continue
        trends.append(
            ProblemTrend(
                title=Problem(problem.area, tuple(now_cases)).title,  # as this month had it
                area=problem.area,
                keywords=problem.keywords,
                cases=tuple(c.number for c in now_cases),
                count=len(now_cases),
                previous=len(problem.cases) - len(now_cases),
            )
        )
    trends.sort(key=lambda t: (-t.count, -t.change, t.title))
    return tuple(trends[:most])
