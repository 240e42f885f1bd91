"""Engine benchmark: how long the engine takes to resolve rounds and replay games.

Run on demand (not part of the test suite; it asserts nothing):

    python tests/benchmarks/bench_engine.py

It plays scripted games on the shipped flagship scenario and prints, for each
figure, the median of several runs.
"""

from __future__ import annotations

import statistics
import time

from wargame.engine import Rules
from wargame.game import Game
from wargame.scenario_files import load


def _script(game: Game, round_: int) -> dict[str, list[str]]:
    """Legal, busy orders for every seat: votes, lobbying, pledges."""
    orders: dict[str, list[str]] = {s: [] for s in game.seats}
    tabled = [d.id for d in game.state.drafts if d.status.value == "tabled"]
    for seat in game.seats:
        for draft in tabled:
            line = f"{seat} vote {draft} yes"
            if game.why_not(seat, line) is None:
                orders[seat].append(line)
        pledge = f"{seat} pledge {seat}p{round_} troops 100 to coalition if cohesion >= 0"
        if game.why_not(seat, pledge) is None:
            orders[seat].append(pledge)
    return orders


def play(rules: Rules, seed: int) -> Game:
    game = Game.start(rules, seed)
    while game.state.phase.value != "ended":
        for seat in game.seats:
            for draft in rules.scenario.drafts:
                line = f"{seat} table {draft.id}"
                if game.why_not(seat, line) is None:
                    game.apply(line)
                    break
        game.play_round(_script(game, game.state.round))
    return game


def timed(fn: object, runs: int = 7) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    scenario = load("flagship").scenario
    rules = Rules(scenario)
    game = play(rules, 1)
    rounds = game.state.round
    log = list(game.log)
    full = timed(lambda: play(Rules(scenario), 1))
    replay = timed(lambda: Game.start(Rules(scenario), 1, log))
    print(f"flagship: {rounds} rounds, {len(log)} log lines, {len(game.events)} events")
    print(f"  play with legality checks: {full * 1000:8.1f} ms  ({full / rounds * 1000:.1f} ms/round)")
    print(f"  replay the log:            {replay * 1000:8.1f} ms  ({replay / rounds * 1000:.1f} ms/round)")


if __name__ == "__main__":
    main()
