"""The `quick` level plays whole games, all of its seat's game, better than passing."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import pytest

from wargame.bots import Bot, make_bot, play_bots, play_game
from wargame.engine import Phase
from wargame.engine.grammar import VERBS, Nature
from wargame.engine.view import View
from wargame.game import Game
from wargame.scenario.models import Scenario
from wargame.scenario_files import load

SHIPPED = ("flagship", "tutorial", "uniting")


@pytest.fixture(scope="module")
def flagship() -> Scenario:
    return load("flagship").scenario


@pytest.fixture(scope="module")
def flagship_games(flagship: Scenario) -> list[Game]:
    levels = {s.id: "quick" for s in flagship.seats}
    return [play_game(flagship, seed, levels) for seed in range(14)]


def _quick(scenario: Scenario) -> dict[str, str]:
    return {s.id: "quick" for s in scenario.seats}


@pytest.mark.parametrize("name", SHIPPED)
def test_quick_bots_play_every_shipped_scenario_to_an_ending(name: str) -> None:
    scenario = load(name).scenario
    for seed in (1, 2):
        game = play_game(scenario, seed, _quick(scenario))
        assert game.state.phase is Phase.ENDED and game.state.outcome is not None
        seats = {s.id for s in scenario.seats}
        orders = [line for line in game.log if line.split()[0] in seats]
        # Every seat gives lines every round (a vote, an order or at least a pass).
        assert len(orders) >= len(seats) * game.state.round


def test_quick_bots_use_every_kind_of_order(flagship_games: list[Game]) -> None:
    # The flagship games, and the Uniting for Peace scenario, whose vetoes are what
    # a motion to the Assembly needs (the flagship's quick Russia rarely vetoes twice).
    uniting = load("uniting").scenario
    games = flagship_games + [play_game(uniting, seed, _quick(uniting)) for seed in range(4)]
    used: set[str] = set()
    conditional = 0
    for game in games:
        seats = set(game.seats)
        for line in game.log:
            words = line.split()
            if words[0] in seats and len(words) > 1:
                used.add(words[1])
                conditional += words[1] == "pledge" and " if " in line
    seat_verbs = {v.word for v in VERBS if v.nature in (Nature.PUBLIC, Nature.SECRET)}
    assert seat_verbs, "the grammar lists the seats' verbs"
    assert seat_verbs - used == set(), f"never used: {sorted(seat_verbs - used)}"
    assert conditional > 0


def test_quick_bots_are_real_players(flagship_games: list[Game]) -> None:
    # Real games: many orders accepted (how the games end is docs/BALANCE.md's business).
    for game in flagship_games:
        seats = set(game.seats)
        accepted = [line for line in game.log if line.split()[0] in seats]
        assert len(accepted) >= 50


class _Passer:
    def __init__(self, seat: str) -> None:
        self.seat = seat

    def decide(self, view: View) -> Sequence[str]:
        return []


def _score(scenario: Scenario, seed: int, seat: str, passing: bool) -> int:
    game = Game.start(scenario, seed)
    bots: dict[str, Bot] = {s: make_bot("quick", scenario, s, seed) for s in game.seats}
    if passing:
        bots[seat] = _Passer(seat)
    play_bots(game, bots)
    assert game.state.outcome is not None
    return next(x.points for x in game.state.outcome.scores if x.seat == seat)


def test_a_quick_bot_beats_passing_at_every_seat(
    flagship: Scenario, flagship_games: list[Game]
) -> None:
    seeds = range(6)
    for seat in (s.id for s in flagship.seats):
        played = [
            next(x.points for x in g.state.outcome.scores if x.seat == seat)
            for g in flagship_games[:6]
            if g.state.outcome
        ]
        passed = [_score(flagship, seed, seat, passing=True) for seed in seeds]
        assert statistics.mean(played) > statistics.mean(passed), seat


def test_quick_bots_play_the_same_game_for_a_seed_and_on_after_a_resume(
    flagship: Scenario, flagship_games: list[Game]
) -> None:
    levels = _quick(flagship)
    whole = flagship_games[3]
    assert play_game(flagship, 3, levels).log == whole.log
    assert flagship_games[4].log != whole.log
    resolves = [i for i, line in enumerate(whole.log) if line == "resolve"]
    for cut in (resolves[1] + 3, resolves[3] + 1):
        resumed = Game.start(flagship, 3, whole.log[:cut])
        assert play_game(flagship, 3, levels, game=resumed).log == whole.log
