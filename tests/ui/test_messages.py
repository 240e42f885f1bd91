"""Screens ask the app to move the game on by posting typed messages (STYLE.md 13:
messages up); they never call the app's own methods."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App
from textual.message import Message

import wargame.ui
from tests.ui.flows import choose, start_game
from tests.ui.support import make_app, press
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.briefing import BriefingScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.facilitator import FacilitatorScreen
from wargame.ui.screens.game_screen import GameScreen
from wargame.ui.screens.start import StartScreen

UI = Path(wargame.ui.__file__).parent
APP_STATE_READ = {"session"}
"""What of the app's own a game screen may read (GameScreen.session), never call."""


def _is_app(node: ast.expr) -> bool:
    """`self.app`, or `cast(..., self.app)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "cast":
        return len(node.args) == 2 and _is_app(node.args[1])
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "app"
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def app_uses(source: str) -> list[tuple[int, str, bool]]:
    """(line, attribute, called) for every attribute taken from the app in `source`."""
    tree = ast.parse(source)
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return sorted(
        (node.lineno, node.attr, id(node) in called)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and _is_app(node.value)
    )


def test_app_uses_sees_calls_and_reads() -> None:
    source = "self.app.next_orders()\ncast('X', self.app).session\nself.app.notify('x')\n"
    assert app_uses(source) == [
        (1, "next_orders", True),
        (2, "session", False),
        (3, "notify", True),
    ]


def test_no_screen_or_widget_calls_the_apps_own_methods() -> None:
    wrong = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "app.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "type: ignore[attr-defined]" in text:
            wrong.append(f"{path.name}: type: ignore[attr-defined]")
        for line, attr, call in app_uses(text):
            textual_api = hasattr(App, attr)
            if not textual_api and (call or attr not in APP_STATE_READ):
                wrong.append(f"{path.name}:{line}: self.app.{attr}")
    assert not wrong, "post a message the app handles instead:\n" + "\n".join(wrong)


async def test_screens_post_messages_the_app_acts_on(tmp_path: Path) -> None:
    posted: list[Message] = []

    def hook(message: Message) -> None:
        ours = type(message).__qualname__.split(".")[0] in {
            "StartScreen",
            "GameScreen",
            "BoardScreen",
        }
        if ours and not any(message is seen for seen in posted):  # the hook sees each hop
            posted.append(message)

    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await pilot.pause()
        await start_game(pilot, seed=11, fr="Alice")
        starts = [m for m in posted if isinstance(m, StartScreen.StartGame)]
        assert len(starts) == 1
        setup = starts[0].setup
        assert (setup.seed, setup.players["fr"]) == (11, "Alice")
        assert setup.loaded.scenario.id == "tutorial"
        assert isinstance(app.screen, CurtainScreen)
        await press(pilot, "escape")  # from the first curtain to the board
        assert isinstance(app.screen, BoardScreen)

        await press(pilot, "f")
        assert isinstance(posted[-1], BoardScreen.OpenFacilitator)
        assert isinstance(app.screen, FacilitatorScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)

        await press(pilot, "b")
        await choose(pilot, "ua")
        assert isinstance(posted[-1], BoardScreen.ShowBriefing) and posted[-1].seat == "ua"
        assert isinstance(app.screen, CurtainScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, BriefingScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, BoardScreen)

        await press(pilot, "o", "y")
        assert isinstance(posted[-1], GameScreen.NextOrders)
        assert isinstance(app.screen, CurtainScreen)
