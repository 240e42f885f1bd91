"""Start-up: the first screen is drawn before anything it does not need is loaded.

The times themselves are measured by tests/benchmarks/bench_ui.py (a busy
machine makes any time assertion flaky); these tests check the order of work.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App, RenderableType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button

import wargame.ui.app
from tests.ui.support import make_app, press, settled_start
from tests.ui.test_replay import golden, on_replay, replay_app
from wargame import cli
from wargame.ui.app import WargameApp
from wargame.ui.screens.start import StartScreen

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pydantic", "wargame.engine", "wargame.scenario", "wargame.game", "wargame.saves.store")


async def validated_soon(pilot: Pilot[object], screen: StartScreen) -> None:
    """Let the app run until the screen has validated its scenario (a bounded number of
    turns of its event loop: waiting on the state, not on a time)."""
    for _ in range(100):
        if screen.loaded is not None:
            return
        await pilot.pause()
    raise AssertionError("the scenario shown was never validated")


def test_what_play_imports_before_its_first_screen_leaves_the_engine_out() -> None:
    """`wargame play` imports wargame.cli and wargame.ui.app, then draws: no engine, no pydantic."""
    code = (
        "import json, sys\n"
        "import wargame.cli, wargame.ui.app\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = json.loads(out.stdout)
    assert "textual.app" in loaded  # the check sees what is imported
    assert [m for m in loaded if m.startswith(HEAVY)] == []


async def test_the_scenario_shown_is_validated_after_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    display = WargameApp._display  # Textual's own: called with each frame (headless too),
    # it draws nothing while the app is batching updates (as it does while starting)
    validate = StartScreen._validate

    def displayed(app: WargameApp, screen: Screen[object], update: RenderableType | None) -> None:
        drawn = update is not None and not app._batch_count  # within a batch, nothing is
        if isinstance(screen, StartScreen) and drawn and "frame" not in order:
            order.append("frame")
        display(app, screen, update)

    def validated(screen: StartScreen) -> bool:
        order.append("validate")
        return validate(screen)

    async def form(screen: StartScreen) -> None:
        if not screen.form_shown:
            order.append("form")
        await show_form(screen)

    show_form = StartScreen.show_form
    monkeypatch.setattr(WargameApp, "_display", displayed)
    monkeypatch.setattr(StartScreen, "_validate", validated)
    monkeypatch.setattr(StartScreen, "show_form", form)
    app = make_app("flagship", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await validated_soon(pilot, screen)
        # the first frame has no seat rows, PIN fields nor buttons (their lines are kept
        # free); they come next, drawn before the validation
        assert order[:3] == ["frame", "form", "validate"]
        assert screen.card is not None and screen.loaded is not None
        assert screen.loaded.path == screen.card.path
        assert len(screen.query(".player")) == len(screen.card.seats)
        assert [b.id for b in screen.query(Button)] == ["start", "resume", "replay"]
        assert [i.id for i in screen.query("#pin-row Input")] == ["pin", "pin-again"]


async def test_a_start_screen_after_a_game_validates_its_scenario(tmp_path: Path) -> None:
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.new_game()  # what the end screen's "new game" does
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen) and screen.validate_on_mount
        await validated_soon(pilot, screen)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, StartScreen)


async def test_a_start_screen_covered_before_its_first_frame_finishes_once_shown(
    tmp_path: Path,
) -> None:
    """`wargame replay` opens the replay over the start screen before it is ever drawn:
    leaving the replay shows the seats' rows, validates, and offers the bot levels."""
    app = replay_app(golden(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await on_replay(pilot)
        start = app.screen_stack[-2]
        assert isinstance(start, StartScreen) and not start.form_shown
        await press(pilot, "escape")
        await settled_start(pilot)
        assert app.screen is start and start.form_shown and start.levels
        assert start.loaded is not None and start.card is not None
        assert len(start.query(".player")) == len(start.card.seats)


async def test_the_app_turns_the_collector_back_on_after_its_first_frame(tmp_path: Path) -> None:
    """`wargame play` starts with the garbage collector off (start-up allocates much and
    frees almost nothing); the first frame drawn turns it back on."""
    gc.disable()
    try:
        app = make_app("tutorial", tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settled_start(pilot)
            assert gc.isenabled()
    finally:
        gc.enable()


def test_play_runs_the_app_with_the_collector_off_and_leaves_it_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    class Stand(App[None]):
        def run(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
            seen.append(gc.isenabled())

    monkeypatch.setattr(wargame.ui.app, "WargameApp", lambda *a, **k: Stand())
    try:
        assert cli.main(["play", "tutorial", "--dir", str(tmp_path)]) == 0
        assert seen == [False]
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
