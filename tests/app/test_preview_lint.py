"""The live preview (the email as it is sent: flowed, unfilled placeholders highlighted)
and the lint panel (findings worst first; choosing one goes to its field)."""

from __future__ import annotations

from sr_tui.core.lint.finding import SEVERITY_RANK
from sr_tui.core.templates.render import render
from sr_tui.widgets.lint_panel import LintPanel

from .helpers import (
    SIZE,
    fill,
    open_template,
    paste,
    preview_text,
    set_values,
    settle,
    styled_pieces,
)

A1_VALUES = {
    "customer_name": "Alice",
    "sr_number": "SR 3-31415926",
    "issue_summary": "the NFS hang on app01",
    "timeframe": "4 business hours",
    "support_url": "https://support.example.com/contact-us",
    "your_name": "Sam Lee",
    "your_team": "Linux",
}


def panel_rows(app) -> list[str]:
    panel = app.draft.query_one(LintPanel)
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


# -- preview -----------------------------------------------------------------------------


async def test_preview_updates_on_every_keystroke(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        typed = ""
        for key in "SR4":
            await pilot.press(key)
            typed += key
            subject = preview_text(app).plain.splitlines()[0]
            assert subject == f"Subject: Support Case {typed} Received", subject
        assert "Your case, SR4, has been assigned to me." in preview_text(app).plain
        for expected in ("SR", "S"):
            await pilot.press("backspace")
            assert preview_text(app).plain.startswith(f"Subject: Support Case {expected} Received")
        await pilot.press("backspace")
        assert preview_text(app).plain.startswith("Subject: Support Case [SR Number] Received")


async def test_unfilled_placeholders_are_highlighted_and_filled_text_is_not(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        assert styled_pieces(app, "preview--unfilled") == [
            "[SR Number]",
            "[Issue Summary]",
            "[SR Number]",
            "[Timeframe]",
            "[Support URL]",
            "[Your Name]",
            "[Your Team]",
        ]
        assert styled_pieces(app, "preview--filled") == []
        # The optional customer name leaves no placeholder: "Hi,".
        assert "\n\nHi,\n\n" in preview_text(app).plain

        await set_values(pilot, {"sr_number": "SR 3-31415926", "customer_name": "Alice"})
        unfilled = styled_pieces(app, "preview--unfilled")
        assert "[SR Number]" not in unfilled
        assert unfilled == [
            "[Issue Summary]",
            "[Timeframe]",
            "[Support URL]",
            "[Your Name]",
            "[Your Team]",
        ]
        assert styled_pieces(app, "preview--filled") == ["SR 3-31415926", "Alice", "SR 3-31415926"]
        assert "\n\nHi Alice,\n\n" in preview_text(app).plain
        # The two styles really look different.
        preview = app.draft.query_one("#preview")
        assert preview.get_component_rich_style(
            "preview--unfilled"
        ) != preview.get_component_rich_style("preview--filled")
        assert preview.get_component_rich_style("preview--unfilled").bgcolor is not None


async def test_preview_text_is_the_layout_that_is_sent(make, catalog):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert preview_text(app).plain == "Choose a template on the left, or press ctrl+f."
        assert panel_rows(app) == ["No template open."]
        await open_template(pilot, "A1")
        await set_values(pilot, A1_VALUES)
        template = catalog.get("A1")
        expected = render(template, A1_VALUES, layout="flowed").text
        assert preview_text(app).plain == expected
        assert app.draft.values == A1_VALUES
        # Flowed: the bullet and its continuation line are one line (the pane wraps it).
        assert "initial update within 4 business hours." in expected
        assert expected != render(template, A1_VALUES).text
        assert styled_pieces(app, "preview--unfilled") == []
        # Values are data: template syntax and markup in them appear literally.
        await fill(pilot, "issue_summary", "{{ 7*7 }} and [bold]x[/bold]")
        assert "regarding {{ 7*7 }} and [bold]x[/bold]. Your case," in preview_text(app).plain


# -- lint panel ----------------------------------------------------------------------------


async def test_lint_panel_counts_and_lists_findings_worst_first(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        panel = app.draft.query_one(LintPanel)
        assert panel.border_title == "Lint (7, ✖ 7)"  # seven unfilled placeholders
        await set_values(pilot, A1_VALUES)
        assert app.draft.findings == ()
        assert panel.border_title == "Lint (0)"
        assert panel_rows(app) == ["No findings: ready to send."]
        assert not panel.has_class("-has-errors")

        await set_values(pilot, {"issue_summary": "the hang asap lol", "timeframe": ""})
        findings = app.draft.findings
        severities = [f.severity for f in findings]
        assert {"error", "warning"} <= set(severities)
        assert [SEVERITY_RANK[s] for s in severities] == sorted(
            SEVERITY_RANK[s] for s in severities
        )
        rows = panel_rows(app)
        assert len(rows) == len(findings)
        for row, finding in zip(rows, findings, strict=True):
            assert finding.rule in row and finding.message in row
        assert rows[0].startswith("✖ ")
        assert rows[-1].startswith("▲ SR020")
        assert any("'asap' is not a specific timeframe" in r for r in rows)
        errors = severities.count("error")
        assert errors == 2  # SR005 [Timeframe], SR006 'asap'
        assert panel.border_title == f"Lint ({len(findings)}, ✖ {errors})"
        assert panel.has_class("-has-errors")


async def test_choosing_a_finding_focuses_the_field_its_text_came_from(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await set_values(pilot, {"issue_summary": "the hang asap lol"})
        panel = app.draft.query_one(LintPanel)
        panel.focus()
        await pilot.pause()
        target = next(i for i, f in enumerate(app.draft.findings) if f.field == "timeframe")
        await pilot.press("home", *["down"] * target)
        assert panel.highlighted == target
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is app.draft.query_one("#f-timeframe")

        panel.focus()
        await pilot.pause()
        warning = next(i for i, f in enumerate(app.draft.findings) if f.rule == "SR020")
        panel.highlighted = warning
        await pilot.press("enter")
        await settle(pilot)
        issue = app.draft.query_one("#f-issue_summary")
        assert app.focused is issue
        # The field's help is shown, so the user sees what to write.
        assert app.draft.query_one("#block-issue_summary .field-help").region.height > 0


async def test_choosing_a_finding_in_a_list_item_focuses_that_item(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B1")
        editor = app.draft.query_one("#f-items")
        editor.inputs[0].focus()
        await paste(pilot, "An sosreport")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is editor.inputs[1]
        await paste(pilot, "the logs asap")
        assert app.draft.values["items"] == ["An sosreport", "the logs asap"]
        finding = next(f for f in app.draft.findings if f.field == "items")
        assert finding.item == 1
        panel = app.draft.query_one(LintPanel)
        panel.focus()
        panel.highlighted = app.draft.findings.index(finding)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is editor.inputs[1]

        # An empty item in between: the finding still leads to the item with the text.
        editor.inputs[0].focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.draft.values["items"] == ["An sosreport", "", "the logs asap"]
        finding = next(f for f in app.draft.findings if f.field == "items")
        panel.focus()
        panel.highlighted = app.draft.findings.index(finding)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is editor.inputs[2]
        assert app.focused.value == "the logs asap"


async def test_choosing_a_finding_in_template_text_marks_it_in_the_preview(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        finding = next(f for f in app.draft.findings if f.field is None)
        assert finding.rule == "SR006" and finding.match == "at your earliest convenience"
        panel = app.draft.query_one(LintPanel)
        panel.focus()
        panel.highlighted = app.draft.findings.index(finding)
        await pilot.press("enter")
        await settle(pilot)
        assert styled_pieces(app, "preview--mark") == ["at your earliest convenience"]
        assert app.focused is panel


async def test_lint_panel_can_be_hidden_and_shown_from_the_palette(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        panel = app.draft.query_one(LintPanel)
        for visible in (False, True):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await paste(pilot, "toggle lint")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert panel.display is visible
            assert (panel.region.height > 0) is visible
        preview = app.draft.query_one("#preview")
        assert preview.region.height > 0
