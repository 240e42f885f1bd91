"""Red lines: declared over tags; crossing one fires its effects and costs credibility."""

from __future__ import annotations

from typing import Any

from tests.engine.support import game, one, payloads, play
from wargame.engine import EventKind
from wargame.engine.evaluation import Evaluator
from wargame.engine.events import Change, RedLineCrossed, RedLineDeclared
from wargame.game import Game

FORCE = {
    "requirement": {"troops": 10000, "jets": 2},
    "mission_tags": ["un_peacekeeping"],
    "deployment_tags": [{"tag": "nato_troops", "seats": ["fr", "uk"], "assets": ["troops"]}],
}
RED_LINES = {
    "effects": ["tension += 10"],
    "credibility_loss": 10,
    "declared": [
        {
            "id": "rl_nato",
            "seat": "ru",
            "tags": ["nato_troops"],
            "text": "No NATO troops under any flag",
        }
    ],
}


def _game(**overrides: Any) -> Game:
    return game(force=FORCE, red_lines=RED_LINES, **overrides)


def test_red_line_fires_when_tag_comes_into_force() -> None:
    g = _game()
    events = play(g, {"fr": ["fr pledge p1 troops 5000 to coalition"]})
    assert "nato_troops" in g.state.in_force
    assert one(events, EventKind.RED_LINE).payload == RedLineCrossed(
        "ru",
        "rl_nato",
        "No NATO troops under any flag",
        ("nato_troops",),
        10,
        (Change("tension", 50, 60),),
    )
    assert g.state.seats["ru"].credibility == 40
    assert g.state.tracks["tension"] == 60
    assert g.state.red_lines[0].crossed_round == 1
    assert Evaluator(g.state).holds('red_lines_crossed("ru") == 1')


def test_red_line_does_not_fire_again_while_the_tag_stays_in_force() -> None:
    g = _game()
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition"]})
    events = play(g, {})
    assert payloads(events, EventKind.RED_LINE) == []
    assert g.state.seats["ru"].credibility == 40


def test_red_line_fires_again_when_the_tag_returns() -> None:
    g = _game()
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition"]})
    play(g, {"fr": ["fr withdraw p1"]})
    assert "nato_troops" not in g.state.in_force
    events = play(g, {"uk": ["uk pledge p2 troops 1000 to coalition"]})
    assert one(events, EventKind.RED_LINE).ref == "rl_nato"
    assert g.state.red_lines[0].crossed_round == 3
    assert g.state.seats["ru"].credibility == 30


def test_deployment_by_a_non_listed_seat_crosses_nothing() -> None:
    g = _game()
    events = play(g, {"ua": ["ua pledge p1 troops 5000 to coalition"]})
    assert "nato_troops" not in g.state.in_force
    assert payloads(events, EventKind.RED_LINE) == []


def test_red_line_declared_in_play_fires_when_terms_bind() -> None:
    g = _game()
    events = play(g, {}, public=['ru redline rl_dmz "No demilitarised zone" tags=dmz'])
    assert RedLineDeclared("ru", "rl_dmz", "No demilitarised zone", ("dmz",)) in payloads(events)
    events = play(
        g,
        {"ua": ["ua accept t1"], "ru": ["ru accept t1"]},
        public=['un terms t1 "Buffer" tags=dmz'],
    )
    assert one(events, EventKind.RED_LINE).ref == "rl_dmz"


def test_red_line_over_an_adopted_draft() -> None:
    lines = {**RED_LINES, "declared": [{"id": "rl_pk", "seat": "ru", "tags": ["un_peacekeeping"]}]}
    g = game(red_lines=lines)
    events = play(g, {"ru": ["ru vote pk abstain"]}, public=["fr table pk"])
    assert one(events, EventKind.RED_LINE).ref == "rl_pk"
    kinds = [e.kind for e in events]
    assert kinds.index(EventKind.VOTE) < kinds.index(EventKind.RED_LINE)


def test_red_line_declared_over_what_is_in_force_fires_only_when_it_comes_back() -> None:
    g = game(force=FORCE)  # no red line at the start
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition"]})
    assert "nato_troops" in g.state.in_force
    events = play(g, public=['ru redline r1 "Get out" tags=nato_troops'])
    assert payloads(events, EventKind.RED_LINE) == []  # a demand, not yet a crossing
    play(g, {"fr": ["fr withdraw p1"]})
    assert "nato_troops" not in g.state.in_force
    events = play(g, {"fr": ["fr pledge p2 troops 5000 to coalition"]})
    assert len(payloads(events, EventKind.RED_LINE)) == 1


# -- effects belong to the declarer -----------------------------------------------------

PER_SEAT = {
    **RED_LINES,
    "seats": {"ua": {"effects": ["cohesion -= 5"], "credibility_loss": 4}},
}
RELIEF = 'ua redline r_relief "No sanctions relief before withdrawal" tags=sanctions_relief'
TERMS = 'ru terms t1 "Sanctions relief for a ceasefire" tags=sanctions_relief,ceasefire'


def test_a_red_line_crossed_has_its_declarers_effects() -> None:
    g = game(force=FORCE, red_lines=PER_SEAT)
    events = play(
        g,
        {
            "ua": ["ua accept t1"],
            "ru": ["ru accept t1"],
            "fr": ["fr pledge p1 troops 5000 to coalition"],
        },
        public=[RELIEF, TERMS],
    )
    crossed = {e.ref: e.payload for e in events if e.kind is EventKind.RED_LINE}
    # Ukraine's crossed red line weakens the coalition; it does not raise tension as Russia's does.
    relief = crossed["r_relief"]
    assert (relief.seat, relief.tags, relief.credibility_loss, relief.changes) == (
        "ua",
        ("sanctions_relief",),
        4,
        (Change("cohesion", 50, 45),),
    )
    nato = crossed["rl_nato"]
    assert (nato.credibility_loss, nato.changes) == (10, (Change("tension", 50, 60),))
    assert g.state.tracks["tension"] == 60 and g.state.tracks["cohesion"] == 45
    assert g.state.seats["ua"].credibility == 46 and g.state.seats["ru"].credibility == 40
