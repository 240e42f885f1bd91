"""The start screen: pick a scenario, read its briefing, name the players (or seat a
bot), set a seed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from wargame.catalog import DEFAULT_SCENARIO, Card, find, shipped_cards
from wargame.control_chars import WITHOUT_CONTROL
from wargame.problems import ProblemsError, report_lines
from wargame.ui.text import plain, shown
from wargame.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from wargame.scenario_files import LoadedScenario

OPEN_FILE = "__open_file__"
HUMAN = "human"
"""The choice of a seat played by people (the others name a bot level)."""


@dataclass(frozen=True)
class GameSetup:
    """What the start screen hands to the app."""

    loaded: LoadedScenario
    """The scenario, validated."""
    players: dict[str, str]
    """The names of the players at each seat (seat id -> names; empty: unnamed)."""
    seed: int
    """The game's random seed (typed in, or drawn at random)."""
    pin: str = ""
    """The facilitator's PIN, checked (4 to 12 digits), or empty for none."""
    bots: dict[str, str] = field(default_factory=dict)
    """The seats bots play: seat id -> bot level (`random`, `quick`...); the rest are people's."""


def briefing_text(card: Card) -> Text:
    """The scenario's public briefing, with its length and seats."""
    out = Text()
    out.append(shown(f"{card.title}\n"), "bold")
    if card.summary:
        out.append(shown(f"{card.summary}\n"), "italic")
    out.append(
        shown(f"\n{card.rounds} rounds · seats: {', '.join(name for _, name in card.seats)}\n\n")
    )
    out.append(shown(card.briefing.strip()) or "(no public briefing)")
    return out


def scenario_option(card: Card) -> Option:
    """A scenario as a list entry (title, then its one-line description)."""
    label = plain(card.title, "bold")
    if card.summary:
        label.append(shown(f"\n{card.summary}"))
    return Option(label, id=str(card.path))


def control_options(levels: Sequence[str]) -> list[tuple[Text, str]]:
    """Who may play a seat: people, or a bot of one of `levels`."""
    return [(plain(HUMAN), HUMAN), *((plain(f"{level} bot"), level) for level in levels)]


def _player_rows(card: Card, levels: Sequence[str]) -> list[Horizontal]:
    """For each seat of the scenario: who plays it (people or a bot), and their names."""
    return [
        Horizontal(
            Label(plain(name), classes="seat-name"),
            Select(
                control_options(levels),
                allow_blank=False,
                value=HUMAN,
                id=f"control-{seat_id}",
                compact=True,
            ),
            Input(
                placeholder="names",
                id=f"player-{seat_id}",
                compact=True,
                restrict=WITHOUT_CONTROL,
            ),
            classes="player",
        )
        for seat_id, name in card.seats
    ]


def _pin_fields() -> list[Input]:
    """The facilitator's PIN, typed twice."""
    return [
        Input(
            placeholder=hint,
            id=wid,
            password=True,
            restrict=r"[0-9]*",
            max_length=12,
            compact=True,
        )
        for wid, hint in (("pin", "PIN"), ("pin-again", "again"))
    ]


def _buttons() -> list[Button]:
    return [
        Button(plain("Start game"), variant="primary", id="start", compact=True),
        Button(plain("Resume a save"), id="resume", compact=True),
        Button(plain("Watch a replay"), id="replay", compact=True),
    ]


def _same(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return str(a) == str(b)


class StartScreen(Screen[None]):
    """Choose, read, name, seed, start (or resume)."""

    AUTO_FOCUS = ""
    """No focus by Textual's rule (the first focusable widget, the scrolling column, whose
    every descendant is restyled when it gains and loses focus): `on_mount` focuses the list."""
    BINDINGS = [
        Binding("ctrl+s", "start", "Start game"),
        Binding("ctrl+r", "resume", "Resume a save"),
        Binding("ctrl+o", "watch_replay", "Watch a replay"),
    ]

    @dataclass
    class StartGame(Message):
        """Start a new game: the validated scenario, who plays each seat, the seed."""

        setup: GameSetup
        """What the players chose on this screen."""

    class ResumeSave(Message):
        """Pick a saved game from the save folder and go on with it."""

    class WatchReplay(Message):
        """Pick a saved game and watch its replay."""

    def __init__(self, initial: str | None = None, *, validate_on_mount: bool = True) -> None:
        super().__init__()
        self.initial = initial or DEFAULT_SCENARIO
        self.validate_on_mount = validate_on_mount
        """Validate the shown scenario once mounted; False: the app calls `validate_soon`
        after its first frame (during Textual's start-up batch, a callback "after refresh"
        runs before anything is drawn)."""
        self.card: Card | None = None
        """The scenario shown (read fast, for display)."""
        self.loaded: LoadedScenario | None = None
        """The same scenario validated, once it is (a game starts only from this)."""
        self.cards = shipped_cards()
        self.refusal: ProblemsError | None = None
        """Why the scenario named at start cannot be played, if it cannot."""
        self.levels: tuple[str, ...] = ()
        """The bot levels a seat may be given (read once the screen is drawn)."""
        self.form_shown = False
        """Whether the rest of the form is mounted: the seats' rows, the PIN fields and
        the buttons (they are once the first frame is out)."""
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header()
        self._read_initial()
        with Horizontal(id="columns"):
            with VerticalScroll(id="left"):
                yield Label(plain("Scenario (Enter picks it)", "bold"))
                options: list[Option | None] = []
                if self.card is not None and not self._shipped(self.card.path):
                    options += [scenario_option(self.card), None]  # the file named: first
                elif self.card is None:  # the file named, refused: first, with its problems
                    label = plain(f"{self.initial} (cannot be played)", "bold")
                    options += [Option(label, id=self.initial), None]
                for card in self.cards:
                    options += [scenario_option(card), None]
                options.append(Option(plain("Open a scenario file…"), id=OPEN_FILE))
                yield OptionList(*options, id="scenarios", compact=True)
                yield Input(
                    restrict=WITHOUT_CONTROL,
                    placeholder="path/to/scenario.toml, then Enter",
                    id="path",
                    classes="hidden",
                    compact=True,
                )
                yield Label(plain(""), id="error")
                yield Label(plain("Who plays each seat (names optional)", "bold"))
                yield self._seats_box()
                yield Label(plain("Seed (empty: random)", "bold"))
                yield Input(placeholder="random", id="seed", type="integer", compact=True)
                yield Label(plain("Facilitator PIN (optional, 4-12 digits, twice)", "bold"))
                yield Horizontal(id="pin-row")  # its fields come with the seats' rows
                yield Label(plain(""), id="pin-error")
                yield Horizontal(id="buttons")  # so do the buttons (the key bar has them)
            with VerticalScroll(id="right"):
                yield Static(briefing_text(self.card) if self.card else "", id="briefing")
        yield KeyBar()

    def _shipped(self, path: Path) -> bool:
        return any(_same(c.path, path) for c in self.cards)

    def _read_initial(self) -> None:
        """The scenario named at start (or the default), shown as the screen is built."""
        try:
            self.card, self.loaded = self._read(self.initial)
        except ProblemsError as problems:
            self.card = self.loaded = None
            self.refusal = problems

    def _seats_box(self) -> VerticalScroll:
        """Where the seats' rows go: their lines are kept free from the first frame on, and
        the rows are mounted once that frame is out (`show_form`), so nothing below moves.

        The rows are most of the screen's widgets (a Select is six): laying them out after
        the first frame draws it sooner (docs/DECISIONS.md, "Start-up")."""
        box = VerticalScroll(id="players")
        box.styles.height = len(self.card.seats) if self.card is not None else 0
        return box

    def _read(self, name_or_path: str) -> tuple[Card, LoadedScenario | None]:
        """The card of a scenario: a shipped one read fast, any other file validated at once.

        A file of the user's own goes through the loader `wargame validate` uses, so
        the start screen refuses exactly what the command line refuses, with the
        same problems (`path:line: key: message`), and never shows an unchecked file.
        """
        path = find(name_or_path)
        known = [c for c in self.cards if _same(c.path, path)]
        if known:
            return known[0], None
        from wargame.scenario_files import load

        loaded = load(path)
        return Card.of(loaded.scenario, path), loaded

    async def on_mount(self) -> None:
        options = self.query_one("#scenarios", OptionList)
        if self.refusal is not None:
            self._problems(self.refusal)
        elif self.validate_on_mount:
            self.validate_soon()
        shown = self.card.path if self.card is not None else self.initial
        for index in range(options.option_count):
            option = options.get_option_at_index(index)
            if option.id not in (None, OPEN_FILE) and _same(str(option.id), shown):
                options.highlighted = index
                break
        options.focus(scroll_visible=False)  # it is at the top

    def on_screen_resume(self) -> None:
        """Back on top of a screen that covered it before its first frame (`wargame replay`
        opens the replay over it): finish what the first frame left for later."""
        if self._resumed and not self.form_shown:
            self.validate_soon()
        self._resumed = True

    def _problems(self, problems: ProblemsError) -> None:
        lines = report_lines(problems.problems)
        self.query_one("#error", Label).update(
            plain("This scenario cannot be played:\n" + "\n".join(lines), "bold")
        )

    async def _choose(self, name_or_path: str) -> None:
        """Show a scenario at once; a shipped one is validated once the screen is drawn."""
        try:
            card, loaded = self._read(name_or_path)
        except ProblemsError as problems:
            self.card = self.loaded = None
            self._problems(problems)
            self.query_one("#briefing", Static).update(Text())
            await self._seat(None)
            return
        self.query_one("#error", Label).update(plain(""))
        if self.card is not None and _same(self.card.path, card.path):
            return
        self.card, self.loaded = card, loaded
        self.query_one("#briefing", Static).update(briefing_text(card))
        self.query_one("#right", VerticalScroll).scroll_home(animate=False)
        await self._seat(card)
        if loaded is None:
            self.call_after_refresh(self._validate)
        if not self.levels:  # the first scenario shown was refused: none offered yet
            self.call_after_refresh(self._offer_bots)

    async def _seat(self, card: Card | None) -> None:
        """The rows of `card`'s seats in place of the ones shown (none for no card)."""
        box = self.query_one("#players", VerticalScroll)
        box.styles.height = len(card.seats) if card is not None else 0
        if not self.form_shown and card is self.card:
            await self.show_form()  # chosen before the form came: its rows come with it
            return
        await self.show_form()
        await box.remove_children()
        if card is not None:
            await box.mount_all(_player_rows(card, self.levels))

    async def show_form(self) -> None:
        """Mount what the first frame leaves out, in the lines kept for it: the seats' rows,
        the PIN fields, the buttons (at once, so they show in one frame)."""
        if self.form_shown:
            return
        self.form_shown = True
        rows = _player_rows(self.card, self.levels) if self.card is not None else []
        mounting = [
            self.query_one("#players", VerticalScroll).mount_all(rows),
            self.query_one("#pin-row", Horizontal).mount_all(_pin_fields()),
            self.query_one("#buttons", Horizontal).mount_all(_buttons()),
        ]
        for mounted in mounting:
            await mounted

    def validate_soon(self) -> None:
        """Once the screen is drawn, one step a frame: mount the rest of the form (the seats'
        rows, the PIN fields, the buttons); then validate the shown scenario (pydantic and
        the engine load then); then offer the bot levels."""
        self.call_after_refresh(self._form_then_load)

    async def _form_then_load(self) -> None:
        await self.show_form()
        self.call_after_refresh(self._load)  # the form is drawn before the slow part

    def _load(self) -> None:
        if self.loaded is None:
            self._validate()
        if not self.levels:
            self.call_after_refresh(self._offer_bots)

    def _offer_bots(self) -> None:
        """Add the bot levels to each seat's choice (the bots load after the first frame)."""
        if self.levels:
            return  # asked for by more than one path before the first could answer
        from wargame.bots import level_names

        self.levels = level_names()
        for choice in self.query("#players Select").results(Select):
            value = choice.value
            choice.set_options(control_options(self.levels))
            if value in self.levels:
                choice.value = value

    @on(Select.Changed, "#players Select")
    def _control_changed(self, event: Select.Changed) -> None:
        """A bot seat has no players to name."""
        seat = (event.select.id or "").removeprefix("control-")
        for names in self.query(f"#player-{seat}").results(Input):
            names.disabled = event.value != HUMAN
            names.placeholder = "names" if event.value == HUMAN else "bot"

    def _validate(self) -> bool:
        """Validate the shown scenario (pydantic loads here, after the first frame)."""
        if self.card is None:
            return False
        if self.loaded is not None and _same(self.loaded.path, self.card.path):
            return True
        from wargame.scenario_files import load

        try:
            self.loaded = load(self.card.path)
        except ProblemsError as problems:
            self.loaded = None
            self._problems(problems)
            return False
        return True

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
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == OPEN_FILE:
            self.query_one("#path", Input).focus()
        else:
            await self.show_form()  # Enter before the rest of the form was there
            first = next(iter(self.query("#players Input")), None)
            (first or self.query_one("#start", Button)).focus()

    @on(Input.Submitted, "#path")
    async def _open_path(self, event: Input.Submitted) -> None:
        if event.value.strip():
            await self._choose(event.value.strip())

    @on(Input.Submitted, "#players Input")
    def _next_player(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#pin")
    def _pin_typed(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#seed")
    @on(Input.Submitted, "#pin-again")
    def _seed_entered(self) -> None:
        self.action_start()

    def _pin(self) -> str | None:
        """The PIN typed twice ("" for none), or None after saying what is wrong with it."""
        if not self.form_shown:
            return ""  # its fields are not there yet: nobody typed one
        pin = self.query_one("#pin", Input).value
        again = self.query_one("#pin-again", Input).value
        problem = None
        if pin != again:
            problem = "The two PINs differ: type the same PIN in both fields."
        elif pin:
            from wargame.saves.pin import pin_problem

            found = pin_problem(pin)
            problem = f"The PIN is refused: {found}." if found else None
        self.query_one("#pin-error", Label).update(plain(problem or "", "bold"))
        return None if problem else pin

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.card is None:
            self.query_one("#error", Label).update(plain("Choose a scenario first.", "bold"))
            return
        if not self._validate():
            return
        pin = self._pin()
        if pin is None:
            return
        assert self.loaded is not None
        raw = self.query_one("#seed", Input).value.strip()
        seed = int(raw) if raw.lstrip("-").isdigit() else random.SystemRandom().randrange(1, 10**9)
        players = {}
        bots = {}
        for seat in self.loaded.scenario.seats:
            found = self.query(f"#player-{seat.id}")
            players[seat.id] = found.first(Input).value.strip() if found else ""
            for choice in self.query(f"#control-{seat.id}").results(Select):
                if isinstance(choice.value, str) and choice.value != HUMAN:
                    bots[seat.id] = choice.value
                    players[seat.id] = ""
        self.post_message(self.StartGame(GameSetup(self.loaded, players, seed, pin, bots)))

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        self.post_message(self.ResumeSave())

    @on(Button.Pressed, "#replay")
    def action_watch_replay(self) -> None:
        self.post_message(self.WatchReplay())
