"""Where a facilitator opens a replay (the start screen, the end screen) and what a save
may carry into it (player names, file names): shown inert, the save never written."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.escapes import raw_controls
from tests.ui.flows import choose, start_game
from tests.ui.support import all_text, contains, make_app, press, screen_text, settled_start
from tests.ui.test_escapes import assert_inert
from tests.ui.test_replay import (
    GOLDEN,
    PIN,
    choose_view,
    fingerprint,
    golden,
    on_replay,
    replay_app,
    type_pin,
    with_pin,
)
from wargame.control_chars import visible
from wargame.engine import Phase
from wargame.engine.events import GameEnded
from wargame.play.random_player import play_game
from wargame.problems import ProblemsError
from wargame.replay.cursor import OMNISCIENT, PUBLIC, Lens
from wargame.saves import SaveMeta, load_save, save_bytes
from wargame.saves.format import default_seats
from wargame.scenario_files import load
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.pin import PinDialog
from wargame.ui.screens.end import EndScreen
from wargame.ui.screens.start import StartScreen


async def test_with_a_pin_a_seats_view_asks_it_too(tmp_path: Path) -> None:
    """A seat's view shows its secret objectives and sealed orders: in the replay of a
    game still in play, a player of another seat must not read them."""
    app = replay_app(with_pin(golden(tmp_path, "half_round")))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_replay(pilot)
        await choose_view(pilot, "ru")
        assert isinstance(app.screen, PinDialog)
        assert contains(screen_text(app), "to open Russia's view")
        await press(pilot, "escape")
        assert app.screen is screen and screen.cursor.lens == PUBLIC
        await choose_view(pilot, "ru")
        await type_pin(pilot, PIN)
        assert app.screen is screen and screen.cursor.lens == Lens("ru")


async def test_watch_a_replay_from_the_start_screen(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Watch a replay" in screen_text(app)
        await press(pilot, "ctrl+o")  # no save yet: said, and nothing opens
        assert isinstance(app.screen, StartScreen)
        assert contains(all_text(app), "No save to watch in")
        folder = tmp_path / "saves"
        folder.mkdir(exist_ok=True)
        for name in ("full_game", "half_round"):
            shutil.copy(GOLDEN / f"{name}.toml", folder / f"{name}.toml")
        before = fingerprint(folder)
        await press(pilot, "ctrl+o")
        dialog = app.screen
        assert isinstance(dialog, ChooseDialog)
        assert contains(screen_text(app), "half_round.toml")
        await choose(pilot, str(folder / "half_round.toml"))
        screen = await on_replay(pilot)
        assert contains(screen_text(app), "half_round.toml")
        await press(pilot, "end")
        assert contains(screen_text(app), "The save stops here")
        assert screen.cursor.step.state.phase is not Phase.ENDED
        await press(pilot, "escape")
        assert isinstance(app.screen, StartScreen) and app.session is None
    assert fingerprint(folder) == before


async def test_watch_the_game_just_played_from_the_end_screen_behind_its_pin(
    tmp_path: Path,
) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled_start(pilot)
        for field in ("#pin", "#pin-again"):
            app.screen.query_one(field).focus()
            await press(pilot, *PIN)
        await start_game(pilot, seed=4)
        session = app.session
        assert session is not None and session.pin is not None
        session.apply("orders")
        session.apply("fr pass")
        for seat in session.seats:
            session.apply(f"{seat} submit")
        session.apply("resolve")
        session.apply(f'facilitator end {session.game.scenario.endings[0].id} "out of time"')
        app.show_board()
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "Watch a replay" in screen_text(app)
        folder = tmp_path / "saves"
        before = fingerprint(folder)
        await press(pilot, "r")
        screen = await on_replay(pilot)
        assert screen.source.pin == session.pin
        assert screen.source.timeline.ended
        await press(pilot, "end")
        event = screen.cursor.step.event
        assert event is not None and isinstance(event.payload, GameEnded)
        await choose_view(pilot, "all")  # the game's PIN guards the omniscient view
        assert isinstance(app.screen, PinDialog)
        await type_pin(pilot, "9999")
        assert isinstance(app.screen, PinDialog)
        assert contains(screen_text(app), "Wrong PIN")
        await type_pin(pilot, PIN)
        assert app.screen is screen and screen.cursor.lens == OMNISCIENT
        assert contains(
            all_text(app), "No orders entered: the game ended before round 2 was resolved"
        )
        await press(pilot, "home")
        while not screen.cursor.orders_shown():
            await press(pilot, "right")
        assert screen.cursor.step.round == 1
        assert contains(all_text(app), "Sealed orders of round 1")
        assert contains(all_text(app), "fr pass")
        await choose_view(pilot, "uk")  # given once, the PIN opens every view of this replay
        assert app.screen is screen and screen.cursor.lens == Lens("uk")
        await press(pilot, "escape")
        assert isinstance(app.screen, EndScreen)
    assert fingerprint(folder) == before


FORGED = "[bold red]FRANCE VETOES[/] [link=https://x.example]here[/link]"
"""Markup a player's name may hold (a save refuses control characters in it)."""


def hostile_save(tmp_path: Path) -> Path:
    """A finished flagship game whose players are named in markup, in a file whose name
    holds terminal escapes (a file name is not checked by anyone)."""
    scenario = load("flagship")
    game, _ = play_game(scenario.scenario, 3)
    seats = {
        seat: s.model_copy(update={"player": f"{seat} {FORGED}"})
        for seat, s in default_seats(scenario.scenario).items()
    }
    meta = SaveMeta.new(
        scenario.scenario, scenario.source, created=datetime(2026, 1, 1, tzinfo=UTC), seats=seats
    )
    folder = tmp_path / "saves"
    folder.mkdir(exist_ok=True)
    path = folder / "evil\x1b]0;pwned\x07\u202e.toml"
    path.write_bytes(save_bytes(game, meta, updated=datetime(2026, 1, 2, tzinfo=UTC)))
    return path


async def test_save_text_in_a_replay_shows_inert(tmp_path: Path) -> None:
    path = hostile_save(tmp_path)
    assert load_save(path).meta.seats["fr"].player == f"fr {FORGED}"
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, ChooseDialog)
        assert visible(path.name) in all_text(app)
        assert_inert(app)
        await choose(pilot, str(path))
        screen = await on_replay(pilot)
        assert visible(path.name) in screen_text(app)
        assert_inert(app)
        await choose_view(pilot, "all")
        assert screen.cursor.lens == OMNISCIENT
        timeline = screen.source.timeline
        players_seen = False
        for seg in timeline.segments:
            screen.cursor.at = seg.last
            screen.show()
            await pilot.pause()
            assert_inert(app)
            players_seen = players_seen or f"fr {FORGED}" in all_text(app)
        assert players_seen, "the orders name their players (this test can fail)"
        await press(pilot, "c")
        assert_inert(app)
        await press(pilot, "c", "home")
        await press(pilot, "k")  # the fork's question names the file
        assert isinstance(app.screen, ConfirmDialog)
        assert visible(path.name) in all_text(app)
        assert_inert(app)
        await press(pilot, "escape")
        await choose_view(pilot, "public")
        assert screen.cursor.lens == PUBLIC
        assert not raw_controls(screen_text(app))


def test_a_save_refuses_escapes_in_a_players_name(tmp_path: Path) -> None:
    """Why the replay's inert test names players in markup rather than escapes."""
    path = hostile_save(tmp_path)
    text = path.read_text(encoding="utf-8").replace("[/link]", "\\u001b[2J", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError, match="control character U\\+001B"):
        load_save(path, force=True)
