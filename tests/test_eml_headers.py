"""The .eml draft's headers: no value can add one, on any Python (issue 11, items 1 and 6).

Python 3.11.7 decodes RFC 2047 encoded words in a header value and writes the decoded
text back unescaped (CVE-2024-6923), so checking a value for CR/LF is not enough. Every
test here parses the written bytes as a mail client would and asserts the exact set of
headers, and that the Subject and To read back as the literal text.
"""

from __future__ import annotations

import email.policy
import re
from datetime import UTC, datetime
from email.parser import BytesParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sr_tui.core.handoff import headers
from sr_tui.core.handoff.eml import eml_bytes
from sr_tui.core.handoff.recipients import HandoffError
from sr_tui.core.safe_text import one_line
from sr_tui.core.templates.model import Email
from sr_tui.core.templates.render import render

DATE = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
HEADERS = ["Subject", "Date", "Message-ID", "X-Unsent", "MIME-Version", "Content-Type"]
WITH_TO = ["To", *HEADERS]
INJECT = "=?utf-8?q?x=0D=0ABcc=3A_evil=40x=2Ecom=0D=0A?="
#: Every character `str.splitlines` breaks at but CR and LF (which the renderer turns
#: into spaces in a subject): each made the email package raise ValueError.
SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def parse(data: bytes):
    return BytesParser(policy=email.policy.default).parsebytes(data)


def draft(subject: str, values: dict | None = None) -> bytes:
    return eml_bytes(Email("A1", subject, "Hi,\n\nBody.\n"), values, date=DATE, message_id="<1@x>")


def test_an_encoded_word_in_the_sr_number_adds_no_bcc(catalog):
    email_ = render(catalog.get("A1"), {"sr_number": INJECT})
    msg = parse(eml_bytes(email_, {}, date=DATE, message_id="<1@x>"))
    assert list(msg.keys()) == HEADERS
    assert msg["Subject"] == f"Support Case {INJECT} Received"
    assert "Bcc" not in msg


def test_an_encoded_word_in_a_display_name_adds_no_header(catalog):
    name = "=?utf-8?q?x=0D=0AX-Evil=3A_1?="
    values = {"customer_email": f"{name} <alice@example.com>"}
    msg = parse(eml_bytes(render(catalog.get("A1")), values, date=DATE, message_id="<1@x>"))
    assert list(msg.keys()) == WITH_TO
    assert msg["X-Evil"] is None
    (address,) = msg["To"].addresses
    assert (address.display_name, address.addr_spec) == (name, "alice@example.com")


@pytest.mark.parametrize("separator", SEPARATORS)
def test_line_separators_in_a_subject_become_spaces(catalog, separator):
    email_ = render(catalog.get("A1"), {"sr_number": f"SR 1{separator}Bcc: evil@x.com"})
    msg = parse(eml_bytes(email_, {}, date=DATE, message_id="<1@x>"))
    assert list(msg.keys()) == HEADERS
    assert msg["Subject"] == "Support Case SR 1 Bcc: evil@x.com Received"


@pytest.mark.parametrize("separator", [*SEPARATORS, "\r", "\n"])
def test_line_separators_in_customer_email_are_refused(catalog, separator):
    with pytest.raises(HandoffError, match="one line"):
        eml_bytes(render(catalog.get("A1")), {"customer_email": f"a@b.com{separator}Bcc: c@d.com"})


def test_control_characters_in_customer_email_are_refused(catalog):
    with pytest.raises(HandoffError, match=r"control characters \(\\u001b\)"):
        eml_bytes(render(catalog.get("A1")), {"customer_email": "Al\x1bice <a@b.com>"})


@pytest.mark.parametrize("separator", SEPARATORS)
def test_line_separators_in_the_body_are_kept_in_the_body(catalog, separator):
    email_ = render(catalog.get("B2"), {"sr_number": "SR 1", "customer_name": f"A{separator}B"})
    msg = parse(eml_bytes(email_, {}, date=DATE, message_id="<1@x>"))
    assert list(msg.keys()) == HEADERS
    plain = next(iter(msg.iter_parts())).get_content()
    assert f"A{separator}B" in plain


def test_a_long_word_and_chinese_fold_within_the_line_limit():
    subject = "x" * 300 + " 客户未回复 " + "word " * 40
    data = draft(subject)
    block = data.split(b"\r\n\r\n")[0]
    assert all(len(line) <= 78 for line in block.split(b"\r\n"))
    assert parse(data)["Subject"] == subject.strip()


def test_a_plain_subject_is_written_as_it_is():
    assert b"\r\nSubject: Support Case SR 3-1 Received\r\n" in b"\r\n" + draft(
        "Support Case SR 3-1 Received"
    )


def test_the_check_refuses_a_header_block_with_an_extra_header():
    data = b"Subject: x\r\nBcc: evil@x.com\r\nDate: y\r\n\r\nbody"
    with pytest.raises(HandoffError, match="nothing was written"):
        headers.check_headers(data, ["Subject", "Date"])
    headers.check_headers(b"Subject: x\r\n y\r\nDate: y\r\n\r\nbody", ["Subject", "Date"])


def test_a_message_id_that_is_not_one_is_refused():
    with pytest.raises(HandoffError, match="Message-ID"):
        eml_bytes(Email("A1", "s", "b"), None, date=DATE, message_id="<1@x>\r\nBcc: e@x.com")


TEXT = st.text(st.characters(codec=None, exclude_categories=["Cs"]), max_size=120)
NASTY = st.lists(
    st.sampled_from(
        [
            "=?",
            "?=",
            "utf-8",
            "q",
            "?",
            "=0D=0A",
            "Bcc:",
            " ",
            "  ",
            "中",
            "\r\n",
            "\x1b",
            "\u2028",
            "é",
            "x" * 80,
            '"',
            "\\",
            "<",
            ">",
            ",",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(TEXT, NASTY))
def test_any_subject_gives_exactly_our_headers_and_reads_back(subject):
    msg = parse(draft(subject))
    assert list(msg.keys()) == HEADERS
    assert msg["Subject"] == one_line(subject).strip()


@settings(max_examples=150, deadline=None)
@given(st.one_of(TEXT, NASTY))
def test_any_customer_email_is_refused_or_gives_exactly_our_headers(name):
    try:
        data = draft("s", {"customer_email": f"{name} <alice@example.com>"})
    except HandoffError:  # not one line, control characters, not an address
        return
    msg = parse(data)
    assert list(msg.keys()) == WITH_TO
    assert "alice@example.com" in [a.addr_spec for a in msg["To"].addresses]


@settings(max_examples=150, deadline=None)
@given(st.one_of(TEXT, NASTY))
def test_any_display_name_reads_back_as_written(name):
    from email.headerregistry import Address
    from email.message import EmailMessage

    name = name.replace("\r", "").replace("\n", "")  # Address itself refuses those
    msg = EmailMessage(policy=email.policy.SMTP)
    to = headers.to_header([Address(display_name=name, addr_spec="alice@example.com")])
    msg["To"] = to
    msg["Subject"] = headers.subject_header("s")
    back = parse(msg.as_bytes())
    assert list(back.keys()) == ["To", "Subject"]
    (address,) = back["To"].addresses
    expected = re.sub(" +", " ", one_line(name)).strip()  # a phrase's spaces collapse
    assert address.addr_spec == "alice@example.com"
    if to.count("=?") <= 1:
        assert address.display_name == expected
    else:
        # A long name takes several encoded words. RFC 2047 (and Outlook) drop the space
        # between two encoded words; Python's address parser keeps one. Modulo that:
        assert address.display_name.replace(" ", "") == expected.replace(" ", "")
