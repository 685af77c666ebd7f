"""Reusing a past case's resolution on a case, through the Workspace (no Textual here):
what the case screen does when `SimilarCases.Reuse` arrives.

    plan = apply_reuse(workspace, "SR 3-100", case_number="SR 3-200")

makes SR 3-200 the open case if it is not, opens E2 (a reference document is known) or
E1, fills the template fields the case leaves empty (`reference_doc`, and the email's own
words, `details`, with the resolution: the case's own if it has one, else the past
case's), and puts the past case's resolution, root cause and keywords on the record where
it has none.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sr_tui.core.cases.similar import Reuse, merged_keywords, reuse
from sr_tui.core.errors import SrTuiError

if TYPE_CHECKING:
    from sr_tui.workspace import Workspace


def apply_reuse(workspace: Workspace, past_number: str, case_number: str = "") -> Reuse:
    past = workspace.cases.get(past_number)
    if past is None:
        raise SrTuiError(f"there is no case {past_number} in the case store")
    plan = reuse(past)
    if case_number and case_number != workspace.draft.number:
        workspace.reopen(case_number)
    template = workspace.open_template(plan.template_id)
    record = workspace.record
    values = dict(plan.values)
    resolution = (record.resolution.strip() if record else "") or plan.resolution
    if resolution and "details" in template.field_ids:
        values.setdefault("details", resolution)
    for field_id, value in values.items():
        if not workspace.values.get(field_id):
            workspace.set_value(field_id, value)
    workspace.save()
    record = workspace.record
    if record is not None:
        workspace.cases.update(
            replace(
                record,
                resolution=record.resolution or plan.resolution,
                root_cause=record.root_cause or plan.root_cause,
                keywords=merged_keywords(record.keywords, plan.keywords),
            )
        )
    return plan
