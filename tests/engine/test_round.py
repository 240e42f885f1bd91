"""A round's resolution: injects, scenario rules, friction, income, endings, the
facilitator's acts, and the fixed order of the steps."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from tests.engine.builders import council
from tests.engine.support import game, payload, payloads, play, resolve, state_after
from wargame.engine import EventKind, IllegalAction, act, parse_action
from wargame.engine.events import (
    Change,
    Drop,
    DropReason,
    FrictionStruck,
    GameEnded,
    IncomePaid,
    InjectFired,
    Ruled,
    RulingSubject,
    TrackAdjusted,
)
from wargame.engine.state import DraftStatus, Mandate, Phase, PledgeStatus
from wargame.game import GameError, rng_for_round
from wargame.scenario.models import Rating

ENDINGS = [{"id": "mission", "title": "UN mission", "when": "un_mission()", "final_only": True}]


def _first_seed(predicate: Any) -> int:
    return next(s for s in range(1000) if predicate(random.Random(s).randrange(100)))


# -- injects -------------------------------------------------------------------------


def test_injects_fire_in_their_round_when_condition_holds() -> None:
    injects = [
        {"id": "strike", "title": "Drone strike", "text": "A depot burns.", "round": 2,
         "when": "tension >= 50", "effects": ["tension += 5"]},
        {"id": "quiet", "title": "Quiet night", "round": 2, "when": "tension < 50",
         "effects": ["tension -= 5"]},
    ]  # fmt: skip
    g = game(injects=injects)
    assert payloads(g.events, EventKind.INJECT) == []  # round 1's briefing: nothing
    events = play(g)  # resolving round 1 opens round 2 with its briefing
    assert [(e.round, e.payload) for e in events if e.kind is EventKind.INJECT] == [
        (2, InjectFired("strike", "Drone strike", "A depot burns.", (Change("tension", 50, 55),)))
    ]
    assert g.state.round == 2 and g.state.tracks["tension"] == 55
    assert "inject:strike" in g.state.fired and "inject:quiet" not in g.state.fired


def test_injects_fire_at_the_briefing_before_negotiation() -> None:
    injects = [{"id": "opening", "title": "Talks open", "round": 1, "effects": ["cohesion += 5"]}]
    g = game(injects=injects)
    assert payloads(g.events, EventKind.INJECT) == [
        InjectFired("opening", "Talks open", "", (Change("cohesion", 50, 55),))
    ]
    assert g.state.phase.value == "negotiation" and g.state.tracks["cohesion"] == 55


def test_conditional_inject_fires_once_when_its_condition_first_holds() -> None:
    injects = [{"id": "talks", "title": "Talks resume", "when": "cohesion >= 60",
                "effects": ["tension -= 10"]}]  # fmt: skip
    g = game(injects=injects)
    assert payloads(play(g), EventKind.INJECT) == []
    play(g, public=['facilitator adjust cohesion +10 "a summit"'])  # fires at round 3's briefing
    assert g.state.tracks["tension"] == 40
    assert payloads(play(g), EventKind.INJECT) == []  # once (the default)


def test_repeating_inject_fires_every_round_its_condition_holds() -> None:
    injects = [{"id": "raids", "title": "Raids", "when": "true", "once": False,
                "effects": ["tension += 1"]}]  # fmt: skip
    g = game(injects=injects)  # round 1's briefing
    play(g)  # round 2's
    play(g)  # round 3's
    assert g.state.tracks["tension"] == 53


def test_library_inject_fires_only_when_the_facilitator_fires_it() -> None:
    injects = [{"id": "leak", "title": "Leaked memo", "effects": ["cohesion -= 10"]}]
    g = game(injects=injects)
    assert payloads(play(g), EventKind.INJECT) == []
    events = g.apply('facilitator inject leak "the room is too comfortable"')
    assert payloads(events, EventKind.INJECT) == [
        InjectFired(
            "leak", "Leaked memo", "", (Change("cohesion", 50, 40),), "the room is too comfortable"
        )
    ]
    assert g.state.tracks["cohesion"] == 40  # at once, not at the next resolution
    assert "inject:leak" in g.state.fired


def test_facilitator_injects_apply_at_once_in_logged_order() -> None:
    injects = [
        {"id": "surge", "title": "Surge", "round": 1, "effects": ["tension = 70"]},
        {"id": "calm", "title": "Calm", "effects": ["tension += 5"]},
    ]
    g = game(injects=injects)  # the scripted surge fires at round 1's briefing
    assert g.state.tracks["tension"] == 70
    g.apply('facilitator inject calm "test"')
    events = g.apply('facilitator event "Sabotage" "tension += 1; cohesion -= 2" "ad hoc"')
    assert g.state.tracks["tension"] == 76
    assert g.state.tracks["cohesion"] == 48
    assert payloads(events, EventKind.INJECT) == [
        InjectFired(
            None, "Sabotage", "", (Change("tension", 75, 76), Change("cohesion", 50, 48)), "ad hoc"
        )
    ]


def test_injects_apply_before_the_council_votes() -> None:
    # China votes yes only under high tension; the briefing's inject raises it.
    china = {"disposition": [{"when": "tension >= 70", "vote": "yes"}], "default_vote": "no"}
    sc_council = council({"fr": "fr", "uk": "uk", "ru": "ru"}, {"cn": china})
    injects = [{"id": "surge", "title": "Surge", "round": 1, "effects": ["tension = 80"]}]
    g = game(council=sc_council, injects=injects)
    play(g, public=["fr table pk"])
    assert g.state.draft("pk").status is DraftStatus.ADOPTED  # type: ignore[union-attr]


# -- scenario rules -----------------------------------------------------------------

RULE_ESCALATE = {"id": "escalate", "when": "tension >= 50", "effects": ["tension += 20"],
                 "text": "Escalation"}  # fmt: skip
RULE_STRAIN = {"id": "strain", "when": "tension >= 70", "effects": ["cohesion -= 10"],
               "text": "The coalition strains"}  # fmt: skip


def test_scenario_rules_apply_in_file_order() -> None:
    g = game(rules=[RULE_ESCALATE, RULE_STRAIN])
    events = play(g)
    assert [(p.rule, p.changes) for p in payloads(events, EventKind.RULE)] == [
        ("escalate", (Change("tension", 50, 70),)),
        ("strain", (Change("cohesion", 50, 40),)),
    ]
    # In the other order, the strain rule is checked before escalation raises tension.
    g = game(rules=[RULE_STRAIN, RULE_ESCALATE])
    events = play(g)
    assert [e.ref for e in events if e.kind is EventKind.RULE] == ["escalate"]
    assert g.state.tracks["cohesion"] == 50


def test_once_rule_applies_only_once() -> None:
    g = game(rules=[{**RULE_ESCALATE, "once": True}])
    play(g)
    play(g)
    assert g.state.tracks["tension"] == 70


# -- friction ---------------------------------------------------------------------------

FRICTION = [{"id": "violation", "text": "Ceasefire violation", "chance": "tension",
             "effects": ["tension += 5"]}]  # fmt: skip


@pytest.mark.parametrize("fires", [True, False])
def test_friction_draws_from_seeded_rng(fires: bool) -> None:
    seed = _first_seed(lambda roll: (roll < 50) is fires)
    roll = random.Random(seed).randrange(100)
    state, events = resolve(state_after(friction=FRICTION), seed=seed)
    if fires:
        assert payloads(events, EventKind.FRICTION) == [
            FrictionStruck(
                "violation", "Ceasefire violation", 50, roll, (Change("tension", 50, 55),)
            )
        ]
        assert state.tracks["tension"] == 55
    else:
        assert payloads(events, EventKind.FRICTION) == []
        assert state.tracks["tension"] == 50
    # The same seed gives the same draw.
    again, events_again = resolve(state_after(friction=FRICTION), seed=seed)
    assert again == state and events_again == events


def test_friction_chance_is_clamped_to_0_100() -> None:
    always = [{**FRICTION[0], "chance": "tension * 10"}]
    never = [{**FRICTION[0], "chance": "0 - tension"}]
    for seed in range(20):
        assert payloads(resolve(state_after(friction=always), seed=seed)[1], EventKind.FRICTION)
        assert not payloads(resolve(state_after(friction=never), seed=seed)[1], EventKind.FRICTION)
    assert payloads(resolve(state_after(friction=always))[1], EventKind.FRICTION)[0].chance == 100


def test_game_draws_each_round_from_its_own_seeded_generator() -> None:
    g = game(friction=FRICTION, seed=7)
    events = play(g)
    roll = rng_for_round(7, 1).randrange(100)
    assert bool(payloads(events, EventKind.FRICTION)) is (roll < 50)


# -- income, tracks, history ---------------------------------------------------------------


def test_income_paid_and_tracks_clamped() -> None:
    rules = [{"id": "boil", "when": "true", "effects": ["tension += 80", "cohesion -= 500"]}]
    g = game(rules=rules)
    events = play(g, {"fr": ["fr pledge p1 troops 1000 to coalition"]})
    assert g.state.tracks == {"tension": 100, "cohesion": 0}
    assert payloads(events, EventKind.INCOME) == [
        IncomePaid((("fr", 3), ("uk", 3), ("ua", 2), ("ru", 3), ("un", 3)))
    ]
    pcs = {s: v.pc for s, v in g.state.seats.items()}
    assert pcs == {"fr": 10 - 1 + 3, "uk": 13, "ua": 10, "ru": 13, "un": 11}
    assert g.state.history == (
        (("cohesion", 50), ("tension", 50)),
        (("cohesion", 0), ("tension", 100)),
    )


def test_facilitator_adjust_is_clamped_and_applies_at_once() -> None:
    g = game()
    events = g.apply('facilitator adjust tension +90 "a massacre is reported"')
    assert g.state.tracks["tension"] == 100
    assert events[0].payload == TrackAdjusted(
        "tension", 90, "a massacre is reported", (Change("tension", 50, 100),)
    )


def test_pc_is_charged_for_tabling_at_once_and_for_orders_at_resolution() -> None:
    g = game()
    g.apply("fr table pk")
    assert g.state.seats["fr"].pc == 8
    g.begin_orders()
    g.apply("uk lobby cn pk yes")
    assert g.state.seats["uk"].pc == 10  # sealed until resolution
    play(g)
    assert g.state.seats["uk"].pc == 10 - 2 + 3


# -- endings --------------------------------------------------------------------------------


def test_endings_first_match_wins() -> None:
    endings = [
        {"id": "war", "title": "War", "when": "tension >= 50"},
        {"id": "peace", "title": "Peace", "when": "tension >= 0"},
    ]
    g = game(endings=endings)
    events = play(g)
    assert g.state.phase is Phase.ENDED
    assert g.state.outcome is not None and g.state.outcome.ending == "war"
    assert g.state.outcome.round == 1
    assert payload(events, EventKind.ENDING) == GameEnded("war", "War")
    g = game(endings=list(reversed(endings)))
    play(g)
    assert g.state.outcome is not None and g.state.outcome.ending == "peace"


def test_final_only_ending_waits_for_the_last_round() -> None:
    g = game(endings=[{"id": "calm", "title": "Calm", "when": "true", "final_only": True}])
    for _ in range(3):
        play(g)
        assert g.state.phase is Phase.NEGOTIATION
    play(g)
    assert g.state.outcome is not None and g.state.outcome.ending == "calm"
    assert g.state.round == 4


def test_default_ending_after_last_round() -> None:
    g = game(endings=ENDINGS)
    for round_ in range(1, 5):
        assert g.state.round == round_
        play(g)
    assert g.state.phase is Phase.ENDED
    assert g.state.outcome is not None
    assert (g.state.outcome.ending, g.state.outcome.title) == ("frozen", "Frozen conflict")
    with pytest.raises(GameError, match="the game is over"):
        g.apply("fr table pk")
    with pytest.raises(GameError):
        g.apply("orders")


def test_facilitator_ends_the_game_with_a_reason() -> None:
    g = game()
    events = g.apply('facilitator end frozen "out of time"')
    assert g.state.phase is Phase.ENDED
    assert g.state.outcome is not None and g.state.outcome.reason == "out of time"
    assert events[0].payload == GameEnded("frozen", "Frozen conflict", "out of time")
    assert (g.why_not("fr", 'facilitator end nope "x"') or "") != ""


# -- facilitator rulings ------------------------------------------------------------------


def test_facilitator_ruling_overrides_a_veto() -> None:
    g = game()
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    events = g.apply('facilitator ruling draft pk adopted "the veto was cast too late"')
    pk = g.state.draft("pk")
    assert pk is not None and pk.status is DraftStatus.ADOPTED and pk.vetoed_by == ()
    assert g.state.mission is not None and g.state.mission.mandate is Mandate.COUNCIL
    assert "un_peacekeeping" in g.state.in_force
    assert Ruled(RulingSubject.DRAFT, "pk", "adopted", "the veto was cast too late") in payloads(
        events
    )


def test_facilitator_ruling_on_a_pledge() -> None:
    g = game()
    play(g, {"fr": ["fr pledge p1 troops 1000 to coalition"]})
    g.apply('facilitator ruling pledge p1 dropped "the troops are needed at home"')
    p1 = g.state.pledge("p1")
    assert p1 is not None and p1.status is PledgeStatus.DROPPED
    assert p1.reason == "facilitator: the troops are needed at home"


def test_facilitator_acts_are_checked() -> None:
    state = state_after()
    for line, words in [
        ('facilitator inject nope "x"', "unknown inject 'nope'"),
        ('facilitator adjust nope +1 "x"', "unknown track 'nope'"),
        ('facilitator ruling draft pk adopted "x"', "unknown voted draft 'pk'"),
        ('facilitator ruling pledge p9 dropped "x"', "unknown pledge 'p9'"),
        ('facilitator event "E" "nope += 1" "x"', "the effect 'nope += 1' is not valid"),
    ]:
        with pytest.raises(IllegalAction, match=re.escape(words)):
            act(state, parse_action(line))


# -- matrix-game arguments ----------------------------------------------------------------

ARGUMENTS = {
    "enabled": True,
    "table": [{"id": "drones", "name": "Drone campaign", "effects": ["tension += 10"]}],
}


def test_argument_success_follows_the_facilitators_rating() -> None:
    g = game(arguments=ARGUMENTS)
    g.apply("orders")
    g.apply('ua argue drones "Our drones will blind their artillery"')
    g.apply("facilitator rate ua drones very_strong")
    events = play(g)
    argued = payload(events, EventKind.ARGUMENT)
    assert (argued.seat, argued.option, argued.argument) == (
        "ua",
        "drones",
        "Our drones will blind their artillery",
    )
    assert (argued.rating, argued.chance, argued.ruled) == (Rating.VERY_STRONG, 90, False)
    rating = next(e for e in g.events if e.kind is EventKind.FACILITATOR)
    assert rating.private_to == ("facilitator",)


def test_argument_ruling_overrides_the_dice() -> None:
    g = game(arguments=ARGUMENTS)
    g.apply("orders")
    g.apply('ua argue drones "Our drones will blind their artillery"')
    g.apply('facilitator ruling argument ua:drones succeeds "obviously"')
    events = play(g)
    argued = payload(events, EventKind.ARGUMENT)
    assert argued.success and argued.ruled and argued.roll is None
    assert g.state.tracks["tension"] == 60


def test_arguments_are_off_unless_the_scenario_enables_them() -> None:
    g = game()
    g.apply("orders")
    assert g.why_not("ua", 'ua argue drones "x"') == "this scenario does not use arguments"


# -- the fixed order of the steps -------------------------------------------------------------


def test_resolution_steps_run_in_the_fixed_order() -> None:
    sc: dict[str, Any] = {
        "injects": [{"id": "news", "title": "News", "round": 2, "effects": ["tension += 1"]}],
        "force": {
            "mission_tags": ["un_peacekeeping"],
            "deployment_tags": [{"tag": "nato_troops", "seats": ["fr"], "assets": ["troops"]}],
        },
        "red_lines": {"declared": [{"id": "rl", "seat": "ru", "tags": ["nato_troops"]}]},
        "rules": [{"id": "r", "when": "true", "effects": ["cohesion += 1"]}],
        "friction": [{"id": "f", "text": "Incident", "chance": "100", "effects": ["tension += 1"]}],
        "endings": [{"id": "end", "title": "End", "when": "round >= 2"}],
    }
    g = game(**sc)
    play(g, {"fr": ["fr pledge p0 jets 1 to coalition"]})
    events = play(
        g,
        {
            "fr": ["fr withdraw p0", "fr pledge p1 troops 1000 to coalition"],
            "uk": ["uk lobby cn pk yes", "uk pledge j1 jets 2 to coalition"],
            "ua": ["ua accept g1"],
        },
        public=["fr table pk", "uk offer g1 air_policing backing=j1"],
    )
    order = [
        EventKind.WITHDRAWAL,
        EventKind.LOBBY,
        EventKind.VOTE,
        EventKind.MISSION,
        EventKind.PLEDGE_HONOURED,
        EventKind.GUARANTEE,
        EventKind.RED_LINE,
        EventKind.RULE,
        EventKind.FRICTION,
        EventKind.INCOME,
        EventKind.ENDING,
    ]
    kinds = [e.kind for e in events if e.kind in order]
    firsts = [kinds.index(k) for k in order]
    assert firsts == sorted(firsts), kinds


def test_facilitator_ruling_a_mission_draft_failed_removes_its_mission() -> None:
    g = game()
    play(g, {"fr": ["fr pledge m1 troops 1000 to un_mission"]}, public=["fr table pk"])
    assert g.state.mission is not None
    g.apply('facilitator ruling draft pk failed "the vote was irregular"')
    assert g.state.mission is None and "un_peacekeeping" not in g.state.in_force
    events = play(g)
    dropped = payload(events, EventKind.PLEDGE_DROPPED, "m1")
    assert dropped.released and dropped.drop == Drop(DropReason.NO_TARGET)


def test_facilitator_cannot_honour_a_pledge_its_seat_cannot_cover() -> None:
    g = game()
    play(
        g,
        {
            "fr": [
                "fr pledge p1 troops 6000 to coalition",
                "fr pledge p2 troops 4000 to coalition if uk.pledged.jets >= 9",
            ]
        },
    )
    assert g.why_not("facilitator", 'facilitator ruling pledge p2 honoured "x"') is None
    g.apply('facilitator event "Losses" "fr.assets.troops -= 3000" "a depot is hit"')
    with pytest.raises(GameError, match="France cannot cover pledge p2: 1000 Troops uncommitted"):
        g.apply('facilitator ruling pledge p2 honoured "they found the troops"')
    assert g.state.committed("fr", "troops") <= g.state.seats["fr"].assets["troops"]


def test_rating_an_argument_again_replaces_the_first_rating_and_says_so() -> None:
    g = game(arguments=ARGUMENTS)
    g.apply("orders")
    g.apply('ua argue drones "Our drones will blind their artillery"')
    g.apply("facilitator rate ua drones very_weak")
    events = g.apply("facilitator rate ua drones very_strong")
    assert g.state.ratings == (("ua", "drones", Rating.VERY_STRONG),)
    (news,) = events
    assert news.private_to == ("facilitator",)
    assert (news.payload.rating, news.payload.replaces) == (Rating.VERY_STRONG, Rating.VERY_WEAK)
    # The same rating again changes nothing: refused, with the reason.
    reason = g.why_not("facilitator", "facilitator rate ua drones very_strong")
    assert reason is not None and "already rated very strong" in reason
    with pytest.raises(GameError, match="already rated"):
        g.apply("facilitator rate ua drones very_strong")
    assert g.state.ratings == (("ua", "drones", Rating.VERY_STRONG),)
