"""`wargame simulate` benchmark: flagship bot games per second, through the real runner.

Run on demand (not part of the test suite; it asserts nothing about time):

    python tests/benchmarks/bench_simulate.py [GAMES] [LEVEL] [JOBS...]

Plays GAMES (default 1000) flagship games with LEVEL bots at every seat
(default: `quick` when that level exists, else `random`) through the same
plan/run path as the command (no all-pass games, no output files), once for
each JOBS value (default: 1 and 2). It prints wall-clock seconds, games per
second, the CPU time per game (this process and its finished workers: less
skewed by a busy shared machine than the wall clock), the actions accepted
and the sealed orders resolved per game, and the issue's target (1,000
quick-bot games in at most 10 s with 2 jobs) beside them.

It exits non-zero, loudly, when a game has fewer than 50 accepted actions on
average (a benchmark of empty games measures nothing), or when the counts of
the first game differ from those of the same game played again outside the
runner and counted from its parsed log and events (a real game's).

Last it plays the first games (at most 20) again, checks each gives the same
record, and prints the CPU time simulate's record of a game takes: with the
CPU per game of `--jobs 1` and `--jobs 2`, simulate's own share of the time.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time

from wargame.bots import level_names, play_game
from wargame.engine.events import EventKind
from wargame.engine.orders import PublicAction, SecretOrder, parse_line
from wargame.scenario.models import Scenario
from wargame.scenario_files import load
from wargame.simulate.runner import plan, process_pool, run
from wargame.simulate.task import GameResult, remember

MIN_ORDERS = 50
TARGET_SECONDS = 10.0  # issue 8: 1,000 quick-bot flagship games with --jobs 2


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _real_counts(scenario: Scenario, levels: dict[str, str], seed: int) -> tuple[int, int]:
    """Accepted actions and resolved sealed orders of the game with `seed`, from its log."""
    game = play_game(scenario, seed, levels)
    parsed = [parse_line(line) for line in game.log]
    sealed = sum(isinstance(p, SecretOrder) for p in parsed)
    public = sum(isinstance(p, PublicAction) for p in parsed)
    refused = sum(e.kind is EventKind.REFUSED for e in game.events)
    return public + sealed, sealed - refused


def _check(first: GameResult, scenario: Scenario, levels: dict[str, str]) -> bool:
    real = _real_counts(scenario, levels, first.seed)
    if (first.orders, first.resolved) == real:
        print(
            f"  game 1 played again and its log parsed: {real[0]} accepted, {real[1]} resolved: same"
        )
        return True
    print(
        f"  !! game 1 counted {first.orders}/{first.resolved}, its parsed log {real[0]}/{real[1]}"
    )
    return False


def _record_cost(scenario: Scenario, levels: dict[str, str], results: list[GameResult]) -> float:
    """CPU seconds per game that simulate adds to a game in its process: the record the
    summary reads (`task.record`), timed on the first games (at most 20) played again."""
    from wargame.engine import Rules
    from wargame.game import Game
    from wargame.simulate.task import GameSpec, record

    rules = Rules(scenario)
    sample = results[:20]
    spent = 0.0
    for r in sample:
        game = play_game(scenario, r.seed, levels, game=Game.start(rules, r.seed))
        start = time.process_time()
        again = record(game, GameSpec(r.index, r.seed))
        spent += time.process_time() - start
        assert again == r, "a game played again gave another record"
    return spent / len(sample)


USAGE = "usage: python tests/benchmarks/bench_simulate.py [GAMES] [LEVEL] [JOBS...]"


def _arguments(argv: list[str]) -> tuple[int, str, list[int]] | str:
    """(games, level, jobs values) from the command line, or why they are refused."""
    levels = level_names()
    try:
        games = int(argv[0]) if argv else 1000
        jobs_list = [int(j) for j in argv[2:]] or [1, 2]
    except ValueError:
        return "GAMES and JOBS are whole numbers"
    level = argv[1] if len(argv) > 1 else ("quick" if "quick" in levels else "random")
    if games < 1 or any(j < 1 for j in jobs_list):
        return "GAMES and JOBS are at least 1"
    if level not in levels:
        return f"unknown level {level!r}: choose one of {', '.join(levels)}"
    return games, level, jobs_list


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(f"{USAGE}\n\n{__doc__}")
        return 0
    parsed = _arguments(argv)
    if isinstance(parsed, str):
        print(f"{USAGE}\nbench_simulate: {parsed}", file=sys.stderr)
        return 2
    games, level, jobs_list = parsed
    loaded = load("flagship")
    remember(loaded.source, loaded.scenario)  # as the command does
    levels = {s.id: level for s in loaded.scenario.seats}
    print(f"flagship, {games} games, {level} bots at every seat")
    status = 0
    for jobs in jobs_list:
        batches = plan(loaded.source, loaded.path.name, levels, seed=1, games=games, workers=jobs)
        start, cpu = time.perf_counter(), _cpu()
        with process_pool(jobs) as pool:
            results = run(batches, pool)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
        orders = statistics.fmean(r.orders for r in results)
        resolved = statistics.fmean(r.resolved for r in results)
        scaled = seconds * 1000 / games
        print(
            f"  --jobs {jobs}: {seconds:6.2f} s  {games / seconds:7.1f} games/s  "
            f"{orders:6.1f} actions accepted, {resolved:5.1f} sealed orders resolved per game"
        )
        print(
            f"            1,000 games: {scaled:5.1f} s (target with --jobs 2 and quick bots: "
            f"<= {TARGET_SECONDS:g} s); CPU {cpu:6.2f} s, {1000 * cpu / games:5.1f} ms per game: "
            f"on {jobs} idle core(s), 1,000 games would take about {cpu * 1000 / games / jobs:5.1f} s"
        )
        if orders < MIN_ORDERS:
            print(f"  !! fewer than {MIN_ORDERS} accepted actions per game: not a real game")
            status = 1
    if not _check(results[0], loaded.scenario, levels):
        status = 1
    cost = _record_cost(loaded.scenario, levels, results)
    print(
        f"  simulate's record of a game (task.record): {1000 * cost:5.2f} ms CPU per game; the "
        "rest is the bots and the engine, and with --jobs the pool (compare the CPU per game)"
    )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
