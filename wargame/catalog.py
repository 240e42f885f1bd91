"""The scenarios a start screen lists, read fast: title, summary, briefing, seats.

Listing scenarios must not wait for the full validation (pydantic and the
expression checks cost a few hundred milliseconds at start-up), so a `Card`
is read straight from the TOML with the hardened reader. A card is only for
display: a game starts from `wargame.scenario_files.load`, which validates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.problems import Problem, ProblemsError

if TYPE_CHECKING:
    from wargame.scenario.models import Scenario

DEFAULT_SCENARIO = "flagship"
"""The scenario `wargame play` starts when none is named."""


def shipped_dir() -> Path:
    """The folder of the scenarios that come with wargame.

    In a source checkout (or an editable install) it is the project's
    `scenarios/`; an installed wheel carries a copy as `wargame/_scenarios`.
    """
    package = Path(__file__).resolve().parent  # not importlib.resources: start-up
    packaged = package / "_scenarios"
    if packaged.is_dir():
        return packaged
    return package.parent / "scenarios"


def shipped() -> list[Path]:
    """The shipped scenario files, by name."""
    folder = shipped_dir()
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def find(name_or_path: str | None) -> Path:
    """A scenario file from a shipped name (`flagship`) or a path."""
    name = name_or_path or DEFAULT_SCENARIO
    candidate = Path(name)
    if candidate.suffix == ".toml" or candidate.exists() or "/" in name:
        return candidate
    path = shipped_dir() / f"{name}.toml"
    if not path.exists():
        names = ", ".join(p.stem for p in shipped()) or "none"
        raise ProblemsError(
            [Problem(name, f"no shipped scenario of that name (shipped: {names}); or give a path")]
        )
    return path


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Card:
    """What a list of scenarios shows about one file (not validated)."""

    path: Path
    title: str
    summary: str
    briefing: str
    rounds: int
    seats: tuple[tuple[str, str], ...]
    """(id, name) of each seat, in order."""

    @classmethod
    def of(cls, scenario: Scenario, path: Path) -> Card:
        """The card of a validated scenario."""
        return cls(
            path=path,
            title=scenario.title,
            summary=scenario.summary,
            briefing=scenario.briefing,
            rounds=scenario.rounds,
            seats=tuple((s.id, s.name) for s in scenario.seats),
        )

    @classmethod
    def read(cls, path: Path) -> Card:
        """Read a card (for a shipped file); raises ProblemsError if it is not readable TOML.

        Only shipped scenarios are shown from a card before validation; any other
        file is validated first (`Card.of`). A card still never fails on odd
        data (`seats = 5`): what it cannot read it leaves out.
        """
        from wargame.safe_toml import DEFAULT_LIMITS, read_bounded

        return cls.parse(path, read_bounded(path, str(path), DEFAULT_LIMITS.max_bytes))

    @classmethod
    def parse(cls, path: Path, content: bytes) -> Card:
        """The card of a file's bytes (see `read`); raises ProblemsError if not readable TOML."""
        from wargame.safe_toml import parse_toml  # only when the card is not cached

        data = parse_toml(content, str(path))
        listed = data.get("seats", [])
        seats = tuple(
            (_text(s, "id"), _text(s, "name") or _text(s, "id"))
            for s in (listed if isinstance(listed, list) else [])
            if isinstance(s, dict)
        )
        rounds = data.get("rounds", 0)
        return cls(
            path=path,
            title=_text(data, "title") or path.stem,
            summary=_text(data, "summary"),
            briefing=_text(data, "briefing"),
            rounds=rounds if isinstance(rounds, int) else 0,
            seats=seats,
        )


def shipped_cards() -> list[Card]:
    """Cards of the shipped scenarios that can be read (remembered: `wargame.card_cache`)."""
    from wargame.card_cache import CardCache, cache_dir, digest

    cache = CardCache(cache_dir())
    cards = []
    for path in shipped():
        try:
            content = path.read_bytes()  # a file of ours, shipped with the code
            key = digest(content)
            card = cache.get(path, key)
            if card is None:
                card = Card.parse(path, content)
                cache.put(key, card)
        except (OSError, ProblemsError):
            continue
        cards.append(card)
    cache.save()
    return cards
