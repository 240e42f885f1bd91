"""Help: the keys of the screen underneath, and how a round goes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

ROUND = """\
A round: Negotiation (talk; table drafts, offers, terms, red lines: t) →
Orders (each seat behind the curtain: a adds, e edits, d removes, s submits) →
Resolution (Enter steps through the votes, pledges, guarantees...) → Report.
Orders stay hidden: pass the keyboard when the curtain asks.
The facilitator's desk is f on the board. Number keys switch tabs.
ctrl+p opens the command palette with the same actions. Escape backs out.
docs/RULES.md in the project has the full rules."""


class HelpScreen(ModalScreen[None]):
    """Lists the keys; Escape or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark", "dismiss", "Close")]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        text = Text("Keys on this screen\n\n", style="bold")
        for key, description in self.keys:
            text.append(f"  {key:<14}", "bold")
            text.append(f"{description}\n")
        text.append("\n")
        text.append(ROUND)
        with VerticalScroll(id="help"):
            yield Static(text)
