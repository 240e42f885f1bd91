"""Helpers shared by the engine tests: run rounds, pick events, parse orders."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tests.engine.builders import scenario
from wargame.engine import (
    Event,
    EventKind,
    GameState,
    act,
    begin_orders,
    new_game,
    parse_action,
    resolve_round,
)
from wargame.game import Game
from wargame.scenario.models import Scenario


def game(sc: Scenario | None = None, seed: int = 0, **overrides: Any) -> Game:
    """A new game of `sc` (default: the builder's scenario with `overrides`)."""
    return Game.start(sc if sc is not None else scenario(**overrides), seed)


def play(
    g: Game, orders: Mapping[str, Sequence[str]] | None = None, public: Iterable[str] = ()
) -> list[Event]:
    """Table the `public` lines (negotiation), then enter `orders` and resolve.

    Returns every event of the round, the public ones included.
    """
    events: list[Event] = []
    for line in public:
        events += g.apply(line)
    events += g.play_round(dict(orders or {}))
    return events


def state_after(
    public: Iterable[str] = (),
    sc: Scenario | None = None,
    **overrides: Any,
) -> GameState:
    """A state in negotiation with the `public` lines acted on."""
    state = new_game(sc if sc is not None else scenario(**overrides))
    for line in public:
        state, _ = act(state, parse_action(line))
    return state


def resolve(
    state: GameState, orders: Mapping[str, Sequence[str]] | None = None, seed: int = 0
) -> tuple[GameState, tuple[Event, ...]]:
    """Resolve `state`'s round with the order lines, on `random.Random(seed)`."""
    parsed = {
        seat: [parse_action(line) for line in lines] for seat, lines in (orders or {}).items()
    }
    if state.phase.value == "negotiation":
        state = begin_orders(state)
    return resolve_round(state, parsed, random.Random(seed))


def payload(events: Iterable[Event], kind: EventKind, ref: str | None = None) -> Any:
    """The payload of the single event of `kind` (about `ref`)."""
    return one(events, kind, ref).payload


def payloads(events: Iterable[Event], kind: EventKind | None = None) -> list[Any]:
    """The payloads of the events (of one kind): what happened, as data."""
    return [e.payload for e in events if kind is None or e.kind is kind]


def one(events: Iterable[Event], kind: EventKind, ref: str | None = None) -> Event:
    """The single event of `kind` (about `ref`)."""
    found = [e for e in events if e.kind is kind and (ref is None or e.ref == ref)]
    assert len(found) == 1, f"expected one {kind} event about {ref}, got {found}"
    return found[0]
