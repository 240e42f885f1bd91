"""Two leaks measured with Textual 8.2.8, pinned down.

1. Textual's crash report prints the local variables of every frame, so a crash
   while a seat enters its orders could show another seat's sealed orders or
   every seat's secret objectives (the scenario) on the shared screen.
2. Text typed by players (names, draft titles, arguments) given to a widget as
   markup crashes the app (`[/closing]`) or forges an announcement
   (`[bold red]FRANCE VETOES[/]`): it must appear literally.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from tests.ui.flows import add_order, app_of, start_game, table
from tests.ui.support import all_text, make_app, press, screen_text
from wargame.scenario_files import load
from wargame.ui.app import WargameApp
from wargame.ui.screens import orders as orders_screen
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.orders import OrdersScreen

FLAGSHIP = load("flagship").scenario
FR_ARGUMENT = "France's sealed argument: Paris holds the intercept FR-4417"


def secret_texts(but: str) -> list[str]:
    """Secret objectives and private briefings of every seat except `but`."""
    out = []
    for seat in FLAGSHIP.seats:
        if seat.id == but:
            continue
        out += [o.text for o in seat.objectives if o.secret]
        out.append(seat.briefing.strip()[:60])
    return out


def unboxed(text: str) -> str:
    """Text without whitespace and box-drawing characters (U+2500 to U+257F)."""
    return "".join(c for c in text if not c.isspace() and not "\u2500" <= c <= "\u257f")


def rendered(renderables: list[object]) -> str:
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    for renderable in renderables:
        console.print(renderable)
    return console.export_text()


async def test_a_crash_during_order_entry_shows_no_other_seats_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    app = make_app("flagship", tmp_path)
    reports: list[str] = []

    def report_crash() -> None:
        WargameApp._fatal_error(app)  # what the app puts on the terminal
        reports.append(rendered(list(app._exit_renderables)))

    monkeypatch.setattr(app, "_fatal_error", report_crash)

    def exploding_forms(view, scenario, seat, pending=()):  # type: ignore[no-untyped-def]
        session = app.session
        assert session is not None
        sealed = session.game.sealed  # France's sealed orders, in scope
        everything = (scenario, sealed, session.game, view)  # noqa: F841 - locals a report may print
        raise RuntimeError("forced crash while the United Kingdom enters its orders")

    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await start_game(pilot, seed=5)
            await press(pilot, "escape")  # skip the briefings: straight to the board
            session = app.session
            assert session is not None
            session.apply("orders")
            session.apply(f'fr argue evidence "{FR_ARGUMENT}"')
            session.apply("fr pledge zzfr troops 100 to coalition")
            session.apply("fr submit")
            app.next_orders()
            await pilot.pause()
            assert isinstance(app.screen, CurtainScreen)
            await press(pilot, "enter")
            assert isinstance(app.screen, OrdersScreen) and app.screen.seat == "uk"
            monkeypatch.setattr(orders_screen, "order_forms", exploding_forms)
            await press(pilot, "a")
            await pilot.pause()
    except Exception:
        pass  # the crash itself is expected; what it printed is the point
    printed = "\n".join(reports) + capfd.readouterr().err
    assert "forced crash while the United Kingdom enters its orders" in printed
    flat = unboxed(printed)  # a report wraps long values inside its panels
    for needle in [FR_ARGUMENT, "zzfr", "fr argue", *secret_texts(but="uk")]:
        assert unboxed(needle) not in flat, f"the crash report shows {needle!r}"


MARKUP_NAMES = {"fr": "Alice [/closing]", "uk": "[bold red]FRANCE VETOES[/]"}


async def test_names_titles_and_arguments_with_markup_show_literally(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await start_game(pilot, **MARKUP_NAMES)
        assert "Pass the keyboard to France (Alice [/closing])" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)

        title = "[bold red]FRANCE VETOES[/] and [/closing]"
        await table(
            pilot, "write", seat="fr", draft="d1", title=title, procedural="substantive", tags=""
        )
        assert title in screen_text(app)
        await table(
            pilot, "redline", seat="uk", red_line="r1", title="[/] no [link=x]", tags="ceasefire"
        )
        assert "[/] no [link=x]" in screen_text(app)

        await press(pilot, "o", "y", "enter")
        assert isinstance(app.screen, OrdersScreen)
        assert "France (Alice [/closing]): sealed orders" in screen_text(app)
        await add_order(pilot, "vote", draft="d1", vote="yes")
        assert isinstance(app_of(pilot).screen, OrdersScreen)
        assert "fr vote d1 yes" in screen_text(app)
        await press(pilot, "question_mark")
        assert "Keys on this screen" in screen_text(app)
        await press(pilot, "escape")
        assert "[bold red]FRANCE VETOES[/]" in all_text(app)  # the board tab's draft title
