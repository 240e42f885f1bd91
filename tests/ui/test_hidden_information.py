"""Hidden information: while a seat reads its briefing or enters its orders, nothing
of another seat's secrets (secret objectives, private briefing, pending orders)
is anywhere on the screen, in a hidden tab, a dialog or a notification, while
the seat's own secrets are there (so these checks can fail).

The flagship scenario is used: every seat has secret objectives.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.ui.flows import (
    add_order,
    app_of,
    choose,
    fill,
    read_briefings,
    start_game,
    start_orders,
)
from tests.ui.support import all_text, contains, make_app, press
from wargame.scenario_files import load
from wargame.ui.app import WargameApp
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.orders import OrdersScreen

SCENARIO = load("flagship").scenario
SEATS = [s.id for s in SCENARIO.seats]
PUBLIC = {o.text for s in SCENARIO.seats for o in s.objectives if not o.secret}


def secret_objectives(seat: str) -> list[str]:
    return [
        o.text
        for s in SCENARIO.seats
        if s.id == seat
        for o in s.objectives
        if o.secret and o.text not in PUBLIC
    ]


def briefing_of(seat: str) -> str:
    """A distinctive opening of the seat's private briefing."""
    text = next(s.briefing for s in SCENARIO.seats if s.id == seat).strip()
    return text[:70]


def argument_of(seat: str) -> str:
    return f"Sealed argument of {seat}: the envoy has proof {seat.upper()}-7731"


def order_lines_of(seat: str) -> list[str]:
    return [argument_of(seat), f"{seat} argue evidence", f"{seat} pledge zz{seat}"]


def secrets_of(seat: str, with_orders: bool) -> list[str]:
    found = [*secret_objectives(seat), briefing_of(seat)]
    return found + (order_lines_of(seat) if with_orders else [])


def assert_only(app: WargameApp, seat: str | None, sealed: set[str], where: str) -> None:
    """Nothing secret of other seats (and their sealed orders); `seat`'s own secrets shown."""
    text = all_text(app)
    for other in SEATS:
        if other == seat:
            continue
        for needle in secrets_of(other, with_orders=other in sealed):
            assert not contains(text, needle), f"{where}: {other}'s secret {needle!r} is shown"
    if seat is not None:
        for needle in [*secret_objectives(seat), briefing_of(seat)]:
            assert contains(text, needle), f"{where}: {seat}'s own {needle!r} is missing"


async def test_each_seat_sees_only_its_own_secrets(tmp_path: Path) -> None:
    app = make_app("flagship", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot, seed=11)

        def check_briefing(app: WargameApp, seat: str | None) -> None:
            assert_only(app, seat, set(), f"briefing of {seat}" if seat else "curtain")

        await read_briefings(pilot, check_briefing)
        assert_only(app, None, set(), "board")
        await start_orders(pilot)

        sealed: set[str] = set()
        for seat in SEATS:
            await enter_secret_orders(pilot, seat, sealed)
            sealed.add(seat)
            assert isinstance(app.screen, CurtainScreen)
            assert_only(app, None, sealed, f"curtain after {seat} submitted")


async def enter_secret_orders(pilot: Pilot[object], seat: str, sealed: set[str]) -> None:
    """Enter `seat`'s orders, checking every screen and dialog on the way."""
    app = app_of(pilot)
    assert isinstance(app.screen, CurtainScreen)
    assert_only(app, None, sealed, f"curtain before {seat}")
    await press(pilot, "enter")
    assert isinstance(app.screen, OrdersScreen)
    assert_only(app, seat, sealed, f"orders of {seat}")  # hidden tabs included

    await press(pilot, "a")
    assert isinstance(app.screen, ChooseDialog)
    assert_only(app, seat, sealed, f"order menu of {seat}")
    await choose(pilot, "argue")
    assert isinstance(app.screen, FormDialog)
    assert_only(app, seat, sealed, f"argument form of {seat}")
    form = app.screen
    await fill(pilot, submit=False, option="evidence", argument=argument_of(seat))
    assert_only(app, seat, sealed, f"argument written by {seat}")
    await press(pilot, "ctrl+s")
    assert isinstance(app.screen, OrdersScreen), form.query_one("#error").content
    if seat in ("fr", "uk"):
        await add_order(
            pilot, "pledge", pledge=f"zz{seat}", asset="troops", amount="100", target="coalition"
        )
        assert isinstance(app.screen, OrdersScreen)
    text = all_text(app)
    for needle in order_lines_of(seat)[: 3 if seat in ("fr", "uk") else 2]:
        assert contains(text, needle), f"{seat}'s own order {needle!r} is missing"
    assert_only(app, seat, sealed, f"orders of {seat} with its orders")

    if not sealed:  # the help screen over the first seat's orders
        await press(pilot, "question_mark")
        assert_only(app, seat, sealed, f"help over the orders of {seat}")
        await press(pilot, "escape")
    await press(pilot, "s")
    assert_only(app, seat, sealed, f"submit question of {seat}")
    await press(pilot, "y")


async def test_board_between_rounds_shows_no_secret(tmp_path: Path) -> None:
    """After a resolution, the public board and the news hold no secret objective
    (the orders themselves are public once resolved)."""
    app = make_app("flagship", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot, seed=3)
        await read_briefings(pilot)
        session = app.session
        assert session is not None
        session.apply("orders")
        for seat in SEATS:
            session.apply(f'{seat} argue evidence "{argument_of(seat)}"')
            session.apply(f"{seat} submit")
        session.apply("resolve")
        app.show_board()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        for tab in ("1", "2", "3", "4"):
            await press(pilot, tab)
            text = all_text(app)
            for seat in SEATS:
                for needle in [*secret_objectives(seat), briefing_of(seat)]:
                    assert not contains(text, needle), f"board tab {tab}: {needle!r}"
