"""mailto: links: subject and body percent-encoded (`%20`, `%0D%0A`, never `+`).

Outlook on Windows cuts links longer than about 1,900 characters, so a longer one is
refused with a reason and the .eml is the way to go.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from sr_tui.core.handoff import opener as opener_module
from sr_tui.core.handoff.opener import Opener
from sr_tui.core.handoff.recipients import recipients
from sr_tui.core.templates.flow import as_layout
from sr_tui.core.templates.model import Email, Layout

#: Outlook on Windows truncates or rejects longer mailto: links.
MAILTO_LIMIT = 1900


def _encode(text: str) -> str:
    """Percent-encode for a mailto: query: CRLF line ends, `%20` for spaces, never `+`."""
    crlf = re.sub(r"\r\n?|\n", "\r\n", text)
    return quote(crlf, safe="", encoding="utf-8")


def mailto_url(
    email: Email, values: Mapping[str, object] | None = None, *, layout: Layout = "flowed"
) -> str:
    """`mailto:TO?subject=...&body=...` for `email` (flowed by default)."""
    body = as_layout(email, layout).body.rstrip("\n")
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
    #: The handler was started but had not answered in time: not known to have worked.
    pending: bool = False


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
    to `system_opener`; one that returns False counts as a failure (as webbrowser.open),
    one that returns `opener.StillStarting` as not known to have worked (`pending`)."""
    url = mailto_url(email, values, layout=layout)
    if len(url) > limit:
        return MailtoOutcome(
            url, opened=False, too_long=True, reason=mailto_too_long(len(url), limit)
        )
    open_url = opener if opener is not None else opener_module.system_opener
    try:
        result = open_url(url)
    except Exception as exc:
        reason = str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
        return MailtoOutcome(
            url, opened=False, reason=reason or "the mail client could not be opened"
        )
    if isinstance(result, opener_module.StillStarting):
        return MailtoOutcome(url, opened=False, reason=result.reason, pending=True)
    if result is False:
        return MailtoOutcome(
            url, opened=False, reason="the system found no mail client for mailto: links"
        )
    return MailtoOutcome(url, opened=True)
