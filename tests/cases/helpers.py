"""Records for the case-store tests: a case with every field filled, entries of each kind."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sr_tui.core.cases.model import (
    Attachment,
    Case,
    Channel,
    EmailDetail,
    Entry,
    EntryKind,
    Stage,
)
from sr_tui.core.clock import FixedClock

#: 09:30 in Beijing on Wednesday 2 December 2026 (01:30 UTC).
T0 = datetime(2026, 12, 2, 9, 30, tzinfo=timezone(timedelta(hours=8)))

ATTACHMENT = Attachment(
    path="/home/ann/cases/订单错误截图.zip", name="订单错误截图.zip", size=48213, sha256="ab" * 32
)


def full_case(clock: FixedClock, number: str = "SR 3-41234567", **fields) -> Case:
    """A case with every field of CASES.md §2 set to something other than its default."""
    now = clock.now()
    values = {
        "sr_number": number,
        "customer_name": "王波",
        "issue_summary": "the NFS hang on app01",
        "items": ["sosreport from app01", "output of `nfsstat -m`"],
    }
    defaults = dict(
        title="Orders cannot be submitted: 连接超时",
        requester="王波",
        company="Acme 物流",
        contact="wang.bo@example.com / +86 21 5555 0100",
        submitted_at=now - timedelta(minutes=15),
        accepted_at=now,
        urgency="high",
        urgency_reason="核心业务无法使用",
        scenario="urgent",
        area="data_security",
        priority="high",
        description="Order module times out since 09:00; restarting the browser did not help.",
        attachments=(ATTACHMENT,),
        assignee="Ann Lee",
        status="accepted",
        keywords=("OA登录", "connection pool", "100%"),
        resolution="Raised the pool size.",
        root_cause="Database connection pool exhausted.",
        knowledge=True,
        values=values,
    )
    defaults.update(fields)
    return Case.new(number, now=now, **defaults)


def a_case(clock: FixedClock, number: str = "SR 3-1", **fields) -> Case:
    return Case.new(number, now=clock.now(), **fields)


def email_entry(number: str, clock: FixedClock, template_id: str = "B1", **kw) -> Entry:
    detail = EmailDetail(
        template_id=template_id,
        subject=f"{number} Request for more information",
        body="Hi 王波,\n\nPlease send:\n- the sosreport\n\nBest regards,\nAnn\nCore Support",
        channel=kw.pop("channel", Channel.COPY),
        errors=0,
        warnings=2,
        suggestions=1,
        promise=kw.pop("promise", clock.now() + timedelta(hours=4)),
        promise_text="4 business hours",
    )
    return Entry.new(
        number,
        EntryKind.EMAIL,
        at=kw.pop("at", clock.now()),
        stage=kw.pop("stage", Stage.DIAGNOSIS),
        author="Ann Lee",
        detail=detail,
        **kw,
    )


def entry_of_kind(kind: EntryKind, number: str, clock: FixedClock) -> Entry:
    """An entry of each kind a caller may append (status entries come from set_status)."""
    if kind is EntryKind.EMAIL:
        return email_entry(number, clock)  # no action text: exports describe it
    detail = ATTACHMENT if kind is EntryKind.ATTACHMENT else None
    return Entry.new(
        number,
        kind,
        at=clock.now(),
        stage=Stage.INITIAL_RESPONSE,
        author="Ann Lee",
        action=f"{kind} logged",
        notes="客户表示影响当日订单处理",
        detail=detail,
    )
