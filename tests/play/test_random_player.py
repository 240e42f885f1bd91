"""The random player plays real games: many accepted orders, the same game for a seed."""

from __future__ import annotations

from typing import Any

import pytest

from wargame import game as game_module
from wargame.engine import Phase
from wargame.game import Game
from wargame.play.random_player import RandomPlayer, play_game
from wargame.scenario_files import load


@pytest.fixture(scope="module")
def flagship():  # type: ignore[no-untyped-def]
    return load("flagship").scenario


def test_a_flagship_game_is_busy(flagship) -> None:  # type: ignore[no-untyped-def]
    game, stats = play_game(flagship, 7)
    assert game.state.phase is Phase.ENDED
    assert stats.accepted >= 50
    assert stats.orders >= 40 and stats.public >= 5
    verbs = {line.split()[1] for line in game.log if len(line.split()) > 1}
    assert {"vote", "pledge", "table", "lobby"} <= verbs


def test_the_same_seed_plays_the_same_game(flagship) -> None:  # type: ignore[no-untyped-def]
    first, stats = play_game(flagship, 11)
    again, stats_again = play_game(flagship, 11)
    assert first.log == again.log and stats == stats_again
    assert first.round_hashes == again.round_hashes
    other, _ = play_game(flagship, 12)
    assert other.log != first.log


def test_its_log_replays_to_the_same_game(flagship) -> None:  # type: ignore[no-untyped-def]
    game, _ = play_game(flagship, 3)
    replayed = Game.start(flagship, 3, game.log)
    assert replayed.round_hashes == game.round_hashes


@pytest.mark.parametrize("name", ["tutorial", "uniting"])
def test_it_plays_every_shipped_scenario_to_the_end(name: str) -> None:
    scenario = load(name).scenario
    game = Game.start(scenario, 5)
    stats = RandomPlayer(scenario, 5).play(game)
    assert game.state.phase is Phase.ENDED
    assert stats.rounds >= 1 and stats.accepted >= 10


def test_skipping_the_recheck_at_resolution_changes_nothing(  # type: ignore[no-untyped-def]
    flagship, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The game skips re-checking sealed orders when nothing moved since entry;
    # replaying with every order re-checked must give the very same game.
    game, _ = play_game(flagship, 5)
    real = game_module.resolve_round

    def always_recheck(*args: Any, **kwargs: Any) -> Any:
        kwargs["checked"] = False
        return real(*args, **kwargs)

    monkeypatch.setattr(game_module, "resolve_round", always_recheck)
    again = Game.start(flagship, 5, game.log)
    assert again.events == game.events and again.round_hashes == game.round_hashes
