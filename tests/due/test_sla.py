"""The clocks of CASES.md §4 on cases built through the Workspace with a fixed clock: each
one met, breached, and paused while waiting on the customer then resumed by a reply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sr_tui.core.cases.sla_policy import DIAGNOSED_ACTION, SlaPolicy
from tests.due.helpers import NUMBER, WED, advance, clock_of, make_workspace, new_case, send


def _wait(ws, after: timedelta) -> None:
    ws.cases.set_status(NUMBER, "waiting_customer", at=WED + after)


def _reply(ws, at: datetime) -> None:
    ws.cases.note(NUMBER, "customer_replied", text="here you are", at=at)


def urgent(ws, how):
    new_case(ws, urgency="high", urgency_reason="production down")
    if how == "met":
        advance(ws, minutes=10)
        ws.cases.note(NUMBER, "call", text="called Alice")
    elif how == "breached":
        advance(ws, minutes=20)
    else:
        _wait(ws, timedelta(minutes=5))
        advance(ws, hours=1)
        yield "paused"
        _reply(ws, WED + timedelta(minutes=65))
        yield WED + timedelta(minutes=75)  # 10 minutes were left


def acknowledge(ws, how):
    new_case(ws)
    if how == "met":
        advance(ws, hours=1)
        send(ws, "A1")
    elif how == "breached":
        advance(ws, hours=3)
    else:
        _wait(ws, timedelta(minutes=30))
        advance(ws, days=1)
        yield "paused"
        _reply(ws, WED + timedelta(days=1))
        yield datetime(2026, 12, 3, 11, 35, tzinfo=UTC)  # 1.5 business hours left


def complete(ws, how):
    new_case(ws)
    if how == "met":
        advance(ws, hours=2)
        send(ws, "B1")
    elif how == "breached":
        advance(ws, days=2)
    else:
        _wait(ws, timedelta(hours=1))
        advance(ws, days=2)
        yield "paused"
        _reply(ws, WED + timedelta(days=2))  # Friday 10:05, 8 business hours left
        yield datetime(2026, 12, 7, 9, 5, tzinfo=UTC)  # Friday 18:00 + 5 minutes on Monday


def diagnosis(ws, how):
    new_case(ws)
    ws.cases.set_status(NUMBER, "accepted", at=WED)
    if how == "met":
        advance(ws, hours=1)
        ws.cases.note(NUMBER, text="NFS client bug", action=DIAGNOSED_ACTION)
    elif how == "breached":
        advance(ws, hours=3)
    else:
        _wait(ws, timedelta(hours=1))
        advance(ws, days=1)
        yield "paused"
        _reply(ws, WED + timedelta(days=1))
        yield datetime(2026, 12, 3, 11, 5, tzinfo=UTC)


def promise(ws, how):
    new_case(ws)
    send(ws, "A1")  # "within 4 business hours": 14:05
    if how == "met":
        advance(ws, hours=2)
        send(ws, "A2")
    elif how == "breached":
        advance(ws, hours=5)
    else:
        _wait(ws, timedelta(hours=1))
        advance(ws, days=1)
        yield "paused"
        _reply(ws, WED + timedelta(days=1))
        yield datetime(2026, 12, 3, 13, 5, tzinfo=UTC)  # 3 business hours left


def chase(ws, how):
    new_case(ws)
    send(ws, "B1")  # B2 due two business days on: Friday 10:05
    if how == "met":
        advance(ws, days=1)
        _reply(ws, ws.clock.now())
    elif how == "breached":
        advance(ws, days=3)
    else:
        advance(ws, days=1)
        yield "running"  # the chase is the customer's clock: waiting does not pause it
        advance(ws, days=1)
        send(ws, "B2")  # Friday 10:05: D2 due three business days on
        yield datetime(2026, 12, 9, 10, 5, tzinfo=UTC)


SCENARIOS = {
    "urgent_contact": urgent,
    "acknowledge": acknowledge,
    "complete": complete,
    "diagnosis": diagnosis,
    "promise": promise,
    "chase": chase,
}


def _run(ws, scenario, how):
    steps = scenario(ws, how)
    return list(steps) if steps is not None else []


@pytest.mark.parametrize("kind", list(SCENARIOS))
@pytest.mark.parametrize("how", ["met", "breached"])
def test_clock_met_or_breached(catalog, tmp_path, kind, how):
    ws = make_workspace(catalog, tmp_path)
    gen = SCENARIOS[kind](ws, how)
    if gen is not None:
        list(gen)
    d = clock_of(ws, kind)
    assert d is not None, kind
    if how == "met":
        assert d.met_at is not None and not d.breached and d.left >= timedelta(0), d
    else:
        assert d.met_at is None and d.breached and not d.paused and d.left < timedelta(0), d


@pytest.mark.parametrize("kind", list(SCENARIOS))
def test_clock_paused_then_resumed(catalog, tmp_path, kind):
    ws = make_workspace(catalog, tmp_path)
    gen = SCENARIOS[kind](ws, "paused")
    state = next(gen)
    d = clock_of(ws, kind)
    if state == "paused":
        assert d.paused and not d.breached, d
    else:
        assert not d.paused and d.open, d
    resumed_due = next(gen)
    d = clock_of(ws, kind)
    assert not d.paused and d.open
    assert d.due == resumed_due, (kind, d.due)


def test_no_urgent_clock_for_an_ordinary_case(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    assert clock_of(ws, "urgent_contact") is None
    assert clock_of(ws, "acknowledge").due == datetime(2026, 12, 2, 12, 5, tzinfo=UTC)


def test_the_email_records_its_promise(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "A1")
    emails = [e.email for e in ws.cases.entries(NUMBER) if e.email]
    assert emails[-1].promise == datetime(2026, 12, 2, 14, 5, tzinfo=UTC)
    assert emails[-1].promise_text == "4 business hours"
    send(ws, "D2")  # "[X] business days" -> the date it announces
    emails = [e.email for e in ws.cases.entries(NUMBER) if e.email]
    assert emails[-1].promise == datetime(2026, 12, 7, 10, 5, tzinfo=UTC)
    assert emails[-1].promise_text == "3 business days"


@pytest.mark.parametrize(
    "table, problem",
    [
        ({"chase_business_days": 3}, None),
        ({"chase_business_days": 1.5}, "whole number"),
        ({"acknowledge_business_hours": "two"}, "must be a number"),
        ({"acknowlege_business_hours": 2}, "did you mean 'acknowledge_business_hours'"),
        ({"near_fraction": 2}, "out of range"),
    ],
)
def test_policy_from_settings(table, problem):
    policy, problems = SlaPolicy.from_table(table)
    if problem is None:
        assert not problems and policy.chase_business_days == 3
    else:
        assert problem in problems[0]


def test_sla_settings_change_the_clock(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path, sla={"acknowledge_business_hours": 4})
    new_case(ws)
    assert clock_of(ws, "acknowledge").due == datetime(2026, 12, 2, 14, 5, tzinfo=UTC)
