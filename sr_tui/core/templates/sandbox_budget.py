"""The render's budget: its limits on time, size and loop steps, and the counter that
every sandboxed operation charges."""

from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass, field

from sr_tui.core.errors import SrTuiError


@dataclass(frozen=True)
class Limits:
    #: The longest text one render may print (subject or body), and any one value in it.
    max_chars: int = 1_000_000
    #: All the text a render may make, printed or not (ten times `max_chars`).
    max_total_chars: int = 10_000_000
    #: Loop steps in one render, all loops together.
    max_steps: int = 100_000
    #: Wall-clock seconds one render may take.
    max_seconds: float = 1.0
    #: The largest integer (in bits) arithmetic may make.
    max_int_bits: int = 64 * 1024


DEFAULT_LIMITS = Limits()


class RenderLimit(SrTuiError, ValueError):
    """A render went past one of its limits; the message says which."""


@dataclass
class Budget:
    limits: Limits
    deadline: float = 0.0
    steps: int = 0
    produced: int = 0
    _started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.deadline = self._started + self.limits.max_seconds

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise RenderLimit(
                f"rendering took longer than {self.limits.max_seconds:g} s "
                "(a loop or macro without bounds?)"
            )

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise RenderLimit(
                f"more than {self.limits.max_steps:,} loop steps (a loop without bounds?)"
            )
        if not self.steps & 0xFF:
            self.check_time()

    def checked(self, value: object) -> object:
        """Refuse a value that is too large to print (nested lists counted in full)."""
        size = _size(value, self.limits.max_chars)
        if size is not None and size > self.limits.max_chars:
            raise RenderLimit(f"a value of more than {self.limits.max_chars:,} characters or items")
        self.check_time()
        return value

    def made(self, value: object) -> object:
        """`checked`, and count the value against the text the render may make."""
        self.checked(value)
        size = _size(value, self.limits.max_chars)
        if size:
            self.produced += size
            if self.produced > self.limits.max_total_chars:
                raise RenderLimit(
                    f"the template made more than {self.limits.max_total_chars:,} "
                    "characters of text"
                )
        return value

    def allow(self, size: int, what: str) -> None:
        """Refuse an operation before it runs when its result would be `size` long."""
        if size > self.limits.max_chars:
            raise RenderLimit(
                f"{what} would make {size:,} characters or items; "
                f"the limit is {self.limits.max_chars:,}"
            )


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "sr_tui_render_budget", default=None
)


def budget() -> Budget:
    """The running render's budget (a fresh default one outside a render: the
    optimizer folds constant filters at compile time)."""
    current = _BUDGET.get()
    return current if current is not None else Budget(DEFAULT_LIMITS)


def start(limits: Limits) -> contextvars.Token:
    return _BUDGET.set(Budget(limits))


def stop(token: contextvars.Token) -> None:
    _BUDGET.reset(token)


_CONTAINERS = (list, tuple, dict, set, frozenset)


def _size(value: object, cap: int) -> int | None:
    """How much printing `value` makes: the length of a string, the number of items of a
    container and everything in it (shared items counted each time they appear, as when
    printed), counted up to just past `cap`. None for anything else."""
    if isinstance(value, str | bytes | bytearray):
        return len(value)
    if not isinstance(value, _CONTAINERS):
        return None
    total = 0
    stack: list[object] = [value]
    while stack and total <= cap:
        item = stack.pop()
        if isinstance(item, str | bytes | bytearray):
            total += len(item)
        elif isinstance(item, _CONTAINERS):
            total += len(item) + 1
            if len(stack) + len(item) > cap:  # too many to look at: too many to print
                return cap + 1
            stack.extend(item.items() if isinstance(item, dict) else item)
        else:
            total += 1
    return total
