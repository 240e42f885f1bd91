"""The save document: setup + seed + the ordered log, as readable, byte-stable TOML.

A save is what a facilitator could replay by hand: the scenario it was played
with (its source text, embedded), the seed, the seats, and every accepted log
line in order, plus the state hash after each round so that loading can prove
the replay reproduces the game. Nothing here reads a clock or a file: the
timestamps come in as arguments, so the same game always gives the same bytes
apart from them.

Layout, in file order (docs/DECISIONS.md, "Saves", has a full example)::

    # wargame save: ...            a fixed comment header
    format = 2                     the save format version
    kind = "wargame-save"          tells a save from a scenario or other TOML
    app_version, created, updated, played
    overrides = [...]              only if a check was ever overridden (--force)
    [game]   seed, round, phase, rules, round_hashes = [...], log = [...]
    [seats.fr] name, control (human/bot), player, bot     one table per seat
    [fork]   parent, round         only for a what-if game
    [pin]    scheme, salt, hash    only if the facilitator set a PIN (a salted hash)
    [scenario] id, title, sha256, source = '''...'''
    [end]
    checksum = "sha256:<hex>"      sha256 of every byte above this line

The checksum is the last line so that a save cut short anywhere has lost it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_serializer

from wargame import __version__
from wargame.engine import RULES_VERSION, Phase
from wargame.game import Game
from wargame.scenario.models import Scenario

FORMAT = 2
"""The save format this version writes and reads (older ones are migrated).

Format 2 (from format 1): the round hashes cover the game's seed, and `[game] rules` names
the rules version they were computed under."""
KIND = "wargame-save"
"""The value of `kind` in every save: a scenario or another TOML file lacks it."""
HEADER = (
    "# wargame save: the scenario, the seed and every accepted action in order.\n"
    "# Loading replays the log and checks the state hash after each round.\n"
    "# The last line is a checksum of every byte above it: a save edited by hand\n"
    "# loads only with --force, and the override is recorded in the save.\n"
    "\n"
)
"""The comment at the top of every save (fixed text, so saves stay byte-stable)."""

_CHECKSUM_LINE = re.compile(rb'checksum = "sha256:([0-9a-f]{64})"\r?\n?')
_HASH = r"^[0-9a-f]{16}$"
_SHA256 = r"^[0-9a-f]{64}$"
# What a TOML multi-line literal string ('''...''') cannot hold verbatim.
_NOT_LITERAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|'''")


class Control(StrEnum):
    """Who plays a seat."""

    HUMAN = "human"
    """A person at the keyboard."""
    BOT = "bot"
    """A computer player."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


def _timestamp(value: datetime) -> str:
    """UTC, to the second, with a Z: the one form saves use."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SaveSeat(_Model):
    """Who plays one seat (the seat's id is its key: `[seats.fr]`)."""

    name: Annotated[str, Field(max_length=200)]
    """The seat's name as the scenario gives it (`France`)."""
    control: Control = Control.HUMAN
    """Who plays it: `human` or `bot`."""
    player: Annotated[str, Field(max_length=200)] | None = None
    """The person playing it, when the table gave a name."""
    bot: Annotated[str, Field(max_length=64)] | None = None
    """For a bot seat: which bot plays it."""


class SaveGame(_Model):
    """The game itself: the seed and the ordered log, with the hashes that check them."""

    seed: Annotated[StrictInt, Field(ge=-(1 << 63), le=(1 << 63) - 1)]
    """The seed of the game's random draws (same seed + same log = same game)."""
    round: Annotated[StrictInt, Field(ge=1)]
    """The round the game stands at (for listings; the replay must agree)."""
    phase: Phase
    """The phase the game stands at: `negotiation`, `orders` or `ended`."""
    rules: Annotated[StrictInt, Field(ge=1)]
    """The version of the rules (`wargame.engine.RULES_VERSION`) the round hashes were
    computed under. A save from older rules is replayed under today's rules and its hashes
    recomputed (the load says so); one from newer rules is refused."""
    round_hashes: tuple[Annotated[str, Field(pattern=_HASH)], ...] = ()
    """The state hash after each resolved round (entry n is round n), as the game stands;
    it covers the seed, so an edited seed is caught at the first round."""
    log: tuple[str, ...] = ()
    """Every accepted action and control line, in order, in its one-line text form."""


class SaveFork(_Model):
    """Where a what-if game came from."""

    parent: Annotated[str, Field(min_length=1, max_length=1000)]
    """The file name of the save it was forked from."""
    round: Annotated[StrictInt, Field(ge=1)]
    """It starts at the beginning of this round of the parent game."""


class SavePin(_Model):
    """The facilitator's PIN as a salted hash (`wargame.saves.pin`); the PIN itself is
    never written. It guards the facilitator's desk and the replay's omniscient view."""

    scheme: Literal["scrypt"] = "scrypt"
    """How the PIN was hashed: `scrypt` (hashlib.scrypt with n=16384, r=8, p=1)."""
    salt: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    """16 random bytes, in hex, drawn when the PIN was set."""
    hash: Annotated[str, Field(pattern=_SHA256)]
    """scrypt of the PIN with the salt: 32 bytes, in hex."""


class SaveScenario(_Model):
    """The scenario the game is played with, embedded so the save stands alone."""

    id: str
    """The scenario's id."""
    title: str
    """The scenario's title (for listings)."""
    sha256: Annotated[str, Field(pattern=_SHA256)]
    """sha256 of `source` (UTF-8, newlines as LF): tells which version of a scenario this is."""
    source: str
    """The scenario's TOML source text, verbatim (CRLF newlines stored as LF)."""


class SaveDocument(_Model):
    """A save file, as read from TOML (the checksum line is checked on the bytes)."""

    format: Annotated[StrictInt, Field(ge=0)]
    """The save format version (this program writes `FORMAT`, 2)."""
    kind: Literal["wargame-save"]
    """Always `wargame-save`: marks the file as a save."""
    app_version: Annotated[str, Field(max_length=64)]
    """The wargame version that wrote the file."""
    created: datetime
    """When the game was started (UTC)."""
    updated: datetime
    """When the file was last written (UTC)."""
    played: datetime | None = None
    """When the game was last played (UTC): set by every write of a game being played (a new
    game, an accepted action, a resume); absent for a what-if game nobody has played yet.
    `wargame play --resume` without a name continues the game played last."""
    overrides: tuple[Annotated[str, Field(max_length=2000)], ...] = ()
    """Checks overridden with --force, oldest first: `<UTC time> <what did not check out>`."""
    game: SaveGame
    """Seed, position and the log."""
    seats: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")], SaveSeat]
    """Who plays each seat, by seat id, in scenario order (`[seats.fr]`)."""
    fork: SaveFork | None = None
    """For a what-if game: the save and round it was forked from."""
    pin: SavePin | None = None
    """The facilitator's PIN (a salted hash), if one was set when the game started;
    absent from saves without one (and from every save older than the PIN)."""
    scenario: SaveScenario
    """The embedded scenario."""

    @field_serializer("created", "updated", "played")
    def _times(self, value: datetime | None) -> str | None:
        return None if value is None else _timestamp(value)


@dataclass(frozen=True)
class SaveMeta:
    """Everything a save holds besides the game itself (which the UI keeps)."""

    scenario_source: str
    """The scenario's source text, as embedded."""
    seats: dict[str, SaveSeat]
    """Who plays each seat, by seat id, in scenario order."""
    created: datetime
    """When the game was started."""
    fork: SaveFork | None = None
    """Set for a what-if game."""
    overrides: tuple[str, ...] = field(default=())
    """Checks overridden with --force: `<UTC time> <what>` (see `override_entry`)."""
    played: datetime | None = None
    """When the game was last played (None: a what-if game not played yet)."""
    pin: SavePin | None = None
    """The facilitator's PIN as a salted hash (None: no PIN)."""

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        source: str,
        *,
        created: datetime,
        seats: dict[str, SaveSeat] | None = None,
        pin: SavePin | None = None,
    ) -> SaveMeta:
        """Meta for a new game: every seat human unless `seats` says otherwise."""
        chosen = seats if seats is not None else default_seats(scenario)
        return cls(source, chosen, created, pin=pin)


def default_seats(scenario: Scenario) -> dict[str, SaveSeat]:
    """Every seat of the scenario, played by a human, under its scenario name."""
    return {s.id: SaveSeat(name=s.name) for s in scenario.seats}


def override_entry(at: datetime, what: str) -> str:
    """One entry of `overrides`: when, and what did not check out."""
    return f"{_timestamp(at)} {what}"


def scenario_source(scenario: Scenario) -> str:
    """TOML source for a scenario that has no file (built in code, as in tests)."""
    return tomli_w.dumps(scenario.model_dump(mode="json", exclude_none=True))


def normalize_source(text: str) -> str:
    """The embedded form of a scenario's text: CRLF newlines become LF."""
    return text.replace("\r\n", "\n")


def sha256_text(text: str) -> str:
    """Hex sha256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_document(game: Game, meta: SaveMeta, *, updated: datetime) -> SaveDocument:
    """The document for `game` as it stands (pure: `updated` is passed in)."""
    source = normalize_source(meta.scenario_source)
    scenario = game.scenario
    return SaveDocument(
        format=FORMAT,
        kind=KIND,
        app_version=__version__,
        created=meta.created,
        updated=updated,
        played=meta.played,
        game=SaveGame(
            seed=game.seed,
            round=game.state.round,
            phase=game.state.phase,
            rules=RULES_VERSION,
            round_hashes=tuple(game.round_hashes),
            log=tuple(game.log),
        ),
        seats=meta.seats,
        fork=meta.fork,
        pin=meta.pin,
        overrides=meta.overrides,
        scenario=SaveScenario(
            id=scenario.id, title=scenario.title, sha256=sha256_text(source), source=source
        ),
    )


def save_bytes(game: Game, meta: SaveMeta, *, updated: datetime) -> bytes:
    """The save file for `game`: deterministic, apart from the timestamps given."""
    return render(save_document(game, meta, updated=updated))


def render(document: SaveDocument) -> bytes:
    """The bytes of a document, the checksum line last."""
    data: dict[str, Any] = document.model_dump(mode="json", exclude_none=True)
    embedded = data.pop("scenario")
    source: str = embedded.pop("source")
    if not data["overrides"]:
        del data["overrides"]
    # Seats are a table of tables ([seats.fr]) rather than an array: tomli-w
    # would write a short array of tables inline, which is harder to read.
    # tomli-w writes plain values first, then tables in dict order; the scenario
    # goes last, in its own dump, so that the long source text ends the body.
    body = (
        HEADER
        + tomli_w.dumps(data)
        + "\n"
        + tomli_w.dumps({"scenario": embedded})
        + _source_line(source)
        + "\n[end]\n"
    )
    raw = body.encode("utf-8")
    return raw + checksum_line(raw)


def _source_line(source: str) -> str:
    """`source = ...`: a verbatim literal string when TOML allows it, else escaped."""
    if not _NOT_LITERAL.search(source) and not source.endswith("'"):
        return f"source = '''\n{source}'''\n"
    return tomli_w.dumps({"source": source}, multiline_strings=True)


def checksum_line(body: bytes) -> bytes:
    """The last line of a save whose other bytes are `body`."""
    return b'checksum = "sha256:' + hashlib.sha256(body).hexdigest().encode("ascii") + b'"\n'


def split_checksum(data: bytes) -> tuple[bytes, str | None]:
    """(the bytes before the last line, the checksum on that line or None if it has none)."""
    end = len(data) - 1 if data.endswith(b"\n") else len(data)
    start = data.rfind(b"\n", 0, end) + 1
    match = _CHECKSUM_LINE.fullmatch(data, start)
    if match is None:
        return data, None
    return data[:start], match.group(1).decode("ascii")


def body_digest(body: bytes) -> str:
    """The checksum a body should carry."""
    return hashlib.sha256(body).hexdigest()


__all__ = [
    "FORMAT",
    "KIND",
    "Control",
    "SaveDocument",
    "SaveFork",
    "SaveGame",
    "SaveMeta",
    "SavePin",
    "SaveScenario",
    "SaveSeat",
    "body_digest",
    "checksum_line",
    "default_seats",
    "normalize_source",
    "override_entry",
    "render",
    "save_bytes",
    "save_document",
    "scenario_source",
    "sha256_text",
    "split_checksum",
]
