"""Checks made before a sandboxed operation runs: the size `%`, `format`, str methods,
`*` and `**` would make."""

from __future__ import annotations

import re
import string

from sr_tui.core.templates.sandbox_budget import RenderLimit, _size, budget

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
