"""The `strong` level: look one resolution ahead with the engine, from the seat's belief.

Each decision:

1. builds the seat's **belief** (`belief.believed_state`): the engine state its
   view shows, with what the view hides guessed plainly;
2. **samples** the other seats' plausible orders: every other seat is played by
   a model bot (the `quick` level; `random` if quick is not registered) made
   from this seat's own knowledge of the scenario and deciding from that seat's
   view of the belief; lines the engine refuses are dropped. Quick varies little
   with its seed, so one play is drawn per state (`Budget.plays`) and the
   samples differ by their dice;
3. weighs **candidates** for its own seat (`strong_moves`), starting from what
   its **guide** (a quick bot for its own seat, with the game's seed) would
   play: in negotiation, the guide's public lines, then each public move
   (tabling a draft, an amendment, an offer backed by a pledge it will make,
   terms, a red line...) followed by the orders it calls for; in the orders
   phase, one decision slot at a time (a vote, an answer, a pledge, lobbying,
   mediation...), each starting at the guide's choice, keeping an alternative
   when it is worth more (by `GUIDE_MARGIN` to leave the guide's choice);
4. **resolves** each candidate against every sample with `resolve_round` on the
   belief, with dice of its own (never the game's: the seat cannot know them),
   the same dice and samples for every candidate so they differ only by what
   the seat chose, and scores the result with `strong_value.Value` (its
   objectives, then its persona).

The work is bounded, not timed (`Budget`): at most `negotiation_samples` × (the
public moves weighed, plus the guide's and doing nothing) resolutions in
negotiation, and `order_samples` × `order_evaluations` for the orders. Every draw comes from a stream
keyed on the seed, seat, round and phase, so the same game gives the same lines
and a resumed bot plays on as it would have.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from wargame.bots.base import LEVELS, Bot, _load_levels, register
from wargame.bots.belief import believed_state
from wargame.bots.strong_moves import (
    Wishes,
    follow_ups,
    guided,
    legal,
    order_slots,
    public_moves,
)
from wargame.bots.strong_value import Value
from wargame.engine import (
    Action,
    Phase,
    Rules,
    act,
    begin_orders,
    check,
    is_secret,
    resolve_round,
)
from wargame.engine.events import Event
from wargame.engine.orders import OrderSyntaxError, parse_action
from wargame.engine.state import GameState
from wargame.engine.view import View, view_for
from wargame.scenario.models import BotPersona, Scenario

MARGIN = 0.01
"""What a change must gain to be taken (ties keep the simpler choice)."""
GUIDE_MARGIN = 0.5
"""What leaving the guide's choice must gain: the guide (`quick`) weighs the whole game,
the lookahead one round, so a departure must be clearly worth more."""


@dataclass(frozen=True, slots=True)
class Budget:
    """How much a strong decision may weigh: the work is bounded, never timed."""

    order_samples: int = 3
    """Samples of the other seats' orders weighed in the orders phase."""
    order_evaluations: int = 16
    """Candidate order sets resolved (each against every sample) in the orders phase."""
    negotiation_samples: int = 2
    """Samples of the other seats' orders weighed for each public move."""
    public_moves: int = 6
    """Public moves weighed in a round's negotiation."""
    public_moves_kept: int = 2
    """Public moves made at most in one negotiation."""
    plays: int = 1
    """Distinct plays of the other seats drawn in a state when `quick` models them (it
    varies little with its seed), each met by several samples' dice; `random` models
    draw a play for every sample."""


Orders = dict[str, list[Action]]


def model_level() -> str:
    """The level that plays the other seats in the samples: `quick` once it exists."""
    _load_levels()
    return "quick" if "quick" in LEVELS else "random"


class StrongBot:
    """Plays one seat by resolving its candidates against sampled play of the others."""

    def __init__(
        self,
        scenario: Scenario,
        seat: str,
        seed: int,
        budget: Budget | None = None,
        model: str | None = None,
    ) -> None:
        self.seat = seat
        self.budget = budget or Budget()
        self.seed = seed
        self.rules = Rules(scenario)
        me = next(s for s in scenario.seats if s.id == seat)
        self.value = Value(scenario, seat)
        self.wishes = Wishes.of(scenario, seat, me.bot or BotPersona())
        level = model or model_level()
        others = [s.id for s in scenario.seats if s.id != seat]
        most = max(self.budget.order_samples, self.budget.negotiation_samples)
        self.plays = most if level == "random" else max(1, min(self.budget.plays, most))
        """Distinct plays of the others drawn in a state."""
        self.models: dict[str, list[Bot]] = {
            other: [
                LEVELS[level](scenario, other, _seed_of(f"strong:{seed}:{seat}:{other}:{i}"))
                for i in range(self.plays)
            ]
            for other in others
        }
        """For each other seat, the model bots that play it in the samples."""
        self.guide: Bot | None = LEVELS[level](scenario, seat, seed) if level != "random" else None
        """The model level playing this seat (with the game's seed, as that level would
        play it here): its lines are where the search starts (none with `random`)."""
        self._events: tuple[Event, ...] = ()

    def decide(self, view: View) -> Sequence[str]:
        if view.phase is Phase.ENDED:
            return []
        self._events = view.events
        belief = believed_state(view, self.rules)
        if view.phase is Phase.NEGOTIATION:
            return [a.text() for a in self._negotiate(belief)]
        return [a.text() for a in self._orders(belief)]

    # -- the others ------------------------------------------------------------

    def _samples(self, state: GameState, count: int) -> list[Orders]:
        """`count` plausible sets of the other seats' orders in `state` (orders phase):
        the distinct plays drawn in turn (each sample has dice of its own)."""
        plays = []
        for i in range(min(count, self.plays)):
            orders: Orders = {}
            for other, models in self.models.items():
                seen = tuple(e for e in self._events if e.visible_to(other))
                lines = models[i].decide(view_for(state, other, seen, objectives=False))
                orders[other] = legal(state, _own_orders(lines, other))
            plays.append(orders)
        return [plays[i % len(plays)] for i in range(count)]

    def _worth(
        self, state: GameState, mine: list[Action], samples: list[Orders], key: str
    ) -> float:
        worths = []
        for i, others in enumerate(samples):
            rng = random.Random(f"bot:strong:{self.seed}:{self.seat}:{key}:{i}")
            after, _ = resolve_round(state, {**others, self.seat: mine}, rng, checked=True)
            worths.append(self.value.of(after))
        return self.value.summary(worths)

    def _guided(self, state: GameState) -> list[Action]:
        """The guide's lines for this seat in `state` that the engine accepts there."""
        if self.guide is None:
            return []
        seen = tuple(e for e in self._events if e.visible_to(self.seat))
        lines = self.guide.decide(view_for(state, self.seat, seen, objectives=False))
        wanted = _own_lines(lines, self.seat, secret=state.phase is Phase.ORDERS)
        return legal(state, wanted)

    def _key(self, state: GameState) -> str:
        return f"{state.round}:{state.phase}"

    # -- negotiation -------------------------------------------------------------

    def _negotiate(self, belief: GameState) -> list[Action]:
        key = self._key(belief)
        state = belief
        best = self._after_negotiation(state, key)
        tried = 0
        made: list[Action] = []
        guide, after = _acted(belief, self._guided(belief))
        if guide:
            tried += 1
            worth = self._after_negotiation(after, key)
            if worth > best - GUIDE_MARGIN:
                made, state, best = guide, after, worth
        for _ in range(self.budget.public_moves_kept):
            best_move: tuple[Action, GameState] | None = None
            for move in public_moves(state, self.seat, self.wishes):
                if tried >= self.budget.public_moves:
                    break
                tried += 1
                after, _ = act(state, move)
                worth = self._after_negotiation(after, key)
                if worth > best + MARGIN:
                    best, best_move = worth, (move, after)
            if best_move is None:
                break
            made.append(best_move[0])
            state = best_move[1]
        return made

    def _after_negotiation(self, state: GameState, key: str) -> float:
        """The worth of going to orders from `state`, giving the orders the guide would
        and those its own moves call for."""
        orders = begin_orders(state)
        mine = legal(orders, follow_ups(orders, self.seat, self._guided(orders)))
        return self._worth(
            orders, mine, self._samples(orders, self.budget.negotiation_samples), key
        )

    # -- orders --------------------------------------------------------------------

    def _orders(self, belief: GameState) -> list[Action]:
        key = self._key(belief)
        samples = self._samples(belief, self.budget.order_samples)
        slots = guided(order_slots(belief, self.seat), self._guided(belief))
        picked = [slot.default for slot in slots]
        known: dict[tuple[str, ...], float] = {}
        evaluations = 0

        def worth(choice: list[int]) -> tuple[float, list[Action]]:
            nonlocal evaluations
            wanted = [a for slot, c in zip(slots, choice, strict=True) for a in slot.choices[c]]
            mine = legal(belief, wanted)
            texts = tuple(a.text() for a in mine)
            if texts not in known:
                evaluations += 1
                known[texts] = self._worth(belief, mine, samples, key)
            return known[texts], mine

        best, best_orders = worth(picked)
        for _ in range(2):  # two sweeps: a later choice can make an earlier one pay
            changed = False
            for n, slot in enumerate(slots):
                for c in range(len(slot.choices)):
                    if c == picked[n] or evaluations >= self.budget.order_evaluations:
                        continue
                    trial = [*picked[:n], c, *picked[n + 1 :]]
                    value, orders = worth(trial)
                    on_guide = slot.guided and picked[n] == slot.default
                    if value > best + (GUIDE_MARGIN if on_guide else MARGIN):
                        best, best_orders, picked, changed = value, orders, trial, True
            if not changed or evaluations >= self.budget.order_evaluations:
                break
        return best_orders


def _acted(state: GameState, moves: Sequence[Action]) -> tuple[list[Action], GameState]:
    """`moves` the engine accepts in turn, and the state after them."""
    kept: list[Action] = []
    for move in moves:
        if check(state, move) is None:
            state, _ = act(state, move)
            kept.append(move)
    return kept, state


def _own_orders(lines: Sequence[str], seat: str) -> list[Action]:
    """The sealed orders of `seat` among a model bot's lines (others are dropped)."""
    return _own_lines(lines, seat, secret=True)


def _own_lines(lines: Sequence[str], seat: str, *, secret: bool) -> list[Action]:
    """`seat`'s sealed orders (`secret`) or public actions among a bot's lines."""
    out = []
    for line in lines:
        try:
            action = parse_action(line)
        except OrderSyntaxError:
            continue
        if getattr(action, "seat", None) == seat and is_secret(action) == secret:
            out.append(action)
    return out


def _seed_of(text: str) -> int:
    return zlib.crc32(text.encode())


@register("strong")
def make_strong(scenario: Scenario, seat: str, seed: int) -> StrongBot:
    """A `strong` bot for `seat`."""
    return StrongBot(scenario, seat, seed)
