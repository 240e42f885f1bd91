"""The replay viewer: a played game again, event by event and round by round.

It reads a `Timeline` (built once from the save's log) and never writes the save.
The board on the left is the state after the log line that produced the event on
screen, seen through a lens: the public board, one seat's view (`view_for(seat)`:
never another seat's orders or secret objectives), or omniscient — every event,
every seat's sealed orders from its round's resolution on, every objective —
behind the facilitator's PIN when the game has one. `c` swaps the board for
charts over the rounds; `k` writes a what-if game from the start of the round on
screen (the code path of `wargame fork`). When the game has a PIN, a seat's view
asks it too (it shows that seat's secrets); once given, it opens every view of this
replay until the viewer leaves it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static

from wargame.replay.cursor import OMNISCIENT, PUBLIC, Cursor, Lens
from wargame.replay.timeline import Timeline
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.pin import PinDialog
from wargame.ui.replay_text import (
    force_text,
    lens_name,
    orders_text,
    round_text,
    segment_label,
    step_text,
    where_text,
)
from wargame.ui.text import plain
from wargame.ui.widgets.charts import RoundCharts
from wargame.ui.widgets.force import pledges_text
from wargame.ui.widgets.items import TextPanel, drafts_text, guarantees_text, scores_text
from wargame.ui.widgets.keybar import KeyBar
from wargame.ui.widgets.tracks import tracks_text

if TYPE_CHECKING:
    from wargame.saves import LoadedSave
    from wargame.saves.format import SavePin
    from wargame.scenario.models import Scenario
    from wargame.ui.pin_guard import PinGuard


@dataclass(frozen=True)
class ReplaySource:
    """A game to watch, and where it came from."""

    timeline: Timeline
    label: str
    """How the game is named on screen (its save's file name)."""
    path: Path | None = None
    """Its save, for "fork from here" (None: a game that is not saved)."""
    players: dict[str, str] = field(default_factory=dict)
    """The people at each seat, by seat id, when the table gave names."""
    pin: SavePin | None = None
    """The facilitator's PIN, if the game has one: it guards the omniscient view."""

    @classmethod
    def of_save(cls, loaded: LoadedSave, path: Path) -> ReplaySource:
        """The replay of a loaded save (its log as it replayed)."""
        from wargame.replay.timeline import timeline

        game = loaded.game
        players = {seat: s.player or "" for seat, s in loaded.meta.seats.items()}
        return cls(
            timeline(game.rules, game.seed, game.log), path.name, path, players, loaded.meta.pin
        )


class ReplayScreen(Screen[None]):
    """Step through a game; switch whose eyes; chart it; fork it."""

    CSS_PATH = "replay.tcss"
    BINDINGS = [
        Binding("right", "forward", "Next", priority=True),
        Binding("left", "back", "Prev", priority=True),
        Binding("pagedown", "next_round", "Next round", priority=True),
        Binding("pageup", "previous_round", "Prev round", priority=True),
        Binding("home", "first", "First", show=False, priority=True),
        Binding("end", "last", "Last", show=False, priority=True),
        Binding("g", "go_to_round", "Go to"),
        Binding("v", "view", "View"),
        Binding("c", "charts", "Charts"),
        Binding("k", "fork", "Fork"),
        Binding("escape", "leave", "Back"),
    ]

    @dataclass
    class PlayFork(Message):
        """Play the what-if game just written (the app opens its save)."""

        path: Path
        """The fork's save file."""

    def __init__(self, source: ReplaySource, guard: PinGuard | None = None) -> None:
        """`guard` checks the PIN (required when `source.pin` is set)."""
        super().__init__()
        self.source = source
        self.guard = guard
        self.cursor = Cursor(source.timeline)
        self.charts = False
        """Whether the charts stand in for the board."""
        self.unlocked = source.pin is None
        """The PIN was given (or there is none): every view opens without asking again."""

    @property
    def scenario(self) -> Scenario:
        """The scenario the game was played with."""
        return self.source.timeline.rules.scenario

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        with Horizontal(id="top"):
            yield Label(
                plain(f"Replay: {scenario.title} — {self.source.label}", "bold"), id="title"
            )
            yield Label(plain(""), id="lens")
        yield Label(plain(""), id="where")
        yield Static(plain(""), id="now")
        with Horizontal(id="panes"):
            with VerticalScroll(id="board"):
                yield Label(plain(""), id="board-title")
                yield Label(plain("Tracks", "bold underline"))
                yield TextPanel("", id="tracks")
                yield Label(plain("Drafts", "bold underline"))
                yield TextPanel("", id="drafts")
                yield Label(plain("Force and pledges", "bold underline"))
                yield TextPanel("", id="force")
                yield TextPanel("", id="pledges")
                yield Label(plain("Guarantees, peace terms and red lines", "bold underline"))
                yield TextPanel("", id="guarantees")
                yield Label(plain("Objectives (as the board stood)", "bold underline"))
                yield TextPanel("", id="objectives")
            yield RoundCharts(scenario, id="charts")
            with VerticalScroll(id="round"):
                yield Label(plain(""), id="round-title")
                yield TextPanel("", id="events")
                yield Label(plain("Sealed orders", "bold underline"), id="orders-title")
                yield TextPanel("", id="orders")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()

    # -- drawing -------------------------------------------------------------

    def show(self) -> None:
        """Draw the step the cursor is on, through its lens."""
        c = self.cursor
        scenario = self.scenario
        step = c.step
        view = c.lens.view(step.state, c.lens.events(c.timeline.steps[: c.at + 1]))
        self.query_one("#lens", Label).update(plain(f"View: {lens_name(c.lens, scenario)}"))
        self.query_one("#where", Label).update(where_text(c, scenario))
        self.query_one("#now", Static).update(step_text(c, view))
        for wid, text in (
            ("tracks", tracks_text(view, scenario)),
            ("drafts", drafts_text(view, scenario)),
            ("force", force_text(view, scenario)),
            ("pledges", pledges_text(view, scenario)),
            ("guarantees", guarantees_text(view, scenario)),
            ("objectives", scores_text(view, scenario) or plain("No objective to show.")),
            ("events", round_text(c, view)),
        ):
            self.query_one(f"#{wid}", TextPanel).update(text)
        self.query_one("#round-title", Label).update(
            plain(f"{segment_label(c, c.segment.index)} so far", "bold underline")
        )
        resolved = c.segment.resolved_at
        in_resolution = resolved is not None and c.at >= resolved
        self.query_one("#board-title", Label).update(
            plain(
                "The board as the round's resolution left it"
                if in_resolution
                else "The board at this step",
                "italic",
            )
        )
        orders = orders_text(c, scenario, self.source.players)
        title = self.query_one("#orders-title", Label)
        title.update(plain(f"Sealed orders of round {c.segment.round}", "bold underline"))
        title.display = orders is not None
        panel = self.query_one("#orders", TextPanel)
        panel.display = orders is not None
        panel.update(orders or "")
        self.query_one("#board").display = not self.charts
        charts = self.query_one(RoundCharts)
        charts.display = self.charts
        if self.charts:
            charts.show(c.timeline.round_ends(c.at))
        self.call_after_refresh(self.query_one("#round", VerticalScroll).scroll_end, animate=False)

    def _moved(self, moved: bool) -> None:
        if moved:
            self.show()
        else:
            self.app.bell()

    # -- moving --------------------------------------------------------------

    def action_forward(self) -> None:
        self._moved(self.cursor.forward())

    def action_back(self) -> None:
        self._moved(self.cursor.back())

    def action_next_round(self) -> None:
        self._moved(self.cursor.next_round())

    def action_previous_round(self) -> None:
        self._moved(self.cursor.previous_round())

    def action_first(self) -> None:
        self._moved(self.cursor.first())

    def action_last(self) -> None:
        self._moved(self.cursor.last())

    @work(exclusive=True, group="replay")
    async def action_go_to_round(self) -> None:
        c = self.cursor
        items = [
            (str(seg.index), segment_label(c, seg.index))
            for seg in c.timeline.segments
            if any(c.lens.sees(s) for s in c.timeline.steps[seg.first : seg.last + 1])
        ]
        chosen = await self.app.push_screen_wait(ChooseDialog("Go to the start of…", items))
        if chosen is not None:
            c.to_segment(int(chosen))
            self.show()

    def action_charts(self) -> None:
        self.charts = not self.charts
        self.show()

    # -- whose eyes ------------------------------------------------------------

    @work(exclusive=True, group="replay")
    async def action_view(self) -> None:
        scenario = self.scenario
        items = [("public", lens_name(PUBLIC, scenario))]
        items += [
            (s.id, f"{lens_name(Lens(s.id), scenario)} (its own orders and secrets)")
            for s in scenario.seats
        ]
        items.append(("all", f"{lens_name(OMNISCIENT, scenario)}: every seat's orders and secrets"))
        heading = "Watch through whose eyes?"
        if not self.unlocked:
            heading += " (PIN for all but the public board)"
        chosen = await self.app.push_screen_wait(ChooseDialog(heading, items))
        if chosen is None:
            return
        lens = {"public": PUBLIC, "all": OMNISCIENT}.get(chosen) or Lens(chosen)
        if lens != PUBLIC and not self.unlocked:
            # a seat's view shows its secret objectives and sealed orders: a player of
            # another seat must not read them from the replay of a game still in play
            assert self.guard is not None, "a PIN needs its guard"
            purpose = (
                "open the omniscient view"
                if lens.omniscient
                else f"open {lens_name(lens, scenario)}"
            )
            if not await self.app.push_screen_wait(PinDialog(self.guard, purpose)):
                return
            self.unlocked = True
        self.cursor.look_through(lens)
        self.show()

    # -- forking and leaving ---------------------------------------------------

    @work(exclusive=True, group="replay")
    async def action_fork(self) -> None:
        path = self.source.path
        round_ = self.cursor.segment.round
        if path is None:
            self.notify("This game is not saved: there is nothing to fork.", markup=False)
            return
        if round_ not in self.source.timeline.round_starts:
            self.notify(f"Round {round_} did not start in the game as it stands.", markup=False)
            return
        from wargame.saves.commands import fork_target

        target = fork_target(path, round_, None)
        question = (
            f"Write a what-if game that starts at the beginning of round {round_} of "
            f"{path.name}, with the same dice, as {target.name}? The save watched is not changed."
        )
        if not await self.app.push_screen_wait(ConfirmDialog(question, "Fork")):
            return
        from wargame.problems import ProblemsError
        from wargame.saves.commands import write_fork

        try:
            written = write_fork(path, round_, target)
        except ProblemsError as error:
            self.notify(str(error.problems[0]), severity="error", markup=False, timeout=10)
            return
        if await self.app.push_screen_wait(
            ConfirmDialog(f"Written {written}. Play it now?", "Play it", "Stay here")
        ):
            self.post_message(self.PlayFork(written))

    def action_leave(self) -> None:
        self.dismiss()
