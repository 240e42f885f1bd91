"""A bot seat's turn in the orders phase: no curtain, the table waits while it decides.

Nothing of the bot's is on the screen: it decides from its own seat's view in a
worker thread, its orders are sealed and submitted like a person's, and they
are revealed with everyone's at the resolution. The screen stays responsive
meanwhile (help, the command palette, quitting).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label

from wargame.ui.screens.bot_moves import BotDecided, decide_in_worker, tell_failure
from wargame.ui.screens.game_screen import GameScreen
from wargame.ui.text import plain
from wargame.ui.widgets.keybar import KeyBar


class BotTurnScreen(GameScreen):
    """ "Russia (quick bot) is deciding its orders for round 2…"."""

    CSS_PATH = "bot_turn.tcss"

    class Sealed(Message):
        """The bot's orders are sealed: on to the next seat (or the resolution)."""

    def __init__(self, seat: str) -> None:
        super().__init__()
        self.seat = seat
        self.sealed = False
        """Whether the bot's orders have been entered and submitted."""

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(id="bot-turn"):
            yield Label(
                plain(f"{s.seat_name(self.seat)} is deciding its orders for round {s.round}…"),
                id="deciding",
            )
            yield Label(
                plain(
                    "A bot seat needs no curtain: its orders are sealed like a player's "
                    "and revealed with everyone's at the resolution."
                ),
                id="hint",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        decide_in_worker(self, self.seat)

    @on(BotDecided)
    def _decided(self, message: BotDecided) -> None:
        tell_failure(self, message, "submits no order")
        if self.session.enter_bot_lines(self.seat, message.lines, message.at) is None:
            decide_in_worker(self, self.seat)  # the game moved: decide again
            return
        self.sealed = True
        if self.is_current:  # otherwise once the dialog over it (help...) closes
            self.post_message(self.Sealed())

    def on_screen_resume(self) -> None:
        if self.sealed:
            self.post_message(self.Sealed())
