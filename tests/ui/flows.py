"""Steps of a game as players take them at the keyboard, for the Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from tests.ui.support import press, screen_text, settled_start
from wargame.ui.app import WargameApp
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.briefing import BriefingScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.orders import OrdersScreen


def app_of(pilot: Pilot[object]) -> WargameApp:
    app = pilot.app
    assert isinstance(app, WargameApp)
    return app


async def start_game(pilot: Pilot[object], seed: int = 7, **players: str) -> None:
    """On the start screen: name players, set the seed, start (ctrl+s)."""
    app = app_of(pilot)
    await settled_start(pilot)
    for seat, name in players.items():
        app.screen.query_one(f"#player-{seat}", Input).value = name
    app.screen.query_one("#seed", Input).value = str(seed)
    await press(pilot, "ctrl+s")


async def read_briefings(pilot: Pilot[object], check=None) -> None:  # type: ignore[no-untyped-def]
    """Pass every seat's curtain and briefing; `check(app, seat)` runs on each briefing."""
    app = app_of(pilot)
    assert app.session is not None
    for seat in app.session.seats:
        assert isinstance(app.screen, CurtainScreen), type(app.screen)
        if check is not None:
            check(app, None)
        await press(pilot, "enter")
        assert isinstance(app.screen, BriefingScreen)
        if check is not None:
            check(app, seat)
        await press(pilot, "enter")
    assert isinstance(app.screen, BoardScreen)


async def choose(pilot: Pilot[object], key: str) -> None:
    """In a ChooseDialog, move down to the item `key` and pick it with Enter."""
    app = app_of(pilot)
    dialog = app.screen
    assert isinstance(dialog, ChooseDialog), type(dialog)
    index = [value for value, _ in dialog.items].index(key)
    dialog.query_one(OptionList).highlighted = index
    await press(pilot, "enter")


async def fill(pilot: Pilot[object], submit: bool = True, **values: str) -> None:
    """Fill the open form's fields by name, then submit it (ctrl+s)."""
    app = app_of(pilot)
    form = app.screen
    assert isinstance(form, FormDialog), type(form)
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, Select):
            if value:
                widget.value = value
            else:
                widget.clear()
        else:
            assert isinstance(widget, Input)
            widget.value = value
    await pilot.pause()
    if submit:
        await press(pilot, "ctrl+s")


async def table(pilot: Pilot[object], form: str, **values: str) -> None:
    """On the board: t, pick the form, fill it, submit; the board is back."""
    await press(pilot, "t")
    await choose(pilot, form)
    await fill(pilot, **values)
    assert isinstance(app_of(pilot).screen, BoardScreen), screen_text(app_of(pilot))


async def add_order(pilot: Pilot[object], form: str, **values: str) -> None:
    """On the orders screen: a, pick the form, fill it, submit."""
    await press(pilot, "a")
    await choose(pilot, form)
    await fill(pilot, **values)


async def enter_orders(
    pilot: Pilot[object], seat: str, *orders: tuple[str, dict[str, str]]
) -> None:
    """Pass the curtain to `seat`, add its orders, submit (s, then y to confirm)."""
    app = app_of(pilot)
    assert isinstance(app.screen, CurtainScreen), type(app.screen)
    await press(pilot, "enter")
    assert isinstance(app.screen, OrdersScreen) and app.screen.seat == seat
    for form, values in orders:
        if form == "none":  # submit no order at all
            continue
        await add_order(pilot, form, **values)
        assert isinstance(app.screen, OrdersScreen), screen_text(app)
    await press(pilot, "s", "y")


async def start_orders(pilot: Pilot[object]) -> None:
    """On the board: o, confirm with y."""
    await press(pilot, "o", "y")
    assert isinstance(app_of(pilot).screen, CurtainScreen)


async def reveal_all(pilot: Pilot[object], step: bool = True) -> list[str]:
    """Resolve (Enter on the last curtain), step through the reveal (or skip to the
    report with r); returns each step's screen."""
    app = app_of(pilot)
    assert isinstance(app.screen, CurtainScreen)
    await press(pilot, "enter")
    if not step:
        await press(pilot, "r")
    shown = []
    for _ in range(200):
        text = screen_text(app)
        shown.append(text)
        if "Round report" in text and "Press Enter to continue" in text:
            break
        await press(pilot, "enter")
    await press(pilot, "enter")
    return shown
