"""The monthly review as plain text for the terminal, with bar charts."""

from __future__ import annotations

from sr_tui.core.cases.labels import Lang
from sr_tui.core.cases.review import Group, MonthlyReview
from sr_tui.core.cases.review_markdown import _rate, group_label, review_words, title


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
