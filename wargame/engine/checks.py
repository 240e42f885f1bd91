"""One check per verb, each giving the reason a line is refused.

Each check returns None when the line may be given now, or a sentence saying
why not. :mod:`wargame.engine.grammar` names the check of every verb and
`grammar.check(state, action, pending)` runs it (with the phase and the cost);
the engine refuses with the same sentence (:class:`IllegalAction`), and the UI
asks the same check to explain a refusal, so each rule is written once.
`pending` holds the seat's other orders already entered this round (for costs,
duplicates and assets already promised). Control lines (`orders`, `submit`,
`retract`, `resolve`, `rewind`) are checked against the game's `Progress`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wargame.engine import orders as o
from wargame.engine.evaluation import is_resolution
from wargame.engine.state import DraftStatus, GameState, Phase, PledgeStatus
from wargame.scenario import expr
from wargame.scenario.vocabulary import PLEDGE_GROWTH, TARGET_NAMES, TARGETS


class IllegalAction(ValueError):
    """An action the rules refuse; the message says why."""


def _used_ids(state: GameState) -> set[str]:
    ids = {d.id for d in state.drafts}
    ids.update(p.id for p in state.pledges)
    ids.update(g.id for g in state.guarantees)
    ids.update(t.id for t in state.terms)
    ids.update(r.id for r in state.red_lines)
    return ids


def _unknown(kind: str, value: str, known: Sequence[str]) -> str:
    listed = ", ".join(known[:12]) if known else "none"
    return f"unknown {kind} {value!r} (known: {listed})"


def _tags(state: GameState, tags: Sequence[str]) -> str | None:
    known = [t.id for t in state.scenario.tags]
    for tag in tags:
        if tag not in known:
            return _unknown("tag", tag, known)
    return None


def _condition(state: GameState, text: str | None, *, pledge: bool = False) -> str | None:
    if text is None:
        return None
    drafts = [d.id for d in state.drafts]
    problem = state.rules.condition_problem(text, drafts)
    if problem is not None:
        return f"the condition {text!r} is not valid: {problem}"
    if not pledge:
        return None
    if expr.direction(state.rules.order_condition(text, drafts), PLEDGE_GROWTH) in MONOTONE:
        return None
    return (
        f"the condition {text!r} is refused: conditions on other pledges must only ask "
        "for more, e.g. uk.pledged.jets >= 2 (pledges are resolved together, and a "
        "condition that asks for less, with not, ==, !=, < or leads(), could be met by "
        "the very result that drops its pledge)"
    )


MONOTONE = (expr.Direction.CONSTANT, expr.Direction.RISES)
"""The directions a pledge's condition may take as more pledges hold."""


def _council_seat(state: GameState, seat: str, doing: str) -> str | None:
    if seat not in state.rules.member_of_seat:
        return f"only a Security Council member can {doing}; {_name(state, seat)} is not one"
    return None


def _name(state: GameState, seat: str) -> str:
    found = state.rules.seats.get(seat)
    return found.name if found else seat


def _new_id(state: GameState, new_id: str, pending: Sequence[o.Action] = ()) -> str | None:
    if new_id in _used_ids(state) or any(
        isinstance(p, o.MakePledge) and p.pledge == new_id for p in pending
    ):
        return f"the id {new_id!r} is already in use; choose another"
    return None


def check_table(state: GameState, a: o.TableDraft | o.Propose) -> str | None:
    sc = state.scenario
    if isinstance(a, o.Propose):
        if a.seat != sc.roles.secretariat:
            return "only the UN Secretariat proposes mission concepts"
    elif reason := _council_seat(state, a.seat, "table a draft resolution"):
        return reason
    if a.title is not None or state.draft(a.draft) is None:
        if reason := _new_id(state, a.draft):
            return reason
    elif reason := _not_again(state, a.draft):
        return reason
    if a.title is None:
        library = {d.id: d for d in sc.drafts}
        found = library.get(a.draft)
        if found is None:
            return _unknown("prepared draft", a.draft, list(library)) + (
                '; to write a new one give a title, e.g. table d1 "Title" substantive tags=...'
            )
        if found.concept and isinstance(a, o.TableDraft):
            return f"{a.draft!r} is a Secretariat concept: the Secretariat proposes it, then a member sponsors it"
        return None
    return _tags(state, a.tags) or _procedural(state, a)


def _not_again(state: GameState, draft_id: str) -> str | None:
    """Why a prepared draft tabled before cannot be tabled again now, or None."""
    d = state.draft(draft_id)
    assert d is not None
    if not is_resolution(d):
        return _new_id(state, draft_id)
    if d.status in (DraftStatus.PROPOSED, DraftStatus.TABLED):
        return f"{draft_id!r} is already before the council this round"
    if d.status is DraftStatus.ADOPTED:
        return f"{draft_id!r} was already adopted in round {d.round}"
    if d.recommended:
        return f"{draft_id!r} was recommended by the General Assembly; it cannot be tabled again"
    if any(x.motion_for == draft_id and x.status is DraftStatus.TABLED for x in state.drafts):
        return f"{draft_id!r} is before the General Assembly (a Uniting for Peace motion is tabled)"
    return None


def _procedural(state: GameState, a: o.TableDraft | o.Propose) -> str | None:
    """A new draft may be declared procedural only when all its tags may be procedural."""
    if not a.procedural:
        return None
    allowed = state.rules.procedural_tags
    wrong = [t for t in a.tags if t not in allowed]
    if not wrong:
        return None
    mission = set(state.scenario.force.mission_tags)
    why = ", ".join(f"{t} (a mission tag)" if t in mission else t for t in wrong)
    listed = ", ".join(allowed) if allowed else "none"
    return (
        f"a procedural draft may carry only the tags this scenario allows procedurally "
        f"({listed}); {why} needs a substantive decision, which a permanent member can veto: "
        "table it as substantive"
    )


def check_sponsor(state: GameState, a: o.Sponsor) -> str | None:
    if reason := _council_seat(state, a.seat, "sponsor a draft"):
        return reason
    d = state.draft(a.draft)
    if d is None or d.status is not DraftStatus.PROPOSED:
        proposed = [x.id for x in state.drafts if x.status is DraftStatus.PROPOSED]
        return _unknown("proposed concept", a.draft, proposed)
    return None


def check_amend(state: GameState, a: o.Amend) -> str | None:
    if reason := _council_seat(state, a.seat, "table an amendment"):
        return reason
    d = state.draft(a.draft)
    if d is None or d.status is not DraftStatus.TABLED or not is_resolution(d):
        tabled = [x.id for x in state.drafts if x.status is DraftStatus.TABLED and is_resolution(x)]
        return _unknown("draft before the council", a.draft, tabled)
    if reason := _new_id(state, a.amendment):
        return reason
    if reason := _tags(state, a.add + a.remove):
        return reason
    for tag in a.remove:
        if tag not in d.tags:
            return f"{a.draft!r} does not carry {tag!r}, so it cannot be removed"
    for tag in a.add:
        if tag in d.tags:
            return f"{a.draft!r} already carries {tag!r}"
    return None


def check_ufp(state: GameState, a: o.UnitingForPeace) -> str | None:
    if not state.scenario.council.general_assembly.enabled:
        return "this scenario does not allow Uniting for Peace"
    if reason := _council_seat(state, a.seat, "call for Uniting for Peace"):
        return reason
    d = state.draft(a.draft)
    if d is None or d.status is not DraftStatus.VETOED or not is_resolution(d):
        vetoed = [x.id for x in state.drafts if x.status is DraftStatus.VETOED and is_resolution(x)]
        return "Uniting for Peace follows a veto: " + _unknown("vetoed draft", a.draft, vetoed)
    motion = next((x for x in state.drafts if x.motion_for == a.draft), None)
    if motion is None:
        return _new_id(state, a.motion)
    # After a new veto (the draft tabled again), the Assembly can be called again.
    if motion.status is DraftStatus.TABLED or motion.round >= d.round:
        return f"a Uniting for Peace motion on {a.draft!r} has already been tabled after its veto"
    return None


def _commitments(state: GameState, seat: str) -> dict[str, str]:
    """Pledge id -> the live guarantee that `seat` committed it to (by naming or backing)."""
    found: dict[str, str] = {}
    for g in state.guarantees:
        if g.accepted is False:
            continue  # a rejected offer frees its backing
        if g.guarantor == seat:
            found.update((pid, g.id) for pid in g.backing)
        found.update((pid, g.id) for pid, who in g.backers if who == seat)
    return found


def _backing_pledge(
    state: GameState, seat: str, pid: str, guarantee: str, gtype: str, *, committing: bool
) -> str | None:
    """Why `seat` cannot commit pledge `pid` to a `gtype` guarantee (`committing`: its own)."""
    p = state.pledge(pid)
    if p is not None and p.status in (PledgeStatus.DROPPED, PledgeStatus.WITHDRAWN):
        return f"pledge {pid!r} was {p.status.value} and cannot back a guarantee"
    if p is not None and (misfit := state.rules.backing_misfit(gtype, p.asset, p.target)):
        return (
            f"pledge {pid} ({p.amount} {p.asset} to the {TARGET_NAMES[p.target]}) "
            f"cannot back {guarantee}: {misfit}"
        )
    owner = seat if p is None else p.seat
    if owner != seat:
        if committing:
            return f"pledge {pid} is {_name(state, owner)}'s, not yours"
        return None  # an invitation: it counts once its owner backs the guarantee with it
    if (taken := _commitments(state, seat).get(pid)) is not None:
        return f"{_name(state, seat)}'s pledge {pid} already backs guarantee {taken}"
    return None


def check_offer(state: GameState, a: o.OfferGuarantee) -> str | None:
    sc = state.scenario
    if a.seat == sc.roles.host:
        return "the host cannot offer itself a guarantee"
    types = [g.id for g in sc.guarantee_types]
    if a.type not in types:
        return _unknown("guarantee type", a.type, types)
    if reason := _new_id(state, a.guarantee):
        return reason
    if not a.backing:
        return "a guarantee needs backing=pledge ids (pledges may be made this round)"
    for pid in a.backing:
        if reason := _backing_pledge(state, a.seat, pid, a.guarantee, a.type, committing=False):
            return reason
    return _condition(state, a.condition)


def check_back(state: GameState, a: o.BackGuarantee) -> str | None:
    if a.seat == state.scenario.roles.host:
        return "the host cannot back a guarantee offered to itself"
    g = state.guarantee(a.guarantee)
    if g is None or g.accepted is False:
        live = [x.id for x in state.guarantees if x.accepted is not False]
        return _unknown("guarantee", a.guarantee, live)
    if g.guarantor == a.seat:
        return f"{g.id} is your own offer: the pledges it names are yours to make and already count"
    if a.pledge not in g.backing:
        return (
            f"{_name(state, g.guarantor)}'s offer {g.id} does not name {a.pledge}: only pledges "
            f"its guarantor names (backing={','.join(g.backing)}) can back it"
        )
    if (a.pledge, a.seat) in g.backers:
        return f"{_name(state, a.seat)} already backs {g.id} with {a.pledge}"
    return _backing_pledge(state, a.seat, a.pledge, g.id, g.type, committing=True)


def check_terms(state: GameState, a: o.TableTerms) -> str | None:
    return _new_id(state, a.terms) or _tags(state, a.tags)


def check_red_line(state: GameState, a: o.DeclareRedLine) -> str | None:
    return _new_id(state, a.red_line) or _tags(state, a.tags)


def check_vote(state: GameState, a: o.CastVote, pending: Sequence[o.Action]) -> str | None:
    if reason := _council_seat(state, a.seat, "vote"):
        return reason
    d = state.draft(a.draft)
    if d is None or d.status is not DraftStatus.TABLED:
        tabled = [x.id for x in state.drafts if x.status is DraftStatus.TABLED]
        return _unknown("draft before the council", a.draft, tabled)
    if any(isinstance(p, o.CastVote) and p.draft == a.draft for p in pending):
        return f"you already have a vote on {a.draft!r}; remove it first to change it"
    return None


def check_lobby(state: GameState, a: o.Lobby, pending: Sequence[o.Action]) -> str | None:
    members = state.rules.members
    m = members.get(a.member)
    if m is None:
        return _unknown("council member", a.member, list(members))
    if m.seat is not None:
        return f"{m.name} is played at the table: talk to its players instead"
    d = state.draft(a.draft)
    if d is None or d.status is not DraftStatus.TABLED:
        tabled = [x.id for x in state.drafts if x.status is DraftStatus.TABLED]
        return _unknown("draft before the council", a.draft, tabled)
    return None


def check_pledge(state: GameState, a: o.MakePledge, pending: Sequence[o.Action]) -> str | None:
    rules = state.rules
    if a.asset not in rules.assets:
        return _unknown("asset", a.asset, list(rules.assets))
    held = state.seats[a.seat].assets.get(a.asset, 0)
    if held <= 0:
        return f"{_name(state, a.seat)} has no {rules.assets[a.asset].name}"
    if a.amount <= 0:
        return "a pledge must be of at least 1 unit"
    promised = state.committed(a.seat, a.asset) + sum(
        p.amount for p in pending if isinstance(p, o.MakePledge) and p.asset == a.asset
    )
    if a.amount > held - promised:
        return (
            f"{_name(state, a.seat)} has {held - promised} {rules.assets[a.asset].name} "
            f"uncommitted ({held} held, {promised} pledged), not {a.amount}"
        )
    if a.target not in TARGETS:
        return _unknown("pledge target", a.target, list(TARGETS))
    if a.target == "un_mission" and state.mission is None:
        mission_tags = set(state.scenario.force.mission_tags)
        possible = any(
            is_resolution(d)
            and mission_tags & set(d.tags)
            and (d.status is DraftStatus.TABLED or (d.status is DraftStatus.VETOED))
            for d in state.drafts
        )
        if not possible:
            return "there is no UN mission, and no mission draft is before the council"
    return (
        _new_id(state, a.pledge, pending)
        or _own_pledge_id(state, a)
        or _named_backing_fits(state, a)
        or _condition(state, a.condition, pledge=True)
    )


def pledge_id_owner(state: GameState, pledge_id: str) -> str | None:
    """The seat a pledge id belongs to: the seat with the longest id it starts with.

    Pledges are sealed, so two seats could choose the same new id in one round; an id
    that starts with a seat's id can only be pledged by that seat, so nobody can take
    the id another seat means to use (`uk1`) and have the UK's pledge refused.
    """
    owners = [seat for seat in state.seats if pledge_id.startswith(seat)]
    return max(owners, key=len) if owners else None


def _own_pledge_id(state: GameState, a: o.MakePledge) -> str | None:
    owner = pledge_id_owner(state, a.pledge)
    if owner is None or owner == a.seat:
        return None
    return (
        f"pledge ids starting with {owner!r} are {_name(state, owner)}'s; "
        f"use one starting with {a.seat!r}"
    )


def _named_backing_fits(state: GameState, a: o.MakePledge) -> str | None:
    """A pledge its seat committed to a guarantee (before making it) must fit that guarantee."""
    gid = _commitments(state, a.seat).get(a.pledge)
    g = state.guarantee(gid) if gid is not None else None
    if g is None:
        return None
    misfit = state.rules.backing_misfit(g.type, a.asset, a.target)
    if misfit is None:
        return None
    named = f"your guarantee {g.id} names" if g.guarantor == a.seat else f"you back {g.id} with"
    return f"{named} {a.pledge}: {misfit}"


def check_answer(state: GameState, a: o.Answer, pending: Sequence[o.Action]) -> str | None:
    sc = state.scenario
    if any(isinstance(p, o.Answer) and p.item == a.item for p in pending):
        return f"you already answered {a.item!r}; remove that order first"
    g = state.guarantee(a.item)
    if g is not None:
        if a.seat != sc.roles.host:
            return f"only {_name(state, sc.roles.host)} answers a guarantee offered to it"
        if g.accepted is not None:
            return f"guarantee {a.item!r} was already {'accepted' if g.accepted else 'rejected'}"
        return None
    t = state.terms_by_id(a.item)
    if t is not None:
        if a.seat not in sc.roles.parties:
            return "only the parties accept or reject peace terms"
        if a.seat in t.accepted_by or a.seat in t.rejected_by:
            return f"{_name(state, a.seat)} has already answered terms {a.item!r}"
        return None
    d = state.draft(a.item)
    if d is not None and d.status is DraftStatus.VETOED and is_resolution(d):
        if a.seat != sc.roles.host:
            return "only the host consents to an Assembly-recommended mission"
        if d.consented:
            return f"consent to {a.item!r} was already given"
        if d.recommended:
            return None
        motion = next((x for x in state.drafts if x.motion_for == d.id), None)
        if motion is None:
            return f"{a.item!r} has not gone to the General Assembly"
        if motion.status is not DraftStatus.TABLED:
            return f"the General Assembly made no recommendation on {a.item!r}: there is nothing to consent to"
        return None
    answerable = [g.id for g in state.guarantees if g.accepted is None] + [
        t.id for t in state.terms
    ]
    return _unknown("guarantee or terms", a.item, answerable)


def check_withdraw(state: GameState, a: o.Withdraw, pending: Sequence[o.Action]) -> str | None:
    p = state.pledge(a.pledge)
    mine = [x.id for x in state.pledges if x.seat == a.seat and x.status is PledgeStatus.HONOURED]
    if p is None or p.seat != a.seat or p.status is not PledgeStatus.HONOURED:
        return _unknown("honoured pledge of yours", a.pledge, mine)
    if any(isinstance(x, o.Withdraw) and x.pledge == a.pledge for x in pending):
        return f"you are already withdrawing {a.pledge!r}"
    return None


def _secretariat(state: GameState, seat: str, doing: str) -> str | None:
    if seat != state.scenario.roles.secretariat:
        return f"only the UN Secretariat can {doing}"
    return None


def check_mediate(state: GameState, a: o.Mediate, pending: Sequence[o.Action]) -> str | None:
    if reason := _secretariat(state, a.seat, "mediate"):
        return reason
    if any(isinstance(p, o.Mediate) for p in pending):
        return "you already mediate this round"
    return None


def check_endorse(state: GameState, a: o.Endorse, pending: Sequence[o.Action]) -> str | None:
    if reason := _secretariat(state, a.seat, "endorse a draft"):
        return reason
    d = state.draft(a.draft)
    if d is None or d.status is not DraftStatus.TABLED:
        tabled = [x.id for x in state.drafts if x.status is DraftStatus.TABLED]
        return _unknown("draft before the council", a.draft, tabled)
    if d.endorsed or any(isinstance(p, o.Endorse) and p.draft == a.draft for p in pending):
        return f"{a.draft!r} is already endorsed"
    return None


def check_argue(state: GameState, a: o.Argue, pending: Sequence[o.Action]) -> str | None:
    args = state.scenario.arguments
    if not args.enabled:
        return "this scenario does not use arguments"
    options = [x.id for x in args.table]
    if a.option not in options:
        return _unknown("argument", a.option, options)
    if any(isinstance(p, o.Argue) and p.option == a.option for p in pending):
        return f"you already argue {a.option!r} this round"
    return None


def check_facilitator(state: GameState, a: o.FacilitatorAct) -> str | None:
    sc = state.scenario
    if isinstance(a, o.FacInject):
        known = [i.id for i in sc.injects]
        return None if a.inject in known else _unknown("inject", a.inject, known)
    if isinstance(a, o.FacEvent):
        for text in a.effects:
            try:
                state.rules.effect(text)
            except expr.ExprError as error:
                return f"the effect {text!r} is not valid: {error}"
        return None
    if isinstance(a, o.FacAdjust):
        return None if a.track in state.tracks else _unknown("track", a.track, list(state.tracks))
    if isinstance(a, o.FacRate):
        if a.target_seat not in state.seats:
            return _unknown("seat", a.target_seat, list(state.seats))
        options = [x.id for x in sc.arguments.table]
        if a.option not in options:
            return _unknown("argument", a.option, options)
        # Rating again replaces the rating (a correction); the same rating changes nothing.
        if (a.target_seat, a.option, a.rating) in state.ratings:
            words = a.rating.value.replace("_", " ")
            return f"{a.target_seat}'s argument {a.option} is already rated {words}"
        return None
    if isinstance(a, o.FacRuling):
        if a.kind == "draft":
            d = state.draft(a.ref)
            if d is None or d.status in (DraftStatus.PROPOSED, DraftStatus.TABLED):
                voted = [x.id for x in state.drafts if x.votes]
                return _unknown("voted draft", a.ref, voted)
        elif a.kind == "pledge":
            p = state.pledge(a.ref)
            if p is None:
                return _unknown("pledge", a.ref, [p.id for p in state.pledges])
            if a.result == "honoured" and p.status is not PledgeStatus.HONOURED:
                free = state.seats[p.seat].assets.get(p.asset, 0) - state.committed(p.seat, p.asset)
                if p.amount > free:
                    return (
                        f"{_name(state, p.seat)} cannot cover pledge {p.id}: {free} "
                        f"{state.rules.assets[p.asset].name} uncommitted, {p.amount} needed"
                    )
        else:
            seat, _, option = a.ref.partition(":")
            if seat not in state.seats or option not in [x.id for x in sc.arguments.table]:
                return f"an argument ruling names seat:argument, like ua:{option or 'drones'}"
        return None
    known_endings = [e.id for e in sc.endings] + [sc.default_ending.id]
    if isinstance(a, o.FacEnd) and a.ending not in known_endings:
        return _unknown("ending", a.ending, known_endings)
    return None


def unknown_seat(state: GameState, seat: str) -> str:
    """The refusal for a line given by a seat the game does not have."""
    return _unknown("seat", seat, list(state.seats))


def cannot_afford(state: GameState, seat: str, own: int, total: int) -> str | None:
    """The refusal when `seat` cannot pay `own` PC on top of its other orders (`total` in all)."""
    pc = state.seats[seat].pc
    if total <= pc:
        return None
    return f"{_name(state, seat)} cannot afford this: it costs {own} PC and {pc - (total - own)} PC is left"


# --- control lines ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Progress:
    """What the game knows beyond the engine state, for checking control lines."""

    submitted: frozenset[str]
    """Seats that have sealed their orders this round."""
    pending: Mapping[str, int]
    """How many orders each seat has entered this round."""
    started: frozenset[int]
    """Rounds whose start the game can go back to."""


def check_begin_orders(state: GameState, line: o.BeginOrders, progress: Progress) -> str | None:
    if state.phase is not Phase.NEGOTIATION:
        return f"the orders phase can only follow negotiation (now: {state.phase.value})"
    return None


def check_submit(state: GameState, line: o.Submit, progress: Progress) -> str | None:
    if line.seat not in state.seats:
        return f"unknown seat {line.seat!r}"
    if state.phase is not Phase.ORDERS:
        return "orders are submitted in the orders phase"
    if line.seat in progress.submitted:
        return f"{line.seat} has already submitted"
    return None


def check_retract(state: GameState, line: o.Retract, progress: Progress) -> str | None:
    if line.seat not in state.seats:
        return f"unknown seat {line.seat!r}"
    if line.seat in progress.submitted:
        return f"{line.seat} has already submitted its orders"
    if not 1 <= line.number <= progress.pending.get(line.seat, 0):
        return f"{line.seat} has no order number {line.number}"
    return None


def check_resolve(state: GameState, line: o.Resolve, progress: Progress) -> str | None:
    if state.phase is not Phase.ORDERS:
        return "resolution follows the orders phase"
    waiting = [s for s in state.seats if s not in progress.submitted]
    if waiting:
        return f"still waiting for orders from: {', '.join(waiting)}"
    return None


def check_rewind(state: GameState, line: o.Rewind, progress: Progress) -> str | None:
    if line.round not in progress.started:
        return f"cannot rewind to round {line.round}: it has not started"
    return None
