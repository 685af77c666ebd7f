""".eml drafts (parsed back with the email package; goldens for A1 and B6) and mailto: links."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import FIXTURES

from sr_tui.core.handoff import opener
from sr_tui.core.handoff.eml import (
    build_eml,
    default_export_dir,
    eml_bytes,
    eml_filename,
    export_eml,
)
from sr_tui.core.handoff.html import html_body
from sr_tui.core.handoff.mailto import MAILTO_LIMIT, mailto_url, open_in_mail_client
from sr_tui.core.handoff.recipients import HandoffError
from sr_tui.core.templates.render import render

GOLDEN = FIXTURES / "golden"
DATE = datetime(2025, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=13)))
CUSTOMER = "Alice Chen <alice.chen@example.com>"


def parse(data: bytes) -> EmailMessage:
    msg = message_from_bytes(data, policy=default)
    assert isinstance(msg, EmailMessage)
    return msg


def parts(msg: EmailMessage) -> tuple[EmailMessage, EmailMessage]:
    assert msg.get_content_type() == "multipart/alternative"
    plain, page = list(msg.iter_parts())
    return plain, page


@pytest.fixture
def case(realistic_values) -> dict:
    return {**realistic_values, "customer_email": CUSTOMER}


def all_ids(catalog) -> list[str]:
    return [t.id for t in catalog.templates]


# -- every template, parsed back -------------------------------------------------------


def test_every_template_makes_a_draft_that_parses_back(catalog, case):
    assert len(catalog.templates) == 31
    for template in catalog.templates:
        email = render(template, case)
        data = eml_bytes(email, case, date=DATE, message_id=f"<{template.id}@sr-tui.invalid>")
        assert max(data) < 128, template.id  # 7-bit clean: UTF-8 only inside encodings
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
        msg = parse(data)
        assert msg["X-Unsent"] == "1"
        assert msg["To"] == CUSTOMER
        assert msg["Subject"] == email.subject
        assert msg["Date"].datetime == DATE
        assert msg["Message-ID"] == f"<{template.id}@sr-tui.invalid>"
        plain, page = parts(msg)
        for part, kind in ((plain, "text/plain"), (page, "text/html")):
            assert part.get_content_type() == kind
            assert part.get_content_charset() == "utf-8"
            assert part["Content-Transfer-Encoding"] == "quoted-printable"
            assert "MIME-Version" not in part
        flowed = render(template, case, layout="flowed")
        assert plain.get_content().replace("\r\n", "\n") == flowed.body.rstrip("\n") + "\n"
        html = page.get_content()
        assert html.count("<p>") >= 3 and "</body>" in html, template.id
        if re.search(r"(?m)^- ", flowed.body):
            assert "<ul>" in html and "<li>" in html, template.id


def test_unfilled_templates_make_drafts_too(catalog):
    for template in catalog.templates:
        msg = parse(eml_bytes(render(template), None, date=DATE, message_id="<x@y>"))
        assert "To" not in msg
        assert msg["X-Unsent"] == "1"


def test_chinese_subject_and_body_survive(catalog, case):
    values = {**case, "sr_number": "SR 3-31415926(NFS 挂起)", "customer_name": "陈女士"}
    email = render(catalog.get("A1"), values)
    data = eml_bytes(email, values, date=DATE)
    assert "挂起".encode() not in data  # encoded, not raw
    msg = parse(data)
    assert msg["Subject"] == "Support Case SR 3-31415926(NFS 挂起) Received"
    plain, page = parts(msg)
    assert "Hi 陈女士," in plain.get_content()
    assert "<p>Hi 陈女士,</p>" in page.get_content()


def test_bullets_are_real_lists(catalog, case):
    msg = parse(eml_bytes(render(catalog.get("B1"), case), case, date=DATE))
    html = parts(msg)[1].get_content()
    items = re.findall(r"<li>(.*?)</li>", html)
    assert items == case["items"]
    assert re.search(r"I need the following:</p>\s*<ul>\s*<li>", html)
    b6 = parts(parse(eml_bytes(render(catalog.get("B6"), case), case, date=DATE)))[1]
    assert b6.get_content().count("<ul>") == 2 and b6.get_content().count("<li>") == 9


def test_a_bullet_with_a_continuation_line_is_one_item(catalog, case):
    html = html_body(render(catalog.get("A1"), case, layout="flowed").body)
    assert (
        "<li>I am reviewing your case now and will provide an initial update within 4 business hours.</li>"
        in html
    )


def test_commands_stay_on_their_own_line_in_monospace(catalog, case):
    html = html_body(render(catalog.get("B4"), case, layout="flowed").body)
    assert "<p>To generate:<br>\n&nbsp;&nbsp;<code>sudo sosreport</code></p>" in html


def test_the_signature_keeps_its_lines(catalog, case):
    html = html_body(render(catalog.get("A1"), case, layout="flowed").body)
    assert "<p>Best regards,<br>\nSam Lee<br>\nLinux Support</p>" in html


def test_values_are_escaped_and_links_clickable():
    html = html_body("See <b>this</b> & https://example.com/a?b=1&c=2.\n")
    assert "&lt;b&gt;this&lt;/b&gt; &amp; " in html
    assert (
        '<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>.' in html
    )


def test_numbered_lists_are_ordered_lists():
    html = html_body("Steps:\n1. Stop the service\n2. Start it\n")
    assert "<ol>\n<li>Stop the service</li>\n<li>Start it</li>\n</ol>" in html


def test_the_plain_part_is_flowed_even_from_an_as_written_email(catalog, case):
    as_written = render(catalog.get("A1"), case)
    plain = parts(parse(eml_bytes(as_written, case, date=DATE)))[0].get_content()
    assert "update within 4 business hours." in plain
    kept = parts(parse(eml_bytes(as_written, case, layout="as-written", date=DATE)))[0]
    assert (
        "initial update\r\n  within" in kept.get_content()
        or "initial update\n  within" in kept.get_content()
    )


# -- headers ---------------------------------------------------------------------------


def test_no_customer_email_no_to(catalog, realistic_values):
    msg = build_eml(render(catalog.get("A1"), realistic_values), realistic_values)
    assert "To" not in msg


def test_several_recipients_with_semicolons(catalog):
    values = {"customer_email": "alice@example.com; 陈 <chen@example.cn>,bob@example.org"}
    msg = parse(eml_bytes(render(catalog.get("A1")), values, date=DATE))
    assert [a.addr_spec for a in msg["To"].addresses] == [
        "alice@example.com",
        "chen@example.cn",
        "bob@example.org",
    ]
    assert msg["To"].addresses[1].display_name == "陈"


@pytest.mark.parametrize(
    "bad",
    [
        "alice",
        "alice@localhost",
        "a@b.com\nBcc: evil@example.com",
        "@example.com",
        "a b@example.com",
    ],
)
def test_a_bad_address_is_refused(catalog, bad):
    with pytest.raises(HandoffError, match="customer_email"):
        build_eml(render(catalog.get("A1")), {"customer_email": bad})


def test_date_and_message_id_default_to_fresh_ones(catalog):
    msg = parse(eml_bytes(render(catalog.get("A1"))))
    assert msg["Message-ID"].endswith("@sr-tui.invalid>")
    assert abs((msg["Date"].datetime - datetime.now(UTC)).total_seconds()) < 120
    again = parse(eml_bytes(render(catalog.get("A1"))))
    assert again["Message-ID"] != msg["Message-ID"]


def test_same_parameters_same_bytes(catalog, case):
    email = render(catalog.get("B2"), case)
    assert eml_bytes(email, case, date=DATE, message_id="<1@x>") == eml_bytes(
        email, case, date=DATE, message_id="<1@x>"
    )


# -- goldens -----------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", ["A1", "B6"])
def test_golden(catalog, case, template_id):
    email = render(catalog.get(template_id), case)
    data = eml_bytes(email, case, date=DATE, message_id=f"<{template_id}.golden@sr-tui.invalid>")
    path = GOLDEN / f"{template_id}.eml"
    if os.environ.get("SR_TUI_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # Compared modulo line ends, in case a checkout turns the file's CRLF into LF.
    assert data.replace(b"\r\n", b"\n") == path.read_bytes().replace(b"\r\n", b"\n")


# -- export ----------------------------------------------------------------------------


def test_file_name(catalog, case):
    email = render(catalog.get("B2"), case)
    assert eml_filename(email, case) == "SR-3-31415926-B2-follow-up-information-still-needed.eml"
    assert (
        eml_filename(render(catalog.get("B2")), {}) == "B2-follow-up-information-still-needed.eml"
    )


def test_file_name_is_safe(catalog):
    values = {"sr_number": "../../etc/passwd 挂起 <CON>:*?"}
    name = eml_filename(render(catalog.get("A1"), values), values)
    assert re.fullmatch(r"[A-Za-z0-9-]+\.eml", name), name
    assert name.startswith("etc-passwd-CON-A1-")


def test_export_writes_a_unique_file_and_never_overwrites(catalog, case, tmp_path):
    email = render(catalog.get("B2"), case)
    folder = tmp_path / "out" / "drafts"
    first = export_eml(email, folder, case, date=DATE)
    assert first.parent == folder.resolve() and first.name.startswith("SR-3-31415926-B2-")
    first.write_bytes(b"edited by the user")
    second = export_eml(email, folder, case, date=DATE)
    third = export_eml(email, folder, case, date=DATE)
    assert second.name == first.name.replace(".eml", "-2.eml")
    assert third.name == first.name.replace(".eml", "-3.eml")
    assert first.read_bytes() == b"edited by the user"
    assert parse(second.read_bytes())["Subject"] == email.subject
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, second.name, third.name])


def test_default_export_dir(monkeypatch, tmp_path):
    import platformdirs

    downloads = tmp_path / "Downloads"
    monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(downloads))
    assert default_export_dir() == Path(os.environ["SR_TUI_DATA"])
    downloads.mkdir()
    assert default_export_dir() == downloads
    assert default_export_dir("") == downloads
    assert default_export_dir("~/mail") == Path("~/mail").expanduser()


# -- mailto ----------------------------------------------------------------------------


def query(url: str) -> dict[str, str]:
    split = urlsplit(url)
    assert split.scheme == "mailto"
    return {k: unquote(v) for k, _, v in (p.partition("=") for p in split.query.split("&"))}


def test_mailto_encoding(catalog):
    values = {
        "issue_summary": "C++ & Rust 挂起 50%",
        "customer_email": "alice+support@example.com",
        "sr_number": "SR 1",
    }
    email = render(catalog.get("A1"), values, layout="flowed")
    url = mailto_url(email, values)
    assert url.startswith(
        "mailto:alice%2Bsupport@example.com?subject=Support%20Case%20SR%201%20Received&body="
    )
    assert "+" not in url and " " not in url and "\n" not in url
    assert "%0D%0A" in url and "%0A" not in url.replace("%0D%0A", "")
    assert "C%2B%2B%20%26%20Rust%20%E6%8C%82%E8%B5%B7%2050%25" in url
    fields = query(url)
    assert fields["subject"] == email.subject
    assert fields["body"] == email.body.rstrip("\n").replace("\n", "\r\n")


def test_mailto_without_recipient(catalog):
    assert mailto_url(render(catalog.get("G5"))).startswith("mailto:?subject=")


def test_mailto_flows_an_as_written_email(catalog, case):
    url = mailto_url(render(catalog.get("A1"), case), case)
    assert "initial%20update%20within" in url


def test_open_in_mail_client(catalog, case):
    opened: list[str] = []
    outcome = open_in_mail_client(render(catalog.get("A1"), case), case, opener=opened.append)
    assert outcome.opened and not outcome.too_long and outcome.reason == ""
    assert opened == [outcome.url]
    assert len(outcome.url) <= MAILTO_LIMIT


def test_too_long_offers_the_eml_and_opens_nothing(catalog, case):
    values = {
        **case,
        "items": [f"Item {i}: " + "the full output of the command " * 5 for i in range(10)],
    }
    opened: list[str] = []
    outcome = open_in_mail_client(render(catalog.get("B1"), values), values, opener=opened.append)
    assert outcome.too_long and not outcome.opened and opened == []
    assert len(outcome.url) > MAILTO_LIMIT
    assert ".eml" in outcome.reason and f"{len(outcome.url):,}" in outcome.reason


def test_chinese_counts_as_its_encoded_length(catalog):
    values = {"issue_summary": "挂起" * 80}
    email = render(catalog.get("A1"), values)
    assert len(email.text) < MAILTO_LIMIT
    assert open_in_mail_client(email, values, opener=lambda url: None).too_long


def test_the_limit_is_inclusive(catalog):
    email = render(catalog.get("G5"))
    length = len(mailto_url(email))
    assert open_in_mail_client(email, opener=lambda u: None, limit=length).opened
    assert open_in_mail_client(email, opener=lambda u: None, limit=length - 1).too_long


def test_opener_failures_are_reported(catalog):
    email = render(catalog.get("G5"))

    def broken(url):
        raise OSError(2, "xdg-open: no method available for opening 'mailto:'")

    outcome = open_in_mail_client(email, opener=broken)
    assert not outcome.opened and "no method available" in outcome.reason
    outcome = open_in_mail_client(email, opener=lambda url: False)
    assert not outcome.opened and "no mail client" in outcome.reason


@pytest.mark.skipif(os.name != "posix", reason="fake xdg-open is a POSIX script")
def test_system_opener_runs_xdg_open_quietly(monkeypatch, tmp_path, capfd):
    import sys

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(opener, "_is_wsl", lambda: False)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    log = tmp_path / "opened.txt"
    tool = bin_dir / "xdg-open"
    tool.write_text(
        f"#!{sys.executable}\nimport sys\nopen({str(log)!r}, 'w').write(sys.argv[1])\n"
        "sys.stderr.write('gio: noise\\n')\n"
    )
    tool.chmod(0o755)
    opener.system_opener("mailto:?subject=x")
    assert log.read_text() == "mailto:?subject=x"
    tool.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stderr.write('xdg-open: no method available\\n')\nsys.exit(3)\n"
    )
    with pytest.raises(OSError, match=r"xdg-open failed \(exit status 3\): xdg-open: no method"):
        opener.system_opener("mailto:?subject=x")
    assert capfd.readouterr().err == ""
    tool.unlink()
    with pytest.raises(OSError, match="install xdg-utils"):
        opener.system_opener("mailto:?subject=x")


# -- file mode, code spans, From (what a new user hit) --------------------------------------


def test_an_exported_draft_is_a_document_not_a_program(catalog, case, tmp_path):
    """0644 under the usual umask 022 (it was 0755: os.open's default mode is 0777)."""
    old = os.umask(0o022)
    try:
        path = export_eml(render(catalog.get("B2"), case), tmp_path, case, date=DATE)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_code_spans_are_monospace_in_the_html_part():
    page = html_body("Please send the output of `nfsstat -m` and `ls -l <dir>`.\n")
    assert "<code>nfsstat -m</code>" in page and "`" not in page
    assert "<code>ls -l &lt;dir&gt;</code>" in page
    # A lone backtick is text.
    assert "it`s" in html_body("it`s fine\n")


def test_your_email_is_the_from_of_the_draft(catalog, case):
    values = {**case, "your_email": "sam.lee@example.com", "your_name": "Sam Lee"}
    msg = parse(eml_bytes(render(catalog.get("B2"), values), values, date=DATE))
    assert msg["From"] == "Sam Lee <sam.lee@example.com>"
    assert msg["To"] == CUSTOMER
    # Not set: no From (Outlook fills in the account's own).
    assert parse(eml_bytes(render(catalog.get("B2"), case), case, date=DATE))["From"] is None


@pytest.mark.parametrize("bad", ["sam", "sam@", "Sam <sam@example.com>", "a@b.com, c@d.com"])
def test_a_bad_your_email_is_refused(catalog, case, bad):
    from sr_tui.core.handoff.recipients import address_problem

    assert address_problem(bad)
    with pytest.raises(HandoffError, match="your_email"):
        build_eml(render(catalog.get("B2"), case), {**case, "your_email": bad})
