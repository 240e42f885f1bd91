"""SVG snapshots of the main screens, for appearance only (few, stable).

They use a frozen copy of the tutorial (tests/ui/data/snapshot.toml), a fixed
seed and fixed names, and set the game up through the session rather than
the keyboard, so no toast or timing shows. Update with --snapshot-update.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from tests.ui.support import settled_start
from wargame.catalog import Card
from wargame.scenario_files import load
from wargame.ui.app import WargameApp
from wargame.ui.screens import start
from wargame.ui.screens.orders import OrdersScreen
from wargame.ui.screens.reveal import RevealScreen
from wargame.ui.screens.start import GameSetup

SCENARIO = Path(__file__).parent / "data" / "snapshot.toml"
SIZE = (80, 24)
PLAYERS = {"fr": "Alice", "uk": "Ben", "ua": "Olena", "ru": "Ivan", "un": "Maria"}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WargameApp:
    monkeypatch.setattr(start, "shipped_cards", lambda: [Card.read(SCENARIO)])
    return WargameApp(str(SCENARIO), save_dir=tmp_path / "saves")


def setup(*lines: str, then: Callable[[WargameApp], None] | None = None) -> Any:
    """A run_before hook: a game with these log lines, then `then(app)` (default: board)."""

    async def run_before(pilot: Pilot[object]) -> None:
        app = pilot.app
        assert isinstance(app, WargameApp)
        app.begin_game(GameSetup(load(SCENARIO), PLAYERS, seed=42))
        session = app.session
        assert session is not None
        for line in lines:
            session.apply(line)
        (then or WargameApp.show_board)(app)
        await pilot.pause()

    return run_before


ROUND_1 = ["fr table cf", "orders", "fr vote cf yes", "ru vote cf no"]
SUBMIT = [f"{s} submit" for s in PLAYERS]
ROUND_2 = ["fr table pk", "orders", "fr vote pk yes", "uk vote pk yes", "ru vote pk no"]
ROUND_3 = [
    "uk offer g1 air_policing backing=uk1",
    "orders",
    "fr pledge f1 jets 2 to coalition if uk.pledged.jets >= 2",
    "uk pledge uk1 jets 2 to coalition",
    "ua accept g1",
]


def reveal_vote(app: WargameApp) -> None:
    """Resolve round 2 and show its reveal at the council vote (a veto)."""
    session = app.session
    assert session is not None
    events = session.apply("resolve")
    screen = RevealScreen(2, events, session.game.scenario, app.show_board, session.view(None))
    screen.index = next(i for i, e in enumerate(screen.events) if e.votes)
    app.switch_screen(screen)


def test_start_screen(snap_compare: Any, app: WargameApp) -> None:
    # the seats' rows and the bot levels come once the first frame is drawn
    assert snap_compare(app, terminal_size=SIZE, run_before=settled_start)


def test_start_screen_seat_choices(snap_compare: Any, app: WargameApp) -> None:
    async def run_before(pilot: Pilot[object]) -> None:
        await settled_start(pilot)  # the bot levels are offered once the screen is drawn
        pilot.app.screen.query_one("#control-ru", Select).value = "random"
        pilot.app.screen.query_one("#control-fr", Select).focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_board_screen(snap_compare: Any, app: WargameApp) -> None:
    lines = [*ROUND_1, *SUBMIT, "resolve", "fr table pk"]
    assert snap_compare(app, terminal_size=SIZE, run_before=setup(*lines))


def test_order_entry_screen(snap_compare: Any, app: WargameApp) -> None:
    lines = [*ROUND_1, *SUBMIT, "resolve", "fr table pk", "orders", "fr vote pk yes"]
    lines.append("fr pledge f1 jets 2 to coalition if uk.pledged.jets >= 2")
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=setup(*lines, then=lambda a: a.switch_screen(OrdersScreen("fr"))),
    )


def test_reveal_screen(snap_compare: Any, app: WargameApp) -> None:
    lines = [*ROUND_1, *SUBMIT, "resolve", *ROUND_2, *SUBMIT]
    assert snap_compare(app, terminal_size=SIZE, run_before=setup(*lines, then=reveal_vote))


def test_end_screen(snap_compare: Any, app: WargameApp) -> None:
    lines = [*ROUND_1, *SUBMIT, "resolve", *ROUND_2, *SUBMIT, "resolve", *ROUND_3, *SUBMIT]
    lines.append("resolve")
    assert snap_compare(app, terminal_size=SIZE, run_before=setup(*lines))


def open_desk(app: WargameApp) -> None:
    """The board, with the facilitator's desk over it (no PIN in this game)."""
    app.show_board()
    app.call_after_refresh(app.open_facilitator)


def test_facilitator_desk_screen(snap_compare: Any, app: WargameApp) -> None:
    lines = [*ROUND_1, 'facilitator adjust tension +5 "shelling near the line"']

    async def run_before(pilot: Pilot[object]) -> None:
        await setup(*lines, then=open_desk)(pilot)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_replay_screen(snap_compare: Any, tmp_path: Path) -> None:
    """The golden full game, omniscient, at round 1's council vote: orders revealed."""
    from tests.ui.test_replay import golden
    from wargame.replay.cursor import OMNISCIENT
    from wargame.saves import load_save
    from wargame.ui.screens.replay import ReplayScreen, ReplaySource

    path = golden(tmp_path)
    app = WargameApp(save_dir=path.parent, replay=ReplaySource.of_save(load_save(path), path))

    async def run_before(pilot: Pilot[object]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReplayScreen)
        screen.cursor.look_through(OMNISCIENT)
        screen.cursor.at = next(
            s.index for s in screen.source.timeline.steps if s.event and s.event.votes
        )
        screen.show()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
