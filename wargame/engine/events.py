"""Events: frozen records of what happened and why, as data.

Every event carries a typed, frozen payload: who voted how, what was rolled
against which chance, which track moved from what to what. The words a
person reads are rendered from the payload in one place
(`wargame.engine.narrate`); replays, reports, bots and tests read the data.
An event with `private_to` is shown only to those seats.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from wargame.engine.state import DraftStatus, Mandate
from wargame.scenario.models import Rating, Vote


class EventKind(StrEnum):
    """What kind of thing happened."""

    TABLED = "tabled"
    INJECT = "inject"
    WITHDRAWAL = "withdrawal"
    LOBBY = "lobby"
    ENDORSE = "endorse"
    MEDIATE = "mediate"
    VOTE = "vote"
    AMENDMENT = "amendment"
    ASSEMBLY = "assembly"
    MISSION = "mission"
    CONSENT = "consent"
    PLEDGE_HONOURED = "pledge_honoured"
    PLEDGE_DROPPED = "pledge_dropped"
    GUARANTEE = "guarantee"
    TERMS = "terms"
    RED_LINE = "red_line"
    ARGUMENT = "argument"
    RULE = "rule"
    FRICTION = "friction"
    INCOME = "income"
    FACILITATOR = "facilitator"
    REFUSED = "refused"
    ENDING = "ending"


@dataclass(frozen=True, slots=True)
class Change:
    """One number an effect changed (only real changes are recorded)."""

    target: str
    """What changed, as effects name it: a track id, `seat.pc`,
    `seat.credibility` or `seat.assets.<asset>`."""
    before: int
    after: int


Changes = tuple[Change, ...]


def _field(payload: object, name: str | None) -> str | None:
    """The value of a payload's field named by ACTOR_FIELD or REF_FIELD (None: no such field)."""
    value = None if name is None else getattr(payload, name)
    assert value is None or isinstance(value, str)
    return value


class Payload:
    """What every event payload offers: its kind, and the seat and item it concerns."""

    __slots__ = ()
    KIND: ClassVar[EventKind]
    ACTOR_FIELD: ClassVar[str | None] = None
    """The name of the field holding the seat that acted, if any."""
    REF_FIELD: ClassVar[str | None] = None
    """The name of the field holding the id of the item concerned, if any."""

    @property
    def kind(self) -> EventKind:
        return self.KIND

    @property
    def actor(self) -> str | None:
        """The seat that acted, if any."""
        return _field(self, self.ACTOR_FIELD)

    @property
    def ref(self) -> str | None:
        """The id of the draft, pledge, guarantee... concerned."""
        return _field(self, self.REF_FIELD)


# -- public actions (negotiation) -------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftTabled(Payload):
    """A seat tabled a draft resolution (prepared or its own)."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    """The sponsor."""
    draft: str
    """The draft's id."""
    title: str
    procedural: bool
    """Whether it goes to the vote as a procedural matter."""
    tags: tuple[str, ...]

    earlier: DraftStatus | None = None
    """Tabled again: what became of it the last time (vetoed or failed); None the first time."""
    earlier_round: int = 0
    """Tabled again: the round it was last voted in."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "draft"


@dataclass(frozen=True, slots=True)
class ConceptProposed(Payload):
    """The Secretariat proposed a concept that a council member must sponsor."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    draft: str
    """The concept's id."""
    title: str

    earlier: DraftStatus | None = None
    """Tabled again: what became of it the last time (vetoed or failed); None the first time."""
    earlier_round: int = 0
    """Tabled again: the round it was last voted in."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "draft"


@dataclass(frozen=True, slots=True)
class ConceptSponsored(Payload):
    """A council member sponsored a concept: it goes before the council."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    """The sponsoring seat."""
    draft: str
    title: str

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "draft"


@dataclass(frozen=True, slots=True)
class AmendmentTabled(Payload):
    """A seat tabled an amendment to a draft."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    amendment: str
    """The amendment's id."""
    draft: str
    """The draft it amends."""
    title: str
    add: tuple[str, ...]
    """Tags it adds."""
    remove: tuple[str, ...]
    """Tags it removes."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "amendment"


@dataclass(frozen=True, slots=True)
class MotionTabled(Payload):
    """A seat moved to take a draft to the General Assembly (Uniting for Peace)."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    motion: str
    """The motion's id."""
    draft: str
    """The draft it refers to the Assembly."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "motion"


@dataclass(frozen=True, slots=True)
class GuaranteeOffered(Payload):
    """A seat offered the host a security guarantee."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    """The guarantor."""
    guarantee: str
    type: str
    """The guarantee type's id."""
    host: str
    """The seat offered the guarantee."""
    backing: tuple[str, ...]
    """The pledge ids backing it."""
    condition: str | None
    """Canonical text of its condition, if any."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "guarantee"


@dataclass(frozen=True, slots=True)
class GuaranteeBacked(Payload):
    """A co-guarantor committed its own pledge to another seat's guarantee."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    """The co-guarantor."""
    guarantee: str
    guarantor: str
    """The seat that offered the guarantee."""
    pledge: str
    """The co-guarantor's pledge now backing it."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "guarantee"


@dataclass(frozen=True, slots=True)
class TermsTabled(Payload):
    """A seat tabled peace terms for the parties."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    terms: str
    title: str
    tags: tuple[str, ...]

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "terms"


@dataclass(frozen=True, slots=True)
class RedLineDeclared(Payload):
    """A seat declared a red line over tags."""

    KIND: ClassVar[EventKind] = EventKind.TABLED
    seat: str
    red_line: str
    title: str
    tags: tuple[str, ...]

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "red_line"


# -- news -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InjectFired(Payload):
    """News: a scripted inject, one the facilitator fired, or the facilitator's own event."""

    KIND: ClassVar[EventKind] = EventKind.INJECT
    inject: str | None
    """The inject's id; None for an event the facilitator wrote."""
    title: str
    text: str
    """The inject's narrative (may be empty)."""
    changes: Changes
    reason: str | None = None
    """The facilitator's reason, when the facilitator fired it."""

    REF_FIELD: ClassVar[str | None] = "inject"


# -- resolution -------------------------------------------------------------


class RefusalStage(StrEnum):
    """Where an order was refused."""

    RESOLUTION = "resolution"
    """Re-checked at resolution: the board moved since it was entered."""


@dataclass(frozen=True, slots=True)
class OrderRefused(Payload):
    """A sealed order no longer held at resolution and was refused (private to its seat)."""

    KIND: ClassVar[EventKind] = EventKind.REFUSED
    seat: str
    order: str
    """The order's line, as entered."""
    reason: str
    """Why the rules refuse it now."""
    stage: RefusalStage = RefusalStage.RESOLUTION

    ACTOR_FIELD: ClassVar[str | None] = "seat"


@dataclass(frozen=True, slots=True)
class PledgeWithdrawn(Payload):
    """A seat withdrew one of its pledges and paid for it in credibility."""

    KIND: ClassVar[EventKind] = EventKind.WITHDRAWAL
    seat: str
    pledge: str
    asset: str
    amount: int
    target: str
    """`coalition` or `un_mission`."""
    credibility_loss: int

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "pledge"


@dataclass(frozen=True, slots=True)
class Lobbied(Payload):
    """A seat lobbied a council member (private to the lobbying seat)."""

    KIND: ClassVar[EventKind] = EventKind.LOBBY
    seat: str
    member: str
    """The council member lobbied."""
    draft: str
    """The draft (or amendment) concerned."""
    toward: Vote
    """The direction the seat pushed."""
    chance: int
    """The member's lobbying chance, in percent."""
    roll: int
    """The roll, 0-99; under the chance succeeds."""
    succeeded: bool
    final: Vote | None = None
    """The member's final vote on the draft; None when the draft was not voted."""
    without: Vote | None = None
    """What the member would have voted without this lobby (its final vote, if it failed)."""

    @property
    def moved(self) -> bool | None:
        """Whether this lobby changed the member's final vote (None: the draft was not voted)."""
        return None if self.final is None else self.final is not self.without

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "draft"


@dataclass(frozen=True, slots=True)
class Endorsed(Payload):
    """The Secretary-General endorsed a draft."""

    KIND: ClassVar[EventKind] = EventKind.ENDORSE
    seat: str
    draft: str
    moved: tuple[str, ...]
    """Members (ids) whose vote moved toward yes."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "draft"


@dataclass(frozen=True, slots=True)
class Mediated(Payload):
    """The Secretariat mediated between the parties."""

    KIND: ClassVar[EventKind] = EventKind.MEDIATE
    seat: str
    changes: Changes

    ACTOR_FIELD: ClassVar[str | None] = "seat"


class DraftForm(StrEnum):
    """What was put to a council vote."""

    DRAFT = "draft"
    AMENDMENT = "amendment"
    MOTION = "motion"
    """A Uniting for Peace motion."""


@dataclass(frozen=True, slots=True)
class CouncilVoted(Payload):
    """The council voted on a draft, an amendment or a Uniting for Peace motion."""

    KIND: ClassVar[EventKind] = EventKind.VOTE
    draft: str
    """The id of what was voted."""
    title: str
    form: DraftForm
    sponsor: str
    votes: tuple[tuple[str, Vote], ...]
    """Each member's vote, in council order."""
    yes: int
    no: int
    abstain: int
    absent: int
    procedural: bool
    """How it was finally voted (the double veto can make a procedural draft substantive)."""
    made_substantive: bool
    """A permanent member's no turned a procedural draft substantive (double veto)."""
    vetoed_by: tuple[str, ...]
    """Permanent members (ids) whose no blocked a draft that had the votes."""
    outcome: DraftStatus
    """ADOPTED, VETOED or FAILED (fewer yes votes than the majority)."""
    parties_abstained: bool = False
    """Parties to the dispute abstained under Art. 27(3)."""
    amends: str | None = None
    """For an amendment: the draft it changes."""

    @property
    def kind(self) -> EventKind:
        return EventKind.AMENDMENT if self.form is DraftForm.AMENDMENT else EventKind.VOTE

    ACTOR_FIELD: ClassVar[str | None] = "sponsor"

    REF_FIELD: ClassVar[str | None] = "draft"


@dataclass(frozen=True, slots=True)
class AssemblyVoted(Payload):
    """An emergency special session of the General Assembly voted on a draft."""

    KIND: ClassVar[EventKind] = EventKind.ASSEMBLY
    draft: str
    share: int
    """Percent in favour."""
    threshold: int
    """Percent needed."""
    recommended: bool

    REF_FIELD: ClassVar[str | None] = "draft"


@dataclass(frozen=True, slots=True)
class MissionEstablished(Payload):
    """A UN mission was established."""

    KIND: ClassVar[EventKind] = EventKind.MISSION
    draft: str
    mandate: Mandate
    strength: int
    """Mandate strength, in percent."""

    REF_FIELD: ClassVar[str | None] = "draft"


class ConsentAnswer(StrEnum):
    """What became of the host's answer to an Assembly recommendation."""

    CONSENTS = "consents"
    REFUSES = "refuses"
    LAPSED = "lapsed"
    """The Assembly made no recommendation: there was nothing to consent to."""


@dataclass(frozen=True, slots=True)
class ConsentGiven(Payload):
    """The host answered an Assembly recommendation."""

    KIND: ClassVar[EventKind] = EventKind.CONSENT
    seat: str
    draft: str
    answer: ConsentAnswer

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "draft"


@dataclass(frozen=True, slots=True)
class PledgeHonoured(Payload):
    """A pending pledge holds."""

    KIND: ClassVar[EventKind] = EventKind.PLEDGE_HONOURED
    seat: str
    pledge: str
    asset: str
    amount: int
    target: str
    """`coalition` or `un_mission`."""
    condition: str | None
    """Canonical text of its condition (met), if any."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "pledge"


class DropReason(StrEnum):
    """Why a pledge dropped."""

    NO_TARGET = "no_target"
    """There is no force to pledge to (no UN mission)."""
    CONDITION_NOT_MET = "condition_not_met"
    BACKING_NOT_ALLOWED = "backing_not_allowed"
    """A backing pledge's target or asset is not one the guarantee type allows."""
    BACKING_NOT_COMMITTED = "backing_not_committed"
    """A backing pledge is another seat's, which has not backed the guarantee with it."""
    CANNOT_COVER = "cannot_cover"
    """The seat does not hold enough of the asset for all its pledges."""


@dataclass(frozen=True, slots=True)
class Drop:
    """Why one pledge dropped, with the numbers the reason needs."""

    reason: DropReason
    condition: str | None = None
    """For CONDITION_NOT_MET: the condition."""
    pledged: int = 0
    """For CANNOT_COVER: the units that would be pledged with this one."""
    held: int = 0
    """For CANNOT_COVER: the units the seat holds."""


@dataclass(frozen=True, slots=True)
class PledgeDropped(Payload):
    """A pledge dropped (or an honoured one was released)."""

    KIND: ClassVar[EventKind] = EventKind.PLEDGE_DROPPED
    seat: str
    pledge: str
    asset: str
    amount: int
    target: str
    condition: str | None
    released: bool
    """It had held before this round."""
    drop: Drop

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "pledge"


@dataclass(frozen=True, slots=True)
class GuaranteeAnswered(Payload):
    """The host accepted or rejected a guarantee."""

    KIND: ClassVar[EventKind] = EventKind.GUARANTEE
    seat: str
    """The answering seat (the host)."""
    guarantee: str
    accepted: bool

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "guarantee"


class InactiveReason(StrEnum):
    """Why a guarantee is not active."""

    NOT_ANSWERED = "not_answered"
    REJECTED = "rejected"
    BACKING_MISSING = "backing_missing"
    """A backing pledge was never made."""
    BACKING_NOT_HONOURED = "backing_not_honoured"
    CONDITION_NOT_MET = "condition_not_met"
    BACKING_NOT_ALLOWED = "backing_not_allowed"
    """A backing pledge's target or asset is not one the guarantee type allows."""
    BACKING_NOT_COMMITTED = "backing_not_committed"
    """A backing pledge is another seat's, which has not backed the guarantee with it."""


@dataclass(frozen=True, slots=True)
class Pledged:
    """What a pledge commits: `amount` of `asset` to `target`."""

    amount: int
    asset: str
    target: str
    """`coalition` or `un_mission`."""


@dataclass(frozen=True, slots=True)
class GuaranteeChanged(Payload):
    """A guarantee became active, changed strength or stopped being active."""

    KIND: ClassVar[EventKind] = EventKind.GUARANTEE
    seat: str
    """The guarantor."""
    guarantee: str
    type: str
    """The guarantee type's id."""
    active: bool
    strength: int
    was_active: bool
    """Whether it was active before."""
    reason: InactiveReason | None = None
    """Why it is not active (None when active)."""
    pledges: tuple[str, ...] = ()
    """The pledges the reason is about."""
    condition: str | None = None
    """For CONDITION_NOT_MET: the condition."""
    accepted_now: bool = False
    """Accepted this round but not active (the news says so once)."""
    owner: str | None = None
    """For BACKING_NOT_COMMITTED: the seat whose pledge it is."""
    misfit: Pledged | None = None
    """For BACKING_NOT_ALLOWED: the pledge that cannot back it."""
    detail: str = ""
    """For BACKING_NOT_ALLOWED: what the guarantee type allows, in the rules' words."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "guarantee"


@dataclass(frozen=True, slots=True)
class TermsAnswered(Payload):
    """A party accepted or rejected peace terms."""

    KIND: ClassVar[EventKind] = EventKind.TERMS
    seat: str
    terms: str
    title: str
    accepted: bool
    binding: bool
    """Both parties have now accepted: the terms bind."""

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "terms"


@dataclass(frozen=True, slots=True)
class RedLineCrossed(Payload):
    """A declared red line was crossed."""

    KIND: ClassVar[EventKind] = EventKind.RED_LINE
    seat: str
    """The declarer."""
    red_line: str
    title: str
    tags: tuple[str, ...]
    """The tags that came into force and crossed it."""
    credibility_loss: int
    """Credibility the declarer lost."""
    changes: Changes

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "red_line"


@dataclass(frozen=True, slots=True)
class ArgumentMade(Payload):
    """A matrix-game argument: rated and rolled, or ruled by the facilitator."""

    KIND: ClassVar[EventKind] = EventKind.ARGUMENT
    seat: str
    option: str
    """The argument option's id."""
    argument: str
    """The seat's words."""
    success: bool
    ruled: bool
    """The facilitator ruled it (no roll)."""
    rating: Rating | None = None
    chance: int | None = None
    roll: int | None = None
    changes: Changes = ()

    ACTOR_FIELD: ClassVar[str | None] = "seat"

    REF_FIELD: ClassVar[str | None] = "option"


@dataclass(frozen=True, slots=True)
class RuleApplied(Payload):
    """A scenario rule applied."""

    KIND: ClassVar[EventKind] = EventKind.RULE
    rule: str
    text: str
    """The rule's narrative (may be empty)."""
    changes: Changes

    REF_FIELD: ClassVar[str | None] = "rule"


@dataclass(frozen=True, slots=True)
class FrictionStruck(Payload):
    """A friction item happened."""

    KIND: ClassVar[EventKind] = EventKind.FRICTION
    item: str
    text: str
    chance: int
    roll: int
    changes: Changes

    REF_FIELD: ClassVar[str | None] = "item"


@dataclass(frozen=True, slots=True)
class IncomePaid(Payload):
    """Every seat's political capital income."""

    KIND: ClassVar[EventKind] = EventKind.INCOME
    amounts: tuple[tuple[str, int], ...]
    """(seat, PC gained), in scenario order."""


# -- the facilitator and the end ---------------------------------------------


@dataclass(frozen=True, slots=True)
class ArgumentRated(Payload):
    """The facilitator rated a seat's argument (private to the facilitator)."""

    KIND: ClassVar[EventKind] = EventKind.FACILITATOR
    seat: str
    """The arguing seat."""
    option: str
    rating: Rating
    replaces: Rating | None = None
    """The earlier rating this one replaces, if any."""


@dataclass(frozen=True, slots=True)
class TrackAdjusted(Payload):
    """The facilitator adjusted a track."""

    KIND: ClassVar[EventKind] = EventKind.FACILITATOR
    track: str
    delta: int
    reason: str
    changes: Changes


class RulingSubject(StrEnum):
    """What a facilitator's ruling is about."""

    ARGUMENT = "argument"
    DRAFT = "draft"
    PLEDGE = "pledge"


@dataclass(frozen=True, slots=True)
class Ruled(Payload):
    """The facilitator ruled on an argument, a draft or a pledge."""

    KIND: ClassVar[EventKind] = EventKind.FACILITATOR
    subject: RulingSubject
    item: str
    """The draft or pledge id, or `seat:option` for an argument."""
    result: str
    """The ruling's word: succeeds/fails, adopted/failed, honoured/dropped."""
    reason: str

    REF_FIELD: ClassVar[str | None] = "item"


@dataclass(frozen=True, slots=True)
class Rewound(Payload):
    """The facilitator rewound the game to the start of a round."""

    KIND: ClassVar[EventKind] = EventKind.FACILITATOR
    to_round: int
    reason: str


@dataclass(frozen=True, slots=True)
class GameEnded(Payload):
    """The game ended."""

    KIND: ClassVar[EventKind] = EventKind.ENDING
    ending: str
    """The ending's id."""
    title: str
    reason: str = ""
    """The facilitator's reason, when the facilitator ended it."""

    REF_FIELD: ClassVar[str | None] = "ending"


PAYLOADS: dict[EventKind, tuple[type[Payload], ...]] = {}
"""Every payload type, by the kind of event it makes."""
for _type in (
    DraftTabled,
    ConceptProposed,
    ConceptSponsored,
    AmendmentTabled,
    MotionTabled,
    GuaranteeOffered,
    GuaranteeBacked,
    TermsTabled,
    RedLineDeclared,
    InjectFired,
    OrderRefused,
    PledgeWithdrawn,
    Lobbied,
    Endorsed,
    Mediated,
    CouncilVoted,
    AssemblyVoted,
    MissionEstablished,
    ConsentGiven,
    PledgeHonoured,
    PledgeDropped,
    GuaranteeAnswered,
    GuaranteeChanged,
    TermsAnswered,
    RedLineCrossed,
    ArgumentMade,
    RuleApplied,
    FrictionStruck,
    IncomePaid,
    ArgumentRated,
    TrackAdjusted,
    Ruled,
    Rewound,
    GameEnded,
):
    PAYLOADS[_type.KIND] = (*PAYLOADS.get(_type.KIND, ()), _type)
PAYLOADS[EventKind.AMENDMENT] = (CouncilVoted,)


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened in a round: its payload says what, as data.

    The words are `narrate.render(event, names)`; the convenience properties
    below read the payload.
    """

    round: int
    payload: Payload
    """What happened."""
    private_to: tuple[str, ...] | None = None
    """Seats allowed to see this event; None for everyone."""

    @property
    def kind(self) -> EventKind:
        return self.payload.kind

    @property
    def seat(self) -> str | None:
        """The seat that acted, if any."""
        return self.payload.actor

    @property
    def ref(self) -> str | None:
        """The id of the draft, pledge, guarantee... concerned."""
        return self.payload.ref

    @property
    def votes(self) -> tuple[tuple[str, Vote], ...]:
        """For council votes: each member's vote, in council order; otherwise empty."""
        return self.payload.votes if isinstance(self.payload, CouncilVoted) else ()

    def visible_to(self, seat: str | None) -> bool:
        """Whether `seat` (None: the public board) may see this event."""
        return self.private_to is None or (seat is not None and seat in self.private_to)
