"""Saves benchmark on real play: load-and-verify a flagship save of 20, 100 and 1,000 rounds.

Run on demand (not part of the test suite; it asserts nothing about time):

    python tests/benchmarks/bench_saves.py

The games are played by the seeded random player (`wargame.play.random_player`)
on the shipped flagship scenario with one change: `rounds = 50` instead of 8
(a scenario allows at most 50 rounds), so a 20-round save is twenty real
rounds of one game. When the game ends (the talks can collapse) or reaches
round 41, the facilitator rewinds to round 1 and play goes on, until the log
holds the wanted number of resolved rounds; the replay does the same work per
round as in one long game. Loading a save is checking its checksum, parsing
it, validating the embedded scenario (the whole flagship source) and replaying
the log through the engine, checking every round's hash; this measures all of
it, from the bytes in memory, and splits the time into its parts. Each figure
is the median of several runs, in CPU time of this process (`time.process_time`);
the machine is shared, so compare, never assert.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime

from wargame.engine import Phase, Rules
from wargame.game import Game
from wargame.play.random_player import PlayStats, RandomPlayer
from wargame.saves import SaveMeta, load_save_bytes, save_bytes
from wargame.saves.load import parse_save
from wargame.scenario_files import load, load_text

NOW = datetime(2025, 11, 27, 20, 0, tzinfo=UTC)
ROUNDS = (20, 100, 1000)


def long_flagship_source() -> str:
    """The shipped flagship's source with `rounds = 50`."""
    source, count = re.subn(r"(?m)^rounds = \d+$", "rounds = 50", load("flagship").source)
    if count != 1:
        sys.exit("bench_saves: the flagship no longer has a `rounds = N` line to change")
    return source


def long_game(rules: Rules, resolutions: int, *, seed: int = 2025) -> Game:
    """A random-player game whose log holds `resolutions` resolved rounds."""
    game = Game.start(rules, seed)
    player = RandomPlayer(rules.scenario, seed)
    stats = PlayStats()
    while stats.rounds < resolutions:
        if game.state.phase is Phase.ENDED or game.state.round > 40:
            game.apply('facilitator rewind 1 "benchmark: play on"')
        player.play_round(game, stats)
    return game


def median_ms(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        samples.append(time.process_time() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    source = long_flagship_source()
    scenario = load_text(source)
    rules = Rules(scenario)
    meta = SaveMeta.new(scenario, source, created=NOW)
    scenario_ms = median_ms(lambda: load_text(source), 15)
    print("Flagship (rounds = 50), random player; load-and-verify from the bytes in memory")
    print(
        f"{'rounds':>6} {'log lines':>9} {'actions':>8} {'size KB':>8} {'save':>7} {'load':>8} "
        f"{'per round':>9}   {'parse':>6} {'scenario':>8} {'replay':>7}"
    )
    for rounds in ROUNDS:
        game = long_game(rules, rounds)
        actions = sum(1 for line in game.log if len(line.split()) > 2 or " pass" in line)
        data = save_bytes(game, meta, updated=NOW)
        runs = 15 if rounds <= 100 else 5
        save_ms = median_ms(lambda: save_bytes(game, meta, updated=NOW), runs)  # noqa: B023
        load_ms = median_ms(lambda: load_save_bytes(data, "bench.toml"), runs)  # noqa: B023
        parse_ms = median_ms(lambda: parse_save(data, "bench.toml"), runs)  # noqa: B023
        replay_ms = median_ms(lambda: Game.start(rules, game.seed, game.log), runs)  # noqa: B023
        print(
            f"{rounds:>6} {len(game.log):>9} {actions:>8} {len(data) / 1024:>8.1f} "
            f"{save_ms:>7.2f} {load_ms:>8.2f} {load_ms / rounds:>9.3f}   {parse_ms:>6.2f} "
            f"{scenario_ms:>8.2f} {replay_ms:>7.2f}"
        )
    print(
        "\nactions: log lines that are actions (not orders/submit/resolve/rewind); "
        "save: save_bytes;\nload: load_save_bytes (everything); parse: checksum + TOML + "
        "model;\nscenario: validating the embedded scenario; replay: Game.start over the log "
        "(engine only)."
    )
    diplomacy_load()


def diplomacy_load() -> None:
    """The optional `diplomacy` package's load of a 40-phase game, for comparison."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from bench_engine import diplomacy_figures

    diplomacy_figures()


if __name__ == "__main__":
    main()
