"""A bot deciding in a worker thread while its screen stays responsive.

The screen takes the seat's view and the log's length on its own thread, the
bot decides in a thread (`BotSeats.decide`), and its lines come back to the
screen as a `BotDecided` message, which the screen enters through the session
(`Session.enter_bot_lines`) on its own thread again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.message import Message

from wargame.bots import bot_view
from wargame.ui.screens.game_screen import GameScreen


@dataclass
class BotDecided(Message):
    """A bot has decided: its lines, for the screen to enter."""

    bubble: ClassVar[bool] = False

    seat: str
    """The seat the bot plays."""
    at: int
    """The length of the game's log when the bot was given its view: if the game
    has moved since, its lines are stale and it decides again."""
    lines: tuple[str, ...]
    """What it decided (public moves, or its sealed orders), not yet entered."""
    failure: str | None = None
    """The kind of error the bot failed with, if it failed (then it gives no line)."""


def decide_in_worker(screen: GameScreen, seat: str) -> None:
    """Start `seat`'s bot deciding in a thread; `screen` receives a `BotDecided`."""
    session = screen.session
    view = bot_view(session.game, seat)
    at = len(session.game.log)
    bots = session.bots

    def decide() -> None:
        try:
            lines = bots.decide(seat, view)
        except Exception as error:  # a faulty bot passes; the game goes on
            screen.post_message(BotDecided(seat, at, (), type(error).__name__))
            return
        screen.post_message(BotDecided(seat, at, lines))

    screen.run_worker(decide, name=f"bot {seat}", group="bots", thread=True)


def tell_failure(screen: GameScreen, message: BotDecided, instead: str) -> None:
    """If the bot failed, tell the table what its seat does `instead` (a warning)."""
    if message.failure is not None:
        screen.notify(
            f"{screen.session.seat_name(message.seat)} failed to decide ({message.failure}) "
            f"and {instead} this round.",
            severity="warning",
            markup=False,
        )
