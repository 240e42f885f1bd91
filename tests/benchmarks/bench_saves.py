"""Saves benchmark: load-and-verify time for saves of 5, 20, 100 and 1,000 rounds.

Run on demand (not part of the test suite; it asserts nothing):

    python tests/benchmarks/bench_saves.py

Loading a save is checking its checksum, parsing it, validating the embedded
scenario and replaying the log through the engine, checking every round's
state hash; this measures all of it, from the bytes in memory, and splits the
time into its parts. A scenario allows at most 50 rounds, so the 100- and
1,000-round logs play rounds 1-40 and then have the facilitator rewind to
round 2 and play on, until the log holds that many resolved rounds: the
replay does the same work per round as in a long game. Each figure is the
median of several runs; the machine is shared, so compare, never assert.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.engine.builders import scenario
from wargame.engine import Rules
from wargame.game import Game
from wargame.saves import SaveMeta, load_save_bytes, save_bytes, scenario_source
from wargame.saves.load import parse_save
from wargame.scenario.models import Scenario
from wargame.scenario_files import load_text

NOW = datetime(2025, 11, 27, 20, 0, tzinfo=UTC)
ROUNDS = (5, 20, 100, 1000)


def busy_round(game: Game, n: int) -> None:
    """A round where every seat does something: votes, lobbying, pledges, mediation."""
    if n == 1 or not any(d.status.value == "tabled" for d in game.state.drafts):
        for seat in ("fr", "uk", "ru"):
            if game.why_not(seat, f"{seat} table pk") is None:
                game.apply(f"{seat} table pk")
                break
    tabled = [d.id for d in game.state.drafts if d.status.value == "tabled"]
    orders: dict[str, list[str]] = {s: [] for s in game.seats}
    for seat in ("fr", "uk", "ru"):
        orders[seat] += [f"{seat} vote {d} yes" for d in tabled]
    orders["uk"].append(f"uk lobby dz {tabled[0]} yes" if tabled else "uk pass")
    orders["fr"].append(f"fr pledge b{len(game.log)} troops 10 to coalition if cohesion >= 0")
    orders["un"].append("un mediate")
    orders["ua"].append("ua pass")
    game.play_round({s: [o for o in os if game.why_not(s, o) is None] for s, os in orders.items()})


def long_game(sc: Scenario, resolutions: int, *, cycle: int = 40) -> Game:
    """A game whose log holds `resolutions` resolved rounds (rewinding every `cycle`)."""
    game = Game.start(sc, 2025)
    done = 0
    while done < resolutions:
        if game.state.round > cycle:
            game.apply('facilitator rewind 2 "benchmark: play the middle again"')
        busy_round(game, game.state.round)
        done += 1
    return game


def median_ms(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    print("Load-and-verify (median of runs, ms); from the bytes in memory")
    header = (
        f"{'rounds':>6} {'log lines':>9} {'size KB':>8} {'save':>7} {'load':>8} "
        f"{'per round':>9}   {'parse':>6} {'scenario':>8} {'replay':>7}"
    )
    print(header)
    sc = scenario(rounds=50)
    source = scenario_source(sc)
    meta = SaveMeta.new(sc, source, created=NOW)
    scenario_ms = median_ms(lambda: load_text(source), 15)
    rules = Rules(sc)
    for rounds in ROUNDS:
        game = long_game(sc, rounds)
        data = save_bytes(game, meta, updated=NOW)
        runs = 15 if rounds <= 100 else 5
        save_ms = median_ms(lambda: save_bytes(game, meta, updated=NOW), runs)  # noqa: B023
        load_ms = median_ms(lambda: load_save_bytes(data, "bench.toml"), runs)  # noqa: B023
        parse_ms = median_ms(lambda: parse_save(data, "bench.toml"), runs)  # noqa: B023
        replay_ms = median_ms(lambda: Game.start(rules, game.seed, game.log), runs)  # noqa: B023
        print(
            f"{rounds:>6} {len(game.log):>9} {len(data) / 1024:>8.1f} {save_ms:>7.2f} "
            f"{load_ms:>8.2f} {load_ms / rounds:>9.3f}   {parse_ms:>6.2f} {scenario_ms:>8.2f} "
            f"{replay_ms:>7.2f}"
        )
    print(
        "\nsave: save_bytes; load: load_save_bytes (everything); parse: checksum + TOML + "
        "model;\nscenario: validating the embedded scenario; replay: Game.start over the log "
        "(engine only)."
    )
    try:
        from wargame.scenario_files import load as load_scenario

        flagship = load_scenario("flagship")
    except Exception as error:  # the shipped scenario is optional here
        print(f"\n(flagship scenario not measured: {error})")
        return
    fsc = flagship.scenario
    game = Game.start(fsc, 2025)
    while game.state.phase.value != "ended":
        game.play_round({})
    fmeta = SaveMeta.new(fsc, flagship.source, created=NOW)
    data = save_bytes(game, fmeta, updated=NOW)
    ms = median_ms(lambda: load_save_bytes(data, "flagship.toml"), 15)
    print(
        f"\nflagship ({len(fsc.seats)} seats, {fsc.rounds} rounds, all seats passing, "
        f"{len(flagship.source) / 1024:.0f} KB scenario): {len(data) / 1024:.1f} KB save, "
        f"load-and-verify {ms:.2f} ms"
    )


if __name__ == "__main__":
    main()
