"""The `strong` bot level: how it scores, time per decision, strong games per second.

Run on demand (not part of the test suite; it asserts nothing about time):

    python tests/benchmarks/bench_strong.py [GAMES] [SCENARIO] [--hogs N] [--seats fr,uk]

1. **Scores.** For each seat of the scenario (the flagship by default), GAMES
   games (seeds 0..GAMES-1) with that seat played by `random`, by `quick` and by
   `strong`, the other seats by `quick` (simulate's default level). It prints the
   seat's mean final score and how often it scored highest (ties shared), and
   the strong seat's lines accepted and refused.
2. **Per decision.** Every strong decision of those games is timed in CPU
   seconds of this process (`time.process_time`: what the decision costs) and on
   the wall clock (what a player waits on this machine, as busy as it is: the
   load average is printed with the figures). `--hogs N` adds N busy processes
   for the run, to measure under a known extra load. A decision's work is bounded
   by counts (`strong.Budget`), never by the clock, so the lines do not depend
   on the load.
3. **Real games.** Each strong game's orders accepted and resolved are counted,
   and every strong game is replayed from its log (`Game.start(scenario, seed,
   log)`) to the same state: the counts are those of a real game. The first
   strong game is played again with new bots and must give the same log (the
   level is deterministic under the game's seed).
4. **Strong games per second**: whole games with strong bots at every seat.

The issue's bound is 1 s per strong decision on these 2-core machines.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from dataclasses import dataclass, field

from wargame.bots import Bot, apply_lines, make_bot
from wargame.engine import EventKind, Phase
from wargame.engine.state import state_hash
from wargame.game import Game
from wargame.scenario.models import Scenario
from wargame.scenario_files import load

OTHERS = "quick"
"""The level at the other seats."""


@dataclass
class Timed:
    """A bot whose decisions are timed."""

    bot: Bot
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    @property
    def seat(self) -> str:
        return self.bot.seat

    def decide(self, view):  # type: ignore[no-untyped-def]
        cpu, wall = time.process_time(), time.perf_counter()
        lines = self.bot.decide(view)
        self.cpu.append(time.process_time() - cpu)
        self.wall.append(time.perf_counter() - wall)
        return lines


@dataclass
class Played:
    """One game, as the benchmark counts it."""

    game: Game
    accepted: int = 0
    """Lines accepted, every seat."""
    resolved: int = 0
    """Sealed orders resolved (accepted orders less those refused at resolution)."""
    seat_lines: int = 0
    """The watched seat's lines."""
    seat_refused: int = 0
    """The watched seat's lines the engine refused."""


def play(scenario: Scenario, seed: int, bots: dict[str, Bot], seat: str) -> Played:
    game = Game.start(scenario, seed)
    out = Played(game)
    while game.state.phase is not Phase.ENDED:
        for phase in (Phase.NEGOTIATION, Phase.ORDERS):
            if game.state.phase is not phase:
                continue
            for s in game.seats:
                turn = apply_lines(game, s, bots[s].decide(game.view_for(s)))
                out.accepted += len(turn.accepted)
                if phase is Phase.ORDERS:
                    out.resolved += len(turn.accepted)
                if s == seat:
                    out.seat_lines += len(turn.accepted) + len(turn.refused)
                    out.seat_refused += len(turn.refused)
            if phase is Phase.NEGOTIATION:
                game.begin_orders()
        events = game.resolve()
        out.resolved -= sum(1 for e in events if e.kind is EventKind.REFUSED)
    return out


def points(game: Game, seat: str) -> tuple[int, float]:
    """The seat's final score and its share of the top."""
    assert game.state.outcome is not None
    scores = {s.seat: s.points for s in game.state.outcome.scores}
    toppers = [s for s, p in scores.items() if p == max(scores.values())]
    return scores[seat], (1 / len(toppers) if seat in toppers else 0.0)


def replays(scenario: Scenario, seed: int, game: Game) -> bool:
    """Whether the game's log, replayed, reaches the very same state."""
    return state_hash(Game.start(scenario, seed, game.log).state) == state_hash(game.state)


def _hog() -> None:
    while True:
        pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("games", nargs="?", type=int, default=5)
    parser.add_argument("scenario", nargs="?", default="flagship")
    parser.add_argument("--hogs", type=int, default=0, help="busy processes added for the run")
    parser.add_argument("--seats", default="", help="seats to score (default: every seat)")
    args = parser.parse_args()
    scenario = load(args.scenario).scenario
    seats = [s.id for s in scenario.seats]
    watched = args.seats.split(",") if args.seats else seats
    hogs = [multiprocessing.Process(target=_hog, daemon=True) for _ in range(args.hogs)]
    for hog in hogs:
        hog.start()
    levels = ["random", "quick", "strong"]
    cpu: list[float] = []
    wall: list[float] = []
    accepted: list[int] = []
    resolved: list[int] = []
    failures: list[str] = []
    load_before = os.getloadavg()[0]
    print(
        f"{args.scenario}: {args.games} games per seat and level, the others {OTHERS};"
        f" {args.hogs} busy processes added; load average {load_before:.1f}"
    )
    print(f"{'seat':<6}" + "".join(f"{lv + ' mean':>13}{lv + ' tops':>12}" for lv in levels))
    strong_lines = strong_refused = 0
    started = time.perf_counter()
    for seat in watched:
        row = f"{seat:<6}"
        for level in levels:
            results = []
            for seed in range(args.games):
                bots: dict[str, Bot] = {s: make_bot(OTHERS, scenario, s, seed) for s in seats}
                timed = Timed(make_bot(level, scenario, seat, seed))
                bots[seat] = timed
                played = play(scenario, seed, bots, seat)
                results.append(points(played.game, seat))
                if level == "strong":
                    cpu += timed.cpu
                    wall += timed.wall
                    accepted.append(played.accepted)
                    resolved.append(played.resolved)
                    strong_lines += played.seat_lines
                    strong_refused += played.seat_refused
                    if not replays(scenario, seed, played.game):
                        failures.append(f"the strong game at {seat}, seed {seed}, does not replay")
            row += f"{statistics.fmean(r[0] for r in results):>13.2f}"
            row += f"{sum(r[1] for r in results) / args.games:>12.0%}"
        print(row, flush=True)
    print(f"strong seat's lines: {strong_lines}, refused {strong_refused}")
    print(
        f"strong games: {len(accepted)}; orders accepted per game (min/median/max)"
        f" {min(accepted)}/{statistics.median(accepted):g}/{max(accepted)};"
        f" resolved per game (median) {statistics.median(resolved):g}; each replayed from its log"
    )
    print(
        f"strong decisions: {len(cpu)}; CPU s mean {statistics.fmean(cpu):.3f}"
        f" max {max(cpu):.3f}; wall s mean {statistics.fmean(wall):.3f} max {max(wall):.3f};"
        f" decisions over 1 s on the wall clock: {sum(w > 1 for w in wall)}"
        f" (load average {load_before:.1f} → {os.getloadavg()[0]:.1f},"
        f" {time.perf_counter() - started:.0f} s)"
    )
    # The same seed gives the same game (new bots, nothing shared with the first run).
    first = {s: make_bot(OTHERS, scenario, s, 0) for s in seats}
    again = {s: make_bot(OTHERS, scenario, s, 0) for s in seats}
    first[watched[0]] = make_bot("strong", scenario, watched[0], 0)
    again[watched[0]] = make_bot("strong", scenario, watched[0], 0)
    if (
        play(scenario, 0, first, watched[0]).game.log
        != play(scenario, 0, again, watched[0]).game.log
    ):
        failures.append("the same seed gave two different strong games")
    whole = max(1, args.games // 5)
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    for seed in range(whole):
        every = {s: make_bot("strong", scenario, s, seed) for s in seats}
        play(scenario, seed, every, seats[0])
    cpu_s, wall_s = time.process_time() - cpu_start, time.perf_counter() - wall_start
    print(
        f"strong bots at every seat: {whole} games, {whole / cpu_s:.3f} games per CPU s"
        f" ({whole / wall_s:.3f} per wall s, {wall_s / whole:.1f} s a game)"
    )
    for hog in hogs:
        hog.terminate()
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
