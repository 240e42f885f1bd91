"""Scoring and the end of the game.

Each seat's objectives are conditions with points, checked at the end (and
shown during play as "if the game ended now"). The game ends when the first
ending whose condition holds is found after a round, or after the last round
with the scenario's default ending. The end is data: an `Outcome`.
"""

from __future__ import annotations

from wargame.engine.evaluation import Evaluator, Table
from wargame.engine.events import Event, GameEnded
from wargame.engine.records import replace
from wargame.engine.state import GameState, ObjectiveResult, Outcome, Phase, SeatScore


def scores(state: GameState) -> tuple[SeatScore, ...]:
    """Every seat's score as the board stands, secret objectives included."""
    ev = Evaluator(state)
    out = []
    for seat in state.scenario.seats:
        results = tuple(
            ObjectiveResult(o.id, o.text, o.points, ev.holds(o.when), o.secret)
            for o in seat.objectives
        )
        out.append(SeatScore(seat.id, sum(r.points for r in results if r.met), results))
    return tuple(out)


def finish(
    state: GameState, ending_id: str, reason: str = ""
) -> tuple[GameState, tuple[Event, ...]]:
    """End the game now with the given ending."""
    sc = state.scenario
    ending = next((e for e in sc.endings if e.id == ending_id), None)
    title, text = (
        (ending.title, ending.text) if ending else (sc.default_ending.title, sc.default_ending.text)
    )
    outcome = Outcome(ending_id, title, text, state.round, scores(state), reason)
    event = Event(state.round, GameEnded(ending_id, title, reason))
    return replace(state, phase=Phase.ENDED, outcome=outcome), (event,)


def ending_after(table: Table) -> str | None:
    """The ending a resolved round leads to: the first ending whose condition holds (one
    marked final-only only after the last round), else the default ending after the last
    round; None when the game goes on (the caller then opens the next round).

    `table` is the state after the round, or the board it is frozen from, read as it
    stands (it does not change while the endings are asked)."""
    sc = table.scenario
    last = table.round >= sc.rounds
    ev = Evaluator(table, steady=True)
    for ending in sc.endings:
        if ending.final_only and not last:
            continue
        if ev.holds(ending.when):
            return ending.id
    return sc.default_ending.id if last else None
