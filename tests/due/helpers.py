"""A Workspace on a temp SQLite store with a fixed clock and a UTC calendar (Mon-Fri
09:00-18:00), and short ways to make the moves of a case."""

from __future__ import annotations

from datetime import UTC, datetime

from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import FixedClock
from sr_tui.core.drafts import DraftStore
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.workspace import Workspace

#: Wednesday 2 December 2026, 10:05 UTC.
WED = datetime(2026, 12, 2, 10, 5, tzinfo=UTC)
NUMBER = "SR 3-41234567"
ITEMS = ["An sosreport from app01", "The output of nfsstat -m on app01"]

FILL = {
    "A1": {
        "issue_summary": "NFS hang",
        "timeframe": "4 business hours",
        "support_url": "https://x",
    },
    "A2": {"issue_summary": "NFS hang", "current_status": "analysing logs", "eta": "17:00 Friday"},
    "B1": {"issue_summary": "NFS hang", "items": ITEMS, "timeframe": "1 business day"},
    "D2": {"response_days": "3"},
}


def make_workspace(catalog, tmp_path, at: datetime = WED, **settings) -> Workspace:
    clock = FixedClock(at)
    loaded = LoadedSettings(
        Settings(your_name="Sam Lee", your_team="Linux", timezone="UTC", **settings),
        tmp_path / "config.toml",
    )
    drafts = DraftStore(tmp_path / "data", clock)
    store = SqliteCaseStore(tmp_path / "data" / "cases.db", clock, actor="Sam Lee")
    return Workspace(catalog, loaded, store, clock, drafts=drafts, system_clipboard=None)


def new_case(ws: Workspace, number: str = NUMBER, **fields) -> str:
    from sr_tui.core.cases.model import Case

    case = Case.new(number, now=ws.clock.now(), company="Acme", title="NFS hang", **fields)
    return ws.cases.store.create_case(case).number


def send(ws: Workspace, template_id: str, number: str = NUMBER, **values) -> None:
    """Send `template_id` on the case now, the way a copy does (promise included)."""
    if ws.draft.number != number:
        ws.reopen(number)
    ws.open_template(template_id)
    ws.set_value("sr_number", number)
    for key, value in {**FILL.get(template_id, {}), **values}.items():
        ws.set_value(key, value)
    ws.record_handoff("copy", ws.email(ws.copy_layout))


def advance(ws: Workspace, **delta) -> datetime:
    return ws.clock.advance(**delta)  # type: ignore[attr-defined]


def clock_of(ws: Workspace, kind: str, number: str = NUMBER):
    found = [d for d in ws.clocks(number) if d.kind == kind]
    return found[0] if found else None
