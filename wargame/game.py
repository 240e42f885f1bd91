"""A game in progress: scenario + seed + the append-only log of accepted actions.

The state is always the replay of the log; `Game` keeps it cached and never
lets the two disagree (every change goes through `_apply`, which first
replays the line on the engine and only then appends it). Log lines are the
actions' one-line text forms plus a few control lines:

    orders                   close negotiation, open the orders phase
    <seat> submit            the seat seals its orders for this round
    <seat> retract <n>       remove the seat's n-th pending order (1-based)
    resolve                  resolve the round (every seat has submitted)
    facilitator rewind <n> "reason"   back to the start of round n

Sealed orders live in `SealedOrders`, whose repr shows no order: a crash
report printed in front of the room must not reveal them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from wargame.engine import (
    Action,
    Event,
    EventKind,
    GameState,
    IllegalAction,
    Phase,
    Rules,
    View,
    act,
    begin_orders,
    check,
    is_secret,
    parse_action,
    resolve_round,
    start,
    state_hash,
    view_for,
)
from wargame.engine.orders import FACILITATOR, OrderSyntaxError
from wargame.scenario.models import Scenario

_REWIND = re.compile(r'^facilitator rewind (\d{1,3}) "((?:[^"\\]|\\.)*)"$')
_RETRACT = re.compile(r"^([a-z][a-z0-9_]{0,31}) retract (\d{1,3})$")
_SUBMIT = re.compile(r"^([a-z][a-z0-9_]{0,31}) submit$")


class GameError(ValueError):
    """A game action refused; the message says why (state unchanged)."""


def rng_for_round(seed: int, round_: int, rewinds: int = 0) -> random.Random:
    """The seeded generator for one round's resolution (same seed and log, same game).

    `rewinds` is how many facilitator rewinds the log holds so far: after a
    rewind the table has seen the rolls, so the replayed rounds draw new ones.
    A game never rewound draws what it always drew.
    """
    if rewinds == 0:
        return random.Random(f"wargame:{seed}:{round_}")
    return random.Random(f"wargame:{seed}:{round_}:rewind{rewinds}")


class SealedOrders:
    """A seat's orders for this round, hidden from repr and str."""

    __slots__ = ("_orders",)

    def __init__(self, orders: Iterable[Action] = ()) -> None:
        self._orders: tuple[Action, ...] = tuple(orders)

    def __repr__(self) -> str:
        return f"<sealed: {len(self._orders)} orders>"

    __str__ = __repr__

    def __iter__(self) -> Iterator[Action]:
        return iter(self._orders)

    def __len__(self) -> int:
        return len(self._orders)

    def reveal(self) -> tuple[Action, ...]:
        """The orders themselves (only the seat's own screen and the engine ask)."""
        return self._orders

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SealedOrders) and self._orders == other._orders

    __hash__ = None  # type: ignore[assignment]


@dataclass
class _RoundStart:
    state: GameState
    log_len: int
    events_len: int


@dataclass
class Game:
    """A game: its scenario, seed, log, and the state the log replays to."""

    rules: Rules
    seed: int
    log: list[str] = field(default_factory=list, repr=False)
    state: GameState = field(init=False, repr=False)
    events: list[Event] = field(default_factory=list, init=False, repr=False)
    sealed: dict[str, SealedOrders] = field(default_factory=dict, init=False, repr=False)
    submitted: set[str] = field(default_factory=set, init=False, repr=False)
    round_hashes: list[str] = field(default_factory=list, init=False, repr=False)
    """The state hash after each resolved round, in order."""
    rewinds: int = field(default=0, init=False, repr=False)
    """Facilitator rewinds in the log so far: part of every later round's dice."""
    _starts: dict[int, _RoundStart] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def start(cls, scenario: Scenario | Rules, seed: int, log: Iterable[str] = ()) -> Game:
        """A new game, or one replayed from `log` (raises GameError at a bad line)."""
        rules = scenario if isinstance(scenario, Rules) else Rules(scenario)
        game = cls(rules, seed)
        game._reset()
        for number, line in enumerate(log, 1):
            try:
                game.apply(line)
            except GameError as error:
                raise GameError(f"log line {number}: {error}") from None
        return game

    def _reset(self) -> None:
        self.log = []
        self.state, opening = start(self.rules)
        self.events = list(opening)
        self.sealed = {s: SealedOrders() for s in self.state.seats}
        self.submitted = set()
        self.round_hashes = []
        self.rewinds = 0
        self._starts = {1: _RoundStart(self.state, 0, len(self.events))}

    # -- what the UI and the tests call -------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.rules.scenario

    @property
    def seats(self) -> list[str]:
        """Seat ids in scenario order."""
        return list(self.state.seats)

    def view_for(self, seat: str | None) -> View:
        """What `seat` may see (None: the public board)."""
        return view_for(self.state, seat, self.events)

    def orders_of(self, seat: str) -> tuple[Action, ...]:
        """The seat's own pending orders (for its screen only)."""
        return self.sealed[seat].reveal()

    def why_not(self, seat: str, line_or_action: str | Action) -> str | None:
        """Why this order or action would be refused for `seat` now, or None."""
        try:
            action = (
                parse_action(line_or_action) if isinstance(line_or_action, str) else line_or_action
            )
        except OrderSyntaxError as error:
            return str(error)
        if action.seat != seat:
            return f"this order is for {action.seat}, not {seat}"
        return self._refusal(action)

    def apply(self, line: str) -> list[Event]:
        """Apply one log line (an action or a control line); returns the new events.

        On refusal raises GameError with the reason; the game is unchanged.
        """
        line = line.strip()
        before = len(self.events)
        if line == "orders":
            self._begin_orders()
        elif line == "resolve":
            self._resolve()
        elif m := _SUBMIT.match(line):
            self._submit(m.group(1))
        elif m := _RETRACT.match(line):
            self._retract(m.group(1), int(m.group(2)))
        elif m := _REWIND.match(line):
            self._rewind(int(m.group(1)), re.sub(r"\\(.)", r"\1", m.group(2)))
        else:
            self._action(line)
        self.log.append(line)
        return self.events[before:]

    # -- convenience wrappers ----------------------------------------------

    def do(self, action: Action) -> list[Event]:
        """Apply an action given as a value."""
        return self.apply(action.text())

    def begin_orders(self) -> None:
        self.apply("orders")

    def submit(self, seat: str) -> None:
        self.apply(f"{seat} submit")

    def resolve(self) -> list[Event]:
        return self.apply("resolve")

    def play_round(self, orders: dict[str, Sequence[str]]) -> list[Event]:
        """Enter every seat's orders (missing seats pass), submit all and resolve."""
        if self.state.phase is Phase.NEGOTIATION:
            self.begin_orders()
        for seat in self.seats:
            for line in orders.get(seat, ()):
                self.apply(line)
            self.submit(seat)
        return self.resolve()

    # -- the steps -----------------------------------------------------------

    def _refusal(self, action: Action) -> str | None:
        pending = self.sealed[action.seat].reveal() if action.seat in self.sealed else ()
        if is_secret(action) and action.seat in self.submitted:
            return f"{action.seat} has already submitted its orders for this round"
        return check(self.state, action, pending)

    def _action(self, line: str) -> None:
        try:
            action = parse_action(line)
        except OrderSyntaxError as error:
            raise GameError(f"{line!r}: {error}") from None
        reason = self._refusal(action)
        if reason is not None:
            raise GameError(reason)
        if is_secret(action):
            orders = self.sealed[action.seat].reveal()
            self.sealed[action.seat] = SealedOrders((*orders, action))
            return
        try:
            self.state, events = act(self.state, action)
        except IllegalAction as error:  # pragma: no cover - check() above agrees
            raise GameError(str(error)) from None
        self.events.extend(events)
        if self.state.phase is Phase.ENDED:
            self.round_hashes.append(state_hash(self.state))

    def _begin_orders(self) -> None:
        try:
            self.state = begin_orders(self.state)
        except IllegalAction as error:
            raise GameError(str(error)) from None

    def _submit(self, seat: str) -> None:
        if seat not in self.state.seats:
            raise GameError(f"unknown seat {seat!r}")
        if self.state.phase is not Phase.ORDERS:
            raise GameError("orders are submitted in the orders phase")
        if seat in self.submitted:
            raise GameError(f"{seat} has already submitted")
        self.submitted.add(seat)

    def _retract(self, seat: str, number: int) -> None:
        if seat not in self.sealed:
            raise GameError(f"unknown seat {seat!r}")
        if seat in self.submitted:
            raise GameError(f"{seat} has already submitted its orders")
        orders = list(self.sealed[seat].reveal())
        if not 1 <= number <= len(orders):
            raise GameError(f"{seat} has no order number {number}")
        del orders[number - 1]
        self.sealed[seat] = SealedOrders(orders)

    def _resolve(self) -> None:
        if self.state.phase is not Phase.ORDERS:
            raise GameError("resolution follows the orders phase")
        waiting = [s for s in self.seats if s not in self.submitted]
        if waiting:
            raise GameError(f"still waiting for orders from: {', '.join(waiting)}")
        orders = {s: self.sealed[s].reveal() for s in self.seats}
        resolved = self.state.round
        try:
            self.state, events = resolve_round(
                self.state, orders, rng_for_round(self.seed, resolved, self.rewinds)
            )
        except IllegalAction as error:  # pragma: no cover - orders were checked at entry
            raise GameError(str(error)) from None
        self.events.extend(events)
        self.sealed = {s: SealedOrders() for s in self.seats}
        self.submitted = set()
        self.round_hashes.append(state_hash(self.state))
        if self.state.phase is not Phase.ENDED:
            self._starts[self.state.round] = _RoundStart(
                self.state, len(self.log) + 1, len(self.events)
            )

    def _rewind(self, round_: int, reason: str) -> None:
        start = self._starts.get(round_)
        if start is None:
            raise GameError(f"cannot rewind to round {round_}: it has not started")
        # The log keeps everything (the rewind included), so a replay
        # reproduces the rewind; the state goes back to the round's start.
        self.state = start.state
        self.rewinds += 1
        self.events = self.events[: start.events_len]
        self.events.append(
            Event(
                round_,
                EventKind.FACILITATOR,
                f"Facilitator rewinds to the start of round {round_} ({reason})",
            )
        )
        self.sealed = {s: SealedOrders() for s in self.seats}
        self.submitted = set()
        self.round_hashes = self.round_hashes[: round_ - 1]
        self._starts = {r: s for r, s in self._starts.items() if r <= round_}


__all__ = ["FACILITATOR", "Game", "GameError", "SealedOrders", "rng_for_round"]
