"""Building and running the app: `make_app` (the CLI, tests and scripts use it), `run_app`."""

from __future__ import annotations

from dataclasses import replace

from sr_tui.app import SrTuiApp
from sr_tui.core.clock import Clock
from sr_tui.core.drafts import DraftStore
from sr_tui.core.settings import LoadedSettings, load_settings
from sr_tui.core.templates.catalog import Catalog, load_user_catalog
from sr_tui.core.templates.model import Layout
from sr_tui.i18n import LANG_ENV, Language, language_from_env
from sr_tui.workspace import Workspace

DETECT = "detect"


def make_app(
    catalog: Catalog | None = None,
    *,
    settings: LoadedSettings | None = None,
    store: DraftStore | None = None,
    clock: Clock | None = None,
    language: Language | None = None,
    system_clipboard=DETECT,
    osc52: bool | None = None,
    ask_for_name: bool = False,
    copy_layout: Layout | None = None,
) -> SrTuiApp:
    """The one way to build the app: the CLI, the tests and the screenshot script use it.

    Settings come from the settings file; `SR_TUI_LANG` overrides its language. Templates
    are the built-ins plus settings `template_dirs` and `SR_TUI_TEMPLATES`.
    """
    import os

    loaded = settings or load_settings()
    if copy_layout is not None:
        loaded = replace(loaded, settings=replace(loaded.settings, copy_layout=copy_layout))
    if language is None:
        env_language = os.environ.get(LANG_ENV, "").strip()
        language = language_from_env() if env_language else loaded.settings.language
    if catalog is None:
        catalog = load_user_catalog(loaded.settings, loaded.path)
    workspace = Workspace(
        catalog,
        loaded,
        store,
        clock,
        system_clipboard=system_clipboard,
        language=language,
    )
    app = SrTuiApp(workspace, osc52=osc52)
    app.ask_for_name = ask_for_name
    return app


def run_app() -> int:
    """Run the app; its return code (non-zero when it stopped on an error)."""
    app = make_app(ask_for_name=True)
    app.run()
    return app.return_code or 0
