"""A game's views, built from what it remembers, are the engine's `view_for` of its state."""

from __future__ import annotations

import pytest

from tests.engine.support import game
from wargame.bots import make_bot, take_turn
from wargame.engine import Phase, view_for
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
