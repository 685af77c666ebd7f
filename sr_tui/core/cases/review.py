"""The monthly review (复盘, seed 001 step 6): a month's cases in figures.

`monthly_review(store, 2026, 11, now=...)` counts what was opened, closed and reopened;
splits them by area, urgency, scenario and assignee; measures each SLA clock's met rate
and names its breaches; takes the median business time to first response and to
resolution; lists the top keywords, the most frequent problems with their trend against
the previous month, and the templates used. `to_json`, `to_csv`, `to_markdown` and
`to_text` write it out (`sr-tui review --month 2026-11 --format ...`).

Business time: `business_time(a, b) -> timedelta` (working time between two instants).
`business_clock()` gives the user's business calendar's (`core/cases/calendar.py`) once
that module is there, else wall time, and says which (`basis`). SLA clocks: a callable
`(case, entries) -> Iterable[ClockResult]`; `timeline_clocks` computes what the timeline
shows (first contact, acknowledgement, B1 within a business day, promises kept); the SLA
module's clocks can take its place through the same interface.

Which cases a figure counts: opened = submitted in the month; closed = moved to closed
in the month (counted once, at the last close); reopened = moved out of closed in the
month. The month's cases (for keywords) are those opened or closed in it; frequent
problems group the cases opened in the month, their trend counts the previous month's.
Months are calendar months in the zone given (the calendar's).
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal

from sr_tui.core.cases.knowledge import Problem, group_problems, keyword_counts
from sr_tui.core.cases.labels import (
    AREA_LABELS,
    LEVEL_LABELS,
    SCENARIO_LABELS,
    Lang,
    label,
)
from sr_tui.core.cases.model import Case, CaseSummary, Entry, EntryKind, Scenario, Status, Urgency
from sr_tui.core.cases.search_parse import normalize_area
from sr_tui.core.cases.store import CaseStore
from sr_tui.core.cases.team import normalize_name

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

_PAGE = 500


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


def _recent(store: CaseStore, since: datetime, assignee: str | None = None) -> list[CaseSummary]:
    """The cases active since `since` (of `assignee`, if given), page by page of the case
    list (newest first)."""
    out: list[CaseSummary] = []
    offset = 0
    while True:
        page = store.list_cases(limit=_PAGE, offset=offset, assignee=assignee)
        for summary in page:
            if summary.last_activity_at < since:
                return out
            out.append(summary)
        if len(page) < _PAGE:
            return out
        offset += _PAGE


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
    active = _recent(store, previous_start, assignee)
    loaded: list[tuple[Case, list[Entry]]] = []
    previous_cases: list[Case] = []
    for summary in active:
        in_month = summary.last_activity_at >= start and summary.submitted_at < end
        opened_before = previous_start <= summary.submitted_at < start
        if not in_month and not opened_before:
            continue
        case = store.get_case(summary.number)
        if case is None:
            continue
        if opened_before:
            previous_cases.append(case)
        if in_month:
            loaded.append((case, store.entries(case.number)))
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


# -- out ---------------------------------------------------------------------------------


def title(review: MonthlyReview, w: Mapping[str, str]) -> str:
    """The review's heading: the month, and whose cases when it is not the team's."""
    heading = w["title"].format(month=review.month)
    if review.assignee is None:
        return heading
    return f"{heading} — {w['scope'].format(name=review.assignee or w['unassigned'])}"


def to_json(review: MonthlyReview) -> dict[str, Any]:
    """The review as JSON values, keys named after the figures."""

    def groups(table: dict[str, Group]) -> dict[str, dict[str, int]]:
        return {k: {"opened": g.opened, "closed": g.closed} for k, g in table.items()}

    return {
        "month": review.month,
        "assignee": review.assignee,
        "time_zone": review.time_zone,
        "business_time": review.business_time,
        "opened": len(review.opened),
        "closed": len(review.closed),
        "reopened": len(review.reopened),
        "previous_opened": review.previous_opened,
        "cases": {
            "opened": list(review.opened),
            "closed": list(review.closed),
            "reopened": list(review.reopened),
        },
        "by_area": groups(review.by_area),
        "by_urgency": groups(review.by_urgency),
        "by_scenario": groups(review.by_scenario),
        "by_assignee": groups(review.by_assignee),
        "sla": {
            name: {
                "met": s.met,
                "breached": s.breached,
                "pending": s.pending,
                "met_rate": None if s.met_rate is None else round(s.met_rate, 4),
                "breaches": list(s.breaches),
            }
            for name, s in review.sla.items()
        },
        "median_first_response_business_hours": review.median_first_response_business_hours,
        "median_resolution_business_hours": review.median_resolution_business_hours,
        "no_first_response": list(review.no_first_response),
        "top_keywords": [{"keyword": k, "cases": n} for k, n in review.top_keywords],
        "frequent_problems": [
            {
                "problem": p.title,
                "area": p.area,
                "keywords": list(p.keywords),
                "cases": list(p.cases),
                "count": p.count,
                "previous": p.previous,
                "change": p.change,
                "trend": p.trend,
            }
            for p in review.frequent_problems
        ],
        "templates_used": dict(review.templates_used),
        "opened_per_day": list(review.opened_per_day),
        "closed_per_day": list(review.closed_per_day),
    }


def to_csv(review: MonthlyReview) -> str:
    """One figure per row: section, name, measure, value (a spreadsheet pivots it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "name", "measure", "value"])
    data = to_json(review)
    for key in ("opened", "closed", "reopened", "previous_opened"):
        writer.writerow(["summary", key, "cases", data[key]])
    for key in ("median_first_response_business_hours", "median_resolution_business_hours"):
        writer.writerow(["summary", key, "hours", "" if data[key] is None else data[key]])
    for section in ("by_area", "by_urgency", "by_scenario", "by_assignee"):
        for name, group in data[section].items():
            for measure, value in group.items():
                writer.writerow([section, name, measure, value])
    for name, clock in data["sla"].items():
        for measure in ("met", "breached", "pending", "met_rate"):
            value = clock[measure]
            writer.writerow(["sla", name, measure, "" if value is None else value])
        writer.writerow(["sla", name, "breaches", " ".join(clock["breaches"])])
    for item in data["top_keywords"]:
        writer.writerow(["top_keywords", item["keyword"], "cases", item["cases"]])
    for p in data["frequent_problems"]:
        for measure in ("count", "previous", "change", "trend"):
            writer.writerow(["frequent_problems", p["problem"], measure, p[measure]])
    for template, n in data["templates_used"].items():
        writer.writerow(["templates_used", template, "emails", n])
    return out.getvalue()


_MD = {
    "en": {
        "title": "Monthly review {month}",
        "scope": "{name}'s cases",
        "basis_calendar": "Times in business hours of the calendar ({tz}).",
        "basis_wall": "Times in wall-clock hours ({tz}): no business calendar is set up.",
        "opened": "Opened",
        "closed": "Closed",
        "reopened": "Reopened",
        "previous": "previous month: {n} opened",
        "medians": "Median time to first response: {first}; to resolution: {resolved}.",
        "hours": "{h} h",
        "none": "none",
        "no_response": "No first response yet: {cases}.",
        "sla": "SLA clocks",
        "clock": "Clock",
        "met": "Met",
        "breached": "Breached",
        "pending": "Pending",
        "rate": "Met rate",
        "breaches": "Breaches",
        "by_area": "By area",
        "by_urgency": "By urgency",
        "by_scenario": "By scenario",
        "by_assignee": "By assignee",
        "area": "Area",
        "urgency": "Urgency",
        "scenario": "Scenario",
        "assignee": "Assignee",
        "unassigned": "(none)",
        "keywords": "Top keywords",
        "cases_n": "{n} cases",
        "problems": "Frequent problems",
        "problem": "Problem",
        "this_month": "This month",
        "last_month": "Last month",
        "trend": "Trend",
        "templates": "Templates used",
        "template": "Template",
        "emails": "Emails",
        "new": "new",
        "up": "up",
        "down": "down",
        "same": "same",
        "urgent_first_contact": "Urgent first contact (15 min)",
        "acknowledgement": "Acknowledgement (2 business hours)",
        "information_completeness": "Information request (1 business day)",
        "promise": "Promises kept",
    },
    "zh": {
        "title": "{month} 月度复盘",
        "scope": "{name} 的工单",
        "basis_calendar": "时间按工作日历的工作时间计算({tz})。",
        "basis_wall": "时间按自然时间计算({tz}):尚未设置工作日历。",
        "opened": "新建",
        "closed": "关闭",
        "reopened": "重新打开",
        "previous": "上月新建 {n} 个",
        "medians": "首次响应时间中位数:{first};解决时间中位数:{resolved}。",
        "hours": "{h} 小时",
        "none": "无",
        "no_response": "尚未首次响应:{cases}。",
        "sla": "时效(SLA)",
        "clock": "时效项",
        "met": "达标",
        "breached": "超时",
        "pending": "进行中",
        "rate": "达标率",
        "breaches": "超时工单",
        "by_area": "按技术领域",
        "by_urgency": "按紧急程度",
        "by_scenario": "按所属场景",
        "by_assignee": "按受理人",
        "area": "技术领域",
        "urgency": "紧急程度",
        "scenario": "所属场景",
        "assignee": "受理人",
        "unassigned": "(未指定)",
        "keywords": "高频关键词",
        "cases_n": "{n} 个工单",
        "problems": "高频问题",
        "problem": "问题",
        "this_month": "本月",
        "last_month": "上月",
        "trend": "趋势",
        "templates": "模板使用",
        "template": "模板",
        "emails": "邮件数",
        "new": "新出现",
        "up": "上升",
        "down": "下降",
        "same": "持平",
        "urgent_first_contact": "紧急电话联系(15 分钟)",
        "acknowledgement": "受理反馈(2 个工作小时)",
        "information_completeness": "信息补充请求(1 个工作日)",
        "promise": "承诺按时兑现",
    },
}


def review_words(lang: Lang | str = "en") -> dict[str, str]:
    return _MD["zh" if lang == "zh" else "en"]


def group_label(section: str, key: str, lang: Lang | str = "en") -> str:
    """A group's name in `lang`: area, urgency and scenario labels; an empty key as (none)."""
    if not key:
        return review_words(lang)["unassigned"]
    table = {"by_area": AREA_LABELS, "by_urgency": LEVEL_LABELS, "by_scenario": SCENARIO_LABELS}
    return label(table[section], key, lang) if section in table else key


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _row(*cells: object) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _rate(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def to_markdown(review: MonthlyReview, lang: Lang | str = "en") -> str:
    """The review as the team lead pastes it into the monthly meeting notes."""
    w = review_words(lang)

    def hours(value: float | None) -> str:
        return w["none"] if value is None else w["hours"].format(h=f"{value:g}")

    out = [f"# {title(review, w)}", ""]
    out.append(w[f"basis_{review.business_time}"].format(tz=review.time_zone))
    out.append("")
    out.append(
        f"**{w['opened']}** {len(review.opened)} · **{w['closed']}** {len(review.closed)} · "
        f"**{w['reopened']}** {len(review.reopened)} "
        f"({w['previous'].format(n=review.previous_opened)})"
    )
    out.append("")
    out.append(
        w["medians"].format(
            first=hours(review.median_first_response_business_hours),
            resolved=hours(review.median_resolution_business_hours),
        )
    )
    if review.no_first_response:
        out += ["", w["no_response"].format(cases=", ".join(review.no_first_response))]
    out += ["", f"## {w['sla']}", ""]
    out.append(_row(w["clock"], w["met"], w["breached"], w["pending"], w["rate"], w["breaches"]))
    out.append("|---|---:|---:|---:|---:|---|")
    for name, s in review.sla.items():
        out.append(
            f"| {w.get(name, name)} | {s.met} | {s.breached} | {s.pending} | {_rate(s.met_rate)} "
            f"| {_cell(', '.join(s.breaches)) or '–'} |"
        )
    for section, column in (
        ("by_area", "area"),
        ("by_urgency", "urgency"),
        ("by_scenario", "scenario"),
        ("by_assignee", "assignee"),
    ):
        table: dict[str, Group] = getattr(review, section)
        out += ["", f"## {w[section]}", "", f"| {w[column]} | {w['opened']} | {w['closed']} |"]
        out.append("|---|---:|---:|")
        for key, group in table.items():
            out.append(
                f"| {_cell(group_label(section, key, lang))} | {group.opened} | {group.closed} |"
            )
    out += ["", f"## {w['keywords']}", ""]
    if review.top_keywords:
        out += [
            f"{i}. {_cell(k)} — {w['cases_n'].format(n=n)}"
            for i, (k, n) in enumerate(review.top_keywords, 1)
        ]
    else:
        out.append(w["none"])
    out += ["", f"## {w['problems']}", ""]
    if review.frequent_problems:
        out.append(_row(w["problem"], w["area"], w["this_month"], w["last_month"], w["trend"]))
        out.append("|---|---|---:|---:|---|")
        for p in review.frequent_problems:
            arrow = {"new": "★", "up": "▲", "down": "▼", "same": "="}[p.trend]
            area = group_label("by_area", normalize_area(p.area), lang) if p.area else "–"
            out.append(_row(p.title, area, p.count, p.previous, f"{arrow} {w[p.trend]}"))
    else:
        out.append(w["none"])
    out += ["", f"## {w['templates']}", ""]
    if review.templates_used:
        out += [f"| {w['template']} | {w['emails']} |", "|---|---:|"]
        out += [f"| {t} | {n} |" for t, n in review.templates_used.items()]
    else:
        out.append(w["none"])
    return "\n".join(out) + "\n"


def bar(value: int, most: int, width: int = 20) -> str:
    """A bar of block characters, `value` out of `most` over `width` cells."""
    if most <= 0 or value <= 0:
        return ""
    eighths = round(value / most * width * 8)
    full, part = divmod(max(1, eighths), 8)
    return "█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")


def to_text(review: MonthlyReview, lang: Lang | str = "en") -> str:
    """The review for a terminal: the figures with bars."""
    w = review_words(lang)
    out = [
        title(review, w),
        w[f"basis_{review.business_time}"].format(tz=review.time_zone),
        "",
    ]
    previous = w["previous"].format(n=review.previous_opened)
    out.append(
        f"{w['opened']} {len(review.opened)}   {w['closed']} {len(review.closed)}   "
        f"{w['reopened']} {len(review.reopened)}   ({previous})"
    )

    def hours(value: float | None) -> str:
        return w["none"] if value is None else w["hours"].format(h=f"{value:g}")

    out.append(
        w["medians"].format(
            first=hours(review.median_first_response_business_hours),
            resolved=hours(review.median_resolution_business_hours),
        )
    )
    out += ["", w["sla"]]
    for name, s in review.sla.items():
        breaches = f"  {w['breaches']}: {', '.join(s.breaches)}" if s.breaches else ""
        out.append(
            f"  {w.get(name, name)}: {w['met']} {s.met}, {w['breached']} {s.breached}, "
            f"{w['pending']} {s.pending}, {w['rate']} {_rate(s.met_rate)}{breaches}"
        )
    for section in ("by_area", "by_urgency", "by_scenario", "by_assignee"):
        table: dict[str, Group] = getattr(review, section)
        out += ["", f"{w[section]} ({w['opened']} / {w['closed']})"]
        most = max((g.opened for g in table.values()), default=0)
        for key, group in table.items():
            name = group_label(section, key, lang)
            out.append(
                f"  {name:<24} {group.opened:>4} {group.closed:>4}  {bar(group.opened, most)}"
            )
    out += ["", w["keywords"]]
    out += [f"  {k}: {n}" for k, n in review.top_keywords] or [f"  {w['none']}"]
    out += ["", w["problems"]]
    for p in review.frequent_problems:
        out.append(f"  {p.title}: {p.count} ({w['last_month']} {p.previous}, {w[p.trend]})")
    if not review.frequent_problems:
        out.append(f"  {w['none']}")
    out += ["", w["templates"]]
    most = max(review.templates_used.values(), default=0)
    out += [f"  {t:<4} {n:>4}  {bar(n, most)}" for t, n in review.templates_used.items()] or [
        f"  {w['none']}"
    ]
    return "\n".join(out) + "\n"
