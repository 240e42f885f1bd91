"""Same games, byte for byte: digests of bot games, to compare two versions of the code.

Run on demand (not part of the test suite), once with each version's Python:

    python tests/benchmarks/game_digests.py OUT.json [SEEDS]
    python tests/benchmarks/game_digests.py --compare A.json B.json

For seeds 0..SEEDS-1 (default 100) it plays, on each shipped scenario, a game
with quick bots at every seat and one with random bots, and for every game
digests its log, its events, its final scores (objectives included), the state
hash after each resolved round, and every seat's view (and the public board's)
at the start of each round and at the end. `--compare` prints the games whose
digests differ and exits non-zero if any does. A speed change to the engine or
the bots must leave every digest as it was.

It prints the counts it checked (games, log lines, events) so an empty run
cannot pass for a real one.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time

from wargame.bots import play_game
from wargame.engine import view_for
from wargame.game import Game
from wargame.scenario_files import load

SCENARIOS = ("flagship", "tutorial", "uniting")
LEVELS = ("quick", "random")


def _digest(game: Game) -> tuple[str, int, int]:
    h = hashlib.sha256()
    for line in game.log:
        h.update(line.encode() + b"\n")
    h.update(b"--events\n")
    for event in game.events:
        h.update(repr(event).encode() + b"\n")
    h.update(b"--scores\n")
    outcome = game.state.outcome
    h.update(repr(outcome).encode() + b"\n")
    h.update(b"--hashes\n")
    for digest in game.round_hashes:
        h.update(digest.encode() + b"\n")
    h.update(b"--views\n")
    states = [start.state for _, start in sorted(game._starts.items())] + [game.state]
    for state in states:
        for seat in (*state.seats, None):
            h.update(repr(view_for(state, seat, game.events)).encode() + b"\n")
    return h.hexdigest(), len(game.log), len(game.events)


def play(seeds: int) -> dict[str, str]:
    out: dict[str, str] = {}
    lines = events = 0
    for name in SCENARIOS:
        scenario = load(name).scenario
        for level in LEVELS:
            levels = {s.id: level for s in scenario.seats}
            for seed in range(seeds):
                digest, n_lines, n_events = _digest(play_game(scenario, seed, levels))
                out[f"{name}/{level}/{seed}"] = digest
                lines += n_lines
                events += n_events
    print(f"{len(out)} games, {lines} log lines, {events} events digested")
    return out


def compare(a_path: str, b_path: str) -> int:
    with open(a_path) as f:
        a = json.load(f)
    with open(b_path) as f:
        b = json.load(f)
    if a.keys() != b.keys():
        print(f"different games: {sorted(a.keys() ^ b.keys())[:10]}")
        return 1
    differ = [k for k in a if a[k] != b[k]]
    for key in differ[:20]:
        print(f"differs: {key}")
    print(f"{len(a)} games compared, {len(differ)} differ")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    if argv[0] == "--compare":
        return compare(argv[1], argv[2])
    seeds = int(argv[1]) if len(argv) > 1 else 100
    start = time.process_time()
    digests = play(seeds)
    with open(argv[0], "w") as f:
        json.dump(digests, f, indent=0, sort_keys=True)
    print(f"{time.process_time() - start:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
