"""The monthly review of November 2026, over two months of cases worked through the
Workspace with a fixed clock; every figure against a count by hand (in the comments)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime, time, timedelta, timezone

import pytest

from sr_tui.core.cases.model import EntryKind
from sr_tui.core.cases.review import monthly_review
from sr_tui.core.cases.review_clocks import wall_time
from sr_tui.core.cases.review_formats import to_csv, to_json
from sr_tui.core.cases.review_markdown import to_markdown
from sr_tui.core.cases.review_text import bar, to_text
from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import FixedClock
from sr_tui.core.drafts import DraftStore
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.workspace import Workspace

CST = timezone(timedelta(hours=8))


def at(day: str, clock: str = "10:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=CST)


def office_hours(a: datetime, b: datetime) -> timedelta:
    """Business time, Monday to Friday 09:00-18:00 in +08:00 (a reference for the test,
    standing in for the business calendar)."""
    a, b = a.astimezone(CST), b.astimezone(CST)
    total, day = timedelta(0), a.date()
    while day <= b.date():
        if day.weekday() < 5:
            lo = max(a, datetime.combine(day, time(9), CST))
            hi = min(b, datetime.combine(day, time(18), CST))
            total += max(hi - lo, timedelta(0))
        day += timedelta(days=1)
    return total


class Desk:
    """A support engineer's work, step by step, on the clock."""

    def __init__(self, workspace: Workspace, clock: FixedClock) -> None:
        self.ws, self.clock = workspace, clock

    def open(self, when, number, title, **record) -> None:
        self.clock.at = when
        self.ws.new_case()
        self.ws.open_template("A1")
        for field, value in (("sr_number", number), ("issue_summary", title)):
            self.ws.set_value(field, value)
        self.ws.save()
        case = self.ws.record
        self.ws.cases.update(replace(case, submitted_at=when, **record))

    def _on(self, number: str) -> None:
        if self.ws.draft.number != number:
            self.ws.reopen(number)

    def send(self, when, number, template_id) -> None:
        self.clock.at = when
        self._on(number)
        self.ws.open_template(template_id)
        self.ws.copy()

    def promise(self, when, number, template_id, due) -> None:
        self.clock.at = when
        self.ws.cases.record_email(
            number, template_id=template_id, subject="Update", body="Next update by 15:00.",
            channel="copy", promise=due, promise_text="by 15:00",
        )  # fmt: skip

    def call(self, when, number) -> None:
        self.clock.at = when
        self.ws.cases.note(number, EntryKind.CALL, action="Called the customer")

    def reopen(self, when, number) -> None:
        self.clock.at = when
        self.ws.cases.set_status(number, "in_progress", notes="the VPN drops again")


@pytest.fixture
def store(catalog, tmp_path):
    clock = FixedClock(at("2026-10-12", "09:00"))
    settings = LoadedSettings(Settings(your_name="Sam Lee", your_team="Linux"), tmp_path / "c")
    drafts = DraftStore(tmp_path / "data", clock)
    store = SqliteCaseStore(tmp_path / "data" / "cases.db", clock, actor="Sam Lee")
    ws = Workspace(catalog, settings, store, clock, drafts=drafts, system_clipboard=lambda t: None)
    desk = Desk(ws, clock)
    # October (the previous month).
    desk.open(at("2026-10-12"), "SR 10-1", "VPN drops", area="network", keywords=("VPN",))
    desk.send(at("2026-10-12", "10:30"), "SR 10-1", "A1")
    desk.send(at("2026-10-14", "16:00"), "SR 10-1", "E1")
    desk.open(at("2026-10-20", "15:00"), "SR 10-2", "无法登录OA系统", area="software",
              keywords=("OA登录",))  # fmt: skip
    desk.send(at("2026-10-21", "09:30"), "SR 10-2", "A1")
    desk.open(at("2026-10-28"), "SR 10-3", "Backup job fails", area="data_security",
              keywords=("备份",))  # fmt: skip
    desk.send(at("2026-10-28", "10:20"), "SR 10-3", "A1")
    # November.
    desk.open(at("2026-11-02", "09:00"), "SR 11-1", "VPN drops every hour", area="network",
              urgency="high", urgency_reason="sales offline", scenario="urgent",
              keywords=("VPN",))  # fmt: skip
    desk.call(at("2026-11-02", "09:10"), "SR 11-1")
    desk.send(at("2026-11-02", "09:30"), "SR 11-1", "A1")
    desk.send(at("2026-11-02", "10:00"), "SR 11-1", "B1")
    desk.promise(at("2026-11-02", "11:00"), "SR 11-1", "A2", due=at("2026-11-02", "15:00"))
    desk.send(at("2026-11-03", "12:00"), "SR 10-3", "E1")
    desk.send(at("2026-11-04", "17:00"), "SR 11-1", "E1")
    desk.open(at("2026-11-06", "17:00"), "SR 11-2", "无法登录OA系统(财务部)", area="software",
              keywords=("OA登录", "权限配置"))  # fmt: skip
    desk.send(at("2026-11-09", "10:00"), "SR 11-2", "A1")
    desk.send(at("2026-11-09", "11:00"), "SR 11-2", "B1")
    desk.send(at("2026-11-10", "12:00"), "SR 11-2", "E1")
    desk.open(at("2026-11-16", "14:00"), "SR 11-3", "Printer jam", area="hardware",
              urgency="high", urgency_reason="the invoices", assignee="Bob Wu")  # fmt: skip
    desk.send(at("2026-11-17", "09:00"), "SR 11-3", "A1")
    desk.reopen(at("2026-11-20"), "SR 10-1")
    desk.open(at("2026-11-23"), "SR 11-4", "OA 登录失败", area="Software", keywords=("oa登录",))
    desk.send(at("2026-11-25"), "SR 10-1", "E1")
    # December: not November's.
    desk.open(at("2026-12-01"), "SR 12-1", "VPN slow", area="network", keywords=("VPN",))
    desk.send(at("2026-12-01", "11:00"), "SR 12-1", "A1")
    clock.at = at("2026-12-02")
    return store


@pytest.fixture
def review(store):
    return monthly_review(
        store, 2026, 11, now=at("2026-12-02"), tz=CST, business_time=office_hours, basis="calendar"
    )


def test_opened_closed_reopened(review):
    assert review.opened == ("SR 11-1", "SR 11-2", "SR 11-3", "SR 11-4")
    # 10-3 on 3 Nov, 11-1 on 4 Nov, 11-2 on 10 Nov, 10-1 again on 25 Nov (closed in October
    # too, and reopened on the 20th).
    assert review.closed == ("SR 10-1", "SR 10-3", "SR 11-1", "SR 11-2")
    assert review.reopened == ("SR 10-1",)
    assert review.previous_opened == 3
    assert review.month == "2026-11" and review.business_time == "calendar"


def test_per_day(review):
    opened = dict.fromkeys([2, 6, 16, 23], 1)
    closed = dict.fromkeys([3, 4, 10, 25], 1)
    assert review.opened_per_day == tuple(opened.get(d, 0) for d in range(1, 31))
    assert review.closed_per_day == tuple(closed.get(d, 0) for d in range(1, 31))


def test_by_area_urgency_scenario_assignee(review):
    groups = lambda table: {k: (g.opened, g.closed) for k, g in table.items()}  # noqa: E731
    # opened: 11-1 network, 11-2 and 11-4 software (one typed "Software"), 11-3 hardware;
    # closed: 11-1 and 10-1 network, 11-2 software, 10-3 data security.
    assert groups(review.by_area) == {
        "software": (2, 1),
        "network": (1, 2),
        "hardware": (1, 0),
        "data_security": (0, 1),
    }
    assert groups(review.by_urgency) == {"high": (2, 1), "medium": (2, 3)}
    assert groups(review.by_scenario) == {"customer": (3, 3), "urgent": (1, 1)}
    assert groups(review.by_assignee) == {"Sam Lee": (3, 4), "Bob Wu": (1, 0)}


def test_sla_clocks(review):
    sla = review.sla
    # Urgent: 11-1 called after 10 minutes; 11-3 (high) never called.
    assert (sla["urgent_first_contact"].met, sla["urgent_first_contact"].breached) == (1, 1)
    assert sla["urgent_first_contact"].breaches == ("SR 11-3",)
    # Acknowledged: 11-1 in 10 min (the call); 11-2 in exactly 2 business hours (Friday
    # 17-18, Monday 9-10: 65 hours of wall time); 11-3 in 4 (14-18); 11-4 never.
    ack = sla["acknowledgement"]
    assert (ack.met, ack.breached, ack.pending) == (2, 2, 0)
    assert ack.breaches == ("SR 11-3", "SR 11-4") and ack.met_rate == 0.5
    # B1 within a business day: 11-1 after one hour, 11-2 after three.
    info = sla["information_completeness"]
    assert (info.met, info.breached) == (2, 0) and info.met_rate == 1.0
    # 11-1's A2 promised 15:00 on 2 Nov; the next email went out on the 4th.
    assert (sla["promise"].met, sla["promise"].breached) == (0, 1)
    assert sla["promise"].breaches == ("SR 11-1",) and sla["promise"].met_rate == 0.0


def test_medians_are_in_business_time(review, store):
    # First responses: 11-1 1/6 h (the call), 11-2 2 h, 11-3 4 h; 11-4 none yet.
    assert review.median_first_response_business_hours == 2.0
    assert review.no_first_response == ("SR 11-4",)
    # Resolutions of the cases closed in November: 11-2 13 h (Fri 1, Mon 9, Tue 3); 11-1
    # 26 h (9 + 9 + 8); 10-3 38 h (Wed 8, Thu 9, Fri 9, Mon 9, Tue 3); 10-1 more.
    assert review.median_resolution_business_hours == 32.0
    wall = monthly_review(store, 2026, 11, now=at("2026-12-02"), tz=CST, business_time=wall_time)
    # In wall time the first responses are 1/6, 65 and 19 hours.
    assert wall.median_first_response_business_hours == 19.0
    assert wall.business_time == "wall"


def test_keywords_problems_and_their_trend(review):
    # The month's cases: opened (11-1..4) or closed (10-1, 10-3) in it.
    assert review.top_keywords == (("OA登录", 2), ("VPN", 2), ("备份", 1), ("权限配置", 1))
    problems = {p.title: p for p in review.frequent_problems}
    oa = problems["OA 登录失败"]  # 11-4 and 11-2 this month, 10-2 in October
    assert (oa.cases, oa.count, oa.previous, oa.trend, oa.change) == (
        ("SR 11-4", "SR 11-2"),
        2,
        1,
        "up",
        1,
    )
    vpn = problems["VPN drops every hour"]  # 11-1 this month, 10-1 opened in October
    assert (vpn.count, vpn.previous, vpn.trend) == (1, 1, "same")
    assert problems["Printer jam"].trend == "new"
    assert review.frequent_problems[0].title == "OA 登录失败"
    assert len(problems) == 3


def test_templates_used(review):
    # A1: 11-1, 11-2, 11-3; B1: 11-1, 11-2; A2: 11-1; E1: 10-3, 11-1, 11-2, 10-1.
    assert review.templates_used == {"E1": 4, "A1": 3, "B1": 2, "A2": 1}


def test_the_json_keys_are_the_figures(review):
    data = to_json(review)
    for key in (
        "opened",
        "closed",
        "reopened",
        "by_area",
        "by_urgency",
        "by_scenario",
        "by_assignee",
        "sla",
        "median_first_response_business_hours",
        "median_resolution_business_hours",
        "top_keywords",
        "frequent_problems",
        "templates_used",
    ):
        assert key in data, key
    assert (data["opened"], data["closed"], data["reopened"]) == (4, 4, 1)
    assert data["sla"]["acknowledgement"]["met_rate"] == 0.5
    assert data["frequent_problems"][0]["trend"] == "up"
    assert data["by_area"]["network"] == {"opened": 1, "closed": 2}
    json.dumps(data, ensure_ascii=False)  # plain JSON values only


def test_csv_markdown_and_text(review):
    rows = list(csv.DictReader(io.StringIO(to_csv(review))))
    assert {"section": "summary", "name": "opened", "measure": "cases", "value": "4"} in rows
    assert {"section": "sla", "name": "promise", "measure": "breaches", "value": "SR 11-1"} in rows
    md = to_markdown(review)
    assert md.startswith("# Monthly review 2026-11\n")
    assert "**Opened** 4 · **Closed** 4 · **Reopened** 1" in md
    assert "| Acknowledgement (2 business hours) | 2 | 2 | 0 | 50% | SR 11-3, SR 11-4 |" in md
    assert "| OA 登录失败 | Software | 2 | 1 | ▲ up |" in md
    assert "| E1 | 4 |" in md
    zh = to_markdown(review, "zh")
    assert (
        zh.startswith("# 2026-11 月度复盘") and "| OA 登录失败 | 软件应用 | 2 | 1 | ▲ 上升 |" in zh
    )
    text = to_text(review)
    assert "Opened 4   Closed 4   Reopened 1" in text and "█" in text


def test_bars():
    assert bar(0, 10) == "" and bar(10, 10, 4) == "████"
    assert bar(1, 16, 4) == "▎" and bar(5, 10, 4) == "██"


def test_an_empty_month(store):
    empty = monthly_review(store, 2026, 6, now=at("2026-12-02"), tz=CST)
    assert empty.opened == () and empty.median_resolution_business_hours is None
    assert empty.sla["acknowledgement"].met_rate is None
    assert "none" in to_markdown(empty)
