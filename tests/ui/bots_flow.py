"""Steps of a game with bot seats, for the Pilot tests: wait for the bots, play a person's turn."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Select
from textual.worker import WorkerCancelled, WorkerFailed

from tests.ui.flows import app_of
from tests.ui.support import press, screen_text, settled_start
from wargame.ui.app import WargameApp
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.bot_turn import BotTurnScreen


def bots_busy(app: WargameApp) -> bool:
    """A bot is deciding: its orders (its own screen), or its public moves (on the board)."""
    screen = app.screen
    if isinstance(screen, BotTurnScreen):
        return True
    return isinstance(screen, BoardScreen) and screen.deciding is not None


async def settle(pilot: Pilot[object]) -> None:
    """Wait until no bot is deciding: each bot worker's end, then its lines entered."""
    app = app_of(pilot)
    for _ in range(1000):
        for worker in [w for w in app.workers if w.group == "bots" and not w.is_finished]:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        await pilot.pause()
        if not bots_busy(app):
            return
    raise AssertionError(f"the bots never finished deciding:\n{screen_text(app)}")


async def until(pilot: Pilot[object], done: Callable[[], bool], what: str) -> None:
    """Let the app run until `done()` holds: a message to a screen under a dialog is
    handled in its own time, which no single pause promises on a busy machine."""
    for _ in range(1000):
        if done():
            return
        await pilot.pause()
    raise AssertionError(f"never: {what}\n{screen_text(app_of(pilot))}")


async def seat_bots(pilot: Pilot[object], **levels: str) -> None:
    """On the start screen, once the levels are offered: seat a bot of `level` at each seat."""
    app = app_of(pilot)
    await settled_start(pilot)
    for seat, level in levels.items():
        app.screen.query_one(f"#control-{seat}", Select).value = level
    await pilot.pause()


async def pass_curtain_and_submit(pilot: Pilot[object], seat: str) -> None:
    """A person's seat: pass its curtain and submit no order (s, y)."""
    app = app_of(pilot)
    assert app.session is not None
    name = app.session.game.rules.seats[seat].name
    assert f"Pass the keyboard to {name}" in screen_text(app), screen_text(app)
    await press(pilot, "enter", "s", "y")
