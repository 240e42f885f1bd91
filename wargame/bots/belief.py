"""What a seat believes the game's state is: an engine state built from its view alone.

A bot that looks ahead resolves rounds with the engine, which needs a whole
`GameState`. The view holds nearly all of it in the open: tracks, PC and
credibility, drafts, pledges, guarantees, terms, red lines, the mission, the
tags in force, the history, and the news (which injects fired, which once-only
rules applied). What it lacks is guessed here, plainly:

- **Another seat's private holdings** (a scenario's `private_assets`): what it
  must at least hold, the units of its honoured pledges. `known_to` takes the
  starting holdings out too, so there is nothing better to go on; a seat
  believed to hold only what it has committed is believed to pledge nothing new.
- **The facilitator's ratings and rulings of this round's arguments**: none
  (arguments are drawn at their unrated chance).

With every seat's assets public (all the shipped scenarios), the belief is the
game's state itself: same state hash (tested). Nothing here reads more than
the view and the seat's knowledge of the scenario.
"""

from __future__ import annotations

from wargame.engine.events import InjectFired, RuleApplied
from wargame.engine.rules import Rules
from wargame.engine.state import GameState, PledgeStatus, SeatState
from wargame.engine.view import View


def believed_state(view: View, rules: Rules) -> GameState:
    """The engine state `view`'s seat believes the game is in.

    `rules` is the seat's knowledge of the scenario compiled (`Rules(known_to(...))`).
    """
    sc = rules.scenario
    return GameState(
        rules=rules,
        round=view.round,
        phase=view.phase,
        tracks=dict(view.tracks),
        seats={
            s.id: SeatState(
                s.pc,
                s.credibility,
                dict(s.assets) if s.assets is not None else _least_held(view, s.id, rules),
            )
            for s in view.seats
        },
        drafts=view.drafts,
        pledges=view.pledges,
        guarantees=view.guarantees,
        terms=view.terms,
        red_lines=view.red_lines,
        mission=view.mission,
        fired=_fired(view, {r.id for r in sc.rules if r.once}),
        in_force=view.in_force,
        history=view.history,
        track_changes=tuple(
            (t, before, after) for t, (before, after) in view.track_changes.items()
        ),
        outcome=view.outcome,
    )


def _least_held(view: View, seat: str, rules: Rules) -> dict[str, int]:
    """What a seat keeping its assets private must at least hold: its honoured pledges."""
    held = {a.id: 0 for a in rules.scenario.assets}
    for p in view.pledges:
        if p.seat == seat and p.status is PledgeStatus.HONOURED:
            held[p.asset] = held.get(p.asset, 0) + p.amount
    return held


def _fired(view: View, once_rules: set[str]) -> tuple[str, ...]:
    """The engine's record of fired injects and once-only rules, read back from the news."""
    fired: list[str] = []
    for event in view.events:
        payload = event.payload
        if isinstance(payload, InjectFired) and payload.inject is not None:
            fired.append(f"inject:{payload.inject}")
        elif isinstance(payload, RuleApplied) and payload.rule in once_rules:
            fired.append(f"rule:{payload.rule}")
    return tuple(fired)
