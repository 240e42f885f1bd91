"""Scoring (objectives and the outcome) and what each seat may see."""

from __future__ import annotations

from typing import Any

from tests.engine.builders import scenario
from tests.engine.support import game, one, play
from wargame.engine import EventKind, scores, view_for
from wargame.game import SealedOrders

SEATS: list[dict[str, Any]] = [
    {"id": "fr", "name": "France", "pc": 10, "income": 3, "assets": {"troops": 10000, "jets": 2},
     "briefing": "France's secret brief",
     "objectives": [
         {"id": "mandate", "text": "A UN mandate", "when": "un_mission()", "points": 5},
         {"id": "lead", "text": "Lead the force", "when": 'leads("fr", "coalition")', "points": 3,
          "secret": True},
     ]},
    {"id": "uk", "name": "United Kingdom", "pc": 10, "income": 3,
     "assets": {"troops": 8000, "jets": 4}},
    {"id": "ua", "name": "Ukraine", "pc": 8, "income": 2, "assets": {"troops": 50000},
     "objectives": [
         {"id": "guarantee", "text": "An active guarantee", "when": "guarantees_active() > 0",
          "points": 6},
         {"id": "only_un", "text": "Only a UN mission protects us",
          "when": "un_mission() and guarantees_active() == 0", "points": -4},
     ]},
    {"id": "ru", "name": "Russia", "pc": 10, "income": 3, "assets": {"troops": 90000},
     "private_assets": True, "briefing": "Russia's secret brief",
     "objectives": [
         {"id": "no_nato", "text": "No NATO troops", "when": 'not in_force("nato_troops")',
          "points": 4, "secret": True},
     ]},
    {"id": "un", "name": "UN Secretariat", "pc": 8, "income": 3},
]  # fmt: skip


def _game() -> Any:
    return game(scenario(seats=SEATS))


def _points(state: Any) -> dict[str, int]:
    return {s.seat: s.points for s in scores(state)}


def test_objectives_score_their_points_when_their_conditions_hold() -> None:
    g = _game()
    assert _points(g.state) == {"fr": 0, "uk": 0, "ua": 0, "ru": 4, "un": 0}
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition"]}, public=["fr table pk"])
    assert _points(g.state) == {"fr": 8, "uk": 0, "ua": -4, "ru": 4, "un": 0}
    fr = next(s for s in scores(g.state) if s.seat == "fr")
    assert [(o.id, o.met, o.secret) for o in fr.objectives] == [
        ("mandate", True, False),
        ("lead", True, True),
    ]


def test_outcome_holds_the_ending_and_every_score() -> None:
    g = _game()
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    g.apply('facilitator end frozen "time"')
    outcome = g.state.outcome
    assert outcome is not None and outcome.ending == "frozen" and outcome.round == 2
    assert {s.seat: s.points for s in outcome.scores} == {
        "fr": 0,
        "uk": 0,
        "ua": 0,
        "ru": 4,
        "un": 0,
    }
    assert one(g.events, EventKind.ENDING).ref == "frozen"


def test_view_hides_other_seats_secrets() -> None:
    g = _game()
    play(g, {"uk": ["uk lobby cn pk yes"]}, public=["fr table pk"])
    fr = g.view_for("fr")
    assert fr.briefing == "France's secret brief"
    assert {(o.seat, o.id) for o in fr.objectives} == {
        ("fr", "mandate"),
        ("fr", "lead"),  # its own secret objective
        ("ua", "guarantee"),
        ("ua", "only_un"),
    }  # not Russia's secret one
    seats = {s.id: s for s in fr.seats}
    assert seats["ru"].assets is None  # Russia keeps its assets private
    assert seats["uk"].assets == {"troops": 8000, "jets": 4, "air_defence": 0}
    assert fr.final_scores == ()
    assert all(e.kind is not EventKind.LOBBY for e in fr.events)  # the UK's lobbying

    ru = g.view_for("ru")
    assert ru.briefing == "Russia's secret brief"
    assert ("ru", "no_nato") in {(o.seat, o.id) for o in ru.objectives}
    assert ("fr", "lead") not in {(o.seat, o.id) for o in ru.objectives}
    assert {s.id: s for s in ru.seats}["ru"].assets == {
        "troops": 90000,
        "jets": 0,
        "air_defence": 0,
    }

    uk = g.view_for("uk")
    assert any(e.kind is EventKind.LOBBY for e in uk.events)


def test_public_board_shows_no_secret() -> None:
    g = _game()
    play(g, {"uk": ["uk lobby cn pk yes"]}, public=["fr table pk"])
    board = g.view_for(None)
    assert board.briefing == ""
    assert not any(o.secret for o in board.objectives)
    assert {s.id: s for s in board.seats}["ru"].assets is None
    assert all(e.private_to is None for e in board.events)
    text = repr(board)
    for secret in ("France's secret brief", "Russia's secret brief", "Lead the force", "No NATO"):
        assert secret not in text


def test_everything_is_revealed_once_the_game_ends() -> None:
    g = _game()
    g.apply('facilitator end frozen "debrief"')
    board = g.view_for(None)
    assert {(o.seat, o.id) for o in board.objectives} >= {("fr", "lead"), ("ru", "no_nato")}
    assert {s.id: s for s in board.seats}["ru"].assets is not None
    assert len(board.final_scores) == 5


def test_view_objectives_say_if_the_game_ended_now() -> None:
    g = _game()
    fr = {o.id: o.met_now for o in g.view_for("fr").objectives if o.seat == "fr"}
    assert fr == {"mandate": False, "lead": False}
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition"]}, public=["fr table pk"])
    fr = {o.id: o.met_now for o in view_for(g.state, "fr").objectives if o.seat == "fr"}
    assert fr == {"mandate": True, "lead": True}


def test_sealed_orders_are_not_shown_before_resolution() -> None:
    g = _game()
    g.apply("fr table pk")
    g.apply("orders")
    g.apply("ru vote pk no")
    assert repr(g.sealed["ru"]) == "<sealed: 1 orders>" and str(g.sealed["ru"]) == repr(
        g.sealed["ru"]
    )
    assert "vote" not in repr(g.sealed) and "pk no" not in repr(g)
    for seat in (None, "fr", "uk", "ua", "un"):
        view = g.view_for(seat)
        assert "pk no" not in repr(view)
    assert g.orders_of("ru")[0].text() == "ru vote pk no"
    assert SealedOrders() == SealedOrders(())


def test_view_carries_honoured_pledges_by_target_and_asset() -> None:
    from tests.engine.support import game, play

    g = game()
    play(
        g,
        {
            "fr": ["fr pledge p1 troops 4000 to coalition"],
            "uk": ["uk pledge p2 jets 2 to coalition if fr.pledged.troops >= 9999"],
        },
    )
    force = g.view_for(None).force
    assert force["coalition"]["troops"] == 4000
    assert force["coalition"]["jets"] == 0  # the UK's pledge dropped: its condition failed
    assert force["un_mission"]["troops"] == 0
