"""Every line of a game's log, as small frozen values that read and write themselves.

A log line is an action (a public action, a sealed order or a facilitator
act) or a control line that moves the game along (`orders`, `fr submit`,
`fr retract 2`, `resolve`, `facilitator rewind 3 "reason"`). Each type reads
its line (`read`, called by `parse_line`) and writes it (`text`) side by side,
and the two round-trip: `type(a).from_text(a.text()) == a`. Parsing checks
only the shape of a line; whether it is allowed now is the job of
:mod:`wargame.engine.checks`, and :mod:`wargame.engine.grammar` lists every
verb with its check, cost and form fields.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import ClassVar, Self

from wargame.control_chars import control_message, first_control
from wargame.scenario import expr
from wargame.scenario.models import Rating, Vote

FACILITATOR = "facilitator"
"""The pseudo-seat that facilitator acts (and rewinds) are logged under."""
MAX_LINE = 2000
"""Longest line read (a rewind's reason is the exception: old saves may hold longer ones)."""

_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))')


class OrderSyntaxError(ValueError):
    """An order line that cannot be read; the message says what was expected."""


def quote(text: str) -> str:
    """Text in double quotes, as lines write it (backslash escapes `"` and `\\`)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ids(values: tuple[str, ...]) -> str:
    return ",".join(values)


def _cond(condition: str | None) -> str:
    return f" if {condition}" if condition else ""


@functools.lru_cache(maxsize=4096)
def _canonical_condition(text: str) -> str:
    """A condition's canonical text (read once per text; OrderSyntaxError if it does not read)."""
    try:
        node = expr.parse(text)
    except expr.ExprError as error:
        raise OrderSyntaxError(f"in the condition {text!r}: {error}") from None
    return expr.unparse(node)


class _Words:
    """The words of a line, read left to right."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.pos = 0

    def _read(self) -> tuple[str, bool] | None:
        m = _TOKEN.match(self.line, self.pos)
        if m is None:  # only blanks are left (a token is a quote or a non-blank)
            return None
        self.pos = m.end()
        quoted = m.group(1)
        if quoted is not None:
            return (re.sub(r"\\(.)", r"\1", quoted) if "\\" in quoted else quoted), True
        return m.group(2), False

    def at_end(self) -> bool:
        return not self.line[self.pos :].strip()

    def peek(self) -> str | None:
        saved = self.pos
        token = self._read()
        self.pos = saved
        return None if token is None or token[1] else token[0]

    def word(self, what: str) -> str:
        token = self._read()
        if token is None:
            raise OrderSyntaxError(f"expected {what} at the end of {self.line!r}")
        if token[1]:
            raise OrderSyntaxError(f"expected {what}, found a quoted text")
        return token[0]

    def ident(self, what: str) -> str:
        value = self.word(what)
        if not _ID.match(value):
            raise OrderSyntaxError(
                f"{value!r} is not a valid {what} (lower-case letters, digits and _)"
            )
        return value

    def quoted(self, what: str, *, empty: bool = False, limit: int | None = 500) -> str:
        token = self._read()
        if token is None or not token[1]:
            raise OrderSyntaxError(f'expected {what} in double quotes, like "..."')
        if not empty and not token[0].strip():
            raise OrderSyntaxError(f"{what} is empty")
        if limit is not None and len(token[0]) > limit:
            raise OrderSyntaxError(f"{what} is longer than {limit} characters")
        return token[0]

    def maybe_quoted(self) -> str | None:
        saved = self.pos
        token = self._read()
        if token is not None and token[1]:
            return token[0]
        self.pos = saved
        return None

    def option(self, name: str) -> tuple[str, ...]:
        """Read `name=a,b` if it comes next; () otherwise."""
        nxt = self.peek()
        if nxt is None or not nxt.startswith(name + "="):
            return ()
        self._read()
        values = tuple(v for v in nxt[len(name) + 1 :].split(",") if v)
        for v in values:
            if not _ID.match(v):
                raise OrderSyntaxError(f"{v!r} in {name}= is not a valid id")
        return values

    def condition(self) -> str | None:
        """Read `if <condition>` (the rest of the line) if it comes next."""
        if self.peek() != "if":
            return None
        self._read()
        rest = self.line[self.pos :].strip()
        self.pos = len(self.line)
        if not rest:
            raise OrderSyntaxError("expected a condition after 'if'")
        return _canonical_condition(rest)

    def one_of(self, what: str, allowed: tuple[str, ...]) -> str:
        value = self.word(what)
        if value not in allowed:
            raise OrderSyntaxError(f"expected {what}, found {value!r}")
        return value

    def vote(self, allowed: tuple[Vote, ...]) -> Vote:
        value = self.word(", ".join(v.value for v in allowed))
        for v in allowed:
            if v.value == value:
                return v
        names = ", ".join(v.value for v in allowed)
        raise OrderSyntaxError(f"expected one of {names}, found {value!r}")

    def amount(self) -> int:
        value = self.word("an amount")
        clean = value.replace("_", "")
        if not (clean.isascii() and clean.isdigit()) or len(clean) > 9:
            raise OrderSyntaxError(f"expected a whole number amount, found {value!r}")
        return int(clean)

    def number(self, what: str) -> int:
        """A small whole number (1 to 3 digits): an order's or a round's number."""
        value = self.word(what)
        if not re.fullmatch(r"[0-9]{1,3}", value):
            raise OrderSyntaxError(f"expected {what} (a whole number), found {value!r}")
        return int(value)

    def end(self) -> None:
        if self.line[self.pos :].strip():
            raise OrderSyntaxError(f"unexpected {self.line[self.pos :].strip()!r} at the end")


class _Line:
    """What every line type has: the verbs it is written with, `read`, `text`, `from_text`."""

    __slots__ = ()
    VERBS: ClassVar[tuple[str, ...]] = ()
    """The verb words this type is written with (the first is its name)."""

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        """Read the rest of the line after `seat` and `verb` (the words are already taken)."""
        raise NotImplementedError

    def text(self) -> str:
        """The line's canonical text."""
        raise NotImplementedError

    @property
    def verb(self) -> str:
        """The verb word this line is written with."""
        return self.VERBS[0]

    @classmethod
    def from_text(cls, line: str) -> Self:
        """Read a line that must be of this type."""
        found = parse_line(line)
        if not isinstance(found, cls):
            raise OrderSyntaxError(f"{line!r} is not a {cls.VERBS[0]} line")
        return found


# --- public actions (negotiation) --------------------------------------------------


@dataclass(frozen=True, slots=True)
class _DraftAction(_Line):
    """A draft put forward: a prepared one of the scenario by id, or a new one."""

    seat: str
    draft: str
    title: str | None = None
    """None for a prepared draft of the scenario."""
    procedural: bool = False
    tags: tuple[str, ...] = ()

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        draft = w.ident("draft id")
        title = w.maybe_quoted()
        if title is None:
            return cls(seat, draft)
        procedural = w.one_of("procedural or substantive", ("procedural", "substantive"))
        return cls(seat, draft, title, procedural == "procedural", w.option("tags"))

    def text(self) -> str:
        """`fr table pk` for a prepared draft; the full form for a new one."""
        head = f"{self.seat} {self.VERBS[0]} {self.draft}"
        if self.title is None:
            return head
        kind = "procedural" if self.procedural else "substantive"
        tags = f" tags={_ids(self.tags)}" if self.tags else ""
        return f"{head} {quote(self.title)} {kind}{tags}"


@dataclass(frozen=True, slots=True)
class TableDraft(_DraftAction):
    """Table a draft resolution (a prepared one by id, or a new one)."""

    VERBS: ClassVar[tuple[str, ...]] = ("table",)


@dataclass(frozen=True, slots=True)
class Propose(_DraftAction):
    """The Secretariat proposes a mission concept; a council seat must sponsor it."""

    VERBS: ClassVar[tuple[str, ...]] = ("propose",)


@dataclass(frozen=True, slots=True)
class Sponsor(_Line):
    """A council seat sponsors a proposed concept, tabling it."""

    VERBS: ClassVar[tuple[str, ...]] = ("sponsor",)
    seat: str
    draft: str

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat, w.ident("draft id"))

    def text(self) -> str:
        return f"{self.seat} sponsor {self.draft}"


@dataclass(frozen=True, slots=True)
class Amend(_Line):
    """Table an amendment that adds or removes tags of a tabled draft."""

    VERBS: ClassVar[tuple[str, ...]] = ("amend",)
    seat: str
    amendment: str
    draft: str
    title: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        draft = w.ident("draft id")
        amendment = w.ident("amendment id")
        title = w.quoted("the amendment title")
        add = w.option("add")
        remove = w.option("remove")
        if not add and not remove:
            raise OrderSyntaxError("an amendment needs add=tags and/or remove=tags")
        return cls(seat, amendment, draft, title, add, remove)

    def text(self) -> str:
        parts = [f"{self.seat} amend {self.draft} {self.amendment} {quote(self.title)}"]
        if self.add:
            parts.append(f"add={_ids(self.add)}")
        if self.remove:
            parts.append(f"remove={_ids(self.remove)}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class UnitingForPeace(_Line):
    """After a veto, table the procedural motion calling the General Assembly."""

    VERBS: ClassVar[tuple[str, ...]] = ("uniting-for-peace",)
    seat: str
    draft: str

    @property
    def motion(self) -> str:
        """The id the motion is tabled under."""
        return f"ufp_{self.draft}"[:32]

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat, w.ident("vetoed draft id"))

    def text(self) -> str:
        return f"{self.seat} uniting-for-peace {self.draft}"


@dataclass(frozen=True, slots=True)
class OfferGuarantee(_Line):
    """Offer the host a security guarantee backed by named pledges."""

    VERBS: ClassVar[tuple[str, ...]] = ("offer",)
    seat: str
    guarantee: str
    type: str
    backing: tuple[str, ...]
    condition: str | None = None

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        gid = w.ident("guarantee id")
        gtype = w.ident("guarantee type")
        backing = w.option("backing")
        return cls(seat, gid, gtype, backing, w.condition())

    def text(self) -> str:
        backing = f" backing={_ids(self.backing)}" if self.backing else ""
        return f"{self.seat} offer {self.guarantee} {self.type}{backing}{_cond(self.condition)}"


@dataclass(frozen=True, slots=True)
class BackGuarantee(_Line):
    """A co-guarantor commits its own pledge, named in another seat's offer, to that guarantee."""

    VERBS: ClassVar[tuple[str, ...]] = ("back",)
    seat: str
    guarantee: str
    pledge: str

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat, w.ident("guarantee id"), w.ident("pledge id"))

    def text(self) -> str:
        return f"{self.seat} back {self.guarantee} {self.pledge}"


@dataclass(frozen=True, slots=True)
class TableTerms(_Line):
    """Table peace terms; they bind once both parties accept."""

    VERBS: ClassVar[tuple[str, ...]] = ("terms",)
    seat: str
    terms: str
    title: str
    tags: tuple[str, ...]

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        tid = w.ident("terms id")
        title = w.quoted("the terms' title")
        return cls(seat, tid, title, w.option("tags"))

    def text(self) -> str:
        tags = f" tags={_ids(self.tags)}" if self.tags else ""
        return f"{self.seat} terms {self.terms} {quote(self.title)}{tags}"


@dataclass(frozen=True, slots=True)
class DeclareRedLine(_Line):
    """Declare a public red line over tags."""

    VERBS: ClassVar[tuple[str, ...]] = ("redline",)
    seat: str
    red_line: str
    title: str
    tags: tuple[str, ...]

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        rid = w.ident("red line id")
        title = w.quoted("the red line's words")
        tags = w.option("tags")
        if not tags:
            raise OrderSyntaxError("a red line needs tags=... (what crosses it)")
        return cls(seat, rid, title, tags)

    def text(self) -> str:
        return f"{self.seat} redline {self.red_line} {quote(self.title)} tags={_ids(self.tags)}"


# --- sealed orders ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CastVote(_Line):
    """A council seat's vote on a tabled draft."""

    VERBS: ClassVar[tuple[str, ...]] = ("vote",)
    seat: str
    draft: str
    vote: Vote

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        draft = w.ident("draft id")
        return cls(seat, draft, w.vote((Vote.YES, Vote.NO, Vote.ABSTAIN)))

    def text(self) -> str:
        return f"{self.seat} vote {self.draft} {self.vote.value}"


@dataclass(frozen=True, slots=True)
class Lobby(_Line):
    """Spend PC to move a non-player member's vote on a draft one step."""

    VERBS: ClassVar[tuple[str, ...]] = ("lobby",)
    seat: str
    member: str
    draft: str
    toward: Vote
    """YES or NO: the direction of the push."""

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        member = w.ident("council member id")
        draft = w.ident("draft id")
        return cls(seat, member, draft, w.vote((Vote.YES, Vote.NO)))

    def text(self) -> str:
        return f"{self.seat} lobby {self.member} {self.draft} {self.toward.value}"


@dataclass(frozen=True, slots=True)
class MakePledge(_Line):
    """Commit assets to the coalition force or the UN mission, maybe on a condition."""

    VERBS: ClassVar[tuple[str, ...]] = ("pledge",)
    seat: str
    pledge: str
    asset: str
    amount: int
    target: str
    condition: str | None = None

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        pid = w.ident("pledge id")
        asset = w.ident("asset")
        amount = w.amount()
        if w.word("'to'") != "to":
            raise OrderSyntaxError("expected 'to' before the pledge's target")
        target = w.ident("target (coalition or un_mission)")
        return cls(seat, pid, asset, amount, target, w.condition())

    def text(self) -> str:
        return (
            f"{self.seat} pledge {self.pledge} {self.asset} {self.amount} "
            f"to {self.target}{_cond(self.condition)}"
        )


@dataclass(frozen=True, slots=True)
class Answer(_Line):
    """Accept or reject a guarantee or peace terms, or consent to a recommended mission."""

    VERBS: ClassVar[tuple[str, ...]] = ("accept", "reject")
    seat: str
    item: str
    accept: bool

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat, w.ident("guarantee, terms or draft id"), verb == "accept")

    @property
    def verb(self) -> str:
        return "accept" if self.accept else "reject"

    def text(self) -> str:
        return f"{self.seat} {self.verb} {self.item}"


@dataclass(frozen=True, slots=True)
class Withdraw(_Line):
    """Withdraw an honoured pledge (costs credibility)."""

    VERBS: ClassVar[tuple[str, ...]] = ("withdraw",)
    seat: str
    pledge: str

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat, w.ident("pledge id"))

    def text(self) -> str:
        return f"{self.seat} withdraw {self.pledge}"


@dataclass(frozen=True, slots=True)
class Mediate(_Line):
    """The Secretariat mediates between the parties."""

    VERBS: ClassVar[tuple[str, ...]] = ("mediate",)
    seat: str

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat)

    def text(self) -> str:
        return f"{self.seat} mediate"


@dataclass(frozen=True, slots=True)
class Endorse(_Line):
    """The Secretariat endorses a tabled draft."""

    VERBS: ClassVar[tuple[str, ...]] = ("endorse",)
    seat: str
    draft: str

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat, w.ident("draft id"))

    def text(self) -> str:
        return f"{self.seat} endorse {self.draft}"


@dataclass(frozen=True, slots=True)
class Argue(_Line):
    """A matrix-game argument: free text, rated by the facilitator."""

    VERBS: ClassVar[tuple[str, ...]] = ("argue",)
    seat: str
    option: str
    argument: str

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        option = w.ident("argument id")
        return cls(seat, option, w.quoted("the argument"))

    def text(self) -> str:
        return f"{self.seat} argue {self.option} {quote(self.argument)}"


@dataclass(frozen=True, slots=True)
class Pass(_Line):
    """Do nothing this round."""

    VERBS: ClassVar[tuple[str, ...]] = ("pass",)
    seat: str

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat)

    def text(self) -> str:
        return f"{self.seat} pass"


# --- facilitator acts ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FacInject(_Line):
    """The facilitator fires an inject of the scenario's library at the next resolution."""

    VERBS: ClassVar[tuple[str, ...]] = ("inject",)
    inject: str
    reason: str
    seat: str = FACILITATOR

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(w.ident("inject id"), w.quoted("the reason"))

    def text(self) -> str:
        return f"{FACILITATOR} inject {self.inject} {quote(self.reason)}"


@dataclass(frozen=True, slots=True)
class FacEvent(_Line):
    """The facilitator adds an ad hoc event with effects at the next resolution."""

    VERBS: ClassVar[tuple[str, ...]] = ("event",)
    title: str
    effects: tuple[str, ...]
    reason: str
    seat: str = FACILITATOR

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        title = w.quoted("the event title")
        effects = tuple(e.strip() for e in w.quoted("the effects").split(";") if e.strip())
        return cls(title, effects, w.quoted("the reason"))

    def text(self) -> str:
        effects = quote("; ".join(self.effects))
        return f"{FACILITATOR} event {quote(self.title)} {effects} {quote(self.reason)}"


@dataclass(frozen=True, slots=True)
class FacAdjust(_Line):
    """The facilitator changes a track now, with a reason."""

    VERBS: ClassVar[tuple[str, ...]] = ("adjust",)
    track: str
    delta: int
    reason: str
    seat: str = FACILITATOR

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        track = w.ident("track id")
        raw = w.word("a change such as +5 or -5")
        if not re.fullmatch(r"[+-][0-9]{1,7}", raw):
            raise OrderSyntaxError(f"expected a change such as +5 or -5, found {raw!r}")
        return cls(track, int(raw), w.quoted("the reason"))

    def text(self) -> str:
        return f"{FACILITATOR} adjust {self.track} {self.delta:+d} {quote(self.reason)}"


@dataclass(frozen=True, slots=True)
class FacRate(_Line):
    """The facilitator rates a seat's argument this round."""

    VERBS: ClassVar[tuple[str, ...]] = ("rate",)
    target_seat: str
    option: str
    rating: Rating
    seat: str = FACILITATOR

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        target = w.ident("seat")
        option = w.ident("argument")
        raw = w.word("a rating")
        ratings = {r.value: r for r in Rating}
        if raw not in ratings:
            raise OrderSyntaxError(f"expected a rating ({', '.join(ratings)}), found {raw!r}")
        return cls(target, option, ratings[raw])

    def text(self) -> str:
        return f"{FACILITATOR} rate {self.target_seat} {self.option} {self.rating.value}"


RULINGS = {
    "draft": ("adopted", "failed"),
    "pledge": ("honoured", "dropped"),
    "argument": ("succeeds", "fails"),
}
"""What a ruling may be on, and the results it may give."""


@dataclass(frozen=True, slots=True)
class FacRuling(_Line):
    """The facilitator overrides one outcome: a draft, a pledge or an argument."""

    VERBS: ClassVar[tuple[str, ...]] = ("ruling",)
    kind: str
    """"draft", "pledge" or "argument"."""
    ref: str
    """Draft id, pledge id, or `seat:option` for an argument."""
    result: str
    """Draft: adopted/failed; pledge: honoured/dropped; argument: succeeds/fails."""
    reason: str
    seat: str = FACILITATOR

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        kind = w.word("draft, pledge or argument")
        if kind not in RULINGS:
            raise OrderSyntaxError(f"a ruling is on a draft, pledge or argument, not {kind!r}")
        ref = w.word("what the ruling is on")
        result = w.word(" or ".join(RULINGS[kind]))
        if result not in RULINGS[kind]:
            raise OrderSyntaxError(
                f"a {kind} ruling is {' or '.join(RULINGS[kind])}, not {result!r}"
            )
        return cls(kind, ref, result, w.quoted("the reason"))

    def text(self) -> str:
        return f"{FACILITATOR} ruling {self.kind} {self.ref} {self.result} {quote(self.reason)}"


@dataclass(frozen=True, slots=True)
class FacEnd(_Line):
    """The facilitator ends the game with one of the scenario's endings."""

    VERBS: ClassVar[tuple[str, ...]] = ("end",)
    ending: str
    reason: str
    seat: str = FACILITATOR

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(w.ident("ending id"), w.quoted("the reason"))

    def text(self) -> str:
        return f"{FACILITATOR} end {self.ending} {quote(self.reason)}"


# --- control lines: they move the game along and are checked by the game ------------


@dataclass(frozen=True, slots=True)
class BeginOrders(_Line):
    """Close negotiation and open the orders phase (`orders`)."""

    VERBS: ClassVar[tuple[str, ...]] = ("orders",)

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls()

    def text(self) -> str:
        return "orders"


@dataclass(frozen=True, slots=True)
class Resolve(_Line):
    """Resolve the round once every seat has submitted (`resolve`)."""

    VERBS: ClassVar[tuple[str, ...]] = ("resolve",)

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls()

    def text(self) -> str:
        return "resolve"


@dataclass(frozen=True, slots=True)
class Submit(_Line):
    """A seat seals its orders for this round."""

    VERBS: ClassVar[tuple[str, ...]] = ("submit",)
    seat: str

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat)

    def text(self) -> str:
        return f"{self.seat} submit"


@dataclass(frozen=True, slots=True)
class Retract(_Line):
    """A seat removes its n-th pending order (1-based) before submitting."""

    VERBS: ClassVar[tuple[str, ...]] = ("retract",)
    seat: str
    number: int
    """The order's place in the seat's list, from 1."""

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        return cls(seat, w.number("the order's number"))

    def text(self) -> str:
        return f"{self.seat} retract {self.number}"


@dataclass(frozen=True, slots=True)
class Rewind(_Line):
    """The facilitator takes the game back to the start of a round; the log keeps both."""

    VERBS: ClassVar[tuple[str, ...]] = ("rewind",)
    round: int
    reason: str
    seat: str = FACILITATOR

    @classmethod
    def read(cls, seat: str, verb: str, w: _Words) -> Self:
        round_ = w.number("a round number")
        return cls(round_, w.quoted("the reason", empty=True, limit=None))

    def text(self) -> str:
        return f"{FACILITATOR} rewind {self.round} {quote(self.reason)}"


PublicAction = (
    TableDraft
    | Propose
    | Sponsor
    | Amend
    | UnitingForPeace
    | OfferGuarantee
    | BackGuarantee
    | TableTerms
    | DeclareRedLine
)
"""Actions taken openly during negotiation; they take effect at once."""
SecretOrder = CastVote | Lobby | MakePledge | Answer | Withdraw | Mediate | Endorse | Argue | Pass
"""Orders sealed until resolution."""
FacilitatorAct = FacInject | FacEvent | FacAdjust | FacRate | FacRuling | FacEnd
"""Facilitator acts, logged with their reasons."""
Action = PublicAction | SecretOrder | FacilitatorAct
"""What the engine acts on and checks."""
Control = BeginOrders | Submit | Retract | Resolve | Rewind
"""Lines that move the game along; the game (not the engine state) checks them."""
Line = Action | Control
"""Any line of a game's log."""

_TABLE_LINES: dict[str, type[BeginOrders | Resolve]] = {"orders": BeginOrders, "resolve": Resolve}
_SEAT_LINES: dict[str, type[PublicAction | SecretOrder | Submit | Retract]] = {
    verb: cls
    for cls in (*PublicAction.__args__, *SecretOrder.__args__, Submit, Retract)
    for verb in cls.VERBS
}
_FACILITATOR_LINES: dict[str, type[FacilitatorAct | Rewind]] = {
    verb: cls for cls in (*FacilitatorAct.__args__, Rewind) for verb in cls.VERBS
}


@functools.lru_cache(maxsize=4096)
def parse_line(line: str) -> Line:
    """Read any log line: an action or a control line; raises OrderSyntaxError.

    Lines are frozen values, so a line read before is returned again (`orders`,
    `fr submit`, `fr vote pk yes` come back every round and in every replay).

    The first word is `orders` or `resolve` (the whole line), `facilitator`
    (then an act), or a seat id (then its verb).
    """
    text = line.strip()
    if len(text) > MAX_LINE and not text.startswith(f"{FACILITATOR} rewind "):
        raise OrderSyntaxError(f"an order line is limited to {MAX_LINE} characters")
    if "\n" in text:
        raise OrderSyntaxError("an order is one line: it may not hold a line break")
    control = first_control(text)
    if control is not None:
        raise OrderSyntaxError(control_message(control))
    w = _Words(text)
    first = w.word("a seat")
    found: Line
    if first in _TABLE_LINES and w.at_end():
        found = _TABLE_LINES[first].read(first, first, w)
    elif first == FACILITATOR:
        verb = w.word("a facilitator act")
        act = _FACILITATOR_LINES.get(verb)
        if act is None:
            raise OrderSyntaxError(
                f"unknown facilitator act {verb!r} ({', '.join(_FACILITATOR_LINES)})"
            )
        found = act.read(first, verb, w)
    else:
        if not _ID.match(first):
            raise OrderSyntaxError(f"{first!r} is not a seat id")
        verb = w.word("an order")
        order = _SEAT_LINES.get(verb)
        if order is None and first in _TABLE_LINES:
            raise OrderSyntaxError(f"unexpected {verb!r} after {first!r}, which stands alone")
        if order is None:
            raise OrderSyntaxError(f"unknown order {verb!r}")
        found = order.read(first, verb, w)
    w.end()
    return found


def parse_action(line: str) -> Action:
    """Read one action line (not a control line); raises OrderSyntaxError."""
    found = parse_line(line)
    if isinstance(found, Control):
        raise OrderSyntaxError(f"{line.strip()!r} moves the game along; it is not an order")
    return found
