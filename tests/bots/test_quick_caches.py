"""What the quick bot remembers is what it would have worked out again.

The bot builds its seat's tables once per scenario object and seat, and in a
decision remembers the members' dispositions per kind of draft, the board with
a draft adopted and a draft's worth. These tests pin the assumptions those
caches rest on; `tests/benchmarks/quick_digest.py` checks whole games against
another checkout's bot.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pytest

from wargame.bots import make_bot, play_bots
from wargame.bots.quick_board import (
    DRAFTS,
    TERMS,
    Board,
    Reader,
    Steady,
    in_force_asked,
    plain_names,
)
from wargame.bots.quick_council import Council, asked_of_draft, draft_key
from wargame.engine import Phase
from wargame.engine.council import disposition
from wargame.engine.evaluation import Evaluator
from wargame.engine.state import Pledge, TabledDraft, Terms
from wargame.game import Game
from wargame.scenario.models import Scenario
from wargame.scenario.vocabulary import DRAFT_FUNCTIONS, DRAFT_NAMES, FUNCTIONS
from wargame.scenario_files import load


@pytest.fixture(scope="module")
def flagship() -> Scenario:
    return load("flagship").scenario


def test_a_disposition_reads_only_what_the_draft_key_holds() -> None:
    # draft_key holds procedural (and so substantive), endorsed, amendment, tags and
    # sponsor: a new name or function about the draft must be added to it.
    assert set(DRAFT_NAMES) == {
        "draft.procedural",
        "draft.substantive",
        "draft.endorsed",
        "draft.amendment",
    }
    assert set(DRAFT_FUNCTIONS) == {"has_tag", "sponsored_by"}


def test_a_rule_is_asked_what_it_reads_of_the_draft() -> None:
    assert asked_of_draft('draft.amendment and sponsored_by("ru")') == (
        ("sponsored_by", "ru"),
        ("draft.amendment", ""),
    )
    assert asked_of_draft('us_engagement >= 50 or not has_tag("ceasefire")') == (
        ("has_tag", "ceasefire"),
    )
    assert asked_of_draft("tension >= 40") == ()


@pytest.mark.parametrize("name", ["flagship", "tutorial", "uniting"])
def test_the_councils_remembered_votes_are_the_members_votes_read_afresh(name: str) -> None:
    scenario = load(name).scenario
    game = Game.start(scenario, 3)
    seat = scenario.seats[0].id
    board = Board.of(game.rules, game.view_for(seat))
    council = Council(board)
    members = [m for m in scenario.council.members if m.seat is None]
    tags = [t.id for t in scenario.tags]
    checked = 0
    for prepared in scenario.drafts:
        for sponsor in (s.id for s in scenario.seats):
            for endorsed in (False, True):
                draft = TabledDraft(
                    prepared.id,
                    prepared.id,
                    sponsor,
                    prepared.procedural,
                    tuple(prepared.tags),
                    1,
                    endorsed=endorsed,
                )
                renamed = replace(draft, id=f"{seat}1d9", title="Draft")
                assert draft_key(draft) == draft_key(renamed)
                variants = [
                    draft,
                    renamed,
                    replace(draft, amends=prepared.id, id="am1"),
                    replace(draft, procedural=not draft.procedural),
                    replace(draft, tags=tuple(tags[checked % len(tags) :][:3])),
                ]
                for d in variants:
                    fresh = Evaluator(board, draft=d, steady=True)
                    assert council.dispositions(d) == {m.id: disposition(fresh, m) for m in members}
                    checked += 1
    assert checked >= 10


def test_a_seats_tables_are_built_once_per_scenario_and_seat(flagship: Scenario) -> None:
    first = make_bot("quick", flagship, "uk", 1)
    again = make_bot("quick", flagship, "uk", 2)
    other_seat = make_bot("quick", flagship, "fr", 1)
    other_scenario = make_bot("quick", load("flagship").scenario, "uk", 1)
    assert first._seat is again._seat  # type: ignore[attr-defined]
    assert first._seat is not other_seat._seat  # type: ignore[attr-defined]
    assert first._seat is not other_scenario._seat  # type: ignore[attr-defined]


def test_a_condition_names_the_tags_it_asks_in_force_about(flagship: Scenario) -> None:
    rules = Game.start(flagship, 1).rules
    both = 'un_mission() and not in_force("nato_troops") or in_force("ceasefire")'
    assert in_force_asked(rules, both) == frozenset({"nato_troops", "ceasefire"})
    assert in_force_asked(rules, "tension >= 40") == frozenset()
    reader = Reader.of(rules, [(both, 2.0)])
    # Only when in_force is all it reads of what a hypothesis touched may it be skipped.
    asked = reader.only_in_force(both, frozenset({"un_mission", "in_force"}), TERMS)
    assert asked == frozenset({"nato_troops", "ceasefire"})
    assert reader.only_in_force(both, frozenset({"un_mission", "in_force"}), DRAFTS) is None


def _hypotheses(board: Board, scenario: Scenario, seat: str) -> list[Board]:
    """Every kind of imagined board the quick bot makes, from `board`."""
    out: list[Board] = []
    for d in board.drafts:
        out += [board.with_draft(d), board.with_draft(d, assembly=True)]
    for prepared in scenario.drafts:
        fresh = TabledDraft(prepared.id, prepared.id, seat, prepared.procedural, prepared.tags, 1)
        out.append(board.with_draft(fresh))
    tags = [t.id for t in scenario.tags]
    for i in range(0, len(tags), 3):
        out.append(board.with_terms(Terms(f"t{i}", seat, "T", tuple(tags[i : i + 3]), 1)))
    for t in board.terms:
        out.append(board.with_terms(t))
    for asset in scenario.assets:
        for target in ("coalition", "un_mission"):
            pledge = Pledge(f"p{asset.id}{target}", seat, asset.id, asset.per * 2, target, 1)
            out.append(board.with_pledges([pledge]))
    for p in board.pledges:
        out += [board.with_pledges([p]), board.without_pledge(p.id)]
    for g in board.guarantees:
        out.append(board.with_guarantee(g))
    mission = next(
        (d for d in board.drafts if set(d.tags) & set(scenario.force.mission_tags)), None
    )
    if mission is not None and board.pledges:
        out.append(board.with_pledges([board.pledges[0]]).with_draft(mission))
    return out


@pytest.mark.parametrize("name", ["flagship", "tutorial", "uniting"])
def test_a_condition_whose_reads_a_hypothesis_did_not_change_keeps_its_answer(
    name: str,
) -> None:
    # `Reader.moves` lets the bot skip a condition on an imagined board: it must never
    # skip one whose answer differs from the board as it is (every function touched).
    scenario = load(name).scenario
    game = Game.start(scenario, 5)
    bots = {s: make_bot("quick", scenario, s, 5) for s in game.seats}
    texts = [r.when for r in scenario.rules] + [
        ob.when for s in scenario.seats for ob in s.objectives
    ]
    every = frozenset(FUNCTIONS) | {"pledged"}
    checked = skipped = 0
    while game.resolved_rounds < 4 and game.state.phase is not Phase.ENDED:
        seat = game.seats[game.resolved_rounds % len(game.seats)]
        board = Board.of(game.rules, game.view_for(seat))
        reader = Reader.of(game.rules, [], texts)
        base = Steady(board)
        tags = frozenset(base.in_force())
        for hypo in _hypotheses(board, scenario, seat):
            assert hypo.change is not None
            asked = Steady(hypo)
            moved = partial(asked.moved_from, tags)
            for text in texts:
                checked += 1
                if not reader.moves(text, every, hypo.change, moved):
                    skipped += 1
                    assert asked.holds(text) == base.holds(text), (text, hypo.change)
        play_bots(game, bots, until_round=game.resolved_rounds + 1)
    assert skipped > checked // 4


def test_a_plain_objective_reads_only_tracks_and_credibility(flagship: Scenario) -> None:
    rules = Game.start(flagship, 1).rules
    assert plain_names(rules, "tension < 40 and ru.credibility >= max(10, cohesion)") == (
        "cohesion",
        "ru.credibility",
        "tension",
    )
    assert plain_names(rules, 'tension < 40 and in_force("ceasefire")') is None
    assert plain_names(rules, "round >= 2") is None
    assert plain_names(rules, "fr.pc >= 2") is None
