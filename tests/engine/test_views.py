"""A game's views, built from what it remembers, are the engine's `view_for` of its state."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from tests.engine.support import game
from wargame.bots import make_bot, take_turn
from wargame.engine import GameState, Phase, view_for
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


def test_a_views_objectives_read_late_are_its_states() -> None:
    """Objectives are worked out when first read: read after the game moved on, through
    any way of reading a view, they are those of the view's own state."""
    sc = load("flagship").scenario
    g = Game.start(sc, 3)
    bots = {seat: make_bot("quick", sc, seat, 3) for seat in g.seats}
    unread: list[tuple[View, GameState, str | None]] = []

    def turn(seat: str) -> None:
        for viewer in (seat, None):
            unread.append((g.view_for(viewer), g.state, viewer))
        take_turn(g, seat, bots[seat])

    while g.state.phase is not Phase.ENDED:
        if g.state.phase is Phase.NEGOTIATION:
            for seat in g.seats:
                turn(seat)
            g.begin_orders()
        for seat in g.seats:
            turn(seat)
        g.resolve()
    unread += [(g.view_for(seat), g.state, seat) for seat in (*g.seats, None)]
    assert len({id(state) for _, state, _ in unread}) > 20
    for number, (view, state, seat) in enumerate(unread):
        fresh = view_for(state, seat, view.events)
        match number % 4:  # every way of reading them, the first to ask
            case 0:
                assert view.objectives == fresh.objectives
            case 1:
                assert repr(view) == repr(fresh)
            case 2:
                assert dataclasses.replace(view, round=0).objectives == fresh.objectives
            case _:
                assert pickle.loads(pickle.dumps(view)) == fresh
        assert type(view.objectives) is tuple and view == fresh
    met = [o.met_now for view, _, _ in unread for o in view.objectives]
    assert any(met) and not all(met)
