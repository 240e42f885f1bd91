"""Help (?) and the command palette list the same actions on every screen; the
facilitator's desk acts through the engine and asks before irreversible acts."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList, TabbedContent

from tests.ui.flows import app_of, choose, fill, start_game
from tests.ui.support import all_text, make_app, press, screen_text
from wargame.engine import Phase
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.briefing import BriefingScreen
from wargame.ui.screens.end import EndScreen
from wargame.ui.screens.facilitator import FacilitatorScreen
from wargame.ui.screens.help import HelpScreen
from wargame.ui.screens.orders import OrdersScreen
from wargame.ui.screens.reveal import RevealScreen
from wargame.ui.screens.start import StartScreen
from wargame.ui.widgets.timer import NegotiationTimer


async def check_help_and_palette(pilot: Pilot[object], screen_type: type) -> None:
    """`?` lists every described key of the screen; the palette offers each of them."""
    app = app_of(pilot)
    assert isinstance(app.screen, screen_type), type(app.screen)
    screen = app.screen
    actions = app.screen_actions(screen)
    assert actions, f"{screen_type.__name__} has no described keys"
    descriptions = {description for _, description, _ in actions}
    palette = {command.title for command in app.get_system_commands(screen)}
    assert descriptions <= palette, descriptions - palette
    await press(pilot, "question_mark")
    assert isinstance(app.screen, HelpScreen)
    text = all_text(app)
    for keys, description, _ in actions:
        assert f"{keys}" in text and description in text, (keys, description)
    await press(pilot, "escape")
    assert app.screen is screen
    await press(pilot, "ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await press(pilot, "escape")
    assert app.screen is screen


async def test_help_and_palette_on_every_screen(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await check_help_and_palette(pilot, StartScreen)
        await start_game(pilot)
        await press(pilot, "escape")  # from the first curtain to the board
        await check_help_and_palette(pilot, BoardScreen)
        session = app.session
        assert session is not None
        app.show_briefing("ru", then=app.show_board)
        await press(pilot, "enter")
        await check_help_and_palette(pilot, BriefingScreen)
        await press(pilot, "enter")
        await press(pilot, "f")
        await check_help_and_palette(pilot, FacilitatorScreen)
        await press(pilot, "escape")
        session.apply("orders")
        app.next_orders()
        await press(pilot, "enter")
        await check_help_and_palette(pilot, OrdersScreen)
        for seat in session.seats:
            session.apply(f"{seat} submit")
        app.next_orders()
        await press(pilot, "enter")
        await check_help_and_palette(pilot, RevealScreen)
        session.apply('facilitator end practice "time is up"')
        app.show_board()
        await pilot.pause()
        await check_help_and_palette(pilot, EndScreen)


async def test_a_palette_command_runs_the_screens_action(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape")
        board = app.screen
        assert isinstance(board, BoardScreen)
        command = next(c for c in app.get_system_commands(board) if c.title == "News tab")
        command.callback()
        await pilot.pause()
        assert board.query_one("#tabs", TabbedContent).active == "tab-news"


async def open_desk(pilot: Pilot[object], act: str) -> FormDialog:
    app = app_of(pilot)
    if not isinstance(app.screen, FacilitatorScreen):
        await press(pilot, "f")
    desk = app.screen
    assert isinstance(desk, FacilitatorScreen)
    options = desk.query_one("#acts")
    index = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == act)
    options.highlighted = index
    await press(pilot, "enter")
    assert isinstance(app.screen, FormDialog)
    return app.screen


async def test_facilitator_adjusts_a_track_and_the_board_shows_it(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape")
        await open_desk(pilot, "adjust")
        assert "Apply" in screen_text(app)
        await fill(pilot, track="tension", delta="+7", reason="the talks stall")
        assert isinstance(app.screen, FacilitatorScreen)
        assert "57/100" in all_text(app)
        assert "the talks stall" in all_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
        assert "57/100" in all_text(app)
        assert app.session is not None
        assert app.session.game.log[-1] == 'facilitator adjust tension +7 "the talks stall"'


async def test_facilitator_refusal_shows_the_engines_reason(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape")
        await open_desk(pilot, "event")
        await fill(pilot, title="Storm", effects="tension +== 5", reason="weather")
        assert isinstance(app.screen, FormDialog)
        assert "Refused: the effect" in all_text(app)


async def test_ending_the_game_asks_first_then_shows_the_end(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape")
        await open_desk(pilot, "end")
        await fill(pilot, ending="practice", reason="out of time")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "escape")  # no: the form is still there, nothing happened
        assert isinstance(app.screen, FormDialog)
        assert app.session is not None and app.session.phase is Phase.NEGOTIATION
        await press(pilot, "ctrl+s", "y")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "The facilitator ended the game: out of time" in all_text(app)


async def test_rewind_goes_back_to_the_start_of_a_round(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape")
        session = app.session
        assert session is not None
        session.game.play_round({"fr": ["fr pass"]})
        app.show_board()
        await pilot.pause()
        assert "Round 2 of 3" in screen_text(app)
        await open_desk(pilot, "rewind")
        await fill(pilot, round="1", reason="a misread order")
        await press(pilot, "y")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "Round 1 of 3" in screen_text(app)


async def test_facilitator_timer_set_pause_extend(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    app.timer.clock = lambda: 1000.0  # time stands still: a busy machine changes nothing
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_game(pilot)
        await press(pilot, "escape", "f")
        desk = app.screen
        options = desk.query_one("#acts", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("timer_set")
        await press(pilot, "enter")  # from the desk's list (m does the same)
        await choose(pilot, "180")
        assert "Negotiation time left 3:00" in screen_text(app)
        await press(pilot, "p")
        assert "Timer paused" in screen_text(app)
        await press(pilot, "x", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert "Timer paused at 5:00" in screen_text(app)


def test_timer_counts_down_pauses_and_extends() -> None:
    now = [100.0]
    timer = NegotiationTimer(clock=lambda: now[0])
    assert timer.text().plain == "" and not timer.active
    timer.set(60)
    now[0] += 15
    assert timer.text().plain == "Negotiation time left 0:45"
    timer.pause()
    now[0] += 100
    assert timer.text().plain == "Timer paused at 0:45"
    timer.resume()
    timer.extend(120)
    assert timer.left() == 165
    now[0] += 200
    assert timer.text().plain.startswith("TIME IS UP")
    timer.extend(30)  # from now, once time was up
    assert timer.left() == 30
    timer.clear()
    assert timer.left() is None
