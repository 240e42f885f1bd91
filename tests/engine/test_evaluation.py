"""The evaluator answers every function of the vocabulary, on a state or a board."""

from __future__ import annotations

from tests.engine.support import state_after
from wargame.engine.board import Board
from wargame.engine.evaluation import _CALLS, Evaluator
from wargame.scenario.vocabulary import DRAFT_FUNCTIONS, FUNCTIONS


def test_every_function_of_the_vocabulary_has_a_handler() -> None:
    assert set(_CALLS) == set(FUNCTIONS) | set(DRAFT_FUNCTIONS)


def test_a_board_is_read_as_it_stands_like_its_frozen_state() -> None:
    state = state_after(["fr table pk"])
    board = Board(state)
    board.tracks["tension"] += 7
    board.pc["fr"] -= 1
    frozen = Evaluator(board.freeze())
    live = board.evaluator()
    for text in ("tension", "fr.pc", "fr.assets.troops", "round"):
        assert live.number(text) == frozen.number(text)
    for text in ('tabled("pk")', "un_mission()", 'in_force("un_peacekeeping")'):
        assert live.holds(text) == frozen.holds(text)
