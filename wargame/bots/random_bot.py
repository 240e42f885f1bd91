"""The `random` level: the seeded random player's lines, for one seat, from its view.

A baseline, not a strategy: it shows what undirected play does to a scenario
(`wargame simulate --bots random`) and gives the other levels something to beat.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from wargame.bots.base import register
from wargame.engine import Phase
from wargame.engine.state import Guarantee, Pledge, TabledDraft, Terms
from wargame.engine.view import View
from wargame.play.random_player import RandomPlayer
from wargame.scenario.models import Scenario


@dataclass(frozen=True, slots=True)
class _Holdings:
    assets: dict[str, int]
    """The seat's assets as the view shows them (empty when kept private)."""


@dataclass(frozen=True, slots=True)
class _Table:
    """The parts of the board the random player reads, taken from a seat's view."""

    drafts: tuple[TabledDraft, ...]
    """Drafts on the table."""
    pledges: tuple[Pledge, ...]
    """Pledges made so far."""
    guarantees: tuple[Guarantee, ...]
    """Guarantees offered."""
    terms: tuple[Terms, ...]
    """Peace terms tabled."""
    seats: dict[str, _Holdings]
    """Each seat's holdings as the view shows them."""

    @classmethod
    def of(cls, view: View) -> _Table:
        return cls(
            view.drafts,
            view.pledges,
            view.guarantees,
            view.terms,
            {s.id: _Holdings(dict(s.assets or {})) for s in view.seats},
        )


class _SeatPlayer(RandomPlayer):
    """The random player, naming new items after its seat and round so that
    bots at different seats, or a bot resumed mid-game, never reuse an id."""

    def __init__(self, scenario: Scenario, seat: str, seed: int) -> None:
        super().__init__(scenario, seed)
        self.seat = seat
        self.round = 1

    def _new_id(self, prefix: str) -> str:
        self._fresh += 1
        return f"{self.seat}{self.round}{prefix}{self._fresh}"


class RandomBot:
    """Plays one seat with random lines drawn from the scenario's vocabulary."""

    def __init__(self, scenario: Scenario, seat: str, seed: int) -> None:
        self.seat = seat
        self.seed = seed
        self._player = _SeatPlayer(scenario, seat, seed)

    def decide(self, view: View) -> Sequence[str]:
        player = self._player
        # Each decision draws from its own stream, keyed on where the game
        # stands, so a bot resumed from a save decides as it would have.
        player.rng = random.Random(f"bot:random:{self.seed}:{self.seat}:{view.round}:{view.phase}")
        player.round = view.round
        player._fresh = 0
        table = _Table.of(view)
        if view.phase is Phase.NEGOTIATION:
            count = player.rng.randint(0, player.negotiation_tries)
            return [player.negotiation_line(self.seat, table) for _ in range(count)]
        if view.phase is Phase.ORDERS:
            count = player.rng.randint(2, player.order_tries)
            return [player.order_line(self.seat, table) for _ in range(count)]
        return []


@register("random")
def make_random(scenario: Scenario, seat: str, seed: int) -> RandomBot:
    """A `random` bot for `seat`."""
    return RandomBot(scenario, seat, seed)
