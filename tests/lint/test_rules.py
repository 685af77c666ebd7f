"""Every rule: texts it must flag and near misses it must not (LINT_RULES.md guards)."""

from __future__ import annotations

import pytest

from sr_tui.core.lint import LintConfig, lint

from .helpers import SIGNATURE, email, found, rules

# (rule, body paragraph, the match the rule must report; None = must not fire)
BODY_CASES = [
    # SR005 unfilled-placeholder
    ("SR005", "I will update you within [Timeframe].", "[Timeframe]"),
    ("SR005", "Your case {{sr_number}} is open.", "{{sr_number}}"),
    ("SR005", "Your case {sr_number} is open.", "{sr_number}"),
    ("SR005", "Please contact <Agent Name> for access.", "<Agent Name>"),
    ("SR005", "The fix ships in version XXX.", "XXX"),
    ("SR005", "Root cause: TBD.", "TBD"),
    ("SR005", "TODO check the kernel version.", "TODO"),
    ("SR005", "Please sign here: ____ and return it.", "____"),
    ("SR005", "To compress:\n  tar -cjvf perf.tar.bz2 [log_folder_path]", "[log_folder_path]"),
    ("SR005", "See section [1] of the guide.", None),
    ("SR005", "Run this:\n  find /var/log -name '*.gz' -exec ls {} \\;", None),
    ("SR005", "Write to alice@example.com for a copy.", None),
    ("SR005", "The mount uses the [a-z] pattern.", "[a-z]"),
    # issue 17: ticket and status tags are references, not blanks to fill
    ("SR005", "Your ticket [helpdesk.example.org #12345] is open.", None),
    ("SR005", "This is tracked as [JIRA-4412] and [Ticket #881].", None),
    ("SR005", "Quote reference [KX9PQ2-7RWM] in your reply.", None),
    ("SR005", "The incident is [RESOLVED] now.", None),
    # SR006 vague-timeframe, tier A
    ("SR006", "We will fix this soon.", "soon"),
    ("SR006", "I will update you shortly.", "shortly"),
    ("SR006", "We are working on it ASAP.", "ASAP"),
    ("SR006", "We are on it, A.S.A.P.", "A.S.A.P."),
    ("SR006", "I will send the patch as soon as possible.", "as soon as possible"),
    ("SR006", "I will reply as soon as I can.", "as soon as I can"),
    ("SR006", "We will ship it at the earliest opportunity.", "at the earliest opportunity"),
    ("SR006", "Shortly after you submit the form, we will call.", "Shortly"),
    # tier B
    ("SR006", "We will get back to you in due course.", "in due course"),
    ("SR006", "The team will look at it later.", "later"),
    ("SR006", "We will review it in the next few days.", "in the next few days"),
    ("SR006", "We'll look into it right away.", "right away"),
    ("SR006", "Your account is paused until further notice.", "until further notice"),
    ("SR006", "Please reply promptly.", "promptly"),
    ("SR006", "We will reply at our earliest convenience.", "at our earliest convenience"),
    ("SR006", "The patch will be released sometime next month.", "sometime"),
    ("SR006", "We will keep the case open for some time.", "some time"),
    # guards: must not fire
    ("SR006", "I will share their findings as soon as they are available.", None),
    ("SR006", "As soon as the refund posts, you'll get an email.", None),
    ("SR006", "As soon as you receive the code, enter it.", None),
    ("SR006", "This needs iOS 16 or later.", None),
    ("SR006", "Please reply no later than 5 pm ET on Friday 14 March.", None),
    ("SR006", "Please reply no later than 5 pm.", None),
    ("SR006", "The fix is in later versions of nfs-utils.", None),
    ("SR006", "I explain the workaround later in this email.", None),
    ("SR006", "My colleague Soon Lee will join the call.", None),
    ("SR006", 'The "Coming soon" badge is a UI label.', None),
    ("SR006", "The app shows a 'Coming soon' badge.", None),
    ("SR006", "We have not received an update on this case for some time.", None),
    ("SR006", "The change takes effect immediately.", None),
    ("SR006", "You can quickly reset your password in the portal.", None),
    ("SR006", "Please let me know how soon you need the fix.", None),
    ("SR006", "We will let you know as soon as we can reproduce it.", None),
    ("SR006", "The server was down for a few days last month.", None),
    ("SR006", "The job is paused for now and runs temporarily on node 2.", None),
    ("SR006", "The migration is taking a bit longer than expected.", "a bit longer"),
    ("SR006", "We need a little more time to finish the review.", "a little more time"),
    ("SR006", "Yesterday's upgrade took a bit longer than expected.", None),
    # SR007 timeframe-incomplete
    ("SR007", "I will update you by 5 pm.", "5 pm"),
    ("SR007", "I will update you by EOD.", "EOD"),
    ("SR007", "We plan the change for next week.", "next week"),
    ("SR007", "I will call you later today.", "later today"),
    ("SR007", "The report takes 24-48 to generate.", "24-48"),
    ("SR007", "I will update you by 5 pm NZDT on Friday 14 March.", None),
    ("SR007", "We plan the change for next week (Tuesday 18 March).", None),
    ("SR007", "It usually completes within 24-48 hours.", None),
    ("SR007", "The queue cleared at 14:05 03/03/2024 AEDT.", None),
    ("SR007", "The change starts at 22:00 on 9 March CET.", None),
    ("SR007", "The change starts at 22:00 on 9 March.", "22:00"),
    # SR011 sentence-too-long
    (
        "SR011",
        "We have reviewed the sosreport that you uploaded yesterday and we found that the NFS "
        "client on app01 is retrying the mount because the server did not answer in time.",
        "We have reviewed the sosreport that you uploaded yesterday and we found that the NFS "
        "client on app01 is retrying the mount because the server did not answer in time.",
    ),
    ("SR011", "We reviewed the sosreport. The NFS client retried the mount.", None),
    # SR012 hedging
    ("SR012", "I think the disk is full.", "I think"),
    ("SR012", "The patch should be able to fix it.", "should be able to"),
    ("SR012", "We'll try to reproduce it.", "We'll try to"),
    ("SR012", "It seems the mount timed out.", "It seems"),
    ("SR012", "This is kind of unusual for RHEL 8.", "kind of"),
    ("SR012", "Please tell me what kind of device you use.", None),
    ("SR012", "You may cancel at any time.", None),
    ("SR012", "You should receive an email within 10 minutes.", None),
    ("SR012", "The refund will probably arrive within 5 business days.", None),
    ("SR012", "The error appears in /var/log/messages.", None),
    # SR013 weak-intensifier
    ("SR013", "This is a very serious bug.", "very"),
    ("SR013", "We are so sorry for the outage.", "so"),
    ("SR013", "The fix is actually simple.", "actually"),
    ("SR013", "The mount works very well now.", None),
    ("SR013", "Your help is very much appreciated.", None),
    ("SR013", "The cluster is highly available.", None),
    ("SR013", "Log in as the super user on app01.", None),
    # SR014 condescending-or-blaming
    ("SR014", "Simply restart the service.", "Simply"),
    ("SR014", "You just need to restart the service.", "just"),
    ("SR014", "As I mentioned, the disk is full.", "As I mentioned"),
    ("SR014", "You forgot to attach the log.", "You forgot to"),
    ("SR014", "The log clearly shows a timeout.", "clearly"),
    ("SR014", "Resetting the password is easy.", "easy"),
    ("SR014", "We just released version 2.4 with the fix.", None),
    ("SR014", "Each cable is clearly labelled.", None),
    ("SR014", "Please track each issue clearly.", None),
    ("SR014", "You should have received an email from our portal.", None),
    ("SR014", "It is just a warning and needs no action.", None),
    ("SR014", "If the problem comes back, just reply and I'll reopen it.", None),
    # SR015 stock-or-wordy-phrase
    ("SR015", "Please be advised that the portal is down.", "Please be advised that"),
    ("SR015", "We need the logs in order to continue.", "in order to"),
    ("SR015", "Kindly upload the logs.", "Kindly"),
    ("SR015", "Please revert back with the output.", "revert back"),
    ("SR015", "Please revert to me with the output.", "revert"),
    ("SR015", "So, the disk was full.", "So,"),
    ("SR015", "There is a fix in version 2.4.", "There is"),
    ("SR015", "Please reach out to your account manager.", "reach out to"),
    ("SR015", "Please revert the patch and reboot.", None),
    ("SR015", "If there is no response, the case closes.", None),
    ("SR015", "We need the logs to continue.", None),
    # SR016 repeated-word
    ("SR016", "Please upload the the sosreport.", "the"),
    ("SR016", "Please upload the\nthe sosreport.", "the"),
    ("SR016", "The mount that that server uses is stale.", None),
    ("SR016", "The patch had had no effect.", None),
    ("SR016", "What it is is a timeout.", None),
    ("SR016", "Run it 10 10 times.", None),
    # SR017 shouting
    ("SR017", "PLEASE DO NOT REBOOT the server.", "PLEASE DO NOT REBOOT"),
    ("SR017", "This is URGENT for us.", "URGENT"),
    ("SR017", "The fix works!!", "!!"),
    ("SR017", "Does it work?!", "?!"),
    ("SR017", "The NFS mount on RHEL 8 uses an HBA and LVM.", None),
    ("SR017", "The outage started at 10:00 NZDT and CPU use hit 100%.", None),
    ("SR017", "Check the SELinux context and the OCI console.", None),
    # issue 17: labels, headings, status words and table cells structure a notice
    ("SR017", "IMPACT: Short interruptions to the VPN service.", None),
    ("SR017", "ACTION REQUIRED: None.", None),
    ("SR017", "UPDATE 14:05 AEDT: The backlog has cleared.", None),
    ("SR017", "CURRENT STATUS: INVESTIGATING", None),
    ("SR017", "Status: RESOLVED", None),
    ("SR017", "The incident is now RESOLVED.", None),
    ("SR017", "MAINTENANCE WINDOW\nSaturday 9 March, 22:00 to 02:00 CET.", None),
    ("SR017", "Service    Status\nMail       DEGRADED\nPortal     DOWN", None),
    ("SR017", "The portal is DOWN and NOBODY can log in.", "NOBODY"),
    # SR018 whitespace
    ("SR018", "The disk is full.  Please clean it.", "  "),
    ("SR018", "The disk is full , please clean it.", " "),
    ("SR018", "The disk is full.Please clean it.", "."),
    ("SR018", "The disk is full. ", " "),
    ("SR018", "The disk is full.\n\n\n\nPlease clean it.", "\n\n\n\n"),
    ("SR018", "See https://support.example.com/Doc.Html for details.", None),
    ("SR018", "The version is 2.4.1, e.g. the latest.", None),
    ("SR018", "Run:\n    ls  -l   /var/log", None),
    # issue 17: the column gaps of an aligned table are not double spaces
    (
        "SR018",
        "Server      Status      Window\napp01       Patched     02:00 UTC\ndb01        Pending     03:00 UTC",
        None,
    ),
    ("SR018", "Start:      22:00 CET\nEnd:        02:00 CET", None),
    ("SR018", "| Time  | Event   |\n|-------|---------|\n| 08:02 | Alerts  |", None),
    # SR020 chatspeak-informal
    ("SR020", "FYI the patch is out.", "FYI"),
    ("SR020", "Thx for the logs.", "Thx"),
    ("SR020", "Please send the logs w/ the sosreport.", "w/"),
    ("SR020", "We are gonna patch it.", "gonna"),
    ("SR020", "Can u send the logs?", "u"),
    ("SR020", "The patch is out :)", ":)"),
    ("SR020", "The patch is out 🎉", "🎉"),
    ("SR020", "Mount /mnt/w/data on app01.", None),
    ("SR020", "Ty Burrell from our team will call.", None),
]


@pytest.mark.parametrize(("rule", "body", "match"), BODY_CASES)
def test_body_rule(rule, body, match):
    matches = found(email(body), rule)
    if match is None:
        assert matches == [], f"{rule} fired on a near miss: {matches}"
    else:
        assert match in matches, f"{rule} missed {match!r}; found {matches}"


# (rule, whole text, must fire)
WHOLE_CASES = [
    # SR001 subject-missing
    ("SR001", email("Body.").replace("Subject: ", "subject: "), True),
    ("SR001", email("Body.").replace("Subject: ", "Subj: "), True),
    ("SR001", email("Body.").replace("Subject: ", "Subject - "), True),
    ("SR001", "RE: NFS hang on app01\n\nHi,\n\nBody.\n\n" + SIGNATURE, True),
    ("SR001", "Hi,\n\nThe patch is out.\n\n" + SIGNATURE, True),
    ("SR001", "", True),
    ("SR001", email("Body."), False),
    ("SR001", "\n\n" + email("Body."), False),
    # SR002 subject-unclear
    ("SR002", email("Body.", subject="Question"), True),
    ("SR002", email("Body.", subject="Re: Your request"), True),
    ("SR002", email("Body.", subject="Quick question"), True),
    ("SR002", email("Body.", subject="NFS MOUNTS HANGING ON APP01"), True),
    ("SR002", email("Body.", subject="NFS hang fixed!"), True),
    ("SR002", email("Body.", subject="NFS hang on app01..."), True),
    ("SR002", email("Body.", subject="x" * 71), True),
    # issue 17: apology-only and check-in subjects say nothing about the case
    ("SR002", email("Body.", subject="Sorry for the delay"), True),
    ("SR002", email("Body.", subject="Apologies for the inconvenience"), True),
    ("SR002", email("Body.", subject="Just checking in"), True),
    ("SR002", email("Body.", subject="Following up"), True),
    ("SR002", email("Body.", subject="Any update?"), True),
    ("SR002", email("Body.", subject="We've received your request"), True),
    ("SR002", "Subject:\n\nHi,\n\nBody.\n\n" + SIGNATURE, True),
    ("SR002", email("Body.", subject="Antivirus Guidelines"), False),
    ("SR002", email("Body.", subject="Support Contract Inquiry"), False),
    ("SR002", email("Body.", subject="Thank You for Your Feedback"), False),
    ("SR002", email("Body.", subject="Update on Case SR 3-31415926"), False),
    ("SR002", email("Body.", subject="RHEL NFS HBA"), False),
    # SR021 subject-no-reference
    ("SR021", email("Your case SR 3-31415926 is open.", subject="NFS hang on app01"), True),
    ("SR021", email("Bug 35120487 is with Development.", subject="NFS hang on app01"), True),
    ("SR021", email("Your case SR 3-31415926 is open."), False),
    ("SR021", email("The patch is out.", subject="NFS hang on app01"), False),
    # SR003 greeting-format
    ("SR003", email("Body.", greeting="Hello,"), True),
    ("SR003", email("Body.", greeting="Hey Alice,"), True),
    ("SR003", email("Body.", greeting="Dear Alice,"), True),
    ("SR003", email("Body.", greeting="Hi there,"), True),
    ("SR003", email("Body.", greeting="Good morning Alice,"), True),
    ("SR003", email("Body.", greeting="Greetings,"), True),
    ("SR003", email("Body.", greeting="Hi Alice"), True),
    ("SR003", email("Body.", greeting="Hi Alice!"), True),
    ("SR003", email("Body.", greeting="Hi Alice:"), True),
    ("SR003", email("Body.", greeting="hi,"), True),
    ("SR003", email("Body.", greeting="Hi, Alice,"), True),
    ("SR003", "Subject: NFS hang on app01\n\nThe patch is out.\n\n" + SIGNATURE, True),
    ("SR003", email("Body.", greeting="Hi,"), False),
    ("SR003", email("Body.", greeting="Hi [Customer Name],"), False),
    ("SR003", email("Body.", greeting="Hi Alice,"), False),
    ("SR003", email("Body.", greeting="Hi Alice Chen,"), False),
    ("SR003", email("Body.", greeting="Hi 王波,"), False),
    # issue 17: a role or a blank is not a name
    ("SR003", email("Body.", greeting="Hi Cloud User,"), True),
    ("SR003", email("Body.", greeting="Hi Valued Customer,"), True),
    ("SR003", email("Body.", greeting="Dear __________."), True),
    ("SR003", email("Body.", greeting="Hi {{first_name}},"), False),
    # SR004 closing-format
    ("SR004", email("Body.", closing="Best Regards,\nSam Lee"), True),
    ("SR004", email("Body.", closing="Best regards\nSam Lee"), True),
    ("SR004", email("Body.", closing="Regards,\nSam Lee"), True),
    ("SR004", email("Body.", closing="Kind regards,\nSam Lee"), True),
    ("SR004", email("Body.", closing="Thanks,\nSam Lee"), True),
    ("SR004", email("Body.", closing="Cheers,\nSam Lee"), True),
    ("SR004", email("Body.", closing="BR,\nSam Lee"), True),
    ("SR004", email("Body.", closing="Thanks and regards,\nSam Lee"), True),
    ("SR004", email("Body.", closing="Thanks!\n\nBest regards,\nSam Lee"), True),
    ("SR004", email("Body.", closing="Sam Lee\nLinux Support"), True),
    (
        "SR004",
        email("Body.", closing=SIGNATURE + "\n\nP.S. The patch is also on the portal."),
        True,
    ),
    ("SR004", email("Body.", closing="Best regards,\n[Your Name]\n[Your Team] Support"), False),
    ("SR004", email("Thank you for your patience.", closing=SIGNATURE), False),
    # issue 17: closings the house does not use
    ("SR004", email("Body.", closing="Warmly,\nSam Lee"), True),
    ("SR004", email("Body.", closing="With care,\nSam Lee"), True),
    ("SR004", email("Body.", closing="Your Acme Support Team,"), True),
    ("SR004", email("Body.", closing="    Thank you,\n    Sam Lee"), True),
    ("SR004", email("Body.", closing=SIGNATURE + "\n\n-- \nAcme Ltd | +44 20 7946 0000"), False),
    (
        "SR004",
        email(
            "Body.",
            closing=SIGNATURE + "\n\nThis email is confidential and intended only for the "
            "named recipient. Please be advised that email is not secure.",
        ),
        False,
    ),
    # SR008 paragraph-too-long
    ("SR008", email("One. Two. Three. Four. Five."), True),
    ("SR008", email(" ".join(["word"] * 71) + "."), True),
    ("SR008", email("One. Two. Three. Four."), False),
    ("SR008", email("- One.\n- Two.\n- Three.\n- Four.\n- Five.\n- Six."), False),
    # SR009 paragraph-multiple-topics
    ("SR009", email("The patch is out. Also, your license renews in May."), True),
    ("SR009", email("The patch is out. By the way, the portal moved."), True),
    ("SR009", email("SR 3-31415926 is fixed. SR 3-27182818 still needs logs."), True),
    ("SR009", email("The patch is out.\n\nAlso, your license renews in May."), False),
    ("SR009", email("Regarding the hang, the patch is out. It fixes the mount."), False),
    # SR010 actions-not-in-list
    ("SR010", email("Please log in to the portal. Open Settings and click Reset."), True),
    ("SR010", email("First, stop the service. Then restart app01."), True),
    ("SR010", email("Please download the patch, install it and restart the server."), True),
    ("SR010", email("Please upload the sosreport. It helps us find the cause."), False),
    (
        "SR010",
        email(
            "If the issue is resolved, please confirm so we can close the case. If anything "
            "still needs attention, please reply with the current status."
        ),
        True,  # issue 17: two conditional steps are found (as a suggestion, see below)
    ),
    ("SR010", email("Please reply with the log and confirm the kernel version."), True),
    ("SR010", email("Could you send the sosreport, the nfsstat output and the time?"), True),
    ("SR010", email("For security, please change your password and enable MFA."), True),
    ("SR010", email("We recommend that you rotate the logs and remove old kernels."), True),
    ("SR010", email("Please generate and upload an sosreport from app01."), False),
    ("SR010", email("If you have any questions, please let us know."), False),
    ("SR010", email("To make sure the job runs, we restarted the scheduler."), False),
    (
        "SR010",
        email("To continue, I need the following:\n- The sosreport\n- The output of nfsstat -m"),
        False,
    ),
]


@pytest.mark.parametrize(("rule", "text", "fires"), WHOLE_CASES)
def test_whole_email_rule(rule, text, fires):
    assert (rule in rules(text)) is fires, [(f.rule, f.match) for f in lint(text)]


def test_passive_voice_is_off_by_default_and_on_when_enabled():
    text = email("Your refund will be processed. The mount was fixed by our team.")
    assert "SR019" not in rules(text)
    on = LintConfig(enable=frozenset({"SR019"}))
    assert found(text, "SR019", config=on) == ["be processed"]
    focused = LintConfig(enable=frozenset({"SR019"}), passive_focus=True)
    text2 = email("The case has been escalated. A payment was taken in error.")
    assert found(text2, "SR019", config=focused) == ["has been escalated"]


@pytest.mark.parametrize(
    "text",
    [
        "Subject: NFS hang\n\nHi,\n\nThanks for the logs.\n\n> I need this ASAP\n> PLEASE HELP!!\n\n"
        + SIGNATURE,
        "Subject: NFS hang\n\nHi,\n\nThanks for the logs.\n\n" + SIGNATURE + "\n\n"
        "On Mon, 3 Mar 2025 at 10:00, Alice Chen <alice@example.com> wrote:\n"
        "We need this fixed ASAP, it is URGENT!!\n",
        "Subject: NFS hang\n\nHi,\n\nThanks for the logs.\n\n" + SIGNATURE + "\n\n"
        "From: Alice Chen <alice@example.com>\nSent: Monday, 3 March 2025 10:00\n"
        "Subject: help\n\nfix it soon pls!!\n",
    ],
)
def test_quoted_history_is_not_linted(text):
    assert {f.rule for f in lint(text) if f.rule != "SR021"} == set()


def test_conditional_alternatives_are_a_suggestion_and_plain_steps_a_warning():
    alternatives = email(
        "If the instances are no longer in use, please delete them. If you would like to "
        "start them, please notify us."
    )
    [f] = [f for f in lint(alternatives) if f.rule == "SR010"]
    assert f.severity == "suggestion"
    steps = email("Please restart the agent. If the error comes back, send us the log.")
    [g] = [f for f in lint(steps) if f.rule == "SR010"]
    assert g.severity == "warning"
    assert g.fix is not None and g.fix.kind == "hint" and not g.fix.safe
    assert "- Restart the agent" in (g.fix.replacement or "")


def test_a_request_in_a_paragraph_of_over_100_words_is_found():
    filler = " ".join(["The export includes the projects and the comments of the team."] * 9)
    text = email(filler + " Take the link below and check the boxes you need.")
    assert "SR010" in rules(text)
    assert "SR010" not in rules(email(filler))


def test_greeting_at_your_earliest_convenience_severity():
    request = email("Please upload the requested data at your earliest convenience.")
    [f] = [f for f in lint(request) if f.rule == "SR006"]
    assert f.severity == "suggestion"
    promise = email("We will reply at our earliest convenience.")
    [g] = [f for f in lint(promise) if f.rule == "SR006"]
    assert g.severity == "warning"


def test_tier_a_is_error_tier_b_is_warning():
    text = email("We will fix it soon. We will review it in due course.")
    sev = {f.match: f.severity for f in lint(text) if f.rule == "SR006"}
    assert sev == {"soon": "error", "in due course": "warning"}


def test_longest_match_reported_once():
    assert found(email("I will send it as soon as possible."), "SR006") == ["as soon as possible"]


def test_after_closing_text_is_a_warning():
    text = email("Body.", closing=SIGNATURE + "\n\nP.S. The patch is also on the portal.")
    [f] = [f for f in lint(text) if f.rule == "SR004"]
    assert f.severity == "warning" and f.match.startswith("P.S.")


def test_weekday_without_date_only_when_policy_wants_dates():
    text = email("I will update you by Friday.")
    assert "SR007" not in rules(text)
    assert found(text, "SR007", config=LintConfig(require_dates=True)) == ["by Friday"]


def test_emoji_rule_is_configurable():
    text = email("The patch is out 🎉")
    assert "SR020" not in rules(text, config=LintConfig(emoji=False))
