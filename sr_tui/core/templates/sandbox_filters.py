"""The filters a sandboxed render runs with: the limited built-ins, and what the
template's syntax tree is rewritten with."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from jinja2 import filters as jinja_filters
from jinja2 import nodes
from jinja2.utils import pass_context
from jinja2.visitor import NodeTransformer

from sr_tui.core.templates.sandbox_budget import budget
from sr_tui.core.templates.sandbox_checks import _check_percent

# -- what the template's syntax tree is rewritten with -----------------------------------


@pass_context  # never folded at compile time
def _counted_steps(context, iterable: Iterable) -> Iterator:
    spent = budget()
    for item in iterable:
        spent.step()
        yield item


@pass_context
def _sized(context, value: object) -> object:
    return budget().made(value)


class _Instrument(NodeTransformer):
    """Wrap every loop's iterable in `sr_steps`, every printed expression and every `~`
    in `sr_sized`."""

    @staticmethod
    def _wrap(node: nodes.Expr, name: str) -> nodes.Filter:
        return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = self._wrap(node.iter, "sr_steps")
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        self.generic_visit(node)
        return self._wrap(node, "sr_sized")

    def visit_Output(self, node: nodes.Output) -> nodes.Output:
        self.generic_visit(node)
        node.nodes = [
            n if isinstance(n, nodes.TemplateData) else self._wrap(n, "sr_sized")
            for n in node.nodes
        ]
        return node


# -- the limited filters -----------------------------------------------------------------


def _limited_filters() -> dict:
    def center(value, width=80):
        budget().allow(width if isinstance(width, int) else 0, "center")
        return jinja_filters.do_center(value, width)

    def indent(value, width=4, first=False, blank=False):
        lines = str(value).count("\n") + 1
        step = width if isinstance(width, int) else len(str(width))
        budget().allow(len(str(value)) + lines * step, "indent")
        return jinja_filters.do_indent(value, width, first, blank)

    def format_(value, *args, **kwargs):
        if isinstance(value, str):
            _check_percent(value)
        return jinja_filters.do_format(value, *args, **kwargs)

    def join(eval_ctx, value, d="", attribute=None):
        items = list(value)
        budget().allow(
            sum(len(str(i)) for i in items) + len(str(d)) * max(len(items) - 1, 0), "join"
        )
        return jinja_filters.do_join(eval_ctx, items, d, attribute)

    def replace(eval_ctx, s, old, new, count=None):
        text, old_s, new_s = str(s), str(old), str(new)
        n = text.count(old_s) if old_s else len(text) + 1
        if isinstance(count, int) and count >= 0:
            n = min(n, count)
        budget().allow(len(text) + n * max(len(new_s) - len(old_s), 0), "replace")
        return jinja_filters.do_replace(eval_ctx, s, old, new, count)

    def batch(value, linecount, fill_with=None):
        if fill_with is not None:
            budget().allow(linecount if isinstance(linecount, int) else 0, "batch")
        return jinja_filters.do_batch(value, linecount, fill_with)

    def slice_(value, slices, fill_with=None):
        budget().allow(slices if isinstance(slices, int) else 0, "slice")
        return jinja_filters.do_slice(value, slices, fill_with)

    def wordwrap(
        environment, s, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True
    ):
        text = str(s)
        breaks = len(text) // max(width if isinstance(width, int) else 1, 1) + text.count("\n")
        budget().allow(len(text) + (breaks + 1) * len(str(wrapstring or "\n")), "wordwrap")
        return jinja_filters.do_wordwrap(
            environment, s, width, break_long_words, wrapstring, break_on_hyphens
        )

    def tojson(eval_ctx, value, indent=None):
        if indent is not None:
            budget().allow(indent if isinstance(indent, int) else len(str(indent)), "tojson")
        return jinja_filters.do_tojson(eval_ctx, value, indent)

    wordwrap = jinja_filters.pass_environment(wordwrap)
    tojson = jinja_filters.pass_eval_context(tojson)
    join = jinja_filters.pass_eval_context(join)
    replace = jinja_filters.pass_eval_context(replace)
    return {
        "center": center,
        "indent": indent,
        "format": format_,
        "join": join,
        "replace": replace,
        "batch": batch,
        "slice": slice_,
        "wordwrap": wordwrap,
        "tojson": tojson,
        "sr_steps": _counted_steps,
        "sr_sized": _sized,
    }
