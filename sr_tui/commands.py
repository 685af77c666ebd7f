"""The command palette's sr-tui commands (ctrl+p)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from sr_tui.core.safe_text import visible
from sr_tui.i18n import tr
from sr_tui.widgets.plain_text import no_markup


class SrTuiCommands(Provider):
    """Open any template or a recent case, new case, copy email/subject/body, export
    .eml, mail client, settings, language, lint panel, case search, monthly review."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        lang = app.language
        commands: list[tuple[str, object, str]] = [
            (tr("cmd_picker", lang), app.action_picker, tr("cmd_picker_help", lang)),
            (
                tr("cmd_new_case", lang),
                app.action_new_case,
                tr("cmd_new_case_help", lang),
            ),
            (
                tr("cmd_copy_email", lang),
                partial(app.request_handoff, "copy", "all"),
                tr("cmd_copy_email_help", lang),
            ),
            (
                tr("cmd_copy_subject", lang),
                partial(app.request_handoff, "copy", "subject"),
                tr("cmd_copy_subject_help", lang),
            ),
            (
                tr("cmd_copy_body", lang),
                partial(app.request_handoff, "copy", "body"),
                tr("cmd_copy_body_help", lang),
            ),
            (
                tr("cmd_export", lang),
                partial(app.request_handoff, "eml"),
                tr("cmd_export_help", lang),
            ),
            (
                tr("cmd_mail", lang),
                partial(app.request_handoff, "mailto"),
                tr("cmd_mail_help", lang),
            ),
            (tr("cmd_settings", lang), app.action_settings, tr("cmd_settings_help", lang)),
            (tr("cmd_language", lang), app.action_toggle_language, tr("cmd_language_help", lang)),
            (tr("cmd_lint", lang), app.action_toggle_lint, tr("cmd_lint_help", lang)),
            (tr("cases", lang), app.action_cases, tr("cmd_cases_help", lang)),
            (tr("this_case", lang), app.action_this_case, tr("cmd_this_case_help", lang)),
            (tr("cmd_assign", lang), app.action_assign_case, tr("cmd_assign_help", lang)),
            (tr("cmd_search", lang), app.action_search_cases, tr("cmd_search_help", lang)),
            (tr("cmd_review", lang), app.action_review, tr("cmd_review_help", lang)),
        ]
        for case in app.recent_cases():
            what = f"{case.number} {case.title}".strip()
            commands.append(
                (
                    tr("cmd_reopen", lang, draft=what),
                    partial(app.action_reopen_case, case.number),
                    tr("cmd_reopen_help", lang),
                )
            )
        for t in app.catalog.templates:
            title = t.title_zh if lang == "zh" else t.title
            commands.append(
                (
                    tr("cmd_open", lang, id=t.id, title=title),
                    partial(app.open_template, t.id),
                    t.scenario,
                )
            )
        return commands

    # Names and help hold template titles and SR numbers: shown as plain text, never as
    # markup (a title with `[/]` would stop the palette; `[@click=...]` would be live).

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands()[:10]:
            yield DiscoveryHit(
                Content(visible(name)), callback, text=name, help=no_markup(help_text)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, name), callback, text=name, help=no_markup(help_text)
                )


def _highlight(matcher: Matcher, name: str) -> Content:
    """`name` as plain Content with the matched letters styled (`Matcher.highlight`
    parses its candidate as markup)."""
    content = Content(visible(name))
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
