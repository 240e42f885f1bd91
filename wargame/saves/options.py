"""The command-line options of the saves commands (argparse only: cheap to import)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

SAVES_ENV = "WARGAME_SAVES"
"""Environment variable naming the saves folder (default: `saves` in the current folder)."""


def default_saves_dir() -> Path:
    """The folder saves go to: $WARGAME_SAVES, or `saves/` in the current folder."""
    return Path(os.environ.get(SAVES_ENV) or "saves")


def _dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="the saves folder (default: $WARGAME_SAVES or ./saves)",
    )


def configure_saves(parser: argparse.ArgumentParser) -> None:
    """The arguments of `wargame saves`."""
    _dir_option(parser)


def configure_resume(parser: argparse.ArgumentParser) -> None:
    """The arguments of `wargame play --resume [SAVE]` (SAVE is `resume`'s value)."""
    parser.add_argument(
        "--resume",
        nargs="?",
        const="",
        default=None,
        metavar="SAVE",
        help="continue a saved game (the most recent when none is named)",
    )
    _dir_option(parser)
    _force_option(parser)


def configure_fork(parser: argparse.ArgumentParser) -> None:
    """The arguments of `wargame fork SAVE --round N [-o NEW]`."""
    parser.add_argument("save", metavar="SAVE", help="the save to fork (a path or a file name)")
    parser.add_argument(
        "--round",
        type=_round_number,
        required=True,
        metavar="N",
        help="the what-if game starts at the beginning of this round",
    )
    parser.add_argument(
        "-o", "--output", default=None, metavar="NEW", help="the new save's name or path"
    )
    _dir_option(parser)
    _force_option(parser)


def configure_replay(parser: argparse.ArgumentParser) -> None:
    """The arguments of `wargame replay SAVE`."""
    parser.add_argument("save", metavar="SAVE", help="the save to watch (a path or a file name)")
    _dir_option(parser)
    parser.add_argument(
        "--force",
        action="store_true",
        help=(
            "show a save whose checksum or round hashes do not match, or whose log the rules "
            "refuse part-way (up to the start of the round where the log breaks); the replay "
            "never writes the save"
        ),
    )


def _force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help=(
            "load a save whose checksum or round hashes do not match, or whose log the rules "
            "refuse part-way: up to the start of the round where the log breaks "
            "(recorded in the save)"
        ),
    )


def _round_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a round number (1, 2, ...)")
    return int(text)
