"""The shared email grammar (sr_tui.core.text): one table per kind of line."""

from __future__ import annotations

import pytest

from sr_tui.core import text as t

GREETINGS = [
    ("Hi Alice,", True, "Alice", "name"),
    ("Hi,", True, "", "none"),
    ("Hi [Customer Name],", True, "[Customer Name]", "placeholder"),
    (
        "Hello {{ticket.requester.first_name}},",
        True,
        "{{ticket.requester.first_name}}",
        "placeholder",
    ),
    ("Dear __________.", True, "__________", "blank"),
    ("Dear ____,", True, "____", "blank"),
    ("Hi Cloud User,", True, "Cloud User", "role"),
    ("Dear Valued Customer,", True, "Valued Customer", "role"),
    ("Hello team", True, "team", "role"),
    ("Dear Sir or Madam,", True, "Sir or Madam", "role"),
    ("Hi there!", True, "there", "role"),
    ("Good morning,", True, "", "none"),
    ("Morning Alice!", True, "Alice", "name"),
    ("Dear Mr. Smith,", True, "Mr. Smith", "name"),
    ("Hi 王波,", True, "王波", "name"),
    ("Alice,", True, "Alice", "name"),
    ("  Dear customer,", True, "customer", "role"),
    ("Evening maintenance is planned for Saturday.", False, None, None),
    ("Thanks,", False, None, None),
    ("The patch is out.", False, None, None),
]


@pytest.mark.parametrize(("line", "is_greeting", "name", "kind"), GREETINGS)
def test_greeting(line, is_greeting, name, kind):
    assert t.is_greeting(line) is is_greeting
    if is_greeting:
        g = t.split_greeting(line)
        assert (g.name, g.kind) == (name, kind)


def test_greeting_tail_and_punctuation():
    g = t.split_greeting("Hi Alice, thanks for the logs.")
    assert (g.word, g.name, g.punct, g.tail) == ("Hi", "Alice", ",", "thanks for the logs.")
    assert t.split_greeting("Hi, Alice,").name == "Alice"
    assert t.split_greeting("Good morning,").punct == ","


CLOSINGS = [
    # line, is_closing, is_house_closing, closing_name
    ("Best regards,", True, True, ""),
    ("Kind Regards", True, True, ""),
    ("Regards,", True, True, ""),
    ("Thanks,", True, True, ""),
    ("Thanks!", True, True, ""),
    ("Many thanks,", True, True, ""),
    ("Thank you,", True, True, ""),
    ("    Thank you,", True, True, ""),
    ("Thanks, Sam", True, True, "Sam"),
    ("Best regards, Support Team", True, True, "Support Team"),
    ("Warmly,", True, False, ""),
    ("With care,", True, False, ""),
    ("Cheers,", True, False, ""),
    ("Sincerely,", True, False, ""),
    ("Best,", True, False, ""),
    ("BR,", True, False, ""),
    ("Yours sincerely,", True, False, ""),
    ("Thank you for your patience,", True, False, ""),
    ("Your Acme Support Team,", True, False, "Acme Support Team"),
    ("Your friends at Acme,", True, False, "Acme"),
    ("Thank you for your patience.", False, False, ""),
    ("Thanks, that fixed it.", False, False, ""),
    ("Thank you for contacting Acme Support.", False, False, ""),
    ("Your ticket has been updated by the team.", False, False, ""),
    ("Best practices:", False, False, ""),
]


@pytest.mark.parametrize(("line", "closing", "house", "name"), CLOSINGS)
def test_closing(line, closing, house, name):
    assert t.is_closing(line) is closing
    assert t.is_house_closing(line) is house
    assert t.closing_name(line) == name


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("- Restart nfs", "Restart nfs"),
        ("  * Check the mount", "Check the mount"),
        ("• sosreport", "sosreport"),
        ("1. Stop the service", "Stop the service"),
        ("2) Start it", "Start it"),
        ("a) the first", "the first"),
        ("(3) the third", "the third"),
        ("J. Smith", None),
        ("-- ", None),
        ("+1 555 0100", None),
        ("e.g. this", None),
        ("Next steps:", None),
    ],
)
def test_bullet(line, text):
    assert t.is_bullet(line) is (text is not None)
    assert t.bullet_text(line) == text


@pytest.mark.parametrize(
    ("line", "is_sig"),
    [
        ("Sam Lee", True),
        ("Linux Support", True),
        ("[Your Name]", True),
        ("[Your Team] Support", True),
        ("Support Engineer | Acme Ltd.", True),
        ("jane.doe@example.com", True),
        ("Tel: +44 20 7946 0000", True),
        ("https://status.example.com", True),
        ("王波", True),
        ("Talk to you on Monday", False),
        ("We will fix it.", False),
        ("Please reply to this email.", False),
    ],
)
def test_signature_line(line, is_sig):
    assert t.is_signature_line(line) is is_sig


def test_many_thanks_closing_and_signature_lines_are_each_classified():
    """The flowed layout used to merge these three lines: each is its own kind."""
    lines = ["Hi Alice,", "", "The patch is out.", "", "Many thanks,", "Sam Lee", "Linux Support"]
    o = t.outline(lines)
    assert (o.greeting, o.closing, o.signature, o.footer) == (0, 4, 5, 7)
    assert t.is_closing(lines[4]) and not t.is_closing(lines[5])
    assert t.is_signature_line(lines[5]) and t.is_signature_line(lines[6])


def test_signature_without_closing():
    lines = ["Hi,", "", "The patch is out.", "", "Sam Lee", "Linux Support"]
    assert t.signature_start(lines, 1) == 4
    same_block = ["Hi,", "", "The patch is out.", "Sam Lee", "Linux Support"]
    assert t.signature_start(same_block, 1) == 3
    wrapped = ["Hi,", "", "The patch is out and it fixes the hang for", "Linux Support"]
    assert t.signature_start(wrapped, 1) == 4
    alone = ["Sam Lee"]
    assert t.signature_start(alone) == 1


@pytest.mark.parametrize(
    ("tail", "footer_line"),
    [
        (["-- ", "Sam Lee", "Acme Ltd"], "-- "),
        (["--", "Sam Lee"], "--"),
        (["On Mon, 3 Mar 2025 at 10:00, Alice <alice@example.com> wrote:", "> help"], None),
        (["On Mon, 3 Mar 2025 at 10:00, Alice Chen <alice@", "example.com> wrote:"], None),
        (["-----Original Message-----", "From: Alice"], None),
        (["From: Alice Chen <alice@example.com>", "Sent: Monday", "To: Support"], None),
        (["> I need this ASAP", "> please"], None),
        (["--reply above this line--", "Alice wrote:"], None),
        (["Sent from my iPhone"], None),
        (
            [
                "This email and any attachments are confidential and intended solely for the",
                "addressee. If you have received this email in error, please delete it.",
            ],
            None,
        ),
        (["_____________", "", "CONFIDENTIALITY NOTICE: This message is private."], None),
        (["© 2024 Acme Inc. All rights reserved. Unsubscribe"], None),
    ],
)
def test_footer_starts(tail, footer_line):
    body = ["Hi Alice,", "", "The patch is out.", "", "Best regards,", "Sam Lee", ""]
    lines = body + tail
    assert t.footer_start(lines) == len(body)
    assert t.outline(lines).footer == len(body)
    if footer_line:
        assert t.is_signature_separator(footer_line)


def test_no_footer_in_a_plain_email():
    lines = ["Hi,", "", "Your data is confidential to us.", "", "Best regards,", "Sam"]
    assert t.footer_start(lines) == len(lines)


def test_disclaimer_above_a_closing_is_body():
    lines = [
        "Hi,",
        "",
        "Please do not reply to this email from your phone.",
        "",
        "Best regards,",
        "Sam",
    ]
    assert t.footer_start(lines) == len(lines)


def test_reply_marker_at_the_top_is_skipped():
    lines = ["##- Please type your reply above this line -##", "", "Hi Alice,", "", "Body."]
    o = t.outline(lines)
    assert (o.body, o.greeting, o.footer) == (2, 2, 5)
    assert t.is_reply_marker(lines[0])


def test_outline_with_subject_and_footer():
    lines = [
        "Subject: Patch available",
        "",
        "Hi Alice,",
        "",
        "The patch is out.",
        "",
        "Warmly,",
        "Sam",
        "",
        "-- ",
        "Acme",
    ]
    assert t.outline(lines) == t.Outline(2, 2, 6, 7, 9)


def test_greeting_under_a_help_desk_preamble():
    zendesk = [
        "##- Please type your reply above this line -##",
        "",
        "Your request (73310) has been updated.",
        "----------------------------------------------",
        "",
        "Priya Raman (Example Support)",
        "",
        "Hi Tom,",
        "",
        "Body.",
    ]
    assert t.body_start(zendesk) == 2
    assert t.greeting_index(zendesk, 2) == 7
    assert t.outline(zendesk).greeting == 7
    jira = ["Reply above this line.", "", "Lars Holm commented:", "", "Hi Anna,", "", "Body."]
    assert t.greeting_index(jira, t.body_start(jira)) == 4
    plain = ["The patch is out.", "", "Hi Anna,"]
    assert t.greeting_index(plain) == -1


def test_rule_line_below_the_closing_starts_the_footer():
    lines = ["Hi,", "", "Body.", "", "Best,", "Jane", "", "-" * 40, "", "Tom", "", "Help!"]
    assert t.footer_start(lines) == 7
    assert t.closing_index(lines) == 4
    body_rule = ["Hi,", "", "Part one.", "", "-" * 40, "", "Part two.", "", "Best,", "Jane"]
    assert t.footer_start(body_rule) == len(body_rule)
