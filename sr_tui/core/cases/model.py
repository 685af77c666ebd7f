"""The case record (seed 001's request record, CASES.md §2) and its timeline (the process
record, §3), as plain frozen dataclasses.

Every datetime is timezone-aware (a naive one is a `ValueError`): the store keeps UTC and
hands back UTC; show them with `.astimezone(calendar_tz)`. Enum fields accept their string
values too (`status="closed"`), so records read from JSON or typed by hand need no casts.
`Case.values` is a plain dict: treat it as read-only and `replace()` the case to change it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

#: Template field values of a case: text, or a list of texts (B1's items).
FieldValues = dict[str, str | list[str]]


class Status(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    WAITING_CUSTOMER = "waiting_customer"
    WAITING_DEVELOPMENT = "waiting_development"  # on development or the vendor
    AWAITING_CONFIRMATION = "awaiting_confirmation"  # resolved, awaiting confirmation
    CLOSED = "closed"


class CloseReason(StrEnum):
    CONFIRMED = "confirmed"
    NO_RESPONSE = "no_response"
    INACTIVITY = "inactivity"
    OUT_OF_SCOPE = "out_of_scope"


class Urgency(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Scenario(StrEnum):
    INTERNAL = "internal"
    CUSTOMER = "customer"
    CROSS_DEPARTMENT = "cross-department"
    URGENT = "urgent"


class EntryKind(StrEnum):
    EMAIL = "email"
    NOTE = "note"
    CALL = "call"
    CUSTOMER_REPLIED = "customer_replied"
    STATUS = "status"
    ATTACHMENT = "attachment"


class Stage(StrEnum):
    """处理阶段, the seed's steps 2–6."""

    INITIAL_RESPONSE = "initial_response"
    DIAGNOSIS = "diagnosis"
    SOLUTION = "solution"
    VERIFICATION = "verification"
    ARCHIVE = "archive"


class Channel(StrEnum):
    """How an email went out; `logged` means written down by hand after the fact."""

    COPY = "copy"
    EML = "eml"
    MAILTO = "mailto"
    LOGGED = "logged"


#: The technical areas of seed 001 step 2; the list is a setting, `Case.area` is free text.
DEFAULT_AREAS = ("software", "hardware", "network", "data_security")


def require_aware(name: str, value: datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be a timezone-aware datetime, not {value!r}")


def _coerce(obj: object, name: str, kind: type) -> None:
    value = getattr(obj, name)
    if value is not None and not isinstance(value, kind):
        object.__setattr__(obj, name, kind(value))


@dataclass(frozen=True)
class Attachment:
    """A reference to a file (never its content): where it was, and how to recognise it."""

    path: str
    name: str
    size: int
    sha256: str


_CASE_TIMES = ("submitted_at", "accepted_at", "created_at", "updated_at", "last_activity_at")


@dataclass(frozen=True, kw_only=True)
class Case:
    number: str  # empty: the store generates one (TS20261202001)
    title: str = ""
    requester: str = ""
    company: str = ""
    contact: str = ""
    submitted_at: datetime
    accepted_at: datetime | None = None
    urgency: Urgency = Urgency.MEDIUM
    urgency_reason: str = ""
    scenario: Scenario = Scenario.CUSTOMER
    area: str = ""
    priority: Priority = Priority.MEDIUM
    description: str = ""
    attachments: tuple[Attachment, ...] = ()
    assignee: str = ""
    status: Status = Status.NEW
    close_reason: CloseReason | None = None
    keywords: tuple[str, ...] = ()
    resolution: str = ""
    root_cause: str = ""
    knowledge: bool = False
    values: FieldValues = field(default_factory=dict)
    created_at: datetime
    # Kept by the store: who saved last, when, the latest entry's time, the save count.
    updated_at: datetime
    updated_by: str = ""
    last_activity_at: datetime
    version: int = 1

    def __post_init__(self) -> None:
        for name, kind in (
            ("urgency", Urgency),
            ("scenario", Scenario),
            ("priority", Priority),
            ("status", Status),
            ("close_reason", CloseReason),
        ):
            _coerce(self, name, kind)
        object.__setattr__(self, "keywords", tuple(self.keywords))
        object.__setattr__(self, "attachments", tuple(self.attachments))
        for name in _CASE_TIMES:
            require_aware(name, getattr(self, name))

    @classmethod
    def new(cls, number: str = "", *, now: datetime, **fields: Any) -> Case:
        """A case submitted, created and last active `now` (unless `fields` say otherwise)."""
        for name in ("submitted_at", "created_at", "updated_at", "last_activity_at"):
            fields.setdefault(name, now)
        return cls(number=number, **fields)

    @property
    def is_open(self) -> bool:
        return self.status is not Status.CLOSED


@dataclass(frozen=True, kw_only=True)
class CaseSummary:
    """A case as the case list shows it: no long texts, no values, so a list of 200 costs
    the same whatever was pasted into the cases' descriptions."""

    number: str
    title: str
    requester: str
    company: str
    status: Status
    close_reason: CloseReason | None
    urgency: Urgency
    scenario: Scenario
    priority: Priority
    area: str
    assignee: str
    submitted_at: datetime
    last_activity_at: datetime
    version: int

    @classmethod
    def of(cls, case: Case) -> CaseSummary:
        return cls(**{name: getattr(case, name) for name in cls.__dataclass_fields__})

    @property
    def is_open(self) -> bool:
        return self.status is not Status.CLOSED


#: The fields a user edits (everything but the store's bookkeeping).
EDITABLE_FIELDS = tuple(
    f.name
    for f in fields(Case)
    if f.name not in {"created_at", "updated_at", "updated_by", "last_activity_at", "version"}
)


@dataclass(frozen=True, kw_only=True)
class EmailDetail:
    """An email as it went out: every copy, .eml and mailto of a case's email writes one."""

    template_id: str
    subject: str
    body: str
    channel: Channel
    errors: int = 0
    warnings: int = 0
    suggestions: int = 0
    promise: datetime | None = None  # the due time the email promised (timeframe, ETA)
    promise_text: str = ""  # the words of the promise: "4 business hours"

    def __post_init__(self) -> None:
        _coerce(self, "channel", Channel)
        require_aware("promise", self.promise)


@dataclass(frozen=True, kw_only=True)
class StatusDetail:
    from_status: Status
    to_status: Status
    reason: CloseReason | None = None

    def __post_init__(self) -> None:
        _coerce(self, "from_status", Status)
        _coerce(self, "to_status", Status)
        _coerce(self, "reason", CloseReason)


Detail = EmailDetail | StatusDetail | Attachment | None

#: The detail each kind carries; kinds not listed carry none.
DETAIL_TYPES: dict[EntryKind, type] = {
    EntryKind.EMAIL: EmailDetail,
    EntryKind.STATUS: StatusDetail,
    EntryKind.ATTACHMENT: Attachment,
}


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One line of a case's timeline (技术支持解决过程记录表). Entries are never edited."""

    id: str  # UUID4: the key that makes imports idempotent
    case_number: str
    at: datetime
    kind: EntryKind
    stage: Stage
    author: str = ""  # 负责人
    action: str = ""  # 操作内容; empty: exports describe the entry from its detail
    notes: str = ""  # 备注
    detail: Detail = None

    def __post_init__(self) -> None:
        _coerce(self, "kind", EntryKind)
        _coerce(self, "stage", Stage)
        require_aware("at", self.at)
        expected = DETAIL_TYPES.get(self.kind)
        if (expected is None) != (self.detail is None) or (
            expected is not None and not isinstance(self.detail, expected)
        ):
            wanted = expected.__name__ if expected else "no detail"
            raise ValueError(f"a {self.kind} entry carries {wanted}, not {self.detail!r}")

    @classmethod
    def new(
        cls, case_number: str, kind: EntryKind | str, *, at: datetime, stage: Stage | str, **kw: Any
    ) -> Entry:
        """A new entry with a fresh UUID."""
        return cls(
            id=str(uuid.uuid4()),
            case_number=case_number,
            at=at,
            kind=EntryKind(kind),
            stage=Stage(stage),
            **kw,
        )

    @property
    def email(self) -> EmailDetail | None:
        return self.detail if isinstance(self.detail, EmailDetail) else None

    @property
    def status_change(self) -> StatusDetail | None:
        return self.detail if isinstance(self.detail, StatusDetail) else None

    @property
    def attachment(self) -> Attachment | None:
        return self.detail if isinstance(self.detail, Attachment) else None
