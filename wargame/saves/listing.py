"""Listing the saves in a folder, newest first, without replaying them.

A listing checks each file's checksum and reads its header (scenario title,
round, seats, last played); a damaged file is listed with the reason, never
skipped in silence and never a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wargame.problems import ProblemsError
from wargame.saves.format import Control, SaveDocument, SaveFork, SaveSeat
from wargame.saves.load import read_save


@dataclass(frozen=True)
class SaveSummary:
    """What `wargame saves` shows about one file."""

    path: Path
    """The save file."""
    updated: datetime
    """Last written (the file's modification time for a damaged file)."""
    title: str = ""
    """The scenario's title."""
    round: int = 0
    """The round the game stands at."""
    phase: str = ""
    """Its phase: negotiation, orders or ended."""
    seats: tuple[SaveSeat, ...] = ()
    """Who plays each seat, in scenario order."""
    fork: SaveFork | None = None
    """Set for a what-if game."""
    problem: str | None = None
    """Why the file cannot be loaded, if it cannot."""
    played: datetime | None = None
    """When the game was last played; None for a what-if game not played yet (a save
    written before saves recorded it counts as played when it was written)."""

    @property
    def when(self) -> datetime:
        """The time a listing shows and sorts by: last played, else last written."""
        return self.played or self.updated

    @property
    def ok(self) -> bool:
        """Whether the file reads as a save (its replay is not checked here)."""
        return self.problem is None

    @classmethod
    def of(cls, path: Path, document: SaveDocument) -> SaveSummary:
        return cls(
            path,
            document.updated,
            document.scenario.title,
            document.game.round,
            document.game.phase.value,
            tuple(document.seats.values()),
            document.fork,
            played=document.played or (document.updated if document.fork is None else None),
        )


def save_files(folder: Path) -> list[Path]:
    """The `*.toml` files of a folder, hidden ones (locks, temps) left out."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    return [
        Path(e.path)
        for e in entries
        if e.name.endswith(".toml") and not e.name.startswith(".") and e.is_file()
    ]


def summarize(path: Path) -> SaveSummary:
    """Read one save's header; a damaged file gives a summary with `problem` set."""
    try:
        return SaveSummary.of(path, read_save(path))
    except ProblemsError as error:
        try:
            mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            mtime = datetime.fromtimestamp(0, UTC)
        return SaveSummary(path, mtime, problem=error.problems[0].message)


def list_saves(folder: Path) -> list[SaveSummary]:
    """Every save in `folder`, newest first by `when` (damaged ones included, with the reason)."""
    summaries = [summarize(path) for path in save_files(folder)]
    return sorted(summaries, key=lambda s: (-s.when.timestamp(), s.path.name))


def newest_save(folder: Path) -> Path | None:
    """The save of the game played most recently that reads correctly, if any.

    Not the newest file: forking a game writes a newer file nobody has played.
    """
    readable = [s for s in list_saves(folder) if s.ok]
    played = [s for s in readable if s.played is not None]
    best = played or readable
    return best[0].path if best else None


def seats_text(seats: tuple[SaveSeat, ...]) -> str:
    """`France (Ann), United Kingdom (bot), ...`."""
    parts = []
    for seat in seats:
        who = seat.player or ("bot" if seat.control is Control.BOT else "")
        if seat.control is Control.BOT and seat.player is None and seat.bot:
            who = f"bot: {seat.bot}"
        parts.append(f"{seat.name} ({who})" if who else seat.name)
    return ", ".join(parts)


def format_listing(summaries: list[SaveSummary], folder: Path) -> str:
    """The text `wargame saves` prints."""
    if not summaries:
        return f"No saves in {folder}/ yet."
    lines = [f"Saves in {folder}/, newest first:", ""]
    for s in summaries:
        when = s.when.astimezone().strftime("%Y-%m-%d %H:%M")
        if s.problem is not None:
            lines.append(f"  {when}  {s.path.name}  (cannot be loaded: {s.problem})")
            continue
        where = "ended" if s.phase == "ended" else f"round {s.round}, {s.phase}"
        fork = f"  [what-if from {s.fork.parent}, round {s.fork.round}]" if s.fork else ""
        lines.append(f"  {when}  {s.path.name}")
        lines.append(f"      {s.title}: {where}{fork}")
        lines.append(f"      seats: {seats_text(s.seats)}")
    return "\n".join(lines)


__all__ = [
    "SaveSummary",
    "format_listing",
    "list_saves",
    "newest_save",
    "save_files",
    "seats_text",
    "summarize",
]
