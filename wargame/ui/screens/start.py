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
from textual.widgets import Button, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.problems import ProblemsError
from wargame.scenario_files import DEFAULT_SCENARIO, LoadedScenario, load, shipped
from wargame.ui.text import plain
from wargame.ui.widgets.keybar import KeyBar

OPEN_FILE = "__open_file__"


@dataclass(frozen=True)
class GameSetup:
    """What the start screen hands to the app."""

    loaded: LoadedScenario
    players: dict[str, str]
    seed: int


def briefing_text(loaded: LoadedScenario) -> Text:
    """The scenario's public briefing, with its length and seats."""
    sc = loaded.scenario
    out = Text()
    out.append(f"{sc.title}\n", "bold")
    if sc.summary:
        out.append(f"{sc.summary}\n", "italic")
    out.append(f"\n{sc.rounds} rounds · seats: {', '.join(s.name for s in sc.seats)}\n\n")
    out.append(sc.briefing.strip() or "(no public briefing)")
    return out


def scenario_option(path: Path) -> Option | None:
    """A shipped scenario as a list entry (title, then its one-line description)."""
    try:
        sc = load(path).scenario
    except ProblemsError:
        return None
    label = Text(sc.title, style="bold")
    if sc.summary:
        label.append(f"\n{sc.summary}")
    return Option(label, id=str(path))


def _same(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return str(a) == str(b)


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
                yield Label(plain("Scenario (Enter picks it)", "bold"))
                options: list[Option | None] = []
                for option in map(scenario_option, shipped()):
                    if option is not None:
                        options += [option, None]
                options.append(Option(plain("Open a scenario file…"), id=OPEN_FILE))
                yield OptionList(*options, id="scenarios", compact=True)
                yield Input(
                    placeholder="path/to/scenario.toml, then Enter",
                    id="path",
                    classes="hidden",
                    compact=True,
                )
                yield Label(plain(""), id="error")
                yield Label(plain("Players at each seat (optional)", "bold"))
                yield VerticalScroll(id="players")
                yield Label(plain("Seed (empty: random)", "bold"))
                yield Input(placeholder="random", id="seed", type="integer", compact=True)
                with Horizontal(id="buttons"):
                    yield Button(plain("Start game"), variant="primary", id="start", compact=True)
                    yield Button(plain("Resume a save"), id="resume", compact=True)
                yield Label(plain("Replays of saved games will be watched from here (to come)."))
            with VerticalScroll(id="right"):
                yield Static(id="briefing")
        yield KeyBar()

    async def on_mount(self) -> None:
        options = self.query_one("#scenarios", OptionList)
        await self._choose(self.initial)
        for index in range(options.option_count):
            option = options.get_option_at_index(index)
            if (
                self.loaded is not None
                and option.id not in (None, OPEN_FILE)
                and _same(str(option.id), self.loaded.path)
            ):
                options.highlighted = index
        options.focus()

    async def _choose(self, name_or_path: str) -> None:
        error = self.query_one("#error", Label)
        try:
            loaded = load(name_or_path)
        except ProblemsError as problems:
            self.loaded = None
            lines = [str(p) for p in problems.problems[:8]]
            error.update(plain("This scenario cannot be played:\n" + "\n".join(lines), "bold"))
            self.query_one("#briefing", Static).update(Text())
            await self.query_one("#players", VerticalScroll).remove_children()
            return
        error.update(plain(""))
        if self.loaded is not None and _same(self.loaded.path, loaded.path):
            return
        self.loaded = loaded
        self.query_one("#briefing", Static).update(briefing_text(loaded))
        self.query_one("#right", VerticalScroll).scroll_home(animate=False)
        box = self.query_one("#players", VerticalScroll)
        await box.remove_children()
        rows = []
        for seat in loaded.scenario.seats:
            row = Horizontal(classes="player")
            rows.append((row, seat))
        await box.mount_all(row for row, _ in rows)
        for row, seat in rows:
            await row.mount_all(
                [
                    Label(plain(seat.name), classes="seat-name"),
                    Input(placeholder="names", id=f"player-{seat.id}", compact=True),
                ]
            )

    @on(OptionList.OptionHighlighted, "#scenarios")
    async def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        path_input = self.query_one("#path", Input)
        if event.option.id == OPEN_FILE:
            path_input.remove_class("hidden")
            return
        path_input.add_class("hidden")
        if event.option.id:
            await self._choose(event.option.id)

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == OPEN_FILE:
            self.query_one("#path", Input).focus()
        else:
            first = next(iter(self.query("#players Input")), None)
            (first or self.query_one("#start", Button)).focus()

    @on(Input.Submitted, "#path")
    async def _open_path(self, event: Input.Submitted) -> None:
        if event.value.strip():
            await self._choose(event.value.strip())

    @on(Input.Submitted, "#players Input")
    def _next_player(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#seed")
    def _seed_entered(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.loaded is None:
            self.query_one("#error", Label).update(plain("Choose a scenario first.", "bold"))
            return
        raw = self.query_one("#seed", Input).value.strip()
        seed = int(raw) if raw.lstrip("-").isdigit() else random.SystemRandom().randrange(1, 10**9)
        players = {}
        for seat in self.loaded.scenario.seats:
            found = self.query(f"#player-{seat.id}")
            players[seat.id] = found.first(Input).value.strip() if found else ""
        self.app.begin_game(GameSetup(self.loaded, players, seed))  # type: ignore[attr-defined]

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        self.app.choose_save()  # type: ignore[attr-defined]
