"""The binding ids a `[keymap]` table may name: every binding of ours that has an id."""

from __future__ import annotations


def known_binding_ids() -> set[str]:
    from sr_tui.app import SrTuiApp
    from sr_tui.screens.case import CaseScreen
    from sr_tui.screens.cases import CasesScreen
    from sr_tui.screens.compose import ComposeScreen
    from sr_tui.screens.confirm_copy import ConfirmCopyScreen
    from sr_tui.screens.help import HelpScreen
    from sr_tui.screens.picker import PickerScreen
    from sr_tui.screens.settings import SettingsScreen
    from sr_tui.widgets.field_form import FieldInput
    from sr_tui.widgets.list_editor import ItemInput
    from sr_tui.widgets.preview import Preview

    classes = (
        SrTuiApp,
        ComposeScreen,
        CaseScreen,
        CasesScreen,
        ConfirmCopyScreen,
        HelpScreen,
        PickerScreen,
        SettingsScreen,
        FieldInput,
        ItemInput,
        Preview,
    )
    return {b.id for cls in classes for b in cls.BINDINGS if getattr(b, "id", None)}
