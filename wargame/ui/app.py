"""The app: it wires screens together and holds the session. No rule lives here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rich.segment import Segments
from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from wargame.engine import Phase
from wargame.game import Game
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.screens.board import BoardScreen
from wargame.ui.screens.briefing import BriefingScreen
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.end import EndScreen
from wargame.ui.screens.facilitator import FacilitatorScreen
from wargame.ui.screens.help import HelpScreen
from wargame.ui.screens.orders import OrdersScreen
from wargame.ui.screens.reveal import RevealScreen
from wargame.ui.screens.start import GameSetup, StartScreen
from wargame.ui.session import Session
from wargame.ui.widgets.timer import NegotiationTimer


class WargameApp(App[None]):
    """A hot-seat game at one terminal."""

    TITLE = "wargame"
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, scenario: str | None = None, save_dir: Path = Path("saves")) -> None:
        super().__init__()
        self.scenario_name = scenario
        self.save_dir = save_dir
        self.session: Session | None = None
        self.timer = NegotiationTimer()

    def on_mount(self) -> None:
        self.push_screen(StartScreen(self.scenario_name))

    # -- the flow of a game ------------------------------------------------

    def begin_game(self, setup: GameSetup) -> None:
        game = Game.start(setup.loaded.scenario, setup.seed)
        self.session = Session(game, setup.players)
        self.session.autosave()
        self._briefings(list(game.seats))

    def _briefings(self, seats: list[str]) -> None:
        if not seats:
            self.show_board()
            return
        self.show_briefing(seats[0], then=lambda: self._briefings(seats[1:]))

    def show_briefing(self, seat: str, then: Callable[[], None]) -> None:
        session = self._session()
        self.switch_screen(
            CurtainScreen(
                session.seat_name(seat),
                "to read its private briefing",
                lambda: self.switch_screen(
                    BriefingScreen(session.view(seat), session.game.scenario, then)
                ),
                on_back=self.show_board,
            )
        )

    def show_board(self) -> None:
        if self._session().phase is Phase.ENDED:
            self.show_end()
        else:
            self.switch_screen(BoardScreen())

    def next_orders(self) -> None:
        session = self._session()
        waiting = session.waiting()
        if waiting:
            seat = waiting[0]
            self.switch_screen(
                CurtainScreen(
                    session.seat_name(seat),
                    f"to enter {session.game.rules.seats[seat].name}'s orders for round {session.round}",
                    lambda: self.switch_screen(OrdersScreen(seat)),
                    on_back=self.show_board,
                )
            )
            return
        if session.phase is Phase.ORDERS:
            self.switch_screen(
                CurtainScreen(
                    "the whole table",
                    f"Every seat has sealed its orders for round {session.round}.",
                    self._resolve,
                    on_back=self.show_board,
                    hint="Press Enter to resolve the round (Escape: back to the board first, "
                    "e.g. for the facilitator to rate arguments).",
                )
            )

    def _resolve(self) -> None:
        session = self._session()
        round_ = session.round
        events = session.apply("resolve")
        self.switch_screen(
            RevealScreen(
                round_, events, session.game.scenario, self.show_board, view=session.view(None)
            )
        )

    def show_end(self) -> None:
        session = self._session()
        self.switch_screen(EndScreen(session.view(None), session.game.scenario))

    def new_game(self) -> None:
        if self.session is not None:
            self.session.close()
        self.session = None
        self.switch_screen(StartScreen(self.scenario_name))

    def choose_save(self) -> None:
        self.notify("Saves are not available yet.", severity="warning")

    def open_facilitator(self) -> None:
        if self.session is None or self.session.phase is Phase.ENDED:
            self.notify("The facilitator acts during a game.")
            return
        self.push_screen(FacilitatorScreen())

    def _session(self) -> Session:
        assert self.session is not None, "no game in progress"
        return self.session

    # -- app-wide actions --------------------------------------------------

    async def action_request_quit(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                if self.session is not None:
                    self.session.close()
                self.exit()

        question = "Quit wargame?"
        if self.session is not None:
            question += " The game is saved after every action; resume it later."
        self.push_screen(ConfirmDialog(question, "Quit"), answered)

    def screen_actions(self, screen: Screen[object]) -> list[tuple[str, str, ActiveBinding]]:
        """(keys, description, binding) for every described binding active on `screen`."""
        found: dict[tuple[str, str], tuple[list[str], ActiveBinding]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action == "command_palette":
                continue
            keys, _ = found.setdefault((binding.action, binding.description), ([], active))
            keys.append(self.get_key_display(binding))
        return [(" ".join(keys), desc, active) for (_, desc), (keys, active) in found.items()]

    def action_help(self) -> None:
        keys = [(keys, desc) for keys, desc, _ in self.screen_actions(self.screen)]
        keys.append((self.get_key_display(Binding("ctrl+p", "")), "Command palette"))
        self.push_screen(HelpScreen(keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for keys, description, active in self.screen_actions(screen):
            yield SystemCommand(
                description,
                f"key: {keys}",
                lambda action=active.binding.action, target=active.node: self.call_later(
                    target.run_action, action
                ),
            )

    def _fatal_error(self) -> None:
        """Crash report without local variables: they may hold a seat's secrets.

        Textual's own report prints every frame's locals on the shared screen
        (a scenario with every secret objective, a seat's pending orders).
        """
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()
