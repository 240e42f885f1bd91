"""A game's views, built from what it remembers, are the engine's `view_for` of its state."""

from __future__ import annotations

import dataclasses

import pytest

from tests.bots.hidden import reachable_strings
from tests.engine.support import game
from wargame.bots import bot_view, make_bot, play_bots, take_turn
from wargame.engine import GameState, Phase, view_for
from wargame.engine.evaluation import Evaluator
from wargame.engine.view import View, Views
from wargame.game import Game
from wargame.scenario_files import load


def _same_as_the_engines(g: Game) -> int:
    """Each viewer's view from the game is `view_for` of its state and events, to the byte."""
    for seat in (*g.seats, None):
        remembered = g.view_for(seat)
        assert remembered == view_for(g.state, seat, g.events)
        assert repr(remembered) == repr(view_for(g.state, seat, g.events))
    return len(g.seats) + 1


def test_a_games_views_are_the_engines_at_every_turn_through_a_rewind() -> None:
    sc = load("flagship").scenario
    g = Game.start(sc, 5)
    bots = {seat: make_bot("quick", sc, seat, 5) for seat in g.seats}
    compared = 0
    for round_ in range(1, 5):
        for seat in g.seats:
            take_turn(g, seat, bots[seat])
            compared += _same_as_the_engines(g)
        g.begin_orders()
        for seat in g.seats:
            take_turn(g, seat, bots[seat])
            compared += _same_as_the_engines(g)
        g.resolve()
        compared += _same_as_the_engines(g)
        if round_ == 2:
            before = len(g.events)
            g.apply('facilitator rewind 2 "again"')  # the events are cut back, then grow
            assert len(g.events) < before
            compared += _same_as_the_engines(g)
    assert g.state.phase is Phase.NEGOTIATION and g.resolved_rounds == 3
    assert compared == 4 * (2 * len(g.seats) + 1) * (len(g.seats) + 1) + len(g.seats) + 1


def _assets(view: View, seat: str) -> dict[str, int] | None:
    return {s.id: s for s in view.seats}[seat].assets


def test_views_of_one_state_share_no_dict() -> None:
    g = game()
    g.apply("fr table pk")
    first, second = g.view_for("fr"), g.view_for("fr")
    assert first == second
    assert first.tracks is not second.tracks and first.force is not second.force
    mine = _assets(first, "fr")
    assert mine is not None and mine is not _assets(second, "fr")
    mine["troops"] = -1  # a screen that scribbles on its view
    first.force["coalition"]["troops"] = -1
    first.tracks["tension"] = -1
    again = g.view_for("fr")
    assert again == second and _assets(again, "fr") == _assets(second, "fr")


def test_views_are_of_one_games_states() -> None:
    views = Views(game().rules)
    with pytest.raises(ValueError, match="another scenario's game"):
        views.view(game().state, None, ())


def test_a_view_is_its_own_object() -> None:
    g = game()
    g.apply("fr table pk")
    first, second = g.view_for("fr"), g.view_for("fr")
    assert first.seats[0] is not second.seats[0]
    first.round = 99  # a screen that scribbles on its view
    first.seats[0].pc = -1
    again = g.view_for("fr")
    assert again == second and again.round == g.state.round
    assert again.seats[0].pc == g.state.seats[again.seats[0].id].pc


def test_a_views_objectives_are_its_states() -> None:
    """Objectives answered for a view are those of its own state, whatever states were
    viewed before (a `_Board` shares the answers of states that read alike)."""
    sc = load("flagship").scenario
    g = Game.start(sc, 3)
    bots = {seat: make_bot("quick", sc, seat, 3) for seat in g.seats}
    viewed: list[tuple[View, GameState, str | None]] = []

    def turn(seat: str) -> None:
        for viewer in (seat, None):
            viewed.append((g.view_for(viewer), g.state, viewer))
        take_turn(g, seat, bots[seat])

    while g.state.phase is not Phase.ENDED:
        if g.state.phase is Phase.NEGOTIATION:
            for seat in g.seats:
                turn(seat)
            g.begin_orders()
        for seat in g.seats:
            turn(seat)
        g.resolve()
    viewed += [(g.view_for(seat), g.state, seat) for seat in (*g.seats, None)]
    assert len({id(state) for _, state, _ in viewed}) > 20
    for view, state, seat in viewed:
        assert view == view_for(state, seat, view.events)
        assert [(o.seat, o.id, o.met_now) for o in view.objectives] == _objectives_of(state, seat)
    met = [o.met_now for view, _, _ in viewed for o in view.objectives]
    assert any(met) and not all(met)


def _objectives_of(state: GameState, seat: str | None) -> list[tuple[str, str, bool]]:
    """(seat, objective, holds) for what `seat` may read in `state`, worked out afresh."""
    evaluator = Evaluator(state)
    ended = state.phase is Phase.ENDED
    return [
        (s.id, ob.id, evaluator.holds(ob.when))
        for s in state.rules.scenario.seats
        for ob in s.objectives
        if not ob.secret or s.id == seat or ended
    ]


def test_a_bots_view_is_the_seats_view_without_its_objectives() -> None:
    sc = load("flagship").scenario
    g = Game.start(sc, 4)
    play_bots(g, {s: make_bot("quick", sc, s, 4) for s in g.seats}, until_round=2)
    for seat in g.seats:
        full, bots = g.view_for(seat), bot_view(g, seat)
        assert full.objectives and bots.objectives == ()
        assert dataclasses.replace(full, objectives=()) == bots


def test_nothing_reachable_from_a_view_holds_another_seats_secret() -> None:
    """Not through any field, nor any object a field holds: a view holds no reference to
    the state, the rules or what views share (a screen or a bot holds only its view)."""
    sc = load("flagship").scenario
    g = Game.start(sc, 5)
    play_bots(g, {s: make_bot("quick", sc, s, 5) for s in g.seats}, until_round=3)
    checked = 0
    for seat in (*g.seats, None):
        secrets = {
            text
            for other in sc.seats
            if other.id != seat
            for text in (other.briefing, *(ob.text for ob in other.objectives if ob.secret))
            if text
        }
        assert secrets
        for view in (g.view_for(seat), g.view_for(seat, objectives=False)):
            assert not secrets & set(reachable_strings(view))
            checked += 1
        assert not secrets & set(reachable_strings(view_for(g.state, seat, g.events)))
    assert checked == 12


def test_a_views_fields_read_back_by_name() -> None:
    """The engine makes a view by position (`Views.view`): each field holds what its name says."""
    sc = load("flagship").scenario
    g = Game.start(sc, 1)
    play_bots(g, {seat: make_bot("quick", sc, seat, 1) for seat in g.seats}, until_round=2)
    state, seat = g.state, g.seats[1]
    view = g.view_for(seat)
    assert (view.viewer, view.round, view.rounds, view.phase) == (seat, 3, sc.rounds, state.phase)
    assert sc.rounds != 3 and view.tracks == state.tracks and view.history is state.history
    assert view.track_changes == {t: (a, b) for t, a, b in state.track_changes} != {}
    assert [(s.id, s.pc) for s in view.seats] == [(s.id, state.seats[s.id].pc) for s in sc.seats]
    assert view.drafts == state.drafts and view.pledges is state.pledges
    assert view.guarantees is state.guarantees and view.terms is state.terms
    assert view.red_lines is state.red_lines and view.mission is state.mission
    assert view.in_force is state.in_force and view.briefing == g.rules.seats[seat].briefing != ""
    assert view.events == tuple(e for e in g.events if e.visible_to(seat))
    assert view.names is g.rules.names and view.outcome is None and view.final_scores == ()
    assert set(view.force) == {"coalition", "un_mission"}
    assert {o.seat for o in view.objectives} == {s.id for s in sc.seats}
