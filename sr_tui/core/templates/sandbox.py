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

The budget is in `sandbox_budget`, the checks before an operation in `sandbox_checks`,
the limited filters and the syntax tree's instruments in `sandbox_filters`.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from sr_tui.core.templates.sandbox_budget import (
    DEFAULT_LIMITS,
    Budget,
    Limits,
    RenderLimit,
    budget,
    start,
    stop,
)
from sr_tui.core.templates.sandbox_checks import (
    _check_format_string,
    _check_multiply,
    _check_percent,
    _check_power,
    _check_str_method,
)
from sr_tui.core.templates.sandbox_filters import _Instrument, _limited_filters

__all__ = [
    "DEFAULT_LIMITS",
    "Budget",
    "LimitedEnvironment",
    "Limits",
    "RenderLimit",
    "budget",
    "start",
    "stop",
]


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
