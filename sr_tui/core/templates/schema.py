"""Reading and validating template files: `categories.toml`, `fields.toml` and one file
per template. Every problem becomes a `LoadError` with file, line and reason."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sr_tui.core.files import exists
from sr_tui.core.safe_text import controls_in
from sr_tui.core.templates.catalog import (
    CATEGORIES_FILE,
    FIELDS_FILE,
    SHARED_FILES,
    Catalog,
    FolderProblem,
    LoadError,
)
from sr_tui.core.templates.catalog_cache import CatalogCache, shared_fingerprint
from sr_tui.core.templates.model import FIELD_KINDS, MAX_TEMPLATE_CHARS, Category, Field, Template
from sr_tui.core.templates.parse_cache import ParseCache, jinja_environment, used_variables
from sr_tui.core.tomlfile import read_toml

MAX_FILE_BYTES = 256 * 1024

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_FIELD_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")

TEMPLATE_REQUIRED = ("id", "category", "title", "fields", "subject", "body")
TEMPLATE_OPTIONAL = (
    "title_zh",
    "when",
    "when_zh",
    "scenario",
    "scenario_zh",
    "keywords",
    "field",
)
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


class Loader:
    def __init__(self, parse_cache: ParseCache, catalog_cache: CatalogCache | None = None) -> None:
        self.parse_cache = parse_cache
        self.catalog_cache = catalog_cache or CatalogCache.disabled()
        self.errors: list[LoadError] = []
        self.categories: dict[str, Category] = {}
        self.fields: dict[str, Field] = {}
        self.templates: dict[str, Template] = {}

    def catalog(self) -> Catalog:
        templates = tuple(
            sorted(self.templates.values(), key=lambda t: (t.category, _id_key(t.id)))
        )
        categories = tuple(sorted(self.categories.values(), key=lambda c: c.id))
        return Catalog(categories, templates, tuple(self.errors), dict(self.fields))

    # -- files ---------------------------------------------------------------------

    def _read(self, path: Path) -> tuple[dict | None, str]:
        data, text, problem = read_toml(path, MAX_FILE_BYTES)
        if problem:
            self.errors.append(problem)
        return data, text

    def load_shared(self, directory: Path, origin: str | None = None) -> None:
        if not directory.is_dir():
            what = "is not a folder" if exists(directory) else "does not exist"
            where = f" (set in {origin})" if origin else ""
            self.errors.append(FolderProblem(directory, f"template folder {what}{where}"))
            return
        for name, load in ((CATEGORIES_FILE, self._categories), (FIELDS_FILE, self._fields)):
            path = directory / name
            if exists(path):  # a FIFO or a directory by that name is reported, not skipped
                self._guarded(path, load)

    def _guarded(self, path: Path, load) -> object:
        """`load(path)`, with anything unexpected it raises a problem of that file: one
        broken file never stops the others from loading."""
        try:
            return load(path)
        except RecursionError:
            self.errors.append(LoadError(path, "cannot load: nested too deeply"))
        except Exception as exc:
            self.errors.append(LoadError(path, f"cannot load: {type(exc).__name__}: {exc}"))
        return None

    def _categories(self, path: Path) -> None:
        data, text = self._read(path)
        for cid, table in (data or {}).items():
            line = _line_of(text, f"[{cid}]")
            if not isinstance(table, dict) or not isinstance(table.get("title"), str):
                self.errors.append(LoadError(path, f"category '{cid}' needs a title", line))
                continue
            title_zh = table.get("title_zh", table["title"])
            problem = (
                _text_problem("the id", cid)
                or _text_problem("title", table["title"])
                or _text_problem("title_zh", title_zh)
                or (None if isinstance(title_zh, str) else "title_zh must be a string")
            )
            if problem:
                self.errors.append(LoadError(path, f"category '{cid}': {problem}", line))
                continue
            self.categories[cid] = Category(cid, table["title"], title_zh)

    def _fields(self, path: Path) -> None:
        data, text = self._read(path)
        for fid, table in (data or {}).items():
            made = self._field(path, text, fid, table, base=None)
            if made:
                self.fields[fid] = made

    def load_templates(self, directory: Path) -> None:
        if not directory.is_dir():
            return
        seen: dict[str, Path] = {}
        shared = shared_fingerprint(self.categories, self.fields)
        # By name (one folder): Path's own ordering costs more than a warm load's rest.
        for path in sorted(directory.glob("*.toml"), key=lambda p: p.name):
            if path.name in SHARED_FILES:
                continue
            template = self.catalog_cache.get(path, shared)
            if template is None:
                template = self._guarded(path, self._template)
                if template is None:
                    continue
                self.catalog_cache.put(path, shared, template)
            if template.id in seen:
                self.errors.append(
                    LoadError(
                        path, f"id '{template.id}' is already used by {seen[template.id].name}"
                    )
                )
                continue
            seen[template.id] = path
            self.templates[template.id] = template

    # -- validation ----------------------------------------------------------------

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

    def _template(self, path: Path) -> Template | None:
        data, text = self._read(path)
        if data is None:
            return None
        errors_before = len(self.errors)

        def bad(message: str, line: int | None = None) -> None:
            self.errors.append(LoadError(path, message, line))

        missing = [k for k in TEMPLATE_REQUIRED if k not in data]
        if missing:
            bad(f"missing required key{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
        for key in data:
            if key not in TEMPLATE_REQUIRED and key not in TEMPLATE_OPTIONAL:
                bad(
                    f"unknown key '{key}'" + _suggest(key, TEMPLATE_REQUIRED + TEMPLATE_OPTIONAL),
                    _key_line(text, key),
                )
        for key in ("id", "category", "title", "subject", "body", *TEMPLATE_OPTIONAL[:5]):
            if key in data and not isinstance(data[key], str):
                bad(f"'{key}' must be a string", _key_line(text, key))
        for key in ("fields", "keywords"):
            if key in data and not (
                isinstance(data[key], list) and all(isinstance(v, str) for v in data[key])
            ):
                bad(f"'{key}' must be a list of strings", _key_line(text, key))
        if len(self.errors) > errors_before:
            return None
        for key in ("category", "title", *TEMPLATE_OPTIONAL[:5], "keywords"):
            problem = _text_problem(f"'{key}'", data.get(key, ""))
            if problem:
                bad(problem, _key_line(text, key))
        if len(self.errors) > errors_before:
            return None

        tid = data["id"]
        if not _ID.fullmatch(tid):
            bad(
                f"id '{tid}' must be letters, digits, '-' or '_' (at most 32)",
                _key_line(text, "id"),
            )
        if data["category"] not in self.categories:
            known = ", ".join(sorted(self.categories))
            bad(
                f"unknown category '{data['category']}' (categories: {known})",
                _key_line(text, "category"),
            )
        fields = self._template_fields(path, text, data)
        body = data["body"].removesuffix("\n")
        used_in_subject = self._check_jinja(path, text, "subject", data["subject"])
        used_in_body = self._check_jinja(path, text, "body", body)
        if fields is None or used_in_subject is None or used_in_body is None:
            return None
        if len(self.errors) > errors_before:
            return None
        used = used_in_subject | used_in_body
        declared = [f.id for f in fields]
        for name in sorted(used - set(declared)):
            bad(
                f"uses {{{{ {name} }}}} but '{name}' is not in fields" + _suggest(name, declared),
                _line_of(text, name, after=_key_line(text, "subject")),
            )
        for name in declared:
            if name not in used:
                bad(
                    f"field '{name}' is listed in fields but not used in subject or body",
                    _key_line(text, "fields"),
                )
        if len(self.errors) > errors_before:
            return None
        return Template(
            id=tid,
            category=data["category"],
            title=data["title"],
            title_zh=data.get("title_zh", data["title"]),
            when=data.get("when", ""),
            when_zh=data.get("when_zh", ""),
            scenario=data.get("scenario", data["title"]),
            scenario_zh=data.get("scenario_zh", data.get("title_zh", "")),
            keywords=tuple(data.get("keywords", ())),
            fields=tuple(fields),
            subject=data["subject"],
            body=body,
            path=path,
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

    def _check_jinja(self, path: Path, text: str, key: str, source: str) -> set[str] | None:
        if len(source) > MAX_TEMPLATE_CHARS:
            self.errors.append(
                LoadError(path, f"{key} is larger than {MAX_TEMPLATE_CHARS:,} characters")
            )
            return None
        cached = self.parse_cache.get(source)
        if cached is not None:
            return cached
        from jinja2 import TemplateSyntaxError

        try:
            ast = jinja_environment().parse(source)
        except TemplateSyntaxError as exc:
            start = _key_line(text, key)
            line = None
            if start and exc.lineno:
                # A body written as '''<newline>... starts on the line after the key.
                opens_block = re.search(rf"(?m)^{key}\s*=\s*('''|\"\"\")\s*$", text) is not None
                line = start + exc.lineno - (0 if opens_block else 1)
            self.errors.append(LoadError(path, f"Jinja syntax error in {key}: {exc.message}", line))
            return None
        except RecursionError:
            self.errors.append(LoadError(path, f"{key} nests too deeply for Jinja to parse"))
            return None
        used = used_variables(ast)
        self.parse_cache.put(source, used)
        return used


def _text_problem(key: str, value: object) -> str | None:
    """Why a template's text (a title, a label, a list of keywords) cannot be shown as it
    is: control characters, which a terminal would obey."""
    values = value if isinstance(value, list | tuple) else [value]
    found = [c for v in values if isinstance(v, str) for c in controls_in(v)]
    if found:
        return f"{key} holds control characters ({', '.join(dict.fromkeys(found))})"
    return None


def _id_key(template_id: str) -> tuple[str, int, str]:
    m = re.fullmatch(r"([A-Za-z]+)(\d+)(.*)", template_id)
    return (m.group(1), int(m.group(2)), m.group(3)) if m else (template_id, 0, "")


def _suggest(word: str, options: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _key_line(text: str, key: str) -> int | None:
    m = re.search(rf"(?m)^\s*{re.escape(key)}\s*=", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _line_of(text: str, needle: str, after: int | None = None) -> int | None:
    start = 0
    if after:
        start = sum(len(line) + 1 for line in text.split("\n")[: after - 1])
    index = text.find(needle, start)
    return text.count("\n", 0, index) + 1 if index >= 0 else None
