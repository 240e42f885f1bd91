"""The shipped scenarios' cards, remembered between runs (the start screen draws sooner).

Reading a card parses its whole TOML file with the hardened reader: about 85 ms
for the three shipped files, a third of a bare Textual app's start-up. A card
is remembered under a digest of its file's bytes, so an edited file is read
again and nothing stale is ever shown; the cache holds the cards of the files
last listed, nothing else.

The cache is a convenience: a cache that cannot be read (missing, damaged,
written by another version, odd values) is ignored and written again; one that
cannot be written is left alone, silently. It only ever shows text on the start
screen, which shows any text inert; a game starts from the file itself,
validated (`wargame.scenario_files.load`).

Where: $WARGAME_CACHE_DIR, else $XDG_CACHE_HOME/wargame, else ~/.cache/wargame
(%LOCALAPPDATA%\\wargame\\cache on Windows).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from wargame.catalog import Card

CACHE_ENV = "WARGAME_CACHE_DIR"
"""Environment variable naming the cache folder (tests point it at a temporary one)."""
FILE_NAME = "cards.json"
VERSION = 1
"""Bumped when `Card` changes: a cache of another version is ignored."""


def cache_dir() -> Path | None:
    """The folder the cache lives in, or None if there is no home to put it in."""
    named = os.environ.get(CACHE_ENV)
    if named:
        return Path(named)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "wargame" / "cache"
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "wargame"
    try:
        return Path.home() / ".cache" / "wargame"
    except RuntimeError:  # no home directory
        return None


def digest(data: bytes) -> str:
    """The key of a file's card: a digest of its bytes."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _card(path: Path, entry: Any) -> Card | None:
    """The card stored in `entry`, if it has exactly the shape a card has."""
    if not isinstance(entry, dict):
        return None
    title, summary, briefing = entry.get("title"), entry.get("summary"), entry.get("briefing")
    rounds, seats = entry.get("rounds"), entry.get("seats")
    if not (isinstance(title, str) and isinstance(summary, str) and isinstance(briefing, str)):
        return None
    if type(rounds) is not int or not isinstance(seats, list):
        return None
    pairs = []
    for seat in seats:
        if not (
            isinstance(seat, list) and len(seat) == 2 and all(isinstance(s, str) for s in seat)
        ):
            return None
        pairs.append((seat[0], seat[1]))
    return Card(path, title, summary, briefing, rounds, tuple(pairs))


def _entry(card: Card) -> dict[str, Any]:
    return {
        "title": card.title,
        "summary": card.summary,
        "briefing": card.briefing,
        "rounds": card.rounds,
        "seats": [list(seat) for seat in card.seats],
    }


class CardCache:
    """The cards of the files last listed, by digest of their bytes."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._stored: dict[str, Any] = {}
        self._used: dict[str, dict[str, Any]] = {}
        self._changed = False
        if folder is None:
            return
        try:
            data = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == VERSION:
            cards = data.get("cards")
            self._stored = cards if isinstance(cards, dict) else {}

    def get(self, path: Path, key: str) -> Card | None:
        """The card remembered for a file whose bytes have this digest, if any."""
        card = _card(path, self._stored.get(key))
        if card is not None:
            self._used[key] = self._stored[key]
        return card

    def put(self, key: str, card: Card) -> None:
        """Remember a card just read."""
        self._used[key] = _entry(card)
        self._changed = True

    def save(self) -> None:
        """Write the cards used this time (only those), if any was new; errors are ignored."""
        if self.folder is None or not (self._changed or self._used.keys() != self._stored.keys()):
            return
        import tempfile  # only when the cache changes

        text = json.dumps({"version": VERSION, "cards": self._used}, ensure_ascii=False)
        temporary: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".cards-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.folder / FILE_NAME)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
