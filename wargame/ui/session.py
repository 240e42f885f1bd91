"""The game a group is playing, as the screens use it.

Screens never touch the engine directly: they ask the session for a seat's
view, and send it action lines. The session applies them to the `Game`
(which checks them with the engine) and autosaves after every accepted one.
A failed autosave is reported, never fatal: the game goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from wargame.control_chars import control_message, first_control
from wargame.engine import Action, Event, OrderSyntaxError, Phase, View, cost, parse_action
from wargame.game import Game, GameError
from wargame.problems import ProblemsError
from wargame.saves import LoadedSave, SaveMeta, SaveSeat, SaveSession, load_save
from wargame.saves.format import SavePin
from wargame.saves.pin import hash_pin
from wargame.saves.store import utc_now
from wargame.scenario_files import LoadedScenario


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

    @classmethod
    def new(
        cls,
        loaded: LoadedScenario,
        seed: int,
        players: dict[str, str],
        folder: Path,
        pin: str = "",
    ) -> Session:
        """A new game, saved in `folder` from its first moment; `pin` (optional) guards
        the facilitator's desk and is saved as a salted hash.

        If the save cannot be created (a read-only folder...), the game still
        starts and `save_error` says why.
        """
        game = Game.start(loaded.scenario, seed)
        seats = {
            s.id: SaveSeat(name=s.name, player=players.get(s.id) or None)
            for s in loaded.scenario.seats
        }
        hashed = hash_pin(pin) if pin else None
        meta = SaveMeta.new(
            loaded.scenario, loaded.source, created=utc_now(), seats=seats, pin=hashed
        )
        session = cls(game, players, pin=hashed)
        try:
            session.saver = SaveSession.create(folder, meta, loaded.scenario.id)
        except (ProblemsError, OSError) as error:
            session.save_error = f"this game is not being saved: {_first_line(error)}"
            return session
        session.autosave()
        return session

    @classmethod
    def resumed(cls, loaded: LoadedSave, saver: SaveSession) -> Session:
        """A saved game, continued where it stopped (its save stays locked to us)."""
        players = {seat: s.player or "" for seat, s in loaded.meta.seats.items()}
        return cls(loaded.game, players, saver, pin=loaded.meta.pin)

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
        """The seat's name, with its players' names when known."""
        name = self.game.rules.seats[seat].name
        players = self.players.get(seat, "").strip()
        return f"{name} ({players})" if players else name

    def view(self, seat: str | None) -> View:
        """What `seat` may see; None for the public board."""
        return self.game.view_for(seat)

    def orders(self, seat: str) -> tuple[Action, ...]:
        """The seat's own pending orders: only its own screen asks."""
        return self.game.orders_of(seat)

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


def _typed_text_problem(line: str) -> str | None:
    char = first_control(line)
    return None if char is None else control_message(char)


def _first_line(error: Exception) -> str:
    if isinstance(error, ProblemsError) and error.problems:
        return error.problems[0].message
    return str(error).splitlines()[0] if str(error) else type(error).__name__
