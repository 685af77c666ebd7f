"""The moves of CASES.md §5 from next-steps.toml: B1 -> B2 (with B1's items still
outstanding) -> D2 (its days computed) -> E4 on the date D2 announced; a reply ends it."""

from __future__ import annotations

from datetime import UTC, datetime

from sr_tui.core.cases.checks import case_warnings
from sr_tui.core.cases.next_steps_table import builtin_path, check_steps, load_steps
from tests.due.helpers import ITEMS, NUMBER, WED, advance, make_workspace, new_case, send


def _first(ws, template_id):
    found = [s for s in ws.next_steps(NUMBER) if s.template_id == template_id]
    return found[0] if found else None


def test_the_chase_from_b1_to_e4(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "B1")
    b2 = _first(ws, "B2")
    assert b2.due == datetime(2026, 12, 4, 10, 5, tzinfo=UTC)  # two business days
    assert b2.reason == "B2: no reply since B1 on Wed 2 Dec 10:05"
    assert b2.values == {"items": ITEMS}
    rows = ws.due_rows()
    assert [(r.item.template_id, r.bucket) for r in rows][:1] == [("B2", "week")]

    advance(ws, days=2)  # Friday 10:05: B2 is due
    assert ws.due_rows()[0].item.template_id == "B2"
    send(ws, "B2", items=b2.values["items"])
    assert "- An sosreport from app01" in ws.cases.entries(NUMBER)[-1].email.body
    d2 = _first(ws, "D2")
    assert d2.due == datetime(2026, 12, 9, 10, 5, tzinfo=UTC)  # three more business days

    advance(ws, days=5)  # Wednesday 9 December, D2 on time: "3 business days"
    assert _first(ws, "D2").values == {"response_days": "3"}
    send(ws, "D2", response_days="3")
    e4 = _first(ws, "E4")
    assert e4.due == datetime(2026, 12, 14, 10, 5, tzinfo=UTC)  # the date D2 announced
    chase = next(d for d in ws.clocks(NUMBER) if d.kind == "chase")
    assert chase.due == e4.due


def test_a_late_d2_announces_the_date_the_clock_holds(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "B1")
    advance(ws, days=2)
    send(ws, "B2")
    advance(ws, days=6, hours=2)  # Thursday 10 December 12:05: D2 a day late
    x = _first(ws, "D2").values["response_days"]
    send(ws, "D2", response_days=x)
    announced = _first(ws, "E4").due
    assert announced.date() == ws.calendar.add_days(ws.clock.now(), int(x)).date()


def test_a_reply_ends_the_chase(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "B1")
    advance(ws, days=1)
    ws.cases.note(NUMBER, "customer_replied", text="uploaded")
    assert _first(ws, "B2") is None
    chase = next(d for d in ws.clocks(NUMBER) if d.kind == "chase")
    assert chase.met_at is not None and not chase.breached


def test_a3_ends_the_chase(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "B1")
    advance(ws, hours=3)
    send(ws, "A3", timeframe="1 business day")
    assert _first(ws, "B2") is None
    assert _first(ws, "A2").due == datetime(2026, 12, 3, 13, 5, tzinfo=UTC)


def test_items_mentioned_as_received_are_not_outstanding(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "B1")
    advance(ws, hours=1)
    ws.cases.note(NUMBER, text=f"received: {ITEMS[0]}")
    assert _first(ws, "B2").values == {"items": ITEMS[1:]}


def test_e3_only_after_14_days_without_activity(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "A1")
    e3 = _first(ws, "E3")
    assert e3.due == datetime(2026, 12, 16, 10, 5, tzinfo=UTC)


def test_the_built_in_table_is_clean(catalog):
    assert check_steps(builtin_path(), {t.id for t in catalog.templates}) == []


def test_a_user_table_replaces_the_built_in_and_is_checked(catalog, tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "next-steps.toml").write_text(
        '[[step]]\nafter = ["B1"]\nsuggest = "B2"\nwait = "1 business day"\n\n'
        '[[step]]\nafter = ["B9"]\nsuggest = "Q1"\nwait = "2 fortnights"\n',
        encoding="utf-8",
    )
    steps, problems = load_steps([user], known_templates={t.id for t in catalog.templates})
    assert [s.suggest for s in steps] == ["B2"]
    text = "\n".join(str(p) for p in problems)
    assert "'2 fortnights' is not a duration" in text
    assert "unknown template id 'B9'" in text and "unknown template id 'Q1'" in text
    ws = make_workspace(catalog, tmp_path, template_dirs=(str(user),))
    new_case(ws)
    send(ws, "B1")
    assert [s.due for s in ws.next_steps(NUMBER)] == [datetime(2026, 12, 3, 10, 5, tzinfo=UTC)]


def test_case_warnings_name_the_entry(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "A1")
    ws.open_template("A1")
    assert ws.case_warnings() == ["this case already has an A1, sent Wed 2 Dec 10:05"]
    ws.open_template("E3")
    assert ws.case_warnings() == [
        "E3 says 14 days without activity, but the case has A1 on Wed 2 Dec 10:05"
    ]
    ws.open_template("E4")
    assert "no D2 warning" in ws.case_warnings()[0]
    ws.open_template("B2")
    assert "no B1 or B3–B7 went out before it" in ws.case_warnings()[0]
    assert case_warnings("B2", [], WED) == [
        "B2 follows up on a request, but no B1 or B3–B7 went out before it"
    ]


def test_timeframe_problems_and_suggestions(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    ws.open_template("A1")
    ws.set_value("timeframe", "by Friday")
    assert ws.timeframe_problems() == {
        "timeframe": "'by Friday' after 'within' — write '2 business days' or change the sentence"
    }
    assert ws.suggestions("timeframe")[0] == "2 business hours"
    ws.open_template("A2")
    points = ws.suggestions("eta")
    assert points[0] == "18:00 UTC today" and "14 March" not in " ".join(points)


def test_each_move_says_why_in_chinese_too(catalog, tmp_path):
    ws = make_workspace(catalog, tmp_path)
    new_case(ws)
    send(ws, "B1")
    b2 = _first(ws, "B2")
    assert b2.reason_zh == "B2:自 B1(12月2日 周三 10:05)以来客户未回复"
    steps, problems = load_steps([], known_templates={t.id for t in catalog.templates})
    assert not problems and all(s.reason_zh for s in steps)  # every built-in move
    rows = {r.item.template_id: r.item for r in ws.due_rows(horizon="all")}
    assert rows["B2"].reason_in("zh") == b2.reason_zh
    assert rows["B2"].reason_in("en") == "B2: no reply since B1 on Wed 2 Dec 10:05"
    new_case(ws, "SR 3-9")  # nothing sent yet: the acknowledgement is due
    fresh = [r.item for r in ws.due_rows(horizon="all") if r.item.case_number == "SR 3-9"]
    acknowledge = next(i for i in fresh if i.kind == "acknowledge")
    assert acknowledge.reason_in("zh") == "A1:受理确认(自 12月2日 周三 10:05)"
    assert acknowledge.reason_in("en") == "A1: acknowledge the case (since Wed 2 Dec 10:05)"


def test_a_users_move_without_chinese_shows_its_english(catalog, tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "next-steps.toml").write_text(
        '[[step]]\nafter = ["B1"]\nsuggest = "B2"\nwait = "1 business day"\n'
        'reason = "chase {after} of {at}, {unknown} {0} {at:>999999999} {"\n',
        encoding="utf-8",
    )
    ws = make_workspace(catalog, tmp_path, template_dirs=(str(user),))
    new_case(ws)
    send(ws, "B1")
    (b2,) = [s for s in ws.next_steps(NUMBER) if s.template_id == "B2"]
    # other braces are shown as written: no KeyError, no billion-character width
    assert b2.reason == "B2: chase B1 of Wed 2 Dec 10:05, {unknown} {0} {at:>999999999} {"
    assert b2.reason_zh == ""
    row = next(r.item for r in ws.due_rows(horizon="all") if r.item.template_id == "B2")
    assert row.reason_in("zh") == b2.reason
