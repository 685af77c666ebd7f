"""The shipped templates are the house standard: they must lint clean when filled."""

from __future__ import annotations

import pytest
from conftest import EXPECTED, expected_text

from sr_tui.core.lint import lint, lint_email
from sr_tui.core.templates.catalog import load_catalog
from sr_tui.core.templates.render import render

TEMPLATE_IDS = sorted(p.stem for p in EXPECTED.glob("*.txt"))


def _template(catalog, template_id):
    return catalog.get(template_id)


def test_all_31_templates_are_covered(catalog):
    assert len(TEMPLATE_IDS) == 31
    assert sorted(t.id for t in catalog.templates) == TEMPLATE_IDS


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("layout", ["as-written", "flowed"])
def test_realistic_values_give_no_error_or_warning(catalog, realistic_values, template_id, layout):
    email = render(catalog.get(template_id), realistic_values, layout=layout)
    bad = [
        (f.rule, f.match, f.message)
        for f in lint_email(email)
        if f.severity in ("error", "warning")
    ]
    assert bad == [], email.text


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_no_values_gives_one_sr005_error_per_unfilled_placeholder(catalog, template_id):
    email = render(catalog.get(template_id), {})
    findings = lint_email(email)
    assert not [f for f in findings if f.severity == "warning"], email.text
    errors = [f for f in findings if f.severity == "error"]
    assert {f.rule for f in errors} <= {"SR005"}
    unfilled = [s for s in email.spans if not s.filled and s.end > s.start]
    assert len(errors) == len(unfilled)
    for f, span in zip(sorted(errors, key=lambda f: f.start), unfilled, strict=True):
        assert (f.start, f.end) == (span.start, span.end)
        assert (f.field, f.item) == (span.field, span.item)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_seed_text_gives_only_placeholder_errors(template_id):
    """The seed's own text, linted as plain text (no spans), gives SR005 errors only."""
    findings = lint(expected_text(template_id))
    assert {f.rule for f in findings if f.severity in ("error", "warning")} <= {"SR005"}
    assert all(f.match.startswith("[") for f in findings if f.rule == "SR005")


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_template_mode_accepts_declared_placeholders(template_id):
    findings = lint(expected_text(template_id), mode="template")
    assert not [f for f in findings if f.severity in ("error", "warning")]


def test_b5_command_placeholder_is_reported_on_its_field(catalog):
    email = render(catalog.get("B5"), {})
    [f] = [f for f in lint_email(email) if f.match == "[log_folder_path]"]
    assert f.rule == "SR005" and f.field == "log_folder_path"


def test_a2_long_placeholder_across_a_line_break_is_one_finding(catalog):
    email = render(catalog.get("A2"), {})
    long = [f for f in lint_email(email) if f.match.startswith("[e.g.")]
    assert len(long) == 1 and "\n" in long[0].match and long[0].field is not None


def test_b1_list_items_map_to_their_item(catalog):
    email = render(catalog.get("B1"), {})
    items = [f for f in lint_email(email) if f.match.startswith("[Item")]
    assert [f.item for f in items] == [0, 1, 2]


def test_filled_value_findings_point_at_their_field(catalog, realistic_values):
    values = dict(realistic_values, timeframe="soon")
    findings = lint_email(render(catalog.get("A1"), values))
    [f] = [f for f in findings if f.rule == "SR006"]
    assert f.field == "timeframe" and f.severity == "error"


def test_user_template_directory_is_not_needed():
    assert load_catalog([]).templates


def _timeframe_findings(catalog, template_id, field_id, value):
    email = render(catalog.get(template_id), {field_id: value})
    return [f for f in lint_email(email) if f.field == field_id and f.rule in ("SR006", "SR007")]


@pytest.mark.parametrize("value", ["soon", "shortly", "ASAP", "as soon as possible"])
def test_in_a_within_field_the_advice_is_a_duration(catalog, value):
    """C1 reads "within [Timeframe]": advice to write 'by Friday 14 March' there would
    give "within by Friday 14 March"."""
    findings = _timeframe_findings(catalog, "C1", "timeframe", value)
    assert findings, value
    for f in findings:
        assert "reads 'within" in f.message and "'4 business hours'" in f.message, f.message
        assert "by " not in f.message, f.message
        assert "March" not in f.message, f.message
        assert f.fix is not None and f.fix.replacement == "4 business hours"


def test_in_a_by_field_the_advice_is_a_day_and_a_time_never_a_fixed_date(catalog):
    [f] = _timeframe_findings(catalog, "A2", "eta", "soon")
    assert "reads 'by" in f.message and "a day and a time" in f.message, f.message
    assert "within" not in f.message and "March" not in f.message, f.message


def test_outside_a_field_the_message_is_unchanged(catalog):
    from sr_tui.core.lint import lint

    [plain] = [f for f in lint("Subject: x\n\nHi,\n\nWe will fix it soon.\n") if f.rule == "SR006"]
    assert "a range ('within 2 business days')" in plain.message
