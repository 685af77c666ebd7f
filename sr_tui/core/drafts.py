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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sr_tui.core.atomic import atomic_write_text
from sr_tui.core.clock import Clock, SystemClock
from sr_tui.core.templates.model import Values
from sr_tui.core.templates.render import is_filled

MAX_RECENT = 10
#: The draft format: 2 holds only typed values and may hold an edited email. Files without
#: a format (written before) also hold the signature the form echoed from settings.
FORMAT = 2


@dataclass(frozen=True)
class Draft:
    template_id: str | None
    values: Values = field(default_factory=dict)
    saved_at: datetime = field(default_factory=lambda: SystemClock().now())
    #: The whole email as the user finished it in place, and the template it belongs to.
    edited_text: str | None = None
    edited_template: str | None = None
    #: False for a draft written before format 2 (its signature values are echoes).
    typed_only: bool = True

    @property
    def has_content(self) -> bool:
        return any(is_filled(v) for v in self.values.values()) or bool(self.edited_text)

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
        case = f" for {self.sr_number}" if self.sr_number else ""
        return f"{what}{case} from {self.when(now)}"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "template_id": self.template_id,
            "values": self.values,
            "saved_at": self.saved_at.isoformat(),
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
        return cls(template_id, values, saved_at, edited_text, edited_template, typed_only)


class DraftStore:
    def __init__(self, directory: Path, clock: Clock | None = None) -> None:
        self.directory = directory
        self.clock: Clock = clock or SystemClock()
        self.current_path = directory / "draft.json"
        self.recent_path = directory / "recent-cases.json"
        self.usage_path = directory / "usage.json"
        self.state_path = directory / "state.json"
        #: Problems met while reading, for the app to show once.
        self.problems: list[str] = []

    # -- reading -----------------------------------------------------------------

    def _read(self, path: Path) -> Any:
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._set_aside(path, exc)
            return None

    def _set_aside(self, path: Path, exc: Exception) -> None:
        aside = path.with_name(
            f"{path.stem}-unreadable-{self.clock.now():%Y%m%d-%H%M%S}{path.suffix}"
        )
        try:
            path.rename(aside)
            self.problems.append(f"{path} could not be read ({exc}); it was kept as {aside}")
        except OSError:
            self.problems.append(f"{path} could not be read ({exc})")

    def load_current(self) -> Draft | None:
        data = self._read(self.current_path)
        if data is None:
            return None
        try:
            return Draft.from_json(data)
        except ValueError as exc:
            self._set_aside(self.current_path, exc)
            return None

    def recent(self) -> list[Draft]:
        data = self._read(self.recent_path)
        drafts = []
        for item in data if isinstance(data, list) else []:
            try:
                drafts.append(Draft.from_json(item))
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
