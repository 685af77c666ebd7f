""".eml drafts: an RFC 5322 message built with the standard `email` package.

From is the sender's address from the settings (`your_email`), when set. UTF-8 subject,
a plain part in the flowed layout and an HTML alternative where paragraphs
are `<p>` and bullets are real `<ul>` lists, both quoted-printable, and `X-Unsent: 1` so
Outlook and Thunderbird open it as a draft to edit and send. The `To` comes from the
`customer_email` value when there is one (see `recipients.py`).

Date, Message-ID and the MIME boundary can be fixed (the boundary is derived from the
content), so the same email gives the same bytes: the golden tests rely on it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sr_tui.core import locations
from sr_tui.core.clock import SystemClock
from sr_tui.core.handoff import headers
from sr_tui.core.handoff.html import html_body
from sr_tui.core.handoff.recipients import HandoffError, recipients, sender
from sr_tui.core.templates.flow import as_layout, flow
from sr_tui.core.templates.model import Email, Layout

if TYPE_CHECKING:  # the email package is imported when a draft is built, not by `render`
    from datetime import datetime
    from email.message import EmailMessage

#: A domain that is never resolved (make_msgid's default asks DNS for this host's name).
MESSAGE_ID_DOMAIN = "sr-tui.invalid"


#: The headers of every draft, and nothing else (`headers.check_headers` makes sure).
TOP_HEADERS = ("Subject", "Date", "Message-ID", "X-Unsent", "MIME-Version", "Content-Type")


def build_eml(
    email: Email,
    values: Mapping[str, object] | None = None,
    *,
    layout: Layout = "flowed",
    date: datetime | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """The draft message for `email`: To (from `customer_email`), Subject, Date,
    Message-ID, `X-Unsent: 1`; a plain part in `layout` (an as-written email is flowed for
    the default) and an HTML alternative built from the flowed body.

    To and Subject are encoded here (`headers.py`), never parsed by the `email` package,
    so no value can add a header. `date` (default: now) and `message_id` (default: a fresh
    one) make the output reproducible.
    """
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime, make_msgid

    plain = as_layout(email, layout)
    flowed_body = flow(email).body if email.layout != "flowed" else email.body
    msg = EmailMessage(policy=SMTP)
    to = recipients(values)
    if to:
        msg["To"] = headers.to_header(to)
    sender_address = sender(values)
    if sender_address is not None:
        msg["From"] = headers.to_header([sender_address], "From")
    msg["Subject"] = headers.subject_header(email.subject)
    msg["Date"] = format_datetime(date if date is not None else SystemClock().now())
    msg["Message-ID"] = headers.message_id_header(
        message_id or make_msgid(domain=MESSAGE_ID_DOMAIN)
    )
    msg["X-Unsent"] = "1"
    text = plain.body if plain.body.endswith("\n") else plain.body + "\n"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    page = html_body(flowed_body)
    msg.add_alternative(page, subtype="html", charset="utf-8", cte="quoted-printable")
    for part in msg.iter_parts():  # add_alternative repeats it on the part; once is right
        del part["MIME-Version"]
    digest = hashlib.sha256(f"{email.subject}\0{text}\0{page}".encode()).hexdigest()
    msg.set_boundary(f"==sr-tui-{digest[:32]}==")
    return msg


def eml_bytes(
    email: Email,
    values: Mapping[str, object] | None = None,
    *,
    layout: Layout = "flowed",
    date: datetime | None = None,
    message_id: str | None = None,
) -> bytes:
    """The .eml file's bytes (CRLF line ends). Raises HandoffError, never writes a
    header that sr-tui did not put there."""
    from email.policy import SMTP

    msg = build_eml(email, values, layout=layout, date=date, message_id=message_id)
    data = msg.as_bytes(policy=SMTP)
    optional = tuple(name for name in ("From", "To") if name in msg)
    headers.check_headers(data, (*optional, *TOP_HEADERS))
    return data


_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_SLUG_MAX = 40
_NAME_MAX = 100


_DANGLING = {"a", "an", "and", "at", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def _slug(text: str, limit: int = _SLUG_MAX) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word end, no dangling `for`."""
    slug = _UNSAFE.sub("-", text).strip("-").lower()
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:limit]
    words = slug.strip("-").split("-")
    while len(words) > 1 and words[-1] in _DANGLING:
        words.pop()
    return "-".join(words)


def eml_filename(email: Email, values: Mapping[str, object] | None = None) -> str:
    """A safe file name: `<SR number>-<template id>-<subject words>.eml`, ASCII letters,
    digits and hyphens only, e.g. `SR-3-31415926-B2-follow-up-information-still-needed.eml`.
    Parts that are unfilled (or have no ASCII letters) are left out."""
    sr = (values or {}).get("sr_number")
    sr_text = sr.strip() if isinstance(sr, str) else ""
    subject = _BRACKETED.sub(" ", email.subject)
    if sr_text:
        subject = subject.replace(sr_text, " ")
    words = _slug(subject).removeprefix(_slug(email.template_id) + "-")
    sr_part = _UNSAFE.sub("-", sr_text).strip("-")[:40].strip("-")
    parts = [p for p in (sr_part, _UNSAFE.sub("-", email.template_id).strip("-"), words) if p]
    stem = "-".join(parts)[:_NAME_MAX].strip("-") or "email"
    return f"{stem}.eml"


def default_export_dir(configured: str | os.PathLike[str] | None = None) -> Path:
    """Where "export .eml" writes: `configured` (the `export_dir` setting) when set, else
    the user's Downloads folder if it exists, else the data directory."""
    if configured is not None and str(configured).strip():
        return Path(str(configured).strip()).expanduser()
    try:
        import platformdirs

        downloads = Path(platformdirs.user_downloads_dir())
    except Exception:  # no home, an odd platform: use the data dir
        downloads = None
    if downloads is not None and downloads.is_dir():
        return downloads
    return locations.data_dir()


def export_eml(
    email: Email,
    directory: str | os.PathLike[str],
    values: Mapping[str, object] | None = None,
    *,
    layout: Layout = "flowed",
    date: datetime | None = None,
    message_id: str | None = None,
) -> Path:
    """Write the draft into `directory` (made if missing) under `eml_filename`, adding
    `-2`, `-3`, ... rather than overwrite an existing file; return the path."""
    from sr_tui.core.atomic import create_new, make_folder

    data = eml_bytes(email, values, layout=layout, date=date, message_id=message_id)
    folder = Path(directory).expanduser()
    stem = eml_filename(email, values).removesuffix(".eml")
    make_folder(folder, folder / f"{stem}.eml")
    for n in range(1, 10_000):
        path = folder / (f"{stem}.eml" if n == 1 else f"{stem}-{n}.eml")
        try:  # O_EXCL: never replaces a file, even one made a moment ago by someone else
            return create_new(path, data).resolve()  # a document: 0666 less the umask
        except FileExistsError:
            continue
    raise HandoffError(f"{folder} already holds too many drafts named {stem}*.eml")


def write_eml(
    email: Email,
    path: str | os.PathLike[str],
    values: Mapping[str, object] | None = None,
    *,
    layout: Layout = "flowed",
    date: datetime | None = None,
    message_id: str | None = None,
) -> Path:
    """Write the draft to exactly `path` (the user named it), replacing it atomically:
    through a symlink to the file it points to, keeping its mode; a FIFO, a device or a
    directory there is refused (`RefusedFile`), never replaced."""
    from sr_tui.core.atomic import atomic_write_bytes

    data = eml_bytes(email, values, layout=layout, date=date, message_id=message_id)
    return atomic_write_bytes(Path(path).expanduser(), data).resolve()
