"""Loading a save is replaying it: checksum, format, migration, then the log through the engine.

Every refusal is a `ProblemsError` holding exactly one `Problem`, whose text
is one line a facilitator can act on. The order of the checks decides which
message a damaged file gets, so it is fixed (docs/DECISIONS.md, "Saves"):

1. the bytes: unreadable, empty;
2. the format number, read before anything else relies on the layout: a newer
   format is refused whatever else is wrong with the file;
3. the checksum line: missing (truncated, or not a save at all: binary data,
   a scenario, other TOML) or not matching (damaged or edited);
4. TOML, `kind`, migration of an older format, the document model;
5. the embedded scenario: its sha256, then validation by this version;
6. the replay: every log line must be accepted, every round must hash as
   recorded, and the game must stand where the save says.

`force=True` lets a facilitator load a save they edited on purpose: a checksum
that is missing or does not match, a scenario hash or a round hash that
differs, are then reported as warnings and recorded in the save's
`overrides`. A log line the rules refuse cannot be replayed, so with `force`
the game is loaded up to the start of the round where the log breaks (the
lines from there on are dropped), and the warning and the override say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Never

from pydantic import ValidationError

from wargame.engine import RULES_VERSION, Phase, Rules
from wargame.engine.orders import OrderSyntaxError, Rewind, parse_line
from wargame.game import Game, GameError
from wargame.problems import Problem, ProblemsError, key_path
from wargame.safe_toml import Limits, parse_toml, read_bounded
from wargame.saves.format import (
    FORMAT,
    HEADER,
    KIND,
    SaveDocument,
    SaveMeta,
    body_digest,
    override_entry,
    sha256_text,
    split_checksum,
)
from wargame.scenario.models import Scenario
from wargame.scenario.validate import control_characters
from wargame.scenario_files import load_text

MAX_SAVE_BYTES = 4 << 20
"""Largest save accepted (a 1,000-round game with five seats is about 0.3 MB; a bigger
limit would let a hostile file cost seconds to parse)."""
SAVE_LIMITS = Limits(max_bytes=MAX_SAVE_BYTES, max_string_chars=2 << 20, max_integer_digits=19)
"""TOML limits for saves: the scenario's, with room for a long log, the embedded source
and any 64-bit seed (19 digits; the reader still refuses what does not fit in 64 bits)."""

_FORMAT_LINE = re.compile(rb"^[ \t]*format[ \t]*=[ \t]*(\S+)[ \t]*(?:#[^\n]*)?\r?$", re.M)
_REWIND_WORD = Rewind.VERBS[0]
_KIND_LINE = re.compile(rb'^kind[ \t]*=[ \t]*"wargame-save"', re.M)

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns the data of format n into the data of format n + 1."""


# --- what a load returns ----------------------------------------------------------


@dataclass(frozen=True)
class LoadedSave:
    """A save that replayed: the game at the point it stopped, and how to keep saving it."""

    game: Game
    """The game, replayed from the log (sealed orders and submissions included)."""
    meta: SaveMeta
    """What to write the next save with (overrides of this load included)."""
    warnings: tuple[str, ...]
    """What the user should be told: forced checks, a migration."""
    document: SaveDocument
    """The document as read (after migration)."""
    round_starts: dict[int, int] = field(default_factory=dict)
    """Round number -> length of the log at the start of that round (as the game stands):
    after the last resolution of the round before it, or after the last rewind to it."""
    notes: tuple[str, ...] = ()
    """What `warnings` says besides the forced checks (an upgrade of the format or rules)."""
    overridden: tuple[str, ...] = ()
    """The checks `force` overrode, each in a few words (`warnings` says them in full)."""

    @property
    def updated(self) -> datetime:
        """When the save was last written."""
        return self.document.updated


# --- entry points -----------------------------------------------------------------


def load_save(path: Path | str, *, force: bool = False, now: datetime | None = None) -> LoadedSave:
    """Read, check and replay a save; raises `ProblemsError` with one problem.

    `now` stamps any override recorded because of `force` (default: the clock).
    """
    label = str(path)
    return load_save_bytes(read_save_bytes(Path(path), label), label, force=force, now=now)


def load_save_bytes(
    data: bytes, label: str, *, force: bool = False, now: datetime | None = None
) -> LoadedSave:
    """`load_save` on bytes already read; `label` names the file in messages."""
    checked = _check_document(data, label, force=force)
    document = checked.document
    scenario = _embedded_scenario(document, label, checked, force)
    game, starts = _replay(document, scenario, label, checked, force)
    stamp = now or datetime.now(UTC)
    overrides = document.overrides + tuple(
        override_entry(stamp, text) for text in checked.overridden
    )
    meta = SaveMeta(
        scenario_source=document.scenario.source,
        seats=document.seats,
        created=document.created,
        fork=document.fork,
        overrides=overrides,
        played=document.played,
        pin=document.pin,
    )
    warnings = [*checked.notes]
    warnings += [
        f"{text}; loaded anyway (--force), as the save now records" for text in checked.overridden
    ]
    return LoadedSave(
        game,
        meta,
        tuple(warnings),
        document,
        starts,
        tuple(checked.notes),
        tuple(checked.overridden),
    )


def read_save(path: Path | str) -> SaveDocument:
    """Check and parse a save without replaying it (for listings); `ProblemsError` if bad."""
    label = str(path)
    return parse_save(read_save_bytes(Path(path), label), label)


def parse_save(data: bytes, label: str = "<save>") -> SaveDocument:
    """Check and parse save bytes without replaying them; `ProblemsError` if bad."""
    return _check_document(data, label, force=False).document


def read_save_bytes(path: Path, label: str) -> bytes:
    """The bytes of a save file, refusing folders, devices and oversized files."""
    return read_bounded(path, label, MAX_SAVE_BYTES, what="save file")


# --- migrations ---------------------------------------------------------------------


def _from_format_0(data: dict[str, Any]) -> dict[str, Any]:
    """Format 0 (synthetic: the draft layout, never released) to format 1.

    Format 0 kept everything at the top level: one `saved` time, `seed`,
    `round`, `phase`, `moves` (now `game.log`), `hashes` (now
    `game.round_hashes`), `players = {seat = "human" | "bot:<name>"}` and the
    scenario as `scenario_text`. Seat names and the scenario's id and title
    now come from the embedded scenario.
    """
    source = data.get("scenario_text")
    if not isinstance(source, str):
        raise ValueError("format 0 save without `scenario_text`")
    scenario_data = parse_toml(source.encode("utf-8"), "<embedded scenario>")
    names = {
        s.get("id"): s.get("name", s.get("id"))
        for s in scenario_data.get("seats", [])
        if isinstance(s, dict)
    }
    players = data.get("players", {})
    if not isinstance(players, dict):
        raise ValueError("format 0 `players` is not a table")
    seats: dict[str, dict[str, Any]] = {}
    for seat_id, who in players.items():
        seat: dict[str, Any] = {"name": names.get(seat_id, seat_id)}
        if isinstance(who, str) and who.startswith("bot"):
            seat["control"] = "bot"
            if who.startswith("bot:"):
                seat["bot"] = who[4:]
        seats[seat_id] = seat
    return {
        "format": 1,
        "kind": data.get("kind"),
        "app_version": data.get("app_version", "0"),
        "created": data.get("saved"),
        "updated": data.get("saved"),
        "game": {
            "seed": data.get("seed"),
            "round": data.get("round"),
            "phase": data.get("phase"),
            "round_hashes": data.get("hashes", []),
            "log": data.get("moves", []),
        },
        "seats": seats,
        "scenario": {
            "id": scenario_data.get("id", ""),
            "title": scenario_data.get("title", ""),
            "sha256": sha256_text(source),
            "source": source,
        },
    }


def _from_format_1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 to format 2: the round hashes cover the seed, and name their rules version.

    Every format 1 save was made under rules version 1 (the first release), whose
    round hashes no later rules can reproduce: they are dropped, `rules = 1` is
    recorded, and the load replays the log under today's rules and recomputes
    them, saying so (the checksum has already proved the file undamaged).
    """
    game = data.get("game")
    if not isinstance(game, dict):
        raise ValueError("format 1 save without a [game] table")
    game = {**game, "rules": 1, "round_hashes": []}
    return {**data, "format": 2, "game": game}


MIGRATIONS: dict[int, Migration] = {0: _from_format_0, 1: _from_format_1}
"""Format n -> the migration to format n + 1. Add one entry per format change."""


def migrate(data: dict[str, Any], label: str) -> tuple[dict[str, Any], int]:
    """Bring save data of an older format up to `FORMAT`; returns it and the original format."""
    original = data["format"]
    while data["format"] < FORMAT:
        step = MIGRATIONS.get(data["format"])
        if step is None:
            _refuse(
                label,
                f"made by an old wargame (format {data['format']}) that this version "
                f"cannot read (it reads formats {min(MIGRATIONS, default=FORMAT)} to {FORMAT})",
            )
        try:
            data = step(data)
        except (ValueError, TypeError, KeyError, ProblemsError) as error:
            _refuse(label, f"the format {data['format']} save cannot be upgraded: {error}")
    return data, original


# --- the checks, in order ---------------------------------------------------------


@dataclass
class _Checked:
    document: SaveDocument
    text: str
    overridden: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _check_document(data: bytes, label: str, *, force: bool) -> _Checked:
    """Steps 1 to 4: bytes, format, checksum, TOML, kind, migration, model."""
    if not data.strip():
        _refuse(label, "the file is empty: not a save (a write may have been cut off)")
    body, recorded = split_checksum(data)
    declared = _sniff_format(data)
    if isinstance(declared, int) and declared > FORMAT and _KIND_LINE.search(data):
        _refuse(
            label,
            f"made by a newer wargame (format {declared}); this version reads format {FORMAT}",
        )
    overridden: list[str] = []
    if recorded is None:
        problem = _not_a_save(data, label)
        if problem is not None or not force:
            raise ProblemsError([problem or Problem(label, _TRUNCATED)])
        overridden.append("save is truncated or damaged: its checksum line is missing")
    elif recorded != body_digest(body):
        if not force:
            _refuse(
                label,
                "checksum does not match: the file was damaged or edited; "
                "use --force to load it anyway",
            )
        overridden.append("checksum does not match: the file was damaged or edited")
    text = _decode(data, label)
    raw = _parse(text, label)
    if raw.get("kind") != KIND:
        raise ProblemsError([_kind_problem(raw, label)])
    version = raw.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        _refuse(label, "the save's `format` is not a whole number")
    if version > FORMAT:  # the sniff above misses an unusual layout
        _refuse(
            label, f"made by a newer wargame (format {version}); this version reads format {FORMAT}"
        )
    end = raw.pop("end", None)
    if end is not None and (not isinstance(end, dict) or set(end) - {"checksum"}):
        _refuse(label, "not a valid save: [end] holds only the checksum")
    raw, original = migrate(raw, label)
    _refuse_control_characters(raw, label)
    try:
        document = SaveDocument.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        _refuse(
            label, f"not a valid save: {key_path(first['loc']) or '(document)'}: {first['msg']}"
        )
    if document.game.rules > RULES_VERSION:
        _refuse(
            label,
            f"made under newer rules (version {document.game.rules}); this wargame plays "
            f"rules version {RULES_VERSION}: update wargame to load it",
        )
    notes = []
    if original < FORMAT:
        notes.append(
            f"this save was written in format {original} and was upgraded to format "
            f"{FORMAT}; it will be written in format {FORMAT} from now on"
        )
    return _Checked(document, text, overridden, notes)


def _refuse_control_characters(raw: dict[str, Any], label: str) -> None:
    """Titles, names and every other text of the save hold no terminal escape.

    Two texts are left to later steps: the embedded scenario's source is
    validated as a scenario (step 5), and the log to the replay (step 6): a
    line the rules accept is shown inert wherever it appears, and refusing it
    here would lock a group out of its game.
    """
    skip = {("game", "log"), ("scenario", "source")}
    rest = {
        table: (
            {k: v for k, v in value.items() if (table, k) not in skip}
            if isinstance(value, dict)
            else value
        )
        for table, value in raw.items()
    }
    for loc, message in control_characters(rest):
        _refuse(label, f"not a valid save: {key_path(loc) or '(document)'}: {message}")


_TRUNCATED = "save is truncated or damaged: its checksum line is missing"


def _sniff_format(data: bytes) -> int | str | None:
    """The `format = ...` value before the first table header, without parsing the file."""
    head_end = data.find(b"\n[")
    head = data if head_end < 0 else data[:head_end]
    match = _FORMAT_LINE.search(head)
    if match is None:
        return None
    value = match.group(1)
    return int(value) if value.isdigit() and len(value) < 10 else value.decode("ascii", "replace")


def _not_a_save(data: bytes, label: str) -> Problem | None:
    """Why a file without a checksum line is not a save at all (None: a damaged save)."""
    if b"\x00" in data:
        return Problem(label, _BINARY)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.end < len(data) or len(data) - error.start > 3:
            return Problem(label, _BINARY)
        return None  # a character cut in two at the end: a save cut off
    header = HEADER.encode("ascii")
    if header.startswith(data) or data.startswith(header[:14]):
        return None  # our header: a save cut off early
    try:
        raw = parse_toml(data, label, SAVE_LIMITS)
    except ProblemsError:
        if _KIND_LINE.search(data):
            return None  # it does not parse: a save cut off in the middle
        return _kind_problem({}, label)  # text that never was a save (a link to a README...)
    if raw.get("kind") == KIND:
        return None  # it parses, but the end is missing: cut off between two lines
    return _kind_problem(raw, label)


_BINARY = "this is not a wargame save: the file holds binary data, not text"


def _kind_problem(raw: dict[str, Any], label: str) -> Problem:
    if {"seats", "council"} <= raw.keys() or {"rounds", "roles"} <= raw.keys():
        return Problem(
            label,
            f"this is a scenario file, not a save; start a game from it with "
            f"`wargame play {label}`",
        )
    return Problem(label, f'this is not a wargame save (it has no `kind = "{KIND}"` line)')


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse(label, "save is damaged: it is not valid UTF-8 text")


def _parse(text: str, label: str) -> dict[str, Any]:
    try:
        return parse_toml(text.encode("utf-8"), label, SAVE_LIMITS)
    except ProblemsError as error:
        first = error.problems[0]
        raise ProblemsError(
            [Problem(label, f"save is damaged: {first.message}", first.line, first.column)]
        ) from None


def _embedded_scenario(
    document: SaveDocument, label: str, checked: _Checked, force: bool
) -> Scenario:
    """Step 5: the scenario's sha256, its validation, and the seats against it."""
    embedded = document.scenario
    if sha256_text(embedded.source) != embedded.sha256:
        text = "the embedded scenario does not match its sha256: the save was edited"
        if not force:
            _refuse(label, f"{text}; use --force to load it anyway")
        checked.overridden.append(text)
    try:
        scenario = load_text(embedded.source, f"{label} (embedded scenario)")
    except ProblemsError as error:
        first = error.problems[0]
        where = f"{first.key}: " if first.key else ""
        _refuse(
            label,
            f"the embedded scenario is not valid for this version of wargame: "
            f"{where}{first.message}",
        )
    ours = list(document.seats)
    theirs = [s.id for s in scenario.seats]
    if ours != theirs:
        _refuse(
            label,
            f"the save's seats ({', '.join(ours)}) are not its scenario's ({', '.join(theirs)})",
        )
    return scenario


def _replay(
    document: SaveDocument, scenario: Scenario, label: str, checked: _Checked, force: bool
) -> tuple[Game, dict[int, int]]:
    """Step 6: replay the log line by line, checking each round's hash as it is reached."""
    older_rules = document.game.rules < RULES_VERSION
    recorded = document.game.round_hashes
    log = document.game.log
    undone = undone_after(log)
    rules = Rules(scenario)
    game = Game.start(rules, document.game.seed)
    starts = {1: 0}
    round_start = 0  # the log line the current round started at, as replayed
    mismatch: Problem | None = None
    broken = False
    for index, line in enumerate(log):
        before = game.resolved_rounds
        try:
            game.apply(line)
        except GameError as error:
            # The log breaks here: with --force, the game is loaded as it stood at
            # the start of this round (every line before it replayed), and says so.
            round_ = game.state.round
            refused = f"log line {index + 1} ({line!r}) is refused when replayed: {error}; " + (
                f"the save was made under older rules (version {document.game.rules}), "
                "which allowed it"
                if older_rules
                else "the rules changed or the log was edited"
            )
            if not force:
                _refuse(
                    label,
                    f"{refused}; use --force to load it up to the start of round {round_}",
                    _array_item_line(checked.text, "log", index),
                )
            game = Game.start(rules, document.game.seed, log[:round_start])
            dropped = len(log) - round_start
            checked.overridden.append(
                f"{refused}; loaded up to the start of round {round_} "
                f"(the last {dropped} log line{'s' if dropped != 1 else ''} dropped)"
            )
            broken = True
            break
        if isinstance(rewind := _rewind(line), Rewind):
            # The round starts again here, with new dice: a fork of it starts here too.
            starts[rewind.round] = round_start = index + 1
        entries = game.resolved_rounds
        if entries > before and game.state.phase is not Phase.ENDED:
            round_start = index + 1  # a resolution opened the next round
        if entries <= before or undone[index] <= entries:
            continue  # no round ended here, or a later rewind undid it
        if game.state.phase is not Phase.ENDED:  # a resolution opened the next round
            starts[game.state.round] = index + 1
        if older_rules:
            continue  # hashes of older rules cannot match: recomputed, said below
        expected = recorded[entries - 1] if entries <= len(recorded) else None
        if expected != game.round_hashes[-1] and mismatch is None:
            mismatch = Problem(
                label,
                f"round {entries} replays to a different state than recorded: "
                "the rules changed, or the log or the seed was edited",
                _array_item_line(checked.text, "round_hashes", entries - 1),
            )
            if not force:
                _refuse_with(mismatch, "; use --force to load it anyway")
    if broken:  # the position and the hash count differ from the save's by design
        if mismatch is not None:
            checked.overridden.insert(-1, mismatch.message)
        state = game.state
        return game, {r: n for r, n in starts.items() if r <= state.round}
    if older_rules:
        checked.notes.append(
            f"this save was made under an older version of the rules (version "
            f"{document.game.rules}; this wargame plays version {RULES_VERSION}): its log was "
            "replayed under today's rules and its round hashes recomputed, so the game may "
            "differ from the one that was played"
        )
    if mismatch is None and not older_rules and len(recorded) != game.resolved_rounds:
        mismatch = Problem(
            label,
            f"the save records {len(recorded)} round hashes but its log replays "
            f"{game.resolved_rounds}: the log was edited",
        )
    state = game.state
    if mismatch is None and (document.game.round, document.game.phase) != (
        state.round,
        state.phase,
    ):
        mismatch = Problem(
            label,
            f"the save says round {document.game.round} ({document.game.phase.value}) but "
            f"its log replays to round {state.round} ({state.phase.value}): the log was edited",
        )
    if mismatch is not None:
        if not force:
            _refuse_with(mismatch, "; use --force to load it anyway")
        checked.overridden.append(mismatch.message)
    return game, {r: n for r, n in starts.items() if r <= state.round}


def _rewind(line: str) -> Rewind | None:
    """The rewind this log line is, or None."""
    if _REWIND_WORD not in line:  # cheap test first: few lines are rewinds
        return None
    try:
        found = parse_line(line)
    except OrderSyntaxError:
        return None
    return found if isinstance(found, Rewind) else None


def undone_after(log: Sequence[str]) -> list[float]:
    """For each line, the lowest round a later rewind goes back to (inf if none).

    A round whose end is logged at line i still stands iff `undone_after(log)[i]`
    is greater than its number: a rewind to round k undoes rounds k and later.
    """
    lowest = float("inf")
    result = [lowest] * len(log)
    for index in range(len(log) - 1, -1, -1):
        result[index] = lowest
        rewind = _rewind(log[index])
        if rewind is not None:
            lowest = min(lowest, rewind.round)
    return result


# --- small helpers ------------------------------------------------------------------


def _array_item_line(text: str, key: str, index: int) -> int | None:
    """The file line of item `index` of the array `key = [`, as tomli-w lays it out."""
    at = text.find(f"\n{key} = [\n")
    if at < 0:
        return None
    line = text.count("\n", 0, at) + 3 + index  # `key = [` is on line count + 2
    lines = text.split("\n", line)
    if line > len(lines) or not lines[line - 1].startswith('    "'):
        return None
    return line


def _refuse(label: str, message: str, line: int | None = None) -> Never:
    raise ProblemsError([Problem(label, message, line)])


def _refuse_with(problem: Problem, suffix: str) -> Never:
    raise ProblemsError([Problem(problem.path, problem.message + suffix, problem.line)])


__all__ = [
    "MAX_SAVE_BYTES",
    "MIGRATIONS",
    "SAVE_LIMITS",
    "LoadedSave",
    "load_save",
    "load_save_bytes",
    "migrate",
    "parse_save",
    "read_save",
    "read_save_bytes",
    "undone_after",
]
