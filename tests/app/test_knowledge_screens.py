"""The search, review and close-case screens and the similar-cases widget, driven as a
user drives them."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Checkbox, Input, Sparkline, TextArea

from sr_tui.core.cases.model import Case
from sr_tui.core.cases.review_clocks import wall_time
from sr_tui.core.cases.similar import SimilarCase, split_keywords
from sr_tui.core.clock import FixedClock
from sr_tui.screens.close_case import CloseCaseResult, CloseCaseScreen
from sr_tui.screens.compose import ComposeScreen
from sr_tui.screens.review import ReviewScreen
from sr_tui.screens.search import SearchScreen
from sr_tui.widgets.search_results import SearchResults
from sr_tui.widgets.similar_cases import SimilarCases

from .helpers import SIZE, notices, paste, screen_text, settle
from .knowledge_data import NOW, at, fill_store
from .test_help_palette import palette_entries


def app_with_cases(make, **kwargs):
    fill_store()
    return make(clock=FixedClock(NOW), **kwargs)


async def search_for(pilot, text: str) -> SearchScreen:
    await pilot.press("ctrl+g")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await paste(pilot, text)
    await settle(pilot)
    return screen


def listed(screen: SearchScreen) -> list[str]:
    results = screen.query_one(SearchResults)
    return [results.get_option_at_index(i).id for i in range(results.option_count)]


# -- search ------------------------------------------------------------------------------


async def test_search_from_the_app_and_open_a_hit(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = await search_for(pilot, "权限")
        assert listed(screen) == ["SR 3-41234567", "SR 3-41234601"]
        text = screen_text(app)
        assert "2 cases" in text and "无法登录OA系统" in text and "Keywords: 权限配置" in text
        await pilot.press("down")  # the second hit
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.workspace.draft.number == "SR 3-41234601"
        assert "Reopened case SR 3-41234601." in notices(app)


async def test_search_narrows_as_you_type_and_says_what_it_does_not_know(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await search_for(pilot, "sosreport")
        assert len(listed(screen)) == 4  # every case with an email
        await paste(pilot, " status:open")
        await settle(pilot)
        assert set(listed(screen)) == {"SR 3-41234622", "SR 3-41234615"}
        await paste(pilot, " urgency:urgent")
        await settle(pilot)
        assert "urgency:urgent is not understood" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)


async def test_search_marks_the_match_in_its_line(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await search_for(pilot, "连接池")
        results = screen.query_one(SearchResults)
        prompt = results.get_option_at_index(0).prompt
        match = results.get_component_rich_style("search-results--match")
        marked = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == match]
        assert marked == ["连接池"] and "Keywords: 连接池" in prompt.plain


async def test_search_in_chinese_and_from_the_palette(make):
    app = app_with_cases(make, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entries = await palette_entries(pilot, "搜索工单")
        assert entries[0].startswith("搜索工单")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await paste(pilot, "宕机")
        await settle(pilot)
        text = screen_text(app)
        assert "搜索工单" in text and "没有匹配的工单。" in text


# -- the monthly review ------------------------------------------------------------------


async def test_the_review_of_last_month_and_the_markdown_copied(make, clipboard_stub):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.month == (2026, 11)
        review = screen.review
        assert review is not None and len(review.opened) == 4 and len(review.closed) == 1
        text = screen_text(app)
        assert "Monthly review 2026-11" in text
        assert "Opened 4 · Closed 1 · Reopened 0 · last month opened 1" in text
        assert "Acknowledgement (2 business hours)" in text
        assert screen.query_one("#review-opened", Sparkline).data[2] == 1  # 3 November
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert clipboard_stub.copies[-1].startswith("# Monthly review 2026-11\n")
        assert any(n.startswith("The review (Markdown) copied") for n in notices(app))


async def test_the_review_moves_a_month_at_a_time(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("left")
        await settle(pilot)
        assert app.screen.month == (2026, 10)
        assert "Monthly review 2026-10" in screen_text(app)
        assert len(app.screen.review.opened) == 1
        await pilot.press("right", "right")
        await settle(pilot)
        assert app.screen.month == (2026, 12) and app.screen.review.opened == ()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)


async def test_the_review_in_chinese(make):
    app = app_with_cases(make, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(app.workspace, "zh", business=(wall_time, NOW.tzinfo, "wall")))
        await settle(pilot)
        text = screen_text(app)
        assert "2026-11 月度复盘" in text and "新建 4 · 关闭 1" in text
        assert "受理反馈(2 个工作小时)" in text and "软件应用" in text
        assert "上个月" in text  # the footer's keys


# -- closing a case ----------------------------------------------------------------------


class Host(App[None]):
    """A bare app for one screen or widget."""

    def __init__(self, screen=None, widget=None) -> None:
        super().__init__()
        self.start, self.widget, self.results, self.reused = screen, widget, [], []

    def compose(self):
        if self.widget is not None:
            yield self.widget

    def on_mount(self) -> None:
        if self.start is not None:
            self.push_screen(self.start, self.results.append)

    def on_similar_cases_reuse(self, message: SimilarCases.Reuse) -> None:
        self.reused.append(message.case_number)


def _past() -> list[SimilarCase]:
    oa = Case.new(
        "SR 1",
        now=at("2026-10-13"),
        title="无法登录OA系统",
        keywords=("OA登录", "权限配置"),
        resolution="在后台重新分配角色权限后恢复。",
        root_cause="权限配置错误",
    )
    vpn = Case.new("SR 2", now=at("2026-10-20"), title="VPN drops", resolution="New client.")
    return [SimilarCase(oa, 3.0), SimilarCase(vpn, 1.0)]


def _closing(**fields) -> Case:
    return Case.new("SR 9", now=NOW, title="OA 登录失败", **fields)


async def test_closing_asks_for_keywords_and_resolution_with_suggestions():
    screen = CloseCaseScreen(_closing(keywords=("OA登录",)), "en", find_similar=_past)
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Suggested: 权限配置" in screen_text(app)
        assert app.focused is screen.query_one("#close-resolution")
        similar = screen.query_one(SimilarCases)
        similar.focus()
        await pilot.press("enter")  # use SR 1's resolution
        await settle(pilot)
        assert (
            screen.query_one("#close-resolution", TextArea).text == "在后台重新分配角色权限后恢复。"
        )
        assert screen.query_one("#close-root-cause", Input).value == "权限配置错误"
        assert screen.query_one("#close-keywords", Input).value == "OA登录, 权限配置"
        screen.query_one("#close-knowledge", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.results == [
            CloseCaseResult(
                keywords=("OA登录", "权限配置"),
                resolution="在后台重新分配角色权限后恢复。",
                root_cause="权限配置错误",
                knowledge=True,
            )
        ]


async def test_closing_needs_a_resolution_and_can_be_cancelled():
    screen = CloseCaseScreen(_closing(), "zh")
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await paste(pilot, "OA登录，权限配置")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "请先填写解决方案" in screen_text(app) and app.results == []
        await pilot.press("escape")
        await settle(pilot)
        assert app.results == [None]


async def test_suggested_keywords_are_added_with_a_key():
    screen = CloseCaseScreen(_closing(keywords=("VPN",)), "en", find_similar=_past)
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert screen.query_one("#close-keywords", Input).value == "VPN, OA登录, 权限配置"
        assert not screen.query_one("#close-suggested").display


def test_keywords_as_typed():
    assert split_keywords("OA登录，权限配置、 vpn; VPN,,") == ("OA登录", "权限配置", "vpn")


# -- the similar-cases widget ------------------------------------------------------------


async def test_the_similar_cases_widget_posts_reuse():
    widget = SimilarCases("en")
    app = Host(widget=widget)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "No similar resolved case." in screen_text(app)
        widget.load(_past)
        await settle(pilot)
        text = screen_text(app)
        assert "SR 1" in text and "→ 在后台重新分配角色权限后恢复。" in text
        widget.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.reused == ["SR 2"]
