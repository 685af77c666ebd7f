"""The recipients of an email: the `customer_email` value, which no template's text uses
(it is the To of an .eml draft and of a mailto: link), and its parsing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sr_tui.core.errors import SrTuiError
from sr_tui.core.safe_text import controls_in, escape_controls, has_controls
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


_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_DOT_ATOM = re.compile(rf"{_ATEXT}+(?:\.{_ATEXT}+)*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def _not_an_address(shown: str) -> HandoffError:
    return HandoffError(f"customer_email: '{escape_controls(shown)}' is not an email address")


def checked_addr_spec(addr: str) -> str:
    """`local@domain` as a header may carry it: an ASCII dot-atom local part and a
    domain of at least two ASCII labels (an international domain becomes punycode).
    Raises HandoffError for anything else."""
    local, at, domain = addr.rpartition("@")
    try:
        ascii_domain = domain if domain.isascii() else domain.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_domain = ""
    labels = ascii_domain.split(".")
    if (
        not at
        or not _DOT_ATOM.fullmatch(local)
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
    ):
        raise _not_an_address(addr)
    return f"{local}@{ascii_domain}"


def recipients(values: Mapping[str, object] | None) -> list[Address]:
    """The addresses in the `customer_email` value (commas or semicolons between them),
    each with a checked ASCII addr-spec. Line breaks or control characters anywhere in
    the value are refused (HandoffError)."""
    from email.headerregistry import Address
    from email.utils import getaddresses

    raw = (values or {}).get(CUSTOMER_EMAIL_ID)
    if isinstance(raw, list | tuple):
        raw = ",".join(str(v) for v in raw)
    if not isinstance(raw, str) or not raw.strip():
        return []
    if len(raw.strip().splitlines()) > 1:
        raise HandoffError("customer_email must be on one line")
    if has_controls(raw):
        raise HandoffError(
            f"customer_email holds control characters ({', '.join(controls_in(raw))})"
        )
    out: list[Address] = []
    for name, addr in getaddresses([raw.replace(";", ",")]):
        if not addr and not name:
            continue
        spec = checked_addr_spec(addr) if addr else ""
        if not spec:
            raise _not_an_address(name)
        try:
            out.append(Address(display_name=name, addr_spec=spec))
        except Exception:  # the email package's parser: ValueError or HeaderParseError
            raise _not_an_address(addr) from None
    if not out:
        raise _not_an_address(raw.strip())
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
