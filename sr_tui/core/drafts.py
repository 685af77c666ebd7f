"""Crash-safe drafts: the open template and every value, plus recent cases and usage.

Files in the data dir (all JSON, all written atomically):
- `draft.json`: the case being written now; saved within a second of every change. It
  holds the values typed for the case (never the signature from settings) and, when the
  user finished the email in place, that edited text and the template it was made on.
- `recent-cases.json`: the cases put aside by "new case", newest first, to reopen.
- `usage.json`: how often and when each template was opened (the picker's empty query).
- `state.json`: small flags, such as "the first-run question was asked".

A file that cannot be parsed is moved aside (never deleted) and reported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sr_tui.core.atomic import atomic_write_text
from sr_tui.core.clock import Clock, SystemClock
from sr_tui.core.templates.model import MAX_VALUE_CHARS, Value, Values, is_filled

MAX_RECENT = 10
#: The draft format: 2 holds only typed values and may hold an edited email. Files without
#: a format (written before) also hold the signature the form echoed from settings.
FORMAT = 2
#: Where a case record keeps the email finished in place: `_edited_email@B2`.
EDITED_KEY = "_edited_email"


@dataclass(frozen=True)
class Draft:
    """The email being written on a case: the template open and the values typed (the
    signature from settings is not among them), and the number of its case once the case
    store has it."""

    template_id: str | None
    values: Values = field(default_factory=dict)
    saved_at: datetime = field(default_factory=lambda: SystemClock().now())
    number: str = ""
    #: The whole email as the user finished it in place, and the template it belongs to.
    edited_text: str | None = None
    edited_template: str | None = None
    #: False for a draft written before format 2 (its signature values are echoes).
    typed_only: bool = True

    @property
    def has_content(self) -> bool:
        return any(is_filled(v) for v in self.values.values()) or bool(self.edited_text)

    def record_values(self) -> Values:
        """The values as the case record keeps them: the typed values and, under
        `EDITED_KEY@TEMPLATE`, the email finished in place (so a reopened case has it)."""
        values = dict(self.values)
        if self.edited_text is not None and self.edited_template:
            values[f"{EDITED_KEY}@{self.edited_template}"] = self.edited_text
        return values

    def with_record_values(self, values: Values) -> Draft:
        """This draft holding a case record's values (see `record_values`)."""
        typed: dict[str, Value] = {}
        edited_text = edited_template = None
        for key, value in values.items():
            name, _, template_id = key.partition("@")
            if name == EDITED_KEY and template_id and isinstance(value, str):
                edited_text, edited_template = value, template_id
            else:
                typed[key] = value
        return replace(self, values=typed, edited_text=edited_text, edited_template=edited_template)

    @property
    def sr_number(self) -> str:
        value = self.values.get("sr_number", "")
        return value.strip() if isinstance(value, str) else ""

    def when(self, now: datetime | None = None) -> str:
        """When it was saved: `10:42`, with the day (`01 Dec 10:42`) if not the day of `now`."""
        stamp = self.saved_at.astimezone()
        today = (now or SystemClock().now()).astimezone().date()
        return stamp.strftime("%H:%M") if stamp.date() == today else stamp.strftime("%d %b %H:%M")

    def describe(self, now: datetime | None = None) -> str:
        """`B2 draft for SR 3-1234567 from 10:42` (the day too if not the day of `now`)."""
        what = f"{self.template_id} draft" if self.template_id else "draft"
        number = self.sr_number or self.number
        case = f" for {number}" if number else ""
        return f"{what}{case} from {self.when(now)}"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            # A draft of the old format stays one (its signature values are echoes).
            **({"format": FORMAT} if self.typed_only else {}),
            "template_id": self.template_id,
            "values": self.values,
            "saved_at": self.saved_at.isoformat(),
            **({"case_number": self.number} if self.number else {}),
        }
        if self.edited_text is not None:
            data["edited"] = {"template_id": self.edited_template, "text": self.edited_text}
        return data

    @classmethod
    def from_json(cls, data: Any) -> Draft:
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        template_id = data.get("template_id")
        if template_id is not None and not isinstance(template_id, str):
            raise ValueError("template_id must be text")
        values: Values = {}
        raw = data.get("values", {})
        if not isinstance(raw, dict):
            raise ValueError("values must be an object")
        for key, value in raw.items():
            if isinstance(value, str):
                values[str(key)] = value
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                values[str(key)] = list(value)
        try:
            saved_at = datetime.fromisoformat(str(data.get("saved_at")))
        except ValueError:
            saved_at = SystemClock().now()
        edited_text = edited_template = None
        edited = data.get("edited")
        if isinstance(edited, dict) and isinstance(edited.get("text"), str):
            edited_text = edited["text"]
            edited_template = edited.get("template_id")
            if not isinstance(edited_template, str):
                edited_template = template_id
        typed_only = isinstance(data.get("format"), int) and data["format"] >= FORMAT
        number = data.get("case_number", "")
        return cls(
            template_id,
            values,
            saved_at,
            number if isinstance(number, str) else "",
            edited_text,
            edited_template,
            typed_only,
        )


def on_case(draft: Draft, case: Any, typed: Values) -> Draft:
    """`draft` holding a stored case's values with `typed` over them (the command line's
    `--set`); the email finished in place is kept only if nothing typed changes a value."""
    base = draft.with_record_values(case.values)
    values = {**base.values, **typed}
    values.setdefault("sr_number", case.number)
    if values == base.values:
        return base
    return replace(base, values=values, edited_text=None, edited_template=None)


#: The largest state file read back (draft.json, recent-cases.json ...): a draft of ten
#: fields at the render limit of 100,000 characters each is about 3 MB of JSON.
MAX_STATE_BYTES = 8 * 1024 * 1024
#: The most items a restored list field keeps (B1's list of requested items).
MAX_LIST_ITEMS = 1000


class DraftStore:
    def __init__(
        self,
        directory: Path,
        clock: Clock | None = None,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.directory = directory
        self.clock: Clock = clock or SystemClock()
        self.current_path = directory / "draft.json"
        self.recent_path = directory / "recent-cases.json"
        self.usage_path = directory / "usage.json"
        self.state_path = directory / "state.json"
        #: Problems met while reading, until someone listens (`on_problem`).
        self.problems: list[str] = []
        #: Called with each problem as it is met (the app shows it as a notice).
        self.on_problem = on_problem

    def _problem(self, message: str) -> None:
        if self.on_problem is not None:
            self.on_problem(message)
        else:
            self.problems.append(message)

    # -- reading -----------------------------------------------------------------

    def _read(self, path: Path) -> Any:
        """The JSON in `path`; None when there is none. A file that cannot be parsed,
        or is too large, or is not a regular file is moved aside and reported."""
        from sr_tui.core.files import RefusedFile, read_limited

        try:
            data = read_limited(path, MAX_STATE_BYTES)
        except FileNotFoundError:
            return None
        except RefusedFile as exc:  # a FIFO, a directory, 50 MB: not ours to read
            self._set_aside(path, exc.strerror, "was not read")
            return None
        except OSError as exc:  # unreadable, or the data dir is a file: leave it be
            if not isinstance(exc, NotADirectoryError):
                self._problem(f"{path} could not be read ({exc.strerror or exc})")
            return None
        try:
            return json.loads(data.decode("utf-8"))
        except RecursionError:
            self._set_aside(path, "nested too deeply")
        except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
            self._set_aside(path, str(exc))
        return None

    def _aside_path(self, path: Path, why: str) -> Path:
        return path.with_name(f"{path.stem}-{why}-{self.clock.now():%Y%m%d-%H%M%S}{path.suffix}")

    def _set_aside(self, path: Path, reason: object, what: str = "could not be read") -> None:
        aside = self._aside_path(path, "unreadable")
        try:
            path.rename(aside)
            self._problem(f"{path} {what} ({reason}); it was kept as {aside}")
        except OSError:
            self._problem(f"{path} {what} ({reason})")

    def load_current(self) -> Draft | None:
        data = self._read(self.current_path)
        if data is None:
            return None
        try:
            draft = Draft.from_json(data)
        except ValueError as exc:
            self._set_aside(self.current_path, exc)
            return None
        cut, notes = _within_limits(draft)
        if notes:
            aside = self._aside_path(self.current_path, "cut")
            try:
                self.current_path.rename(aside)
                self.save_current(cut)
                kept = f"the whole draft is kept as {aside}"
            except OSError as exc:
                kept = f"the whole draft is still in {self.current_path} ({exc.strerror or exc})"
            self._problem(f"{self.current_path}: {'; '.join(notes)}; {kept}")
        return cut

    def recent(self) -> list[Draft]:
        data = self._read(self.recent_path)
        drafts = []
        for item in data if isinstance(data, list) else []:
            try:
                drafts.append(_within_limits(Draft.from_json(item))[0])
            except ValueError:
                continue
        return drafts

    def usage(self) -> dict[str, dict[str, Any]]:
        data = self._read(self.usage_path)
        if not isinstance(data, dict):
            return {}
        return {
            k: v
            for k, v in data.items()
            if isinstance(v, dict)
            and isinstance(v.get("count"), int)
            and isinstance(v.get("last"), str)
        }

    # -- writing -----------------------------------------------------------------

    def _write(self, path: Path, data: Any) -> None:
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1))

    def save_current(self, draft: Draft) -> None:
        self._write(self.current_path, draft.to_json())

    def archive_current(self, draft: Draft) -> None:
        """Put `draft` at the top of the recent cases (if it holds anything)."""
        if not draft.has_content:
            return
        recent = [
            d
            for d in self.recent()
            if (d.values, d.edited_text) != (draft.values, draft.edited_text)
        ]
        recent.insert(0, draft)
        self._write(self.recent_path, [d.to_json() for d in recent[:MAX_RECENT]])

    def take_recent(self, index: int) -> Draft:
        """Remove and return a recent case (to reopen it)."""
        recent = self.recent()
        draft = recent.pop(index)
        self._write(self.recent_path, [d.to_json() for d in recent])
        return draft

    def flag(self, name: str) -> bool:
        data = self._read(self.state_path)
        return isinstance(data, dict) and data.get(name) is True

    def set_flag(self, name: str) -> None:
        data = self._read(self.state_path)
        data = data if isinstance(data, dict) else {}
        data[name] = True
        self._write(self.state_path, data)

    def record_use(self, template_id: str) -> None:
        usage = self.usage()
        entry = usage.get(template_id, {"count": 0, "last": ""})
        usage[template_id] = {
            "count": entry["count"] + 1,
            "last": self.clock.now().isoformat(),
        }
        self._write(self.usage_path, usage)

    def preferred_templates(self, recent: int = 3, frequent: int = 3) -> list[str]:
        """Template ids for the top of the picker: the last used, then the most used."""
        usage = self.usage()
        by_last = sorted(usage, key=lambda t: usage[t]["last"], reverse=True)
        by_count = sorted(usage, key=lambda t: (-usage[t]["count"], t))
        out = by_last[:recent]
        out += [t for t in by_count if t not in out][:frequent]
        return out


def _within_limits(draft: Draft) -> tuple[Draft, list[str]]:
    """`draft` with each value cut to what the renderer takes (`MAX_VALUE_CHARS`, at most
    `MAX_LIST_ITEMS` items), and what was cut, in words."""
    values: Values = {}
    notes: list[str] = []
    for key, value in draft.values.items():
        if isinstance(value, list):
            items = value
            if len(items) > MAX_LIST_ITEMS:
                notes.append(
                    f"'{key}' had {len(items):,} items; the first {MAX_LIST_ITEMS:,} were restored"
                )
                items = items[:MAX_LIST_ITEMS]
            if any(len(v) > MAX_VALUE_CHARS for v in items):
                notes.append(f"items of '{key}' were cut to {MAX_VALUE_CHARS:,} characters")
                items = [v[:MAX_VALUE_CHARS] for v in items]
            values[key] = list(items)
        elif len(value) > MAX_VALUE_CHARS:
            notes.append(
                f"the value of '{key}' was {len(value):,} characters; "
                f"the first {MAX_VALUE_CHARS:,} were restored"
            )
            values[key] = value[:MAX_VALUE_CHARS]
        else:
            values[key] = value
    return (replace(draft, values=values) if notes else draft), notes
