"""The replay viewer and the facilitator's PIN, driven through Pilot.

Games come from the golden saves (a rewind, a lobby, an ending) and from a
seeded random game of the flagship scenario (every seat has secret objectives).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.support import all_text, contains, press, screen_text, settled_start
from wargame.cli import main
from wargame.engine import Phase
from wargame.engine.events import GameEnded, Lobbied
from wargame.game import FACILITATOR
from wargame.play.random_player import play_game
from wargame.replay.cursor import OMNISCIENT, PUBLIC, Lens
from wargame.saves import SaveMeta, load_save, save_bytes
from wargame.saves.pin import hash_pin
from wargame.scenario_files import load
from wargame.ui.app import WargameApp
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.pin import PinDialog
from wargame.ui.pin_guard import LOCK_SECONDS
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.facilitator import FacilitatorScreen
from wargame.ui.screens.replay import ReplayScreen, ReplaySource
from wargame.ui.screens.start import GameSetup, StartScreen

GOLDEN = Path(__file__).parents[1] / "saves" / "golden"
PIN = "2468"
SALT = bytes(range(16))


class Clock:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def golden(tmp_path: Path, name: str = "full_game") -> Path:
    folder = tmp_path / "saves"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(GOLDEN / f"{name}.toml", folder / f"{name}.toml"))


def with_pin(path: Path) -> Path:
    """The same save, with the facilitator's PIN set."""
    save = load_save(path)
    meta = replace(save.meta, pin=hash_pin(PIN, SALT))
    path.write_bytes(save_bytes(save.game, meta, updated=save.updated))
    return path


def replay_app(path: Path, clock: Clock | None = None) -> WargameApp:
    app = WargameApp(save_dir=path.parent, replay=ReplaySource.of_save(load_save(path), path))
    if clock is not None:
        app.pin_clock = clock
    return app


async def on_replay(pilot: Pilot[object]) -> ReplayScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReplayScreen)
    return screen


async def choose_view(pilot: Pilot[object], key: str) -> None:
    await press(pilot, "v")
    dialog = pilot.app.screen
    assert isinstance(dialog, ChooseDialog)
    index = [value for value, _ in dialog.items].index(key)
    await press(pilot, *["down"] * index, "enter")
    await pilot.pause()


# --- stepping -----------------------------------------------------------------------------


async def test_stepping_forward_and_back_lands_on_the_right_round_and_event(
    tmp_path: Path,
) -> None:
    app = replay_app(golden(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_replay(pilot)
        t = screen.source.timeline
        assert contains(screen_text(app), "The game begins")
        await press(pilot, "right", "right", "right")
        assert screen.cursor.at == 3 and screen.cursor.step.round == 1
        assert contains(screen_text(app), "Facilitator adjusts tension by +5")
        assert contains(screen_text(app), "step 4 of")
        await press(pilot, "left")
        assert screen.cursor.at == 2
        assert contains(screen_text(app), "Russia declares a red line r1")
        await press(pilot, "pagedown")  # round 2 as first played (a rewind undid it)
        assert screen.cursor.at == t.segments[1].first and screen.cursor.step.round == 2
        assert contains(screen_text(app), "Round 2 (undone by a later rewind)")
        await press(pilot, "pagedown")
        assert screen.cursor.segment.index == 2
        assert contains(screen_text(app), "Facilitator rewinds to the start of round 2")
        await press(pilot, "pageup", "pageup")
        assert screen.cursor.at == t.segments[0].first == 0
        await press(pilot, "end")
        event = screen.cursor.step.event
        assert event is not None and isinstance(event.payload, GameEnded)
        assert contains(screen_text(app), "The game ends")
        await press(pilot, "home")
        assert screen.cursor.at == 0
        await press(pilot, "g")
        dialog = app.screen
        assert isinstance(dialog, ChooseDialog)
        assert [text for _, text in dialog.items][3] == "Round 3"
        await press(pilot, "down", "down", "down", "enter")
        await pilot.pause()
        assert screen.cursor.at == t.segments[3].first and screen.cursor.step.round == 3


async def test_the_keys_are_in_the_key_bar_and_the_help(tmp_path: Path) -> None:
    app = replay_app(golden(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await on_replay(pilot)
        bar = screen_text(app).splitlines()[-1]
        for words in ("Next", "Prev", "Next round", "Go to", "View", "Charts", "Fork"):
            assert words in bar
        await press(pilot, "question_mark")
        shown = screen_text(app)
        for words in ("First", "Last", "Fork", "Prev round", "Back"):
            assert words in shown


async def test_an_unfinished_game_and_a_fork_replay_to_where_they_stop(tmp_path: Path) -> None:
    for name in ("half_round", "fork"):
        app = replay_app(golden(tmp_path, name))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await on_replay(pilot)
            await press(pilot, "end")
            assert contains(screen_text(app), "The save stops here")
            assert screen.cursor.step.state.phase is not Phase.ENDED


async def test_the_public_board_skips_a_seats_private_lobbying(tmp_path: Path) -> None:
    app = replay_app(golden(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_replay(pilot)
        while True:
            event = screen.cursor.step.event
            assert event is None or not isinstance(event.payload, Lobbied)
            assert "lobbied DZ" not in all_text(app)
            if not screen.cursor.forward():
                break
            screen.show()
            await pilot.pause()


# --- whose eyes ---------------------------------------------------------------------------


def flagship_save(tmp_path: Path, seed: int = 3) -> Path:
    scenario = load("flagship")
    game, _ = play_game(scenario.scenario, seed)
    meta = SaveMeta.new(
        scenario.scenario, scenario.source, created=datetime(2026, 1, 1, tzinfo=UTC)
    )
    folder = tmp_path / "saves"
    folder.mkdir(exist_ok=True)
    path = folder / "flagship.toml"
    path.write_bytes(save_bytes(game, meta, updated=datetime(2026, 1, 2, tzinfo=UTC)))
    return path


async def test_a_seats_view_never_shows_another_seats_orders_or_secret_objectives(
    tmp_path: Path,
) -> None:
    path = flagship_save(tmp_path)
    scenario = load("flagship").scenario
    public = {o.text for s in scenario.seats for o in s.objectives if not o.secret}
    app = replay_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_replay(pilot)
        t = screen.source.timeline
        await choose_view(pilot, "fr")
        assert screen.cursor.lens == Lens("fr")
        own_seen = False
        for seg in t.segments:
            screen.cursor.at = seg.last
            if screen.cursor.step.state.phase is Phase.ENDED:
                continue  # at the end every objective is revealed to everyone
            screen.cursor.look_through(Lens("fr"))
            screen.show()
            await pilot.pause()
            text = all_text(app)
            for seat in scenario.seats:
                secrets = [o.text for o in seat.objectives if o.secret and o.text not in public]
                orders = [a.text() for a in seg.orders.get(seat.id, ())]
                if seat.id == "fr":
                    own_seen = own_seen or all(contains(text, s) for s in secrets)
                    if orders and screen.cursor.orders_shown():
                        assert contains(text, orders[0])
                    continue
                for secret in secrets:
                    assert not contains(text, secret), (seat.id, secret)
                for order in orders:
                    assert order not in text, (seat.id, order)
        assert own_seen, "France's own secret objectives are shown (this test can fail)"


async def test_the_omniscient_view_reveals_every_seats_orders_at_resolution(
    tmp_path: Path,
) -> None:
    app = replay_app(golden(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_replay(pilot)
        await choose_view(pilot, "all")  # no PIN on this save: it opens at once
        assert screen.cursor.lens == OMNISCIENT
        seg = screen.source.timeline.segments[0]
        assert seg.resolved_at is not None
        screen.cursor.at = seg.resolved_at - 1
        screen.show()
        await pilot.pause()
        assert "ru vote pk no" not in screen_text(app)
        await press(pilot, "right")
        assert contains(screen_text(app), "ru vote pk no")
        assert contains(screen_text(app), "Sealed orders of round 1")
        await press(pilot, "pagedown", *["right"] * 5)  # into round 2, to the lobby
        assert contains(all_text(app), "lobbied DZ")


# --- the PIN ------------------------------------------------------------------------------


async def type_pin(pilot: Pilot[object], pin: str) -> None:
    await press(pilot, *pin, "enter")
    await pilot.pause()


async def test_the_pin_refuses_a_wrong_entry_and_locks_after_three(tmp_path: Path) -> None:
    clock = Clock()
    app = replay_app(with_pin(golden(tmp_path)), clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_replay(pilot)
        await choose_view(pilot, "all")
        assert isinstance(app.screen, PinDialog)
        await type_pin(pilot, "1111")
        assert isinstance(app.screen, PinDialog)
        assert contains(screen_text(app), "Wrong PIN: 2 tries left")
        await type_pin(pilot, "2222")
        await type_pin(pilot, "3333")
        assert contains(screen_text(app), "Locked after three wrong tries")
        await type_pin(pilot, PIN)  # the right PIN, refused while locked
        assert isinstance(app.screen, PinDialog)
        assert contains(screen_text(app), "try again in")
        await press(pilot, "escape")
        assert screen.cursor.lens == PUBLIC
        clock.now += LOCK_SECONDS - 1
        await choose_view(pilot, "all")  # still locked, in a new dialog too
        await type_pin(pilot, PIN)
        assert isinstance(app.screen, PinDialog)
        clock.now += 2
        await type_pin(pilot, PIN)
        assert app.screen is screen and screen.cursor.lens == OMNISCIENT


async def test_a_pin_set_on_the_start_screen_guards_the_desk_which_lists_ratings(
    tmp_path: Path,
) -> None:
    app = WargameApp("flagship", save_dir=tmp_path / "saves")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled_start(pilot)
        assert isinstance(app.screen, StartScreen)
        for field in ("#pin", "#pin-again"):
            app.screen.query_one(field).focus()
            await press(pilot, *"1357")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        session = app.session
        assert session is not None and session.pin is not None
        assert load_save(session.save_path).meta.pin == session.pin  # type: ignore[arg-type]
        for line in ("orders", 'uk argue us_outreach "Europe carries the load"'):
            session.apply(line)
        session.apply(f"{FACILITATOR} rate uk us_outreach strong")
        app.show_board()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await press(pilot, "f")
        assert isinstance(app.screen, PinDialog)
        await type_pin(pilot, "0000")
        assert isinstance(app.screen, PinDialog)
        await type_pin(pilot, "1357")
        assert isinstance(app.screen, FacilitatorScreen)
        assert contains(screen_text(app), "Facilitator rates United Kingdom's argument")


async def test_the_start_screen_refuses_pins_that_differ(tmp_path: Path) -> None:
    app = WargameApp("flagship", save_dir=tmp_path / "saves")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled_start(pilot)
        app.screen.query_one("#pin").focus()
        await press(pilot, *"1357", "enter", *"1358", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.session is None
        assert contains(screen_text(app), "The two PINs differ")


async def test_the_desk_never_opens_over_a_seats_curtain(tmp_path: Path) -> None:
    app = WargameApp("flagship", save_dir=tmp_path / "saves")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.begin_game(GameSetup(load("flagship"), {}, seed=5))
        session = app.session
        assert session is not None
        session.apply("orders")
        app.next_orders()
        await pilot.pause()
        assert isinstance(app.screen, CurtainScreen)
        await press(pilot, "f")
        app.open_facilitator()
        await pilot.pause()
        assert isinstance(app.screen, CurtainScreen)
        await press(pilot, "enter")  # the seat's orders screen, behind the curtain
        app.open_facilitator()
        await pilot.pause()
        assert not isinstance(app.screen, (FacilitatorScreen, PinDialog))


# --- the save is never written; fork from here ----------------------------------------------


def fingerprint(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in sorted(folder.iterdir())}


async def test_replay_never_writes_the_save(tmp_path: Path) -> None:
    path = golden(tmp_path)
    before = fingerprint(path.parent)
    app = replay_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_replay(pilot)
        await press(pilot, "right", "pagedown", "c", "end", "left", "c")
        await choose_view(pilot, "all")
        await choose_view(pilot, "uk")
        await press(pilot, "k", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert fingerprint(path.parent) == before


async def test_fork_from_here_writes_a_what_if_game_at_the_round_on_screen(
    tmp_path: Path,
) -> None:
    path = golden(tmp_path)
    parent = path.read_bytes()
    app = replay_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_replay(pilot)
        screen.cursor.to_round(3)
        screen.show()
        await press(pilot, "k")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # "play it now?"
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.session is not None and app.session.round == 3
    child = load_save(path.parent / "full_game-fork-r3.toml")
    assert child.document.fork is not None and child.document.fork.round == 3
    assert child.game.log == load_save(path).game.log[:46]
    assert path.read_bytes() == parent


async def test_charts_show_the_tracks_and_the_force_over_the_rounds(tmp_path: Path) -> None:
    app = replay_app(golden(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await on_replay(pilot)
        await press(pilot, "end")
        board = all_text(app)  # the board's force panel names the targets as the news does
        assert contains(board, "UN mission: Troops 4000/10000") and "Un mission" not in board
        await press(pilot, "c")
        text = screen_text(app)
        assert contains(text, "Tension (0–100): 50 55 55 55 55")
        assert contains(text, "UN mission: Troops (needed 10000): 0 0 4000 4000 4000")


# --- the command line ---------------------------------------------------------------------


def test_replay_of_a_corrupt_save_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = golden(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"fr table pk", b"fr table xx", 1))
    assert main(["replay", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "checksum does not match" in err[0]
    assert main(["replay", str(tmp_path / "nope.toml")]) == 1
    assert "no such save" in capsys.readouterr().err
