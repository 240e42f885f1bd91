"""The `strong` bot level: time per decision, strong games per second, and how it scores.

Run on demand (not part of the test suite; it asserts nothing about time):

    python tests/benchmarks/bench_strong.py [GAMES] [SCENARIO]

1. **Per decision.** For each seat of the scenario (the flagship by default),
   GAMES games with a strong bot at that seat and the baseline (`random`) at
   the others. Every strong decision is timed, in CPU seconds of this process
   (`time.process_time`: one core, less skewed by other work on a shared
   machine) and on the wall clock; it prints decisions, mean and max.
2. **Scores.** Over the same seeds, the seat's final score and how often it
   scored highest (ties shared) when played by `strong`, by `random`, and by
   `quick` when that level exists, each against `random` elsewhere; and the
   share of the strong bot's lines the engine refused.
3. **Strong games per second**: whole games with strong bots at every seat.

The issue's bound is 1 s per strong decision on these 2-core machines.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass, field

from wargame.bots import LEVELS, Bot, make_bot, take_turn
from wargame.engine import Phase
from wargame.game import Game
from wargame.scenario.models import Scenario
from wargame.scenario_files import load


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


def play(
    scenario: Scenario, seed: int, bots: dict[str, Bot], seat: str
) -> tuple[int, float, int, int]:
    """(the seat's score, its share of the top, its lines, its refused lines)."""
    game = Game.start(scenario, seed)
    lines = refused = 0
    while game.state.phase is not Phase.ENDED:
        if game.state.phase is Phase.NEGOTIATION:
            turns = [take_turn(game, s, bots[s]) for s in game.seats]
            game.begin_orders()
        else:
            turns = []
        turns += [take_turn(game, s, bots[s]) for s in game.seats]
        game.resolve()
        for t in turns:
            if t.seat == seat:
                lines += len(t.accepted) + len(t.refused)
                refused += len(t.refused)
    assert game.state.outcome is not None
    points = {s.seat: s.points for s in game.state.outcome.scores}
    top = max(points.values())
    toppers = [s for s, p in points.items() if p == top]
    share = 1 / len(toppers) if seat in toppers else 0.0
    return points[seat], share, lines, refused


def main() -> None:
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    name = sys.argv[2] if len(sys.argv) > 2 else "flagship"
    scenario = load(name).scenario
    seats = [s.id for s in scenario.seats]
    levels = ["random", "strong"] + (["quick"] if "quick" in LEVELS else [])
    cpu: list[float] = []
    wall: list[float] = []
    print(f"{name}: {games} games per seat and level, the others random")
    print(
        f"{'seat':<6}"
        + "".join(f"{lv + ' mean':>14}{lv + ' tops':>12}" for lv in levels)
        + "  refused"
    )
    for seat in seats:
        row = f"{seat:<6}"
        refused_share = ""
        for level in levels:
            results = []
            for seed in range(games):
                bots: dict[str, Bot] = {s: make_bot("random", scenario, s, seed) for s in seats}
                timed = Timed(make_bot(level, scenario, seat, seed))
                bots[seat] = timed
                results.append(play(scenario, seed, bots, seat))
                if level == "strong":
                    cpu += timed.cpu
                    wall += timed.wall
            mean = statistics.fmean(r[0] for r in results)
            tops = sum(r[1] for r in results) / games
            row += f"{mean:>14.2f}{tops:>12.0%}"
            if level == "strong":
                lines = sum(r[2] for r in results)
                refused_share = f"{sum(r[3] for r in results)}/{lines}"
        print(row + f"  {refused_share}")
    print(
        f"strong decisions: {len(cpu)}; CPU s mean {statistics.fmean(cpu):.3f} max {max(cpu):.3f};"
        f" wall s mean {statistics.fmean(wall):.3f} max {max(wall):.3f}"
    )
    whole = max(1, games // 5)
    start, started = time.process_time(), time.perf_counter()
    for seed in range(whole):
        bots = {s: make_bot("strong", scenario, s, seed) for s in seats}
        play(scenario, seed, bots, seats[0])
    cpu_s, wall_s = time.process_time() - start, time.perf_counter() - started
    print(
        f"strong bots at every seat: {whole} games, {whole / cpu_s:.3f} games per CPU s"
        f" ({whole / wall_s:.3f} per wall s)"
    )


if __name__ == "__main__":
    main()
