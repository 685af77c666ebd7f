"""The SLA's terms: what meets each clock, what each allows (`SlaPolicy`), the `Deadline`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sr_tui.core.cases.model import Status

#: Template ids that ask the customer for something (B2 chases them).
REQUESTS = frozenset({"B1", "B3", "B4", "B5", "B6", "B7"})
#: Emails that show the problem was located (or handed on): the diagnosis clock is met.
LOCATED = frozenset({"C1", "H2", "H4", "D1", "D3", "E1", "E2"})
#: A note's `action` that marks the case's information complete / the problem located.
COMPLETE_ACTION = "information complete"
DIAGNOSED_ACTION = "diagnosed"
#: Statuses that mean the problem was located.
LOCATED_STATUSES = frozenset(
    {Status.WAITING_DEVELOPMENT, Status.AWAITING_CONFIRMATION, Status.CLOSED}
)

KINDS = ("urgent_contact", "acknowledge", "complete", "diagnosis", "promise", "chase")
#: The template that answers each clock (None: a phone call).
ANSWER: dict[str, str | None] = {
    "urgent_contact": None,
    "acknowledge": "A1",
    "complete": "B1",
    "diagnosis": "C1",
    "promise": "A2",
    "chase": "B2",
}
_ZERO = timedelta(0)


class PolicyError(ValueError):
    """A bad `[sla]` table."""


@dataclass(frozen=True)
class SlaPolicy:
    """The `[sla]` settings table; the defaults are seed 001's."""

    urgent_contact_minutes: int = 15
    acknowledge_business_hours: float = 2
    complete_business_days: int = 1
    diagnosis_business_hours: float = 2
    #: §5: B2 this many business days after a request, D2 after B2, E4 after D2
    #: (the default "[X]" D2 announces).
    chase_business_days: int = 2
    warn_business_days: int = 3
    close_business_days: int = 3
    #: E3 only after this many calendar days without activity.
    inactivity_days: int = 14
    #: D4 keeps a case open this long before E1/E2 is suggested.
    monitoring_business_days: int = 5
    #: H3 this often while development works.
    development_update_days: int = 7
    #: A clock with at most this share of its time left shows as "near".
    near_fraction: float = 0.2

    @classmethod
    def from_table(cls, table: Mapping[str, Any] | None) -> tuple[SlaPolicy, list[str]]:
        """The policy from a settings table, and a reason for each bad entry (skipped)."""
        good: dict[str, Any] = {}
        problems: list[str] = []
        types = {f.name: f.type for f in fields(cls)}
        for key, value in (table or {}).items():
            if key not in types:
                import difflib

                close = difflib.get_close_matches(key, list(types), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(f"[sla] unknown key '{key}'{hint}")
                continue
            whole = types[key] == "int"
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"[sla] '{key}' must be a number, got {value!r}")
                continue
            if whole and value != int(value):
                problems.append(f"[sla] '{key}' must be a whole number, got {value!r}")
                continue
            if value < 0 or (key == "near_fraction" and value > 1):
                problems.append(f"[sla] '{key}' is out of range: {value!r}")
                continue
            good[key] = int(value) if whole else float(value)
        return cls(**good), problems

    def value(self, key: str) -> float:
        """A policy number by name (next-steps.toml refers to them)."""
        if key not in {f.name for f in fields(self)}:
            raise KeyError(key)
        return getattr(self, key)


@dataclass(frozen=True)
class Deadline:
    """One clock of a case. `left` is business time (calendar time for the urgent call)
    from now to `due` (negative once overdue); for a met clock, from `met_at` to `due`."""

    kind: str
    due: datetime
    met_at: datetime | None = None
    paused: bool = False
    breached: bool = False
    left: timedelta = _ZERO
    started: datetime | None = None
    length: timedelta = _ZERO  # the clock's full time, for "within 20% of the clock"
    entry_id: str = ""  # the timeline entry that started it
    source: str = ""  # what started it: "submitted", "accepted", a template id
    reason: str = ""  # e.g. "promised 4 business hours in A1"
    reason_zh: str = ""  # the same for the Chinese screens: "A1 中承诺 4 business hours"

    @property
    def open(self) -> bool:
        return self.met_at is None

    @property
    def template_id(self) -> str | None:
        return ANSWER.get(self.kind)

    def near(self, fraction: float) -> bool:
        return self.length > _ZERO and self.left <= self.length * fraction
