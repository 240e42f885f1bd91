"""The options of `wargame simulate`, apart from the command so `wargame --help` stays light.

Numbers are taken as text and checked by the command (`run_simulate`), so a
bad one is refused in one line with exit status 1, like every other mistake.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_GAMES = 1000
"""Games in a run when --games is not given (the issue's "default run")."""
DEFAULT_SEED = 1
"""The run's seed when --seed is not given."""
DEFAULT_LEVEL = "quick"
"""The bot level of every seat --bots does not name."""


def configure_simulate(parser: argparse.ArgumentParser) -> None:
    """The options of `wargame simulate` (numbers are checked by `run_simulate`)."""
    parser.add_argument("scenario", metavar="SCENARIO", help="a shipped scenario name or a path")
    parser.add_argument(
        "--games",
        metavar="N",
        default=str(DEFAULT_GAMES),
        help=f"games to play (default {DEFAULT_GAMES})",
    )
    parser.add_argument(
        "--seed",
        metavar="S",
        default=str(DEFAULT_SEED),
        help=f"the run's seed: the same seed gives the same games (default {DEFAULT_SEED})",
    )
    parser.add_argument(
        "--jobs",
        metavar="J",
        default=None,
        help="worker processes (default: one per CPU); the results do not depend on it",
    )
    parser.add_argument(
        "--bots",
        metavar="LEVEL | SEAT=LEVEL,...",
        default=None,
        help=f"the bot level of every seat, or of some seats (the rest: a bare LEVEL in the "
        f"list, else {DEFAULT_LEVEL}); e.g. --bots random or --bots random,ru=pass",
    )
    parser.add_argument(
        "--pass-games",
        metavar="K",
        default=None,
        help="all-pass games per seat, to check that passing does not beat playing "
        "(default: a tenth of --games, at least 1; 0: skip the check)",
    )
    parser.add_argument("--json", metavar="FILE", type=Path, help="write the summary as JSON")
    parser.add_argument("--csv", metavar="FILE", type=Path, help="write one row per game as CSV")
    parser.add_argument(
        "--save-dir",
        metavar="DIR",
        type=Path,
        help="keep every game as an ordinary save in DIR (resume, fork or replay it)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="play the games on a Dask cluster (tcp://host:8786) instead of local processes; "
        "needs pip install 'wargame[cluster]'",
    )
