"""The monthly review written out as Markdown, and the words every written review uses."""

from __future__ import annotations

from collections.abc import Mapping

from sr_tui.core.cases.labels import AREA_LABELS, LEVEL_LABELS, SCENARIO_LABELS, Lang, label
from sr_tui.core.cases.review import Group, MonthlyReview
from sr_tui.core.cases.search_parse import normalize_area


def title(review: MonthlyReview, w: Mapping[str, str]) -> str:
    """The review's heading: the month, and whose cases when it is not the team's."""
    heading = w["title"].format(month=review.month)
    if review.assignee is None:
        return heading
    return f"{heading} — {w['scope'].format(name=review.assignee or w['unassigned'])}"


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
