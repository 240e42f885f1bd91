"""Lobbying, the Secretariat's endorsement and mediation."""

from __future__ import annotations

import random
from typing import Any

import pytest

from tests.engine.builders import ELECTED, council
from tests.engine.support import game, one, payloads, play, resolve, state_after
from wargame.engine import EventKind
from wargame.engine.events import Change, Endorsed, Lobbied, Mediated
from wargame.scenario.models import Vote

PLAYED = {"fr": "fr", "uk": "uk", "ru": "ru"}


def _council(dispositions: dict[str, Any], **switches: Any) -> dict[str, Any]:
    return {"council": {**council(PLAYED, dispositions), **switches}}


def _vote_of(events: Any, member: str, draft: str = "pk") -> Vote:
    return dict(one(events, EventKind.VOTE, draft).votes)[member]


def _first_seed(predicate: Any) -> int:
    return next(s for s in range(1000) if predicate(random.Random(s).randrange(100)))


@pytest.mark.parametrize("succeeds", [True, False])
def test_lobby_success_moves_vote_one_step_with_seeded_rng(succeeds: bool) -> None:
    sc = _council({"dz": {"default_vote": "abstain", "lobby_chance": 50}})
    seed = _first_seed(lambda roll: (roll < 50) is succeeds)
    roll = random.Random(seed).randrange(100)  # the first draw of the round
    state = state_after(["fr table pk"], **sc)
    _, events = resolve(state, {"uk": ["uk lobby dz pk yes"]}, seed=seed)
    lobby = one(events, EventKind.LOBBY).payload
    final = Vote.YES if succeeds else Vote.ABSTAIN
    assert lobby == Lobbied(
        "uk", "dz", "pk", Vote.YES, 50, roll, succeeds, final=final, without=Vote.ABSTAIN
    )
    assert lobby.moved is succeeds
    assert _vote_of(events, "dz") is final


def test_lobby_moves_a_vote_only_one_step() -> None:
    sc = _council({"dz": {"default_vote": "no", "lobby_chance": 100}})
    state = state_after(["fr table pk"], **sc)
    _, events = resolve(state, {"uk": ["uk lobby dz pk yes"]})
    assert _vote_of(events, "dz") is Vote.ABSTAIN
    _, events = resolve(state, {"uk": ["uk lobby dz pk yes"], "fr": ["fr lobby dz pk yes"]})
    assert _vote_of(events, "dz") is Vote.YES


def test_lobbying_toward_no_and_against_each_other() -> None:
    sc = _council({"dz": {"default_vote": "yes", "lobby_chance": 100}})
    state = state_after(["fr table pk"], **sc)
    _, events = resolve(state, {"ru": ["ru lobby dz pk no"]})
    assert _vote_of(events, "dz") is Vote.ABSTAIN
    _, events = resolve(state, {"ru": ["ru lobby dz pk no"], "fr": ["fr lobby dz pk yes"]})
    assert _vote_of(events, "dz") is Vote.YES


def test_lobbying_draws_one_number_per_order_in_seat_order() -> None:
    chances = {m: {"default_vote": "abstain", "lobby_chance": 50} for m in ELECTED}
    state = state_after(["fr table pk"], **_council(chances))
    orders = {"uk": ["uk lobby dz pk yes", "uk lobby dk pk yes"], "fr": ["fr lobby gr pk yes"]}
    _, events = resolve(state, orders, seed=3)
    rng = random.Random(3)
    rolls = [rng.randrange(100) for _ in range(3)]
    lobbies = [e for e in events if e.kind is EventKind.LOBBY]
    # France comes before the United Kingdom in the scenario's seat order.
    assert [e.seat for e in lobbies] == ["fr", "uk", "uk"]
    assert [e.payload.roll for e in lobbies] == rolls


def test_lobby_result_is_private_to_the_lobbying_seat() -> None:
    g = game()
    events = play(g, {"uk": ["uk lobby cn pk yes"]}, public=["fr table pk"])
    lobby = one(events, EventKind.LOBBY)
    assert lobby.private_to == ("uk",)
    assert lobby not in g.view_for("ru").events and lobby not in g.view_for(None).events
    assert lobby in g.view_for("uk").events


def test_absent_member_is_not_lobbied() -> None:
    sc = _council({"dz": {"default_vote": "absent", "lobby_chance": 100}})
    state = state_after(["fr table pk"], **sc)
    _, events = resolve(state, {"uk": ["uk lobby dz pk yes"], "fr": ["fr lobby dz pk yes"]})
    assert _vote_of(events, "dz") is Vote.ABSENT


def test_members_played_at_the_table_cannot_be_lobbied() -> None:
    g = game()
    g.apply("fr table pk")
    g.begin_orders()
    assert (
        g.why_not("uk", "uk lobby ru pk no")
        == "RU is played at the table: talk to its players instead"
    )
    assert (g.why_not("uk", "uk lobby xx pk no") or "").startswith("unknown council member 'xx'")


def test_endorsement_shifts_non_player_members() -> None:
    all_no = {m: {"default_vote": "no"} for m in ("cn", "us", *ELECTED)}
    state = state_after(["fr table pk"], **_council(all_no, endorse_chance=100))
    after, events = resolve(state, {"un": ["un endorse pk"], "ru": ["ru vote pk no"]})
    endorse = one(events, EventKind.ENDORSE).payload
    assert endorse.moved[:3] == ("cn", "us", "dz")
    votes = dict(one(events, EventKind.VOTE, "pk").votes)
    assert all(votes[m] is Vote.ABSTAIN for m in ("cn", "us", *ELECTED))
    assert votes["ru"] is Vote.NO  # seats played at the table are not moved
    assert after.draft("pk").endorsed  # type: ignore[union-attr]


def test_endorsement_that_moves_nobody_says_so() -> None:
    state = state_after(["fr table pk"], **_council({}, endorse_chance=0))
    _, events = resolve(state, {"un": ["un endorse pk"]})
    assert one(events, EventKind.ENDORSE).payload == Endorsed("un", "pk", moved=())


def test_endorsement_news_names_only_members_whose_vote_moved() -> None:
    # Everyone already votes yes (the default): a successful draw moves no vote.
    state = state_after(["fr table pk"], **_council({}, endorse_chance=100))
    _, events = resolve(state, {"un": ["un endorse pk"]})
    assert one(events, EventKind.ENDORSE).payload == Endorsed("un", "pk", moved=())


def test_endorsed_drafts_are_visible_to_dispositions() -> None:
    likes = {
        "cn": {"disposition": [{"when": "draft.endorsed", "vote": "yes"}], "default_vote": "no"}
    }
    state = state_after(["fr table pk"], **_council(likes, endorse_chance=0))
    _, events = resolve(state, {"un": ["un endorse pk"]})
    assert _vote_of(events, "cn") is Vote.YES


def test_only_the_secretariat_endorses_and_only_once() -> None:
    g = game()
    g.apply("fr table pk")
    g.begin_orders()
    assert g.why_not("fr", "fr endorse pk") == "only the UN Secretariat can endorse a draft"
    g.apply("un endorse pk")
    assert g.why_not("un", "un endorse pk") == "'pk' is already endorsed"


def test_mediation_applies_the_scenarios_track_effects() -> None:
    g = game(mediate_effects=["tension -= 5", "cohesion += 2"])
    events = play(g, {"un": ["un mediate"]})
    assert payloads(events, EventKind.MEDIATE) == [
        Mediated("un", (Change("tension", 50, 45), Change("cohesion", 50, 52)))
    ]
    g.begin_orders()
    g.apply("un mediate")
    assert g.why_not("un", "un mediate") == "you already mediate this round"
    assert g.why_not("fr", "fr mediate") == "only the UN Secretariat can mediate"


def _lobby_of(events: Any, seat: str) -> Any:
    return next(e for e in events if e.kind is EventKind.LOBBY and e.seat == seat)


def test_the_lobbying_seat_learns_whether_its_lobbying_moved_the_final_vote() -> None:
    # Certain success; DZ abstains on its own.
    sc = _council({"dz": {"default_vote": "abstain", "lobby_chance": 100}})
    state = state_after(["fr table pk"], **sc)
    _, events = resolve(state, {"uk": ["uk lobby dz pk yes"]})
    lobby = _lobby_of(events, "uk")
    assert lobby.private_to == ("uk",)
    assert (lobby.payload.final, lobby.payload.without) == (Vote.YES, Vote.ABSTAIN)
    assert lobby.payload.moved
    # Two seats pull DZ opposite ways: each lobby changed the vote, cancelling the other.
    _, events = resolve(state, {"uk": ["uk lobby dz pk yes"], "ru": ["ru lobby dz pk no"]})
    assert _vote_of(events, "dz") is Vote.ABSTAIN
    uk, ru = _lobby_of(events, "uk").payload, _lobby_of(events, "ru").payload
    assert (uk.final, uk.without, uk.moved) == (Vote.ABSTAIN, Vote.NO, True)
    assert (ru.final, ru.without, ru.moved) == (Vote.ABSTAIN, Vote.YES, True)


def test_a_lobby_cancelled_by_the_clamp_did_not_move_the_vote() -> None:
    # dz votes yes: without France's lobby Russia's would make it abstain; without
    # Russia's, France's push past yes changes nothing. France lobbies first (seat order).
    sc = _council({"dz": {"default_vote": "yes", "lobby_chance": 100}})
    state = state_after(["fr table pk"], **sc)
    _, events = resolve(state, {"ru": ["ru lobby dz pk no"], "fr": ["fr lobby dz pk yes"]})
    lobbies = payloads(events, EventKind.LOBBY)
    assert [(p.seat, p.moved) for p in lobbies] == [("fr", True), ("ru", False)]


def test_a_successful_lobby_toward_a_vote_already_held_does_not_move_it() -> None:
    sc = _council({"dz": {"default_vote": "yes", "lobby_chance": 100}})
    state = state_after(["fr table pk"], **sc)
    _, events = resolve(state, {"uk": ["uk lobby dz pk yes"]})
    lobby = _lobby_of(events, "uk").payload
    assert (lobby.succeeded, lobby.final, lobby.without, lobby.moved) == (
        True,
        Vote.YES,
        Vote.YES,
        False,
    )


def test_a_failed_lobby_says_it_moved_nothing() -> None:
    sc = _council({"dz": {"default_vote": "abstain", "lobby_chance": 0}})
    state = state_after(["fr table pk"], **sc)
    _, events = resolve(state, {"uk": ["uk lobby dz pk yes"]})
    lobby = _lobby_of(events, "uk").payload
    assert (lobby.succeeded, lobby.final, lobby.moved) == (False, Vote.ABSTAIN, False)
