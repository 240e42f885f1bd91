"""Engine benchmark on real play: whole games of random, accepted lines, on one core.

Run on demand (not part of the test suite; it asserts nothing about time):

    python tests/benchmarks/bench_engine.py [GAMES]

Every seat of every shipped scenario is played by the seeded random player
(`wargame.play.random_player`): in each phase it draws candidate lines from the
scenario's vocabulary and keeps those the engine accepts, negotiates (drafts,
amendments, guarantee offers, terms, red lines), enters orders for every seat,
submits and resolves, to the end of the game. For each scenario it prints the
orders accepted and resolved per game, orders per second and games per second
(the player's own drawing included: it is what a bot or `wargame simulate`
pays). Times are this process's CPU time (`time.process_time`): one core, and
less skewed by other work on a shared machine than the wall clock. It exits
non-zero, loudly, when a flagship game has fewer than 50
accepted orders: a benchmark of empty games measures nothing.

If the optional `diplomacy` package is installed, its figures are printed
beside ours (random legal orders, and loading a 40-phase game).
"""

from __future__ import annotations

import statistics
import sys
import time

from wargame.engine import Rules
from wargame.game import Game
from wargame.play.random_player import PlayStats, RandomPlayer
from wargame.scenario_files import load

SCENARIOS = ("flagship", "tutorial", "uniting")
MIN_FLAGSHIP_ORDERS = 50


def play_many(name: str, games: int) -> tuple[float, list[PlayStats], int]:
    """CPU seconds taken to play `games` games of the scenario, each game's stats, and
    every line offered to the engine (accepted, refused, and the control lines)."""
    scenario = load(name).scenario
    rules = Rules(scenario)
    played = []
    lines = 0
    start = time.process_time()
    for seed in range(games):
        game = Game.start(rules, seed)
        stats = RandomPlayer(scenario, seed).play(game)
        played.append(stats)
        lines += stats.tried + len(game.log) - stats.accepted
    return time.process_time() - start, played, lines


def _spread(values: list[int]) -> str:
    return f"{min(values)}/{statistics.median(values):g}/{max(values)}"


def diplomacy_figures() -> None:
    """The `diplomacy` package's figures, when it is installed (optional)."""
    try:
        import random

        from diplomacy import Game as DipGame  # type: ignore[import-not-found]
        from diplomacy.utils.export import (  # type: ignore[import-not-found]
            from_saved_game_format,
            to_saved_game_format,
        )
    except ImportError:
        print("\n(diplomacy not installed: `pip install diplomacy` to compare)")
        return
    rng = random.Random(1)
    orders = 0
    phases = 0
    start = time.process_time()
    game = DipGame()
    while not game.is_game_done and phases < 40:
        possible = game.get_all_possible_orders()
        for power in game.powers:
            chosen = [
                rng.choice(possible[loc])
                for loc in game.get_orderable_locations(power)
                if possible[loc]
            ]
            game.set_orders(power, chosen)
            orders += len(chosen)
        game.process()
        phases += 1
    elapsed = time.process_time() - start
    saved = to_saved_game_format(game)
    samples = []
    for _ in range(7):
        t = time.process_time()
        from_saved_game_format(saved)
        samples.append(time.process_time() - t)
    print(
        f"\ndiplomacy (random legal orders, {phases} phases): {orders} orders, "
        f"{orders / elapsed:,.0f} orders/s; load a {phases}-phase game: "
        f"{statistics.median(samples) * 1000:.1f} ms"
    )


def main() -> int:
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    failed = []
    print(f"Real play, random player, {games} games per scenario, one core")
    print(
        f"{'scenario':<9} {'rounds':>6} {'accepted':>12} {'orders':>12} {'resolved':>12} "
        f"{'refused':>8} {'orders/s':>9} {'games/s':>8} {'lines/s':>8}"
    )
    for name in SCENARIOS:
        seconds, played, lines = play_many(name, games)
        accepted = [s.accepted for s in played]
        total = sum(accepted)
        tried = sum(s.tried for s in played)
        print(
            f"{name:<9} {_spread([s.rounds for s in played]):>6} {_spread(accepted):>12} "
            f"{_spread([s.orders for s in played]):>12} "
            f"{_spread([s.resolved for s in played]):>12} "
            f"{(tried - total) / max(1, tried):>8.0%} {total / seconds:>9,.0f} "
            f"{games / seconds:>8,.1f} {lines / seconds:>8,.0f}"
        )
        if name == "flagship":
            failed = [(seed, n) for seed, n in enumerate(accepted) if n < MIN_FLAGSHIP_ORDERS]
    print(
        "\naccepted: public actions + sealed orders the engine accepted per game "
        "(min/median/max);\norders: the sealed ones; resolved: sealed orders carried out "
        "at resolution;\nrefused: share of candidate lines the engine refused at entry; "
        "orders/s: accepted per CPU second;\nlines/s: every line offered to the engine "
        "(accepted, refused, orders/submit/resolve) per CPU second."
    )
    diplomacy_figures()
    if failed:
        print(
            f"\nFAIL: {len(failed)} flagship game(s) had fewer than {MIN_FLAGSHIP_ORDERS} "
            f"accepted orders (seed, accepted): {failed[:10]}; this benchmark is not timing "
            "real play",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
