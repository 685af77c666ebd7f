"""What every command shares: exit statuses, usage errors, the settings and the catalog
(the same `template_dirs()` the app uses), template and field lookup, `--set`/`--values`."""

from __future__ import annotations

import enum
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sr_tui.core.errors import SrTuiError

if TYPE_CHECKING:  # the catalog pulls in Jinja2 only on a cache miss; keep --help light
    from sr_tui.core.settings import LoadedSettings, Settings
    from sr_tui.core.templates.catalog import Catalog
    from sr_tui.core.templates.model import Template, Values  # `sr-tui lint` needs neither


class ExitStatus(enum.IntEnum):
    OK = 0
    #: Something the user should look at: lint errors, a copy that fell back to a file.
    PROBLEMS = 1
    #: The command line itself is wrong (unknown id, bad --set, missing file).
    USAGE = 2
    #: sr-tui itself failed (a bug): a short message on stderr, never exit 0.
    INTERNAL_ERROR = 70  # EX_SOFTWARE in sysexits.h
    #: Stopped with ctrl+c.
    INTERRUPTED = 130


class TerminalSafe:
    """A text stream that writes control characters escaped (`\\u001b`, valid in JSON
    strings too), so nothing sr-tui prints can retitle, recolour or clear the terminal.
    Bytes written to `.buffer` (an .eml on standard output) pass unchanged. `escaped`
    counts the writes that held any."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self.escaped = 0

    def write(self, text: str) -> int:
        from sr_tui.core.safe_text import escape_controls, has_controls

        if has_controls(text):
            self.escaped += 1
            text = escape_controls(text)
        return self._stream.write(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class UsageError(SrTuiError):
    """A mistake in what the user asked for: printed as `sr-tui: error: ...`, exit 2."""


def loaded_settings(report: bool = True) -> LoadedSettings:
    """The settings file as read (`load_settings`, the one reader); its problems go to
    stderr and defaults fill in."""
    from sr_tui.core.settings import load_settings

    loaded = load_settings()
    if report:
        for problem in loaded.problems:
            print(f"sr-tui: settings: {problem}", file=sys.stderr)
    return loaded


def settings() -> Settings:
    return loaded_settings().settings


def catalog(loaded: LoadedSettings | None = None) -> Catalog:
    """Built-in templates plus the user's (settings `template_dirs`, `SR_TUI_TEMPLATES`).
    A missing folder is named with where it was configured; broken files are counted."""
    from sr_tui.core.templates.catalog import load_user_catalog

    chosen = loaded if loaded is not None else loaded_settings()
    found = load_user_catalog(chosen.settings, chosen.path)
    for warning in catalog_warnings(found):
        print(warning, file=sys.stderr)
    return found


def catalog_warnings(found: Catalog) -> list[str]:
    """What a command says on stderr about the library it loaded."""
    warnings = [f"sr-tui: warning: {problem}" for problem in found.folder_problems]
    if found.file_problems:
        n = len(found.file_problems)
        warnings.append(
            f"sr-tui: warning: {n} template file{'s' if n > 1 else ''} could not be loaded "
            f"and {'were' if n > 1 else 'was'} skipped (see `sr-tui templates check`)"
        )
    return warnings


def template(catalog_in_use: Catalog, template_id: str) -> Template:
    try:
        return catalog_in_use.get(template_id)
    except KeyError:
        close = catalog_in_use.close_matches(template_id)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `sr-tui list` shows them all"
        raise UsageError(f"unknown template '{template_id}'{hint}") from None


def _check_field(form: Template, field_id: str) -> None:
    if field_id in form.field_ids:
        return
    import difflib

    close = difflib.get_close_matches(field_id, form.field_ids, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(
        f"template {form.id} has no field '{field_id}'{hint} (fields: {', '.join(form.field_ids)})"
    )


def collect_values(
    catalog_in_use: Catalog, form: Template, values_file: str | None, sets: Sequence[str]
) -> Values:
    """Values from --values FILE.toml, then each --set FIELD=VALUE on top.

    A values file describes a whole case, so it may hold fields this template does not
    use; those are ignored, but a name that is no field of any template is an error.
    """
    values: Values = {}
    if values_file:
        known = {f.id for t in catalog_in_use.templates for f in t.fields} | set(form.field_ids)
        values.update(_read_values_file(form, values_file, known))
    from_sets: Values = {}
    for item in sets:
        field_id, sep, value = item.partition("=")
        field_id = field_id.strip()
        if not sep or not field_id:
            raise UsageError(f"--set needs FIELD=VALUE, got '{item}'")
        _check_field(form, field_id)
        if form.field(field_id).kind == "list":
            existing = from_sets.setdefault(field_id, [])
            assert isinstance(existing, list)
            existing.append(value)
        else:
            from_sets[field_id] = value
    values.update(from_sets)
    return values


def _read_values_file(form: Template, path_text: str, known: set[str]) -> Values:
    import tomllib
    from pathlib import Path

    from sr_tui.core.files import read_limited
    from sr_tui.core.tomlfile import MAX_TOML_BYTES, parse_toml

    path = Path(path_text).expanduser().resolve()
    try:
        data = parse_toml(read_limited(path, MAX_TOML_BYTES).decode("utf-8"))
    except OSError as exc:  # missing, unreadable, a FIFO or a device, too large
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    values: Values = {}
    for key, value in data.items():
        if key not in form.field_ids:
            if key in known:
                continue
            import difflib

            close = difflib.get_close_matches(key, sorted(known), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UsageError(f"{path}: no template has a field '{key}'{hint}")
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            values[key] = [str(v) for v in value]
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            values[key] = str(value)
        else:
            raise UsageError(f"{path}: '{key}' must be text or a list of text")
    return values


def add_whose(parser, what: str) -> None:
    """`--mine` / `--assignee NAME`: one person's cases instead of the team's."""
    whose = parser.add_mutually_exclusive_group()
    whose.add_argument("--mine", action="store_true", help=f"{what} of the cases assigned to you")
    whose.add_argument(
        "--assignee", metavar="NAME", help=f"{what} of the cases assigned to NAME ('' unassigned)"
    )


def whose(args) -> str | None:
    """The assignee `--mine` / `--assignee` names (None: the team's cases)."""
    from sr_tui.core.cases.team import normalize_name

    if getattr(args, "mine", False):
        name = normalize_name(settings().your_name)
        if not name:
            raise UsageError("--mine needs your_name (sr-tui config set your_name 'Ann Lee')")
        return name
    assignee = getattr(args, "assignee", None)
    return None if assignee is None else normalize_name(assignee)
