"""The template tree measures its labels without rendering them (Textual renders every
label each time it lists the tree's lines): the widths are the ones rendering gives."""

from __future__ import annotations

from textual.widgets import Tree

from sr_tui.widgets.template_tree import TemplateTree

from .helpers import SIZE, settle


def _widths(tree: TemplateTree) -> list[tuple[int, int]]:
    nodes = [tree.root, *tree.root.children]
    nodes += [leaf for branch in tree.root.children for leaf in branch.children]
    return [(tree.get_label_width(n), Tree.get_label_width(tree, n)) for n in nodes]


async def test_label_widths_are_the_rendered_ones(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.draft.query_one(TemplateTree)
        for language in ("en", "zh"):  # wide characters
            tree.set_language(language)
            await settle(pilot)
            tree.root.children[1].collapse()  # the other icon
            await settle(pilot)
            widths = _widths(tree)
            assert len(widths) > 31
            assert all(ours == rendered for ours, rendered in widths), widths
            tree.root.children[1].expand()
