"""The state of a game between two actions: frozen records, updated by copy.

Nothing here is mutated after construction; the engine builds new states with
`dataclasses.replace`. `state_hash` gives a stable digest of everything that
matters for play (saves record it after each round).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum, StrEnum
from typing import Any

from wargame.engine.rules import Rules
from wargame.scenario.models import Rating, Scenario, Vote


class Phase(StrEnum):
    """Where a round stands."""

    NEGOTIATION = "negotiation"
    """Seats talk and table public items."""
    ORDERS = "orders"
    """Seats submit secret orders; resolution follows."""
    ENDED = "ended"
    """The game is over."""


class DraftStatus(StrEnum):
    """What became of a draft."""

    PROPOSED = "proposed"
    """A Secretariat concept waiting for a council sponsor."""
    TABLED = "tabled"
    """Before the council, voted at this round's resolution."""
    ADOPTED = "adopted"
    VETOED = "vetoed"
    FAILED = "failed"
    """Fewer yes votes than the majority."""


class PledgeStatus(StrEnum):
    """What became of a pledge."""

    PENDING = "pending"
    HONOURED = "honoured"
    DROPPED = "dropped"
    WITHDRAWN = "withdrawn"


class Mandate(StrEnum):
    """Where a UN mission's mandate comes from."""

    COUNCIL = "council"
    ASSEMBLY = "assembly"


@dataclass(frozen=True, slots=True)
class SeatState:
    """A seat's resources."""

    pc: int
    credibility: int
    assets: dict[str, int]
    """Everything the seat owns, committed or not."""


@dataclass(frozen=True, slots=True)
class EarlierVote:
    """How an earlier tabling of a draft ended, kept when the draft is tabled again."""

    round: int
    """The round it was tabled (and voted) in."""
    sponsor: str
    tags: tuple[str, ...]
    """The tags it was voted with (after any adopted amendments)."""
    status: DraftStatus
    """Its outcome: vetoed or failed (an adopted draft is never tabled again)."""
    votes: tuple[tuple[str, Vote], ...]
    """Each member's vote, in council order."""
    vetoed_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TabledDraft:
    """A draft resolution, amendment or Uniting for Peace motion before the council."""

    id: str
    title: str
    sponsor: str
    procedural: bool
    tags: tuple[str, ...]
    round: int
    status: DraftStatus = DraftStatus.TABLED
    amends: str | None = None
    """For an amendment: the draft it changes."""
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    motion_for: str | None = None
    """For a Uniting for Peace motion: the vetoed draft it takes to the Assembly."""
    votes: tuple[tuple[str, Vote], ...] = ()
    """Each member's vote, in council order, once voted."""
    vetoed_by: tuple[str, ...] = ()
    endorsed: bool = False
    recommended: bool = False
    """The General Assembly recommended this (vetoed) draft."""
    consented: bool = False
    """The host consented to the Assembly's recommendation."""
    earlier: tuple[EarlierVote, ...] = field(default=(), metadata={"omit_empty": True})
    """Earlier tablings of this draft that were vetoed or failed, oldest first."""

    def ever(self, status: DraftStatus) -> bool:
        """Whether this tabling or any earlier one ended with `status`."""
        return self.status is status or any(e.status is status for e in self.earlier)

    def as_earlier(self) -> EarlierVote:
        """This tabling's outcome, to keep when the draft is tabled again."""
        return EarlierVote(
            self.round, self.sponsor, self.tags, self.status, self.votes, self.vetoed_by
        )


@dataclass(frozen=True, slots=True)
class Pledge:
    """A commitment of assets to the coalition force or the UN mission."""

    id: str
    seat: str
    asset: str
    amount: int
    target: str
    round: int
    condition: str | None = None
    """Canonical text of the condition, if any."""
    status: PledgeStatus = PledgeStatus.PENDING
    reason: str = ""
    """Why it was dropped or withdrawn."""


@dataclass(frozen=True, slots=True)
class Guarantee:
    """A security guarantee offered to the host."""

    id: str
    guarantor: str
    type: str
    backing: tuple[str, ...]
    """The pledge ids the guarantor named: its own, or others' that they must back."""
    round: int
    condition: str | None = None
    accepted: bool | None = None
    """None until the host answers."""
    active: bool = False
    strength: int = 0
    backers: tuple[tuple[str, str], ...] = field(default=(), metadata={"omit_empty": True})
    """(pledge id, seat) for each named pledge a co-guarantor committed by its own `back` order."""

    def counts(self, pledge: Pledge) -> bool:
        """Whether `pledge` may back this guarantee: named, and the guarantor's or committed."""
        return pledge.id in self.backing and (
            pledge.seat == self.guarantor or (pledge.id, pledge.seat) in self.backers
        )


@dataclass(frozen=True, slots=True)
class Terms:
    """Peace terms between the parties."""

    id: str
    proposer: str
    title: str
    tags: tuple[str, ...]
    round: int
    accepted_by: tuple[str, ...] = ()
    rejected_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RedLine:
    """A declared red line."""

    id: str
    seat: str
    tags: tuple[str, ...]
    text: str
    round: int
    crossed_round: int | None = None


@dataclass(frozen=True, slots=True)
class Mission:
    """The UN mission, once a mandate exists."""

    draft: str
    mandate: Mandate
    strength_pct: int


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    """One objective at scoring time."""

    id: str
    text: str
    points: int
    met: bool
    secret: bool


@dataclass(frozen=True, slots=True)
class SeatScore:
    """A seat's score."""

    seat: str
    points: int
    objectives: tuple[ObjectiveResult, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the game ended: the ending and every seat's score."""

    ending: str
    title: str
    text: str
    round: int
    scores: tuple[SeatScore, ...]
    reason: str = ""
    """Set when the facilitator ended the game."""


@dataclass(frozen=True, slots=True)
class GameState:
    """Everything about a game at one moment; derived by replaying its log."""

    rules: Rules = field(compare=False, repr=False)
    """The compiled scenario (not part of the state's value or hash)."""
    round: int
    phase: Phase
    tracks: dict[str, int]
    seats: dict[str, SeatState]
    drafts: tuple[TabledDraft, ...] = ()
    pledges: tuple[Pledge, ...] = ()
    guarantees: tuple[Guarantee, ...] = ()
    terms: tuple[Terms, ...] = ()
    red_lines: tuple[RedLine, ...] = ()
    mission: Mission | None = None
    fired: tuple[str, ...] = ()
    """Once-only injects and rules that have fired (`inject:id`, `rule:id`)."""
    in_force: tuple[str, ...] = ()
    """Tags in force after the last resolution (sorted)."""
    history: tuple[tuple[tuple[str, int], ...], ...] = ()
    """Track values at the start and after each round."""
    track_changes: tuple[tuple[str, int, int], ...] = field(
        default=(), metadata={"omit_empty": True}
    )
    """The last resolution as the board showed it, by track: (track, the value when it
    began, the value when it was over, the next round's briefing included). Empty before
    the first resolution."""
    ratings: tuple[tuple[str, str, Rating], ...] = ()
    """Facilitator ratings of this round's arguments: (seat, option, rating)."""
    argument_rulings: tuple[tuple[str, str, bool], ...] = ()
    """Facilitator rulings on this round's arguments: (seat, option, succeeds)."""
    outcome: Outcome | None = None

    @property
    def scenario(self) -> Scenario:
        """The scenario being played."""
        return self.rules.scenario

    def draft(self, draft_id: str) -> TabledDraft | None:
        """The tabled draft with this id, if any."""
        return next((d for d in self.drafts if d.id == draft_id), None)

    def pledge(self, pledge_id: str) -> Pledge | None:
        """The pledge with this id, if any."""
        return next((p for p in self.pledges if p.id == pledge_id), None)

    def guarantee(self, guarantee_id: str) -> Guarantee | None:
        """The guarantee offer with this id, if any."""
        return next((g for g in self.guarantees if g.id == guarantee_id), None)

    def terms_by_id(self, terms_id: str) -> Terms | None:
        """The peace terms with this id, if any."""
        return next((t for t in self.terms if t.id == terms_id), None)

    def committed(self, seat: str, asset: str) -> int:
        """Units of an asset the seat has in honoured pledges."""
        return sum(
            p.amount
            for p in self.pledges
            if p.seat == seat and p.asset == asset and p.status is PledgeStatus.HONOURED
        )


def to_data(value: Any) -> Any:
    """A plain JSON-able form of a state or record (the scenario left out)."""
    if is_dataclass(value) and not isinstance(value, type):
        # A field added later with `omit_empty` is left out while empty, so the
        # states (and hashes) of games that never use it stay what they were.
        return {
            f.name: to_data(getattr(value, f.name))
            for f in fields(value)
            if f.name != "rules"
            and not (f.metadata.get("omit_empty") and not getattr(value, f.name))
        }
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in sorted(value.items())}
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    return value


# --- the state hash ---------------------------------------------------------------

RULES_VERSION = 2
"""The version of the rules: bumped by every change that makes the same scenario, seed and
log give a different game (a different state after some round). A save records the version
its round hashes were computed under; one from older rules is replayed under today's and its
hashes recomputed, with a notice (docs/DECISIONS.md, "Saves across rule changes").

1: the first release. 2: issue 7's rule changes (procedural status follows tags, re-tabled
drafts, guarantee backing, per-declarer red lines, track changes as the board showed them,
new dice after a rewind) and round hashes that cover the seed."""

HASH_SCHEME = "wargame-state-2"
"""Names the encoding `state_hash` digests (part of the digested text)."""

_FIELDS: dict[type[Any], tuple[tuple[str, bool], ...]] = {}
_DIGESTS: dict[int, tuple[object, bytes]] = {}
"""Record id -> (the record, its digest). Records are frozen and shared between
successive states, so each is encoded once; holding the record keeps its id its own."""
_MAX_DIGESTS = 100_000


def _field_names(kind: type[Any]) -> tuple[tuple[str, bool], ...]:
    """(name, omit_empty) of each field that counts, in order."""
    names = _FIELDS.get(kind)
    if names is None:
        names = tuple(
            (f.name, bool(f.metadata.get("omit_empty"))) for f in fields(kind) if f.name != "rules"
        )
        _FIELDS[kind] = names
    return names


def _values(value: Any) -> list[Any]:
    """The field values of a record that count: an `omit_empty` field only when not empty,
    so a field added later leaves the hashes of games that never use it as they were."""
    out = []
    for name, omit_empty in _field_names(type(value)):
        item = getattr(value, name)
        if not (omit_empty and not item):
            out.append(item)
    return out


def _encode(value: Any) -> str:
    """Canonical text for a plain value, an enum, a tuple, a dict (sorted) or a record."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return repr(value)
    if isinstance(value, Enum):
        return repr(value.value)
    if kind is tuple:
        if not value:
            return "()"
        first = type(value[0])
        if first is tuple:  # rows (votes, history): shared, remembered
            return "(" + ",".join(_remembered(v).hex() for v in value) + ")"
        if first is str and all(type(v) is str for v in value):  # tags, ids: the common case
            return "(" + ",".join(map(repr, value)) + ")"
        return "(" + ",".join(map(_encode, value)) + ")"
    if kind is dict:
        return "{" + ",".join(f"{k!r}:{_encode(v)}" for k, v in sorted(value.items())) + "}"
    if kind is list:
        return "(" + ",".join(map(_encode, value)) + ")"
    if is_dataclass(value) and not isinstance(value, type):
        return _remembered(value).hex()
    raise TypeError(f"the state hash cannot encode a {kind.__name__}")


def _remembered(value: Any) -> bytes:
    """The digest of a frozen record or row, computed once per object."""
    key = id(value)
    found = _DIGESTS.get(key)
    if found is not None and found[0] is value:
        return found[1]
    kind = type(value)
    if kind is tuple:
        text = "(" + ",".join(map(_encode, value)) + ")"
        lasting = True
    else:
        values = _values(value)
        text = f"{kind.__name__}({','.join(map(_encode, values))})"
        # A record holding a dict (a seat's assets) could change under its id.
        lasting = not any(type(v) is dict or type(v) is list for v in values)
    digest = hashlib.sha256(text.encode()).digest()
    if lasting:
        if len(_DIGESTS) >= _MAX_DIGESTS:
            _DIGESTS.clear()
        _DIGESTS[key] = (value, digest)
    return digest


def state_hash(state: GameState, seed: int | None = None) -> str:
    """A short, stable digest of the state (and of the game's seed, when given).

    Saves record `state_hash(state, seed)` after each round: the seed decides
    every later roll, so a save whose seed was edited no longer checks out.
    Every field of the state and of its records counts (the compiled scenario
    does not); dicts count sorted by key. Each frozen record is encoded once and
    its digest reused while the record lives, so hashing a state costs about one
    step per record, not per value.
    """
    parts = ",".join(map(_encode, _values(state)))
    text = f"{HASH_SCHEME}\nseed={seed}\n{parts}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]
