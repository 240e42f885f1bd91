"""Quick-bot benchmark: whole flagship games with a `quick` bot at every seat.

Run on demand (not part of the test suite; it asserts nothing about time):

    python tests/benchmarks/bench_bots.py [GAMES] [PROCESSES]

Plays GAMES games (seeds 0..GAMES-1) in PROCESSES processes and prints games
per second (wall clock, all processes), decisions per second and the time per
decision (CPU time in the workers), and the orders accepted and resolved per
game. It exits non-zero, loudly, when a game has fewer than 50 accepted orders:
a benchmark of empty games measures nothing. The issue's target: 1,000 games in
10 s with 2 processes.
"""

from __future__ import annotations

import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from wargame.bots import apply_lines, make_bot
from wargame.engine import EventKind, Phase
from wargame.game import Game
from wargame.scenario_files import load

MIN_ORDERS = 50


def play(seeds: range) -> list[tuple[int, int, int, float, int]]:
    """(accepted, resolved, decisions, decision CPU seconds, rounds) for each seed."""
    scenario = load("flagship").scenario
    out = []
    for seed in seeds:
        game = Game.start(scenario, seed)
        bots = {s: make_bot("quick", scenario, s, seed) for s in game.seats}
        accepted = refused = decisions = 0
        thinking = 0.0
        while game.state.phase is not Phase.ENDED:
            for phase in (Phase.NEGOTIATION, Phase.ORDERS):
                if game.state.phase is not phase:
                    continue
                for seat in game.seats:
                    start = time.process_time()
                    lines = bots[seat].decide(game.view_for(seat))
                    thinking += time.process_time() - start
                    decisions += 1
                    turn = apply_lines(game, seat, lines)
                    accepted += len(turn.accepted)
                if phase is Phase.NEGOTIATION:
                    game.begin_orders()
            events = game.resolve()
            refused += sum(1 for e in events if e.kind is EventKind.REFUSED)
        out.append((accepted, accepted - refused, decisions, thinking, game.state.round))
    return out


def main() -> int:
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    chunks = [range(i, games, jobs) for i in range(jobs)]
    start = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        results = [r for part in pool.map(play, chunks) for r in part]
    wall = time.perf_counter() - start
    accepted = [r[0] for r in results]
    decisions = sum(r[2] for r in results)
    thinking = sum(r[3] for r in results)
    print(f"flagship, quick bots at every seat, {games} games, {jobs} processes")
    print(f"games/s (wall): {games / wall:,.1f}   ({wall:.1f} s; target 1,000 games in 10 s)")
    print(
        f"decisions/s (CPU, per process): {decisions / thinking:,.0f}   "
        f"({thinking / decisions * 1000:.2f} ms per decision, "
        f"{thinking / games * 1000:.0f} ms of deciding per game)"
    )
    print(
        f"accepted orders per game (min/median/max): {min(accepted)}/"
        f"{statistics.median(accepted):g}/{max(accepted)}; resolved per game (median): "
        f"{statistics.median(r[1] for r in results):g}; rounds (median): "
        f"{statistics.median(r[4] for r in results):g}"
    )
    if min(accepted) < MIN_ORDERS:
        print(f"FAIL: a game had fewer than {MIN_ORDERS} accepted orders", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
