"""The form's border and a field's help follow the focus through `-focus-within`, set by
the form: a focus move restyles the two blocks concerned, never the whole form (Textual's
`:focus-within` restyled every widget of the form at each move)."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from sr_tui.widgets.field_block import FieldBlock

from .helpers import SIZE, open_template, settle


def _helps_shown(app) -> list[str]:
    return [
        b.field.id
        for b in app.draft.form.query(FieldBlock)
        if b.help is not None and b.help.display
    ]


def _count_restyles(monkeypatch) -> list[list[str]]:
    restyled: list[list[str]] = []
    original = Stylesheet.update_nodes

    def update_nodes(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.append([f"{type(n).__name__}#{n.id}" for n in nodes])
        return original(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", update_nodes)
    return restyled


async def test_the_focused_fields_help_and_the_forms_border_follow_the_focus(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await settle(pilot)
        form = app.draft.form
        first = form.field_id_of(app.draft.focused)
        assert first == "sr_number"  # the first empty required field
        assert form.has_class("-focus-within")
        assert _helps_shown(app) == [first]
        await pilot.press("tab")
        await settle(pilot)
        second = form.field_id_of(app.draft.focused)
        assert second not in (None, first)
        assert _helps_shown(app) == [second]
        assert form.has_class("-focus-within")
        app.draft.template_tree.focus()
        await settle(pilot)
        assert not form.has_class("-focus-within")
        assert _helps_shown(app) == []


async def test_a_focus_move_restyles_two_blocks_not_the_form(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await settle(pilot)
        restyled = _count_restyles(monkeypatch)
        await pilot.press("tab")
        await settle(pilot)
        assert restyled, "the blocks' marks were not restyled"
        # The editors' own :focus, and each block with its help: a few nodes at a time.
        assert max(len(nodes) for nodes in restyled) <= 2, restyled
        assert not any("FieldForm#form" in nodes for nodes in restyled)
        assert sum("FieldBlock" in n for nodes in restyled for n in nodes) == 2
