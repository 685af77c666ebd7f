"""English and Chinese: the interface switches at run time; template text stays English."""

from __future__ import annotations

from textual.widgets import DataTable, Label

from sr_tui.i18n import language_from_env
from sr_tui.widgets.template_tree import TemplateTree

from .helpers import SIZE, notices, open_template, paste, preview_text, screen_text, settle


def leaves(app) -> list[str]:
    tree = app.draft.query_one(TemplateTree)
    return [str(leaf.label) for branch in tree.root.children for leaf in branch.children]


def field_labels(app) -> list[str]:
    return [str(block.query_one(Label).render()) for block in app.draft.form.shown_blocks]


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def switch_language(pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await paste(pilot, "language")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def assert_chinese(app) -> None:
    assert "A1 新工单已接收" in leaves(app)
    assert str(app.draft.query_one(TemplateTree).root.children[0].label) == "A 工单生命周期"
    assert app.draft.query_one("#form").border_title == "工单信息"
    assert app.draft.query_one("#preview").border_title == "预览"
    assert app.draft.query_one("#lint").border_title.startswith("检查 (")
    labels = field_labels(app)
    assert labels[:3] == ["客户姓名 (可选)", "客户邮箱 (可选)", "工单编号"]
    assert "你的姓名 (来自设置)" in labels
    bar = footer(app)
    for shown in ("^y 复制邮件", "^n 新工单", "^q 退出", "f1 帮助", "^f 查找模板", "^p 命令"):
        assert shown in bar, bar
    assert "Copy" not in bar and "Quit" not in bar and "palette" not in bar, bar
    # The email itself stays English.
    assert preview_text(app).plain.startswith(
        "Subject: Support Case [SR Number] Received\n\nHi,\n\n"
    )
    assert "Best regards," in preview_text(app).plain


async def test_palette_switches_to_chinese_and_back(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        assert "A1 New case received" in leaves(app)
        assert "^y Copy email" in footer(app)
        await switch_language(pilot)
        assert app.language == "zh"
        assert_chinese(app)
        assert "语言:中文" in notices(app)
        # The open template, its values and the tree cursor survive the switch.
        assert app.draft.template.id == "A1"
        tree = app.draft.query_one(TemplateTree)
        assert tree.cursor_node.data == "A1"

        await pilot.press("ctrl+p")
        await pilot.pause()
        await paste(pilot, "English")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.language == "en"
        assert "A1 New case received" in leaves(app)
        assert field_labels(app)[:3] == [
            "Customer name (optional)",
            "Customer email (optional)",
            "SR number",
        ]
        assert "^y Copy email" in footer(app)


async def test_values_and_focus_survive_a_language_switch(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await pilot.press("4", "2")
        await switch_language(pilot)
        assert app.draft.query_one("#f-sr_number").value == "42"
        assert "Support Case 42 Received" in preview_text(app).plain
        # The user is back in the field they were typing in, and can go on typing.
        assert app.focused is app.draft.query_one("#f-sr_number")
        await pilot.press("end", "7")
        assert "Support Case 427 Received" in preview_text(app).plain


def test_sr_tui_lang_values(monkeypatch):
    assert language_from_env() == "en"
    for value, language in [("zh", "zh"), ("zh_CN.UTF-8", "zh"), ("en_US", "en"), ("fr", "en")]:
        monkeypatch.setenv("SR_TUI_LANG", value)
        assert language_from_env() == language, value


async def test_sr_tui_lang_zh_starts_in_chinese(make, monkeypatch):
    monkeypatch.setenv("SR_TUI_LANG", "zh")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.language == "zh"
        assert app.draft.query_one("#tree").border_title == "模板"
        assert preview_text(app).plain == "在左侧选择模板,或按 ctrl+f。"
        await open_template(pilot, "A1")
        assert_chinese(app)
        assert app.draft.sub_title == "A1 · 新工单已接收"


async def test_keys_of_focused_widgets_are_translated_too(make, monkeypatch):
    monkeypatch.setenv("SR_TUI_LANG", "zh")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        app.draft.query_one("#f-timeframe").focus()
        await settle(pilot)
        assert "f2 下一个建议" in footer(app), footer(app)
        app.draft.query_one("#preview").focus()
        await settle(pilot)
        bar = footer(app)
        assert "s 复制主题" in bar and "b 复制正文" in bar, bar


async def test_chinese_picker_confirm_and_help(make, monkeypatch):
    monkeypatch.setenv("SR_TUI_LANG", "zh")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert str(app.screen.query_one("#picker-title", Label).render()) == "按场景查找模板"
        await paste(pilot, "客户未回复")
        await pilot.press("enter")
        await settle(pilot)
        assert app.draft.template.id == "B2"
        await pilot.press("ctrl+y")
        await settle(pilot)
        shown = screen_text(app)
        assert "这封邮件还不能发送" in shown
        assert "未填写:工单编号, 你的姓名, 你的团队" in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert ["^y", "复制邮件"] in [r[:2] for r in rows]
        assert ["^p", "命令"] in [r[:2] for r in rows]
        assert [str(c.label) for c in table.columns.values()] == ["按键", "操作", "范围"]
