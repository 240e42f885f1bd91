"""The app: it wires screens together and holds the session. No rule lives here."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from rich.segment import Segments
from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from wargame.control_chars import visible
from wargame.problems import ProblemsError
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.screens.curtain import CurtainScreen
from wargame.ui.screens.help import HelpScreen
from wargame.ui.screens.start import GameSetup, StartScreen
from wargame.ui.widgets.timer import NegotiationTimer

if TYPE_CHECKING:
    from wargame.engine import Event
    from wargame.saves import LoadedSave, SaveSession
    from wargame.saves.format import SavePin
    from wargame.ui.pin_guard import PinGuard
    from wargame.ui.screens.board import BoardScreen
    from wargame.ui.screens.bot_turn import BotTurnScreen
    from wargame.ui.screens.end import EndScreen
    from wargame.ui.screens.game_screen import GameScreen
    from wargame.ui.screens.replay import ReplayScreen, ReplaySource
    from wargame.ui.session import Session

# The game's screens, the session, the engine and the saves (pydantic) are
# imported where first used, so the start screen draws without waiting for
# them (docs/DECISIONS.md, "Start-up").


class WargameApp(App[None]):
    """A hot-seat game at one terminal."""

    TITLE = "wargame"
    CSS_PATH = [Path(__file__).with_name("app.tcss"), Path(__file__).parent / "screens/start.tcss"]
    """The start screen's rules are read with the app's: a screen with a CSS_PATH of its own
    makes Textual parse every stylesheet again and restyle every node when it is pushed."""
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(
        self,
        scenario: str | None = None,
        save_dir: Path = Path("saves"),
        resumed: tuple[LoadedSave, SaveSession] | None = None,
        replay: ReplaySource | None = None,
    ) -> None:
        """`resumed` continues a saved game; `replay` opens a game's replay (over the start
        screen, where leaving it goes)."""
        super().__init__()
        self.scenario_name = scenario
        self.save_dir = save_dir
        self.session: Session | None = None
        if resumed is not None:
            from wargame.ui.session import Session

            self._adopt(Session.resumed(*resumed))
        self.timer = NegotiationTimer()
        self.replay = replay
        self.pin_clock: Callable[[], float] = monotonic
        """The clock of the PIN's lock (tests move it by hand)."""
        self._pin_guards: dict[str, PinGuard] = {}

    def on_mount(self) -> None:
        if self.session is not None:
            # A resumed game opens on its own screen: an empty one is switched for the
            # game's before the first frame (the start screen used to show for a moment).
            self.push_screen(Screen())
            self.continue_game()
            return
        self.push_screen(StartScreen(self.scenario_name, validate_on_mount=False))
        if self.replay is not None:
            self.push_screen(self._replay_screen(self.replay))

    def on_ready(self) -> None:
        """The first frame is drawn: only now validate the scenario it shows (not before it)."""
        if isinstance(self.screen, StartScreen):
            self.screen.validate_soon()
        self.call_after_refresh(gc.enable)  # `wargame play` starts with it off (cli.py)

    # -- what the screens ask for (messages up) ------------------------------

    def on_start_screen_start_game(self, message: StartScreen.StartGame) -> None:
        self.begin_game(message.setup)

    def on_start_screen_resume_save(self, _: StartScreen.ResumeSave) -> None:
        self.choose_save()

    def on_game_screen_show_board(self, _: GameScreen.ShowBoard) -> None:
        self.show_board()

    def on_game_screen_next_orders(self, _: GameScreen.NextOrders) -> None:
        self.next_orders()

    def on_board_screen_show_briefing(self, message: BoardScreen.ShowBriefing) -> None:
        self.show_briefing(message.seat, then=self.show_board)

    def on_board_screen_open_facilitator(self, _: BoardScreen.OpenFacilitator) -> None:
        self.open_facilitator()

    def on_end_screen_new_game(self, _: EndScreen.NewGame) -> None:
        self.new_game()

    # -- the flow of a game ------------------------------------------------

    def begin_game(self, setup: GameSetup) -> None:
        from wargame.ui.session import Session

        self._adopt(
            Session.new(
                setup.loaded, setup.seed, setup.players, self.save_dir, setup.pin, bots=setup.bots
            )
        )
        self._briefings(self._session().people_seats())

    def continue_game(self) -> None:
        """Back to where a resumed game stood: board, the next seat's curtain, or the end."""
        session = self._session()
        if session.ordering:
            self.next_orders()
        else:
            self.show_board()
        # Told on the first screen, once drawn (a curtain clears the toasts before it).
        self.call_after_refresh(self._tell_resumed, session)

    def _tell_resumed(self, session: Session) -> None:
        if session.save_error:
            self.notify(session.save_error, severity="error", markup=False)
        for notice in session.notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)
        if session.bots:
            names = ", ".join(session.seat_name(seat) for seat in session.bots.levels)
            self.notify(f"Played by bots again: {names}.", markup=False, timeout=10)

    def _briefings(self, seats: list[str]) -> None:
        if not seats:
            self.show_board()
            return
        self.show_briefing(seats[0], then=lambda: self._briefings(seats[1:]))

    def show_briefing(self, seat: str, then: Callable[[], None]) -> None:
        from wargame.ui.screens.briefing import BriefingScreen

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
        from wargame.ui.screens.board import BoardScreen

        if self._session().ended:
            self.show_end()
        else:
            self.switch_screen(BoardScreen())

    def next_orders(self) -> None:
        from wargame.ui.screens.orders import OrdersScreen

        session = self._session()
        waiting = session.waiting()
        if waiting and waiting[0] in session.bots:
            from wargame.ui.screens.bot_turn import BotTurnScreen

            if isinstance(self.screen, OrdersScreen):
                # A seat's toasts must not linger on the screen the room sees next.
                self.clear_notifications()
            self.switch_screen(BotTurnScreen(waiting[0]))  # a bot seat needs no curtain
            return
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
        if session.ordering:
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
        from wargame.engine import orders as o
        from wargame.ui.screens.reveal import RevealScreen

        session = self._session()
        round_ = session.round
        events = session.apply(o.Resolve().text())
        self.switch_screen(
            RevealScreen(
                round_,
                events,
                session.game.scenario,
                lambda: self._private_results(round_, events, list(session.seats)),
                view=session.view(None),
            )
        )

    def _private_results(self, round_: int, events: list[Event], seats: list[str]) -> None:
        """After the public reveal, each seat with private results of the round (its
        lobbying, its orders refused at resolution) reads them behind its own curtain;
        a bot seat's are never shown."""
        from wargame.ui.screens.private import PrivateResultsScreen, private_events

        session = self._session()
        waiting = [s for s in seats if s not in session.bots and private_events(events, s)]
        if not waiting:
            self.show_board()
            return
        seat, rest = waiting[0], waiting[1:]
        name = session.seat_name(seat)
        own = private_events(events, seat)  # the screen never receives another seat's
        self.switch_screen(
            CurtainScreen(
                name,
                f"to see {session.game.rules.seats[seat].name}'s private results of round "
                f"{round_} (lobbying, orders refused)",
                lambda: self.switch_screen(
                    PrivateResultsScreen(
                        seat,
                        name,
                        round_,
                        own,
                        session.game.rules.names,
                        lambda: self._private_results(round_, events, rest),
                    )
                ),
            )
        )

    def on_bot_turn_screen_sealed(self, _: BotTurnScreen.Sealed) -> None:
        from wargame.ui.screens.bot_turn import BotTurnScreen

        # Only from the bot's own screen: over a dialog (help), it asks again on its return.
        if isinstance(self.screen, BotTurnScreen) and self.screen.sealed:
            self.next_orders()

    def show_end(self) -> None:
        from wargame.ui.screens.end import EndScreen

        session = self._session()
        self.switch_screen(EndScreen(session.view(None), session.game.scenario))

    def new_game(self) -> None:
        if self.session is not None:
            self.session.close()
        self.session = None
        self.switch_screen(StartScreen(self.scenario_name))

    def choose_save(self) -> None:
        self._pick_save("Resume a saved game", "resume", self.play_save)

    def _pick_save(self, title: str, verb: str, then: Callable[[Path], None]) -> None:
        """List the saves that load; `then` gets the one picked (nothing on Escape)."""
        from wargame.saves import list_saves

        saves = [s for s in list_saves(self.save_dir) if s.ok]
        if not saves:
            self.notify(f"No save to {verb} in {self.save_dir}/.", severity="warning", markup=False)
            return
        items = [
            (str(s.path), f"{s.title} — round {s.round}, {s.phase} — {s.path.name}") for s in saves
        ]
        self.push_screen(
            ChooseDialog(title, items), lambda path: then(Path(path)) if path else None
        )

    def open_facilitator(self) -> None:
        from wargame.ui.screens.board import BoardScreen
        from wargame.ui.screens.facilitator import FacilitatorScreen

        if self.session is None or self.session.ended:
            self.notify("The facilitator acts during a game.")
            return
        if not isinstance(self.screen, BoardScreen):
            return  # never over a seat's curtain or screen: the desk shows sealed ratings
        from wargame.ui.dialogs.pin import PinDialog

        pin = self.session.pin
        if pin is None:
            self.push_screen(FacilitatorScreen())
            return

        def opened(right: bool | None) -> None:
            if right:
                self.push_screen(FacilitatorScreen())

        self.push_screen(PinDialog(self.pin_guard(pin), "open the facilitator's desk"), opened)

    # -- replays -----------------------------------------------------------

    def pin_guard(self, pin: SavePin) -> PinGuard:
        """The one guard of this PIN in this app: its wrong tries count wherever it is asked."""
        from wargame.ui.pin_guard import PinGuard

        return self._pin_guards.setdefault(pin.hash, PinGuard(pin, self.pin_clock))

    def _replay_screen(self, source: ReplaySource) -> ReplayScreen:
        from wargame.ui.screens.replay import ReplayScreen

        guard = self.pin_guard(source.pin) if source.pin is not None else None
        return ReplayScreen(source, guard)

    def watch_replay(self) -> None:
        """Pick a save and watch it (read only: the save is never written)."""
        from wargame.saves import load_save
        from wargame.ui.screens.replay import ReplaySource

        def chosen(path: Path) -> None:
            try:
                loaded = load_save(path)
            except ProblemsError as error:
                self.notify(str(error.problems[0]), severity="error", markup=False, timeout=10)
                return
            self.push_screen(self._replay_screen(ReplaySource.of_save(loaded, path)))

        self._pick_save("Watch a replay of…", "watch", chosen)

    def watch_this_game(self) -> None:
        """The replay of the game just played (from memory; its save is not touched)."""
        from wargame.replay.timeline import timeline
        from wargame.ui.screens.replay import ReplaySource

        session = self._session()
        game = session.game
        source = ReplaySource(
            timeline(game.rules, game.seed, game.log),
            session.save_path.name if session.save_path else "this game (not saved)",
            None if session.save_error else session.save_path,
            dict(session.players),
            session.pin,
        )
        self.push_screen(self._replay_screen(source))

    def play_save(self, path: Path) -> None:
        """Leave what is on screen and play a saved game (one picked, a fork just written)."""
        from wargame.ui.session import Session

        try:
            session = Session.open_save(path)
        except ProblemsError as error:
            self.notify(str(error.problems[0]), severity="error", markup=False, timeout=10)
            return
        if self.session is not None:
            self.session.close()
        self._adopt(session)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.continue_game()

    def on_replay_screen_play_fork(self, message: ReplayScreen.PlayFork) -> None:
        self.play_save(message.path)

    def on_start_screen_watch_replay(self, _message: StartScreen.WatchReplay) -> None:
        self.watch_replay()

    def on_end_screen_watch_replay(self, _message: EndScreen.WatchReplay) -> None:
        self.watch_this_game()

    def _adopt(self, session: Session) -> None:
        """Play this session; a failing autosave is announced the moment it fails."""
        self.session = session

        def report(message: str) -> None:
            failing = session.save_error is not None
            self.notify(
                message,
                title="Autosave failed" if failing else "Autosave",
                severity="error" if failing else "information",
                markup=False,
                timeout=10,
            )

        session.report = report

    def _session(self) -> Session:
        assert self.session is not None, "no game in progress"
        return self.session

    # -- app-wide actions --------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast (file names, refusals, typed text): control characters made visible."""
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    async def action_request_quit(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                if self.session is not None:
                    self.session.close()
                self.exit()

        question = "Quit wargame?"
        if self.session is not None and not self.session.ended:
            path = self.session.save_path
            if path is not None and not self.session.save_error:
                question += (
                    f" The game is saved in {path}: `wargame play --resume {path}` continues it."
                )
            else:
                question += " This game is NOT saved: quitting loses it."
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
        for command in super().get_system_commands(screen):
            if command.title != "Quit":  # Textual's quits at once; ours (ctrl+q) asks first
                yield command
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
