"""The `quick` level: a one-step heuristic from the seat's objectives and persona.

Each decision lists what the seat could do now (table or amend a draft, offer,
back or answer a guarantee, table or answer terms, draw a red line, vote,
lobby, pledge, withdraw, mediate, endorse, argue), values each on the board as
it would be if it worked (`quick_board.Outlook`: the seat's objectives at the
end, with the tracks projected by the scenario rules a change switches on or
off), weighs that by a rough chance it works (the Council forecast, a guess at
the other seats from their public objectives and red lines) and by its cost in
political capital, and gives the best lines it can afford. The persona
(`[seats.bot]`) tilts it: cooperation makes it vote for and pledge to others'
initiatives more readily, risk makes it fear crossed red lines less and veto
more readily, priorities are tags it wants in force. A little seeded noise
separates near ties, so games differ by seed and replay exactly.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from wargame.bots.base import PerScenario, register
from wargame.bots.quick_aims import Aims, aims_of
from wargame.bots.quick_board import Reader, reads
from wargame.bots.quick_orders import Seat, Turn
from wargame.bots.quick_shared import public
from wargame.engine import Phase
from wargame.engine.rules import Rules
from wargame.engine.view import View
from wargame.scenario.models import Scenario


class QuickBot:
    """Plays one seat by the `quick` heuristic."""

    def __init__(self, scenario: Scenario, seat: str, seed: int) -> None:
        self.seat = seat
        self.seed = seed
        self._seat = _seat_of(scenario, seat)

    def decide(self, view: View) -> Sequence[str]:
        if view.phase not in (Phase.NEGOTIATION, Phase.ORDERS):
            return []
        # Each decision draws from its own stream, keyed on where the game stands,
        # so a bot resumed from a save decides as it would have.
        rng = random.Random(f"bot:quick:{self.seed}:{self.seat}:{view.round}:{view.phase}")
        turn = Turn(self._seat, view, rng)
        return turn.negotiate() if view.phase is Phase.NEGOTIATION else turn.orders()


def _table(scenario: Scenario, seat: str) -> Seat:
    """What the bot reads once from the seat's knowledge of the scenario."""
    members = scenario.council.members
    aims = aims_of(scenario, seat)
    rules = Rules(scenario)
    return Seat(
        seat,
        rules,
        aims,
        Reader.of(
            rules,
            aims.objectives,
            [ob.when for s in scenario.seats if s.id != seat for ob in s.objectives],
        ),
        {
            s.id: tuple(
                (ob.when, ob.points, reads(rules, ob.when)) for ob in s.objectives if not ob.secret
            )
            for s in scenario.seats
            if s.id != seat
        },
        frozenset(m.seat for m in members if m.seat),
        frozenset(m.seat for m in members if m.seat and m.permanent),
        _terms_tags(scenario, aims),
        _assets(scenario, aims),
        public(scenario),
    )


_seat_of = PerScenario(_table)
"""The seat's tables, built once per scenario object (the seat's knowledge: `known_to`)
and seat, shared by every game and seed played with it (they hold no game state)."""


_FORCE_CALLS = frozenset(
    {
        "force",
        "force_met",
        "force_pct",
        "own_lead",
        "guarantee_strength",
        "guarantees_active",
        "guarantee_active",
        "contributors",
    }
)


def _terms_tags(scenario: Scenario, aims: Aims) -> tuple[str, ...]:
    ruled = {
        tag
        for rule in scenario.rules
        for call in ("terms_accepted", "in_force")
        for tag in _quoted_args(rule.when, call)
    }
    wanted = {t for t, w in aims.terms.items() if w > 0} | {
        t for t, w in aims.in_force.items() if w > 0
    }
    return tuple(t.id for t in scenario.tags if t.id in ruled | wanted)


def _quoted_args(text: str, fn: str) -> list[str]:
    return [part.split('"', 1)[0] for part in text.split(f'{fn}("')[1:]]


def _assets(scenario: Scenario, aims: Aims) -> tuple[str, ...]:
    if _FORCE_CALLS & set(aims.calls):
        return tuple(a.id for a in scenario.assets)
    return tuple(a.id for a in scenario.assets if a.id in aims.own_assets)


@register("quick")
def make_quick(scenario: Scenario, seat: str, seed: int) -> QuickBot:
    """A `quick` bot for `seat`."""
    return QuickBot(scenario, seat, seed)
