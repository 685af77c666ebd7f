"""The open case's email and its findings as last shown, kept in the cache folder: a
returning start shows them in its first frame without rendering (Jinja2 takes 60-80 ms
to import on a slow host) or linting (the lint engine, about 100 ms).

The key is a digest of everything the two are made of: the template (its whole record),
the values, the copy layout, the edited text, the lint settings and the code that
renders and lints (`code_stamp`). What the key cannot see (another Jinja2) is caught by
the app, which renders and lints again once the first frame is painted and shows the
result if it differs. Disposable like the other caches: a missing, unreadable, corrupt,
foreign or non-regular file is a miss; a write that fails only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sr_tui.core import locations
from sr_tui.core.code_stamp import code_stamp
from sr_tui.core.lint.finding import SEVERITIES, Finding, Fix
from sr_tui.core.templates.model import LAYOUTS, Email, Layout, Span, Template, Values

VERSION = 1
FILE_NAME = "open-email.json"
#: An email and its findings larger than this are not kept.
MAX_BYTES = 16 * 1024 * 1024
#: The modules whose code decides the email and its findings.
_CODE = (
    "core/templates/render.py",
    "core/templates/sandbox.py",
    "core/templates/sandbox_budget.py",
    "core/templates/sandbox_checks.py",
    "core/templates/sandbox_filters.py",
    "core/templates/flow.py",
    "core/templates/model.py",
    "core/lint",
    "core/email_snapshot.py",
)
_FIX_KINDS = ("replace", "delete", "insert", "hint")


@dataclass(frozen=True)
class Snapshot:
    """The template's email (in the copy layout) and the findings on the outgoing one."""

    email: Email
    findings: tuple[Finding, ...]


def snapshot_key(
    template: Template,
    values: Values,
    layout: Layout,
    edited_text: str | None,
    lint_table: dict[str, Any],
) -> str:
    """The digest of everything the open case's email and findings depend on."""
    text = repr(
        (
            VERSION,
            code_stamp(_CODE),
            template,
            sorted(values.items()),
            layout,
            edited_text,
            json.dumps(lint_table, sort_keys=True, default=repr),
        )
    )
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _path() -> Path:
    return locations.cache_dir() / FILE_NAME


def load(key: str, edited_text: str | None = None) -> Snapshot | None:
    """The snapshot kept for `key`, or None. `edited_text`: the email as the user edited
    it, which the findings point into (else they point into the template's email)."""
    from sr_tui.core.files import read_limited

    try:
        data = json.loads(read_limited(_path(), MAX_BYTES).decode("utf-8"))
        if data["version"] != VERSION or data["key"] != key:
            return None
        email = _email(data["email"])
        outgoing = email.text if edited_text is None else edited_text
        findings = tuple(_finding(f, outgoing) for f in data["findings"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Snapshot(email, findings)


def save(key: str, snapshot: Snapshot) -> None:
    from sr_tui.core.atomic import atomic_write_bytes

    email = snapshot.email
    data = {
        "version": VERSION,
        "key": key,
        "email": {
            "template_id": email.template_id,
            "subject": email.subject,
            "body": email.body,
            "spans": [[s.field, s.start, s.end, s.filled, s.item] for s in email.spans],
            "layout": email.layout,
        },
        "findings": [f.to_dict() for f in snapshot.findings],
    }
    encoded = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_BYTES:
        return
    with contextlib.suppress(OSError):  # a snapshot that cannot be kept only costs time
        atomic_write_bytes(_path(), encoded)


# -- reading back, every value checked (a bad one is a miss) -----------------------------


def _check(ok: bool) -> None:
    if not ok:
        raise ValueError("not a snapshot")


def _str(value: object) -> str:
    _check(type(value) is str)
    return value  # type: ignore[return-value]


def _int(value: object) -> int:
    _check(type(value) is int)
    return value  # type: ignore[return-value]


def _optional(value: object, read):
    return None if value is None else read(value)


def _range(start: int, end: int, length: int) -> None:
    _check(0 <= start <= end <= length)


def _email(data: dict) -> Email:
    subject, body = _str(data["subject"]), _str(data["body"])
    layout = data["layout"]
    _check(layout in LAYOUTS)
    email = Email(_str(data["template_id"]), subject, body, (), layout)
    length = len(email.text)
    spans = []
    for field, start, end, filled, item in data["spans"]:
        _check(type(filled) is bool)
        _range(_int(start), _int(end), length)
        spans.append(Span(_str(field), start, end, filled, _optional(item, _int)))
    return Email(email.template_id, subject, body, tuple(spans), layout)


def _finding(data: dict, text: str) -> Finding:
    severity = data["severity"]
    _check(severity in SEVERITIES)
    start, end = _int(data["start"]), _int(data["end"])
    match = _str(data["match"])
    _check(text[start:end] == match and 0 <= start <= end <= len(text))
    fix = data["fix"]
    if fix is not None:
        _check(fix["kind"] in _FIX_KINDS and type(fix["safe"]) is bool)
        fix = Fix(fix["kind"], _optional(fix["replacement"], _str), fix["safe"])
    return Finding(
        _str(data["rule"]),
        _str(data["name"]),
        severity,
        _str(data["message"]),
        start,
        end,
        _int(data["line"]),
        _int(data["column"]),
        match,
        fix,
        _optional(data.get("field"), _str),
        _optional(data.get("item"), _int),
    )
