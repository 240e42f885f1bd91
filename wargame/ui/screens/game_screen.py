"""What the screens of a game in progress share: the session, the timer, and
the messages that ask the app to move the game on."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.screen import Screen

from wargame.ui.widgets.timer import NegotiationTimer

if TYPE_CHECKING:
    from wargame.ui.app import WargameApp
    from wargame.ui.session import Session


class GameScreen(Screen[None]):
    """A screen that renders the game the app is running."""

    class ShowBoard(Message):
        """Back to the public board (the end screen instead, once the game has ended)."""

    class NextOrders(Message):
        """The orders phase goes on: the next waiting seat's curtain, or, when every
        seat has submitted, the curtain before the round is resolved."""

    @property
    def session(self) -> Session:
        """The game in progress (the app holds it)."""
        return cast("Session", cast("WargameApp", self.app).session)

    @property
    def timer(self) -> NegotiationTimer:
        """The facilitator's negotiation timer (the app's, or this screen's own)."""
        timer = getattr(self.app, "timer", None)
        if not isinstance(timer, NegotiationTimer):
            timer = self.__dict__.setdefault("_own_timer", NegotiationTimer())
        return cast(NegotiationTimer, timer)
