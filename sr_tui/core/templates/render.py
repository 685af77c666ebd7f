"""Render a template with a case's values into an `Email`, tracking where each field landed.

Values are data, never template code: they are passed to a sandboxed Jinja2 template as
strings, so `{{ 7*7 }}` in a value comes out literally. To know which text came from which
field, every value (or placeholder) is wrapped in private-use marker characters before
rendering; the markers are stripped afterwards and turned into `Span`s.

Jinja2 is imported at the first render, not with this module: the app's first frame,
which renders nothing unless a case is restored, does not wait for it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from sr_tui.core.errors import RenderError, SrTuiError
from sr_tui.core.templates import sandbox_budget
from sr_tui.core.templates.flow import flow
from sr_tui.core.templates.model import (
    MAX_TEMPLATE_CHARS,
    MAX_VALUE_CHARS,
    SUBJECT_PREFIX,
    Email,
    Layout,
    Span,
    Template,
    Values,
    is_filled,
)
from sr_tui.core.templates.sandbox_budget import DEFAULT_LIMITS, Limits, RenderLimit

if TYPE_CHECKING:
    from sr_tui.core.templates.sandbox import LimitedEnvironment

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKER_CHARS = re.compile("[\ue000-\ue002]")
_MARKED = re.compile("\ue000(\\d+)\ue001([^\ue000-\ue002]*)\ue002")
_NEWLINES = re.compile(r"\r\n?")


def make_environment() -> LimitedEnvironment:
    """The one Jinja2 environment every template is parsed and rendered with: the
    sandbox with limits on time, size and loop steps (`sandbox.py`)."""
    from jinja2 import StrictUndefined

    from sr_tui.core.templates.sandbox import LimitedEnvironment

    return LimitedEnvironment(
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


@cache
def _environment() -> LimitedEnvironment:
    return make_environment()


def prepare() -> None:
    """Import Jinja2 and make the environment now (the app does it off the UI thread),
    so that the first render does not."""
    _environment()


@lru_cache(maxsize=256)
def _compile(source: str):
    env = _environment()
    return env.from_string(env.parse_limited(source))


def _template_line(exc: BaseException) -> int | None:
    """The template line an exception was raised at (Jinja rewrites tracebacks so that
    frames of the template name it `<template>`)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _reason(exc: BaseException) -> str:
    from jinja2 import TemplateError

    if isinstance(exc, RecursionError):
        return "it nests too deeply (a macro or loop() that calls itself without end?)"
    if isinstance(exc, MemoryError):
        return "it ran out of memory"
    if isinstance(exc, SrTuiError | TemplateError):
        return str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _render_part(template: Template, part: str, source: str, context: dict, limits: Limits) -> str:
    """One part (subject or body) rendered under `limits`; every failure a RenderError
    naming the template, the part and the line."""
    token = sandbox_budget.start(limits)
    try:
        # Every printed value is checked and counted as it is made (`sandbox._sized`), so
        # the whole text is bounded before it is joined; this is the last word on it.
        text = _compile(source).render(context)
        if len(text) > limits.max_chars:
            raise RenderLimit(f"the {part} would be longer than {limits.max_chars:,} characters")
        return text
    except Exception as exc:  # whatever a template can raise, the user gets a sentence
        from jinja2 import TemplateSyntaxError

        line = _template_line(exc) if not isinstance(exc, TemplateSyntaxError) else exc.lineno
        where = f"{part} line {line}" if line else part
        raise RenderError(f"template {template.id}: {where}: {_reason(exc)}") from None
    finally:
        sandbox_budget.stop(token)


def normalize_value(value: object) -> str:
    """A value as the renderer sees it: LF line ends, no marker characters."""
    text = value if isinstance(value, str) else str(value)
    return _MARKER_CHARS.sub("", _NEWLINES.sub("\n", text))


class _Marker:
    """Wraps values in markers and remembers which field each marker belongs to."""

    def __init__(self) -> None:
        self.owners: list[tuple[str, bool, int | None]] = []

    def wrap(self, field_id: str, text: str, filled: bool, item: int | None = None) -> str:
        self.owners.append((field_id, filled, item))
        return f"{_OPEN}{len(self.owners) - 1}{_SEP}{text}{_CLOSE}"

    def unwrap(self, marked: str, offset: int) -> tuple[str, list[Span]]:
        """Strip markers; spans are offset by `offset` (where this text sits in Email.text)."""
        out: list[str] = []
        spans: list[Span] = []
        length = 0
        last = 0
        for m in _MARKED.finditer(marked):
            index = int(m.group(1))
            if index >= len(self.owners):  # marker characters in the template's own text
                continue
            plain = _MARKER_CHARS.sub("", marked[last : m.start()])
            out.append(plain)
            length += len(plain)
            field_id, filled, item = self.owners[index]
            text = m.group(2)
            spans.append(Span(field_id, offset + length, offset + length + len(text), filled, item))
            out.append(text)
            length += len(text)
            last = m.end()
        out.append(_MARKER_CHARS.sub("", marked[last:]))
        return "".join(out), spans


def _context(template: Template, values: Values, marker: _Marker) -> dict[str, object]:
    context: dict[str, object] = {}
    for f in template.fields:
        raw = values.get(f.id)
        if f.kind == "list":
            items = raw if isinstance(raw, list | tuple) else ([raw] if raw else [])
            filled_items = [normalize_value(v) for v in items if is_filled(v)]
            for v in filled_items:
                _check_size(f.id, v)
            if filled_items:
                context[f.id] = [marker.wrap(f.id, v, True, i) for i, v in enumerate(filled_items)]
            elif f.optional:
                context[f.id] = []
            else:
                context[f.id] = [
                    marker.wrap(f.id, p, False, i) for i, p in enumerate(f.placeholder_items())
                ]
            continue
        if isinstance(raw, list | tuple):
            raw = ", ".join(normalize_value(v) for v in raw if is_filled(v))
        if is_filled(raw):
            text = normalize_value(raw)
            _check_size(f.id, text)
            context[f.id] = marker.wrap(f.id, text, True)
        elif f.optional:
            context[f.id] = ""
        else:
            context[f.id] = marker.wrap(f.id, f.placeholder_items()[0], False)
    return context


def _check_size(field_id: str, text: str) -> None:
    if len(text) > MAX_VALUE_CHARS:
        raise RenderError(
            f"the value of '{field_id}' is {len(text):,} characters; "
            f"the limit is {MAX_VALUE_CHARS:,}"
        )


def render(
    template: Template,
    values: Values | None = None,
    layout: Layout = "as-written",
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> Email:
    """Render `template` with `values` (field id -> text, or list of text for list fields).

    Unfilled fields show their placeholder (the seed's bracket text); values for fields
    the template does not use are ignored, so one case's values serve every template.
    Every failure, a template that loops for ever or grows without bounds included
    (`limits`), is a RenderError with a message; nothing else is raised.
    """
    values = values or {}
    for source in (template.subject, template.body):
        if len(source) > MAX_TEMPLATE_CHARS:
            raise RenderError(
                f"template {template.id} is larger than {MAX_TEMPLATE_CHARS:,} characters"
            )
    marker = _Marker()
    context = _context(template, values, marker)
    subject_marked = _render_part(template, "subject", template.subject, context, limits)
    body_marked = _render_part(template, "body", template.body, context, limits)
    try:
        # A subject is one line: line breaks in it become spaces (same length, same offsets).
        subject, subject_spans = marker.unwrap(subject_marked, len(SUBJECT_PREFIX))
        subject = subject.replace("\n", " ")
        body_offset = len(SUBJECT_PREFIX) + len(subject) + 2
        body, body_spans = marker.unwrap(body_marked, body_offset)
        email = Email(template.id, subject, body, tuple(subject_spans + body_spans))
        return flow(email) if layout == "flowed" else email
    except Exception as exc:
        raise RenderError(f"template {template.id}: {_reason(exc)}") from None
