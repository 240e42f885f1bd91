"""The start screen: pick a scenario, read its briefing, name the players, set a seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.problems import ProblemsError
from wargame.scenario_files import DEFAULT_SCENARIO, LoadedScenario, load, shipped
from wargame.ui.text import plain

OPEN_FILE = "__open_file__"


@dataclass(frozen=True)
class GameSetup:
    """What the start screen hands to the app."""

    loaded: LoadedScenario
    players: dict[str, str]
    seed: int


def briefing_text(loaded: LoadedScenario) -> Text:
    sc = loaded.scenario
    out = Text()
    out.append(f"{sc.title}\n", "bold")
    if sc.summary:
        out.append(f"{sc.summary}\n", "italic")
    out.append(f"\n{sc.rounds} rounds · seats: {', '.join(s.name for s in sc.seats)}\n\n")
    out.append(sc.briefing.strip() or "(no public briefing)")
    return out


class StartScreen(Screen[None]):
    """Choose, read, name, seed, start (or resume)."""

    CSS_PATH = "start.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start game"),
        Binding("ctrl+r", "resume", "Resume a save"),
    ]

    def __init__(self, initial: str | None = None) -> None:
        super().__init__()
        self.initial = initial or DEFAULT_SCENARIO
        self.loaded: LoadedScenario | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="columns"):
            with VerticalScroll(id="left"):
                yield Label(plain("Scenario", "bold"))
                options = []
                for path in shipped():
                    try:
                        sc = load(path).scenario
                    except ProblemsError:
                        continue
                    options.append(Option(plain(f"{sc.title} — {sc.summary}"), id=str(path)))
                options.append(Option(plain("Open a scenario file…"), id=OPEN_FILE))
                yield OptionList(*options, id="scenarios")
                yield Input(
                    placeholder="path/to/scenario.toml, then Enter", id="path", classes="hidden"
                )
                yield Label(plain("Players at each seat (optional)", "bold"), id="players-title")
                yield VerticalScroll(id="players")
                yield Label(plain("Seed (empty: random)", "bold"))
                yield Input(placeholder="random", id="seed", type="integer")
                yield Label(plain(""), id="error")
                with Horizontal(id="buttons"):
                    yield Button(plain("Start game"), variant="primary", id="start")
                    yield Button(plain("Resume a save"), id="resume")
                yield Label(plain("Replays will be watched from here too (coming later).", "dim"))
            with VerticalScroll(id="right"):
                yield Static(id="briefing")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#scenarios", OptionList)
        self._choose(self.initial)
        for index in range(options.option_count):
            option = options.get_option_at_index(index)
            if option.id and Path(option.id).stem == Path(self.initial).stem:
                options.highlighted = index
        options.focus()

    def _choose(self, name_or_path: str) -> None:
        error = self.query_one("#error", Label)
        try:
            self.loaded = load(name_or_path)
        except ProblemsError as problems:
            self.loaded = None
            error.update(plain("\n".join(str(p) for p in problems.problems[:8]), "bold red"))
            self.query_one("#briefing", Static).update(Text())
            return
        error.update(plain(""))
        self.query_one("#briefing", Static).update(briefing_text(self.loaded))
        self._seat_inputs()

    def _seat_inputs(self) -> None:
        box = self.query_one("#players", VerticalScroll)
        box.remove_children()
        assert self.loaded is not None
        for seat in self.loaded.scenario.seats:
            box.mount(Input(placeholder=f"{seat.name}: names", id=f"player-{seat.id}"))

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        path_input = self.query_one("#path", Input)
        if event.option.id == OPEN_FILE:
            path_input.remove_class("hidden")
            return
        path_input.add_class("hidden")
        if event.option.id and (self.loaded is None or str(self.loaded.path) != event.option.id):
            self._choose(event.option.id)

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == OPEN_FILE:
            self.query_one("#path", Input).focus()
        else:
            self.query_one("#start", Button).focus()

    @on(Input.Submitted, "#path")
    def _open_path(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._choose(event.value.strip())

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.loaded is None:
            self.query_one("#error", Label).update(plain("Choose a scenario first.", "bold red"))
            return
        raw = self.query_one("#seed", Input).value.strip()
        seed = int(raw) if raw.lstrip("-").isdigit() else random.SystemRandom().randrange(1, 10**9)
        players = {
            seat.id: self.query_one(f"#player-{seat.id}", Input).value.strip()
            for seat in self.loaded.scenario.seats
        }
        self.app.begin_game(GameSetup(self.loaded, players, seed))  # type: ignore[attr-defined]

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        self.app.choose_save()  # type: ignore[attr-defined]
