"""The facilitator's desk: injects, events, track adjustments, ratings, rulings,
rewinds, ending the game, and the negotiation timer.

Every act is an action line sent through the session (the engine checks it and
the log keeps it with its reason); rulings, rewinds and endings ask first.
The timer is table furniture and is not logged. The board it shows is the
public one; its list of acts is the facilitator's own, ratings of sealed
arguments and rulings on them included (they concern sealed orders, which is
why the desk opens only from the public board, never behind a seat's curtain,
and asks the facilitator's PIN first when the game has one).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from wargame.engine import EventKind, Phase
from wargame.game import FACILITATOR, GameError
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.forms import FormSpec, facilitator_forms
from wargame.ui.screens.game_screen import GameScreen
from wargame.ui.text import plain
from wargame.ui.widgets.items import TextPanel
from wargame.ui.widgets.keybar import KeyBar
from wargame.ui.widgets.news import event_text
from wargame.ui.widgets.timer import TimerLabel
from wargame.ui.widgets.tracks import tracks_text

TIMER_CHOICES = [
    ("180", "3 minutes"),
    ("300", "5 minutes"),
    ("600", "10 minutes"),
    ("900", "15 minutes"),
    ("1200", "20 minutes"),
]
TIMER_ACTS = [
    ("timer_set", "Set the negotiation timer…"),
    ("timer_pause", "Pause or resume the timer"),
    ("timer_extend", "Give two more minutes"),
    ("timer_clear", "Clear the timer"),
]
LEAVES = ("rewind", "end")
"""Acts after which the facilitator goes straight back to the (changed) board."""


class FacilitatorScreen(GameScreen):
    """Pick an act (Enter), fill in its form; Escape goes back to the board."""

    CSS_PATH = "facilitator.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back to the board"),
        Binding("m", "timer_set", "Set timer"),
        Binding("p", "timer_pause", "Pause timer"),
        Binding("x", "timer_extend", "+2 minutes"),
    ]

    def compose(self) -> ComposeResult:
        s = self.session
        view = s.view(None)
        with Horizontal(id="top"):
            yield Label(
                plain(
                    f"Facilitator: round {view.round} of {view.rounds}, {s.phase.value}. "
                    "Each act is logged with its reason.",
                    "bold",
                ),
                id="heading",
            )
            yield TimerLabel(self.timer, id="timer")
        with Horizontal(id="desk"):
            acts: list[Option | None] = [Option(plain(f.title), id=f.key) for f in self._forms()]
            acts.append(None)
            acts += [Option(plain(title), id=key) for key, title in TIMER_ACTS]
            yield OptionList(*acts, id="acts")
            with VerticalScroll(id="log"):
                yield Label(plain("Tracks", "bold underline"))
                yield TextPanel(tracks_text(view, s.game.scenario), id="tracks")
                yield Label(plain("Facilitator acts so far", "bold underline"))
                yield TextPanel(self._log(), id="acts-log")
        yield KeyBar()

    def _forms(self) -> list[FormSpec]:
        s = self.session
        return facilitator_forms(s.view(None), s.game.scenario)

    def _log(self) -> Text:
        """Every facilitator act so far, the ones private to the facilitator included."""
        out = Text()
        view = self.session.view(FACILITATOR)
        for event in view.events:
            if event.kind is EventKind.FACILITATOR:
                if out:
                    out.append("\n")
                out.append_text(event_text(event, view.names))
        if not out:
            out.append("None yet.")
        return out

    def on_mount(self) -> None:
        self.query_one("#acts", OptionList).focus()

    @on(OptionList.OptionSelected, "#acts")
    async def _picked(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if key.startswith("timer_"):
            await self.run_action(key)
        else:
            self._act(key)

    @work(exclusive=True, group="facilitator")
    async def _act(self, key: str) -> None:
        spec = next((f for f in self._forms() if f.key == key), None)
        if spec is None:
            return
        s = self.session

        def attempt(line: str) -> str | None:
            try:
                s.apply(line)
            except GameError as error:
                return str(error)
            return None

        line = await self.app.push_screen_wait(FormDialog(spec, attempt))
        if line is None:
            return
        self.notify(f"Done: {line}", markup=False)
        if key in LEAVES or s.phase is Phase.ENDED:
            self.action_back()
            return
        await self.recompose()
        self.query_one("#acts", OptionList).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    @work(exclusive=True, group="facilitator-timer")
    async def action_timer_set(self) -> None:
        choice = await self.app.push_screen_wait(ChooseDialog("Negotiation timer", TIMER_CHOICES))
        if choice is not None:
            self.timer.set(int(choice))
            self._timer_changed()

    def action_timer_pause(self) -> None:
        if not self.timer.active:
            self.notify("No timer is running: set one first (m).")
            return
        self.timer.toggle()
        self._timer_changed()

    def action_timer_extend(self) -> None:
        self.timer.extend(120)
        self._timer_changed()

    def action_timer_clear(self) -> None:
        self.timer.clear()
        self._timer_changed()

    def _timer_changed(self) -> None:
        self.query_one("#timer", TimerLabel).tick()
        text = self.timer.text().plain or "Timer cleared"
        self.notify(text, markup=False)
