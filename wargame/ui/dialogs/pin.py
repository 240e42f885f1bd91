"""Ask for the facilitator's PIN before the desk or an omniscient replay opens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from wargame.saves.pin import MAX_DIGITS
from wargame.ui.pin_guard import PinAnswer, PinGuard
from wargame.ui.text import plain
from wargame.ui.widgets.keybar import KeyBar


def _seconds(value: float) -> str:
    whole = max(1, round(value))
    return f"{whole} second{'s' if whole != 1 else ''}"


class PinDialog(ModalScreen[bool]):
    """The PIN, typed unseen; True once it is right, False on Escape."""

    CSS_PATH = "pin.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, guard: PinGuard, purpose: str) -> None:
        """`purpose` completes "The facilitator's PIN, to ..." (what it opens)."""
        super().__init__()
        self.guard = guard
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(f"The facilitator's PIN, to {self.purpose}:", "bold"), id="title")
            yield Input(
                password=True,
                restrict=r"[0-9]*",
                max_length=MAX_DIGITS,
                id="pin",
                compact=True,
            )
            yield Label(plain(self._status()), id="status")
        yield KeyBar()

    def _status(self) -> str:
        locked = self.guard.locked_for()
        if locked > 0:
            return f"Locked after three wrong tries: try again in {_seconds(locked)}."
        return "Enter to open, Escape to go back."

    def on_input_submitted(self, event: Input.Submitted) -> None:
        answer = self.guard.attempt(event.value)
        event.input.value = ""
        if answer is PinAnswer.ACCEPTED:
            self.dismiss(True)
            return
        if answer is PinAnswer.LOCKED or self.guard.locked_for() > 0:
            message = self._status()
        else:
            left = self.guard.tries_left()
            message = f"Wrong PIN: {left} {'try' if left == 1 else 'tries'} left before a lock."
        self.query_one("#status", Label).update(plain(message, "bold"))

    def action_cancel(self) -> None:
        self.dismiss(False)
