"""A seat's belief is an engine state built from its view: the game's own state
when nothing is kept private, and the least a seat must hold when it is."""

from __future__ import annotations

import pytest

from wargame.bots import known_to, make_bot, take_turn
from wargame.bots.belief import believed_state
from wargame.engine import Phase, Rules, parse_action, resolve_round, state_hash
from wargame.engine.state import PledgeStatus
from wargame.game import Game, rng_for_round
from wargame.scenario.models import Scenario
from wargame.scenario_files import load


def _random_game_states(scenario: Scenario, seed: int):  # type: ignore[no-untyped-def]
    """Yield the game at every step where a bot decides, playing random bots."""
    game = Game.start(scenario, seed)
    bots = {seat: make_bot("random", scenario, seat, seed) for seat in game.seats}
    while game.state.phase is not Phase.ENDED:
        if game.state.phase is Phase.NEGOTIATION:
            for seat in game.seats:
                yield game
                take_turn(game, seat, bots[seat])
            game.begin_orders()
        for seat in game.seats:
            yield game
            take_turn(game, seat, bots[seat])
        game.resolve()
    yield game


@pytest.mark.parametrize("name", ["flagship", "tutorial", "uniting"])
def test_with_every_holding_public_the_belief_is_the_games_state(name: str) -> None:
    scenario = load(name).scenario
    rules = {s.id: Rules(known_to(scenario, s.id)) for s in scenario.seats}
    checked = 0
    for game in _random_game_states(scenario, 3):
        for seat in game.seats:
            belief = believed_state(game.view_for(seat), rules[seat])
            assert state_hash(belief) == state_hash(game.state), (seat, game.state.round)
            checked += 1
    assert checked > 5 * scenario.rounds


def test_the_belief_resolves_as_the_game_does() -> None:
    # The injects are the facilitator's secret (a belief has none): play without them.
    scenario = known_to(load("flagship").scenario, "un")
    rules = Rules(scenario)
    game = Game.start(scenario, 8)
    game.apply("fr table pko")
    game.begin_orders()
    orders = {
        "fr": ["fr vote pko yes", "fr pledge p1 troops 2000 to coalition"],
        "un": ["un mediate"],
    }
    belief = believed_state(game.view_for("un"), rules)
    for lines in orders.values():
        for line in lines:
            game.apply(line)
    after, _ = resolve_round(
        belief,
        {s: [parse_action(x) for x in orders.get(s, [])] for s in game.seats},
        rng_for_round(8, 1),
    )
    game.play_round({})
    assert state_hash(after) == state_hash(game.state)


def test_private_holdings_are_believed_to_be_what_the_seat_has_committed() -> None:
    scenario = load("flagship").scenario
    seats = [s.model_copy(update={"private_assets": s.id == "fr"}) for s in scenario.seats]
    scenario = scenario.model_copy(update={"seats": seats})
    game = Game.start(scenario, 2)
    game.play_round(
        {"fr": ["fr pledge p1 troops 2000 to coalition", "fr pledge p2 jets 1 to coalition"]}
    )
    assert game.state.pledge("p1").status is PledgeStatus.HONOURED  # type: ignore[union-attr]
    view = game.view_for("uk")
    assert next(s for s in view.seats if s.id == "fr").assets is None
    belief = believed_state(view, Rules(known_to(scenario, "uk")))
    held = belief.seats["fr"].assets
    assert held["troops"] == 2000 and held["jets"] == 1
    assert sum(held.values()) == 2001
    # Its own holdings and the public ones are what the view shows.
    assert belief.seats["uk"] == game.state.seats["uk"]
    assert belief.seats["ru"] == game.state.seats["ru"]
