"""A vetoed or failed prepared draft can be tabled again in a later round.

Objectives keyed on `adopted("pk")` must not become unreachable after one
vote: the draft goes back before the council, is voted again, and
`adopted(...)` holds if any of its votes adopted it.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.engine.builders import ELECTED, council
from tests.engine.support import game, play
from wargame.engine.evaluation import Evaluator
from wargame.engine.state import DraftStatus, state_hash
from wargame.game import GameError

PLAYED = {"fr": "fr", "uk": "uk", "ru": "ru"}


def _holds(g: Any, condition: str) -> bool:
    return Evaluator(g.state).holds(condition)


def test_a_vetoed_draft_can_be_tabled_again_and_adopted() -> None:
    g = game()
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    assert g.state.draft("pk").status is DraftStatus.VETOED  # type: ignore[union-attr]
    assert g.why_not("uk", "uk table pk") is None
    play(g, {"ru": ["ru vote pk abstain"]}, public=["uk table pk"])
    pk = g.state.draft("pk")
    assert pk is not None and pk.status is DraftStatus.ADOPTED
    assert pk.sponsor == "uk" and pk.round == 2
    assert [(e.round, e.status, e.sponsor) for e in pk.earlier] == [(1, DraftStatus.VETOED, "fr")]
    assert dict(pk.earlier[0].votes)["ru"].value == "no"
    assert g.state.mission is not None
    assert _holds(g, 'adopted("pk")')
    assert _holds(g, 'vetoed("pk")')  # it was vetoed once, too
    assert _holds(g, 'vetoes("ru") == 1')


def test_a_failed_draft_can_be_tabled_again() -> None:
    # The elected members come round once tension is high.
    nervous = {"disposition": [{"when": "tension >= 60", "vote": "yes"}], "default_vote": "no"}
    g = game(council=council(PLAYED, dict.fromkeys(ELECTED, nervous)))
    play(g, {}, public=["fr table pk"])
    assert g.state.draft("pk").status is DraftStatus.FAILED  # type: ignore[union-attr]
    assert not _holds(g, 'adopted("pk")')
    g.apply('facilitator adjust tension +20 "shelling"')
    play(g, {}, public=["fr table pk"])
    assert g.state.draft("pk").status is DraftStatus.ADOPTED  # type: ignore[union-attr]
    assert _holds(g, 'adopted("pk")') and _holds(g, 'failed("pk")')


def test_a_draft_vetoed_twice_counts_two_vetoes() -> None:
    g = game()
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    pk = g.state.draft("pk")
    assert pk is not None and pk.status is DraftStatus.VETOED and len(pk.earlier) == 1
    assert _holds(g, 'vetoes("ru") == 2')
    assert not _holds(g, 'adopted("pk")')


def test_a_draft_cannot_be_tabled_twice_while_before_the_council_or_once_adopted() -> None:
    g = game()
    g.apply("fr table pk")
    reason = g.why_not("uk", "uk table pk")
    assert reason is not None and "already before the council" in reason
    with pytest.raises(GameError):
        g.apply("uk table pk")
    play(g, {})
    assert g.state.draft("pk").status is DraftStatus.ADOPTED  # type: ignore[union-attr]
    reason = g.why_not("uk", "uk table pk")
    assert reason is not None and "already adopted" in reason


def test_retabling_starts_from_the_prepared_text_and_is_voted_in_tabling_order() -> None:
    g = game()
    play(
        g,
        {"ru": ["ru vote pk no", "ru vote a1 abstain"]},
        public=["fr table pk", 'uk amend pk a1 "Cap" add=troop_ceiling'],
    )
    assert g.state.draft("pk").tags == ("un_peacekeeping", "troop_ceiling")  # type: ignore[union-attr]
    events = play(g, {"ru": ["ru vote pk abstain"]}, public=["uk table cf", "fr table pk"])
    pk = g.state.draft("pk")
    assert pk is not None and pk.tags == ("un_peacekeeping",) and not pk.endorsed
    assert pk.earlier[0].tags == ("un_peacekeeping", "troop_ceiling")
    assert [e.ref for e in events if e.kind.value == "vote"] == ["cf", "pk"]


def test_a_draft_before_the_assembly_cannot_be_retabled() -> None:
    g = game(council={**council(PLAYED), "general_assembly": {"base_yes": 75}})
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    g.apply("uk uniting-for-peace pk")
    reason = g.why_not("fr", "fr table pk")
    assert reason is not None and "General Assembly" in reason
    play(g, {})
    assert g.state.draft("pk").recommended  # type: ignore[union-attr]
    reason = g.why_not("fr", "fr table pk")
    assert reason is not None and "recommended" in reason


def test_retabling_a_concept_proposes_it_again() -> None:
    sc_drafts = [
        {"id": "pk", "title": "UN peacekeeping mission", "tags": ["un_peacekeeping"]},
        {"id": "c1", "title": "Concept", "tags": ["un_peacekeeping"], "concept": True},
    ]
    g = game(drafts=sc_drafts)
    play(g, {"ru": ["ru vote c1 no"]}, public=["un propose c1", "fr sponsor c1"])
    assert g.state.draft("c1").status is DraftStatus.VETOED  # type: ignore[union-attr]
    assert g.why_not("fr", "fr table c1") is not None  # still only the Secretariat proposes it
    g.apply("un propose c1")
    assert g.state.draft("c1").status is DraftStatus.PROPOSED  # type: ignore[union-attr]


def test_the_state_stays_frozen_and_hashable_with_earlier_votes() -> None:
    g = game()
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    play(g, {"ru": ["ru vote pk abstain"]}, public=["uk table pk"])
    pk = g.state.draft("pk")
    assert pk is not None
    hash(pk)
    with pytest.raises(AttributeError):
        pk.earlier[0].status = DraftStatus.ADOPTED  # type: ignore[misc]
    replay = game()
    for line in g.log:
        replay.apply(line)
    assert state_hash(replay.state) == state_hash(g.state)


def test_a_draft_vetoed_again_can_go_to_the_assembly_again() -> None:
    ga = {"base_yes": 40, "modifiers": [{"when": "tension >= 70", "add": 40}]}
    g = game(council={**council(PLAYED), "general_assembly": ga})
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    play(g, {}, public=["uk uniting-for-peace pk"])
    assert not g.state.draft("pk").recommended  # type: ignore[union-attr]
    reason = g.why_not("uk", "uk uniting-for-peace pk")
    assert reason is not None and "already" in reason  # no new veto since that motion
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    g.apply('facilitator adjust tension +30 "the front breaks"')
    assert g.why_not("uk", "uk uniting-for-peace pk") is None
    play(g, {"ua": ["ua accept pk"]}, public=["uk uniting-for-peace pk"])
    motion = g.state.draft("ufp_pk")
    assert motion is not None and motion.status is DraftStatus.ADOPTED
    assert [e.round for e in motion.earlier] == [2]
    pk = g.state.draft("pk")
    assert pk is not None and pk.recommended and pk.consented
    assert g.state.mission is not None
