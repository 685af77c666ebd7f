"""The recipients of an email: the `customer_email` value, which no template's text uses
(it is the To of an .eml draft and of a mailto: link), and its parsing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sr_tui.core.errors import SrTuiError
from sr_tui.core.templates.model import Field

if TYPE_CHECKING:
    from email.headerregistry import Address

CUSTOMER_EMAIL_ID = "customer_email"
#: The sender's address, from the settings (`your_email`): the From of an .eml draft.
YOUR_EMAIL_ID = "your_email"

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


class HandoffError(SrTuiError, ValueError):
    """An email cannot be handed off as asked; the message says why."""


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


def address_problem(text: str) -> str | None:
    """Why `text` is not one email address (None when it is, or is empty)."""
    text = text.strip()
    if not text:
        return None
    if "\n" in text or "\r" in text:
        return "an address is one line"
    try:
        found = recipients({CUSTOMER_EMAIL_ID: text})
    except HandoffError:
        found = []
    if len(found) != 1 or found[0].display_name:
        return f"'{text}' is not an email address"
    return None


def sender(values: Mapping[str, object] | None) -> Address | None:
    """The From of a draft: `your_email` (validated) with `your_name` as the display name;
    None when no address is set."""
    from email.headerregistry import Address

    raw = (values or {}).get(YOUR_EMAIL_ID)
    if not isinstance(raw, str) or not raw.strip():
        return None
    problem = address_problem(raw)
    if problem:
        raise HandoffError(f"your_email: {problem}")
    name = (values or {}).get("your_name")
    display = name.strip() if isinstance(name, str) and "\n" not in name else ""
    return Address(display_name=display, addr_spec=raw.strip())
