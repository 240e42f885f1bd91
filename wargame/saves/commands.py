"""The functions behind `wargame saves`, `wargame play --resume` and `wargame fork`.

Each `*_command(argv)` parses its own arguments and returns the exit status;
`cli.py` can instead add a subparser, call `configure_*` on it and hand the
parsed namespace to `run_*`. Every user mistake and every bad file ends with a
one-line message on stderr and status 1, never a traceback.

    wargame saves [--dir DIR]
    wargame play --resume [SAVE] [--dir DIR] [--force]
    wargame fork SAVE --round N [-o NEW] [--dir DIR] [--force]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from wargame.engine import Phase
from wargame.game import Game
from wargame.problems import Problem, ProblemsError
from wargame.saves.format import SaveFork, SaveMeta
from wargame.saves.listing import format_listing, list_saves, newest_save
from wargame.saves.load import LoadedSave, load_save
from wargame.saves.options import (
    configure_fork,
    configure_replay,
    configure_resume,
    configure_saves,
)
from wargame.saves.store import (
    Clock,
    SaveInterrupted,
    SaveSession,
    cleanup_temps,
    default_saves_dir,
    utc_now,
)
from wargame.terminal import say

Runner = Callable[[LoadedSave, SaveSession], int]
"""What plays a resumed game (the UI): gets the replayed game and its open session."""
Watcher = Callable[[LoadedSave, Path], int]
"""What shows a replay (the UI): gets the loaded save and its path; never writes it."""


def _parse(
    prog: str, configure: Callable[[argparse.ArgumentParser], None], argv: Sequence[str]
) -> argparse.Namespace | int:
    parser = argparse.ArgumentParser(prog=prog)
    configure(parser)
    try:
        return parser.parse_args(list(argv))
    except SystemExit as exit_:  # --help, or a usage error already printed
        return exit_.code if isinstance(exit_.code, int) else 2


# --- wargame saves ------------------------------------------------------------------------


def saves_command(argv: Sequence[str] = ()) -> int:
    """`wargame saves [--dir DIR]`: list the saves, newest first."""
    args = _parse("wargame saves", configure_saves, argv)
    return args if isinstance(args, int) else run_saves(args)


def run_saves(args: argparse.Namespace) -> int:
    folder = args.dir or default_saves_dir()
    say(format_listing(list_saves(folder), folder))
    return 0


# --- wargame play --resume --------------------------------------------------------------


def resume_command(
    argv: Sequence[str] = (), *, run: Runner | None = None, clock: Clock = utc_now
) -> int:
    """`wargame play --resume [SAVE] [--dir DIR] [--force]`: continue a saved game.

    `run` plays the game (the UI); the default prints where the game stands.
    """
    args = _parse("wargame play", configure_resume, argv)
    if isinstance(args, int):
        return args
    if args.resume is None:
        args.resume = ""
    return run_resume(args, run=run, clock=clock)


def run_resume(
    args: argparse.Namespace, *, run: Runner | None = None, clock: Clock = utc_now
) -> int:
    folder: Path = args.dir or default_saves_dir()
    try:
        if args.resume:
            path = resolve_save(args.resume, folder)
        else:
            cleanup_temps(folder)
            found = newest_save(folder)
            if found is None:
                _say(f"no save to resume in {folder}/; start a game with `wargame play`")
                return 1
            path = found
        loaded = load_save(path, force=args.force, now=clock())
        session = SaveSession.open(path, loaded.meta, clock=clock)
    except ProblemsError as error:  # SaveLocked included
        _problems(error)
        return 1
    with session:
        for warning in loaded.warnings:
            _say(f"warning: {path}: {warning}")
        if session.warning:
            _say(f"warning: {session.warning}")
        if loaded.warnings:  # record the override or the upgrade at once
            failure = session.write(loaded.game)
            if failure:
                _say(failure)
        return (run or describe_resumed)(loaded, session)


def describe_resumed(loaded: LoadedSave, session: SaveSession) -> int:
    """The stand-in runner: say where the resumed game stands, revealing no order."""
    game = loaded.game
    state = game.state
    say(f"Resumed {session.path.name}: {game.scenario.title}")
    if state.phase is Phase.ENDED:
        say("  the game has ended")
    else:
        say(f"  round {state.round} of {game.scenario.rounds}, {state.phase.value} phase")
    if state.phase is Phase.ORDERS:
        done = [s for s in game.seats if s in game.submitted]
        waiting = [s for s in game.seats if s not in game.submitted]
        say(f"  orders submitted (sealed): {', '.join(done) or 'none'}")
        say(f"  still to submit: {', '.join(waiting) or 'none'}")
    say(
        "The game screens are being built (see README.md: Status); the game is saved "
        "and can be resumed from this point."
    )
    return 0


# --- wargame replay -----------------------------------------------------------------------


def run_replay(args: argparse.Namespace, *, watch: Watcher) -> int:
    """`wargame replay SAVE [--dir DIR] [--force]`: load the save read only and watch it.

    Nothing is locked or written: a game being played elsewhere can be watched.
    """
    folder: Path = args.dir or default_saves_dir()
    try:
        path = resolve_save(args.save, folder)
        loaded = load_save(path, force=args.force)
    except ProblemsError as error:
        _problems(error)
        return 1
    for note in loaded.notes:
        _say(f"warning: {path}: {note}")
    for text in loaded.overridden:
        _say(f"warning: {path}: {text}; shown anyway (--force), the save is not changed")
    return watch(loaded, path)


# --- wargame fork -----------------------------------------------------------------------


def fork_command(argv: Sequence[str] = (), *, clock: Clock = utc_now) -> int:
    """`wargame fork SAVE --round N [-o NEW]`: write a what-if game from round N's start."""
    args = _parse("wargame fork", configure_fork, argv)
    return args if isinstance(args, int) else run_fork(args, clock=clock)


def run_fork(args: argparse.Namespace, *, clock: Clock = utc_now) -> int:
    folder: Path = args.dir or default_saves_dir()
    try:
        parent = resolve_save(args.save, folder)
        loaded = load_save(parent, force=args.force, now=clock())
        for warning in loaded.warnings:
            _say(f"warning: {parent}: {warning}")
        target = fork_target(parent, args.round, args.output)
        session, game = open_fork(loaded, parent, args.round, target, clock=clock)
    except ProblemsError as error:
        _problems(error)
        return 1
    except OSError as error:
        _say(f"cannot write the fork: {error.strerror or error}")
        return 1
    with session:
        try:
            failure = session.write(game, played=False)  # nobody has played the fork yet
        except SaveInterrupted as interrupted:
            _say(interrupted.message)
            return 130
    if failure:
        _say(failure)
        return 1
    say(f"Forked {parent.name} at the start of round {args.round}: {target}")
    say(f"Continue it with: wargame play --resume {target}")
    return 0


def open_fork(
    loaded: LoadedSave, parent: Path, round_: int, target: Path, *, clock: Clock = utc_now
) -> tuple[SaveSession, Game]:
    """The what-if game from the start of round `round_` of `parent`, and the (locked,
    not yet written) session that will write it to `target`, which must not exist.

    Raises ProblemsError (the round did not start, the target exists, it is locked)
    or OSError (the folder cannot be made).
    """
    game = fork_game(loaded, round_, str(parent))
    if target.exists():
        raise ProblemsError([Problem(str(target), "already exists; choose another name with -o")])
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = SaveMeta(
        scenario_source=loaded.meta.scenario_source,
        seats=loaded.meta.seats,
        created=clock(),
        fork=SaveFork(parent=parent.name, round=round_),
        pin=loaded.meta.pin,  # the same facilitator guards the what-if game
    )
    return SaveSession.open(target, meta, clock=clock), game


def write_fork(parent: Path, round_: int, target: Path, *, clock: Clock = utc_now) -> Path:
    """`wargame fork` from inside the app: load `parent` (read only), write the fork to
    `target` and return it; every failure is a ProblemsError with one line."""
    loaded = load_save(parent, now=clock())
    try:
        session, game = open_fork(loaded, parent, round_, target, clock=clock)
    except OSError as error:
        raise ProblemsError(
            [Problem(str(target), f"cannot write the fork: {error.strerror or error}")]
        ) from None
    with session:
        failure = session.write(game, played=False)
    if failure:
        raise ProblemsError([Problem(str(target), failure)])
    return target


def fork_game(loaded: LoadedSave, round_: int, label: str = "<save>") -> Game:
    """The game at the beginning of round `round_` of a loaded save (its log cut there)."""
    start = loaded.round_starts.get(round_)
    if start is None:
        state = loaded.game.state
        where = "has ended" if state.phase is Phase.ENDED else f"stands at round {state.round}"
        raise ProblemsError(
            [Problem(label, f"round {round_} has not started in this game (it {where})")]
        )
    game = loaded.game
    return Game.start(game.rules, game.seed, game.log[:start])


def fork_target(parent: Path, round_: int, output: str | None) -> Path:
    """Where a fork is written: `-o` as given (in the parent's folder when a bare name),
    else `<parent>-fork-r<N>.toml` beside the parent."""
    if not output:
        return parent.with_name(f"{parent.stem}-fork-r{round_}.toml")
    target = Path(output)
    if target.suffix != ".toml":
        target = target.with_name(target.name + ".toml")
    if target.parent == Path("."):
        target = parent.parent / target.name
    return target


# --- shared -----------------------------------------------------------------------------


def resolve_save(name: str, folder: Path) -> Path:
    """A save from a path, or from a file name (with or without .toml) in the saves folder."""
    given = Path(name)
    if given.exists():
        return given
    if given.parent == Path("."):
        for candidate in (folder / name, folder / f"{name}.toml"):
            if candidate.exists():
                return candidate
    raise ProblemsError([Problem(name, f"no such save (looked here and in {folder}/)")])


def _say(message: str) -> None:
    say(message, err=True)


def _problems(error: ProblemsError) -> None:
    for problem in error.problems:
        _say(str(problem))


__all__ = [
    "Runner",
    "configure_fork",
    "configure_replay",
    "configure_resume",
    "configure_saves",
    "describe_resumed",
    "fork_command",
    "fork_game",
    "fork_target",
    "open_fork",
    "resolve_save",
    "resume_command",
    "run_fork",
    "run_replay",
    "run_resume",
    "run_saves",
    "saves_command",
    "write_fork",
]
