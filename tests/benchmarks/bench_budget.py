"""Where a quick-bot flagship game's CPU goes, against issue 8's budget of 20 ms a game.

Run on demand (not part of the test suite; it asserts nothing about time):

    python tests/benchmarks/bench_budget.py [GAMES]

Issue 8 asks for 1,000 quick-bot flagship games in 10 s with `--jobs 2` on two
cores: 20 ms of CPU a game, bots and engine together. This splits a game's CPU
between the two, set up as a batch process is (`runner.batch_process`):

1. GAMES games (default 40, seeds 0..GAMES-1) are played with a quick bot at
   every seat; each bot decision is timed (`time.process_time`) and its lines
   are recorded.
2. The same games are played again by scripted bots that hand the engine the
   recorded lines: every view, entered line and resolution of those games and
   nothing else, so this is the engine's share alone. Each replayed log must
   equal the played one (it exits non-zero if not).
3. The quick bot's own parts are timed: setting up a decision (the board, the
   seat's outlook on it), valuing one imagined board (`Outlook.gain`), and each
   kind of candidate it considers, with how many of those it gives.

It prints the accepted actions and resolved sealed orders a game (exit 1 below
50 accepted: a benchmark of empty games measures nothing), then the budget:
what the engine leaves for each of a game's 80 decisions, beside what a
decision costs now.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from wargame.bots import make_bot, quick_board, quick_orders
from wargame.bots.base import Bot
from wargame.bots.turn import play_bots
from wargame.engine.events import EventKind
from wargame.engine.orders import PublicAction, SecretOrder, parse_line
from wargame.engine.view import View
from wargame.game import Game
from wargame.scenario.models import Scenario
from wargame.scenario_files import load
from wargame.simulate.runner import process_pool

Recorded = dict[tuple[int, str], list[Sequence[str]]]
"""(seed, seat) -> the lines of each of that seat's decisions, in order."""

BUDGET_MS = 20.0
"""Issue 8: 1,000 games in 10 s on two cores."""
MIN_ORDERS = 50
KINDS = (
    "_drafts_to_table",
    "_amendments",
    "_uniting_for_peace",
    "_offers",
    "_backing",
    "_terms",
    "_red_lines",
    "_votes",
    "_answers",
    "_pledges",
    "_lobbying",
    "_withdrawals",
    "_arguments",
    "_secretariat",
)
"""The quick bot's kinds of candidate (`quick_orders.Turn`'s methods that list them)."""


class Timed:
    """A bot whose decisions are timed and recorded."""

    def __init__(self, bot: Bot, spent: list[float], lines: list[Sequence[str]]) -> None:
        self.bot = bot
        self.seat = bot.seat
        self.spent = spent
        self.lines = lines

    def decide(self, view: View) -> Sequence[str]:
        start = time.process_time()
        out = self.bot.decide(view)
        self.spent.append(time.process_time() - start)
        self.lines.append(list(out))
        return out


class Scripted:
    """A bot that gives recorded lines, decision by decision."""

    def __init__(self, seat: str, lines: list[Sequence[str]]) -> None:
        self.seat = seat
        self._lines = iter(lines)

    def decide(self, view: View) -> Sequence[str]:
        return next(self._lines)


def counts(game: Game) -> tuple[int, int]:
    """Accepted actions and resolved sealed orders of a game, from its log and events."""
    parsed = [parse_line(line) for line in game.log]
    sealed = sum(isinstance(p, SecretOrder) for p in parsed)
    public = sum(isinstance(p, PublicAction) for p in parsed)
    refused = sum(e.kind is EventKind.REFUSED for e in game.events)
    return public + sealed, sealed - refused


@contextmanager
def timing(
    owner: type, name: str, spent: dict[str, float], calls: dict[str, int]
) -> Iterator[None]:
    """Time every call of `owner.name` into `spent[name]` (seconds) and `calls[name]`."""
    original: Callable[..., object] = getattr(owner, name)

    def timed(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
            calls[name] += 1

    setattr(owner, name, timed)
    try:
        yield
    finally:
        setattr(owner, name, original)


def play(scenario: Scenario, seeds: range) -> tuple[list[Played], list[float], Recorded]:
    """The games played by quick bots (what is checked of them: a game kept whole would
    leave the collector more to walk than a batch process has), each decision's CPU,
    and each seat's lines."""
    games: list[Played] = []
    spent: list[float] = []
    recorded: Recorded = {}
    for seed in seeds:
        game = Game.start(scenario, seed)
        bots = {}
        for seat in game.seats:
            lines: list[Sequence[str]] = []
            recorded[(seed, seat)] = lines
            bots[seat] = Timed(make_bot("quick", scenario, seat, seed), spent, lines)
        games.append(Played.of(play_bots(game, bots)))
    return games, spent, recorded


def replay(scenario: Scenario, seeds: range, recorded: Recorded) -> list[Played]:
    """The same games, the recorded lines handed to the engine by scripted bots."""
    out = []
    for seed in seeds:
        game = Game.start(scenario, seed)
        played = play_bots(game, {s: Scripted(s, recorded[(seed, s)]) for s in game.seats})
        out.append(Played.of(played))
    return out


@dataclass(frozen=True)
class Played:
    """What is checked of a played game: its log and counts."""

    log: tuple[str, ...]
    accepted: int
    resolved: int

    @classmethod
    def of(cls, game: Game) -> Played:
        return cls(tuple(game.log), *counts(game))


def main(argv: list[str]) -> int:
    try:
        n = int(argv[0]) if argv else 40
    except ValueError:
        print("usage: python tests/benchmarks/bench_budget.py [GAMES]", file=sys.stderr)
        return 2
    scenario = load("flagship").scenario
    seeds = range(n)
    status = 0
    with process_pool(1):  # set up as a batch process is
        _, _, warm = play(scenario, range(2))  # tables per scenario, caches
        replay(scenario, range(2), warm)
        start = time.process_time()
        games, spent, recorded = play(scenario, seeds)
        whole = (time.process_time() - start) / n
        start = time.process_time()
        again = replay(scenario, seeds, recorded)
        engine = (time.process_time() - start) / n
        parts: dict[str, float] = defaultdict(float)
        calls: dict[str, int] = defaultdict(int)
        given: dict[str, int] = defaultdict(int)
        with (
            timing(quick_orders.Turn, "__init__", parts, calls),
            timing(quick_board.Outlook, "gain", parts, calls),
        ):
            _kinds(scenario, seeds, parts, calls, given)
    if any(a.log != g.log for a, g in zip(again, games, strict=True)):
        print("!! a replayed game's log differs from the played one")
        status = 1
    accepted = statistics.fmean(g.accepted for g in games)
    resolved = statistics.fmean(g.resolved for g in games)
    decisions = len(spent) / n
    deciding = sum(spent) / n
    print(f"flagship, {n} games, quick bots at every seat (CPU of one process, gc as in a batch)")
    print(
        f"  {accepted:.1f} actions accepted, {resolved:.1f} sealed orders resolved, "
        f"{decisions:.0f} decisions a game"
    )
    if accepted < MIN_ORDERS:
        print(f"  !! fewer than {MIN_ORDERS} accepted actions a game: not a real game")
        status = 1
    print(f"  a whole game:                 {1000 * whole:6.1f} ms")
    print(
        f"  deciding (timed per decision): {1000 * deciding:6.1f} ms ({1e6 * deciding / decisions:.0f} us a decision)"
    )
    print(
        f"  the engine alone (replayed):  {1000 * engine:6.1f} ms (views, entered lines, resolutions)"
    )
    left = BUDGET_MS - 1000 * engine
    print(
        f"  budget {BUDGET_MS:g} ms a game: the engine leaves {left:.1f} ms, "
        f"{1000 * left / decisions:.0f} us for each decision"
    )
    print("  the quick bot's parts (wall clock, timed apart):")
    for name, label in (
        ("__init__", "setting up a decision"),
        ("gain", "valuing one imagined board"),
    ):
        print(
            f"    {label:28s} {1e6 * parts[name] / calls[name]:6.0f} us each, "
            f"{calls[name] / n / decisions:4.1f} a decision"
        )
    print("    kind of candidate            ms a game   given a game")
    for kind in sorted(KINDS, key=lambda k: -parts[k]):
        print(f"    {kind.strip('_'):28s} {1000 * parts[kind] / n:8.2f}   {given[kind] / n:8.2f}")
    return status


def _kinds(
    scenario: Scenario,
    seeds: range,
    parts: dict[str, float],
    calls: dict[str, int],
    given: dict[str, int],
) -> None:
    """Play the games again, timing each kind of candidate and counting those given."""
    kind_of: dict[str, str] = {}
    originals = {name: getattr(quick_orders.Turn, name) for name in KINDS}

    def timed(name: str) -> Callable[..., list[quick_orders.Candidate] | list[str]]:
        original = originals[name]

        def run(self: quick_orders.Turn, *args: object) -> list[quick_orders.Candidate] | list[str]:
            start = time.perf_counter()
            out: list[quick_orders.Candidate] | list[str] = original(self, *args)
            parts[name] += time.perf_counter() - start
            for item in out:
                if isinstance(item, str):  # votes and answers: given as they are
                    given[name] += 1
                else:  # candidates: given if `_pick` picks them
                    kind_of[item.line] = name
            return out

        return run

    pick = quick_orders.Turn._pick

    def picked(
        self: quick_orders.Turn,
        candidates: Iterable[quick_orders.Candidate],
        budget: int,
        most: int,
    ) -> list[str]:
        out = pick(self, candidates, budget, most)
        for line in out:
            given[kind_of[line]] += 1
        return out

    for name in KINDS:
        setattr(quick_orders.Turn, name, timed(name))
    quick_orders.Turn._pick = picked  # type: ignore[method-assign]
    orders = quick_orders.Turn.orders
    try:
        for seed in seeds:
            game = Game.start(scenario, seed)
            bots = {s: make_bot("quick", scenario, s, seed) for s in game.seats}
            play_bots(game, bots)
    finally:
        for name, original in originals.items():
            setattr(quick_orders.Turn, name, original)
        quick_orders.Turn._pick = pick  # type: ignore[method-assign]
        assert quick_orders.Turn.orders is orders


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
