"""The public board: everything everyone may see, and the negotiation phase.

It renders the public view (`view(None)`), so nothing secret can reach it.
On a wide terminal the council and the scores sit beside the board; on a
narrow one they are tabs of their own (1-4 switch tabs). When a negotiation
opens, the bot seats make their public moves first, one after the other, each
deciding in a worker thread while the board stays responsive.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, TabbedContent, TabPane

from wargame.engine import Phase, View
from wargame.engine import orders as o
from wargame.game import GameError
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.forms import Choice, table_forms
from wargame.ui.screens.bot_moves import BotDecided, decide_in_worker, tell_failure
from wargame.ui.screens.game_screen import GameScreen
from wargame.ui.text import plain
from wargame.ui.widgets.council import CouncilTable, council_title
from wargame.ui.widgets.force import ForcePanel
from wargame.ui.widgets.items import TextPanel, drafts_text, guarantees_text, scores_text
from wargame.ui.widgets.keybar import KeyBar
from wargame.ui.widgets.news import NewsFeed, latest_text
from wargame.ui.widgets.timer import TimerLabel
from wargame.ui.widgets.tracks import tracks_text

TABS = ("tab-board", "tab-council", "tab-scores", "tab-news")


class BoardScreen(GameScreen):
    """Tracks, council, drafts, force, guarantees, scores and news."""

    CSS_PATH = "board.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("t", "table", "Table"),
        Binding("o", "orders", "Orders"),
        Binding("b", "briefing", "Briefing"),
        Binding("f", "facilitator", "Facilitator"),
        Binding("1", "tab('tab-board')", "Board tab", show=False),
        Binding("2", "tab('tab-council')", "Council tab", show=False),
        Binding("3", "tab('tab-scores')", "Scores tab", show=False),
        Binding("4", "tab('tab-news')", "News tab", show=False),
    ]

    @dataclass
    class ShowBriefing(Message):
        """A seat's private briefing, behind its curtain, then back to the board."""

        seat: str
        """The seat whose briefing is shown (its id)."""

    class OpenFacilitator(Message):
        """The facilitator's desk, over the board (only while a game is running)."""

    def __init__(self) -> None:
        super().__init__()
        self.tab = TABS[0]
        self.seen = -1
        """How long the game's log was when the board was last drawn."""
        self.deciding: str | None = None
        """The bot seat making its public moves now, if one is."""

    def _status(self) -> str:
        s = self.session
        view = s.view(None)
        status = f"Round {view.round} of {view.rounds}: "
        if self.deciding is not None:
            status += f"negotiation. {s.seat_name(self.deciding)} is deciding its public moves…"
        elif s.phase is Phase.NEGOTIATION:
            status += "negotiation. Talk, table items (t), then the orders (o)."
        elif s.phase is Phase.ORDERS:
            waiting = [s.game.rules.seats[seat].name for seat in s.waiting()]
            status += (
                f"orders. Waiting for {', '.join(waiting)} (o to continue)."
                if waiting
                else "orders. Every seat has submitted (o to resolve)."
            )
        else:
            status += "the game is over."
        return status

    def compose(self) -> ComposeResult:
        s = self.session
        view = s.view(None)
        scenario = s.game.scenario
        self.seen = len(s.game.log)
        with Horizontal(id="top"):
            yield Label(plain(self._status(), "bold"), id="status")
            yield TimerLabel(self.timer, id="timer")
        if s.save_error:
            yield Label(plain(f"Autosave failed: {s.save_error}", "bold"), id="save-error")
        with TabbedContent(id="tabs", initial=self.tab):
            with TabPane("1 Board", id="tab-board"), Horizontal(id="overview"):
                with VerticalScroll(id="main"):
                    yield Label(plain("Tracks", "bold underline"))
                    yield TextPanel(tracks_text(view, scenario), id="tracks")
                    yield Label(plain("Latest news", "bold underline"))
                    yield TextPanel(latest_text(view.events, view.names), id="latest")
                    yield Label(plain("Drafts before the council", "bold underline"))
                    yield TextPanel(drafts_text(view, scenario), id="drafts")
                    yield Label(plain("Force and pledges", "bold underline"))
                    yield ForcePanel(scenario, view, id="force")
                    yield Label(plain("Guarantees, peace terms and red lines", "bold underline"))
                    yield TextPanel(guarantees_text(view, scenario), id="guarantees")
                with Vertical(id="side"):
                    yield Label(
                        plain(council_title(view), "bold underline"), id="side-council-title"
                    )
                    yield CouncilTable(scenario, view, id="side-council")
                    yield Label(plain("Public objectives, if it ended now", "bold underline"))
                    with VerticalScroll(id="side-scores"):
                        yield TextPanel(scores_text(view, scenario), id="side-scores-text")
            with TabPane("2 Council", id="tab-council"), VerticalScroll():
                yield Label(plain(self._council_heading(view), "bold"), id="council-title")
                yield CouncilTable(scenario, view, id="council")
            with TabPane("3 Scores", id="tab-scores"), VerticalScroll():
                yield Label(plain("Public objectives, if the game ended now", "bold"))
                yield TextPanel(scores_text(view, scenario), id="scores")
            with TabPane("4 News", id="tab-news"):
                yield NewsFeed(view.events, view.names, id="news")
        yield KeyBar()

    def on_mount(self) -> None:
        self._next_bot()

    async def on_screen_resume(self) -> None:
        """Redraw when the game changed under a dialog or the facilitator's screen."""
        if self.session.phase is Phase.ENDED:
            self.post_message(self.ShowBoard())  # the end screen
        elif self.seen >= 0:
            self.query_one(TimerLabel).tick()
            await self.refresh_board()
            self._next_bot()

    # -- the bot seats' public moves ---------------------------------------

    def _next_bot(self) -> None:
        """The next bot seat still to move this negotiation starts deciding."""
        if self.deciding is not None:
            return
        waiting = self.session.bots.to_negotiate(self.session.game)
        if waiting:
            self.deciding = waiting[0]
            decide_in_worker(self, self.deciding)
        self.query_one("#status", Label).update(plain(self._status(), "bold"))

    @on(BotDecided)
    async def _bot_decided(self, message: BotDecided) -> None:
        s = self.session
        tell_failure(self, message, "makes no public move")
        turn = s.enter_bot_lines(message.seat, message.lines, message.at)
        self.deciding = None
        if turn is not None and turn.accepted:
            count = len(turn.accepted)
            self.notify(
                f"{s.seat_name(message.seat)} made {count} public move{'s' if count > 1 else ''}: "
                "see the news.",
                markup=False,
            )
        if self.is_current or not s.ended:  # under a dialog, the end waits for its return
            await self.on_screen_resume()  # redrawn; the next bot, or the end screen

    def _wait_for_bots(self) -> bool:
        """True (and the table is told) while a bot is making its public moves."""
        if self.deciding is None:
            return False
        self.notify(f"A moment: {self.session.seat_name(self.deciding)} is deciding.")
        return True

    async def refresh_board(self) -> None:
        """Redraw what changed since the board was last drawn (in place)."""
        s = self.session
        if len(s.game.log) == self.seen:
            return
        self.seen = len(s.game.log)
        if bool(s.save_error) != bool(self.query("#save-error")):
            self.tab = self.query_one("#tabs", TabbedContent).active or self.tab
            await self.recompose()
            return
        view = s.view(None)
        scenario = s.game.scenario
        self.query_one("#status", Label).update(plain(self._status(), "bold"))
        for wid, text in (
            ("tracks", tracks_text(view, scenario)),
            ("latest", latest_text(view.events, view.names)),
            ("drafts", drafts_text(view, scenario)),
            ("guarantees", guarantees_text(view, scenario)),
            ("scores", scores_text(view, scenario)),
            ("side-scores-text", scores_text(view, scenario)),
        ):
            self.query_one(f"#{wid}", TextPanel).update(text)
        for table in self.query(CouncilTable):
            table.show(view)
        self.query_one("#side-council-title", Label).update(
            plain(council_title(view), "bold underline")
        )
        self.query_one("#council-title", Label).update(plain(self._council_heading(view), "bold"))
        self.query_one(NewsFeed).show(view.events)
        force = self.query_one(ForcePanel)
        force.view_ = view
        await force.recompose()

    @staticmethod
    def _council_heading(view: View) -> str:
        return council_title(view, "Security Council (P5 = permanent member, veto)")

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        self.tab = tab

    def _seat_choices(self) -> list[Choice]:
        """The seats people play: a bot seat's public moves are its bot's alone."""
        return [Choice(s, self.session.seat_name(s)) for s in self.session.people_seats()]

    @work(exclusive=True, group="board")
    async def action_table(self) -> None:
        s = self.session
        if self._wait_for_bots():
            return
        if s.phase is not Phase.NEGOTIATION:
            self.notify("Items are tabled during negotiation, before the orders.")
            return
        if not s.people_seats():
            self.notify("Bots play every seat: they table their own items.")
            return
        forms = table_forms(s.view(None), s.game.scenario, self._seat_choices())
        key = await self.app.push_screen_wait(
            ChooseDialog(
                "Table a public item (everyone sees it)", [(f.key, f.title) for f in forms]
            )
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
            return "" if price is None else f"(costs {price} PC)"

        line = await self.app.push_screen_wait(FormDialog(spec, attempt, describe))
        if line is not None:
            await self.refresh_board()
            self.notify(f"Tabled: {line}", markup=False)

    @work(exclusive=True, group="board")
    async def action_orders(self) -> None:
        s = self.session
        if self._wait_for_bots():
            return
        if s.phase is Phase.ORDERS:
            self.post_message(self.NextOrders())
            return
        if s.phase is not Phase.NEGOTIATION:
            return
        if await self.app.push_screen_wait(
            ConfirmDialog(
                "Close the negotiation and start the orders phase? "
                "Nothing more can be tabled this round.",
                "Start orders",
            )
        ):
            s.apply(o.BeginOrders().text())
            self.timer.clear()
            self.post_message(self.NextOrders())

    @work(exclusive=True, group="board")
    async def action_briefing(self) -> None:
        people = self.session.people_seats()
        if not people:
            self.notify("Bots play every seat: their briefings are not shown.")
            return
        seat = await self.app.push_screen_wait(
            ChooseDialog(
                "Whose private briefing? (the curtain comes first)",
                [(c.value, c.label) for c in self._seat_choices()],
            )
        )
        if seat is not None:
            self.post_message(self.ShowBriefing(seat))

    def action_facilitator(self) -> None:
        if self._wait_for_bots():
            return
        self.post_message(self.OpenFacilitator())
