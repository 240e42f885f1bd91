"""The curtain between seats: nothing secret is on screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Label

from wargame.ui.text import plain


class CurtainScreen(Screen[None]):
    """ "Pass the keyboard to Russia — press Enter when only Russia's players are looking"."""

    CSS_PATH = "curtain.tcss"
    BINDINGS = [Binding("enter", "ready", "Ready")]

    def __init__(self, seat_name: str, purpose: str, on_ready: Callable[[], None]) -> None:
        super().__init__()
        self.seat_name = seat_name
        self.purpose = purpose
        self.on_ready = on_ready

    def compose(self) -> ComposeResult:
        with Middle(), Center(id="curtain"):
            yield Label(plain(f"Pass the keyboard to {self.seat_name}", "bold"), id="pass")
            yield Label(plain(self.purpose), id="purpose")
            yield Label(
                plain(f"Press Enter when only {self.seat_name}'s players are looking."),
                id="hint",
            )
        yield Footer()

    def action_ready(self) -> None:
        self.on_ready()
