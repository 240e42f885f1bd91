"""Pick one item from a list (an order kind, a seat, a save...)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from wargame.ui.text import plain
from wargame.ui.widgets.keybar import KeyBar


class ChooseDialog(ModalScreen[str | None]):
    """A titled list; Enter picks, Escape backs out (None)."""

    CSS_PATH = "choose.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, title: str, items: Sequence[tuple[str, str]]) -> None:
        """`items` pairs each value with the text shown for it."""
        super().__init__()
        self.heading = title
        self.items = list(items)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(self.heading, "bold"), id="title")
            yield OptionList(*[Option(plain(text), id=value) for value, text in self.items])
        yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
