"""The monthly review (复盘) on screen: the month's figures, each SLA clock's met rate and
breaches, bars by area, urgency, scenario and assignee, a trend line of cases opened and
closed per day, the frequent problems with their trend, top keywords, templates used.

The review is computed off the UI thread (`core/cases/review.py`) and comes back as a
message; ← and → move a month; ctrl+y posts `ReviewScreen.CopyMarkdown` with the
Markdown the team lead pastes into the meeting notes (the app copies it).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Sparkline, Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases import review as figures
from sr_tui.core.cases.review_clocks import business_clock
from sr_tui.core.cases.review_markdown import group_label, review_words, to_markdown
from sr_tui.core.errors import SrTuiError
from sr_tui.i18n import Language, tr
from sr_tui.views import TOGGLE, View, ViewChanged, assignee_for, default_view, toggled, view_label
from sr_tui.widgets.bar_chart import BarChart, Row
from sr_tui.widgets.search_results import padded

if TYPE_CHECKING:
    from sr_tui.core.cases.review import MonthlyReview
    from sr_tui.core.cases.review_clocks import BusinessTime
    from sr_tui.workspace import Workspace

#: The four groupings, in the order the panels show them.
GROUPS = ("by_area", "by_urgency", "by_scenario", "by_assignee")
TREND = {"new": "★", "up": "▲", "down": "▼", "same": "="}


def previous_month(now: datetime) -> tuple[int, int]:
    return (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)


def shifted(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


class ReviewScreen(TranslatedBindings, Screen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("left,[", "month(-1)", "Previous month", id="prev_month"),
        Binding("right,]", "month(1)", "Next month", id="next_month"),
        Binding("ctrl+y", "copy_markdown", "Copy Markdown", id="copy_markdown"),
        TOGGLE,
    ]

    class CopyMarkdown(Message):
        """The review as Markdown, for the app to copy to the clipboard."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Loaded(Message):
        def __init__(
            self,
            month: tuple[int, int],
            review: MonthlyReview | None,
            problem: str,
            assignee: str | None = None,
        ):
            super().__init__()
            self.month = month
            self.assignee = assignee
            self.review = review
            self.problem = problem

    counts_line = getters.query_one("#review-counts", Static)

    def __init__(
        self,
        workspace: Workspace,
        language: Language,
        month: tuple[int, int] | None = None,
        business: tuple[BusinessTime, tzinfo, str] | None = None,
        view: View | None = None,
    ) -> None:
        """`month` (year, month) defaults to last month; `business` (business_time, zone,
        basis) to `review.business_clock()`: the calendar's, else wall time; `view` whose
        cases (default: mine when `your_name` is set, else the team's)."""
        super().__init__()
        self.workspace = workspace
        self.view: View = view or default_view(workspace.settings.your_name)
        self.language: Language = language
        self.month = month or previous_month(workspace.clock.now())
        self._business = business
        self.review: MonthlyReview | None = None

    def compose(self) -> ComposeResult:
        lang = self.language
        with VerticalScroll(id="review"):
            yield Label(id="review-title")
            yield Static(id="review-basis", markup=False)
            with Horizontal(id="review-top"):
                yield Static(id="review-counts", markup=False)
                with Vertical(id="review-days"):
                    yield Label(tr("review_per_day", lang), classes="review-caption")
                    yield Sparkline([], id="review-opened")
                    yield Sparkline([], id="review-closed")
            yield BarChart(id="review-sla", label_cells=37, bar_cells=16, classes="review-panel")
            with Grid(id="review-groups"):
                for group in GROUPS:
                    yield BarChart(id=f"review-{group}", classes="review-panel")
            with Horizontal(id="review-bottom"):
                yield Static(id="review-problems", classes="review-panel", markup=False)
                panel = {"bar_cells": 8, "classes": "review-panel"}
                yield BarChart(id="review-keywords", label_cells=12, **panel)
                yield BarChart(id="review-templates", label_cells=6, **panel)
            yield Static(tr("review_footer", lang), id="review-footer", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._titles()
        self.load(self.month)

    def _titles(self) -> None:
        w = review_words(self.language)
        month = f"{self.month[0]:04d}-{self.month[1]:02d}"
        title = tr("review_title", self.language, month=month)
        whose = view_label(self.view, self.workspace.settings.your_name, self.language)
        title = tr("review_whose", self.language, title=title, view=whose)
        self.query_one("#review-title", Label).update(title)
        self.counts_line.update(tr("review_loading", self.language))
        titles = {
            "#review-sla": w["sla"],
            "#review-problems": w["problems"],
            "#review-keywords": w["keywords"],
            "#review-templates": w["templates"],
            **{f"#review-{g}": w[g] for g in GROUPS},
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title

    # -- the figures -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="review", exit_on_error=False)
    def load(self, month: tuple[int, int]) -> None:
        """Count the month off the UI thread and post the figures."""
        assignee = self.assignee
        now = self.workspace.clock.now()
        business_time, tz, basis = self._business or business_clock(now.tzinfo)
        try:
            made = figures.monthly_review(
                self.workspace.cases.store,
                *month,
                now=now,
                tz=tz,
                business_time=business_time,
                basis=basis,
                assignee=assignee,
            )
        except SrTuiError as exc:
            self.post_message(self.Loaded(month, None, exc.user_message, assignee))
            return
        self.post_message(self.Loaded(month, made, "", assignee))

    @property
    def assignee(self) -> str | None:
        return assignee_for(self.view, self.workspace.settings.your_name)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.month != self.month or event.assignee != self.assignee:  # moved on meanwhile
            return
        if event.review is None:
            text = tr("review_problem", self.language, problem=event.problem)
            self.counts_line.update(text)
            return
        self.review = event.review
        self.show(event.review)

    def show(self, made: MonthlyReview) -> None:
        lang = self.language
        w = review_words(lang)
        self.query_one("#review-basis", Static).update(
            w[f"basis_{made.business_time}"].format(tz=made.time_zone)
        )
        counts = tr(
            "review_counts",
            lang,
            opened=len(made.opened),
            closed=len(made.closed),
            reopened=len(made.reopened),
            previous=made.previous_opened,
        )

        def hours(value: float | None) -> str:
            return w["none"] if value is None else w["hours"].format(h=f"{value:g}")

        medians = w["medians"].format(
            first=hours(made.median_first_response_business_hours),
            resolved=hours(made.median_resolution_business_hours),
        )
        self.counts_line.update(f"{counts}\n{medians}")
        self.query_one("#review-opened", Sparkline).data = list(made.opened_per_day)
        self.query_one("#review-closed", Sparkline).data = list(made.closed_per_day)
        self._sla(made, w)
        for group in GROUPS:
            table = getattr(made, group)
            rows = [
                Row(
                    group_label(group, key, lang),
                    g.opened,
                    f"{g.opened:>3} / {g.closed:<3}",
                )
                for key, g in table.items()
            ]
            chart = self.query_one(f"#review-{group}", BarChart)
            chart.plot(rows, empty=w["none"])
            chart.border_subtitle = f"{w['opened']} / {w['closed']}"
        self._problems(made, w)
        self.query_one("#review-keywords", BarChart).plot(
            [Row(k, n, str(n)) for k, n in made.top_keywords], empty=w["none"]
        )
        self.query_one("#review-templates", BarChart).plot(
            [Row(t, n, str(n)) for t, n in made.templates_used.items()], empty=w["none"]
        )

    def _sla(self, made: MonthlyReview, w: dict[str, str]) -> None:
        rows = []
        for name, s in made.sla.items():
            rate = s.met_rate
            text = "  –" if rate is None else f"{rate:>4.0%}"
            counts = " · ".join(f"{w[k]} {getattr(s, k)}" for k in ("met", "breached", "pending"))
            more = f" +{len(s.breaches) - 1}" if len(s.breaches) > 1 else ""
            note = f"{counts}   {s.breaches[0]}{more}" if s.breaches else counts
            rows.append(Row(w.get(name, name), rate or 0.0, text, note.rstrip()))
        self.query_one("#review-sla", BarChart).plot(rows, most=1.0)

    def _problems(self, made: MonthlyReview, w: dict[str, str]) -> None:
        panel = self.query_one("#review-problems", Static)
        if not made.frequent_problems:
            panel.update(Text(w["none"], style="dim"))
            return
        lines = []
        for p in made.frequent_problems[:8]:
            lines.append(
                Text.assemble(
                    padded(p.title, 28),
                    f"{p.count:>3}  ",
                    (padded(f"{w['last_month']} {p.previous}", 14), "dim"),
                    f"{TREND[p.trend]} {w[p.trend]}",
                )
            )
        panel.update(Text("\n").join(lines))

    # -- actions ---------------------------------------------------------------------------

    def action_month(self, by: int) -> None:
        self.month = shifted(*self.month, by)
        self.review = None
        self._titles()
        self.load(self.month)

    def action_toggle_view(self) -> None:
        view = toggled(self.view, self.workspace.settings.your_name)
        if view is None:
            self.notify(tr("view_no_name", self.language), markup=False)
            return
        self.view = view
        self.review = None
        self._titles()
        self.post_message(ViewChanged(view))
        self.load(self.month)

    def action_copy_markdown(self) -> None:
        if self.review is not None:
            self.post_message(self.CopyMarkdown(to_markdown(self.review, self.language)))

    def action_back(self) -> None:
        self.dismiss(None)
