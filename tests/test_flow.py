"""The flowed layout: paragraphs and bullets on one line, commands and signature kept."""

from __future__ import annotations

import pytest

from sr_tui.core.templates.render import render

A1_FLOWED = """\
Subject: Support Case [SR Number] Received

Hi,

Thank you for contacting us regarding [Issue Summary]. Your case, [SR Number], has been assigned to me. I will be your primary contact.

Next steps:
- I am reviewing your case now and will provide an initial update within [Timeframe].
- For urgent assistance, please contact us by phone: [Support URL]
- If you need time zone–aligned support, let me know and I can arrange reassignment.

Best regards,
[Your Name]
[Your Team] Support"""

B1_FLOWED = """\
Subject: Action Required — Information Needed for [SR Number]

Hi,

To continue investigating [SR Number] regarding [Issue Summary], I need the following:
- [Item 1]
- [Item 2]
- [Item 3]

Once received, I will proceed and update you within [Timeframe].

Best regards,
[Your Name]
[Your Team] Support"""

B4_FLOWED = """\
Subject: Action Required — sosreport Needed for [SR Number]

Hi,

To assist with [SR Number], please generate and upload an sosreport from the affected system.

To generate:
  sudo sosreport

If sos is not installed:
  sudo yum install sos

Reference: [Vendor Doc ID]

Best regards,
[Your Name]
[Your Team] Support"""


@pytest.mark.parametrize(
    ("template_id", "expected"), [("A1", A1_FLOWED), ("B1", B1_FLOWED), ("B4", B4_FLOWED)]
)
def test_flowed_layout(catalog, template_id, expected):
    assert render(catalog.get(template_id), layout="flowed").text == expected


def test_g1_bullet_continuation_is_joined(catalog):
    body = render(catalog.get("G1"), layout="flowed").body
    assert (
        "- Third-party driver issues (we assist up to the product interaction point; "
        "driver-specific issues go to the vendor)\n" in body
    )


def test_a2_placeholder_with_a_line_break_flows_into_one_line(catalog):
    body = render(catalog.get("A2"), layout="flowed").body
    assert '"coordinating with our engineering team"]. I expect' in body


@pytest.mark.parametrize("template_id", ["A1", "A2", "B1", "B4", "B6", "G1", "C1"])
def test_flowed_spans_still_slice_to_their_text(catalog, realistic_values, template_id):
    template = catalog.get(template_id)
    for values in ({}, realistic_values):
        flowed = render(template, values, layout="flowed")
        written = render(template, values)
        assert len(flowed.spans) == len(written.spans)
        for a, b in zip(written.spans, flowed.spans, strict=True):
            before = written.text[a.start : a.end]
            after = flowed.text[b.start : b.end]
            assert " ".join(before.split()) == " ".join(after.split())


def test_flowing_twice_changes_nothing(catalog, realistic_values):
    from sr_tui.core.templates.flow import flow

    for template in catalog.templates:
        once = render(template, realistic_values, layout="flowed")
        assert flow(once).text == once.text
