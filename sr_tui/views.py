"""Whose cases a screen shows: "mine" (assigned to the engineer the settings name) or the
team's. The due list, the case list and the review share the choice: each starts in the
app's view (by default mine when `your_name` is set, else the team's), ctrl+t switches
it, and the screen posts `ViewChanged` so the next screen opens in the same view."""

from __future__ import annotations

from typing import Literal

from textual.binding import Binding
from textual.message import Message

from sr_tui.core.cases.team import normalize_name
from sr_tui.i18n import Language, tr

View = Literal["mine", "team"]

TOGGLE = Binding("ctrl+t", "toggle_view", "Mine / team", id="toggle_view")


def default_view(your_name: str) -> View:
    return "mine" if normalize_name(your_name) else "team"


def assignee_for(view: View, your_name: str) -> str | None:
    """What to pass as `assignee=` to the store, the queue and the review."""
    name = normalize_name(your_name)
    return name if view == "mine" and name else None


def view_label(view: View, your_name: str, language: Language) -> str:
    """'My cases (Ann Lee)' or 'Team: every case'."""
    name = normalize_name(your_name)
    if view == "mine" and name:
        return tr("view_mine", language, name=name)
    return tr("view_team", language)


def toggled(view: View, your_name: str) -> View | None:
    """The other view, or None when there is no "mine" (no name in the settings)."""
    if view == "team" and not normalize_name(your_name):
        return None
    return "team" if view == "mine" else "mine"


class ViewChanged(Message):
    """The user switched between "mine" and "team" (the app remembers it)."""

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view
