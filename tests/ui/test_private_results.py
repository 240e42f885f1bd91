"""Private results at the reveal: a lobbying seat learns, behind its curtain, whether
its lobbying succeeded and whether it changed the member's vote; the public reveal,
the board and every other seat's screen never show it."""

from __future__ import annotations

from pathlib import Path

from tests.ui.flows import app_of, enter_orders, read_briefings, start_game, start_orders, table
from tests.ui.support import all_text, make_app, press, screen_text
from wargame.game import Game
from wargame.scenario_files import load
from wargame.ui.app import WargameApp
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.briefing import private_text as briefing_text
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.private import PrivateResultsScreen
from wargame.ui.screens.reveal import RevealScreen

SECRET = "lobbied China toward yes on cf"


async def _to_resolution(pilot, lobbying: dict[str, str]) -> WargameApp:  # type: ignore[no-untyped-def]
    """Round 1 of the tutorial: France tables cf; `lobbying` seats lobby China toward yes."""
    app = app_of(pilot)
    await start_game(pilot, seed=7)
    await read_briefings(pilot)
    await table(pilot, "table", seat="fr", draft="cf")
    await start_orders(pilot)
    for seat in ("fr", "uk", "ua", "ru", "un"):
        if seat in lobbying:
            await enter_orders(
                pilot, seat, ("lobby", {"member": "cn", "draft": "cf", "toward": "yes"})
            )
        else:
            await enter_orders(pilot, seat)
    assert isinstance(app.screen, CurtainScreen)
    return app


async def test_the_lobbying_seat_sees_its_result_behind_its_curtain(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _to_resolution(pilot, {"uk": "yes"})
        await press(pilot, "enter")  # resolve
        public = []
        while isinstance(app.screen, RevealScreen):
            public.append(all_text(app))
            await press(pilot, "enter")
        assert public and not any(SECRET in text for text in public)
        # The keyboard goes to the United Kingdom alone.
        assert isinstance(app.screen, CurtainScreen)
        curtain = screen_text(app)
        assert "Pass the keyboard to United Kingdom" in curtain
        assert SECRET not in all_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, PrivateResultsScreen)
        text = all_text(app)
        assert "United Kingdom" in text and SECRET in text
        assert "rolled" in text and (
            "changed China's vote" in text
            or "China voted" in text
            or "did not change China's vote" in text
        )
        await press(pilot, "enter")
        assert isinstance(app.screen, BoardScreen)
        assert SECRET not in all_text(app)


async def test_each_lobbying_seat_sees_only_its_own_result(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _to_resolution(pilot, {"fr": "yes", "uk": "yes"})
        await press(pilot, "enter", "r", "enter")  # resolve, skip to the report, continue
        seen: dict[str, str] = {}
        for name, seat in (("France", "fr"), ("United Kingdom", "uk")):
            assert isinstance(app.screen, CurtainScreen)
            assert f"Pass the keyboard to {name}" in screen_text(app)
            assert "lobbied" not in all_text(app)
            await press(pilot, "enter")
            screen = app.screen
            assert isinstance(screen, PrivateResultsScreen) and screen.seat == seat
            seen[seat] = all_text(app)
            # The screen was given only this seat's events.
            assert all(e.private_to == (seat,) for e in screen.events)
            await press(pilot, "enter")
        assert f"France {SECRET}" in seen["fr"] and "United Kingdom lobbied" not in seen["fr"]
        assert f"United Kingdom {SECRET}" in seen["uk"] and "France lobbied" not in seen["uk"]
        assert isinstance(app.screen, BoardScreen)


async def test_no_private_step_when_no_seat_has_private_results(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _to_resolution(pilot, {})
        await press(pilot, "enter", "r", "enter")
        assert isinstance(app.screen, BoardScreen)


def test_a_seat_can_read_its_results_again_in_its_own_briefing_only() -> None:
    g = Game.start(load("tutorial").scenario, 7)
    g.apply("fr table cf")
    g.play_round({"uk": ["uk lobby cn cf yes"], "fr": ["fr lobby bh cf yes"]})
    scenario = g.scenario
    uk = briefing_text(g.view_for("uk"), scenario).plain
    assert "Your private results" in uk and "United Kingdom lobbied China" in uk
    assert "France lobbied" not in uk
    fr = briefing_text(g.view_for("fr"), scenario).plain
    assert "France lobbied Bahrain" in fr and "United Kingdom lobbied" not in fr
    ru = briefing_text(g.view_for("ru"), scenario).plain
    assert "lobbied" not in ru and "Your private results" not in ru
