"""Orders and public actions: small frozen values with a one-line text form.

`parse_action(text)` reads a line such as ``uk pledge uk1 jets 2 to coalition if
fr.pledged.troops >= 5000`` and `action.text()` writes it back; the two
round-trip, and the text is what saves and reports show. Parsing checks only
the shape of the line; whether the action is allowed now is the job of
:mod:`wargame.engine.checks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from wargame.scenario import expr
from wargame.scenario.models import Rating, Vote

FACILITATOR = "facilitator"
"""The pseudo-seat that facilitator acts are logged under."""

_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))')


class OrderSyntaxError(ValueError):
    """An order line that cannot be read; the message says what was expected."""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ids(values: tuple[str, ...]) -> str:
    return ",".join(values)


def _cond(condition: str | None) -> str:
    return f" if {condition}" if condition else ""


@dataclass(frozen=True, slots=True)
class _DraftAction:
    """A draft put forward: a prepared one of the scenario by id, or a new one."""

    VERB: ClassVar[str] = ""

    seat: str
    draft: str
    title: str | None = None
    """None for a prepared draft of the scenario."""
    procedural: bool = False
    tags: tuple[str, ...] = ()

    def text(self) -> str:
        """`fr table pk` for a prepared draft; the full form for a new one."""
        head = f"{self.seat} {self.VERB} {self.draft}"
        if self.title is None:
            return head
        kind = "procedural" if self.procedural else "substantive"
        tags = f" tags={_ids(self.tags)}" if self.tags else ""
        return f"{head} {_quote(self.title)} {kind}{tags}"


@dataclass(frozen=True, slots=True)
class TableDraft(_DraftAction):
    """Table a draft resolution (a prepared one by id, or a new one)."""

    VERB: ClassVar[str] = "table"


@dataclass(frozen=True, slots=True)
class Propose(_DraftAction):
    """The Secretariat proposes a mission concept; a council seat must sponsor it."""

    VERB: ClassVar[str] = "propose"


@dataclass(frozen=True, slots=True)
class Sponsor:
    """A council seat sponsors a proposed concept, tabling it."""

    seat: str
    draft: str

    def text(self) -> str:
        return f"{self.seat} sponsor {self.draft}"


@dataclass(frozen=True, slots=True)
class Amend:
    """Table an amendment that adds or removes tags of a tabled draft."""

    seat: str
    amendment: str
    draft: str
    title: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def text(self) -> str:
        parts = [f"{self.seat} amend {self.draft} {self.amendment} {_quote(self.title)}"]
        if self.add:
            parts.append(f"add={_ids(self.add)}")
        if self.remove:
            parts.append(f"remove={_ids(self.remove)}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class UnitingForPeace:
    """After a veto, table the procedural motion calling the General Assembly."""

    seat: str
    draft: str

    @property
    def motion(self) -> str:
        """The id the motion is tabled under."""
        return f"ufp_{self.draft}"[:32]

    def text(self) -> str:
        return f"{self.seat} uniting-for-peace {self.draft}"


@dataclass(frozen=True, slots=True)
class OfferGuarantee:
    """Offer the host a security guarantee backed by named pledges."""

    seat: str
    guarantee: str
    type: str
    backing: tuple[str, ...]
    condition: str | None = None

    def text(self) -> str:
        backing = f" backing={_ids(self.backing)}" if self.backing else ""
        return f"{self.seat} offer {self.guarantee} {self.type}{backing}{_cond(self.condition)}"


@dataclass(frozen=True, slots=True)
class TableTerms:
    """Table peace terms; they bind once both parties accept."""

    seat: str
    terms: str
    title: str
    tags: tuple[str, ...]

    def text(self) -> str:
        tags = f" tags={_ids(self.tags)}" if self.tags else ""
        return f"{self.seat} terms {self.terms} {_quote(self.title)}{tags}"


@dataclass(frozen=True, slots=True)
class DeclareRedLine:
    """Declare a public red line over tags."""

    seat: str
    red_line: str
    title: str
    tags: tuple[str, ...]

    def text(self) -> str:
        return f"{self.seat} redline {self.red_line} {_quote(self.title)} tags={_ids(self.tags)}"


@dataclass(frozen=True, slots=True)
class CastVote:
    """A council seat's vote on a tabled draft."""

    seat: str
    draft: str
    vote: Vote

    def text(self) -> str:
        return f"{self.seat} vote {self.draft} {self.vote.value}"


@dataclass(frozen=True, slots=True)
class Lobby:
    """Spend PC to move a non-player member's vote on a draft one step."""

    seat: str
    member: str
    draft: str
    toward: Vote
    """YES or NO: the direction of the push."""

    def text(self) -> str:
        return f"{self.seat} lobby {self.member} {self.draft} {self.toward.value}"


@dataclass(frozen=True, slots=True)
class MakePledge:
    """Commit assets to the coalition force or the UN mission, maybe on a condition."""

    seat: str
    pledge: str
    asset: str
    amount: int
    target: str
    condition: str | None = None

    def text(self) -> str:
        return (
            f"{self.seat} pledge {self.pledge} {self.asset} {self.amount} "
            f"to {self.target}{_cond(self.condition)}"
        )


@dataclass(frozen=True, slots=True)
class Answer:
    """Accept or reject a guarantee or peace terms, or consent to a recommended mission."""

    seat: str
    item: str
    accept: bool

    def text(self) -> str:
        return f"{self.seat} {'accept' if self.accept else 'reject'} {self.item}"


@dataclass(frozen=True, slots=True)
class Withdraw:
    """Withdraw an honoured pledge (costs credibility)."""

    seat: str
    pledge: str

    def text(self) -> str:
        return f"{self.seat} withdraw {self.pledge}"


@dataclass(frozen=True, slots=True)
class Mediate:
    """The Secretariat mediates between the parties."""

    seat: str

    def text(self) -> str:
        return f"{self.seat} mediate"


@dataclass(frozen=True, slots=True)
class Endorse:
    """The Secretariat endorses a tabled draft."""

    seat: str
    draft: str

    def text(self) -> str:
        return f"{self.seat} endorse {self.draft}"


@dataclass(frozen=True, slots=True)
class Argue:
    """A matrix-game argument: free text, rated by the facilitator."""

    seat: str
    option: str
    argument: str

    def text(self) -> str:
        return f"{self.seat} argue {self.option} {_quote(self.argument)}"


@dataclass(frozen=True, slots=True)
class Pass:
    """Do nothing this round."""

    seat: str

    def text(self) -> str:
        return f"{self.seat} pass"


@dataclass(frozen=True, slots=True)
class FacInject:
    """The facilitator fires an inject of the scenario's library at the next resolution."""

    inject: str
    reason: str
    seat: str = FACILITATOR

    def text(self) -> str:
        return f"{FACILITATOR} inject {self.inject} {_quote(self.reason)}"


@dataclass(frozen=True, slots=True)
class FacEvent:
    """The facilitator adds an ad hoc event with effects at the next resolution."""

    title: str
    effects: tuple[str, ...]
    reason: str
    seat: str = FACILITATOR

    def text(self) -> str:
        effects = _quote("; ".join(self.effects))
        return f"{FACILITATOR} event {_quote(self.title)} {effects} {_quote(self.reason)}"


@dataclass(frozen=True, slots=True)
class FacAdjust:
    """The facilitator changes a track now, with a reason."""

    track: str
    delta: int
    reason: str
    seat: str = FACILITATOR

    def text(self) -> str:
        return f"{FACILITATOR} adjust {self.track} {self.delta:+d} {_quote(self.reason)}"


@dataclass(frozen=True, slots=True)
class FacRate:
    """The facilitator rates a seat's argument this round."""

    target_seat: str
    option: str
    rating: Rating
    seat: str = FACILITATOR

    def text(self) -> str:
        return f"{FACILITATOR} rate {self.target_seat} {self.option} {self.rating.value}"


@dataclass(frozen=True, slots=True)
class FacRuling:
    """The facilitator overrides one outcome: a draft, a pledge or an argument."""

    kind: str
    """"draft", "pledge" or "argument"."""
    ref: str
    """Draft id, pledge id, or `seat:option` for an argument."""
    result: str
    """Draft: adopted/failed; pledge: honoured/dropped; argument: succeeds/fails."""
    reason: str
    seat: str = FACILITATOR

    def text(self) -> str:
        return f"{FACILITATOR} ruling {self.kind} {self.ref} {self.result} {_quote(self.reason)}"


@dataclass(frozen=True, slots=True)
class FacEnd:
    """The facilitator ends the game with one of the scenario's endings."""

    ending: str
    reason: str
    seat: str = FACILITATOR

    def text(self) -> str:
        return f"{FACILITATOR} end {self.ending} {_quote(self.reason)}"


PublicAction = (
    TableDraft
    | Propose
    | Sponsor
    | Amend
    | UnitingForPeace
    | OfferGuarantee
    | TableTerms
    | DeclareRedLine
)
"""Actions taken openly during negotiation; they take effect at once."""
SecretOrder = CastVote | Lobby | MakePledge | Answer | Withdraw | Mediate | Endorse | Argue | Pass
"""Orders sealed until resolution."""
FacilitatorAct = FacInject | FacEvent | FacAdjust | FacRate | FacRuling | FacEnd
"""Facilitator acts, logged with their reasons."""
Action = PublicAction | SecretOrder | FacilitatorAct

_RULINGS = {
    "draft": ("adopted", "failed"),
    "pledge": ("honoured", "dropped"),
    "argument": ("succeeds", "fails"),
}


class _Words:
    """The words of an order line, read left to right."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.pos = 0

    def _read(self) -> tuple[str, bool] | None:
        m = _TOKEN.match(self.line, self.pos)
        if m is None or m.end() == self.pos or not self.line[self.pos :].strip():
            return None
        self.pos = m.end()
        if m.group(1) is not None:
            return re.sub(r"\\(.)", r"\1", m.group(1)), True
        return m.group(2), False

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

    def quoted(self, what: str) -> str:
        token = self._read()
        if token is None or not token[1]:
            raise OrderSyntaxError(f'expected {what} in double quotes, like "..."')
        if not token[0].strip():
            raise OrderSyntaxError(f"{what} is empty")
        if len(token[0]) > 500:
            raise OrderSyntaxError(f"{what} is longer than 500 characters")
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
        try:
            node = expr.parse(rest)
        except expr.ExprError as error:
            raise OrderSyntaxError(f"in the condition {rest!r}: {error}") from None
        return expr.unparse(node)

    def kind(self) -> bool:
        value = self.word("procedural or substantive")
        if value not in ("procedural", "substantive"):
            raise OrderSyntaxError(f"expected procedural or substantive, found {value!r}")
        return value == "procedural"

    def end(self) -> None:
        if self.line[self.pos :].strip():
            raise OrderSyntaxError(f"unexpected {self.line[self.pos :].strip()!r} at the end")


def _vote(value: str, allowed: tuple[Vote, ...]) -> Vote:
    for v in allowed:
        if v.value == value:
            return v
    names = ", ".join(v.value for v in allowed)
    raise OrderSyntaxError(f"expected one of {names}, found {value!r}")


def _amount(value: str) -> int:
    clean = value.replace("_", "")
    if not (clean.isascii() and clean.isdigit()) or len(clean) > 9:
        raise OrderSyntaxError(f"expected a whole number amount, found {value!r}")
    return int(clean)


def _facilitator(w: _Words) -> FacilitatorAct:
    verb = w.word("a facilitator act")
    if verb == "inject":
        return FacInject(w.ident("inject id"), w.quoted("the reason"))
    if verb == "event":
        title = w.quoted("the event title")
        effects = tuple(e.strip() for e in w.quoted("the effects").split(";") if e.strip())
        return FacEvent(title, effects, w.quoted("the reason"))
    if verb == "adjust":
        track = w.ident("track id")
        raw = w.word("a change such as +5 or -5")
        if not re.fullmatch(r"[+-]\d{1,7}", raw):
            raise OrderSyntaxError(f"expected a change such as +5 or -5, found {raw!r}")
        return FacAdjust(track, int(raw), w.quoted("the reason"))
    if verb == "rate":
        seat = w.ident("seat")
        option = w.ident("argument")
        raw = w.word("a rating")
        ratings = {r.value: r for r in Rating}
        if raw not in ratings:
            raise OrderSyntaxError(f"expected a rating ({', '.join(ratings)}), found {raw!r}")
        return FacRate(seat, option, ratings[raw])
    if verb == "ruling":
        kind = w.word("draft, pledge or argument")
        if kind not in _RULINGS:
            raise OrderSyntaxError(f"a ruling is on a draft, pledge or argument, not {kind!r}")
        ref = w.word("what the ruling is on")
        result = w.word(" or ".join(_RULINGS[kind]))
        if result not in _RULINGS[kind]:
            raise OrderSyntaxError(
                f"a {kind} ruling is {' or '.join(_RULINGS[kind])}, not {result!r}"
            )
        return FacRuling(kind, ref, result, w.quoted("the reason"))
    if verb == "end":
        return FacEnd(w.ident("ending id"), w.quoted("the reason"))
    raise OrderSyntaxError(
        f"unknown facilitator act {verb!r} (inject, event, adjust, rate, ruling, end)"
    )


def _read_action(w: _Words, seat: str, verb: str) -> Action:
    if verb in ("table", "propose"):
        draft = w.ident("draft id")
        title = w.maybe_quoted()
        if title is None:
            return TableDraft(seat, draft) if verb == "table" else Propose(seat, draft)
        procedural = w.kind()
        tags = w.option("tags")
        cls = TableDraft if verb == "table" else Propose
        return cls(seat, draft, title, procedural, tags)
    if verb == "sponsor":
        return Sponsor(seat, w.ident("draft id"))
    if verb == "amend":
        draft = w.ident("draft id")
        amendment = w.ident("amendment id")
        title = w.quoted("the amendment title")
        add = w.option("add")
        remove = w.option("remove")
        if not add and not remove:
            raise OrderSyntaxError("an amendment needs add=tags and/or remove=tags")
        return Amend(seat, amendment, draft, title, add, remove)
    if verb == "uniting-for-peace":
        return UnitingForPeace(seat, w.ident("vetoed draft id"))
    if verb == "offer":
        gid = w.ident("guarantee id")
        gtype = w.ident("guarantee type")
        backing = w.option("backing")
        return OfferGuarantee(seat, gid, gtype, backing, w.condition())
    if verb == "terms":
        tid = w.ident("terms id")
        title = w.quoted("the terms' title")
        return TableTerms(seat, tid, title, w.option("tags"))
    if verb == "redline":
        rid = w.ident("red line id")
        title = w.quoted("the red line's words")
        tags = w.option("tags")
        if not tags:
            raise OrderSyntaxError("a red line needs tags=... (what crosses it)")
        return DeclareRedLine(seat, rid, title, tags)
    if verb == "vote":
        draft = w.ident("draft id")
        return CastVote(
            seat, draft, _vote(w.word("yes, no or abstain"), (Vote.YES, Vote.NO, Vote.ABSTAIN))
        )
    if verb == "lobby":
        member = w.ident("council member id")
        draft = w.ident("draft id")
        return Lobby(seat, member, draft, _vote(w.word("yes or no"), (Vote.YES, Vote.NO)))
    if verb == "pledge":
        pid = w.ident("pledge id")
        asset = w.ident("asset")
        amount = _amount(w.word("an amount"))
        if w.word("'to'") != "to":
            raise OrderSyntaxError("expected 'to' before the pledge's target")
        target = w.ident("target (coalition or un_mission)")
        return MakePledge(seat, pid, asset, amount, target, w.condition())
    if verb in ("accept", "reject"):
        return Answer(seat, w.ident("guarantee, terms or draft id"), verb == "accept")
    if verb == "withdraw":
        return Withdraw(seat, w.ident("pledge id"))
    if verb == "mediate":
        return Mediate(seat)
    if verb == "endorse":
        return Endorse(seat, w.ident("draft id"))
    if verb == "argue":
        option = w.ident("argument id")
        return Argue(seat, option, w.quoted("the argument"))
    if verb == "pass":
        return Pass(seat)
    raise OrderSyntaxError(f"unknown order {verb!r}")


def parse_action(line: str) -> Action:
    """Read one action line; raises OrderSyntaxError with what was expected."""
    if len(line) > 2000:
        raise OrderSyntaxError("an order line is limited to 2000 characters")
    w = _Words(line.strip())
    seat = w.word("a seat")
    if seat == FACILITATOR:
        action: Action = _facilitator(w)
    else:
        if not _ID.match(seat):
            raise OrderSyntaxError(f"{seat!r} is not a seat id")
        action = _read_action(w, seat, w.word("an order"))
    w.end()
    return action
