"""Bot seats at the terminal: chosen on the start screen, played without a curtain while
the screen stays responsive, saved, and resumed as bots that play on as they would have."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Select

from tests.ui.bots_flow import pass_curtain_and_submit, seat_bots, settle, until
from tests.ui.flows import app_of, reveal_all, start_game
from tests.ui.support import all_text, contains, make_app, press, screen_text, settled_start
from wargame.bots import LEVELS, level_names, play_game
from wargame.bots.base import register
from wargame.engine import Phase, View
from wargame.saves import Control, SaveSession, load_save
from wargame.scenario.models import Scenario
from wargame.scenario_files import load
from wargame.ui.app import WargameApp
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.bot_turn import BotTurnScreen
from wargame.ui.screens.briefing import BriefingScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.end import EndScreen
from wargame.ui.screens.help import HelpScreen
from wargame.ui.screens.orders import OrdersScreen
from wargame.ui.screens.private import PrivateResultsScreen
from wargame.ui.screens.start import GameSetup, StartScreen
from wargame.ui.session import Session

TUTORIAL = load("tutorial")
BOTS = {"fr": "quick", "uk": "strong", "ru": "quick", "un": "random"}
"""Four bot seats, every level among them; Ukraine is the people's."""
ALL_BOTS = {seat: "quick" for seat in ("fr", "uk", "ua", "ru", "un")}


def record_screens(app: WargameApp) -> list[Screen[object]]:
    """Every screen the app switches to, in order, from now on."""
    shown: list[Screen[object]] = []
    switch = app.switch_screen

    def recording(screen, *args, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(screen)
        return switch(screen, *args, **kwargs)

    app.switch_screen = recording  # type: ignore[method-assign]
    return shown


def record_toasts(app: WargameApp) -> list[str]:
    """Every toast's message from now on (however soon a curtain clears it)."""
    told: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs):  # type: ignore[no-untyped-def]
        told.append(message)
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return told


def briefing_opening(scenario: Scenario, seat: str) -> str:
    return next(s.briefing for s in scenario.seats if s.id == seat).strip()[:60]


async def finish_round(pilot: Pilot[object], people: Sequence[str] = ()) -> None:
    """From the board: the bots negotiate, the orders (people submit nothing), the reveal,
    and each person's private results if any."""
    app = app_of(pilot)
    await settle(pilot)
    assert isinstance(app.screen, BoardScreen), screen_text(app)
    await press(pilot, "o", "y")
    for seat in app.session.seats:  # type: ignore[union-attr]
        await settle(pilot)
        if seat in people:
            await pass_curtain_and_submit(pilot, seat)
    await settle(pilot)
    assert "Pass the keyboard to the whole table" in screen_text(app), screen_text(app)
    await reveal_all(pilot, step=False)
    while isinstance(app.screen, CurtainScreen):  # private results, behind the curtain
        await press(pilot, "enter", "enter")


async def test_four_bots_and_one_person_play_the_tutorial_to_the_end(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await seat_bots(pilot, **BOTS)
        await start_game(pilot, seed=7, ua="Olena")
        shown = record_screens(app)
        session = app.session
        assert session is not None and session.bots.levels == BOTS
        # Only Ukraine's briefing has a curtain.
        assert "Pass the keyboard to Ukraine (Olena)" in screen_text(app)
        await press(pilot, "enter", "enter")
        secrets = [briefing_opening(TUTORIAL.scenario, seat) for seat in BOTS]
        while not isinstance(app.screen, EndScreen):
            await settle(pilot)
            text = all_text(app)
            assert not [s for s in secrets if contains(text, s)], "a bot's briefing was shown"
            await finish_round(pilot, people=["ua"])
        assert session.ended
        curtains = [s.seat_name for s in shown if isinstance(s, CurtainScreen)]
        assert set(curtains) == {"Ukraine (Olena)", "the whole table"}, curtains
        assert {s.seat for s in shown if isinstance(s, OrdersScreen)} == {"ua"}
        assert {s.view_.viewer for s in shown if isinstance(s, BriefingScreen)} <= {"ua"}
        assert {s.seat for s in shown if isinstance(s, PrivateResultsScreen)} <= {"ua"}
        bot_turns = [s.seat for s in shown if isinstance(s, BotTurnScreen)]
        assert bot_turns == ["fr", "uk", "ru", "un"] * session.game.log.count("resolve")
        # The bots played: public moves and sealed orders of theirs are in the log.
        log = session.game.log
        for seat in BOTS:
            assert f"{seat} submit" in log
        assert any(line.split()[0] in BOTS and "submit" not in line for line in log)
        save = session.save_path
        assert save is not None
        session.close()
    meta = load_save(save).meta
    for seat, level in BOTS.items():
        assert meta.seats[seat].control is Control.BOT and meta.seats[seat].bot == level
        assert meta.seats[seat].player is None
    assert meta.seats["ua"].control is Control.HUMAN and meta.seats["ua"].player == "Olena"


async def test_a_table_of_bots_plays_the_game_a_simulation_of_the_seed_plays(
    tmp_path: Path,
) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await seat_bots(pilot, **ALL_BOTS)
        await start_game(pilot, seed=11)
        assert isinstance(app.screen, BoardScreen)  # no seat has a briefing to read
        await settle(pilot)
        await press(pilot, "t", "b")  # nothing for people to table, no briefing to show
        assert isinstance(app.screen, BoardScreen)
        told = [n.message for n in app._notifications]
        assert "Bots play every seat: they table their own items." in told
        assert "Bots play every seat: their briefings are not shown." in told
        rounds = 0
        while not isinstance(app.screen, EndScreen):
            await finish_round(pilot)  # it waits at the board and at each reveal
            rounds += 1
        assert app.session is not None
        log = list(app.session.game.log)
        app.session.close()
    assert rounds == 3
    assert log == play_game(TUTORIAL.scenario, 11, ALL_BOTS).log


def _stopped_game(folder: Path, stop: int) -> Path:
    """An all-bot tutorial game played by `play_game`'s order of play and saved after
    `stop` bot turns of round 2 (negotiation, then orders), as if the app had quit."""
    session = Session.new(TUTORIAL, 5, {}, folder, bots=ALL_BOTS)
    game = session.game
    reference = play_game(TUTORIAL.scenario, 5, ALL_BOTS)
    # Round 1 as the reference played it, then round 2 up to the stop.
    first = reference.log.index("resolve") + 1
    for line in reference.log[:first]:
        game.apply(line)
    turns = 0
    for phase in (Phase.NEGOTIATION, Phase.ORDERS):
        if phase is Phase.ORDERS:
            game.begin_orders()
        for seat in game.seats:
            if turns == stop:
                session.autosave()
                session.close()
                assert session.save_path is not None
                return session.save_path
            lines = session.bots.decide(seat, game.view_for(seat))
            assert session.enter_bot_lines(seat, lines, len(game.log)) is not None
            turns += 1
    raise AssertionError("stop is past the round")


async def _round_2_resumed(save: Path) -> list[str]:
    """The log once the resumed game has played round 2 to its end (and its bots have
    perhaps begun round 3's negotiation)."""
    loaded = load_save(save)
    app = WargameApp(save_dir=save.parent, resumed=(loaded, SaveSession.open(save, loaded.meta)))
    told = record_toasts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = app.session
        assert session is not None and session.bots.levels == ALL_BOTS
        await until(
            pilot,
            lambda: any(m.startswith("Played by bots again: France (quick bot), ") for m in told),
            "the table told which seats bots play",
        )
        if session.ordering:
            await settle(pilot)
            await reveal_all(pilot, step=False)
        else:
            await finish_round(pilot)
        assert session.round == 3 or session.ended
        log = list(session.game.log)
        session.close()
    return log


async def test_resumed_bots_play_on_as_they_would_have(tmp_path: Path) -> None:
    reference = play_game(TUTORIAL.scenario, 5, ALL_BOTS).log
    round_2 = [i for i, line in enumerate(reference) if line == "resolve"][1] + 1
    # Stopped after 2 and 5 public moves of round 2's negotiation, and after 3 sealed orders.
    for stop in (2, 5, 8):
        save = _stopped_game(tmp_path / f"stop{stop}", stop)
        log = await _round_2_resumed(save)
        assert len(log) >= round_2  # round 3's negotiation may have opened since
        assert log == reference[: len(log)], f"stopped after {stop} bot turns"


class _GatedBot:
    """A bot that decides only once the test opens its gate (then it passes)."""

    gate = threading.Event()

    def __init__(self, seat: str) -> None:
        self.seat = seat

    def decide(self, view: View) -> list[str]:
        assert self.gate.wait(timeout=60), "the test never opened the gate"
        return []


def _gated(scenario: Scenario, seat: str, seed: int) -> _GatedBot:
    return _GatedBot(seat)


async def test_the_screen_stays_responsive_while_a_bot_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(LEVELS, "gated", _gated)
    gate = _GatedBot.gate
    gate.clear()
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        app.begin_game(GameSetup(TUTORIAL, {}, 3, bots={"ru": "gated"}))
        await pilot.pause()
        for _ in app.session.people_seats():  # type: ignore[union-attr]
            await press(pilot, "enter", "enter")  # the people's briefings
        # The negotiation opens: Russia decides its public moves, the board answers keys.
        assert isinstance(app.screen, BoardScreen)
        assert contains(screen_text(app), "Russia (gated bot) is deciding its public moves")
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        await press(pilot, "t")
        assert any("is deciding" in n.message for n in app._notifications)
        assert isinstance(app.screen, BoardScreen)  # nothing tabled meanwhile
        gate.set()
        await settle(pilot)
        assert "Talk, table items (t)" in screen_text(app)
        # People table items for their own seats only: Russia's moves are its bot's.
        assert isinstance(app.screen, BoardScreen)
        assert [c.value for c in app.screen._seat_choices()] == ["fr", "uk", "ua", "un"]
        # The orders: Russia's turn comes after three people's; it has no curtain.
        gate.clear()
        await press(pilot, "o", "y")
        for seat in ("fr", "uk", "ua"):
            await pass_curtain_and_submit(pilot, seat)
        assert isinstance(app.screen, BotTurnScreen)
        assert contains(screen_text(app), "Russia (gated bot) is deciding its orders for round 1")
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        gate.set()  # it decides while the help is open: the help stays until closed
        session = app.session
        assert session is not None
        await until(pilot, lambda: "ru submit" in session.game.log, "Russia's orders entered")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, CurtainScreen)
        assert "Pass the keyboard to United Kingdom" not in screen_text(app)
        assert "UN Secretariat" in screen_text(app)
        app.session.close()  # type: ignore[union-attr]


async def test_the_start_screen_seats_a_bot_by_keyboard(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled_start(pilot)
        choice = app.screen.query_one("#control-ru", Select)
        assert choice.value == "human"
        choice.focus()
        await press(pilot, "enter")  # every registered level is offered, after `human`
        levels = level_names()
        assert len(levels) >= 3
        assert all(contains(screen_text(app), f"{level} bot") for level in levels)
        await press(pilot, *["down"] * len(levels), "enter")
        last = levels[-1]
        assert choice.value == last
        assert app.screen.query_one("#player-ru").disabled  # a bot has no players to name
        await start_game(pilot, seed=2)
        assert app.session is not None
        assert app.session.seat_name("ru") == f"Russia ({last} bot)"
        save = app.session.save_path
        assert save is not None
        app.session.close()
    seats = load_save(save).meta.seats
    assert (seats["ru"].control, seats["ru"].bot) == (Control.BOT, last)
    assert {s for s, seat in seats.items() if seat.control is Control.BOT} == {"ru"}


def test_a_save_naming_an_unknown_bot_level_leaves_the_seat_to_people(tmp_path: Path) -> None:
    maker = register("vanishing")(_gated)
    try:
        session = Session.new(TUTORIAL, 1, {}, tmp_path, bots={"ru": "vanishing"})
        save = session.save_path
        session.close()
    finally:
        LEVELS.pop("vanishing")
    assert save is not None and maker is _gated
    loaded = load_save(save)
    resumed = Session.resumed(loaded, SaveSession.open(save, loaded.meta))
    try:
        assert "ru" not in resumed.bots
        assert resumed.notices and "Russia is played by people now" in resumed.notices[0]
        assert "unknown bot level 'vanishing'" in resumed.notices[0]
    finally:
        resumed.close()


class _BrokenBot:
    """A bot with a bug: every decision raises."""

    def __init__(self, scenario: Scenario, seat: str, seed: int) -> None:
        self.seat = seat

    def decide(self, view: View) -> list[str]:
        raise RuntimeError("a bug in the bot")


async def test_a_bot_that_fails_passes_and_the_game_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(LEVELS, "broken", _BrokenBot)
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.begin_game(GameSetup(TUTORIAL, {}, 3, bots={name: "broken" for name in ("fr", "uk")}))
        await pilot.pause()
        for _ in ("ua", "ru", "un"):
            await press(pilot, "enter", "enter")  # the people's briefings
        await settle(pilot)
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("France (broken bot) failed to decide (RuntimeError)" in w for w in warnings)
        assert "a bug in the bot" not in all_text(app)
        await press(pilot, "o", "y")
        await settle(pilot)
        assert app.session is not None
        assert {"fr submit", "uk submit"} <= set(app.session.game.log)
        assert "Pass the keyboard to Ukraine" in screen_text(app)
        app.session.close()
