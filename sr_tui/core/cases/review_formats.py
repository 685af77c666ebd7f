"""The monthly review written out as JSON and CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from sr_tui.core.cases.review import Group, MonthlyReview


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
