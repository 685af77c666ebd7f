"""The Jinja2 sandbox templates render in, with limits on time, size and loop steps.

Jinja2's `SandboxedEnvironment` keeps templates away from Python's internals but not from
the machine: `{% for a in range(100000) %}{% for b in range(100000) %}` runs for hours,
`{{ x * 1000000000 }}` or `center(3000000000)` asks for gigabytes, `loop()` calling itself
recurses until Python gives up. A user template file (or one a colleague shared) must
never hang or kill the app, so every render runs under a `Budget`:

- **loop steps**: every `for` loop's iterable is wrapped (the template's syntax tree is
  rewritten before it is compiled) so that each step counts and checks the deadline;
- **time**: the deadline is also checked on every call, every output and every step;
- **size**: operations that multiply (`*`, `**`, `%` with a width, `center`, `ljust`,
  `rjust`, `zfill`, `expandtabs`, `replace`, `join`, `indent`, `format`, `batch`,
  `slice`) are checked *before* they run; every value printed, concatenated (`~`),
  added (`+`) or returned by a call is checked after, and all the text a render makes
  counts against a total, so nothing grows past the limits;
- `lipsum` is gone and `translate`/`maketrans` refused; lists and dicts cannot be changed
  (`ImmutableSandboxedEnvironment`).

A limit that is hit raises `RenderLimit`, which the renderer reports like any other
render error. The budget lives in a context variable, so renders in worker threads and
in the event loop do not share one.
"""

from __future__ import annotations

import contextvars
import re
import string
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from jinja2 import filters as jinja_filters
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_context
from jinja2.visitor import NodeTransformer

from sr_tui.core.errors import SrTuiError


@dataclass(frozen=True)
class Limits:
    #: The longest text one render may print (subject or body), and any one value in it.
    max_chars: int = 1_000_000
    #: All the text a render may make, printed or not (ten times `max_chars`).
    max_total_chars: int = 10_000_000
    #: Loop steps in one render, all loops together.
    max_steps: int = 100_000
    #: Wall-clock seconds one render may take.
    max_seconds: float = 1.0
    #: The largest integer (in bits) arithmetic may make.
    max_int_bits: int = 64 * 1024


DEFAULT_LIMITS = Limits()


class RenderLimit(SrTuiError, ValueError):
    """A render went past one of its limits; the message says which."""


@dataclass
class Budget:
    limits: Limits
    deadline: float = 0.0
    steps: int = 0
    produced: int = 0
    _started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.deadline = self._started + self.limits.max_seconds

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise RenderLimit(
                f"rendering took longer than {self.limits.max_seconds:g} s "
                "(a loop or macro without bounds?)"
            )

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise RenderLimit(
                f"more than {self.limits.max_steps:,} loop steps (a loop without bounds?)"
            )
        if not self.steps & 0xFF:
            self.check_time()

    def checked(self, value: object) -> object:
        """Refuse a value that is too large to print (nested lists counted in full)."""
        size = _size(value, self.limits.max_chars)
        if size is not None and size > self.limits.max_chars:
            raise RenderLimit(f"a value of more than {self.limits.max_chars:,} characters or items")
        self.check_time()
        return value

    def made(self, value: object) -> object:
        """`checked`, and count the value against the text the render may make."""
        self.checked(value)
        size = _size(value, self.limits.max_chars)
        if size:
            self.produced += size
            if self.produced > self.limits.max_total_chars:
                raise RenderLimit(
                    f"the template made more than {self.limits.max_total_chars:,} "
                    "characters of text"
                )
        return value

    def allow(self, size: int, what: str) -> None:
        """Refuse an operation before it runs when its result would be `size` long."""
        if size > self.limits.max_chars:
            raise RenderLimit(
                f"{what} would make {size:,} characters or items; "
                f"the limit is {self.limits.max_chars:,}"
            )


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "sr_tui_render_budget", default=None
)


def budget() -> Budget:
    """The running render's budget (a fresh default one outside a render: the
    optimizer folds constant filters at compile time)."""
    current = _BUDGET.get()
    return current if current is not None else Budget(DEFAULT_LIMITS)


def start(limits: Limits) -> contextvars.Token:
    return _BUDGET.set(Budget(limits))


def stop(token: contextvars.Token) -> None:
    _BUDGET.reset(token)


_CONTAINERS = (list, tuple, dict, set, frozenset)


def _size(value: object, cap: int) -> int | None:
    """How much printing `value` makes: the length of a string, the number of items of a
    container and everything in it (shared items counted each time they appear, as when
    printed), counted up to just past `cap`. None for anything else."""
    if isinstance(value, str | bytes | bytearray):
        return len(value)
    if not isinstance(value, _CONTAINERS):
        return None
    total = 0
    stack: list[object] = [value]
    while stack and total <= cap:
        item = stack.pop()
        if isinstance(item, str | bytes | bytearray):
            total += len(item)
        elif isinstance(item, _CONTAINERS):
            total += len(item) + 1
            if len(stack) + len(item) > cap:  # too many to look at: too many to print
                return cap + 1
            stack.extend(item.items() if isinstance(item, dict) else item)
        else:
            total += 1
    return total


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


# -- checks before an operation runs -----------------------------------------------------

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?[a-zA-Z%]")


def _check_percent(template: str) -> None:
    for m in _PERCENT_SPEC.finditer(template):
        for number in m.groups():
            if number == "*":
                raise RenderLimit("'%*d'-style widths are not allowed in templates")
            if number:
                budget().allow(int(number), "a % format width")


def _check_format_string(template: str) -> None:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return  # str.format itself will say what is wrong
    for _, _, spec, _ in parsed:
        if not spec:
            continue
        if "{" in spec:
            raise RenderLimit("nested {} in a format spec are not allowed in templates")
        for number in re.findall(r"\d+", spec):
            budget().allow(int(number), "a format width")


def _width(args: tuple, kwargs: dict, name: str = "width", index: int = 0) -> int:
    value = args[index] if len(args) > index else kwargs.get(name, 0)
    return value if isinstance(value, int) else 0


def _check_str_method(owner: str | bytes, name: str, args: tuple, kwargs: dict) -> tuple:
    """Check a str/bytes method call before it runs; returns the (possibly
    materialised) args."""
    spent = budget()
    if name in ("translate", "maketrans"):
        raise RenderLimit(f"{name} is not allowed in templates")
    if name in ("center", "ljust", "rjust", "zfill"):
        spent.allow(_width(args, kwargs), f"{name}()")
    elif name == "expandtabs":
        size = _width(args, kwargs, "tabsize") if (args or kwargs) else 8
        spent.allow(
            len(owner) + owner.count("\t" if isinstance(owner, str) else b"\t") * size,
            "expandtabs()",
        )
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, str | bytes) and isinstance(new, str | bytes):
            count = owner.count(old) if old else len(owner) + 1
            if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
                count = min(count, args[2])
            spent.allow(len(owner) + count * max(len(new) - len(old), 0), "replace()")
    elif name == "join" and args:
        items = list(args[0])
        spent.allow(
            sum(len(i) if isinstance(i, str | bytes) else 0 for i in items)
            + len(owner) * max(len(items) - 1, 0),
            "join()",
        )
        args = (items, *args[1:])
    elif name in ("format", "format_map") and isinstance(owner, str):
        _check_format_string(owner)
    return args


def _check_multiply(left: object, right: object) -> None:
    spent = budget()
    for seq, n in ((left, right), (right, left)):
        if isinstance(seq, str | bytes | list | tuple) and isinstance(n, int):
            if n > 0:
                size = _size(seq, spent.limits.max_chars) or 0
                spent.allow(min(size, spent.limits.max_chars + 1) * n, "'*'")
            return
    if isinstance(left, int) and isinstance(right, int):
        bits = abs(left).bit_length() + abs(right).bit_length()
        if bits > spent.limits.max_int_bits:
            raise RenderLimit(f"'*' would make a number of about {bits:,} bits")


def _check_power(left: object, right: object) -> None:
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        limit = budget().limits.max_int_bits
        if abs(left).bit_length() * right > limit:
            raise RenderLimit(f"'**' would make a number larger than {limit:,} bits")


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


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with limits (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.filters.update(_limited_filters())
        self.globals.pop("lipsum", None)

    def parse_limited(self, source: str) -> nodes.Template:
        """Parse `source` and instrument it (`_Instrument`); compile the result with
        `from_string`."""
        ast = self.parse(source)
        _Instrument().visit(ast)
        ast.set_environment(self)
        return ast

    def call_binop(self, context, operator: str, left, right):
        spent = budget()
        spent.check_time()
        if operator == "*":
            _check_multiply(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_percent(left)
        result = super().call_binop(context, operator, left, right)
        too_big = isinstance(result, int) and result.bit_length() > spent.limits.max_int_bits
        if operator in ("*", "+") and too_big:
            raise RenderLimit(f"'{operator}' made a number too large to print")
        return spent.made(result) if operator in ("+", "*", "%") else result

    def call(__self, __context, __obj, *args, **kwargs):
        spent = budget()
        spent.check_time()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str | bytes) and not isinstance(owner, type):
            args = _check_str_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        elif getattr(__obj, "__name__", "") == "maketrans":
            raise RenderLimit("maketrans is not allowed in templates")
        result = super().call(__context, __obj, *args, **kwargs)
        return spent.checked(result)

    def wrap_str_format(self, value):
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        template = value.__self__

        def checked(*args, **kwargs):
            _check_format_string(template)
            return budget().checked(wrapper(*args, **kwargs))

        return checked
