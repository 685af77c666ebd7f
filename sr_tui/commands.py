"""The command palette's sr-tui commands (ctrl+p)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from sr_tui.i18n import tr


class SrTuiCommands(Provider):
    """Open any template or a recent case, new case, copy email/subject/body, export
    .eml, mail client, settings, language, lint panel."""

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
        ]
        for n, draft in enumerate(app.store.recent()):
            commands.append(
                (
                    tr("cmd_reopen", lang, draft=app.describe(draft)),
                    partial(app.action_reopen_case, n),
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

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands()[:10]:
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
