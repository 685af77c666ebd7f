"""Reading and validating template files: `categories.toml`, `fields.toml` and one file
per template. Every problem becomes a `LoadError` with file, line and reason.
The field checks are in `schema_fields`, the text helpers in `schema_text`."""

from __future__ import annotations

import re
from pathlib import Path

from sr_tui.core.files import exists
from sr_tui.core.templates.catalog import (
    CATEGORIES_FILE,
    FIELDS_FILE,
    SHARED_FILES,
    Catalog,
    FolderProblem,
    LoadError,
    toml_names,
)
from sr_tui.core.templates.catalog_cache import CatalogCache, shared_fingerprint
from sr_tui.core.templates.model import MAX_TEMPLATE_CHARS, Category, Field, Template
from sr_tui.core.templates.parse_cache import ParseCache, jinja_environment, used_variables
from sr_tui.core.templates.schema_fields import FieldsMixin
from sr_tui.core.templates.schema_text import _id_key, _key_line, _line_of, _suggest, _text_problem
from sr_tui.core.tomlfile import read_toml

MAX_FILE_BYTES = 256 * 1024

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
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


class Loader(FieldsMixin):
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
        for name in toml_names(directory):
            if name in SHARED_FILES:
                continue
            path = directory / name
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

    # -- validation (the field checks are in schema_fields) ----------------------------

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
