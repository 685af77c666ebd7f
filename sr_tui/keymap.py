"""The binding ids a `[keymap]` table may name: every binding of ours that has an id."""

from __future__ import annotations


def known_binding_ids() -> set[str]:
    from sr_tui.app import SrTuiApp
    from sr_tui.screens.compose import ComposeScreen
    from sr_tui.screens.confirm import ConfirmScreen
    from sr_tui.screens.first_run import FirstRunScreen
    from sr_tui.screens.help import HelpScreen
    from sr_tui.screens.picker import PickerScreen
    from sr_tui.screens.settings import SettingsScreen
    from sr_tui.widgets.email_editor import EmailEditor
    from sr_tui.widgets.field_form import FieldInput
    from sr_tui.widgets.lint_panel import LintPanel
    from sr_tui.widgets.list_editor import ItemInput
    from sr_tui.widgets.preview import Preview

    classes = (
        SrTuiApp,
        ComposeScreen,
        ConfirmScreen,
        FirstRunScreen,
        HelpScreen,
        PickerScreen,
        SettingsScreen,
        EmailEditor,
        FieldInput,
        ItemInput,
        LintPanel,
        Preview,
    )
    return {b.id for cls in classes for b in cls.BINDINGS if getattr(b, "id", None)}
