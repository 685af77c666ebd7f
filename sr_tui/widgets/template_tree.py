"""The category tree A–H with every template as a leaf."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Tree

from sr_tui.core.safe_text import visible
from sr_tui.core.templates.catalog import Catalog
from sr_tui.i18n import Language


def _plain(label: str) -> Text:
    """A label as plain text: a title holding `[/]` or `[@click=app.quit]` is shown as
    written, never parsed as markup (a str label would be)."""
    return Text(visible(label))


class TemplateTree(Tree[str]):
    """Categories as branches, templates as leaves; posts `Chosen` when a leaf is selected."""

    class Chosen(Message):
        def __init__(self, template_id: str) -> None:
            super().__init__()
            self.template_id = template_id

    def __init__(self, catalog: Catalog, language: Language, **kwargs) -> None:
        super().__init__("sr-tui", **kwargs)
        self.catalog = catalog
        self.show_root = False
        self.guide_depth = 2
        self.set_language(language)

    def set_language(self, language: Language) -> None:
        """(Re)build the tree with titles in `language`, keeping what was expanded."""
        expanded = {n.data for n in self.root.children if n.is_expanded} or None
        self.clear()
        for category in self.catalog.categories:
            templates = self.catalog.in_category(category.id)
            if not templates:
                continue
            title = category.title_zh if language == "zh" else category.title
            branch = self.root.add(
                _plain(f"{category.id} {title}"),
                data=category.id,
                expand=expanded is None or category.id in expanded,
            )
            for t in templates:
                title = t.title_zh if language == "zh" else t.title
                branch.add_leaf(_plain(f"{t.id} {title}"), data=t.id)

    def select_template(self, template_id: str) -> None:
        """Move the cursor to a template's leaf (without posting `Chosen`)."""
        for branch in self.root.children:
            for leaf in branch.children:
                if leaf.data == template_id:
                    branch.expand()
                    # After a rebuild (language switch) or an expand the leaf's line is
                    # known once the tree has listed its lines again (asking for one
                    # does): the cursor is on it in the next frame, the first one at start.
                    self.get_node_at_line(0)
                    self.cursor_line = leaf.line
                    # Scrolling needs the tree's size: after that frame (nothing is
                    # painted again when the leaf is already in view).
                    self.call_after_refresh(self.scroll_to_node, leaf, animate=False)
                    return

    def get_label_width(self, node) -> int:
        """A label's width in cells, without rendering it. Textual renders every label to
        measure the tree each time it lists its lines: with 3,000 templates that was
        most of the start. (The width is what `render_label` gives: the expand icon of
        a branch, then the label.)"""
        icon = ""
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        return cell_len(icon) + node.label.cell_len

    @on(Tree.NodeSelected)
    def _leaf_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data and not event.node.children and event.node.parent is not self.root:
            self.post_message(self.Chosen(event.node.data))
