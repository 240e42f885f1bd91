"""The briefing at the start of each round: the round's scripted injects fire.

They fire when the round opens, before negotiation, so the players read
them on the board and can react in the same round.
"""

from __future__ import annotations

from wargame.engine.board import Board
from wargame.engine.events import Event, InjectFired
from wargame.engine.state import GameState


def open_round(state: GameState) -> tuple[GameState, tuple[Event, ...]]:
    """Fire the scripted injects of `state.round` whose condition holds, in file order.

    An inject with a round fires in that round (if its condition holds); one
    with only a condition fires at the first briefing where it holds (every
    such briefing if not `once`). Injects with neither are the facilitator's
    library.
    """
    board = Board(state)
    for inject in state.scenario.injects:
        if inject.round is None and inject.when is None:
            continue
        if inject.once and f"inject:{inject.id}" in board.fired:
            continue
        if inject.round is not None and inject.round != state.round:
            continue
        if inject.when is not None and not board.evaluator().holds(inject.when):
            continue
        changes = board.apply_effects(inject.effects)
        board.fired.append(f"inject:{inject.id}")
        board.emit(InjectFired(inject.id, inject.title, inject.text, changes))
    return board.freeze(), tuple(board.events)
