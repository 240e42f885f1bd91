"""The Security Council: Article 27 as practised, amendments, Uniting for Peace."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.builders import ELECTED, P5, council, scenario
from tests.engine.support import game, one, payload, payloads, play
from wargame.engine import EventKind
from wargame.engine.council import shift, tally
from wargame.engine.events import (
    AssemblyVoted,
    ConsentAnswer,
    ConsentGiven,
    DraftForm,
    MissionEstablished,
)
from wargame.engine.state import DraftStatus, Mandate
from wargame.game import Game, GameError
from wargame.scenario.models import Vote

PERMANENT = frozenset(P5)
PLAYED = {"fr": "fr", "uk": "uk", "ru": "ru"}


def ballot(
    yes: Sequence[str] = (), no: Sequence[str] = (), abstain: Sequence[str] = ()
) -> list[tuple[str, Vote]]:
    """Every member in council order; members not named are absent."""
    out = []
    for m in P5 + ELECTED:
        vote = (
            Vote.YES
            if m in yes
            else Vote.NO
            if m in no
            else Vote.ABSTAIN
            if m in abstain
            else Vote.ABSENT
        )
        out.append((m, vote))
    return out


def with_council(dispositions: dict[str, Any] | None = None, **switches: Any) -> dict[str, Any]:
    return {"council": {**council(PLAYED, dispositions), **switches}}


# -- tally: Article 27 -----------------------------------------------------------


def test_substantive_draft_vetoed_by_permanent_no() -> None:
    t = tally(
        ballot(yes=(*ELECTED, "cn", "fr", "uk", "us"), no=("ru",)), PERMANENT, procedural=False
    )
    assert t.status is DraftStatus.VETOED
    assert t.vetoed_by == ("ru",)
    assert (t.yes, t.no, t.abstain) == (14, 1, 0)


def test_permanent_abstention_is_not_a_veto() -> None:
    t = tally(
        ballot(yes=(*ELECTED[:7], "cn", "us"), abstain=("fr", "uk", "ru")),
        PERMANENT,
        procedural=False,
    )
    assert t.status is DraftStatus.ADOPTED
    assert t.vetoed_by == ()
    assert (t.yes, t.no, t.abstain) == (9, 0, 3)


def test_permanent_absence_is_not_a_veto() -> None:
    t = tally(ballot(yes=(*ELECTED, "fr", "uk")), PERMANENT, procedural=False)
    assert t.status is DraftStatus.ADOPTED
    assert t.absent == 3


def test_elected_member_no_is_not_a_veto() -> None:
    t = tally(ballot(yes=(*P5, *ELECTED[:5]), no=ELECTED[5:]), PERMANENT, procedural=False)
    assert t.status is DraftStatus.ADOPTED
    assert (t.yes, t.no) == (10, 5)


def test_fewer_than_nine_yes_is_insufficient_votes_even_with_a_veto() -> None:
    t = tally(ballot(yes=(*ELECTED[:6], "fr", "uk"), no=("ru", "cn")), PERMANENT, procedural=False)
    assert t.status is DraftStatus.FAILED
    assert t.vetoed_by == ()
    assert (t.yes, t.no, t.abstain) == (8, 2, 0)


def test_nine_yes_is_enough_eight_is_not() -> None:
    nine = tally(ballot(yes=ELECTED[:9]), PERMANENT, procedural=False)
    eight = tally(ballot(yes=ELECTED[:8]), PERMANENT, procedural=False)
    assert nine.status is DraftStatus.ADOPTED
    assert eight.status is DraftStatus.FAILED


def test_procedural_draft_cannot_be_vetoed() -> None:
    t = tally(ballot(yes=(*ELECTED, "fr", "uk"), no=("ru", "cn")), PERMANENT, procedural=True)
    assert t.status is DraftStatus.ADOPTED
    assert t.procedural


def test_two_vetoes_are_named_in_council_order() -> None:
    t = tally(ballot(yes=(*ELECTED, "fr"), no=("ru", "cn")), PERMANENT, procedural=False)
    assert t.vetoed_by == ("cn", "ru")
    assert (t.status, t.yes, t.no, t.abstain) == (DraftStatus.VETOED, 11, 2, 0)


def test_double_veto_makes_procedural_draft_substantive() -> None:
    votes = ballot(yes=(*ELECTED, "fr", "uk"), no=("ru",))
    t = tally(votes, PERMANENT, procedural=True, double_veto=True)
    assert t.status is DraftStatus.VETOED
    assert t.double_veto and not t.procedural
    # Without a permanent no, the procedural draft stays procedural.
    calm = tally(
        ballot(yes=(*ELECTED, "fr", "uk"), abstain=("ru",)),
        PERMANENT,
        procedural=True,
        double_veto=True,
    )
    assert calm.status is DraftStatus.ADOPTED and calm.procedural and not calm.double_veto


def test_majority_comes_from_the_scenario() -> None:
    t = tally(ballot(yes=ELECTED[:7]), PERMANENT, procedural=False, majority=7)
    assert t.status is DraftStatus.ADOPTED


VOTES = st.sampled_from([Vote.YES, Vote.NO, Vote.ABSTAIN, Vote.ABSENT])


@given(st.lists(VOTES, min_size=15, max_size=15), st.booleans(), st.booleans())
def test_tally_follows_article_27(votes: list[Vote], procedural: bool, double_veto: bool) -> None:
    pairs = list(zip(P5 + ELECTED, votes, strict=True))
    t = tally(pairs, PERMANENT, procedural=procedural, double_veto=double_veto)
    yes = votes.count(Vote.YES)
    permanent_no = [m for m, v in pairs if m in PERMANENT and v is Vote.NO]
    assert (t.yes, t.no, t.abstain, t.absent) == (
        yes,
        votes.count(Vote.NO),
        votes.count(Vote.ABSTAIN),
        votes.count(Vote.ABSENT),
    )
    if yes < 9:
        assert t.status is DraftStatus.FAILED
    elif permanent_no and (not procedural or double_veto):
        assert t.status is DraftStatus.VETOED and list(t.vetoed_by) == permanent_no
    else:
        assert t.status is DraftStatus.ADOPTED
    if t.status is not DraftStatus.VETOED:
        assert t.vetoed_by == ()


@given(VOTES, st.integers(-5, 5))
def test_shift_moves_along_no_abstain_yes_and_never_moves_absent(vote: Vote, steps: int) -> None:
    moved = shift(vote, steps)
    order = [Vote.NO, Vote.ABSTAIN, Vote.YES]
    if vote is Vote.ABSENT:
        assert moved is Vote.ABSENT
    else:
        assert moved is order[max(0, min(2, order.index(vote) + steps))]


# -- council votes at resolution ----------------------------------------------------


def test_vetoed_draft_at_resolution_names_the_vetoing_member() -> None:
    g = game()
    events = play(
        g,
        {"fr": ["fr vote pk yes"], "uk": ["uk vote pk yes"], "ru": ["ru vote pk no"]},
        public=["fr table pk"],
    )
    d = g.state.draft("pk")
    assert d is not None and d.status is DraftStatus.VETOED and d.vetoed_by == ("ru",)
    vote = payload(events, EventKind.VOTE, "pk")
    assert (vote.outcome, vote.vetoed_by, vote.yes, vote.no, vote.abstain) == (
        DraftStatus.VETOED,
        ("ru",),
        14,
        1,
        0,
    )
    assert dict(vote.votes)["ru"] is Vote.NO
    assert g.state.mission is None


def test_seat_without_a_vote_order_is_recorded_absent() -> None:
    g = game()
    events = play(g, {"fr": ["fr vote pk yes"]}, public=["fr table pk"])
    votes = dict(one(events, EventKind.VOTE, "pk").votes)
    assert votes["uk"] is Vote.ABSENT and votes["ru"] is Vote.ABSENT
    assert g.state.draft("pk").status is DraftStatus.ADOPTED  # type: ignore[union-attr]


def test_adopted_mission_draft_creates_a_council_mission() -> None:
    g = game()
    events = play(
        g, {"fr": ["fr vote pk yes"], "ru": ["ru vote pk abstain"]}, public=["fr table pk"]
    )
    assert g.state.mission is not None
    assert g.state.mission.mandate is Mandate.COUNCIL and g.state.mission.strength_pct == 100
    assert "un_peacekeeping" in g.state.in_force
    assert payload(events, EventKind.MISSION) == MissionEstablished("pk", Mandate.COUNCIL, 100)


def test_procedural_draft_at_resolution_cannot_be_vetoed() -> None:
    g = game()
    events = play(g, {"ru": ["ru vote cf no"]}, public=["uk table cf"])
    assert g.state.draft("cf").status is DraftStatus.ADOPTED  # type: ignore[union-attr]
    assert "ceasefire" in g.state.in_force
    cf = payload(events, EventKind.VOTE, "cf")
    assert (cf.outcome, cf.yes, cf.no, cf.abstain, cf.absent) == (DraftStatus.ADOPTED, 12, 1, 0, 2)


def test_double_veto_at_resolution_is_announced() -> None:
    g = game(**with_council(double_veto=True))
    events = play(g, {"ru": ["ru vote cf no"]}, public=["uk table cf"])
    assert g.state.draft("cf").status is DraftStatus.VETOED  # type: ignore[union-attr]
    cf = payload(events, EventKind.VOTE, "cf")
    assert cf.made_substantive and not cf.procedural and cf.vetoed_by == ("ru",)


def test_double_veto_is_off_by_default() -> None:
    assert scenario().council.double_veto is False
    assert scenario().council.obligatory_abstention is False


def test_obligatory_abstention_records_party_as_abstaining() -> None:
    g = game(**with_council(obligatory_abstention=True))
    events = play(
        g,
        {"ru": ["ru vote pk no", "ru vote cf no"], "fr": ["fr vote pk yes"]},
        public=["fr table pk", "uk table cf"],
    )
    pk = one(events, EventKind.VOTE, "pk")
    assert dict(pk.votes)["ru"] is Vote.ABSTAIN
    assert g.state.draft("pk").status is DraftStatus.ADOPTED  # type: ignore[union-attr]
    assert pk.payload.parties_abstained
    # Art. 27(3) concerns substantive decisions: on a procedural draft the no stands.
    assert dict(one(events, EventKind.VOTE, "cf").votes)["ru"] is Vote.NO


def test_obligatory_abstention_leaves_an_absent_party_absent() -> None:
    g = game(**with_council(obligatory_abstention=True))
    events = play(g, {}, public=["fr table pk"])
    assert dict(one(events, EventKind.VOTE, "pk").votes)["ru"] is Vote.ABSENT


def test_disposition_first_matching_rule_wins() -> None:
    rules = {
        "disposition": [
            {"when": 'has_tag("un_peacekeeping")', "vote": "no"},
            {"when": "draft.substantive", "vote": "yes"},
        ],
        "default_vote": "abstain",
    }
    g = game(**with_council({"cn": rules}))
    events = play(g, {}, public=["fr table pk", "uk table cf"])
    assert dict(one(events, EventKind.VOTE, "pk").votes)["cn"] is Vote.NO
    assert dict(one(events, EventKind.VOTE, "cf").votes)["cn"] is Vote.ABSTAIN


def test_drafts_are_voted_in_tabling_order() -> None:
    # China votes for pk only once the ceasefire call has been adopted this round.
    china = {"disposition": [{"when": 'adopted("cf")', "vote": "yes"}], "default_vote": "no"}
    g = game(**with_council({"cn": china}))
    events = play(g, {}, public=["uk table cf", "fr table pk"])
    assert [e.ref for e in events if e.kind is EventKind.VOTE] == ["cf", "pk"]
    assert g.state.draft("pk").status is DraftStatus.ADOPTED  # type: ignore[union-attr]

    g = game(**with_council({"cn": china}))
    play(g, {}, public=["fr table pk", "uk table cf"])
    assert g.state.draft("pk").status is DraftStatus.VETOED  # type: ignore[union-attr]


def test_amendment_voted_before_its_draft_and_changes_tags() -> None:
    # Five elected members back pk only with a troop ceiling; they back any amendment.
    picky = {
        "disposition": [
            {"when": "draft.amendment", "vote": "yes"},
            {"when": 'has_tag("troop_ceiling")', "vote": "yes"},
        ],
        "default_vote": "no",
    }
    dispositions = dict.fromkeys(ELECTED[:5], picky)
    g = game(**with_council(dispositions))
    events = play(
        g,
        {},
        public=["fr table pk", 'uk amend pk a1 "Cap the force" add=troop_ceiling'],
    )
    votes = [e for e in events if e.kind in (EventKind.VOTE, EventKind.AMENDMENT)]
    assert [(e.kind, e.ref) for e in votes] == [(EventKind.AMENDMENT, "a1"), (EventKind.VOTE, "pk")]
    assert (votes[0].payload.title, votes[0].payload.outcome) == (
        "Cap the force",
        DraftStatus.ADOPTED,
    )
    assert votes[0].payload.amends == "pk"
    pk = g.state.draft("pk")
    assert pk is not None and pk.tags == ("un_peacekeeping", "troop_ceiling")
    assert pk.status is DraftStatus.ADOPTED
    assert "troop_ceiling" in g.state.in_force

    # Without the amendment the same council rejects the draft.
    g = game(**with_council(dispositions))
    play(g, {}, public=["fr table pk"])
    assert g.state.draft("pk").status is DraftStatus.FAILED  # type: ignore[union-attr]


def test_vetoed_amendment_leaves_the_draft_unamended() -> None:
    g = game()
    events = play(
        g,
        {"ru": ["ru vote a1 no", "ru vote pk yes"]},
        public=["fr table pk", 'uk amend pk a1 "Cap the force" add=troop_ceiling'],
    )
    assert g.state.draft("a1").status is DraftStatus.VETOED  # type: ignore[union-attr]
    assert payload(events, EventKind.AMENDMENT, "a1").vetoed_by == ("ru",)
    pk = g.state.draft("pk")
    assert pk is not None and pk.status is DraftStatus.ADOPTED and pk.tags == ("un_peacekeeping",)


def test_amendment_removing_a_tag() -> None:
    g = game()
    play(
        g,
        {},
        public=[
            'fr table d1 "Force" substantive tags=un_peacekeeping,nato_troops',
            'ru amend d1 a1 "No NATO" remove=nato_troops',
        ],
    )
    assert g.state.draft("d1").tags == ("un_peacekeeping",)  # type: ignore[union-attr]


# -- the Secretariat -----------------------------------------------------------------


def test_secretariat_is_not_a_council_member() -> None:
    g = game()
    assert "only a Security Council member can table" in (g.why_not("un", "un table pk") or "")
    g.apply("fr table pk")
    g.begin_orders()
    assert g.why_not("un", "un vote pk no") == (
        "only a Security Council member can vote; UN Secretariat is not one"
    )


def test_secretariat_concept_needs_a_council_sponsor() -> None:
    drafts = [
        {"id": "obs", "title": "UN observer mission", "tags": ["un_peacekeeping"], "concept": True}
    ]
    g = game(drafts=drafts)
    assert "Secretariat concept" in (g.why_not("fr", "fr table obs") or "")
    g.apply("un propose obs")
    assert g.state.draft("obs").status is DraftStatus.PROPOSED  # type: ignore[union-attr]
    assert "only a Security Council member can sponsor" in (g.why_not("ua", "ua sponsor obs") or "")
    events = play(g, {}, public=["fr sponsor obs"])
    obs = g.state.draft("obs")
    assert obs is not None and obs.sponsor == "fr" and obs.status is DraftStatus.ADOPTED
    assert one(events, EventKind.VOTE, "obs")


def test_proposed_concept_without_sponsor_is_not_voted() -> None:
    drafts = [{"id": "obs", "title": "UN observer mission", "concept": True}]
    g = game(drafts=drafts)
    events = play(g, {}, public=["un propose obs"])
    assert payloads(events, EventKind.VOTE) == []
    assert g.state.draft("obs").status is DraftStatus.PROPOSED  # type: ignore[union-attr]


# -- Uniting for Peace ------------------------------------------------------------------

GA_FAVOURS = {"general_assembly": {"base_yes": 75}}


def _vetoed_pk(**switches: Any) -> Game:
    g = game(**with_council(**switches))
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    assert g.state.draft("pk").status is DraftStatus.VETOED  # type: ignore[union-attr]
    return g


def test_uniting_for_peace_requires_a_prior_veto() -> None:
    g = game()
    g.apply("fr table pk")
    reason = g.why_not("uk", "uk uniting-for-peace pk")
    assert reason is not None and reason.startswith("Uniting for Peace follows a veto")
    with pytest.raises(GameError, match="follows a veto"):
        g.apply("uk uniting-for-peace pk")
    # A draft that failed for lack of votes (even with Russia's no) was not vetoed.
    failing = {m: {"default_vote": "no"} for m in ELECTED}
    g = game(**with_council(failing))
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    assert g.state.draft("pk").status is DraftStatus.FAILED  # type: ignore[union-attr]
    assert "follows a veto" in (g.why_not("uk", "uk uniting-for-peace pk") or "")


def test_uniting_for_peace_motion_is_procedural_and_cannot_be_vetoed() -> None:
    g = _vetoed_pk(**GA_FAVOURS)
    assert g.why_not("ua", "ua uniting-for-peace pk") is not None  # not a council member
    events = play(g, {"ru": ["ru vote ufp_pk no"]}, public=["uk uniting-for-peace pk"])
    motion = g.state.draft("ufp_pk")
    assert motion is not None and motion.procedural and motion.status is DraftStatus.ADOPTED
    assert payload(events, EventKind.VOTE, "ufp_pk").form is DraftForm.MOTION
    assert payload(events, EventKind.ASSEMBLY, "pk") == AssemblyVoted("pk", 75, 67, True)
    # Only one motion per vetoed draft.
    assert "already been tabled" in (g.why_not("fr", "fr uniting-for-peace pk") or "")


def test_assembly_recommendation_needs_host_consent() -> None:
    g = _vetoed_pk(**GA_FAVOURS)
    play(g, {}, public=["uk uniting-for-peace pk"])
    pk = g.state.draft("pk")
    assert pk is not None and pk.recommended and not pk.consented
    assert g.state.mission is None and "un_peacekeeping" not in g.state.in_force

    g.begin_orders()
    assert (
        g.why_not("ru", "ru accept pk")
        == "only the host consents to an Assembly-recommended mission"
    )
    events = play(g, {"ua": ["ua accept pk"]})
    assert ConsentGiven("ua", "pk", ConsentAnswer.CONSENTS) in payloads(events, EventKind.CONSENT)
    assert g.state.mission is not None
    assert g.state.mission.mandate is Mandate.ASSEMBLY
    assert g.state.mission.strength_pct == 60  # the scenario's weaker mandate
    assert "un_peacekeeping" in g.state.in_force


def test_host_may_consent_in_the_round_of_the_motion() -> None:
    g = _vetoed_pk(**GA_FAVOURS)
    play(g, {"ua": ["ua accept pk"]}, public=["uk uniting-for-peace pk"])
    assert g.state.mission is not None and g.state.mission.mandate is Mandate.ASSEMBLY


def test_host_refusing_consent_leaves_no_mission() -> None:
    g = _vetoed_pk(**GA_FAVOURS)
    events = play(g, {"ua": ["ua reject pk"]}, public=["uk uniting-for-peace pk"])
    assert ConsentGiven("ua", "pk", ConsentAnswer.REFUSES) in payloads(events, EventKind.CONSENT)
    assert g.state.mission is None


def test_assembly_below_two_thirds_recommends_nothing() -> None:
    g = _vetoed_pk()  # base_yes 60 < threshold 67
    events = play(g, {"ua": ["ua accept pk"]}, public=["uk uniting-for-peace pk"])
    assert payload(events, EventKind.ASSEMBLY) == AssemblyVoted("pk", 60, 67, False)
    assert payload(events, EventKind.CONSENT).answer is ConsentAnswer.LAPSED
    assert g.state.mission is None


def test_assembly_modifiers_move_the_yes_share() -> None:
    ga = {"general_assembly": {"base_yes": 60, "modifiers": [{"when": "tension >= 50", "add": 10}]}}
    g = _vetoed_pk(**ga)
    events = play(g, {}, public=["uk uniting-for-peace pk"])
    assert payload(events, EventKind.ASSEMBLY).share == 70


def test_uniting_for_peace_can_be_switched_off() -> None:
    g = _vetoed_pk(general_assembly={"enabled": False})
    assert (
        g.why_not("uk", "uk uniting-for-peace pk")
        == "this scenario does not allow Uniting for Peace"
    )


def test_a_vetoing_member_is_recorded_by_id_whatever_its_id() -> None:
    members = council(PLAYED)["members"]
    for m in members:
        if m["id"] == "ru":
            m["id"], m["name"] = "ve", "Venezia"
    g = game(council={"members": members})
    events = play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    vote = payload(events, EventKind.VOTE, "pk")
    assert (vote.vetoed_by, vote.yes, vote.no, vote.abstain) == (("ve",), 12, 1, 0)


def test_members_judge_an_amendment_by_the_draft_it_would_make() -> None:
    # Five elected members vote for anything that carries a troop ceiling:
    # has_tag() during the amendment's vote sees the amended draft.
    ceiling = {
        "disposition": [{"when": 'has_tag("troop_ceiling")', "vote": "yes"}],
        "default_vote": "no",
    }
    g = game(**with_council(dict.fromkeys(ELECTED[:5], ceiling)))
    events = play(g, {}, public=["fr table pk", 'uk amend pk a1 "Cap the force" add=troop_ceiling'])
    assert payload(events, EventKind.AMENDMENT, "a1").outcome is DraftStatus.ADOPTED
    amendment = g.state.draft("a1")
    assert amendment is not None and "troop_ceiling" in amendment.tags


def test_uniting_for_peace_refused_on_a_vetoed_amendment() -> None:
    g = game()
    play(
        g,
        {"ru": ["ru vote a1 no", "ru vote pk yes"]},
        public=["fr table pk", 'uk amend pk a1 "Cap the force" add=troop_ceiling'],
    )
    assert g.state.draft("a1").status is DraftStatus.VETOED  # type: ignore[union-attr]
    reason = g.why_not("uk", "uk uniting-for-peace a1")
    assert reason is not None and "follows a veto" in reason and "'a1'" in reason


def test_consent_refused_once_the_assembly_made_no_recommendation() -> None:
    g = _vetoed_pk()  # base_yes 60 < threshold 67: no recommendation
    play(g, {}, public=["uk uniting-for-peace pk"])
    g.begin_orders()
    reason = g.why_not("ua", "ua accept pk")
    assert reason is not None and "made no recommendation on 'pk'" in reason
