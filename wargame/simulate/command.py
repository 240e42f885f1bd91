"""`wargame simulate`: play many bot games of a scenario and say what they show.

    wargame simulate SCENARIO [--games N] [--seed S] [--jobs J | --scheduler ADDRESS]
                     [--bots LEVEL | SEAT=LEVEL,...] [--pass-games K]
                     [--json FILE] [--csv FILE] [--save-dir DIR]

Every mistake (a bad scenario, an unknown level or seat, a bad number, an
unwritable file, a missing Dask) ends with one line on stderr and status 1,
before any game is played where it can be told in advance.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path

from wargame.problems import ProblemsError, report_lines
from wargame.scenario.models import Scenario
from wargame.simulate.options import DEFAULT_LEVEL
from wargame.simulate.output import csv_text, json_text
from wargame.simulate.output import report_lines as summary_lines
from wargame.simulate.runner import (
    Advance,
    ClusterUnavailable,
    dask_executor,
    pass_games_default,
    plan,
    process_pool,
    run,
)
from wargame.simulate.summary import summarize
from wargame.simulate.task import PASS_LEVEL, GameResult, remember
from wargame.terminal import say

MOST_JOBS = 256
"""More worker processes than this is refused (a typo, not a plan)."""


class Refusal(Exception):
    """A mistake in the command: its text is the one line to show."""


def run_simulate(args: argparse.Namespace, *, now: Callable[[], datetime] | None = None) -> int:
    """Run `wargame simulate` with parsed options; returns the exit status."""
    from wargame.saves.store import utc_now

    try:
        return _simulate(args, (now or utc_now)())
    except Refusal as refusal:
        say(str(refusal), err=True)
        return 1
    except ProblemsError as error:
        say(_one_line(error, args.scenario), err=True)
        return 1
    except KeyboardInterrupt:
        say("interrupted: nothing written", err=True)
        return 130


def _simulate(args: argparse.Namespace, started: datetime) -> int:
    from wargame.scenario_files import load

    games = _number(args.games, "--games", least=1)
    seed = _number(args.seed, "--seed", least=None)
    jobs = _jobs(args.jobs, args.scheduler)
    loaded = load(args.scenario)
    scenario = loaded.scenario
    levels = bot_levels(args.bots, scenario)
    pass_games = (
        pass_games_default(games)
        if args.pass_games is None
        else min(_number(args.pass_games, "--pass-games", least=0), games)
    )
    pass_seats = [seat for seat, level in levels.items() if level != PASS_LEVEL]
    targets = _save_targets(args.save_dir, scenario, seed, games)
    for path in (args.json, args.csv):
        if path is not None and not path.parent.is_dir():
            raise Refusal(f"{path}: its folder does not exist")
    batches = plan(
        loaded.source,
        loaded.path.name,
        levels,
        seed=seed,
        games=games,
        pass_seats=pass_seats if pass_games else (),
        pass_games=pass_games,
        workers=jobs or 8,
        saved_at=started if targets else None,
    )
    remember(loaded.source, scenario)  # validated once: here, and in forked workers
    total = sum(len(b.games) for b in batches)
    executor = _cluster(args.scheduler) if args.scheduler else process_pool(jobs or 1)
    with executor as pool, _progress(total) as advance:
        results = run(batches, pool, advance)
    played = [r for r in results if r.passing is None]
    passed = [r for r in results if r.passing is not None]
    summary = summarize(scenario, seed, levels, played, passed)
    for line in summary_lines(summary, scenario):
        say(line)
    _write(args.json, json_text(summary))
    _write(args.csv, csv_text(scenario, played))
    if targets:
        _write_saves(targets, played)
        say(f"{len(played)} saves in {args.save_dir}/ (wargame saves --dir {args.save_dir})")
    return 0


def bot_levels(spec: str | None, scenario: Scenario) -> dict[str, str]:
    """Each seat's level from `--bots` (`LEVEL`, `SEAT=LEVEL,...` or both mixed).

    Raises Refusal naming the levels or seats there are.
    """
    from wargame.bots import level_names

    available = level_names()
    seats = [s.id for s in scenario.seats]
    default: str | None = None
    chosen: dict[str, str] = {}
    for item in (spec or "").split(","):
        item = item.strip()
        if not item:
            continue
        seat, _, level = item.rpartition("=")
        if level not in available:
            raise Refusal(
                f"--bots: unknown bot level {level!r}; the levels are {', '.join(available)}"
            )
        if not seat:
            default = level
        elif seat not in seats:
            raise Refusal(
                f"--bots: {seat!r} is not a seat of {scenario.id}; its seats are {', '.join(seats)}"
            )
        else:
            chosen[seat] = level
    rest = [s for s in seats if s not in chosen]
    if rest and default is None:
        if DEFAULT_LEVEL not in available:
            raise Refusal(
                f"the default bot level {DEFAULT_LEVEL!r} is not available in this version; "
                f"choose one with --bots (levels: {', '.join(available)})"
            )
        default = DEFAULT_LEVEL
    return {seat: chosen.get(seat) or str(default) for seat in seats}


def _number(text: str, option: str, *, least: int | None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise Refusal(f"{option}: {text!r} is not a whole number") from None
    if least is not None and value < least:
        raise Refusal(f"{option}: must be at least {least}, not {value}")
    return value


def _jobs(text: str | None, scheduler: str | None) -> int | None:
    if text is None:
        return None if scheduler else _cpus()
    if scheduler:
        raise Refusal("give --jobs or --scheduler, not both (the cluster decides its workers)")
    jobs = _number(text, "--jobs", least=1)
    if jobs > MOST_JOBS:
        raise Refusal(f"--jobs: at most {MOST_JOBS}, not {jobs}")
    return jobs


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _one_line(error: ProblemsError, scenario: str) -> str:
    lines = report_lines(error.problems, limit=1)
    if len(lines) > 1:
        return f"{lines[0]} (and more: wargame validate {scenario})"
    return lines[0]


def _save_targets(folder: Path | None, scenario: Scenario, seed: int, games: int) -> list[Path]:
    if folder is None:
        return []
    if folder.exists() and not folder.is_dir():
        raise Refusal(f"--save-dir: {folder} is not a folder")
    width = len(str(games))
    targets = [folder / f"{scenario.id}-s{seed}-g{i + 1:0{width}}.toml" for i in range(games)]
    taken = next((t for t in targets if t.exists()), None)
    if taken is not None:
        raise Refusal(f"--save-dir: {taken} already exists; choose another folder or seed")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise Refusal(f"--save-dir: cannot make {folder}: {error.strerror or error}") from None
    return targets


def _write(path: Path | None, text: str) -> None:
    if path is None:
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise Refusal(f"cannot write {path}: {error.strerror or error}") from None


def _write_saves(targets: Sequence[Path], games: Sequence[GameResult]) -> None:
    from wargame.saves.store import atomic_write

    for path, game in zip(targets, games, strict=True):
        try:
            atomic_write(path, game.save)
        except OSError as error:
            raise Refusal(f"cannot write {path}: {error.strerror or error}") from None


def _cluster(address: str) -> AbstractContextManager[Executor | None]:
    @contextmanager
    def refusing() -> Iterator[Executor | None]:
        try:
            with dask_executor(address) as executor:
                yield executor
        except ClusterUnavailable as error:
            raise Refusal(str(error)) from None

    return refusing()


@contextmanager
def _progress(total: int) -> Iterator[Advance]:
    """A progress bar on stderr when it is a terminal; nothing when piped."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("games", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("games", total=total)
        yield lambda done: bar.advance(task, done)
