"""The tutorial played at the keyboard from the start screen to the final scores."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.ui.flows import (
    add_order,
    app_of,
    enter_orders,
    read_briefings,
    reveal_all,
    start_game,
    start_orders,
    table,
)
from tests.ui.support import all_text, contains, make_app, press, screen_text
from wargame.engine import Phase
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.end import EndScreen
from wargame.ui.screens.orders import OrdersScreen
from wargame.ui.screens.start import StartScreen


async def test_tutorial_from_start_screen_to_final_scores(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "Tutorial: the Council at work" in screen_text(app)
        await start_game(pilot, seed=7, fr="Alice", ru="Boris")

        # Private briefings, each behind its curtain.
        assert "Pass the keyboard to France (Alice)" in screen_text(app)
        await read_briefings(pilot)
        assert "Round 1 of 3" in screen_text(app)

        # Round 1: France tables the ceasefire call with the keyboard alone.
        await press(pilot, "t", "enter")  # the first form: a prepared draft
        form = app.screen
        assert isinstance(form, FormDialog) and form.spec.verb == "Table"
        await press(pilot, "enter", "down", "enter")  # seat: France (the focus stays)
        await press(pilot, "tab", "enter", "down", "enter")  # draft: cf
        assert "Table: fr table cf" in screen_text(app)
        await press(pilot, "tab", "enter")  # Tab moves on to the Table button
        assert isinstance(app.screen, BoardScreen)
        assert "cf Call for a ceasefire" in all_text(app)

        await start_orders(pilot)
        assert "Pass the keyboard to France (Alice)" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, OrdersScreen)
        await add_order(pilot, "vote", draft="cf", vote="yes")
        # France is not offered the Secretariat's orders.
        await press(pilot, "a")
        assert "Mediate" not in screen_text(app) and "Vote on a draft" in screen_text(app)
        await press(pilot, "escape")
        # A refused order: a second vote on the same draft; the engine's reason is shown.
        reason = app.session.why_not("fr", "fr vote cf no")  # type: ignore[union-attr]
        assert reason == "you already have a vote on 'cf'; remove it first to change it"
        await add_order(pilot, "vote", draft="cf", vote="no")
        assert isinstance(app.screen, FormDialog)
        assert contains(screen_text(app), f"Refused: {reason}")
        await press(pilot, "escape")
        assert isinstance(app.screen, OrdersScreen)
        assert "1. fr vote cf yes" in screen_text(app)
        await press(pilot, "s", "y")

        for seat in ("uk", "ua", "ru", "un"):  # no orders: the UK and Russia are absent
            await enter_orders(pilot, seat)
        steps = await reveal_all(pilot, step=False)  # r: straight to the report
        assert "Round 1 report" in steps[-1]
        assert "COUNCIL VOTE: R1 The draft cf" in steps[-1] and "adopted" in steps[-1]
        assert isinstance(app.screen, BoardScreen)
        assert "Round 2 of 3" in screen_text(app)

        # Round 2: the veto. The UK first votes no, then edits it to yes.
        await table(pilot, "table", seat="fr", draft="pk")
        await start_orders(pilot)
        await enter_orders(pilot, "fr")
        await press(pilot, "enter")
        await add_order(pilot, "vote", draft="pk", vote="no")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.answers() == {"draft": "pk", "vote": "no"}  # prefilled
        await choose_vote_yes(pilot)
        orders = app.screen.query_one("#order-list", OptionList)
        assert orders.option_count == 1
        assert "uk vote pk yes" in screen_text(app)
        await press(pilot, "s", "y")
        await enter_orders(pilot, "ua")
        await enter_orders(pilot, "ru", ("vote", {"draft": "pk", "vote": "no"}))
        await enter_orders(pilot, "un")
        steps = await reveal_all(pilot)
        veto = next(s for s in steps if "VETO by Russia" in s)
        assert "Russia (P5, VETO)" in veto and "United States (P5)" in veto

        # Round 3: a guarantee, mutual conditional pledges, acceptance.
        await table(
            pilot,
            "offer",
            seat="uk",
            guarantee="g1",
            type="air_policing",
            backing="uk1",
            condition="",
        )
        await start_orders(pilot)
        await enter_orders(
            pilot,
            "fr",
            (
                "pledge",
                {
                    "pledge": "f1",
                    "asset": "jets",
                    "amount": "2",
                    "target": "coalition",
                    "condition": "uk.pledged.jets >= 2",
                },
            ),
        )
        await enter_orders(
            pilot,
            "uk",
            ("pledge", {"pledge": "uk1", "asset": "jets", "amount": "2", "target": "coalition"}),
        )
        await enter_orders(pilot, "ua", ("accept", {"item": "g1"}))
        await enter_orders(pilot, "ru")
        await enter_orders(pilot, "un")
        steps = await reveal_all(pilot, step=False)
        report = all_text(app) if not isinstance(app.screen, EndScreen) else steps[-1]
        assert "PLEDGE HONOURED" in report
        assert "GUARANTEE" in report and "is active" in report

        # The end: the narrative, every seat's score.
        assert app.session is not None and app.session.phase is Phase.ENDED
        assert isinstance(app.screen, EndScreen)
        text = all_text(app)
        assert "Ukraine is guaranteed" in text
        for name in ("France", "United Kingdom", "Ukraine", "Russia", "UN Secretariat"):
            assert f"{name}: " in text and "points" in text
        assert "✔ MET" in text

        # A new game goes back to the start screen.
        await press(pilot, "n")
        assert isinstance(app.screen, StartScreen)


async def choose_vote_yes(pilot) -> None:  # type: ignore[no-untyped-def]
    """In the prefilled vote form, change the vote to yes with the keyboard and add it."""
    app = app_of(pilot)
    form = app.screen
    assert isinstance(form, FormDialog)
    form.query_one("#field-vote").focus()
    await press(pilot, "enter", "up", "enter")  # from no, one up is yes
    assert form.answers()["vote"] == "yes"
    await press(pilot, "ctrl+s")
    assert isinstance(app.screen, OrdersScreen)


async def test_quit_asks_first_and_escape_keeps_playing(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "ctrl+q")
        assert "Quit wargame?" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, CurtainScreen)
        await press(pilot, "ctrl+q", "y")
        await pilot.pause()
    assert app.return_code in (0, None)


async def test_curtain_escape_goes_back_to_board_and_o_continues(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape")  # the briefings can wait: b on the board
        await start_orders(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
        assert "Waiting for France" in all_text(app)
        await press(pilot, "o")
        assert isinstance(app.screen, CurtainScreen)
        await choose_nothing(pilot)


async def choose_nothing(pilot) -> None:  # type: ignore[no-untyped-def]
    """Enter the orders screen, start editing an order and back out (the order stays),
    then hide the screen again: the curtain comes back, the order still pending."""
    app = app_of(pilot)
    await press(pilot, "enter")
    await add_order(pilot, "vote", draft="", vote="")  # nothing tabled: refused, stays open
    assert isinstance(app.screen, FormDialog)
    await press(pilot, "escape")
    await add_order(pilot, "pass")
    await press(pilot, "e")
    assert isinstance(app.screen, FormDialog) and app.screen.spec.key == "pass"
    await press(pilot, "escape")
    assert isinstance(app.screen, OrdersScreen)
    assert app.session.orders("fr")[0].text() == "fr pass"  # type: ignore[union-attr]
    await press(pilot, "h")
    assert isinstance(app.screen, CurtainScreen)
