"""The `sr-tui` command line. Imports Textual only to launch the app."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sr_tui import __version__
from sr_tui.core.model import LAYOUTS, Template, Values

if TYPE_CHECKING:  # the catalog pulls in Jinja2: `sr-tui lint` and `--help` do without it
    from sr_tui.core.catalog import Catalog

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in what the user asked for: printed as `sr-tui: error: ...`, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors: exit 2, as ours
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sr-tui",
        description="Draft house-style support emails from templates. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"sr-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("list", help="list the templates")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one template: metadata and fields with help")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "render",
        help="render a template to standard output, or hand it to Outlook",
        description="Render a template. With --copy, --eml or --mailto the email is handed "
        "to your mail client instead of printed.",
        epilog="Every template also takes customer_email (--set customer_email=ADDRESS, or "
        "in the --values file): the To of the .eml draft and of the mailto: link. "
        "Several addresses may be separated by commas or semicolons.",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="fill a field (repeat for more; a list field takes one --set per item)",
    )
    p.add_argument("--values", metavar="FILE.toml", help="read field values from a TOML table")
    p.add_argument(
        "--part",
        choices=("all", "subject", "body"),
        default="all",
        help="what to print or --copy (default all: the Subject line, a blank line, the body)",
    )
    p.add_argument(
        "--layout",
        choices=LAYOUTS,
        default=None,
        help="as-written (the default when printing) or flowed (the default for --copy, "
        "--eml and --mailto: the copy_layout setting)",
    )
    handoff = p.add_argument_group("getting the email into Outlook")
    handoff.add_argument(
        "--copy",
        action="store_true",
        help="copy the email (--part) to the system clipboard; without one it is saved "
        "to a file and the command says where (exit 1)",
    )
    handoff.add_argument(
        "--eml",
        metavar="PATH",
        help="write an .eml draft that Outlook opens ready to edit and send: PATH is a "
        "file, a directory (a fresh file name, never overwriting), or - for standard output",
    )
    handoff.add_argument(
        "--mailto",
        action="store_true",
        help="open the email in the mail client with a mailto: link and print the link; "
        "an email too long for one (about 1,900 characters) exits 1: use --eml",
    )
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("templates", help="work with template files")
    tsub = p.add_subparsers(
        dest="templates_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    c = tsub.add_parser("check", help="validate the built-in templates and DIR")
    c.add_argument("dir", nargs="?", metavar="DIR", help="a directory of your own templates")
    c.set_defaults(func=cmd_templates_check)

    _add_optional_commands(sub)
    return parser


def _add_optional_commands(sub) -> None:
    """Subcommands that live in their own modules."""
    from sr_tui import cli_config, cli_lint

    cli_lint.add_parser(sub)
    cli_config.add_parser(sub)


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    args = build_parser().parse_args(argv)
    if getattr(args, "func", None) is None:
        return launch_app()
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"sr-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `sr-tui list | head`
        return EXIT_OK


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(encoding="utf-8")


def launch_app() -> int:
    try:
        from sr_tui.app import run_app
    except ImportError:
        print("sr-tui: the drafting app is not part of this build yet; try `sr-tui --help`.")
        return EXIT_OK
    return run_app()


# -- helpers ----------------------------------------------------------------------


def _settings():
    """The settings in effect; problems with the file go to stderr, defaults fill in."""
    from sr_tui.core.settings import load_settings

    loaded = load_settings()
    for problem in loaded.problems:
        print(f"sr-tui: settings: {problem}", file=sys.stderr)
    return loaded.settings


def template_dirs(settings) -> list:
    """User template directories: settings `template_dirs`, then `SR_TUI_TEMPLATES`."""
    from pathlib import Path

    from sr_tui.core.catalog import user_dirs_from_env

    return [Path(d).expanduser() for d in settings.template_dirs] + user_dirs_from_env()


def _catalog(settings=None) -> Catalog:
    """Built-in templates plus the user's (settings `template_dirs`, `SR_TUI_TEMPLATES`)."""
    from sr_tui.core.catalog import load_catalog

    catalog = load_catalog(template_dirs(settings if settings is not None else _settings()))
    if catalog.errors:
        n = len(catalog.errors)
        print(
            f"sr-tui: warning: {n} template problem{'s' if n > 1 else ''}; "
            "those files were skipped (see `sr-tui templates check`)",
            file=sys.stderr,
        )
    return catalog


def _template(catalog: Catalog, template_id: str) -> Template:
    try:
        return catalog.get(template_id)
    except KeyError:
        close = catalog.close_matches(template_id)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `sr-tui list` shows them all"
        raise UsageError(f"unknown template '{template_id}'{hint}") from None


def _check_field(template: Template, field_id: str) -> None:
    if field_id in template.field_ids:
        return
    import difflib

    close = difflib.get_close_matches(field_id, template.field_ids, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(
        f"template {template.id} has no field '{field_id}'{hint} "
        f"(fields: {', '.join(template.field_ids)})"
    )


def collect_values(
    catalog: Catalog, template: Template, values_file: str | None, sets: Sequence[str]
) -> Values:
    """Values from --values FILE.toml, then each --set FIELD=VALUE on top.

    A values file describes a whole case, so it may hold fields this template does not
    use; those are ignored, but a name that is no field of any template is an error.
    """
    values: Values = {}
    if values_file:
        known = {f.id for t in catalog.templates for f in t.fields}
        values.update(_read_values_file(template, values_file, known))
    from_sets: Values = {}
    for item in sets:
        field_id, sep, value = item.partition("=")
        field_id = field_id.strip()
        if not sep or not field_id:
            raise UsageError(f"--set needs FIELD=VALUE, got '{item}'")
        _check_field(template, field_id)
        if template.field(field_id).kind == "list":
            existing = from_sets.setdefault(field_id, [])
            assert isinstance(existing, list)
            existing.append(value)
        else:
            from_sets[field_id] = value
    values.update(from_sets)
    return values


def _read_values_file(template: Template, path_text: str, known: set[str]) -> Values:
    import tomllib
    from pathlib import Path

    path = Path(path_text).expanduser().resolve()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    values: Values = {}
    for key, value in data.items():
        if key not in template.field_ids:
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


# -- commands ---------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    catalog = _catalog()
    if args.json:
        rows = [
            {
                "id": t.id,
                "category": t.category,
                "title": t.title,
                "title_zh": t.title_zh,
                "scenario": t.scenario,
                "scenario_zh": t.scenario_zh,
                "when": t.when,
                "when_zh": t.when_zh,
                "fields": list(t.field_ids),
            }
            for t in catalog.templates
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for category in catalog.categories:
        templates = catalog.in_category(category.id)
        if not templates:
            continue
        print(f"{category.id}  {category.title} · {category.title_zh}")
        for t in templates:
            print(f"  {t.id:<4} {t.title} · {t.title_zh} — {t.scenario}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    catalog = _catalog()
    t = _template(catalog, args.id)
    category = catalog.category(t.category)
    lines = [
        f"{t.id}  {t.title} · {t.title_zh}",
        f"Category:  {category.id} {category.title} · {category.title_zh}",
        f"Scenario:  {t.scenario} · {t.scenario_zh}",
        f"When:      {t.when}",
        f"           {t.when_zh}",
        f"Keywords:  {', '.join(t.keywords)}",
        f"File:      {t.path}" if t.path else "",
        "",
        "Fields:",
    ]
    for f in t.fields:
        flags = [f.kind]
        if f.optional:
            flags.append("optional")
        if f.source == "settings":
            flags.append("from settings")
        lines.append(f"  {f.id:<26} {f.label} · {f.label_zh}  ({', '.join(flags)})")
        if f.help:
            lines.append(f"  {'':<26} {f.help}")
        if f.suggestions:
            lines.append(f"  {'':<26} suggestions: {'; '.join(f.suggestions)}")
    print("\n".join(line for line in lines if line is not None))
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from sr_tui.core.render import RenderError, render

    settings = _settings()
    catalog = _catalog(settings)
    template = _template(catalog, args.id)
    handing_off = bool(args.copy or args.mailto or args.eml is not None)
    form = template
    if handing_off or args.values or args.sets:
        form = _with_customer_email(template)
    values = {**settings.signature(), **collect_values(catalog, form, args.values, args.sets)}
    layout = args.layout or (settings.copy_layout if handing_off else "as-written")
    try:
        email = render(template, values, layout=layout)
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    if not handing_off:
        print(email.part(args.part))
        return EXIT_OK
    return _hand_off(args, email, values, layout)


def _with_customer_email(template: Template) -> Template:
    """`template` with `customer_email` among its fields: every template takes the
    recipient, which no template's text uses (it is the To of --eml and --mailto)."""
    from dataclasses import replace

    from sr_tui.core.handoff import CUSTOMER_EMAIL

    if CUSTOMER_EMAIL.id in template.field_ids:
        return template
    return replace(template, fields=(*template.fields, CUSTOMER_EMAIL))


def _hand_off(args: argparse.Namespace, email, values: Values, layout) -> int:
    """--eml, then --copy, then --mailto (the same helpers as the app); the exit status is
    the worst of them."""
    from sr_tui.core import handoff

    try:
        handoff.recipients(values)  # a bad address stops everything before anything is done
    except handoff.HandoffError as exc:
        raise UsageError(str(exc)) from None
    status = EXIT_OK
    if args.eml is not None:
        status = max(status, _render_eml(args.eml, email, values, layout))
    if args.copy:
        status = max(status, _render_copy(email.part(args.part)))
    if args.mailto:
        outcome = handoff.open_in_mail_client(email, values, layout=layout)
        if outcome.too_long:
            print(f"sr-tui: {outcome.reason} (--eml PATH)", file=sys.stderr)
            status = max(status, EXIT_PROBLEMS)
        elif outcome.opened:
            print(outcome.url)
            print("Opened in the mail client.", file=sys.stderr)
        else:
            print(outcome.url)
            print(f"sr-tui: could not open the mail client: {outcome.reason}", file=sys.stderr)
            status = max(status, EXIT_PROBLEMS)
    return status


def _render_eml(target: str, email, values: Values, layout) -> int:
    import os
    from pathlib import Path

    from sr_tui.core import handoff

    if target == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(handoff.eml_bytes(email, values, layout=layout))
        sys.stdout.buffer.flush()
        return EXIT_OK
    path = Path(target).expanduser()
    try:
        if path.is_dir() or target.endswith(("/", os.sep)):
            written = handoff.export_eml(email, path, values, layout=layout)
        else:
            if not path.parent.is_dir():
                raise UsageError(f"cannot write {path.resolve()}: its directory does not exist")
            written = handoff.write_eml(email, path, values, layout=layout)
    except (OSError, handoff.HandoffError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"sr-tui: error: cannot write the .eml draft to {path}: {reason}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(written)
    return EXIT_OK


def _render_copy(text: str) -> int:
    from sr_tui.core import clipboard

    outcome = clipboard.copy_text(text, system=clipboard.detect_system_clipboard())
    if outcome.method == "system":
        print("Copied to the clipboard.", file=sys.stderr)
        if outcome.note:
            print(f"sr-tui: note: {outcome.note}", file=sys.stderr)
        return EXIT_OK
    if outcome.method == "file":
        print(f"No clipboard: saved to {outcome.file} ({outcome.reason})", file=sys.stderr)
    else:
        print(f"sr-tui: error: could not copy: {outcome.reason}", file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_templates_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sr_tui.core.catalog import load_catalog, template_files

    user_dirs = None
    if args.dir:
        directory = Path(args.dir).expanduser().resolve()
        if not directory.is_dir():
            raise UsageError(f"{directory} is not a directory")
        user_dirs = [directory]
    catalog = load_catalog(user_dirs if user_dirs is not None else template_dirs(_settings()))
    for error in catalog.errors:
        print(error)
    checked = len(catalog.templates)
    if args.dir:
        checked = len(list(template_files(Path(args.dir).expanduser().resolve())))
    problems = len(catalog.errors) + _lint_templates(catalog, user_dirs)
    summary = f"{checked} template file{'s' if checked != 1 else ''} checked, "
    summary += f"{problems} problem{'s' if problems != 1 else ''}" if problems else "all good"
    print(summary)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _lint_templates(catalog: Catalog, user_dirs) -> int:
    """Lint each template's unfilled text in template mode (its own placeholders are
    expected there); print errors and warnings; return the number of errors."""
    from sr_tui.core.lint import lint
    from sr_tui.core.render import RenderError, render

    errors = 0
    for template in catalog.templates:
        if user_dirs and not any(
            template.path and template.path.is_relative_to(d) for d in user_dirs
        ):
            continue  # with DIR, judge the user's files; built-ins have their own tests
        try:
            email = render(template)
        except RenderError as exc:
            print(f"{template.path}: {exc}")
            errors += 1
            continue
        for finding in lint(email.text, mode="template"):
            if finding.severity == "suggestion":
                continue
            errors += finding.severity == "error"
            print(
                f"{template.path}: {template.id} email {finding.line}:{finding.column}: "
                f"{finding.severity} {finding.rule} {finding.message}"
            )
    return errors
