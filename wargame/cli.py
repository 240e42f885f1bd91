"""The `wargame` command line.

    wargame play [SCENARIO]        start a game (default: the flagship scenario)
    wargame play --resume [SAVE]   continue a saved game (default: the newest)
    wargame saves                  list the saves, newest first
    wargame fork SAVE --round N    a what-if game from the start of round N
    wargame report SAVE            the after-action report of a saved game
    wargame handouts SCENARIO      printable seat handouts and a facilitator sheet
    wargame replay SAVE            watch a saved game again, event by event
    wargame validate PATH...       check scenario files, listing every problem
    wargame simulate SCENARIO      play many bot games and summarise them
    wargame scenarios              list the shipped scenarios
    wargame schema                 print the JSON Schema of the scenario format

Every user mistake ends with a clear message and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wargame import __version__
from wargame.catalog import DEFAULT_SCENARIO, find, shipped, shipped_dir
from wargame.debrief.commands import configure_handouts, configure_report
from wargame.problems import ProblemsError, report_lines
from wargame.saves.options import (
    configure_fork,
    configure_replay,
    configure_resume,
    configure_saves,
    default_saves_dir,
)
from wargame.simulate.options import configure_simulate
from wargame.terminal import say

if TYPE_CHECKING:
    from textual.app import App

    from wargame.saves import LoadedSave, SaveSession
    from wargame.scenario.models import Scenario

# The engine, the saves and pydantic are imported by the commands that use
# them, so that `wargame play` draws its first screen without waiting for them
# (docs/DECISIONS.md, "Start-up").


def summary(scenario: Scenario) -> str:
    """A short description of a scenario: title, seats, rounds, council, endings."""
    council = scenario.council.members
    permanent = sum(1 for m in council if m.permanent)
    played = [m.name for m in council if m.seat]
    endings = [e.title for e in scenario.endings] + [f"{scenario.default_ending.title} (default)"]
    lines = [
        f"{scenario.title} ({scenario.id})",
        f"  {scenario.summary}" if scenario.summary else "",
        f"  seats:   {', '.join(s.name for s in scenario.seats)}",
        f"  rounds:  {scenario.rounds}",
        f"  council: {len(council)} members ({permanent} permanent; played: "
        f"{', '.join(played) or 'none'})",
        f"  endings: {'; '.join(endings)}",
    ]
    return "\n".join(line for line in lines if line)


def _validate(paths: Sequence[str]) -> int:
    from wargame.scenario_files import load

    status = 0
    for path in paths:
        try:
            loaded = load(Path(path))
        except ProblemsError as error:
            for line in report_lines(error.problems):
                say(line, err=True)
            status = 1
            continue
        say(f"{path}: ok")
        say(summary(loaded.scenario))
    return status


def _scenarios() -> int:
    from wargame.scenario_files import load

    for path in shipped():
        try:
            scenario = load(path).scenario
        except ProblemsError as error:
            say(f"{path.stem:12} (broken: {error.problems[0].message})")
            continue
        default = " (default)" if path.stem == DEFAULT_SCENARIO else ""
        say(f"{path.stem:12} {scenario.title}{default}: {scenario.summary}")
    return 0


def _play(args: argparse.Namespace) -> int:
    # Start-up allocates much and frees almost nothing: the cyclic garbage collector
    # stays off until the first frame is drawn (the app turns it back on then; so does
    # _exit_status when the app ends), and what was imported by then is frozen out of
    # later collections (docs/DECISIONS.md, "Start-up").
    gc.disable()
    folder: Path = args.dir or default_saves_dir()
    if args.resume is not None:
        if args.scenario:
            say("give either a scenario or --resume, not both", err=True)
            return 2
        from wargame.saves.commands import run_resume

        return run_resume(args, run=_run_resumed)
    try:
        path = find(args.scenario)
        if path.parent.resolve() != shipped_dir().resolve():
            # A file of the user's own: say what is wrong here, before any screen.
            from wargame.scenario_files import load

            load(path)
    except ProblemsError as error:
        for line in report_lines(error.problems):
            say(line, err=True)
        return 1
    from wargame.ui.app import WargameApp  # Textual loads only for the game itself

    return _exit_status(WargameApp(str(path), save_dir=folder))


def _run_resumed(loaded: LoadedSave, session: SaveSession) -> int:
    from wargame.ui.app import WargameApp

    return _exit_status(WargameApp(save_dir=session.path.parent, resumed=(loaded, session)))


def _watch(loaded: LoadedSave, path: Path) -> int:
    from wargame.ui.app import WargameApp
    from wargame.ui.screens.replay import ReplaySource

    source = ReplaySource.of_save(loaded, path)
    return _exit_status(WargameApp(save_dir=path.parent, replay=source))


def _exit_status(app: App[None]) -> int:
    """Run the app; its status: 0 after a quit, 1 after a crash (Textual sets it)."""
    gc.freeze()
    try:
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wargame",
        description="A terminal tabletop wargame: peacekeeping and security guarantees for Ukraine.",
    )
    parser.add_argument("--version", action="version", version=f"wargame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    play = sub.add_parser("play", help="start a game (default scenario: flagship)")
    play.add_argument("scenario", nargs="?", help="a shipped scenario name or a .toml path")
    configure_resume(play)
    configure_saves(sub.add_parser("saves", help="list the saves, newest first"))
    configure_fork(sub.add_parser("fork", help="write a what-if game that starts at a past round"))
    configure_report(sub.add_parser("report", help="write the after-action report of a save"))
    configure_handouts(
        sub.add_parser("handouts", help="write printable seat handouts and a facilitator sheet")
    )
    configure_simulate(
        sub.add_parser("simulate", help="play many bot games of a scenario and summarise them")
    )
    configure_replay(sub.add_parser("replay", help="watch a saved game again, event by event"))
    validate = sub.add_parser("validate", help="check scenario files and list every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_parser("scenarios", help="list the shipped scenarios")
    sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:  # `wargame schema | head`: the reader left; stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit cannot fail again
        return 1


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.paths)
    if args.command == "scenarios":
        return _scenarios()
    if args.command == "schema":
        from wargame.scenario.models import Scenario

        say(json.dumps(Scenario.model_json_schema(), indent=2))
        return 0
    if args.command == "saves":
        from wargame.saves.commands import run_saves

        return run_saves(args)
    if args.command == "fork":
        from wargame.saves.commands import run_fork

        return run_fork(args)
    if args.command == "report":
        from wargame.debrief.commands import run_report

        return run_report(args)
    if args.command == "handouts":
        from wargame.debrief.commands import run_handouts

        return run_handouts(args)
    if args.command == "simulate":
        from wargame.simulate.command import run_simulate

        return run_simulate(args)
    if args.command == "replay":
        from wargame.saves.commands import run_replay

        return run_replay(args, watch=_watch)
    if args.command is None:  # plain `wargame`: play the default scenario
        args = _parser().parse_args(["play"])
    return _play(args)
