"""Quitting and resuming: the group comes back to the same screen, secrets still sealed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.flows import enter_orders, read_briefings, start_game, start_orders, table
from tests.ui.support import all_text, make_app, press, screen_text
from wargame.problems import ProblemsError
from wargame.saves import SaveSession, load_save
from wargame.ui.app import WargameApp
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.orders import OrdersScreen
from wargame.ui.screens.start import StartScreen
from wargame.ui.session import Session

FRANCE_ORDER = "fr vote cf yes"


async def _half_entered_round(tmp_path: Path) -> Path:
    """Play the tutorial to round 1's orders, France submitted; return the save."""
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_game(pilot, seed=3, fr="Alice")
        await read_briefings(pilot)
        await table(pilot, "table", seat="fr", draft="cf")
        await start_orders(pilot)
        await enter_orders(pilot, "fr", ("vote", {"draft": "cf", "vote": "yes"}))
        assert app.session is not None and app.session.save_path is not None
        save = app.session.save_path
        app.session.close()
    return save


async def test_resumed_half_entered_round_comes_back_at_the_next_seats_curtain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save = await _half_entered_round(tmp_path)
    loaded = load_save(save)
    made: list[StartScreen] = []

    class Recorded(StartScreen):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr("wargame.ui.app.StartScreen", Recorded)
    app = WargameApp(save_dir=save.parent, resumed=(loaded, SaveSession.open(save, loaded.meta)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not made  # the game's screen comes first, not the start screen for a moment
        assert isinstance(app.screen, CurtainScreen)
        assert "Pass the keyboard to United Kingdom" in screen_text(app)
        assert app.session is not None and app.session.game.submitted == {"fr"}
        assert app.session.players["fr"] == "Alice"
        await press(pilot, "enter")
        assert isinstance(app.screen, OrdersScreen) and app.screen.seat == "uk"
        assert FRANCE_ORDER not in all_text(app)  # France's sealed order stays sealed
        app.session.close()


async def test_resume_from_the_start_screen(tmp_path: Path) -> None:
    save = await _half_entered_round(tmp_path)
    app = WargameApp("tutorial", save_dir=save.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, ChooseDialog)
        assert save.name in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, CurtainScreen)
        assert "United Kingdom" in screen_text(app)
        assert app.session is not None and app.session.save_path == save
        app.session.close()


async def test_a_save_open_in_another_wargame_is_refused_with_a_reason(tmp_path: Path) -> None:
    save = await _half_entered_round(tmp_path)
    holder = Session.open_save(save)  # another wargame has it open
    try:
        app = WargameApp("tutorial", save_dir=save.parent)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await press(pilot, "ctrl+r", "enter")
            assert app.session is None
            shown = [n.message for n in app._notifications]
            assert any("open in another wargame" in message for message in shown), shown
    finally:
        holder.close()
    try:
        Session.open_save(save).close()  # free again once the other one closed
    except ProblemsError as error:  # pragma: no cover - the lock must be released
        raise AssertionError(str(error)) from None


async def test_an_unwritable_save_folder_is_reported_and_the_game_goes_on(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "saves"
    blocker.write_text("a file where the folder should be")
    app = WargameApp("tutorial", save_dir=blocker)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_game(pilot, seed=1)
        await read_briefings(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert app.session is not None and app.session.save_error
        assert "not being saved" in all_text(app)


class _FailingSaver:
    """A saver whose disk fills up after the first writes."""

    def __init__(self) -> None:
        self.writes = 0
        self.full = False

    def write(self, game: object) -> str | None:
        self.writes += 1
        return (
            "could not save: the disk is full; the previous save is intact" if self.full else None
        )

    def close(self) -> None:
        pass


async def test_a_failed_autosave_is_announced_at_once_and_the_game_goes_on(
    tmp_path: Path,
) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_game(pilot, seed=5)
        await read_briefings(pilot)
        assert app.session is not None
        saver = _FailingSaver()
        app.session.saver = saver
        saver.full = True
        await table(pilot, "table", seat="fr", draft="cf")  # accepted, but not saved
        assert app.session.game.state.draft("cf") is not None
        shown = [(n.title, n.message) for n in app._notifications]
        assert (
            "Autosave failed",
            "could not save: the disk is full; the previous save is intact",
        ) in shown
        assert "Autosave failed" in all_text(app)  # and on the board until it works again
        saver.full = False
        await table(pilot, "table", seat="fr", draft="pk")
        assert app.session.save_error is None
        assert ("Autosave", "The game is being saved again.") in [
            (n.title, n.message) for n in app._notifications
        ]
