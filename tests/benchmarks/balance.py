"""Balance of a shipped scenario under quick bots (the figures docs/BALANCE.md reports).

Run on demand (not part of the test suite):

    python tests/benchmarks/balance.py [SCENARIO] [GAMES] [PROCESSES] [PASS_GAMES]

Plays GAMES games (seeds 0..GAMES-1) with a `quick` bot at every seat, and for every
seat PASS_GAMES games (default GAMES/10) in which that seat only passes (the others quick), and prints: how
often each ending occurs; per seat the mean and spread of scores, how often it scored
highest (ties shared) and its all-pass mean; how often the seat leading after round 2
tops the game; mean game length. It prints the issue's targets beside the figures.
`wargame simulate` (issue 8) reports the same once it lands.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from wargame.bots import Bot, make_bot, play_bots
from wargame.engine.scoring import scores
from wargame.engine.view import View
from wargame.game import Game
from wargame.scenario_files import load


class _Passer:
    def __init__(self, seat: str) -> None:
        self.seat = seat

    def decide(self, view: View) -> Sequence[str]:
        return []


Result = tuple[str, dict[str, int], dict[str, int], int]
"""(ending, final points by seat, points after round 2 by seat, rounds played)."""


def play(job: tuple[str, int, str | None]) -> Result:
    name, seed, passer = job
    scenario = load(name).scenario
    game = Game.start(scenario, seed)
    bots: dict[str, Bot] = {s: make_bot("quick", scenario, s, seed) for s in game.seats}
    if passer is not None:
        bots[passer] = _Passer(passer)
    play_bots(game, bots, until_round=2)
    early = {s.seat: s.points for s in scores(game.state)}
    play_bots(game, bots)
    outcome = game.state.outcome
    assert outcome is not None
    return outcome.ending, {s.seat: s.points for s in outcome.scores}, early, outcome.round


def _tops(points: dict[str, int]) -> list[str]:
    best = max(points.values())
    return [s for s, p in points.items() if p == best]


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "flagship"
    games = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    scenario = load(name).scenario
    seats = [s.id for s in scenario.seats]
    # GAMES/10 by default, as `wargame simulate`'s default.
    passing = int(sys.argv[4]) if len(sys.argv) > 4 else max(1, games // 10)
    work: list[tuple[str, int, str | None]] = [(name, seed, None) for seed in range(games)]
    work += [(name, seed, seat) for seat in seats for seed in range(passing)]
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(play, work, chunksize=8))
    played, passed = results[:games], results[games:]
    endings = Counter(r[0] for r in played)
    top: Counter[str] = Counter()
    early_wins = 0.0
    for _, final, early, _ in played:
        tops = _tops(final)
        for seat in tops:
            top[seat] += 1 / len(tops)
        leaders = _tops(early)
        # The chance that a seat drawn among the round-2 leaders and one drawn among the
        # final toppers are the same, ties shared on both sides: `wargame simulate`'s
        # `early_leader_top_share` (summary._early_leader_share).
        early_wins += sum(1 for s in leaders if s in tops) / (len(leaders) * len(tops))
    print(f"{name}: {games} games, quick bots at every seat")
    print(f"rounds (mean): {statistics.mean(r[3] for r in played):.2f}")
    print("endings:")
    every = [e.id for e in scenario.endings] + [scenario.default_ending.id]
    for ending in every:
        print(f"  {ending:<22} {endings[ending] / games:6.1%}")
    common = sum(1 for e in every if endings[e] / games >= 0.03)
    print(f"  (target: at least 4 endings at 3% or more: {common})")
    print(f"{'seat':<5} {'mean':>6} {'stdev':>6} {'top':>6} {'pass':>6}")
    for i, seat in enumerate(seats):
        mine = [r[1][seat] for r in played]
        pass_mean = statistics.mean(r[1][seat] for r in passed[i * passing : (i + 1) * passing])
        print(
            f"{seat:<5} {statistics.mean(mine):6.2f} {statistics.pstdev(mine):6.2f} "
            f"{top[seat] / games:6.1%} {pass_mean:6.2f}"
            + ("   <- passing beats the bot" if pass_mean >= statistics.mean(mine) else "")
        )
    print("(target: no seat tops more than 40%; passing scores below the bot)")
    print(f"leader after round 2 tops the game: {early_wins / games:.1%} (target: at most 50%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
