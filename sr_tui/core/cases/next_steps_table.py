"""The move table (`next-steps.toml`): its `Step`s, where it is, reading and checking it.

The format is described at the top of `templates/next-steps.toml`. `load_steps(user_dirs)`
reads the built-in table, or the last user template directory's `next-steps.toml` (it
replaces the built-in one as a whole); `check_steps` lists the problems of a table
(unknown template ids, bad durations).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sr_tui.core.cases.model import EntryKind, Status
from sr_tui.core.cases.sla_policy import SlaPolicy
from sr_tui.core.tomlfile import FileProblem, read_toml

FILE_NAME = "next-steps.toml"
SPECIAL_WAITS = ("promise", "announced")
FILL_SOURCES = ("outstanding", "days_to_close")
STEP_KEYS = ("after", "suggest", "wait", "from", "ends", "reason", "reason_zh", "fill", "status")
_DURATION = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s+(business\s+days?|business\s+hours?|days?|hours?|minutes?)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Step:
    after: tuple[str, ...]
    suggest: str
    wait: str
    origin: str = "email"  # "email" or "activity"
    ends: tuple[str, ...] = ()
    reason: str = ""
    fill: Mapping[str, str] = field(default_factory=dict)
    statuses: tuple[Status, ...] = ()
    line: int | None = None
    reason_zh: str = ""  # `reason` for the Chinese screens (else `reason` is shown)


def builtin_path() -> Path:
    from sr_tui.core.templates.catalog import builtin_dir

    return builtin_dir() / FILE_NAME


def steps_path(user_dirs: Sequence[Path] = ()) -> Path:
    """The table in effect: the last user directory holding one, else the built-in."""
    for d in reversed(list(user_dirs)):
        candidate = Path(d).expanduser() / FILE_NAME
        if candidate.is_file():
            return candidate
    return builtin_path()


def load_steps(
    user_dirs: Sequence[Path] = (),
    *,
    path: Path | None = None,
    known_templates: Collection[str] | None = None,
    policy: SlaPolicy | None = None,
) -> tuple[list[Step], list[FileProblem]]:
    """The steps of the table in effect and its problems (bad steps are skipped)."""
    path = path or steps_path(user_dirs)
    table, text, problem = read_toml(path)
    if table is None:
        return [], [problem] if problem else []
    return _steps(path, text, table, known_templates, policy or SlaPolicy())


def check_steps(
    path: Path, known_templates: Collection[str], policy: SlaPolicy | None = None
) -> list[FileProblem]:
    return load_steps(path=path, known_templates=known_templates, policy=policy)[1]


def _line(text: str, index: int) -> int | None:
    found = [m.start() for m in re.finditer(r"(?m)^\s*\[\[step\]\]", text)]
    return text.count("\n", 0, found[index]) + 1 if index < len(found) else None


def _steps(
    path: Path,
    text: str,
    table: Mapping[str, Any],
    known: Collection[str] | None,
    policy: SlaPolicy,
) -> tuple[list[Step], list[FileProblem]]:
    problems: list[FileProblem] = []
    steps: list[Step] = []
    for key in table:
        if key != "step":
            problems.append(FileProblem(path, f"unknown key '{key}' (the table is [[step]])", None))
    raw = table.get("step", [])
    if not isinstance(raw, list):
        return [], [*problems, FileProblem(path, "'step' must be an array of tables", None)]
    for i, item in enumerate(raw):
        line = _line(text, i)

        def bad(reason: str, line: int | None = line, n: int = i + 1) -> None:
            problems.append(FileProblem(path, f"step {n}: {reason}", line))

        if not isinstance(item, dict):
            bad("must be a table")
            continue
        for key in item:
            if key not in STEP_KEYS:
                bad(f"unknown key '{key}' (keys: {', '.join(STEP_KEYS)})")
        after = item.get("after")
        if isinstance(after, str):
            after = [after]
        suggest = item.get("suggest")
        wait = item.get("wait")
        if not isinstance(after, list) or not after or not all(isinstance(a, str) for a in after):
            bad("'after' must list template ids (or \"*\")")
            continue
        if not isinstance(suggest, str) or not suggest.strip():
            bad("'suggest' must be a template id")
            continue
        bad_wait = not isinstance(wait, str) or wait_amount(wait, policy) is None
        if bad_wait:
            bad(
                f"'wait' = {wait!r} is not a duration ('2 business days', '14 days'), "
                "an [sla] setting or one of promise, announced"
            )
        ids = [a.strip().upper() for a in after]
        ends = item.get("ends", [])
        if not isinstance(ends, list) or not all(isinstance(e, str) for e in ends):
            bad("'ends' must list entry kinds or template ids")
            ends = []
        kinds = {k.value for k in EntryKind}
        ends_ids = [e.strip() if e.strip() in kinds else e.strip().upper() for e in ends]
        if known is not None:
            for tid in [*ids, suggest.strip().upper(), *ends_ids]:
                if tid != "*" and tid not in kinds and tid not in known:
                    bad(f"unknown template id '{tid}'")
        if bad_wait or not isinstance(wait, str):
            continue
        fill = item.get("fill", {})
        if not isinstance(fill, dict) or not all(v in FILL_SOURCES for v in fill.values()):
            bad(f"'fill' values must be one of {', '.join(FILL_SOURCES)}")
            fill = {}
        origin = item.get("from", "email")
        if origin not in ("email", "activity"):
            bad("'from' must be email or activity")
            origin = "email"
        statuses: list[Status] = []
        for s in item.get("status", []) or []:
            try:
                statuses.append(Status(s))
            except ValueError:
                bad(f"unknown status '{s}'")
        reason = item.get("reason", "")
        reason_zh = item.get("reason_zh", "")
        steps.append(
            Step(
                tuple(ids),
                suggest.strip().upper(),
                wait.strip(),
                origin,
                tuple(ends_ids),
                reason if isinstance(reason, str) else "",
                dict(fill),
                tuple(statuses),
                line,
                reason_zh if isinstance(reason_zh, str) else "",
            )
        )
    return steps, problems


# -- time ----------------------------------------------------------------------------


def wait_amount(wait: str, policy: SlaPolicy) -> tuple[str, float] | None:
    """(unit, amount) of a wait: unit business_day, business_hour, day, hour, minute, or
    the special waits; None when it is not one."""
    w = wait.strip()
    if w in SPECIAL_WAITS:
        return w, 0
    try:
        amount = policy.value(w)
    except KeyError:
        m = _DURATION.match(w)
        if m is None:
            return None
        amount, words = float(m.group(1)), m.group(2).lower()
        unit = ("business_" if words.startswith("business") else "") + words.split()[-1]
        return unit.rstrip("s"), amount
    for suffix, unit in (
        ("_business_days", "business_day"),
        ("_business_hours", "business_hour"),
        ("_days", "day"),
        ("_minutes", "minute"),
    ):
        if w.endswith(suffix):
            return unit, amount
    return None
