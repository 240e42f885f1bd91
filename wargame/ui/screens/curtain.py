"""The curtain between seats: nothing secret is on screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label

from wargame.ui.text import plain
from wargame.ui.widgets.keybar import KeyBar


class CurtainScreen(Screen[None]):
    """ "Pass the keyboard to Russia — press Enter when only Russia's players are looking"."""

    CSS_PATH = "curtain.tcss"
    BINDINGS = [
        Binding("enter", "ready", "Ready"),
        Binding("escape", "back", "Back to the board"),
    ]

    def __init__(
        self,
        seat_name: str,
        purpose: str,
        on_ready: Callable[[], object],
        on_back: Callable[[], object] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__()
        self.hint = hint
        self.seat_name = seat_name
        self.purpose = purpose
        self.on_ready = on_ready
        self.on_back = on_back

    def compose(self) -> ComposeResult:
        with Vertical(id="curtain"):
            yield Label(plain(f"Pass the keyboard to {self.seat_name}", "bold"), id="pass")
            yield Label(plain(self.purpose), id="purpose")
            yield Label(
                plain(
                    self.hint or f"Press Enter when only {self.seat_name}'s players are looking."
                ),
                id="hint",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        # A toast from the previous seat's screen must not linger for the next one.
        self.app.clear_notifications()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.on_back is not None
        return True

    def action_ready(self) -> None:
        self.on_ready()

    def action_back(self) -> None:
        if self.on_back is not None:
            self.on_back()
