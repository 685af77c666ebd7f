"""Rendering: seed fidelity, filled values, spans, values as data, the greeting."""

from __future__ import annotations

import pytest
from conftest import expected_text

from sr_tui.core.templates.render import MAX_VALUE_CHARS, RenderError, render

ALL_IDS = [
    f"{c}{n}"
    for c, count in zip("ABCDEFGH", (3, 7, 1, 4, 4, 2, 5, 5), strict=True)
    for n in range(1, count + 1)
]


def test_the_library_has_all_31_templates(catalog):
    assert [t.id for t in catalog.templates] == ALL_IDS


@pytest.mark.parametrize("template_id", ALL_IDS)
def test_no_values_renders_the_seed_text_exactly(catalog, template_id):
    assert render(catalog.get(template_id)).text == expected_text(template_id)


@pytest.mark.parametrize("template_id", ALL_IDS)
def test_realistic_values_leave_no_placeholder(catalog, realistic_values, template_id):
    email = render(catalog.get(template_id), realistic_values)
    assert "[" not in email.text, email.text
    assert email.unfilled == ()
    assert "Sam Lee\nLinux Support" in email.text


@pytest.mark.parametrize("template_id", ALL_IDS)
def test_spans_slice_to_the_value_or_placeholder(catalog, realistic_values, template_id):
    template = catalog.get(template_id)
    for values in ({}, realistic_values):
        email = render(template, values)
        for span in email.spans:
            text = email.text[span.start : span.end]
            if span.filled:
                value = values[span.field]
                expected = value[span.item] if span.item is not None else value
                assert text == expected
            else:
                placeholders = template.field(span.field).placeholder_items()
                assert text == placeholders[span.item or 0]


@pytest.mark.parametrize(
    "value",
    ["{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "{{ ''.__class__.__mro__ }}", "{# c #}"],
)
def test_values_are_data_never_template_code(catalog, value):
    email = render(catalog.get("A1"), {"issue_summary": value, "sr_number": value})
    assert email.text.count(value) == 3  # subject, and twice in the body
    assert "49" not in email.text


def test_list_field_renders_one_bullet_per_item(catalog):
    email = render(
        catalog.get("B1"), {"items": ["The sosreport", "", "  ", "The output of `df -h`"]}
    )
    assert "I need the following:\n- The sosreport\n- The output of `df -h`\n\nOnce" in email.body
    items = [s for s in email.spans if s.field == "items"]
    assert [(s.item, s.filled) for s in items] == [(0, True), (1, True)]


def test_unfilled_list_shows_the_seed_items(catalog):
    body = render(catalog.get("B1")).body
    assert "- [Item 1]\n- [Item 2]\n- [Item 3]\n" in body


@pytest.mark.parametrize(
    ("template_id", "name", "greeting"),
    [
        ("A1", "", "Hi,"),
        ("A1", "Alice", "Hi Alice,"),
        ("A1", "   ", "Hi,"),
        ("E3", "Dr. Wong", "Hi Dr. Wong,"),
        ("C1", "", "Hi [Customer Name],"),
        ("C1", "Alice", "Hi Alice,"),
    ],
)
def test_customer_name_greeting(catalog, template_id, name, greeting):
    email = render(catalog.get(template_id), {"customer_name": name})
    assert email.body.split("\n", 1)[0] == greeting


def test_values_for_other_templates_are_ignored(catalog):
    email = render(catalog.get("G5"), {"sr_number": "SR 1", "bug_number": "42"})
    assert email.text == expected_text("G5")


def test_windows_line_endings_and_marker_characters_are_normalised(catalog):
    email = render(catalog.get("A2"), {"current_status": "line one\r\nline two\ue001"})
    assert "line one\nline two." in email.body
    assert "\r" not in email.text and "\ue001" not in email.text


def test_a_subject_stays_on_one_line(catalog):
    email = render(catalog.get("A1"), {"sr_number": "SR 1\nSR 2"})
    assert email.subject == "Support Case SR 1 SR 2 Received"
    span = next(s for s in email.spans if s.field == "sr_number")
    assert email.text[span.start : span.end] == "SR 1 SR 2"


def test_an_oversized_value_is_a_clear_error(catalog):
    with pytest.raises(RenderError, match=r"issue_summary.*limit"):
        render(catalog.get("A1"), {"issue_summary": "x" * (MAX_VALUE_CHARS + 1)})


# -- your own words --------------------------------------------------------------------------

OWN_WORDS = "The sosreport shows the NFS client retrying an old server address.\nA fix is ready."


@pytest.mark.parametrize("template_id", ALL_IDS)
def test_your_own_words_are_a_paragraph_of_every_template(catalog, realistic_values, template_id):
    """Every template takes free text where the seed's recommended structure has
    "[Status / action required / next steps.]": a paragraph of its own after the opening
    one (after its list, for a template that opens with "please provide:"), before the
    closing. Empty, it leaves nothing, not even a blank line (fidelity: see above)."""
    template = catalog.get(template_id)
    assert "details" in template.field_ids
    plain = render(template, realistic_values).body
    email = render(template, {**realistic_values, "details": OWN_WORDS})
    body = email.body
    assert f"\n\n{OWN_WORDS}\n\n" in body
    assert body.replace(f"{OWN_WORDS}\n\n", "", 1) == plain
    before, after = body.split(OWN_WORDS)
    assert before.count("\n\n") >= 2, before  # the greeting, then at least one paragraph
    assert "Best regards," in after and "Best regards," not in before
    [span] = [s for s in email.spans if s.field == "details"]
    assert email.text[span.start : span.end] == OWN_WORDS and span.filled
    # Flowed for the mail client, the line break the user typed stays.
    assert OWN_WORDS in render(template, {"details": OWN_WORDS}, layout="flowed").body


def test_your_own_words_are_linted_and_point_at_their_field(catalog, realistic_values):
    from sr_tui.core.lint import lint_email

    values = {**realistic_values, "details": "We will have an answer soon."}
    findings = lint_email(render(catalog.get("A1"), values))
    assert [(f.rule, f.field, f.match) for f in findings if f.rule == "SR006"] == [
        ("SR006", "details", "soon")
    ]
