"""Getting an email into Outlook: .eml drafts and mailto: links (the clipboard is clipboard.py).

- An .eml draft is an RFC 5322 message built with the standard `email` package: UTF-8
  subject, a plain part in the flowed layout and an HTML alternative where paragraphs are
  `<p>` and bullets are real `<ul>` lists, both quoted-printable, and `X-Unsent: 1` so
  Outlook and Thunderbird open it as a draft to edit and send. The `To` comes from the
  `customer_email` value when there is one (it is no template field: a case fact kept with
  the values, see `CUSTOMER_EMAIL`).
- A mailto: link carries subject and body percent-encoded (`%20`, `%0D%0A`, never `+`).
  Outlook on Windows cuts links longer than about 1,900 characters, so a longer one is
  refused with a reason and the .eml is the way to go.

Date, Message-ID and the MIME boundary can be fixed (the boundary is derived from the
content), so the same email gives the same bytes: the golden tests rely on it.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sr_tui.core import locations
from sr_tui.core.flow import flow
from sr_tui.core.model import Email, Field, Layout

if TYPE_CHECKING:  # the email package is imported when a draft is built, not by `render`
    from datetime import datetime
    from email.headerregistry import Address
    from email.message import EmailMessage

#: Outlook on Windows truncates or rejects longer mailto: links.
MAILTO_LIMIT = 1900

CUSTOMER_EMAIL_ID = "customer_email"

#: The recipient: not used by any template's text, accepted by the CLI's --set and
#: --values and by the exports. The app can show it in the case form.
CUSTOMER_EMAIL = Field(
    id=CUSTOMER_EMAIL_ID,
    label="Customer email",
    label_zh="客户邮箱",
    help="The customer's address: the To of an .eml draft or mailto: link. "
    "Several addresses may be separated by commas or semicolons.",
    help_zh="客户的邮箱地址,用作 .eml 草稿或 mailto: 链接的收件人。多个地址用逗号或分号分隔。",
    kind="text",
    placeholder="[Customer Email]",
    example="alice.chen@example.com",
    optional=True,
)

#: A domain that is never resolved (make_msgid's default asks DNS for this host's name).
MESSAGE_ID_DOMAIN = "sr-tui.invalid"


class HandoffError(ValueError):
    """An email cannot be handed off as asked; the message says why."""


# -- recipients ----------------------------------------------------------------------


def recipients(values: Mapping[str, object] | None) -> list[Address]:
    """The addresses in the `customer_email` value (commas or semicolons between them)."""
    from email.headerregistry import Address
    from email.utils import getaddresses

    raw = (values or {}).get(CUSTOMER_EMAIL_ID)
    if isinstance(raw, list | tuple):
        raw = ",".join(str(v) for v in raw)
    if not isinstance(raw, str) or not raw.strip():
        return []
    if "\n" in raw or "\r" in raw:
        raise HandoffError("customer_email must be on one line")
    out: list[Address] = []
    for name, addr in getaddresses([raw.replace(";", ",")]):
        if not addr and not name:
            continue
        local, at, domain = addr.rpartition("@")
        if not at or not local or "." not in domain or re.search(r"[\s<>(),;:\"\[\]]", addr):
            shown = addr or name
            raise HandoffError(f"customer_email: '{shown}' is not an email address")
        try:
            out.append(Address(display_name=name, addr_spec=addr))
        except Exception:  # the email package's parser: ValueError or HeaderParseError
            raise HandoffError(f"customer_email: '{addr}' is not an email address") from None
    return out


# -- the HTML part -------------------------------------------------------------------

_BULLET = re.compile(r"[ \t]*([-*•])[ \t]+(.*)")
_NUMBERED = re.compile(r"[ \t]*(\d{1,2})[.)][ \t]+(.*)")
_URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:!?)\]'’]")

_HTML_HEAD = (
    "<!DOCTYPE html>\n"
    '<html>\n<head>\n<meta charset="utf-8">\n'
    "<style>\n"
    "body { font-family: Calibri, Aptos, Arial, sans-serif; font-size: 11pt; }\n"
    "p { margin: 0 0 1em 0; }\n"
    "ul, ol { margin-top: 0; margin-bottom: 1em; }\n"
    "code { font-family: Consolas, 'Courier New', monospace; }\n"
    "</style>\n</head>\n<body>\n"
)
_HTML_FOOT = "</body>\n</html>\n"


def _inline(text: str) -> str:
    """Escaped text with its URLs as links."""
    out: list[str] = []
    last = 0
    for m in _URL.finditer(text):
        out.append(html.escape(text[last : m.start()], quote=False))
        url = html.escape(m.group(0))
        out.append(f'<a href="{url}">{url}</a>')
        last = m.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _code(line: str) -> str:
    """An indented line (a command): monospace, its indent kept."""
    stripped = line.lstrip(" \t")
    indent = len(line) - len(stripped)
    return "&nbsp;" * indent + f"<code>{html.escape(stripped, quote=False)}</code>"


def _html_block(lines: list[str]) -> list[str]:
    """One blank-line separated block as HTML elements."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def close_paragraph() -> None:
        if paragraph:
            out.append("<p>" + "<br>\n".join(paragraph) + "</p>\n")
            paragraph.clear()

    def close_list() -> None:
        nonlocal list_tag
        if items:
            inner = "".join(f"<li>{item}</li>\n" for item in items)
            out.append(f"<{list_tag}>\n{inner}</{list_tag}>\n")
            items.clear()
        list_tag = ""

    for line in lines:
        marker = _BULLET.fullmatch(line) or _NUMBERED.fullmatch(line)
        if marker:
            tag = "ol" if marker.re is _NUMBERED else "ul"
            close_paragraph()
            if list_tag != tag:
                close_list()
            list_tag = tag
            items.append(_inline(marker.group(2)))
        elif line[:1] in (" ", "\t"):
            if items:  # a command under a bullet belongs to it
                items[-1] += "<br>\n" + _code(line)
            else:
                paragraph.append(_code(line))
        else:
            close_list()
            paragraph.append(_inline(line))
    close_list()
    close_paragraph()
    return out


def html_body(body: str) -> str:
    """An HTML document for a flowed body: blank-line separated blocks become `<p>`s, bullet
    lines `<ul>` (numbered ones `<ol>`) lists, indented lines monospace; other line breaks
    inside a block (lead-ins, the signature) are `<br>`."""
    parts: list[str] = [_HTML_HEAD]
    for block in re.split(r"\n[ \t]*\n", body.strip("\n")):
        parts.extend(_html_block([line.rstrip() for line in block.split("\n") if line.strip()]))
    parts.append(_HTML_FOOT)
    return "".join(parts)


# -- the .eml draft ------------------------------------------------------------------


def _flowed(email: Email, layout: Layout) -> Email:
    return flow(email) if layout == "flowed" and email.layout != "flowed" else email


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

    `date` (default: now) and `message_id` (default: a fresh one) make the output
    reproducible.
    """
    from datetime import datetime
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime, make_msgid

    plain = _flowed(email, layout)
    flowed_body = flow(email).body if email.layout != "flowed" else email.body
    msg = EmailMessage(policy=SMTP)
    to = recipients(values)
    if to:
        msg["To"] = to
    msg["Subject"] = email.subject
    msg["Date"] = format_datetime(date if date is not None else datetime.now().astimezone())
    msg["Message-ID"] = message_id or make_msgid(domain=MESSAGE_ID_DOMAIN)
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
    """The .eml file's bytes (CRLF line ends)."""
    from email.policy import SMTP

    msg = build_eml(email, values, layout=layout, date=date, message_id=message_id)
    return msg.as_bytes(policy=SMTP)


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
    data = eml_bytes(email, values, layout=layout, date=date, message_id=message_id)
    folder = Path(directory).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    stem = eml_filename(email, values).removesuffix(".eml")
    for n in range(1, 10_000):
        path = folder / (f"{stem}.eml" if n == 1 else f"{stem}-{n}.eml")
        try:  # O_EXCL: never replaces a file, even one made a moment ago by someone else
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0))
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path.resolve()
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
    """Write the draft to exactly `path` (the user named it), replacing it atomically."""
    from sr_tui.core.atomic import atomic_write_bytes

    data = eml_bytes(email, values, layout=layout, date=date, message_id=message_id)
    return atomic_write_bytes(Path(path).expanduser(), data).resolve()


# -- mailto --------------------------------------------------------------------------


def _encode(text: str) -> str:
    """Percent-encode for a mailto: query: CRLF line ends, `%20` for spaces, never `+`."""
    crlf = re.sub(r"\r\n?|\n", "\r\n", text)
    return quote(crlf, safe="", encoding="utf-8")


def mailto_url(
    email: Email, values: Mapping[str, object] | None = None, *, layout: Layout = "flowed"
) -> str:
    """`mailto:TO?subject=...&body=...` for `email` (flowed by default)."""
    body = _flowed(email, layout).body.rstrip("\n")
    to = ",".join(quote(a.addr_spec, safe="@") for a in recipients(values))
    return f"mailto:{to}?subject={_encode(email.subject)}&body={_encode(body)}"


@dataclass(frozen=True)
class MailtoOutcome:
    url: str
    #: The link was handed to the system's mail handler.
    opened: bool
    #: The link is longer than `MAILTO_LIMIT`: nothing was opened; use the .eml instead.
    too_long: bool = False
    #: Why it was not opened ("" when it was).
    reason: str = ""


Opener = Callable[[str], object]


def _is_wsl() -> bool:
    from sr_tui.core.clipboard import windows_like

    return sys.platform != "win32" and windows_like()


def system_opener(url: str) -> None:
    """Open `url` with the system's handler (the default mail client for mailto:), quietly.

    Raises OSError with a reason when there is no handler or it fails. Not
    `webbrowser.open` on Linux: without xdg-open it falls back to terminal browsers, which
    would take over the app's screen.
    """
    if sys.platform == "win32":
        os.startfile(url)  # type: ignore[attr-defined]  # Windows only
        return
    check_status = True
    if sys.platform == "darwin":
        args = ["open", url]
    elif _is_wsl() and shutil.which("wslview"):
        args = ["wslview", url]
    elif _is_wsl() and shutil.which("explorer.exe"):
        args, check_status = ["explorer.exe", url], False  # exits 1 even when it worked
    elif shutil.which("xdg-open"):
        args = ["xdg-open", url]
    else:
        raise OSError("no program to open mailto: links was found (install xdg-utils)")
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            close_fds=True,
            start_new_session=True,
        )
        try:
            status = proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # still starting the mail client: let it be
            return
        if check_status and status != 0:
            err.seek(0)
            lines = [s.strip() for s in err.read().decode("utf-8", "replace").splitlines()]
            message = next((s for s in lines if s), "")
            raise OSError(
                f"{args[0]} failed (exit status {status})" + (f": {message}" if message else "")
            )


def mailto_too_long(length: int, limit: int = MAILTO_LIMIT) -> str:
    return (
        f"the mailto: link would be {length:,} characters; Outlook on Windows cuts links "
        f"longer than about {limit:,}, so export an .eml draft instead"
    )


def open_in_mail_client(
    email: Email,
    values: Mapping[str, object] | None = None,
    *,
    opener: Opener | None = None,
    limit: int = MAILTO_LIMIT,
    layout: Layout = "flowed",
) -> MailtoOutcome:
    """Open `email` in the mail client through a mailto: link, unless the link is longer
    than `limit` (then `too_long`, with the reason suggesting the .eml). `opener` defaults
    to `system_opener`; one that returns False counts as a failure (as webbrowser.open)."""
    url = mailto_url(email, values, layout=layout)
    if len(url) > limit:
        return MailtoOutcome(
            url, opened=False, too_long=True, reason=mailto_too_long(len(url), limit)
        )
    open_url = opener if opener is not None else system_opener
    try:
        result = open_url(url)
    except Exception as exc:
        reason = str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
        return MailtoOutcome(
            url, opened=False, reason=reason or "the mail client could not be opened"
        )
    if result is False:
        return MailtoOutcome(
            url, opened=False, reason="the system found no mail client for mailto: links"
        )
    return MailtoOutcome(url, opened=True)
