"""A case store for the search, review and close-case screens' tests and snapshots:
cases of October and November 2026 with emails, notes and calls, written before the app
starts (in SR_TUI_DATA, a fresh tmp dir for every test)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sr_tui.core import locations
from sr_tui.core.cases.model import (
    Case,
    Channel,
    CloseReason,
    EmailDetail,
    Entry,
    EntryKind,
    Stage,
    Status,
)
from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import FixedClock

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def at(day: str, hour: int = 2) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00").replace(tzinfo=UTC)


def _email(number: str, when: datetime, template_id: str, body: str) -> Entry:
    detail = EmailDetail(
        template_id=template_id, subject=f"{number} {template_id}", body=body, channel=Channel.COPY
    )
    return Entry.new(number, EntryKind.EMAIL, at=when, stage=Stage.DIAGNOSIS, detail=detail)


CASES = [
    # number, submitted, title, fields, [(hours after, kind, template or note)], closed after
    (
        "SR 3-41234567",
        "2026-10-13",
        "无法登录OA系统",
        dict(area="software", keywords=("OA登录", "权限配置"), root_cause="权限配置错误",
             resolution="在后台重新分配角色权限后恢复。", knowledge=True),
        [(1, "email", "A1"), (5, "note", "远程协助:确认是权限问题"), (30, "email", "E1")],
    ),
    (
        "SR 3-41234601",
        "2026-11-03",
        "OA 登录失败:提示权限不足",
        dict(area="software", keywords=("OA登录",), urgency="high", urgency_reason="财务月结"),
        [(0.1, "call", "Called: finance cannot log in"), (1, "email", "A1"), (3, "email", "B1"),
         (50, "email", "E1")],
    ),
    (
        "SR 3-41234615",
        "2026-11-09",
        "NFS mounts hang after reboot",
        dict(area="network", keywords=("nfs",), description="The NFS client hangs on app01."),
        [(1, "email", "A1"), (2, "email", "B4"), (26, "note", "sosreport received; kernel 5.14")],
    ),
    (
        "SR 3-41234622",
        "2026-11-17",
        "Orders time out: 连接超时",
        dict(area="data_security", keywords=("连接池",), scenario="urgent", urgency="high",
             urgency_reason="core business down"),
        [(4, "email", "A1"), (6, "note", "数据库连接池满载,重启服务后恢复"), (28, "email", "D1")],
    ),
    (
        "SR 3-41234630",
        "2026-11-24",
        "Printer jam on floor 3",
        dict(area="hardware", urgency="low"),
        [],
    ),
]  # fmt: skip


def fill_store() -> None:
    """Write CASES into the data dir's case store."""
    clock = FixedClock(at("2026-10-13", 1))
    path = locations.data_dir() / "cases.db"
    with SqliteCaseStore(path, clock, actor="Sam Lee") as store:
        for number, day, title, fields, events in CASES:
            submitted = at(day)
            clock.at = submitted
            store.create_case(
                Case.new(number, now=submitted, title=title, assignee="Sam Lee", **fields)
            )
            for hours, kind, what in events:
                when = submitted + timedelta(hours=hours)
                clock.at = when
                if kind == "email":
                    body = f"Hi,\n\nAbout {title}: the sosreport helps.\n\nSam Lee"
                    store.append_entry(_email(number, when, what, body))
                    if what == "E1":
                        store.set_status(
                            number, Status.CLOSED, reason=CloseReason.CONFIRMED, at=when
                        )
                    elif what == "D1":
                        store.set_status(number, Status.AWAITING_CONFIRMATION, at=when)
                else:
                    kind_ = EntryKind.CALL if kind == "call" else EntryKind.NOTE
                    store.append_entry(
                        Entry.new(number, kind_, at=when, stage=Stage.DIAGNOSIS, notes=what)
                    )
