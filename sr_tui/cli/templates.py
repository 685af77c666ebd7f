"""`sr-tui list`, `sr-tui show ID`, `sr-tui templates check [DIR]`: the template library."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import TYPE_CHECKING

from sr_tui.cli import common
from sr_tui.cli.common import ExitStatus, UsageError

if TYPE_CHECKING:
    from sr_tui.core.templates.catalog import Catalog


def add_parser(sub) -> None:
    p = sub.add_parser("list", help="list the templates")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one template: metadata and fields with help")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("templates", help="work with template files")
    tsub = p.add_subparsers(
        dest="templates_command", metavar="ACTION", required=True, parser_class=type(p)
    )
    c = tsub.add_parser("check", help="validate the built-in templates and DIR")
    c.add_argument("dir", nargs="?", metavar="DIR", help="a directory of your own templates")
    c.set_defaults(func=cmd_templates_check)


def cmd_list(args: argparse.Namespace) -> int:
    if args.json:
        print(_listing_json())
        return ExitStatus.OK
    catalog = common.catalog()
    from sr_tui.workspace import with_extra_fields

    for category in catalog.categories:
        templates = catalog.in_category(category.id)
        if not templates:
            continue
        print(f"{category.id}  {category.title} · {category.title_zh}")
        for t in templates:
            print(f"  {t.id:<4} {t.title} · {t.title_zh}")
            print(f"       Scenario: {t.scenario} · {t.scenario_zh}")
            if t.when:
                print(f"       When:     {t.when}")
            print(f"       Fields:   {', '.join(with_extra_fields(t).field_ids)}")
    return ExitStatus.OK


def _listing_json() -> str:
    """The `list --json` text: kept from the last listing when no template file, folder
    or loading code changed since (`listing_cache.py`), else made from the catalog."""
    from sr_tui.core.templates import listing_cache
    from sr_tui.core.templates.catalog import builtin_dir, template_dir_origins, template_dirs

    loaded = common.loaded_settings()
    dirs = [builtin_dir(), *template_dirs(loaded.settings)]
    key = listing_cache.library_key(dirs, template_dir_origins(loaded.settings, loaded.path))
    kept = listing_cache.load(key)
    if kept is not None:
        warnings, listing = kept
    else:
        from sr_tui.core.templates.catalog import load_user_catalog

        catalog = load_user_catalog(loaded.settings, loaded.path)
        warnings = common.catalog_warnings(catalog)
        listing = json.dumps(
            [_listing_row(t) for t in catalog.templates], ensure_ascii=False, indent=2
        )
        listing_cache.save(key, warnings, listing)
    for warning in warnings:
        print(warning, file=sys.stderr)
    return listing


def _listing_row(t) -> dict:
    return {
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


def cmd_show(args: argparse.Namespace) -> int:
    from sr_tui.workspace import with_extra_fields

    catalog = common.catalog()
    t = common.template(catalog, args.id)
    form = with_extra_fields(t)  # what --set takes: customer_email too
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
    for f in form.fields:
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
    lines += [
        "",
        "Subject:   " + t.subject,
        "",
        "Body ({{ field }} is where a value goes; an optional field left empty adds nothing):",
        "",
        t.body.rstrip("\n"),
    ]
    print("\n".join(line for line in lines if line is not None))
    return ExitStatus.OK


def cmd_templates_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sr_tui.core.templates.catalog import load_catalog, load_user_catalog, template_files

    user_dirs = None
    if args.dir:
        directory = Path(args.dir).expanduser().resolve()
        if not directory.is_dir():
            raise UsageError(f"{directory} is not a directory")
        user_dirs = [directory]
        catalog = load_catalog(user_dirs, use_cache=False)  # check means every file
    else:
        loaded = common.loaded_settings()
        catalog = load_user_catalog(loaded.settings, loaded.path, use_cache=False)
    for error in catalog.errors:
        print(error)
    checked = len(catalog.templates)
    if args.dir:
        checked = len(list(template_files(Path(args.dir).expanduser().resolve())))
    problems = len(catalog.errors) + _lint_templates(catalog, user_dirs)
    problems += _check_next_steps(catalog, user_dirs)
    summary = f"{checked} template file{'s' if checked != 1 else ''} checked, "
    summary += f"{problems} problem{'s' if problems != 1 else ''}" if problems else "all good"
    print(summary)
    return ExitStatus.PROBLEMS if problems else ExitStatus.OK


def _check_next_steps(catalog: Catalog, user_dirs) -> int:
    """The move table in effect (DIR's next-steps.toml when it has one): unknown template
    ids, bad durations. Prints each problem; returns how many."""
    from sr_tui.core.cases.next_steps_table import check_steps, steps_path
    from sr_tui.core.templates.catalog import template_dirs

    dirs = user_dirs if user_dirs is not None else template_dirs(common.settings())
    path = steps_path(dirs)
    problems = check_steps(path, {t.id for t in catalog.templates})
    for problem in problems:
        print(problem)
    return len(problems)


def _lint_templates(catalog: Catalog, user_dirs) -> int:
    """Lint each template's unfilled text in template mode (its own placeholders are
    expected there); print errors and warnings; return the number of errors."""
    from sr_tui.core.lint import lint
    from sr_tui.core.templates.render import RenderError, render

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
        source = _source_text(template.path)
        for finding in lint(email.text, mode="template"):
            if finding.severity == "suggestion":
                continue
            errors += finding.severity == "error"
            line, column = source_position(source, email.text, finding)
            print(
                f"{template.path}:{line}:{column}: "
                f"{finding.severity} {finding.rule} {finding.message}"
            )
    return errors


def _source_text(path) -> str:
    try:
        return path.read_text(encoding="utf-8") if path else ""
    except (OSError, UnicodeDecodeError):
        return ""


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def source_position(source: str, email_text: str, finding) -> tuple[int, int]:
    """Where a finding on a template's rendered email sits in the template's file:
    (line, column), both from 1. The rendered line is matched to the line of the
    `subject` or `body` string it came from (the flagged text, else the closest line);
    the key's own line when nothing matches."""
    lines = source.split("\n")
    rendered = email_text.split("\n")
    shown = rendered[finding.line - 1] if 0 < finding.line <= len(rendered) else ""
    key = "subject" if finding.line == 1 else "body"
    m = re.search(rf"(?m)^\s*{key}\s*=", source)
    if m is None:
        return 1, 1
    first = source.count("\n", 0, m.start()) + 1
    candidates = [first]
    opening = lines[first - 1]
    for quote in ("'''", '"""'):
        if opening.count(quote) == 1:  # a multi-line string: up to its closing quotes
            end = next(
                (n for n in range(first + 1, len(lines) + 1) if quote in lines[n - 1]),
                len(lines),
            )
            candidates = list(range(first, end + 1))
            break
    import difflib

    best, best_score, best_column = first, -1.0, 1
    want = shown.strip()
    for n in candidates:
        text = lines[n - 1]
        at = text.find(finding.match) if finding.match else -1
        plain = _JINJA.sub("", text).strip()
        score = difflib.SequenceMatcher(None, plain, want).ratio() + (1.0 if at >= 0 else 0.0)
        if score > best_score:
            best, best_score, best_column = n, score, (at + 1 if at >= 0 else 1)
    return best, best_column
