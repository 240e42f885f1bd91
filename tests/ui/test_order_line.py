"""The order line: a seat types an order in the one-line syntax, beside the forms."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.ui.flows import app_of, start_game, table
from tests.ui.support import all_text, make_app, press, type_text
from wargame.ui.screens.orders import OrdersScreen


async def open_france(pilot) -> OrdersScreen:  # type: ignore[no-untyped-def]
    """A new tutorial game, cf tabled; France's orders, the order line focused (l)."""
    app = app_of(pilot)
    await start_game(pilot)
    await press(pilot, "escape")
    await table(pilot, "table", seat="fr", draft="cf")
    await press(pilot, "o", "enter", "enter")
    assert isinstance(app.screen, OrdersScreen) and app.screen.seat == "fr"
    await press(pilot, "l")
    assert isinstance(app.screen.focused, Input) and app.screen.focused.id == "order-line"
    return app.screen


def orders_of(pilot, seat: str) -> list[str]:  # type: ignore[no-untyped-def]
    session = app_of(pilot).session
    assert session is not None
    return [order.text() for order in session.orders(seat)]


async def test_a_typed_order_is_added_with_or_without_the_seat(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_france(pilot)
        await type_text(pilot, "vote cf yes")
        await press(pilot, "enter")
        assert orders_of(pilot, "fr") == ["fr vote cf yes"]
        line = screen.query_one("#order-line", Input)
        assert line.value == "" and screen.focused is line  # ready for the next one
        assert "Added: fr vote cf yes" in all_text(app)
        await type_text(pilot, "fr pass")
        await press(pilot, "enter")
        assert orders_of(pilot, "fr") == ["fr vote cf yes", "fr pass"]


async def test_a_refused_line_shows_the_engines_reason_and_stays(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_france(pilot)
        for typed, words in [
            ("vote pk yes", "pk"),  # not tabled: the engine's reason names it
            ("vote cf perhaps", "perhaps"),  # the grammar's reason
            ("uk pass", "this order is for uk"),  # another seat's order
            ("table pk", "not a sealed order"),  # a public action
        ]:
            line = screen.query_one("#order-line", Input)
            line.value = ""
            await type_text(pilot, typed)
            await press(pilot, "enter")
            shown = all_text(app)
            assert "Refused:" in shown and words in shown, (typed, shown)
            assert line.value == typed  # kept, to fix it
        assert orders_of(pilot, "fr") == []
        assert orders_of(pilot, "uk") == []


async def test_the_order_line_completes_verbs_and_ids(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_france(pilot)
        line = screen.query_one("#order-line", Input)
        await type_text(pilot, "vo")
        await pilot.pause()
        await press(pilot, "right")
        assert line.value == "vote"
        await type_text(pilot, " c")
        await pilot.pause()
        await press(pilot, "right")
        assert line.value == "vote cf"
        await type_text(pilot, " y")
        await pilot.pause()
        await press(pilot, "right")
        assert line.value == "vote cf yes"
        await press(pilot, "enter")
        assert orders_of(pilot, "fr") == ["fr vote cf yes"]


async def test_the_secretariat_is_offered_its_own_verbs_only(tmp_path: Path) -> None:
    from wargame.ui.widgets.order_line import completions

    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        session = app.session
        assert session is not None
        scenario = session.game.scenario
        assert "mediate" in completions([], session.view("un"), scenario, "un")
        assert "mediate" not in completions([], session.view("ua"), scenario, "ua")
        assert "vote" not in completions([], session.view("un"), scenario, "un")


async def test_escape_in_the_order_line_goes_back_to_the_list_not_the_curtain(
    tmp_path: Path,
) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_france(pilot)
        await press(pilot, "escape")
        assert app.screen is screen
        assert screen.focused is screen.query_one("#order-list")
        await press(pilot, "escape")
        assert not isinstance(app.screen, OrdersScreen)
