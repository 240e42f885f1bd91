"""The choices the `strong` level weighs for its seat: public moves and order slots.

Everything is built from the seat's belief (an engine state) and the scenario
as the seat knows it, as the grammar's own line types, so that what is entered
is written by the grammar (quoted and escaped) and checked by the engine
before it is weighed. The lists are short on purpose: the search resolves
every choice against every sample, and a decision must stay within a second.

The seat's wishes are read from its objectives: a tag a positive objective asks
to be in force (or to be in accepted terms) is wanted, one it asks not to be
in force (or a negative objective asks to be) is refused; the persona's
priorities are wanted too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wargame.engine import Action, check
from wargame.engine import orders as o
from wargame.engine.evaluation import Evaluator
from wargame.engine.state import DraftStatus, GameState, PledgeStatus
from wargame.scenario.models import BotPersona, MemberDef, Scenario, Vote

_TAG_CALL = re.compile(
    r"(\bnot\s+)?\b(in_force|terms_accepted|adopted_tag|guarantee_active)\(\s*\"([a-z][a-z0-9_]*)\"\s*\)"
)

MAX_PLEDGE_SLOTS = 1
"""New pledges weighed per round."""
MAX_PLEDGE_CHOICES = 8
"""Alternatives weighed for a new pledge (nothing included)."""
MAX_PER_KIND = 3
"""Drafts lobbied, pledges withdrawn... weighed per round."""


@dataclass(frozen=True, slots=True)
class Wishes:
    """The tags a seat wants in force and those it wants kept out, from its objectives."""

    wanted: tuple[str, ...]
    """Tags its objectives (or persona) want in force or in accepted terms."""
    refused: tuple[str, ...]
    """Tags its objectives want kept out of force."""
    in_terms: tuple[str, ...]
    """Tags its objectives want in terms both parties accepted."""

    @classmethod
    def of(cls, scenario: Scenario, seat: str, persona: BotPersona) -> Wishes:
        me = next(s for s in scenario.seats if s.id == seat)
        known = {t.id for t in scenario.tags} | {
            tag for g in scenario.guarantee_types for tag in g.tags
        }
        wanted: list[str] = [t for t in persona.priorities if t in known]
        refused: list[str] = []
        in_terms: list[str] = []
        for ob in me.objectives:
            for negated, fn, tag in _TAG_CALL.findall(ob.when):
                if fn == "guarantee_active" or tag not in known:
                    continue
                wants = (ob.points > 0) != bool(negated)
                (wanted if wants else refused).append(tag)
                if fn == "terms_accepted" and wants:
                    in_terms.append(tag)
        return cls(_unique(wanted), _unique(refused), _unique(in_terms))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@dataclass(frozen=True, slots=True)
class Slot:
    """One decision among the seat's orders: a few alternatives, one taken."""

    name: str
    choices: tuple[tuple[Action, ...], ...]
    """The alternatives; each is the orders it adds (the first is usually nothing)."""
    default: int = 0
    """The alternative taken before the search weighs the others."""
    guided: bool = False
    """Whether the default is the guide's choice (see `guided`)."""


def new_id(seat: str, round_: int, kind: str, number: int = 1) -> str:
    """A fresh id for the seat's new item, named after seat, round and kind so a
    resumed bot names alike and no two seats clash (`fr3sp1`)."""
    return f"{seat}{round_}s{kind}{number}"


def legal(
    state: GameState, actions: Iterable[Action], pending: Sequence[Action] = ()
) -> list[Action]:
    """`actions` the engine accepts in turn (each after the ones kept), in order."""
    kept: list[Action] = list(pending)
    start = len(kept)
    for action in actions:
        if check(state, action, kept) is None:
            kept.append(action)
    return kept[start:]


# -- negotiation ---------------------------------------------------------------


def public_moves(state: GameState, seat: str, wishes: Wishes) -> list[Action]:
    """The public actions worth weighing now, each legal on its own."""
    sc = state.scenario
    rules = state.rules
    r = state.round
    roles = sc.roles
    on_council = seat in rules.member_of_seat
    moves: list[Action] = []
    if seat == roles.secretariat:
        moves += [o.Propose(seat, d.id) for d in sc.drafts if d.concept]
    if on_council:
        moves += [o.TableDraft(seat, d.id) for d in sc.drafts if not d.concept]
        moves += [o.Sponsor(seat, d.id) for d in state.drafts if d.status is DraftStatus.PROPOSED]
        moves += [
            o.UnitingForPeace(seat, d.id) for d in state.drafts if d.status is DraftStatus.VETOED
        ]
        moves += _amendments(state, seat, wishes)
    if seat != roles.host:
        moves += _offers(state, seat)
        moves += [
            o.BackGuarantee(seat, g.id, p.id)
            for g in state.guarantees
            if g.guarantor != seat and g.accepted is not False
            for p in state.pledges
            if p.seat == seat and p.id in g.backing and (p.id, seat) not in g.backers
        ]
    if wishes.in_terms:
        title = f"Terms of {rules.names.seat(seat)}"
        moves.append(o.TableTerms(seat, new_id(seat, r, "t"), title, wishes.in_terms))
    declared = {t for line in state.red_lines if line.seat == seat for t in line.tags}
    lines = tuple(t for t in wishes.refused if t not in declared)
    if lines:
        words = "Never this: " + ", ".join(lines)
        moves.append(o.DeclareRedLine(seat, new_id(seat, r, "r"), words, lines))
    return [m for m in moves if check(state, m) is None]


def _amendments(state: GameState, seat: str, wishes: Wishes) -> list[Action]:
    out: list[Action] = []
    for n, d in enumerate(
        (d for d in state.drafts if d.status is DraftStatus.TABLED and d.amends is None), 1
    ):
        remove = tuple(t for t in d.tags if t in wishes.refused)
        add = tuple(t for t in wishes.wanted if t not in d.tags)[:1]
        if remove or add:
            title = "Amendment"
            out.append(o.Amend(seat, new_id(seat, state.round, "a", n), d.id, title, add, remove))
    return out[:MAX_PER_KIND]


def _offers(state: GameState, seat: str) -> list[Action]:
    """An offer of each guarantee type, backed by a pledge the seat will make this round."""
    out: list[Action] = []
    for n, gtype in enumerate(state.scenario.guarantee_types, 1):
        if _backing_for(state, seat, gtype.id) is None:
            continue
        pledge = new_id(seat, state.round, "b", n)
        out.append(o.OfferGuarantee(seat, new_id(seat, state.round, "g", n), gtype.id, (pledge,)))
    return out


def _backing_for(state: GameState, seat: str, gtype: str) -> tuple[str, str, int] | None:
    """(asset, target, amount) of a pledge the seat could make to back a `gtype` guarantee."""
    rules = state.rules
    t = rules.guarantee_types[gtype]
    for asset in t.backing_assets or [a.id for a in state.scenario.assets]:
        spare = free(state, seat, asset)
        if spare <= 0:
            continue
        for target in t.backing_targets:
            if rules.backing_misfit(gtype, asset, target) is None:
                return asset, target, max(1, spare // 3)
    return None


def free(state: GameState, seat: str, asset: str) -> int:
    """Units of `asset` the seat holds outside honoured pledges."""
    return state.seats[seat].assets.get(asset, 0) - state.committed(seat, asset)


# -- orders ----------------------------------------------------------------------


def follow_ups(state: GameState, seat: str, guide: Sequence[Action] = ()) -> list[Action]:
    """The orders the seat gives by default: the guide's (see `guided`) and those its
    own public moves of this round call for: its drafts voted yes, the pledges its
    offers named made, its terms accepted."""
    slots = guided(order_slots(state, seat), guide)
    return [c for slot in slots for c in slot.choices[slot.default]]


def guided(slots: Sequence[Slot], guide: Sequence[Action]) -> list[Slot]:
    """`slots` with `guide` (the orders another level would give) taken as their defaults.

    A slot deciding what a guide order decides (the same vote, answer, lobbied draft;
    mediation, endorsement, argument, withdrawal) defaults to the guide's choice, added
    to its alternatives when it is not among them; every other guide order is a slot of
    its own, kept by default, placed first. So the search starts from the guide's orders
    and departs from them only for something it finds worth more.
    """
    left = list(guide)
    out: list[Slot] = []
    for slot in slots:
        keys = {_decides(a) for choice in slot.choices for a in choice}
        chosen = tuple(a for a in left if _decides(a) in keys)
        if not chosen:
            out.append(slot)
            continue
        left = [a for a in left if a not in chosen]
        choices = slot.choices if chosen in slot.choices else (*slot.choices, chosen)
        out.append(Slot(slot.name, choices, choices.index(chosen), guided=True))
    kept = [Slot(f"keep {a.text()}", ((), (a,)), 1, guided=True) for a in left]
    return kept + out


def _decides(action: Action) -> tuple[str, ...]:
    """What decision an order takes: two orders with the same answer exclude each other."""
    match action:
        case o.CastVote(draft=draft) | o.Lobby(draft=draft):
            return (type(action).__name__, draft)
        case o.Answer(item=item):
            return ("answer", item)
        case o.Withdraw() | o.Mediate() | o.Endorse() | o.Argue():
            return (type(action).__name__,)
    return ("own", action.text())


def order_slots(state: GameState, seat: str) -> list[Slot]:
    """The seat's order decisions this round, most consequential first."""
    sc = state.scenario
    rules = state.rules
    roles = sc.roles
    tabled = [d for d in state.drafts if d.status is DraftStatus.TABLED]
    slots: list[Slot] = []
    if seat in rules.member_of_seat:
        for d in tabled:
            votes = tuple((o.CastVote(seat, d.id, v),) for v in (Vote.YES, Vote.NO))
            slots.append(Slot(f"vote {d.id}", ((), *votes), 1 if _ours(state, seat, d) else 0))
    slots += _answers(state, seat)
    slots += _named_backing(state, seat)
    slots += _pledges(state, seat)
    if seat == roles.secretariat:
        slots.append(Slot("mediate", ((), (o.Mediate(seat),))))
        slots.append(Slot("endorse", ((), *((o.Endorse(seat, d.id),) for d in tabled))))
    for d in tabled[:MAX_PER_KIND]:
        lobbies = tuple(
            (o.Lobby(seat, m.id, d.id, toward),)
            for toward in (Vote.YES, Vote.NO)
            if (m := _lobbied(state, d.id, toward)) is not None
        )
        if lobbies:
            slots.append(Slot(f"lobby {d.id}", ((), *lobbies)))
    if sc.arguments.enabled and sc.arguments.table:
        slots.append(
            Slot(
                "argue",
                (
                    (),
                    *(
                        (o.Argue(seat, a.id, f"{a.name}: now is the time"),)
                        for a in sc.arguments.table
                    ),
                ),
            )
        )
    mine = [p for p in state.pledges if p.seat == seat and p.status is PledgeStatus.HONOURED]
    if mine:
        slots.append(
            Slot("withdraw", ((), *((o.Withdraw(seat, p.id),) for p in mine[:MAX_PER_KIND])))
        )
    return slots


def _ours(state: GameState, seat: str, draft: object) -> bool:
    return getattr(draft, "sponsor", None) == seat and getattr(draft, "round", 0) == state.round


def _answers(state: GameState, seat: str) -> list[Slot]:
    roles = state.scenario.roles
    items: list[tuple[str, bool]] = []
    if seat == roles.host:
        items += [(g.id, False) for g in state.guarantees if g.accepted is None]
        items += [(d.id, False) for d in state.drafts if d.recommended and not d.consented]
    if seat in roles.parties:
        items += [
            (t.id, t.proposer == seat and t.round == state.round)
            for t in state.terms
            if seat not in t.accepted_by + t.rejected_by
        ]
    return [
        Slot(
            f"answer {item}",
            ((), (o.Answer(seat, item, True),), (o.Answer(seat, item, False),)),
            1 if ours else 0,
        )
        for item, ours in items
    ]


def _named_backing(state: GameState, seat: str) -> list[Slot]:
    """Pledges the seat's own offers of this round named and it has yet to make."""
    made = {p.id for p in state.pledges}
    slots: list[Slot] = []
    for g in state.guarantees:
        if g.guarantor != seat or g.round != state.round:
            continue
        for pledge in g.backing:
            found = _backing_for(state, seat, g.type)
            if pledge in made or found is None:
                continue
            asset, target, amount = found
            make = o.MakePledge(seat, pledge, asset, amount, target)
            slots.append(Slot(f"back {g.id}", ((), (make,)), 1))
    return slots


def _pledges(state: GameState, seat: str) -> list[Slot]:
    """New pledges: a third of each spare asset to the coalition (or to the UN mission,
    once there is one), and for the first assets also conditional on the seat's partner
    in that asset pledging too."""
    sc = state.scenario
    conditional = 2  # assets weighed with a conditional pledge as well
    slots: list[Slot] = []
    for n in range(1, MAX_PLEDGE_SLOTS + 1):
        pid = new_id(seat, state.round, "p", n)
        choices: list[tuple[Action, ...]] = [()]
        for a in sc.assets:
            spare = free(state, seat, a.id)
            if spare <= 0:
                continue
            amount = max(1, spare // (2 + n))
            choices.append((o.MakePledge(seat, pid, a.id, amount, "coalition"),))
            partner = _partner(state, seat, a.id)
            if partner is not None and conditional:
                conditional -= 1
                when = f"{partner}.pledged.{a.id} >= 1"
                choices.append((o.MakePledge(seat, pid, a.id, amount, "coalition", when),))
            if state.mission is not None:
                choices.append((o.MakePledge(seat, pid, a.id, amount, "un_mission"),))
        if len(choices) > 1:
            slots.append(Slot(f"pledge {n}", tuple(choices[:MAX_PLEDGE_CHOICES])))
    return slots


def _partner(state: GameState, seat: str, asset: str) -> str | None:
    """The other seat (not the host) holding the most of `asset`, as far as the seat sees."""
    host = state.scenario.roles.host
    held = [
        (s.assets.get(asset, 0), sid)
        for sid, s in state.seats.items()
        if sid not in (seat, host) and s.assets.get(asset, 0) > 0
    ]
    return max(held, key=lambda x: (x[0], x[1]))[1] if held else None


def _lobbied(state: GameState, draft_id: str, toward: Vote) -> MemberDef | None:
    """The non-player member most likely moved toward `toward` on the draft, among those
    whose own vote (by the public disposition rules) is not that already."""
    draft = state.draft(draft_id)
    if draft is None:
        return None
    ev = Evaluator(state, draft=draft)
    movable = [
        m
        for m in state.scenario.council.members
        if m.seat is None and _disposition(ev, m) not in (toward, Vote.ABSENT)
    ]
    return max(movable, key=lambda m: m.lobby_chance, default=None)


def _disposition(ev: Evaluator, member: MemberDef) -> Vote:
    for rule in member.disposition:
        if ev.holds(rule.when, draft=True):
            return rule.vote
    return member.default_vote
