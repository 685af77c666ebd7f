"""The scenario picker (ctrl+f): describe the situation, get the template."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from sr_tui.screens.compose import ComposeScreen
from sr_tui.screens.picker import PickerScreen

from .helpers import SIZE, open_template, paste, settle


def rows(app) -> list[tuple[str | None, str]]:
    results = app.screen.query_one("#results", OptionList)
    return [
        (results.get_option_at_index(i).id, str(results.get_option_at_index(i).prompt))
        for i in range(results.option_count)
    ]


def highlighted_id(app) -> str | None:
    results = app.screen.query_one("#results", OptionList)
    assert results.highlighted is not None
    return results.get_option_at_index(results.highlighted).id


async def open_picker(pilot) -> None:
    await pilot.press("ctrl+f")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickerScreen)


async def test_ctrl_f_shows_a_query_box_over_all_31_scenarios(make, catalog):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "query"
        assert app.focused.value == ""
        listed = rows(app)
        assert sorted(i for i, _ in listed) == sorted(t.id for t in catalog.templates)
        assert len(listed) == 31
        # Each row: id, the scenario and the title, in both languages.
        for template_id, prompt in listed:
            t = catalog.get(template_id)
            for part in (t.id, t.scenario, t.scenario_zh, t.title, t.title_zh):
                assert part in prompt, (part, prompt)
        # ctrl+f again does not stack a second picker.
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert sum(isinstance(s, PickerScreen) for s in app.screen_stack) == 1
        b2 = dict(listed)["B2"]
        assert b2.startswith(
            "B2  Customer has not replied to my request for information · 客户未回复信息请求"
        )
        assert "Follow up on missing information · 跟进缺失信息" in b2


QUERIES = [
    ("B2", "B2"),
    ("not replied", "B2"),
    ("客户未回复", "B2"),
    ("sosreport", "B4"),
    ("escalate", "C1"),
    ("close inactive", "E3"),
]


async def test_query_puts_the_right_template_first_and_enter_opens_it(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        for query, first in QUERIES:
            await pilot.press("end", "ctrl+u")  # clear the query box
            await paste(pilot, query)
            assert app.focused.value == query
            listed = rows(app)
            assert listed[0][0] == first, (query, listed[:3])
            assert highlighted_id(app) == first, query
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.draft.template.id == "E3"


async def test_typing_updates_the_ranking_on_every_key(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await pilot.press("e", "s", "c")
        assert rows(app)[0][0] == "C1"
        assert len(rows(app)) < 31
        await pilot.press("backspace", "backspace", "backspace")
        assert len(rows(app)) == 31


async def test_enter_opens_the_highlighted_row_and_focuses_its_form(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await paste(pilot, "not replied")
        second = rows(app)[1][0]
        await pilot.press("down")
        assert highlighted_id(app) == second
        await pilot.press("up")
        assert highlighted_id(app) == "B2"
        await pilot.press("enter")
        await settle(pilot)
        assert app.draft.template.id == "B2"
        assert app.focused is app.draft.query_one("#f-sr_number")
        assert app.draft.email.text.startswith("Subject: Follow-Up — Information Still Needed for")


async def test_clicking_a_row_opens_it(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await paste(pilot, "sosreport")
        await pilot.click("#results", offset=(5, 1))
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.draft.template.id == "B4"


async def test_escape_closes_without_opening(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await open_picker(pilot)
        await paste(pilot, "not replied")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.draft.template.id == "A1"
        # Focus is back where it was.
        assert app.focused is app.draft.query_one("#f-sr_number")


async def test_no_match_says_so_and_enter_opens_nothing(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await paste(pilot, "zqxw")
        assert rows(app) == [(None, "No template matches 'zqxw'.")]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert app.draft.template is None
