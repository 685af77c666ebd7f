"""Case-aware checks before an email goes out: warnings that name the timeline entry they
come from, never a block (the engineer knows things the timeline does not).

- E3 (closed for inactivity) on a case with activity in the last 14 days;
- E4 (closed after no response) without a D2 warning before it;
- A1 (new case received) on a case that already sent one;
- B2 (follow-up) with no request (B1, B3–B7) before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sr_tui.core.cases.model import Entry, EntryKind
from sr_tui.core.cases.sla_policy import REQUESTS


def _when(t: datetime, tz) -> str:
    local = t.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def _describe(e: Entry) -> str:
    if e.email is not None:
        return e.email.template_id
    return {
        EntryKind.CUSTOMER_REPLIED: "customer replied",
        EntryKind.CALL: "call",
        EntryKind.NOTE: "note",
        EntryKind.STATUS: "status change",
        EntryKind.ATTACHMENT: "attachment",
    }.get(e.kind, str(e.kind))


def case_warnings(
    template_id: str,
    entries: Sequence[Entry],
    now: datetime,
    *,
    inactivity_days: int = 14,
    tz=None,
) -> list[str]:
    """Warnings for sending `template_id` now on a case with these entries."""
    tz = tz or now.tzinfo
    tid = template_id.strip().upper()
    ordered = sorted(entries, key=lambda e: e.at)
    emails = [e for e in ordered if e.email is not None]
    out: list[str] = []
    if tid == "E3" and ordered:
        latest = ordered[-1].at
        same = [e for e in ordered if e.at == latest]
        last = next((e for e in same if e.kind is not EntryKind.STATUS), same[-1])
        if now - last.at < timedelta(days=inactivity_days):
            out.append(
                f"E3 says {inactivity_days} days without activity, but the case has "
                f"{_describe(last)} on {_when(last.at, tz)}"
            )
    elif tid == "E4":
        if not any(e.email.template_id.upper() == "D2" for e in emails if e.email):
            out.append("E4 closes after no response, but no D2 warning went out before it")
    elif tid == "A1":
        first = next((e for e in emails if e.email and e.email.template_id.upper() == "A1"), None)
        if first is not None:
            out.append(f"this case already has an A1, sent {_when(first.at, tz)}")
    elif tid == "B2":
        if not any(e.email and e.email.template_id.upper() in REQUESTS for e in emails):
            out.append("B2 follows up on a request, but no B1 or B3–B7 went out before it")
        else:
            request = next(
                e for e in reversed(emails) if e.email and e.email.template_id.upper() in REQUESTS
            )
            reply = next(
                (e for e in ordered if e.at > request.at and e.kind is EntryKind.CUSTOMER_REPLIED),
                None,
            )
            if reply is not None:
                out.append(
                    f"the customer replied on {_when(reply.at, tz)}, after "
                    f"{request.email.template_id if request.email else 'the request'}"
                )
    return out
