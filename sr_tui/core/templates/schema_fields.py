"""Validating a template's fields: each field table, and the template's list of fields."""

from __future__ import annotations

import re
from pathlib import Path

from sr_tui.core.templates.catalog import LoadError
from sr_tui.core.templates.model import FIELD_KINDS, Field
from sr_tui.core.templates.schema_text import _key_line, _line_of, _suggest, _text_problem

_FIELD_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")

FIELD_KEYS = (
    "label",
    "label_zh",
    "help",
    "help_zh",
    "kind",
    "placeholder",
    "suggestions",
    "choices",
    "example",
    "optional",
    "source",
)


class FieldsMixin:
    """The Loader's field checks (`fields.toml` tables and a template's [field.<id>])."""

    def _field(
        self, path: Path, text: str, fid: str, table: object, base: Field | None
    ) -> Field | None:
        line = _line_of(text, f"[{fid}]") or _line_of(text, f"[field.{fid}]")

        def bad(message: str) -> None:
            self.errors.append(LoadError(path, f"field '{fid}': {message}", line))

        if not _FIELD_ID.fullmatch(fid):
            bad("ids are snake_case: lower-case letters, digits and _")
            return None
        if not isinstance(table, dict):
            bad("must be a table")
            return None
        unknown = [k for k in table if k not in FIELD_KEYS]
        if unknown:
            bad(f"unknown key '{unknown[0]}'" + _suggest(unknown[0], FIELD_KEYS))
            return None
        kind = table.get("kind", base.kind if base else "text")
        if kind not in FIELD_KINDS:
            bad(f"unknown kind '{kind}' (kinds: {', '.join(FIELD_KINDS)})")
            return None
        label = table.get("label", base.label if base else None)
        if not isinstance(label, str) or not label:
            bad("needs a label")
            return None
        placeholder = table.get("placeholder", base.placeholder if base else f"[{label}]")
        if kind == "list":
            if isinstance(placeholder, str):
                placeholder = (placeholder,)
            if not isinstance(placeholder, list | tuple) or not all(
                isinstance(p, str) for p in placeholder
            ):
                bad("placeholder of a list field must be a string or a list of strings")
                return None
            placeholder = tuple(placeholder)
        elif not isinstance(placeholder, str):
            bad('placeholder must be a string (a list only for kind = "list")')
            return None
        for key in ("suggestions", "choices"):
            value = table.get(key, ())
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                bad(f"{key} must be a list of strings")
                return None
        for key in ("label_zh", "help", "help_zh"):
            if key in table and not isinstance(table[key], str):
                bad(f"{key} must be a string")
                return None
        if "optional" in table and not isinstance(table["optional"], bool):
            bad("optional must be true or false")
            return None
        example = table.get("example", base.example if base else "")
        if not isinstance(example, str) and not (
            isinstance(example, list | tuple) and all(isinstance(e, str) for e in example)
        ):
            bad("example must be a string or a list of strings")
            return None
        texts = [("label", label), ("placeholder", placeholder)]
        extra = ("label_zh", "help", "help_zh", "suggestions", "choices", "example")
        texts += [(k, table[k]) for k in extra if k in table]
        for key, value in texts:
            problem = _text_problem(key, value)
            if problem:
                bad(problem)
                return None
        if kind == "choice" and not table.get("choices", base.choices if base else ()):
            bad('kind = "choice" needs choices')
            return None
        source = table.get("source", base.source if base else "case")
        if source not in ("case", "email", "settings"):
            bad('source must be "case", "email" or "settings"')
            return None
        if isinstance(example, list):
            example = tuple(example)
        return Field(
            id=fid,
            label=label,
            label_zh=str(table.get("label_zh", base.label_zh if base else label)),
            help=str(table.get("help", base.help if base else "")),
            help_zh=str(table.get("help_zh", base.help_zh if base else "")),
            kind=kind,
            placeholder=placeholder,
            suggestions=tuple(table.get("suggestions", base.suggestions if base else ())),
            choices=tuple(table.get("choices", base.choices if base else ())),
            example=example,
            optional=bool(table.get("optional", base.optional if base else False)),
            source=source,
        )

    def _template_fields(self, path: Path, text: str, data: dict) -> list[Field] | None:
        local = data.get("field", {})
        if not isinstance(local, dict):
            self.errors.append(
                LoadError(path, "'field' must be tables: [field.<id>]", _key_line(text, "field"))
            )
            return None
        ok = True
        fields: list[Field] = []
        for fid in data["fields"]:
            if fid in local:
                made = self._field(path, text, fid, local[fid], base=self.fields.get(fid))
            elif fid in self.fields:
                made = self.fields[fid]
            else:
                self.errors.append(
                    LoadError(
                        path,
                        f"field '{fid}' is not defined in fields.toml or a [field.{fid}] table"
                        + _suggest(fid, list(self.fields)),
                        _key_line(text, "fields"),
                    )
                )
                made = None
            if made is None:
                ok = False
            else:
                fields.append(made)
        for fid in local:
            if fid not in data["fields"]:
                self.errors.append(
                    LoadError(
                        path,
                        f"[field.{fid}] is defined but '{fid}' is not in fields",
                        _line_of(text, f"[field.{fid}]"),
                    )
                )
                ok = False
        if len(set(data["fields"])) != len(data["fields"]):
            self.errors.append(
                LoadError(path, "a field is listed twice in fields", _key_line(text, "fields"))
            )
            ok = False
        return fields if ok else None
