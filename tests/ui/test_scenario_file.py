"""A scenario file of the facilitator's own: the one named is the one shown and played,
and a file the loader refuses is refused in the app, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests.ui.flows import start_game
from tests.ui.support import all_text, contains, make_app, press, screen_text, type_text
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.start import StartScreen

VALID = Path(__file__).parents[1] / "scenario" / "valid_minimal.toml"


def own_file(tmp_path: Path, title: str = "Our own workshop") -> Path:
    path = tmp_path / "ours.toml"
    text = VALID.read_text(encoding="utf-8")
    path.write_text(text.replace("Minimal test scenario", title), encoding="utf-8")
    return path


def broken_file(tmp_path: Path, mistake: str) -> Path:
    text = VALID.read_text(encoding="utf-8")
    if mistake == "seats = 5":
        head, _, _ = text.partition("\n[[seats]]\n")
        _, _, tail = text.partition("\n[council]\n")
        head = head.replace("rounds = 8\n", "rounds = 8\nseats = 5\n")
        text = f"{head}\n[council]\n{tail}"
    else:
        text = text.replace('id = "uk"', 'id = "united kingdom"')
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_play_file_shows_selects_and_starts_that_file(tmp_path: Path) -> None:
    path = own_file(tmp_path)
    app = make_app(str(path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        options = screen.query_one("#scenarios", OptionList)
        assert options.highlighted is not None
        assert options.get_option_at_index(options.highlighted).id == str(path)
        assert "Our own workshop" in screen.query_one("#briefing").render().plain  # type: ignore[attr-defined]
        assert "Guarantees for Ukraine" in screen_text(app)  # the shipped ones are still listed
        await start_game(pilot, seed=4)
        assert isinstance(app.screen, CurtainScreen)
        assert app.session is not None
        assert app.session.game.scenario.title == "Our own workshop"


@pytest.mark.parametrize("mistake", ["seats = 5", "a seat id with a space"])
async def test_open_a_file_the_loader_refuses_shows_why_and_goes_on(
    tmp_path: Path, mistake: str
) -> None:
    bad = broken_file(tmp_path, mistake)
    good = own_file(tmp_path)
    app = make_app("tutorial", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        options = screen.query_one("#scenarios", OptionList)
        options.highlighted = options.option_count - 1  # "Open a scenario file…"
        await press(pilot, "enter")
        path_input = screen.query_one("#path", Input)
        assert path_input.has_focus
        await type_text(pilot, str(bad))
        await press(pilot, "enter")
        shown = all_text(app)
        assert "This scenario cannot be played" in shown
        if mistake == "seats = 5":
            line = f"{bad}:9: seats: must be a list of tables, each under a [[seats]] header"
        else:
            line = f"{bad}:64: seats[1].id: 'united kingdom' is not a valid id"
        assert contains(shown, line), shown
        await press(pilot, "ctrl+s")  # nothing to start: the refusal stays
        assert isinstance(app.screen, StartScreen)
        path_input.value = ""
        await type_text(pilot, str(good))
        await press(pilot, "enter")
        assert "Our own workshop" in all_text(app)
        await start_game(pilot, seed=4)
        assert app.session is not None
        assert app.session.game.scenario.title == "Our own workshop"
