"""What the screens of a game in progress share: the session and the timer."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from wargame.ui.widgets.timer import NegotiationTimer

if TYPE_CHECKING:
    from wargame.ui.session import Session


class GameScreen(Screen[None]):
    """A screen that renders the game the app is running."""

    @property
    def session(self) -> Session:
        """The game in progress (the app holds it)."""
        return cast("Session", self.app.session)  # type: ignore[attr-defined]

    @property
    def timer(self) -> NegotiationTimer:
        """The facilitator's negotiation timer (the app's, or this screen's own)."""
        timer = getattr(self.app, "timer", None)
        if not isinstance(timer, NegotiationTimer):
            timer = self.__dict__.setdefault("_own_timer", NegotiationTimer())
        return cast(NegotiationTimer, timer)
