"""A game in progress: scenario + seed + the append-only log of accepted actions.

The state is always the replay of the log; `Game` keeps it cached and never
lets the two disagree (every change goes through `_apply`, which first
replays the line on the engine and only then appends it). Log lines are the
lines of the action grammar (`wargame.engine.grammar`): actions, and the
control lines that move the game along (`orders`, `<seat> submit`,
`<seat> retract <n>`, `resolve`, `facilitator rewind <n> "reason"`). Each line
is read once; the game checks control lines (they concern sealed orders and
submissions, which it keeps) and the engine checks actions.

Sealed orders live in `SealedOrders`, whose repr shows no order: a crash
report printed in front of the room must not reveal them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from wargame.engine import (
    Action,
    Event,
    GameState,
    IllegalAction,
    Phase,
    Rules,
    View,
    act,
    begin_orders,
    check,
    is_secret,
    parse_line,
    resolve_round,
    start,
    state_hash,
)
from wargame.engine import orders as o
from wargame.engine.checks import Progress
from wargame.engine.events import Rewound
from wargame.engine.grammar import check_control
from wargame.engine.orders import FACILITATOR, OrderSyntaxError
from wargame.engine.view import Views
from wargame.scenario.models import Scenario


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


class _Seen:
    """The events of a game one viewer may see, kept as the game's list of events grows.

    The game's list only grows in place, or is replaced (a new game, a rewind): a list
    that is not the one indexed, or shorter, is indexed again from its start."""

    __slots__ = ("_events", "_indexed", "_seat", "_visible")

    def __init__(self, seat: str | None) -> None:
        self._seat = seat
        self._events: list[Event] | None = None
        self._indexed = 0
        self._visible: tuple[Event, ...] = ()

    def of(self, events: list[Event]) -> tuple[Event, ...]:
        """Those of `events` the viewer may see, in order."""
        if events is not self._events or len(events) < self._indexed:
            self._events, self._indexed, self._visible = events, 0, ()
        if len(events) > self._indexed:
            seat = self._seat
            new = tuple([e for e in events[self._indexed :] if e.visible_to(seat)])
            self._visible += new
            self._indexed = len(events)
        return self._visible


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
    _round_ends: list[GameState] = field(default_factory=list, init=False, repr=False)
    """The state after each resolved round, in order (as the game stands)."""
    _hashes: list[str] = field(default_factory=list, init=False, repr=False)
    """The hashes of the first `len(_hashes)` of `_round_ends`, computed when first asked."""
    _checked_on: GameState | None = field(default=None, init=False, repr=False)
    """The state every pending order was checked against at entry, while that holds
    (None once an order was retracted): resolution need not check them again."""
    rewinds: int = field(default=0, init=False, repr=False)
    """Facilitator rewinds in the log so far: part of every later round's dice."""
    _starts: dict[int, _RoundStart] = field(default_factory=dict, init=False, repr=False)
    _views: Views = field(init=False, repr=False, compare=False)
    """What the views of this game's states share (derived: see `Views`)."""
    _seen: dict[str | None, _Seen] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Each viewer's visible events so far (derived from `events`: see `_Seen`)."""

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
        self._round_ends = []
        self._hashes = []
        self.rewinds = 0
        self._starts = {1: _RoundStart(self.state, 0, len(self.events))}
        self._views = Views(self.rules)

    # -- what the UI and the tests call -------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.rules.scenario

    @property
    def seats(self) -> list[str]:
        """Seat ids in scenario order."""
        return list(self.state.seats)

    @property
    def round_hashes(self) -> list[str]:
        """`state_hash(state, seed)` after each resolved round, in order (what saves record).

        Computed when first asked (saving, loading) and remembered: a game played
        without saving, as in a batch of simulated games, never pays for them.
        """
        for state in self._round_ends[len(self._hashes) :]:
            self._hashes.append(state_hash(state, self.seed))
        return list(self._hashes)

    @property
    def resolved_rounds(self) -> int:
        """How many resolved rounds stand (the length of `round_hashes`)."""
        return len(self._round_ends)

    @property
    def round_states(self) -> tuple[GameState, ...]:
        """The state after each resolved round, in order (as the game stands)."""
        return tuple(self._round_ends)

    def view_for(self, seat: str | None, *, objectives: bool = True) -> View:
        """What `seat` may see (None: the public board); `objectives=False` leaves its
        objectives out (`View.objectives`: a bot's view)."""
        seen = self._seen.get(seat)
        if seen is None:
            seen = self._seen[seat] = _Seen(seat)
        return self._views.view(self.state, seat, seen.of(self.events), objectives=objectives)

    def orders_of(self, seat: str) -> tuple[Action, ...]:
        """The seat's own pending orders (for its screen only)."""
        return self.sealed[seat].reveal()

    def why_not(self, seat: str | None, line_or_action: str | o.Line) -> str | None:
        """Why this line would be refused for `seat` now, or None.

        `seat` is who gives it: a seat id, "facilitator", or None for the table
        (control lines without a seat: `orders`, `resolve`).
        """
        try:
            line = parse_line(line_or_action) if isinstance(line_or_action, str) else line_or_action
        except OrderSyntaxError as error:
            return str(error)
        given_by = getattr(line, "seat", None)
        if given_by is not None and given_by != seat:
            return f"this order is for {given_by}, not {seat}"
        if isinstance(line, o.Control):
            return check_control(self.state, line, self._progress())
        return self._refusal(line)

    def apply(self, line: str) -> list[Event]:
        """Apply one log line (an action or a control line); returns the new events.

        On refusal raises GameError with the reason; the game is unchanged.
        """
        line = line.strip()
        before = len(self.events)
        try:
            parsed = parse_line(line)
        except OrderSyntaxError as error:
            raise GameError(f"{line!r}: {error}") from None
        if isinstance(parsed, o.Control):
            reason = check_control(self.state, parsed, self._progress())
            if reason is not None:
                raise GameError(reason)
            self._control(parsed)
        else:
            self._action(parsed)
        self.log.append(line)
        return self.events[before:]

    # -- convenience wrappers ----------------------------------------------

    def do(self, action: o.Line) -> list[Event]:
        """Apply a line given as a value."""
        return self.apply(action.text())

    def begin_orders(self) -> None:
        self.apply(o.BeginOrders().text())

    def submit(self, seat: str) -> None:
        self.apply(o.Submit(seat).text())

    def resolve(self) -> list[Event]:
        return self.apply(o.Resolve().text())

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

    def _progress(self) -> Progress:
        return Progress(
            frozenset(self.submitted),
            {seat: len(orders) for seat, orders in self.sealed.items()},
            frozenset(self._starts),
        )

    def _action(self, action: o.Action) -> None:
        reason = self._refusal(action)
        if reason is not None:
            raise GameError(reason)
        if is_secret(action):
            orders = self.sealed[action.seat].reveal()
            self.sealed[action.seat] = SealedOrders((*orders, action))
            return
        pending = self.sealed[action.seat].reveal() if action.seat in self.sealed else ()
        try:
            # Checked just now against this state by `_refusal`; with no pending
            # orders that is `act`'s own check.
            self.state, events = act(self.state, action, checked=not pending)
        except IllegalAction as error:  # pragma: no cover - check() above agrees
            raise GameError(str(error)) from None
        self.events.extend(events)
        if self.state.phase is Phase.ENDED:
            self._round_ends.append(self.state)

    def _control(self, line: o.Control) -> None:
        """Carry out a control line its check accepted."""
        if isinstance(line, o.BeginOrders):
            self.state = begin_orders(self.state)
            self._checked_on = self.state
        elif isinstance(line, o.Submit):
            self.submitted.add(line.seat)
        elif isinstance(line, o.Retract):
            orders = list(self.sealed[line.seat].reveal())
            del orders[line.number - 1]
            self.sealed[line.seat] = SealedOrders(orders)
            self._checked_on = None  # later orders were checked after the retracted one
        elif isinstance(line, o.Resolve):
            self._resolve()
        else:
            self._rewind(line.round, line.reason)

    def _resolve(self) -> None:
        orders = {s: self.sealed[s].reveal() for s in self.seats}
        resolved = self.state.round
        try:
            self.state, events = resolve_round(
                self.state,
                orders,
                rng_for_round(self.seed, resolved, self.rewinds),
                # Nothing moved since the orders were checked at entry (no facilitator
                # act, no retraction): the engine need not check them again.
                checked=self.state is self._checked_on,
            )
        except IllegalAction as error:  # pragma: no cover - orders were checked at entry
            raise GameError(str(error)) from None
        self.events.extend(events)
        self.sealed = {s: SealedOrders() for s in self.seats}
        self.submitted = set()
        self._round_ends.append(self.state)
        if self.state.phase is not Phase.ENDED:
            self._starts[self.state.round] = _RoundStart(
                self.state, len(self.log) + 1, len(self.events)
            )

    def _rewind(self, round_: int, reason: str) -> None:
        start = self._starts[round_]
        # The log keeps everything (the rewind included), so a replay
        # reproduces the rewind; the state goes back to the round's start.
        self.state = start.state
        self.rewinds += 1
        self.events = self.events[: start.events_len]
        self.events.append(Event(round_, Rewound(round_, reason)))
        self.sealed = {s: SealedOrders() for s in self.seats}
        self.submitted = set()
        del self._round_ends[round_ - 1 :]
        del self._hashes[round_ - 1 :]
        self._starts = {r: s for r, s in self._starts.items() if r <= round_}


__all__ = ["FACILITATOR", "Game", "GameError", "SealedOrders", "rng_for_round"]
