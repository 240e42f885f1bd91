"""What the quick bots deciding on one board share is what each would work out itself.

`quick_shared.Base` is found by the board's whole content and the scenario as
every seat knows it; these tests pin that equal keys mean equal answers, that
what a seat keeps private splits the key, and that nothing shared holds a
seat's secrets. `tests/benchmarks/quick_digest.py` checks whole games.
"""

from __future__ import annotations

import random

import pytest

from wargame.bots import make_bot, play_bots
from wargame.bots.quick_board import Board, Standing
from wargame.bots.quick_council import Council, board_names
from wargame.bots.quick_orders import Seat, Turn
from wargame.bots.quick_shared import Base, fingerprint, public
from wargame.engine import Phase
from wargame.engine.council import disposition
from wargame.engine.evaluation import Evaluator
from wargame.engine.state import TabledDraft
from wargame.game import Game
from wargame.scenario.models import Scenario
from wargame.scenario_files import load

from .hidden import reachable_strings, secrets_of_others


def _seat(scenario: Scenario, seat: str) -> Seat:
    return make_bot("quick", scenario, seat, 1)._seat  # type: ignore[attr-defined, no-any-return]


def _midgame(scenario: Scenario, rounds: int) -> Game:
    game = Game.start(scenario, 4)
    bots = {s: make_bot("quick", scenario, s, 4) for s in game.seats}
    return play_bots(game, bots, until_round=rounds)


@pytest.mark.parametrize("name", ["flagship", "uniting"])
def test_seats_on_one_board_share_a_base_equal_to_their_own_reading(name: str) -> None:
    scenario = load(name).scenario
    game = _midgame(scenario, 2)
    game.begin_orders()  # sealed orders: every seat decides on the same board
    assert game.state.phase is Phase.ORDERS
    bases = set()
    for seat in game.seats:
        table = _seat(scenario, seat)
        view = game.view_for(seat)
        base = Base.of(table.public, table.reader, view)
        bases.add(id(base))
        own = Standing(Board.of(table.rules, view), table.reader, view.rounds - view.round + 1)
        assert base.standing.tags == own.tags
        assert base.standing.holding == own.holding
        assert base.standing.projected == own.projected
        drafts = list(view.drafts) + [
            TabledDraft(p.id, p.id, seat, p.procedural, tuple(p.tags), view.round)
            for p in scenario.drafts
        ]
        assert Turn(table, view, random.Random(0)).council is base.council
        fresh = Council(own.board, own.evaluator)
        for draft in drafts:
            assert base.council.dispositions(draft) == fresh.dispositions(draft)
    assert len(bases) == 1


def test_the_public_rules_are_one_for_every_seat_and_follow_the_content() -> None:
    scenario = load("flagship").scenario
    tokens = {public(_seat(scenario, s.id).rules.scenario).token for s in scenario.seats}
    assert len(tokens) == 1
    again = load("flagship").scenario  # another object, the same content
    assert public(_seat(again, "uk").rules.scenario).token in tokens
    rules = list(scenario.rules)
    rules[0] = rules[0].model_copy(update={"when": "tension >= 10"})
    changed = scenario.model_copy(update={"rules": rules})
    assert public(_seat(changed, "uk").rules.scenario).token not in tokens


def test_what_a_seat_keeps_private_splits_the_board_it_is_found_by() -> None:
    scenario = load("flagship").scenario
    seats = [s.model_copy(update={"private_assets": s.id == "ru"}) for s in scenario.seats]
    scenario = scenario.model_copy(update={"seats": seats})
    game = Game.start(scenario, 2)
    token = _seat(scenario, "fr").public.token
    prints = {seat: fingerprint(token, game.view_for(seat)) for seat in game.seats}
    assert prints["fr"] == prints["uk"] == prints["ua"]
    assert prints["ru"] != prints["fr"]  # ru sees its own holdings, the others do not


def test_nothing_the_seats_share_holds_a_seats_secret() -> None:
    scenario = load("flagship").scenario
    game = _midgame(scenario, 1)
    secrets = set().union(*(secrets_of_others(scenario, s) for s in game.seats))
    # A secret objective's condition too, unless a public condition reads the same.
    public_texts = {r.when for r in scenario.rules} | {
        ob.when for s in scenario.seats for ob in s.objectives if not ob.secret
    }
    secrets |= {ob.when for s in scenario.seats for ob in s.objectives if ob.secret} - public_texts
    assert secrets, "the scenario has no secret: this test proves nothing"
    bases = []
    for seat in game.seats:
        table = _seat(scenario, seat)
        view = game.view_for(seat)
        turn = Turn(table, view, random.Random(0))
        turn.negotiate()  # asks the shared board every kind of question
        bases.append(Base.of(table.public, table.reader, view))
        # The check reaches the seat's own secrets through its tables.
        own = {ob.when for s in scenario.seats if s.id == seat for ob in s.objectives if ob.secret}
        assert own & secrets & set(reachable_strings(turn))
    for base in bases:
        assert not secrets & set(reachable_strings(base))


def test_the_members_votes_remembered_across_boards_are_read_afresh() -> None:
    scenario = load("flagship").scenario
    members = [m for m in scenario.council.members if m.seat is None]
    texts = tuple(r.when for m in members for r in m.disposition)
    assert board_names(texts) == ("us_engagement",)
    assert board_names((*texts, 'in_force("ceasefire")')) is None
    table = _seat(scenario, "uk")
    game = Game.start(scenario, 6)
    bots = {s: make_bot("quick", scenario, s, 6) for s in game.seats}
    checked = 0
    for rounds in range(1, 5):
        play_bots(game, bots, until_round=rounds)
        if game.state.phase is Phase.ENDED:
            break
        view = game.view_for("uk")
        board = Board.of(table.public.rules, view)
        council = Council(board, board.steady(), table.public.token)
        for prepared in scenario.drafts:
            for sponsor in ("uk", "ru"):
                draft = TabledDraft(
                    prepared.id, prepared.id, sponsor, prepared.procedural, tuple(prepared.tags), 1
                )
                fresh = Evaluator(board, draft=draft, steady=True)
                assert council.dispositions(draft) == {m.id: disposition(fresh, m) for m in members}
                checked += 1
    assert checked >= 20
