"""The API contract: Finding fields, ordering, fixes, modes, lint_email mapping."""

from __future__ import annotations

import dataclasses

import pytest

from sr_tui.core.lint import Finding, Fix, LintConfig, apply_fix, lint, lint_email
from sr_tui.core.templates.model import Email, Span

from .helpers import SIGNATURE, email


def test_finding_is_a_frozen_dataclass_with_the_contract_fields():
    [f] = [f for f in lint(email("We will fix it soon.")) if f.rule == "SR006"]
    assert isinstance(f, Finding) and dataclasses.is_dataclass(f)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.rule = "X"  # type: ignore[misc]
    assert (f.name, f.severity, f.match, f.field, f.item) == (
        "vague-timeframe",
        "error",
        "soon",
        None,
        None,
    )
    assert f.fix == Fix("hint", None, False)
    assert set(f.to_dict()) == {
        "rule", "name", "severity", "message", "start", "end", "line", "column", "match", "fix",
    }  # fmt: skip


def test_sorted_worst_first_then_by_offset():
    text = email("Simply restart it.  We will fix it soon. I think it is very slow.")
    findings = lint(text)
    ranks = {"error": 0, "warning": 1, "suggestion": 2}
    keys = [(ranks[f.severity], f.start) for f in findings]
    assert keys == sorted(keys)
    assert {f.severity for f in findings} == {"error", "warning", "suggestion"}


def test_line_and_column_count_characters_not_bytes():
    text = (
        "Subject: 服务器 NFS 挂起 SR 3-1\n\nHi 王波,\n\n数据库 🎉 will be ready soon.\n\n"
        + SIGNATURE
    )
    [f] = [f for f in lint(text) if f.rule == "SR006"]
    assert (f.line, f.column) == (5, 21)
    assert text.splitlines()[f.line - 1][f.column - 1 :].startswith("soon")


@pytest.mark.parametrize(
    ("text", "rule", "fixed"),
    [
        (email("Body.").replace("Subject: ", "subject: "), "SR001", email("Body.")),
        (
            "NFS hang on app01 fixed\n\nHi,\n\nBody.\n\n" + SIGNATURE,
            "SR001",
            "Subject: NFS hang on app01 fixed\n\nHi,\n\nBody.\n\n" + SIGNATURE,
        ),
        (email("Body.", greeting="Hello Alice!"), "SR003", email("Body.")),
        (email("Body.", greeting="Dear Sir or Madam,"), "SR003", email("Body.", greeting="Hi,")),
        (
            email("Body.", greeting="Hi Alice, thanks for the logs."),
            "SR003",
            email("Body.", greeting="Hi Alice,\n\nThanks for the logs."),
        ),
        (email("Body.", closing="Kind regards,\nSam Lee\nLinux Support"), "SR004", email("Body.")),
        (email("Body.", closing="Sam Lee\nLinux Support"), "SR004", email("Body.")),
        (email("Upload the the logs."), "SR016", email("Upload the logs.")),
        (email("Upload the logs.  Thanks."), "SR018", email("Upload the logs. Thanks.")),
        (email("We need it in order to continue."), "SR015", email("We need it to continue.")),
        (email("Upload it, thx."), "SR020", email("Upload it, thanks.")),
        (email("Please simply restart it."), "SR014", email("Please restart it.")),
        (
            email("The patch is out. Also, the portal moved."),
            "SR009",
            email("The patch is out.\n\nAlso, the portal moved."),
        ),
    ],
)
def test_safe_fixes_repair_the_text(text, rule, fixed):
    [f] = [f for f in lint(text) if f.rule == rule]
    assert f.fix is not None and f.fix.safe
    assert apply_fix(text, f) == fixed
    assert rule not in {g.rule for g in lint(fixed)}


@pytest.mark.parametrize(
    ("text", "rule", "fixed"),
    [
        # issue 17: closings the house does not use are replaced in place
        (
            email("Body.", closing="Warmly,\nSam Lee"),
            "SR004",
            email("Body.", closing="Best regards,\nSam Lee"),
        ),
        (
            email("Body.", closing="Your Acme Support Team,"),
            "SR004",
            email("Body.", closing="Best regards,\nAcme Support Team"),
        ),
        (
            email("Body.", closing="  Thank you,\n  Sam Lee"),
            "SR004",
            email("Body.", closing="  Best regards,\n  Sam Lee"),
        ),
        # the closing goes above the footer and the quoted history, never below them
        (
            "Subject: X\n\nHi,\n\nBody.\n\n-- \nSam Lee\nAcme\n",
            "SR004",
            "Subject: X\n\nHi,\n\nBody.\n\nBest regards,\n\n-- \nSam Lee\nAcme\n",
        ),
        (
            "Subject: X\n\nHi,\n\nBody.\n\nSam\n\nOn Mon, 3 Mar 2025, A <a@b.c> wrote:\n> hi\n",
            "SR004",
            "Subject: X\n\nHi,\n\nBody.\n\nBest regards,\nSam\n\nOn Mon, 3 Mar 2025, A <a@b.c> wrote:\n> hi\n",
        ),
        (
            "Subject: X\n\nHi,\n\nBody.\nSam Lee\nLinux Support\n",
            "SR004",
            "Subject: X\n\nHi,\n\nBody.\n\nBest regards,\nSam Lee\nLinux Support\n",
        ),
        # a role or a blank greeting becomes "Hi,"
        (email("Body.", greeting="Hi Cloud User,"), "SR003", email("Body.", greeting="Hi,")),
        (email("Body.", greeting="Dear __________."), "SR003", email("Body.", greeting="Hi,")),
        (
            email("Body.", greeting="Hello {{first_name}},"),
            "SR003",
            email("Body.", greeting="Hi {{first_name}},"),
        ),
    ],
)
def test_issue_17_safe_fixes(text, rule, fixed):
    [f] = [f for f in lint(text) if f.rule == rule]
    assert f.fix is not None and f.fix.safe
    assert apply_fix(text, f) == fixed
    assert rule not in {g.rule for g in lint(fixed)}


def test_a_reply_marker_is_not_taken_as_the_subject():
    text = "--reply above this line--\n\nHi Alice,\n\nThe patch is out.\n\n" + SIGNATURE
    [f] = [f for f in lint(text) if f.rule == "SR001"]
    assert f.fix is not None and not f.fix.safe
    assert "SR003" not in {g.rule for g in lint(text)}


def test_half_a_sentence_is_not_taken_as_the_subject():
    text = "We are writing to let you know that your\ncluster was upgraded.\n\n" + SIGNATURE
    [f] = [f for f in lint(text) if f.rule == "SR001"]
    assert f.fix is not None and f.fix.kind == "hint"


def test_a_greeting_tail_that_would_raise_a_warning_is_not_a_safe_split():
    text = email("Body.", greeting="Hi Alice, I think the disk is full.")
    [f] = [f for f in lint(text) if f.rule == "SR003"]
    assert f.fix is not None and not f.fix.safe


def test_a_missing_subject_is_a_hint_not_an_inserted_placeholder():
    """Issue 17: inserting 'Subject: [Subject]' only traded SR001 for an SR005 error, so
    with no line that reads like a subject the fix is a hint (it used to be safe)."""
    text = "Hi,\n\nBody.\n\n" + SIGNATURE
    [f] = [f for f in lint(text) if f.rule == "SR001"]
    assert f.fix is not None and f.fix.kind == "hint" and not f.fix.safe
    assert apply_fix(text, f) == text


def test_no_fix_invents_a_commitment():
    for f in lint(email("We will fix it soon and reply shortly, ASAP.")):
        if f.rule == "SR006":
            assert f.fix is not None and f.fix.kind == "hint" and not f.fix.safe


def test_template_mode_allows_placeholders_but_not_todo():
    text = email("I will update you within [Timeframe]. TODO: check the ETA.")
    assert {f.match for f in lint(text) if f.rule == "SR005"} == {"[Timeframe]", "TODO"}
    assert [f.match for f in lint(text, mode="template") if f.rule == "SR005"] == ["TODO"]


def test_template_mode_greeting_fix_uses_the_customer_placeholder():
    [f] = [f for f in lint(email("Body.", greeting="Hello,"), mode="template") if f.rule == "SR003"]
    assert f.fix is not None and f.fix.replacement == "Hi [Customer Name],"


def test_config_disable_and_severity():
    text = email("We will fix it soon. This is very slow.")
    assert "SR006" not in {f.rule for f in lint(text, LintConfig(disable=frozenset({"SR006"})))}
    cfg, problems = LintConfig.from_table({"severity": {"vague-timeframe": "warning"}})
    assert problems == []
    [f] = [f for f in lint(text, cfg) if f.rule == "SR006"]
    assert f.severity == "warning"
    cfg, _ = LintConfig.from_table({"severity": {"SR013": "off"}})
    assert "SR013" not in {f.rule for f in lint(text, cfg)}


def test_config_thresholds():
    text = email("One. Two. Three.")
    cfg, problems = LintConfig.from_table({"paragraph_max_sentences": 2})
    assert problems == [] and "SR008" in {f.rule for f in lint(text, cfg)}
    long = email("This sentence has exactly eight words in it.")
    cfg, _ = LintConfig.from_table({"sentence_max_words": 5})
    assert "SR011" in {f.rule for f in lint(long, cfg)}


def test_config_accept_and_acronyms():
    text = email("We will send the report in due course. The TICKETS queue is empty.")
    cfg, problems = LintConfig.from_table(
        {"accept": ["send the report in due course"], "vocab": {"acronyms": ["TICKETS"]}}
    )
    assert problems == []
    assert {f.rule for f in lint(text)} >= {"SR006", "SR017"}
    assert not {f.rule for f in lint(text, cfg)} & {"SR006", "SR017"}


def _email_with_spans() -> Email:
    subject = "Update on Case SR 3-31415926"
    body = "Hi Alice,\n\nI will update you soon.\n\nBest regards,\n[Your Name]\nLinux Support\n"
    text = f"Subject: {subject}\n\n{body}"
    soon = text.index("soon")
    name = text.index("[Your Name]")
    alice = text.index("Alice")
    spans = (
        Span("customer_name", alice, alice + 5, True),
        Span("timeframe", soon, soon + 4, True),
        Span("your_name", name, name + len("[Your Name]"), False),
    )
    return Email("A1", subject, body, spans)


def test_lint_email_maps_findings_to_fields():
    e = _email_with_spans()
    by_rule = {f.rule: f for f in lint_email(e)}
    assert by_rule["SR006"].field == "timeframe"
    assert by_rule["SR005"].field == "your_name"
    assert by_rule["SR005"].severity == "error"


def test_lint_email_reports_an_unbracketed_unfilled_span_once():
    subject = "Printer queue stuck — SR 3-31415926"
    body = "Hi,\n\nThe queue is fixed.\n\nBest regards,\nyour name here\nLinux Support\n"
    text = f"Subject: {subject}\n\n{body}"
    s = text.index("your name here")
    e = Email("X1", subject, body, (Span("your_name", s, s + len("your name here"), False),))
    sr005 = [f for f in lint_email(e) if f.rule == "SR005"]
    assert [(f.match, f.field) for f in sr005] == [("your name here", "your_name")]
