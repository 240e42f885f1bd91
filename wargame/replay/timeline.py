"""A played game, step by step: every event in the order it happened, with the board after it.

The replay viewer walks this. It is built by replaying the log once through
`Game` and keeping, after each log line, the state and the events that line
produced: the board "as it stood" at an event is the state after the line
that produced it (a round's resolution is one line, so every event of a
resolution shows the board as the resolution left it). States are frozen and
shared between steps, so a long game costs one replay and a list of
references.

The timeline keeps what the game went through, not only what stands: a round
undone by a facilitator's rewind stays, marked `undone`, followed by the
rewind and the round played again. Each stretch of one round is a `Segment`;
a segment holds the seats' sealed orders as they stood when the round was
resolved (revealed only by the omniscient view, and only from that point).

Pure: no I/O, no clock; the same log gives the same timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wargame.engine import Action, Event, GameState, Phase, Rules
from wargame.engine import orders as o
from wargame.engine.events import Rewound
from wargame.game import Game


@dataclass(frozen=True, slots=True)
class Step:
    """One point of the game to look at: an event, or the start or where the log stops."""

    index: int
    """Its place in `Timeline.steps` (0 is the start of the game)."""
    event: Event | None
    """What happened; None for the start of the game and for where an unfinished log stops."""
    round: int
    """The round it belongs to."""
    segment: int
    """Its place in `Timeline.segments`."""
    lines: int
    """How many log lines had been applied when it happened (0: none yet)."""
    state: GameState = field(repr=False)
    """The board after the log line that produced it."""

    def visible_to(self, seat: str | None, *, omniscient: bool = False) -> bool:
        """Whether a viewer sees this step: the public board (None), a seat, or everything."""
        return omniscient or self.event is None or self.event.visible_to(seat)


@dataclass(frozen=True, slots=True)
class Segment:
    """One round as it was played once (a rewind starts the round again in a new segment)."""

    index: int
    round: int
    first: int
    """The index of its first step."""
    last: int
    """The index of its last step."""
    resolved_at: int | None
    """The index of the first step of its resolution (None: not resolved in this segment)."""
    orders: dict[str, tuple[Action, ...]] = field(repr=False)
    """Every seat's sealed orders as the round was resolved (or, for the last round if it
    was not, as the game stopped or ended): shown only by the omniscient view and a seat's
    own (empty for a round a rewind undid before its resolution)."""
    undone: bool
    """A later rewind undid it: the round was played again."""


@dataclass(frozen=True)
class Timeline:
    """Every step of a game and its rounds, built by `timeline(...)`."""

    rules: Rules = field(repr=False)
    steps: tuple[Step, ...] = field(repr=False)
    segments: tuple[Segment, ...] = field(repr=False)
    round_starts: dict[int, int]
    """Round -> how many log lines stand before it starts (as the game stands at the end):
    where `wargame fork` cuts the log."""
    ended: bool
    """The game has ended."""

    def segment_of(self, step: int) -> Segment:
        return self.segments[self.steps[step].segment]

    def standing_segment(self, round_: int) -> Segment | None:
        """The last segment of a round: the one that stands after any rewinds."""
        return next((s for s in reversed(self.segments) if s.round == round_), None)

    def round_ends(self, upto: int) -> list[GameState]:
        """The board at the start of the game, then at the end of each round resolved by
        step `upto`, as the game stood at that step (a rewind drops the rounds it undid)."""
        ends: dict[int, GameState] = {}
        for seg in self.segments:
            if seg.first > upto:
                break
            first = self.steps[seg.first].event
            if first is not None and isinstance(first.payload, Rewound):
                ends = {r: s for r, s in ends.items() if r < first.payload.to_round}
            if seg.resolved_at is not None and seg.last <= upto:
                ends[seg.round] = self.steps[seg.last].state
        return [self.steps[0].state, *(ends[r] for r in sorted(ends))]


@dataclass
class _Builder:
    game: Game
    steps: list[Step] = field(default_factory=list)
    bounds: list[tuple[int, int]] = field(default_factory=list)
    """(round, first step) of each segment so far."""
    resolved: dict[int, int] = field(default_factory=dict)
    """segment -> first step of its resolution."""
    orders: dict[int, dict[str, tuple[Action, ...]]] = field(default_factory=dict)
    undone: set[int] = field(default_factory=set)
    starts: dict[int, int] = field(default_factory=lambda: {1: 0})

    def add(self, event: Event | None, lines: int, *, new_segment: bool = False) -> None:
        round_ = event.round if event is not None else self.game.state.round
        if new_segment or not self.bounds or self.bounds[-1][0] != round_:
            self.bounds.append((round_, len(self.steps)))
        segment = len(self.bounds) - 1
        self.steps.append(Step(len(self.steps), event, round_, segment, lines, self.game.state))

    def sealed(self) -> dict[str, tuple[Action, ...]]:
        return {seat: self.game.orders_of(seat) for seat in self.game.seats}


def timeline(rules: Rules, seed: int, log: Sequence[str]) -> Timeline:
    """The timeline of the game these log lines play (they must replay: a loaded save's do)."""
    b = _Builder(Game.start(rules, seed))
    game = b.game
    b.add(None, 0)
    for event in game.events:
        b.add(event, 0)
    for number, line in enumerate(log, 1):
        parsed = o.parse_line(line)
        before = len(game.events)
        sealed = b.sealed() if isinstance(parsed, o.Resolve) else {}
        new = game.apply(line)
        if isinstance(parsed, o.Rewind):
            rewound = game.events[-1]
            assert isinstance(rewound.payload, Rewound)
            b.undone |= {i for i, (r, _) in enumerate(b.bounds) if r >= parsed.round}
            b.add(rewound, number, new_segment=True)
            b.starts = {r: n for r, n in b.starts.items() if r < parsed.round}
            b.starts[parsed.round] = number
            continue
        assert len(game.events) == before + len(new)
        first = len(b.steps)
        for event in new:
            b.add(event, number)
        if isinstance(parsed, o.Resolve):
            if game.state.phase is not Phase.ENDED:
                b.starts[game.state.round] = number
            if new:  # the orders belong to the segment of the round resolved
                segment = b.steps[first].segment
                b.orders[segment] = sealed
                b.resolved[segment] = first
    if game.state.phase is not Phase.ENDED:
        b.add(None, len(log))  # where the log stops: the board as the save left it
    # the last round's orders as they stand, if it was not resolved (the log stops in it,
    # or the facilitator ended the game during it): sealed, never revealed by the game
    b.orders.setdefault(len(b.bounds) - 1, b.sealed())
    segments = []
    for i, (round_, first) in enumerate(b.bounds):
        last = b.bounds[i + 1][1] - 1 if i + 1 < len(b.bounds) else len(b.steps) - 1
        segments.append(
            Segment(i, round_, first, last, b.resolved.get(i), b.orders.get(i, {}), i in b.undone)
        )
    return Timeline(
        rules,
        tuple(b.steps),
        tuple(segments),
        {r: n for r, n in b.starts.items() if r <= game.state.round},
        game.state.phase is Phase.ENDED,
    )


__all__ = ["Segment", "Step", "Timeline", "timeline"]
