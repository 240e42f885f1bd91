"""Focus goes where the player expects: Enter confirms what they started."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Select

from tests.ui.flows import add_order, app_of, choose, start_game, table
from tests.ui.support import make_app, press, screen_text, settled_start
from wargame.engine.state import Phase
from wargame.scenario_files import load as load_scenario
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.end import places
from wargame.ui.screens.orders import OrdersScreen
from wargame.ui.screens.start import GameSetup


async def test_enter_on_close_negotiation_confirms_it(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
        await press(pilot, "o")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert isinstance(dialog.focused, Button) and dialog.focused.id == "yes"
        await press(pilot, "enter")
        assert isinstance(app.screen, CurtainScreen)
        assert app.session is not None and app.session.phase is Phase.ORDERS


async def test_enter_on_submit_orders_submits_them(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape", "o", "enter", "enter")
        orders = app.screen
        assert isinstance(orders, OrdersScreen)
        seat = orders.seat
        await press(pilot, "s")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "enter")
        assert isinstance(app.screen, CurtainScreen)
        assert app.session is not None and seat in app.session.game.submitted


async def test_escape_still_cancels_a_confirmation(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape", "o", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert app.session is not None and app.session.phase is Phase.NEGOTIATION


async def test_the_palettes_quit_asks_first_like_ctrl_q(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape")
        quits = [c for c in app.get_system_commands(app.screen) if c.title == "Quit"]
        assert len(quits) == 1
        quits[0].callback()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), type(app_of(pilot).screen)
        assert "Quit wargame?" in app.screen.question
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)


async def _orders_screen(pilot) -> OrdersScreen:  # type: ignore[no-untyped-def]
    """From a new tutorial game: table the ceasefire call, open France's orders."""
    app = app_of(pilot)
    await start_game(pilot)
    await press(pilot, "escape")
    await table(pilot, "table", seat="fr", draft="cf")
    await press(pilot, "o", "enter", "enter")
    assert isinstance(app.screen, OrdersScreen)
    return app.screen


async def test_the_edit_form_says_edit_and_opens_on_its_first_field(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _orders_screen(pilot)
        await add_order(pilot, "vote", draft="cf", vote="no")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, FormDialog)
        shown = screen_text(app)
        assert "Edit order" in shown and "Add order" not in shown
        assert form.focused is form.query_one("#field-draft")


async def test_picking_from_a_dropdown_keeps_the_focus_there(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _orders_screen(pilot)
        await press(pilot, "a")
        await choose(pilot, "vote")
        form = app.screen
        assert isinstance(form, FormDialog)
        vote = form.query_one("#field-vote", Select)
        vote.focus()
        await press(pilot, "enter", "down", "enter")
        assert form.focused is vote and vote.value != Select.NULL


def test_tied_scores_share_a_place() -> None:
    assert places([5, 5, 5, 5]) == ["=1", "=1", "=1", "=1"]
    assert places([9, 4, 4, 1]) == ["1", "=2", "=2", "4"]
    assert places([3, 2, 1]) == ["1", "2", "3"]


async def test_the_council_vote_column_is_not_cut_by_a_long_draft_id(tmp_path: Path) -> None:
    app = make_app("flagship", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.begin_game(GameSetup(load_scenario("flagship"), {}, seed=3))
        session = app.session
        assert session is not None
        for line in ["fr table ceasefire_call", "orders", "fr vote ceasefire_call yes"]:
            session.apply(line)
        for seat in session.seats:
            session.apply(f"{seat} submit")
        session.apply("resolve")
        app.show_board()
        await pilot.pause()
        shown = screen_text(app)
        assert "Security Council: last vote on ceasefire_call" in shown
        header = next(x for x in shown.splitlines() if "Member (* at the table)" in x)
        assert "P5  Last vote" in header


async def test_at_80x24_tab_reaches_the_start_button_and_the_column_scrolls(
    tmp_path: Path,
) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled_start(pilot)
        left = app.screen.query_one("#left")
        assert left.show_vertical_scrollbar  # there is more below, and it says so
        for _ in range(20):
            focused = app.screen.focused
            if focused is not None and focused.id == "start":
                break
            await press(pilot, "tab")
        start = app.screen.query_one("#start", Button)
        assert app.screen.focused is start
        await pilot.pause()
        visible = start.region.intersection(app.screen.region)
        assert visible.height == 1 and visible.y < 23  # on screen, above the key bar
        await press(pilot, "enter")
        assert app.session is not None
