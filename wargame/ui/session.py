"""The game a group is playing, as the screens use it.

Screens never touch the engine directly: they ask the session for a seat's
view, and send it action lines. The session applies them to the `Game`
(which checks them with the engine) and autosaves after every accepted one.
A failed autosave is reported, never fatal: the game goes on. Bot seats
(`BotSeats`) decide from their own seat's view; their lines are entered here
too, and saved as a person's are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from wargame.bots import BotTurn, apply_lines
from wargame.control_chars import control_message, first_control
from wargame.engine import Action, Event, OrderSyntaxError, Phase, View, cost, parse_action
from wargame.game import Game, GameError
from wargame.problems import ProblemsError
from wargame.saves import Control, LoadedSave, SaveMeta, SaveSeat, SaveSession, load_save
from wargame.saves.format import SavePin
from wargame.saves.pin import hash_pin
from wargame.saves.store import utc_now
from wargame.scenario_files import LoadedScenario
from wargame.ui.bot_seats import BotSeats


class Saver(Protocol):
    """Where a session writes its game after each accepted action."""

    def write(self, game: Game) -> str | None:
        """Write the game; return a message for the players if it failed."""

    def close(self) -> None:
        """Release the save (its lock)."""


@dataclass
class Session:
    """A game, its players' names and its autosave."""

    game: Game
    players: dict[str, str] = field(default_factory=dict)
    """Names of the people at each seat, by seat id (may be empty)."""
    saver: Saver | None = None
    save_error: str | None = None
    """The last autosave failure, shown until a save succeeds again."""
    report: Callable[[str], None] | None = field(default=None, repr=False)
    """Told at once when an autosave fails, or works again after failing."""
    pin: SavePin | None = field(default=None, repr=False)
    """The facilitator's PIN (a salted hash): asked before the desk opens."""
    bots: BotSeats = field(default_factory=BotSeats)
    """The seats bots play (none: every seat is played by people)."""
    notices: list[str] = field(default_factory=list)
    """What the table is told when the game opens (a bot level this version lacks)."""

    @classmethod
    def new(
        cls,
        loaded: LoadedScenario,
        seed: int,
        players: dict[str, str],
        folder: Path,
        pin: str = "",
        bots: Mapping[str, str] | None = None,
    ) -> Session:
        """A new game, saved in `folder` from its first moment; `pin` (optional) guards
        the facilitator's desk and is saved as a salted hash; `bots` (seat → level)
        names the seats bots play.

        If the save cannot be created (a read-only folder...), the game still
        starts and `save_error` says why.
        """
        game = Game.start(loaded.scenario, seed)
        bot_seats = BotSeats.of(game, bots or {})
        seats = {
            s.id: _save_seat(s.name, players.get(s.id, ""), bot_seats.levels.get(s.id))
            for s in loaded.scenario.seats
        }
        hashed = hash_pin(pin) if pin else None
        meta = SaveMeta.new(
            loaded.scenario, loaded.source, created=utc_now(), seats=seats, pin=hashed
        )
        session = cls(game, players, pin=hashed, bots=bot_seats)
        try:
            session.saver = SaveSession.create(folder, meta, loaded.scenario.id)
        except (ProblemsError, OSError) as error:
            session.save_error = f"this game is not being saved: {_first_line(error)}"
            return session
        session.autosave()
        return session

    @classmethod
    def resumed(cls, loaded: LoadedSave, saver: SaveSession) -> Session:
        """A saved game, continued where it stopped (its save stays locked to us).

        Its bot seats are played by bots of the same levels again; a level this
        version lacks leaves its seat to people, and `notices` says so.
        """
        players = {seat: s.player or "" for seat, s in loaded.meta.seats.items()}
        levels: dict[str, str] = {}
        notices = []
        for seat, saved in loaded.meta.seats.items():
            if saved.control is not Control.BOT:
                continue
            try:
                BotSeats.of(loaded.game, {seat: saved.bot or ""})
            except ValueError as error:
                notices.append(f"{saved.name} is played by people now: {error}.")
                continue
            levels[seat] = saved.bot or ""
        bots = BotSeats.of(loaded.game, levels)
        return cls(loaded.game, players, saver, pin=loaded.meta.pin, bots=bots, notices=notices)

    @classmethod
    def open_save(cls, path: Path) -> Session:
        """Load and lock a save; raises ProblemsError with one clear line."""
        loaded = load_save(path)
        return cls.resumed(loaded, SaveSession.open(path, loaded.meta))

    @property
    def save_path(self) -> Path | None:
        """Where the game is saved, if it is."""
        return self.saver.path if isinstance(self.saver, SaveSession) else None

    def __repr__(self) -> str:  # a crash screen must not print the game
        return f"<Session {self.game.scenario.id} round {self.game.state.round}>"

    # -- reading -----------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self.game.state.phase

    @property
    def ended(self) -> bool:
        """The game is over."""
        return self.phase is Phase.ENDED

    @property
    def ordering(self) -> bool:
        """Seats are entering sealed orders."""
        return self.phase is Phase.ORDERS

    @property
    def round(self) -> int:
        return self.game.state.round

    @property
    def seats(self) -> list[str]:
        return self.game.seats

    def seat_name(self, seat: str) -> str:
        """The seat's name, with its players' names when known (`random bot` for a bot)."""
        name = self.game.rules.seats[seat].name
        if seat in self.bots:
            return f"{name} ({self.bots.label(seat)})"
        players = self.players.get(seat, "").strip()
        return f"{name} ({players})" if players else name

    def view(self, seat: str | None) -> View:
        """What `seat` may see; None for the public board."""
        return self.game.view_for(seat)

    def orders(self, seat: str) -> tuple[Action, ...]:
        """The seat's own pending orders: only its own screen asks."""
        return self.game.orders_of(seat)

    def people_seats(self) -> list[str]:
        """The seats people play (their briefings and private results have a curtain)."""
        return [s for s in self.seats if s not in self.bots]

    def waiting(self) -> list[str]:
        """Seats that have not yet submitted orders this round, in order."""
        if self.phase is not Phase.ORDERS:
            return []
        return [s for s in self.seats if s not in self.game.submitted]

    def why_not(self, seat: str, line: str) -> str | None:
        """The engine's reason for refusing this line for `seat`, or None."""
        return _typed_text_problem(line) or self.game.why_not(seat, line)

    def cost(self, line: str) -> int | None:
        """PC the line would cost (None if it cannot be read)."""
        try:
            return cost(self.game.state, parse_action(line))
        except OrderSyntaxError:
            return None

    def pc_left(self, seat: str) -> int:
        """The seat's PC after paying for its pending orders."""
        state = self.game.state
        spent = sum(cost(state, order) for order in self.orders(seat))
        return state.seats[seat].pc - spent

    # -- acting ------------------------------------------------------------

    def apply(self, line: str) -> list[Event]:
        """Apply a line (raises GameError with the reason), then autosave.

        A line holding a control character (a pasted terminal escape) is refused
        here, before the log: text typed by players is shown to everyone later.
        """
        problem = _typed_text_problem(line)
        if problem is not None:
            raise GameError(problem)
        events = self.game.apply(line)
        self.autosave()
        return events

    def enter_bot_lines(self, seat: str, lines: Sequence[str], at: int) -> BotTurn | None:
        """Enter the lines `seat`'s bot decided from the game as it stood when the log
        was `at` lines long, then autosave; None (nothing entered) if the game has
        moved since: the bot must decide again from the game as it is now."""
        if len(self.game.log) != at:
            return None
        negotiating = self.phase is Phase.NEGOTIATION
        turn = apply_lines(self.game, seat, [line for line in lines if not first_control(line)])
        if negotiating:
            self.bots.negotiated(self.game, seat)
        self.autosave()
        return turn

    def autosave(self) -> None:
        """Write the save now; remember a failure for the screens to show."""
        if self.saver is None:
            return
        before, self.save_error = self.save_error, self.saver.write(self.game)
        if self.report is not None and self.save_error != before:
            self.report(self.save_error or "The game is being saved again.")

    def close(self) -> None:
        if self.saver is not None:
            self.saver.close()


def _save_seat(name: str, player: str, level: str | None) -> SaveSeat:
    if level is not None:
        return SaveSeat(name=name, control=Control.BOT, bot=level)
    return SaveSeat(name=name, player=player or None)


def _typed_text_problem(line: str) -> str | None:
    char = first_control(line)
    return None if char is None else control_message(char)


def _first_line(error: Exception) -> str:
    if isinstance(error, ProblemsError) and error.problems:
        return error.problems[0].message
    return str(error).splitlines()[0] if str(error) else type(error).__name__
