"""A small, believable case store for the README screenshots of the case search, the
monthly review and the close-case dialog: October and November 2026, English and
Chinese, written through the store's own API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

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

#: The screenshots' "now": early December, so the review shows November.
NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)

# number, submitted (UTC), title, record fields, events (hours after, kind, what)
CASES = [
    (
        "SR 3-41230011",
        "2026-10-12T01:30",
        "VPN drops every hour",
        dict(
            area="network",
            keywords=("VPN",),
            resolution="Client 5.2 fixes the keep-alive.",
            root_cause="VPN client 5.1 keep-alive bug",
            knowledge=True,
        ),
        [(0.5, "email", "A1"), (26, "email", "E1")],
    ),
    (
        "SR 3-41230057",
        "2026-10-20T06:00",
        "无法登录OA系统",
        dict(
            area="software",
            keywords=("OA登录", "权限配置"),
            resolution="在后台重新分配角色权限后恢复。",
            root_cause="权限配置错误",
            knowledge=True,
        ),
        [(1, "email", "A1"), (3, "note", "远程协助:确认是权限问题"), (20, "email", "E1")],
    ),
    (
        "SR 3-41234567",
        "2026-11-02T01:00",
        "OA 登录失败:提示权限不足",
        dict(
            area="software",
            keywords=("OA登录",),
            urgency="high",
            urgency_reason="财务月结",
            resolution="重新分配财务角色。",
            root_cause="权限配置错误",
        ),
        [
            (0.2, "call", "Called: finance cannot log in"),
            (0.5, "email", "A1"),
            (2, "email", "B1"),
            (30, "email", "E1"),
        ],
    ),
    (
        "SR 3-41234601",
        "2026-11-04T02:00",
        "NFS mounts hang after reboot",
        dict(
            area="network",
            keywords=("nfs",),
            description="The NFS client hangs on app01 after the nightly reboot.",
        ),
        [
            (1, "email", "A1"),
            (2, "email", "B4"),
            (28, "note", "sosreport received; kernel 5.14.0-362"),
        ],
    ),
    (
        "SR 3-41234615",
        "2026-11-06T09:00",
        "Orders time out: 连接超时",
        dict(
            area="data_security",
            keywords=("连接池",),
            scenario="urgent",
            urgency="high",
            urgency_reason="core business down",
        ),
        [
            (0.1, "call", "Called the DBA on duty"),
            (1, "email", "A1"),
            (5, "note", "数据库连接池满载,重启服务后恢复"),
            (30, "email", "D1"),
        ],
    ),
    (
        "SR 3-41234622",
        "2026-11-10T03:00",
        "VPN drops after the client update",
        dict(area="network", keywords=("VPN",)),
        [(4, "email", "A1"), (5, "email", "B1")],
    ),
    (
        "SR 3-41234630",
        "2026-11-16T01:00",
        "Printer jam on floor 3",
        dict(area="hardware", urgency="low", resolution="Cleared the tray; new rollers ordered."),
        [(2, "email", "A1"), (50, "email", "E1")],
    ),
    (
        "SR 3-41234641",
        "2026-11-19T02:30",
        "OA系统登录后页面空白",
        dict(area="software", keywords=("OA登录",), assignee="Bob Wu"),
        [(1, "email", "A1"), (2, "email", "B3")],
    ),
    (
        "SR 3-41234655",
        "2026-11-24T07:00",
        "Backup job fails at 02:00",
        dict(area="data_security", keywords=("备份",)),
        [(9, "email", "A1")],
    ),
]


def fill(path: Path) -> None:
    """Write the demo cases into the store at `path` (a new file)."""
    clock = FixedClock(NOW)
    with SqliteCaseStore(path, clock, actor="Sam Lee") as store:
        for number, submitted_text, title, fields, events in CASES:
            submitted = datetime.fromisoformat(submitted_text).replace(tzinfo=UTC)
            clock.at = submitted
            fields = {"assignee": "Sam Lee", **fields}
            store.create_case(Case.new(number, now=submitted, title=title, **fields))
            for hours, kind, what in events:
                clock.at = when = submitted + timedelta(hours=hours)
                if kind == "email":
                    body = f"Hi,\n\nRegarding {title}: the sosreport will help.\n\nSam Lee"
                    subject = f"{number} {title}"
                    detail = EmailDetail(
                        template_id=what, subject=subject, body=body, channel=Channel.COPY
                    )
                    store.append_entry(
                        Entry.new(number, "email", at=when, stage=Stage.DIAGNOSIS, detail=detail)
                    )
                    if what == "E1":
                        confirmed = CloseReason.CONFIRMED
                        store.set_status(number, Status.CLOSED, reason=confirmed, at=when)
                    elif what == "D1":
                        store.set_status(number, Status.AWAITING_CONFIRMATION, at=when)
                    elif what in ("B1", "B3", "B4"):
                        store.set_status(number, Status.WAITING_CUSTOMER, at=when)
                else:
                    kind_ = EntryKind.CALL if kind == "call" else EntryKind.NOTE
                    store.append_entry(
                        Entry.new(number, kind_, at=when, stage=Stage.DIAGNOSIS, notes=what)
                    )
