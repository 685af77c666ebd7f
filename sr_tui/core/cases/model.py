"""The case record (seed 001's request record, CASES.md §2) and its timeline (the process
record, §3), as plain frozen dataclasses.

Every datetime is timezone-aware (a naive one is a `ValueError`): the store keeps UTC and
hands back UTC; show them with `.astimezone(calendar_tz)`. Enum fields accept their string
values too (`status="closed"`), so records read from JSON or typed by hand need no casts.
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
        for name in ("submitted_at", "accepted_at", "created_at", "updated_at"):
            require_aware(name, getattr(self, name))
        require_aware("last_activity_at", self.last_activity_at)

    @classmethod
    def new(cls, number: str = "", *, now: datetime, **fields: Any) -> Case:
        """A case submitted and created `now` (unless `submitted_at` says otherwise)."""
        fields.setdefault("submitted_at", now)
        return cls(number=number, created_at=now, updated_at=now, last_activity_at=now, **fields)

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


# -- what a template or a status implies ---------------------------------------------

#: The status sending a template moves its case to (with the close reason, for E*).
TEMPLATE_STATUS: dict[str, tuple[Status, CloseReason | None]] = {
    "A1": (Status.ACCEPTED, None),
    **{t: (Status.WAITING_CUSTOMER, None) for t in ("B1", "B3", "B4", "B5", "B6", "B7")},
    "H2": (Status.WAITING_DEVELOPMENT, None),
    "D1": (Status.AWAITING_CONFIRMATION, None),
    "E1": (Status.CLOSED, CloseReason.CONFIRMED),  # Issue resolved
    "E2": (Status.CLOSED, CloseReason.CONFIRMED),  # Resolved with a reference document
    "E3": (Status.CLOSED, CloseReason.INACTIVITY),  # Close for inactivity
    "E4": (Status.CLOSED, CloseReason.NO_RESPONSE),  # Close after no response
}

#: The process stage an email of each category usually belongs to (the user may change it).
CATEGORY_STAGE: dict[str, Stage] = {
    "A": Stage.INITIAL_RESPONSE,
    "B": Stage.DIAGNOSIS,
    "C": Stage.DIAGNOSIS,
    "D": Stage.VERIFICATION,
    "E": Stage.ARCHIVE,
    "F": Stage.ARCHIVE,
    "G": Stage.INITIAL_RESPONSE,
    "H": Stage.SOLUTION,
}

STATUS_STAGE: dict[Status, Stage] = {
    Status.NEW: Stage.INITIAL_RESPONSE,
    Status.ACCEPTED: Stage.INITIAL_RESPONSE,
    Status.IN_PROGRESS: Stage.DIAGNOSIS,
    Status.WAITING_CUSTOMER: Stage.DIAGNOSIS,
    Status.WAITING_DEVELOPMENT: Stage.SOLUTION,
    Status.AWAITING_CONFIRMATION: Stage.VERIFICATION,
    Status.CLOSED: Stage.ARCHIVE,
}


def suggested_status(template_id: str) -> tuple[Status, CloseReason | None] | None:
    """The status (and close reason) sending `template_id` suggests, or None to stay."""
    return TEMPLATE_STATUS.get(template_id.strip().upper())


def suggested_stage(template_id: str) -> Stage:
    """The stage an email from `template_id` is logged under by default."""
    return CATEGORY_STAGE.get(template_id.strip().upper()[:1], Stage.DIAGNOSIS)


def stage_for_status(status: Status) -> Stage:
    """The stage a status change is logged under by default."""
    return STATUS_STAGE[Status(status)]


def check_status(status: Status, reason: CloseReason | None) -> None:
    """A closed case has a close reason; an open one has none."""
    if Status(status) is Status.CLOSED and reason is None:
        raise ValueError("closing a case needs a close reason")
    if Status(status) is not Status.CLOSED and reason is not None:
        raise ValueError(f"a {status} case has no close reason (got {reason})")
