"""No terminal escape reaches the screen: what a file holds, what a player pastes.

Every screen a game goes through is rendered and its strips (the text Textual
writes to the terminal) searched for raw control characters; the widgets' text
(scrolled away, other tabs) too. Hostile text comes from an unvalidated
scenario card, from a log an old save may hold (the engine accepts any quoted
text), and from a player's paste, which the input fields and the session refuse.
The grammar now refuses control characters in a log line, so escapes are put
into a game's events past it (`past_the_grammar`): the screens must stay inert
whatever the engine holds.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.app import App
from textual.widgets import Input

from tests.escapes import ALL, raw_controls, toml_string
from tests.ui.flows import start_game, table
from tests.ui.support import all_text, make_app, press, settled_start
from wargame.control_chars import visible
from wargame.engine.orders import Control, parse_line
from wargame.game import Game, GameError
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.end import EndScreen
from wargame.ui.screens.facilitator import FacilitatorScreen
from wargame.ui.screens.orders import OrdersScreen
from wargame.ui.screens.start import StartScreen

VALID = Path(__file__).parents[1] / "scenario" / "valid_minimal.toml"
SHOWN = visible(ALL)


def past_the_grammar(game: Game, line: str) -> None:
    """Apply `line` with PAYLOAD in its text replaced by every escape (tests/escapes.py).

    The grammar refuses such a line, so the parsed action is changed and given to
    the game's rules directly: what an engine bug or a save from before the grammar
    refused escapes could hold.
    """
    parsed = parse_line(line)
    assert not isinstance(parsed, Control)
    texts = {
        field.name: value.replace("PAYLOAD", ALL)
        for field in dataclasses.fields(parsed)
        if isinstance(value := getattr(parsed, field.name), str) and "PAYLOAD" in value
    }
    assert texts, line
    game._action(dataclasses.replace(parsed, **texts))


def rendered(app: App[object]) -> str:
    """The text of every segment of the screen as the terminal gets it."""
    strips = app.screen._compositor.render_strips()
    return "".join(segment.text for strip in strips for segment in strip)


def assert_inert(app: App[object]) -> None:
    on_screen = rendered(app)
    assert not raw_controls(on_screen), repr(on_screen)
    everywhere = all_text(app)
    assert not raw_controls(everywhere), [c for c in raw_controls(everywhere)]


async def test_a_refused_file_shows_its_problems_inert(tmp_path: Path) -> None:
    text = VALID.read_text(encoding="utf-8")
    text = text.replace('title = "Minimal test scenario"', f"title = {toml_string(ALL)}")
    text = text.replace(
        'summary = "Five seats, one draft, two endings."', f"summary = {toml_string(ALL)}"
    )
    text = text.replace('name = "Russia"\npc', f"name = {toml_string(ALL)}\npc")
    text = text.replace("assets = { troops = 90000 }", f"assets = {{ {toml_string(ALL)} = 1 }}")
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    app = make_app(str(path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "control character U+001B is" in rendered(app)
        assert f'seats[3].assets."{SHOWN}": control character' in all_text(app)
        assert "hostile.toml (cannot be played)" in rendered(app)
        assert "Minimal" not in all_text(app)  # nothing of a refused file is shown
        assert_inert(app)


async def test_pasted_escapes_are_refused_by_the_fields_and_the_session(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled_start(pilot)
        name = app.screen.query_one("#player-fr", Input)
        name.insert_text_at_cursor(f"Ann{ALL}")  # what a paste does
        await pilot.pause()
        assert name.value == ""
        await start_game(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
        session = app.session
        assert session is not None
        line = f'fr redline r1 "{ALL}" tags=ceasefire'
        assert session.why_not("fr", line) == "control character U+001B is not allowed"
        try:
            session.apply(line)
        except GameError as error:
            assert str(error) == "control character U+001B is not allowed"
        else:
            raise AssertionError("the session accepted a line holding escapes")
        assert not any(raw_controls(entry) for entry in session.game.log)


async def test_escapes_in_a_log_show_inert_on_every_screen(tmp_path: Path) -> None:
    """What an old save may hold: the engine accepts any quoted text in a log line."""
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await start_game(pilot, seed=3)
        await press(pilot, "escape")
        await table(
            pilot, "redline", seat="uk", red_line="r1", title="plain words", tags="ceasefire"
        )
        session = app.session
        assert session is not None
        game = session.game
        tabled = game.log[-1]
        assert "plain words" in tabled
        past_the_grammar(game, tabled.replace("r1", "r2").replace("plain words", "PAYLOAD"))
        past_the_grammar(game, 'facilitator adjust tension +1 "PAYLOAD"')
        app.show_board()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        for tab in "1234":
            await press(pilot, tab)
            assert_inert(app)
        assert SHOWN in all_text(app)
        await press(pilot, "f")
        assert isinstance(app.screen, FacilitatorScreen)
        assert_inert(app)
        await press(pilot, "escape")
        past_the_grammar(game, f'facilitator end {game.scenario.endings[0].id} "PAYLOAD"')
        app.show_board()
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert SHOWN in all_text(app)
        assert_inert(app)


async def test_an_order_with_escapes_from_an_old_save_edits_inert(tmp_path: Path) -> None:
    app = make_app("flagship", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await start_game(pilot, seed=5)
        await press(pilot, "escape")
        session = app.session
        assert session is not None
        session.apply("orders")
        past_the_grammar(session.game, 'fr argue evidence "PAYLOAD"')
        app.next_orders()
        await pilot.pause()
        await press(pilot, "enter")
        assert isinstance(app.screen, OrdersScreen) and app.screen.seat == "fr"
        assert_inert(app)
        await press(pilot, "e")
        assert isinstance(app.screen, FormDialog)
        assert SHOWN in all_text(app)
        assert_inert(app)
