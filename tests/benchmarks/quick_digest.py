"""Quick-bot behaviour digest: the check that speeding the quick bot changes no decision.

Run on demand (not part of the test suite), with any checkout's python:

    python tests/benchmarks/quick_digest.py OUT.json [SEEDS] [SCENARIO.toml ...]

Plays quick-bot games (a quick bot at every seat) for seeds 0..SEEDS-1
(default 100) of each scenario (default: the three shipped ones, read from the
checkout the python imports) and writes, per scenario and seed, a SHA-256 of
everything the bots decided (every line of every decision, refused ones too),
the game's log, its round hashes, its ending and every seat's final score.
It prints one digest per scenario and the CPU time per game.

    python tests/benchmarks/quick_digest.py --compare A.json B.json

compares two such files and names the first games that differ (exit 1 if any).
Give both runs the same scenario files (copy them aside) when comparing two
checkouts whose scenarios may differ.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from wargame.bots import Bot, make_bot, play_bots
from wargame.engine.view import View
from wargame.game import Game
from wargame.scenario.models import Scenario
from wargame.scenario_files import load, shipped


class _Recorded:
    """A bot whose every decision is written to a hash."""

    def __init__(self, bot: Bot, seat: str, sink: hashlib._Hash) -> None:
        self._bot = bot
        self.seat = seat
        self._sink = sink

    def decide(self, view: View) -> Sequence[str]:
        lines = self._bot.decide(view)
        self._sink.update(f"{self.seat}@{view.round}/{view.phase}:".encode())
        for line in lines:
            self._sink.update(line.encode() + b"\n")
        return lines


def game_digest(scenario: Scenario, seed: int) -> str:
    sink = hashlib.sha256()
    game = Game.start(scenario, seed)
    bots = {s: _Recorded(make_bot("quick", scenario, s, seed), s, sink) for s in game.seats}
    play_bots(game, bots)
    for line in game.log:
        sink.update(b"log:" + line.encode() + b"\n")
    for h in game.round_hashes:
        sink.update(b"hash:" + h.encode() + b"\n")
    outcome = game.state.outcome
    assert outcome is not None
    sink.update(f"end:{outcome.ending}:{outcome.round}".encode())
    for score in outcome.scores:
        sink.update(f"score:{score.seat}={score.points}".encode())
        for r in score.objectives:
            sink.update(f"{r.id}:{r.met}".encode())
    return sink.hexdigest()


def _compare(a: Path, b: Path) -> int:
    left, right = json.loads(a.read_text()), json.loads(b.read_text())
    status = 0
    for name in sorted(set(left) | set(right)):
        games_a, games_b = left.get(name, {}), right.get(name, {})
        differ = [s for s in games_a if games_a.get(s) != games_b.get(s)]
        missing = sorted(set(games_b) - set(games_a))
        if differ or missing:
            status = 1
            print(
                f"{name}: {len(differ)} games differ (seeds {differ[:10]}), {len(missing)} missing"
            )
        else:
            print(f"{name}: {len(games_a)} games identical")
    return status


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--compare":
        return _compare(Path(argv[1]), Path(argv[2]))
    out = Path(argv[0])
    seeds = int(argv[1]) if len(argv) > 1 else 100
    paths = [Path(p) for p in argv[2:]] or shipped()
    result: dict[str, dict[str, str]] = {}
    for path in paths:
        scenario = load(path).scenario
        start = time.process_time()
        games = {str(seed): game_digest(scenario, seed) for seed in range(seeds)}
        spent = time.process_time() - start
        whole = hashlib.sha256("".join(games.values()).encode()).hexdigest()[:16]
        print(
            f"{path.name}: {seeds} games, digest {whole}, {1000 * spent / seeds:6.1f} ms CPU a game"
        )
        result[path.name] = games
    out.write_text(json.dumps(result, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
