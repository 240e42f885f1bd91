"""The evaluator's fast paths give what the plain ones give.

`Evaluator.holds`, `number` and `evaluate` run expressions bound to the evaluator
(`evaluation.bound`), and the tags in force are remembered by the records that
count; these tests hold them to the plain tree evaluation (`expr.evaluate`, which
goes through `Evaluator.name` and `Evaluator.call`) and to the tags worked out
afresh, on every condition of the shipped scenarios over the states of real games.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from wargame.bots import play_game
from wargame.engine.board import Board
from wargame.engine.evaluation import Evaluator, _tags_in_force, honoured_ids, tags_in_force
from wargame.engine.state import DraftStatus, GameState
from wargame.game import Game
from wargame.scenario import expr
from wargame.scenario_files import load


def _conditions(data: Any, draft: bool = False) -> Iterator[tuple[str, bool]]:
    """Every `when` in a scenario's data, with whether it is a disposition rule's."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "when" and isinstance(value, str):
                yield value, draft
            else:
                yield from _conditions(value, draft or key == "disposition")
    elif isinstance(data, list):
        for item in data:
            yield from _conditions(item, draft)


def _states(game: Game) -> list[GameState]:
    return [*game.round_states, game.state]


@pytest.mark.parametrize("name", ["flagship", "tutorial", "uniting"])
@pytest.mark.parametrize("level", ["quick", "random"])
def test_bound_conditions_agree_with_the_plain_evaluation(name: str, level: str) -> None:
    scenario = load(name).scenario
    game = play_game(scenario, 3, {s.id: level for s in scenario.seats})
    rules = game.rules
    conditions = sorted(set(_conditions(scenario.model_dump())))
    assert len(conditions) >= 5
    asked = 0
    for state in _states(game):
        drafts = [None, *state.drafts]
        for text, draft in conditions:
            for d in drafts if draft else [None]:
                fast = Evaluator(state, draft=d)
                plain = Evaluator(state, draft=d)
                node = rules.node(text, draft=draft)
                assert fast.holds(text, draft=draft) == bool(expr.evaluate(node, plain)), text
                asked += 1
        for track in scenario.tracks:
            assert Evaluator(state).number(track.id) == state.tracks[track.id]
    assert asked > 40


def test_tags_in_force_are_remembered_by_the_records_and_follow_a_changing_board() -> None:
    scenario = load("flagship").scenario
    game = play_game(scenario, 5, {s.id: "quick" for s in scenario.seats})
    for state in _states(game):
        held = honoured_ids(state)
        assert tags_in_force(state) == _tags_in_force(state, held)
    board = Board(game.state)
    before = tags_in_force(board)
    adopted = [d for d in board.drafts if d.status is DraftStatus.ADOPTED and d.tags]
    assert adopted, "the game adopted no draft with tags"
    # The board's list changes in place: the tags follow it.
    board.drafts.remove(adopted[0])
    after = tags_in_force(board)
    assert after == _tags_in_force(board, honoured_ids(board))
    board.drafts.append(adopted[0])
    assert tags_in_force(board) == before


def test_compiled_conditions_are_shared_only_between_rules_with_the_same_schema() -> None:
    from wargame.bots import known_to
    from wargame.engine.rules import Rules

    flagship = load("flagship").scenario
    game_rules, bot_rules = Rules(flagship), Rules(known_to(flagship, "uk"))
    text = 'us_engagement >= 50 and in_force("ceasefire")'
    assert bot_rules.node(text) is game_rules.node(text)  # a bot's knowledge: same schema
    tutorial = Rules(load("tutorial").scenario)
    assert "us_engagement" not in {t.id for t in tutorial.scenario.tracks}
    with pytest.raises(expr.ExprError, match="us_engagement"):
        tutorial.node(text)


def test_conditions_typed_in_play_are_shared_only_between_rules_with_the_same_schema() -> None:
    """A pledge's or guarantee's condition is compiled once for every game of a scenario
    (each game compiles its own `Rules`), with the drafts tabled in its schema."""
    from wargame.engine import rules as shared
    from wargame.engine.rules import Rules

    flagship = load("flagship").scenario
    one, other = Rules(flagship), Rules(flagship)
    text = 'fr.pledged.troops >= 2 and tabled("d_new")'
    assert one.condition_problem(text, ["d_new"]) is None
    assert other.order_condition(text, ["d_new"]) is one.order_condition(text, ["d_new"])
    # The drafts tabled are part of the key: without d_new the id is unknown.
    problem = other.condition_problem(text, [])
    assert problem is not None and "d_new" in problem
    with pytest.raises(expr.ExprError, match="d_new"):
        Rules(flagship).order_condition(text, [])
    # Another schema gets its own answer and its own errors.
    tutorial = Rules(load("tutorial").scenario)
    found = tutorial.condition_problem("us_engagement >= 50", [])
    assert found is not None and "us_engagement" in found
    assert one.condition_problem("us_engagement >= 50", []) is None
    # Bounded: full, it is emptied before the next is added.
    saved = dict(shared._TYPED)
    try:
        shared._TYPED.update(
            {(-1, str(n), frozenset()): (None, None) for n in range(shared._MOST_SHARED)}
        )
        assert Rules(flagship).condition_problem("round >= 2", []) is None
        assert len(shared._TYPED) == 1
    finally:
        shared._TYPED.clear()
        shared._TYPED.update(saved)
