"""The public board: everything everyone may see, and the negotiation phase.

It renders the public view (`view(None)`), so nothing secret can reach it.
"""

from __future__ import annotations

import time

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, TabbedContent, TabPane

from wargame.engine import Phase
from wargame.game import GameError
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.forms import Choice, table_forms
from wargame.ui.text import plain
from wargame.ui.widgets.council import CouncilTable
from wargame.ui.widgets.force import ForcePanel
from wargame.ui.widgets.items import TextPanel, drafts_text, guarantees_text, scores_text
from wargame.ui.widgets.news import NewsFeed
from wargame.ui.widgets.tracks import TrackPanel

TIMER_CHOICES = [
    ("0", "No timer"),
    ("180", "3 minutes"),
    ("300", "5 minutes"),
    ("600", "10 minutes"),
    ("900", "15 minutes"),
]


class BoardScreen(Screen[None]):
    """Tracks, council, drafts, force, guarantees, scores and news."""

    CSS_PATH = "board.tcss"
    BINDINGS = [
        Binding("t", "table", "Table…"),
        Binding("o", "orders", "Go to orders"),
        Binding("b", "briefing", "Briefing"),
        Binding("f", "facilitator", "Facilitator"),
        Binding("m", "timer", "Timer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.deadline: float | None = None

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.app.session  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        s = self.session
        view = s.view(None)
        scenario = s.game.scenario
        yield Header()
        phase = (
            "negotiation: table items, then go to orders (o)"
            if s.phase is Phase.NEGOTIATION
            else s.phase.value
        )
        status = f"Round {view.round} of {view.rounds} — {phase}"
        yield Label(plain(status, "bold"), id="status")
        if s.save_error:
            yield Label(plain(f"Autosave failed: {s.save_error}", "bold red"), id="save-error")
        with TabbedContent(id="tabs"):
            with TabPane("Board", id="tab-board"), VerticalScroll():
                yield TrackPanel(scenario, view)
                yield Label(plain("Drafts before the council", "bold underline"))
                yield TextPanel(drafts_text(view), id="drafts")
                yield Label(plain("Force", "bold underline"))
                yield ForcePanel(scenario, view)
                yield Label(plain("Guarantees, terms and red lines", "bold underline"))
                yield TextPanel(guarantees_text(view), id="guarantees")
            with TabPane("Council", id="tab-council"):
                yield CouncilTable(scenario, view)
            with TabPane("Scores", id="tab-scores"), VerticalScroll():
                yield Label(plain("Public objectives, if the game ended now", "bold"))
                yield TextPanel(scores_text(view, scenario), id="scores")
            with TabPane("News", id="tab-news"):
                yield NewsFeed(view.events, id="news")
        yield Label(plain(""), id="timer")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        label = self.query_one("#timer", Label)
        if self.deadline is None:
            label.update(plain(""))
            return
        left = int(self.deadline - time.monotonic())
        if left <= 0:
            label.update(plain("Time is up: finish negotiating.", "bold reverse"))
        else:
            label.update(plain(f"Negotiation time left: {left // 60}:{left % 60:02d}", "bold"))

    async def _refresh_board(self) -> None:
        await self.recompose()

    def _seat_choices(self) -> list[Choice]:
        return [Choice(s, self.session.seat_name(s)) for s in self.session.seats]

    @work
    async def action_table(self) -> None:
        s = self.session
        if s.phase is not Phase.NEGOTIATION:
            self.notify("Tabling happens during negotiation.", severity="warning")
            return
        forms = table_forms(s.view(None), s.game.scenario, self._seat_choices())
        key = await self.app.push_screen_wait(
            ChooseDialog("Table an item", [(f.key, f.title) for f in forms])
        )
        spec = next((f for f in forms if f.key == key), None)
        if spec is None:
            return

        def attempt(line: str) -> str | None:
            try:
                s.apply(line)
            except GameError as error:
                return str(error)
            return None

        def describe(line: str) -> str:
            price = s.cost(line)
            return "" if price is None else f"(cost {price} PC)"

        line = await self.app.push_screen_wait(FormDialog(spec, attempt, describe))
        if line is not None:
            await self._refresh_board()

    @work
    async def action_orders(self) -> None:
        s = self.session
        if s.phase is Phase.ORDERS:
            self.app.next_orders()  # type: ignore[attr-defined]
            return
        if s.phase is not Phase.NEGOTIATION:
            return
        if await self.app.push_screen_wait(
            ConfirmDialog(
                "Close negotiation and start the orders phase? Nothing more can be tabled this round.",
                "Start orders",
            )
        ):
            s.apply("orders")
            self.app.next_orders()  # type: ignore[attr-defined]

    @work
    async def action_briefing(self) -> None:
        seat = await self.app.push_screen_wait(
            ChooseDialog("Whose briefing?", [(c.value, c.label) for c in self._seat_choices()])
        )
        if seat is not None:
            self.app.show_briefing(seat, then=self.app.show_board)  # type: ignore[attr-defined]

    @work
    async def action_facilitator(self) -> None:
        self.app.open_facilitator()  # type: ignore[attr-defined]

    @work
    async def action_timer(self) -> None:
        choice = await self.app.push_screen_wait(ChooseDialog("Negotiation timer", TIMER_CHOICES))
        if choice is None:
            return
        seconds = int(choice)
        self.deadline = time.monotonic() + seconds if seconds else None
        self._tick()
