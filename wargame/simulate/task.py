"""One batch of simulated games: a pure task, from scenario text, seeds and bot levels to results.

A batch carries everything its games need (the scenario's source text, each
game's seed, the bot level of every seat) and returns small records, so it
can run in this process, in a worker process or on a Dask worker on another
machine, and give the same records wherever it runs. A worker validates a
scenario text once and keeps it for the next batch (`remember`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from wargame.bots import play_game
from wargame.engine import Rules, scores
from wargame.engine.events import CouncilVoted, EventKind
from wargame.engine.orders import BeginOrders, Resolve, Submit
from wargame.engine.state import DraftStatus, GameState, TabledDraft
from wargame.game import Game
from wargame.scenario.models import Scenario

PASS_LEVEL = "pass"
"""The level a seat plays in the all-pass games."""

EARLY_ROUND = 2
"""The round after which the leader is noted (is the game decided early?)."""


def game_seed(seed: int, index: int) -> int:
    """The seed of game `index` (0-based) of a run seeded with `seed`.

    A hash, so that neighbouring games share nothing, and a function of the
    run's seed and the game's place only: how games are spread over processes
    cannot change any game. Fits a save's 64-bit seed.
    """
    digest = hashlib.sha256(f"wargame simulate {seed} {index}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


@dataclass(frozen=True, slots=True)
class GameSpec:
    """One game of a batch."""

    index: int
    """Its place in the run (0-based); results are gathered in this order."""
    seed: int
    """The game's seed (`game_seed`)."""
    passing: str | None = None
    """For an all-pass game: the seat that passes every round (its bot is replaced)."""


@dataclass(frozen=True, slots=True)
class Batch:
    """Games to play with one scenario and one set of bot levels: a pure task."""

    scenario: str
    """The scenario's source text (validated again, once, by each worker)."""
    label: str
    """The scenario's file name, for messages."""
    levels: tuple[tuple[str, str], ...]
    """Each seat's bot level, in seat order."""
    games: tuple[GameSpec, ...]
    """The games to play."""
    saved_at: datetime | None = None
    """When set, each result carries the game as save bytes stamped with this time."""


@dataclass(frozen=True, slots=True)
class GameResult:
    """What one finished game tells the summary."""

    index: int
    """Its place in the run."""
    seed: int
    """The game's seed."""
    passing: str | None
    """The seat that passed every round in an all-pass game; None in a bot game."""
    ending: str
    """The ending's id."""
    rounds: int
    """The round the game ended in."""
    scores: tuple[tuple[str, int], ...]
    """Each seat's final points, in seat order."""
    early_leaders: tuple[str, ...]
    """The seats with the most points after round `EARLY_ROUND` (or at the end, if the
    game ended sooner)."""
    vetoes: tuple[tuple[str, int], ...]
    """Council members that cast a veto, with how many, in council order."""
    adopted: tuple[str, ...]
    """Ids of the drafts the council adopted (amendments and motions left out)."""
    tags: tuple[str, ...]
    """Tags carried by an adopted draft, sorted, each once."""
    orders: int
    """Actions the engine accepted (public actions and sealed orders; no control lines)."""
    sealed: int
    """Of `orders`, the sealed orders entered in the orders phases."""
    resolved: int
    """Sealed orders carried out at resolution (`sealed` less those refused there)."""
    save: bytes = b""
    """The game as an ordinary save file, when the batch asked for it."""


_KNOWN: dict[str, tuple[Scenario, Rules]] = {}
"""Scenarios this process has validated, by source text (a worker keeps them between
batches; a forked worker inherits the command's)."""
KNOWN_MOST = 4
"""Most scenarios kept (a run has one)."""


def remember(text: str, scenario: Scenario) -> None:
    """Keep `scenario`, already validated from `text`, so no batch of this process, nor
    of a worker forked from it, validates the text again."""
    if len(_KNOWN) >= KNOWN_MOST:
        _KNOWN.clear()
    _KNOWN[text] = (scenario, Rules(scenario))


def _rules(text: str, label: str) -> tuple[Scenario, Rules]:
    known = _KNOWN.get(text)
    if known is None:
        from wargame.scenario_files import load_text

        remember(text, load_text(text, label))
        known = _KNOWN[text]
    return known


def play_batch(batch: Batch) -> list[GameResult]:
    """Play every game of the batch, in order."""
    scenario, rules = _rules(batch.scenario, batch.label)
    return [_play(batch, scenario, rules, spec) for spec in batch.games]


def _play(batch: Batch, scenario: Scenario, rules: Rules, spec: GameSpec) -> GameResult:
    levels = dict(batch.levels)
    if spec.passing is not None:
        levels[spec.passing] = PASS_LEVEL
    game = play_game(scenario, spec.seed, levels, game=Game.start(rules, spec.seed))
    save = b"" if batch.saved_at is None else _save_bytes(game, batch, levels)
    return record(game, spec, save)


def record(game: Game, spec: GameSpec, save: bytes = b"") -> GameResult:
    """What the summary needs of a finished game (the benchmark times this on its own)."""
    final = game.state
    assert final.outcome is not None  # play_game plays to the end
    states = game.round_states
    early = states[min(EARLY_ROUND, len(states)) - 1]
    public, sealed = _counts(game)
    return GameResult(
        index=spec.index,
        seed=spec.seed,
        passing=spec.passing,
        ending=final.outcome.ending,
        rounds=final.outcome.round,
        scores=tuple((s.seat, s.points) for s in final.outcome.scores),
        early_leaders=_leaders(early),
        vetoes=_vetoes(game),
        adopted=tuple(d.id for d in _adopted(final)),
        tags=tuple(sorted({t for d in _adopted(final) for t in d.tags})),
        orders=public + sealed,
        sealed=sealed,
        resolved=sealed - sum(1 for e in game.events if e.kind is EventKind.REFUSED),
        save=save,
    )


def _counts(game: Game) -> tuple[int, int]:
    """The public actions and the sealed orders in a bot game's log.

    Told apart by where they stand (sealed orders come between `orders` and
    `resolve`) rather than by parsing every line again, which cost more than the
    rest of this module together. A bot game's only control lines are those
    three kinds: `apply_lines` refuses any other control line from a bot
    (tests/simulate checks the counts against parsed logs).
    """
    begin, resolve = BeginOrders().text(), Resolve().text()
    submits = {Submit(seat).text() for seat in game.seats}
    public = sealed = 0
    in_orders = False
    for line in game.log:
        if line == begin:
            in_orders = True
        elif line == resolve:
            in_orders = False
        elif line not in submits:
            if in_orders:
                sealed += 1
            else:
                public += 1
    return public, sealed


def _leaders(state: GameState) -> tuple[str, ...]:
    points = {s.seat: s.points for s in scores(state)}
    best = max(points.values())
    return tuple(seat for seat, p in points.items() if p == best)


def _adopted(state: GameState) -> list[TabledDraft]:
    return [
        d
        for d in state.drafts
        if d.status is DraftStatus.ADOPTED and d.amends is None and d.motion_for is None
    ]


def _vetoes(game: Game) -> tuple[tuple[str, int], ...]:
    """Vetoes cast in the game, by member: each vote a member's no blocked counts once."""
    cast: dict[str, int] = {}
    for event in game.events:
        if isinstance(event.payload, CouncilVoted):
            for member in event.payload.vetoed_by:
                cast[member] = cast.get(member, 0) + 1
    order = [m.id for m in game.scenario.council.members]
    return tuple((m, cast[m]) for m in order if m in cast)


def _save_bytes(game: Game, batch: Batch, levels: dict[str, str]) -> bytes:
    from wargame.saves.format import Control as SeatControl
    from wargame.saves.format import SaveMeta, SaveSeat, save_bytes

    assert batch.saved_at is not None
    seats = {
        s.id: SaveSeat(name=s.name, control=SeatControl.BOT, bot=levels[s.id])
        for s in game.scenario.seats
    }
    meta = SaveMeta(batch.scenario, seats, batch.saved_at, played=batch.saved_at)
    return save_bytes(game, meta, updated=batch.saved_at)
