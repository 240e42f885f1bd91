"""Round resolution: (state, orders, rng) → (new state, events), with no I/O.

Steps, in this fixed order (docs/RULES.md explains each):
 1. withdrawals
 2. lobbying, endorsement and mediation (one draw per lobby order, then per member)
 3. council votes, draft by draft in tabling order (amendments first);
    Uniting for Peace motions call the General Assembly; host consent
 4. pledges to the greatest fixpoint
 5. guarantees and peace terms
 6. red lines
 7. matrix-game arguments, then scenario rules
 8. friction
 9. PC income; track history
10. end check; the next round opens with its briefing (its scripted injects fire)

Scripted injects fire when a round opens (`briefing.open_round`), and the
facilitator's as soon as they are entered, so players can react to them.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from wargame.engine import events as ev
from wargame.engine import narrate
from wargame.engine import orders as o
from wargame.engine.board import Board
from wargame.engine.briefing import open_round
from wargame.engine.checks import IllegalAction
from wargame.engine.council import as_counted, disposition, shift, tally
from wargame.engine.evaluation import Evaluator, is_resolution, tags_in_force
from wargame.engine.events import Event
from wargame.engine.grammar import check, cost
from wargame.engine.pledges import resolve_pledges
from wargame.engine.records import replace
from wargame.engine.scoring import ending_after, finish
from wargame.engine.state import (
    DraftStatus,
    GameState,
    Mandate,
    Phase,
    Pledge,
    PledgeStatus,
    TabledDraft,
)
from wargame.scenario.models import Rating, Vote


def _valid_orders(
    board: Board, state: GameState, orders: Mapping[str, Sequence[o.Action]], checked: bool
) -> list[o.Action]:
    """Re-check every order (the board may have moved since entry) unless `checked`; charge PC."""
    unknown = sorted(set(orders) - set(state.seats))
    if unknown:
        raise IllegalAction(f"orders for unknown seats: {', '.join(unknown)}")
    accepted: list[o.Action] = []
    for seat in state.seats:
        kept: list[o.Action] = []
        for order in orders.get(seat, ()):
            if order.seat != seat:
                raise IllegalAction(f"{order.text()}: filed under {seat!r}")
            reason = None if checked else check(state, order, kept)
            if (
                reason is None
                and isinstance(order, o.MakePledge)
                and any(isinstance(x, o.MakePledge) and x.pledge == order.pledge for x in accepted)
            ):
                # Sealed orders of other seats cannot be checked at entry.
                reason = f"another seat's pledge this round already uses the id {order.pledge!r}"
            if reason is not None:
                board.emit(ev.OrderRefused(seat, order.text(), reason), private_to=(seat,))
                continue
            kept.append(order)
        for order in kept:
            board.pc[seat] -= cost(state, order)
        accepted.extend(kept)
    return accepted


def _withdrawals(board: Board, accepted: list[o.Action]) -> None:
    loss = board.base.scenario.withdraw_credibility
    for order in accepted:
        if isinstance(order, o.Withdraw):
            p = next(x for x in board.pledges if x.id == order.pledge)
            board.set_pledge(replace(p, status=PledgeStatus.WITHDRAWN, reason="withdrawn"))
            board.credibility[order.seat] = max(0, board.credibility[order.seat] - loss)
            board.emit(ev.PledgeWithdrawn(order.seat, p.id, p.asset, p.amount, p.target, loss))


Shifts = dict[tuple[str, str], int]
"""Steps along no → abstain → yes, by (member, draft)."""
Lobbied = list[tuple[o.Lobby, int, bool]]
"""Each lobby order with its roll and whether the roll succeeded."""
Cast = dict[tuple[str, str], Vote]
"""Each seat's vote, by (seat, draft)."""
OwnVotes = dict[tuple[str, str], Vote]
"""Each non-player member's own vote (before lobbying and endorsement), by (member, draft)."""


def _persuasion(
    board: Board, accepted: list[o.Action], rng: random.Random
) -> tuple[Shifts, Lobbied]:
    """Lobbying, endorsement and mediation; returns the vote shifts and the lobby rolls
    (each lobbying seat is told privately after the votes, when it knows what moved)."""
    rules = board.base.rules
    shifts: Shifts = {}
    lobbied: Lobbied = []
    for order in accepted:
        if isinstance(order, o.Lobby):
            member = rules.members[order.member]
            roll = rng.randrange(100)
            success = roll < member.lobby_chance
            if success:
                key = (order.member, order.draft)
                shifts[key] = shifts.get(key, 0) + (1 if order.toward is Vote.YES else -1)
            lobbied.append((order, roll, success))
    council = board.base.scenario.council
    for order in accepted:
        if isinstance(order, o.Endorse):
            d = board.draft(order.draft)
            assert d is not None
            endorsed = replace(d, endorsed=True)
            board.set_draft(endorsed)
            evaluator = board.evaluator(draft=endorsed, steady=True)  # only rolls meanwhile
            moved = []
            for member in council.members:
                if member.seat is not None:
                    continue
                if rng.randrange(100) < council.endorse_chance:
                    key = (member.id, order.draft)
                    own = disposition(evaluator, member)
                    before = shift(own, shifts.get(key, 0))
                    shifts[key] = shifts.get(key, 0) + 1
                    if shift(own, shifts[key]) is not before:
                        moved.append(member.id)
            board.emit(ev.Endorsed(order.seat, order.draft, tuple(moved)))
    for order in accepted:
        if isinstance(order, o.Mediate):
            changes = board.apply_effects(board.base.scenario.mediate_effects)
            board.emit(ev.Mediated(order.seat, changes))
    return shifts, lobbied


def _lobbying_results(board: Board, lobbied: Lobbied, shifts: Shifts, own: OwnVotes) -> None:
    """Tell each lobbying seat, privately, whether its roll succeeded and whether it
    changed the member's final vote (another seat's lobbying may have cancelled it)."""
    for order, roll, success in lobbied:
        member = board.base.rules.members[order.member]
        key = (order.member, order.draft)
        step = 1 if order.toward is Vote.YES else -1
        final = without = None
        if key in own:
            final = shift(own[key], shifts.get(key, 0))
            without = shift(own[key], shifts.get(key, 0) - step) if success else final
        board.emit(
            ev.Lobbied(
                order.seat,
                order.member,
                order.draft,
                order.toward,
                member.lobby_chance,
                roll,
                success,
                final,
                without,
            ),
            private_to=(order.seat,),
        )


def _member_votes(
    board: Board, draft: TabledDraft, cast: Cast, shifts: Shifts, own: OwnVotes
) -> tuple[tuple[str, Vote], ...]:
    sc = board.base.scenario
    votes: list[tuple[str, Vote]] = []
    evaluator = board.evaluator(draft=draft, steady=True)  # the board waits for the votes
    for member_id, seat, member in board.base.rules.voters:
        if seat is not None:
            vote = as_counted(sc, seat, cast.get((seat, draft.id), Vote.ABSENT), draft.procedural)
        else:
            key = (member_id, draft.id)
            own[key] = mine = disposition(evaluator, member)
            vote = shift(mine, shifts.get(key, 0))
        votes.append((member_id, vote))
    return tuple(votes)


def _vote_on(
    board: Board, draft: TabledDraft, cast: Cast, shifts: Shifts, own: OwnVotes
) -> TabledDraft:
    sc = board.base.scenario
    rules = board.base.rules
    # What the draft does decides how it is voted, not what its sponsor called it.
    procedural = rules.votes_as_procedural(draft.procedural, draft.tags)
    if procedural != draft.procedural:
        draft = replace(draft, procedural=procedural)
    votes = _member_votes(board, draft, cast, shifts, own)
    t = tally(
        votes,
        rules.permanent_members,
        procedural=draft.procedural,
        majority=sc.council.majority,
        # Uniting for Peace motions stay procedural (1950, 1956, 2022).
        double_veto=sc.council.double_veto and draft.motion_for is None,
    )
    form = (
        ev.DraftForm.AMENDMENT
        if draft.amends
        else (ev.DraftForm.MOTION if draft.motion_for else ev.DraftForm.DRAFT)
    )
    parties = rules.party_members
    abstained = any(m in parties and v is Vote.ABSTAIN for m, v in votes)
    voted = replace(draft, status=t.status, votes=votes, vetoed_by=t.vetoed_by)
    board.set_draft(voted)
    board.emit(
        ev.CouncilVoted(
            draft.id,
            draft.title,
            form,
            draft.sponsor,
            votes,
            t.yes,
            t.no,
            t.abstain,
            t.absent,
            t.procedural,
            t.double_veto,
            t.vetoed_by,
            t.status,
            sc.council.obligatory_abstention and not draft.procedural and abstained,
            draft.amends,
        )
    )
    return voted


def _council(board: Board, accepted: list[o.Action], shifts: Shifts, own: OwnVotes) -> None:
    cast: Cast = {(x.seat, x.draft): x.vote for x in accepted if isinstance(x, o.CastVote)}
    tabled = [d for d in board.drafts if d.status is DraftStatus.TABLED]
    for draft in tabled:
        if draft.amends is not None:
            continue  # voted just before its draft
        for amendment in [a for a in tabled if a.amends == draft.id]:
            current = board.draft(draft.id)
            assert current is not None
            tags = [t for t in current.tags if t not in amendment.remove_tags]
            tags += [t for t in amendment.add_tags if t not in tags]
            # Members judge an amendment by the draft it would make: has_tag()
            # asks about the amended text.
            result = _vote_on(board, replace(amendment, tags=tuple(tags)), cast, shifts, own)
            if result.status is DraftStatus.ADOPTED:
                procedural = board.base.rules.votes_as_procedural(current.procedural, tags)
                board.set_draft(replace(current, tags=tuple(tags), procedural=procedural))
        current = board.draft(draft.id)
        assert current is not None
        result = _vote_on(board, current, cast, shifts, own)
        if result.motion_for is not None and result.status is DraftStatus.ADOPTED:
            _assembly(board, result.motion_for)
        elif is_resolution(result) and result.status is DraftStatus.ADOPTED:
            board.establish_mission(result, Mandate.COUNCIL)
    _consents(board, accepted)


def _assembly(board: Board, draft_id: str) -> None:
    ga = board.base.scenario.council.general_assembly
    evaluator = board.evaluator(steady=True)
    share = ga.base_yes + sum(m.add for m in ga.modifiers if evaluator.holds(m.when))
    share = max(0, min(100, share))
    d = board.draft(draft_id)
    assert d is not None
    recommended = share >= ga.threshold
    if recommended:
        board.set_draft(replace(d, recommended=True))
    board.emit(ev.AssemblyVoted(draft_id, share, ga.threshold, recommended))


def _consents(board: Board, accepted: list[o.Action]) -> None:
    for order in accepted:
        if not isinstance(order, o.Answer):
            continue
        d = board.draft(order.item)
        if d is None:
            continue
        if not d.recommended:
            board.emit(ev.ConsentGiven(order.seat, d.id, ev.ConsentAnswer.LAPSED))
        elif order.accept:
            board.set_draft(replace(d, consented=True))
            board.emit(ev.ConsentGiven(order.seat, d.id, ev.ConsentAnswer.CONSENTS))
            board.establish_mission(replace(d, consented=True), Mandate.ASSEMBLY)
        else:
            board.emit(ev.ConsentGiven(order.seat, d.id, ev.ConsentAnswer.REFUSES))


def _pledges(board: Board, accepted: list[o.Action]) -> None:
    state = board.base
    for order in accepted:
        if isinstance(order, o.MakePledge):
            board.add_pledge(
                Pledge(
                    order.pledge,
                    order.seat,
                    order.asset,
                    order.amount,
                    order.target,
                    state.round,
                    order.condition,
                )
            )
    standing = [
        p for p in board.pledges if p.status in (PledgeStatus.PENDING, PledgeStatus.HONOURED)
    ]
    drafts = [d.id for d in board.drafts]
    # Nothing on the board changes while the fixpoint runs: one evaluator per assumption.
    evaluators: dict[frozenset[str], Evaluator] = {}

    def holds(p: Pledge, assumed: frozenset[str]) -> bool:
        node = state.rules.order_condition(p.condition or "true", drafts)
        evaluator = evaluators.get(assumed)
        if evaluator is None:
            evaluator = evaluators[assumed] = board.evaluator(honoured=assumed, steady=True)
        return bool(evaluator.evaluate(node))

    result = resolve_pledges(
        standing,
        holdings=lambda seat, asset: board.assets[seat].get(asset, 0),
        condition_holds=holds,
        target_exists=lambda t: t == "coalition" or board.mission is not None,
    )
    names = state.rules.names
    for p in standing:
        if p.id in result.honoured:
            if p.status is PledgeStatus.PENDING:
                board.set_pledge(replace(p, status=PledgeStatus.HONOURED))
                board.emit(
                    ev.PledgeHonoured(p.seat, p.id, p.asset, p.amount, p.target, p.condition)
                )
        else:
            drop = result.dropped[p.id]
            reason = narrate.drop_text(drop, p.seat, p.asset, p.target, names)
            board.set_pledge(replace(p, status=PledgeStatus.DROPPED, reason=reason))
            board.emit(
                ev.PledgeDropped(
                    p.seat,
                    p.id,
                    p.asset,
                    p.amount,
                    p.target,
                    p.condition,
                    p.status is PledgeStatus.HONOURED,
                    drop,
                )
            )


def _answers(board: Board, accepted: list[o.Action]) -> None:
    """The host's answers to guarantees, the parties' answers to terms."""
    parties = set(board.base.scenario.roles.parties)
    for order in accepted:
        if not isinstance(order, o.Answer):
            continue
        g = next((x for x in board.guarantees if x.id == order.item), None)
        if g is not None:
            board.guarantees = [
                replace(x, accepted=order.accept) if x.id == g.id else x for x in board.guarantees
            ]
            board.emit(ev.GuaranteeAnswered(order.seat, g.id, order.accept))
            continue
        t = next((x for x in board.terms if x.id == order.item), None)
        if t is None:
            continue
        if order.accept:
            t2 = replace(t, accepted_by=(*t.accepted_by, order.seat))
        else:
            t2 = replace(t, rejected_by=(*t.rejected_by, order.seat))
        board.terms = [t2 if x.id == t.id else x for x in board.terms]
        binding = order.accept and parties <= set(t2.accepted_by)
        board.emit(ev.TermsAnswered(order.seat, t.id, t.title, order.accept, binding))


def _guarantees(board: Board) -> None:
    rules = board.base.rules
    # Only events are added while the guarantees are judged: the board stands still.
    evaluator = board.evaluator(steady=True)
    drafts = [d.id for d in board.drafts]
    pledges = {p.id: p for p in reversed(board.pledges)}  # the first of an id, as state.pledge
    updated = []
    why = ev.InactiveReason
    for g in board.guarantees:
        reason: ev.InactiveReason | None = None
        about: list[str] = []
        owner: str | None = None
        detail = ""
        pledged: ev.Pledged | None = None
        backing = [pledges.get(b) for b in g.backing]
        if g.accepted is not True:
            reason = why.NOT_ANSWERED if g.accepted is None else why.REJECTED
        elif missing := [b for b, p in zip(g.backing, backing, strict=True) if p is None]:
            reason, about = why.BACKING_MISSING, missing
        elif foreign := [p for p in backing if p is not None and not g.counts(p)]:
            reason, about, owner = why.BACKING_NOT_COMMITTED, [foreign[0].id], foreign[0].seat
        elif misfits := [
            (p, m)
            for p in backing
            if p is not None and (m := rules.backing_misfit(g.type, p.asset, p.target))
        ]:
            p, misfit = misfits[0]
            reason, about, detail = why.BACKING_NOT_ALLOWED, [p.id], misfit
            pledged = ev.Pledged(p.amount, p.asset, p.target)
        elif lapsed := [
            p.id for p in backing if p is not None and p.status is not PledgeStatus.HONOURED
        ]:
            reason, about = why.BACKING_NOT_HONOURED, lapsed
        elif g.condition is not None and not evaluator.evaluate(
            rules.order_condition(g.condition, drafts)
        ):
            reason = why.CONDITION_NOT_MET
        active = reason is None
        strength = (
            sum(rules.strength(p.asset, p.amount) for p in backing if p is not None)
            if active
            else 0
        )
        same = active == g.active and (not active or strength == g.strength)
        accepted_now = False
        if not same:
            told = g.accepted is not None or g.active
        elif g.accepted and not active:
            before = board.base.guarantee(g.id)
            told = accepted_now = before is None or before.accepted is not True  # this round
        else:
            told = False
        if told:
            board.emit(
                ev.GuaranteeChanged(
                    g.guarantor,
                    g.id,
                    g.type,
                    active,
                    strength,
                    g.active,
                    reason,
                    tuple(about),
                    g.condition if reason is why.CONDITION_NOT_MET else None,
                    accepted_now=accepted_now,
                    owner=owner,
                    misfit=pledged,
                    detail=detail,
                )
            )
        kept = active == g.active and strength == g.strength
        updated.append(g if kept else replace(g, active=active, strength=strength))
    board.guarantees = updated


def _red_lines(board: Board, before: tuple[str, ...]) -> tuple[str, ...]:
    """Red lines crossed by tags that came into force; returns the tags in force."""
    sc = board.base.scenario
    now = tags_in_force(board)
    newly = set(now) - set(before)
    updated = []
    for r in board.red_lines:
        # Crossed when a tag comes into force: a red line declared over what is
        # already in force is a demand, not yet a crossing.
        hit = [t for t in r.tags if t in newly]
        if not hit:
            updated.append(r)
            continue
        updated.append(replace(r, crossed_round=board.round))
        effects, loss = sc.red_lines.of(r.seat)
        board.credibility[r.seat] = max(0, board.credibility[r.seat] - loss)
        changes = board.apply_effects(effects)
        board.emit(ev.RedLineCrossed(r.seat, r.id, r.text, tuple(hit), loss, changes))
    board.red_lines = updated
    return now


def _arguments(board: Board, accepted: list[o.Action], rng: random.Random) -> None:
    state = board.base
    table = {a.id: a for a in state.scenario.arguments.table}
    ratings = {(s, opt): r for s, opt, r in state.ratings}
    rulings = {(s, opt): ok for s, opt, ok in state.argument_rulings}
    evaluator = board.evaluator(steady=True)  # arguments' effects, like rules', leave tags alone
    for order in accepted:
        if not isinstance(order, o.Argue):
            continue
        key = (order.seat, order.option)
        option = table[order.option]
        if key in rulings:
            success, ruled = rulings[key], True
            rating, chance, roll = None, None, None
        else:
            rating = ratings.get(key, Rating.AVERAGE)
            chance = state.scenario.arguments.chances.of(rating)
            roll = rng.randrange(100)
            success, ruled = roll < chance, False
        changes = board.apply_effects(option.effects, evaluator) if success else ()
        board.emit(
            ev.ArgumentMade(
                order.seat, option.id, order.argument, success, ruled, rating, chance, roll, changes
            )
        )


def _scenario_rules(board: Board) -> None:
    # One evaluator reads the board as it stands: rules' effects change only tracks,
    # PC, credibility and assets, never pledges or what puts tags in force.
    evaluator = board.evaluator(steady=True)
    for rule in board.base.scenario.rules:
        if rule.once and f"rule:{rule.id}" in board.fired:
            continue
        if not evaluator.holds(rule.when):
            continue
        changes = board.apply_effects(rule.effects, evaluator)
        if rule.once:
            board.fired.append(f"rule:{rule.id}")
        board.emit(ev.RuleApplied(rule.id, rule.text, changes))


def _friction(board: Board, rng: random.Random) -> None:
    evaluator = board.evaluator(steady=True)  # friction's effects, like rules', leave tags alone
    for item in board.base.scenario.friction:
        chance = max(0, min(100, evaluator.number(item.chance)))
        roll = rng.randrange(100)
        if roll < chance:
            changes = board.apply_effects(item.effects, evaluator)
            board.emit(ev.FrictionStruck(item.id, item.text, chance, roll, changes))


def _income(board: Board) -> None:
    rules = board.base.rules
    for seat, income in rules.income:
        board.pc[seat] += income
    for track, (low, high) in rules.track_bounds.items():
        board.tracks[track] = max(low, min(high, board.tracks[track]))
    board.emit(ev.IncomePaid(rules.income))


def begin_orders(state: GameState) -> GameState:
    """Close negotiation: from now on seats enter sealed orders."""
    if state.phase is not Phase.NEGOTIATION:
        raise IllegalAction(
            f"the orders phase can only follow negotiation (now: {state.phase.value})"
        )
    return replace(state, phase=Phase.ORDERS)


def resolve_round(
    state: GameState,
    orders: Mapping[str, Sequence[o.Action]],
    rng: random.Random,
    *,
    checked: bool = False,
) -> tuple[GameState, tuple[Event, ...]]:
    """Resolve the round: every seat's sealed orders at once, in the fixed step order.

    Orders are checked again (the facilitator may have changed the board since
    they were entered); one that no longer holds is refused with an event for
    its seat. `checked=True` says the caller checked each order against this
    very `state`, after the seat's earlier orders, as `check` does: then only
    what entry cannot see (two seats' pledges with one id) is checked here. Raises
    IllegalAction only for a call that makes no sense (the game is over, orders
    filed under the wrong seat).
    """
    if state.phase is Phase.ENDED:
        raise IllegalAction("the game is over")
    if state.phase is Phase.NEGOTIATION:
        state = begin_orders(state)
        checked = False  # no order can have been checked against a state in negotiation
    board = Board(state)
    accepted = _valid_orders(board, state, orders, checked)
    before = state.in_force
    _withdrawals(board, accepted)
    step_2 = len(board.events)
    shifts, lobbied = _persuasion(board, accepted, rng)
    own: OwnVotes = {}
    _council(board, accepted, shifts, own)
    voted = len(board.events)
    _lobbying_results(board, lobbied, shifts, own)
    # Lobbying is step 2: its results go with it in the news, though told after the votes.
    results = board.events[voted:]
    del board.events[voted:]
    board.events[step_2:step_2] = results
    _pledges(board, accepted)
    _answers(board, accepted)
    _guarantees(board)
    # From here on only numbers change (tracks, PC, credibility, assets): the tags stay.
    in_force = _red_lines(board, before)
    _arguments(board, accepted, rng)
    _scenario_rules(board)
    _friction(board, rng)
    _income(board)
    resolved = {
        "in_force": in_force,
        "history": (*state.history, tuple(sorted(board.tracks.items()))),
        "ratings": (),
        "argument_rulings": (),
    }
    ending = ending_after(board)
    if ending is not None:
        after, closing = finish(board.freeze(**resolved), ending)
    else:
        following = board.freeze(**resolved, round=state.round + 1, phase=Phase.NEGOTIATION)
        after, closing = open_round(following)
    board.events.extend(closing)
    # What the board showed when resolution began, and what it shows now.
    shown = tuple((t, state.tracks[t], after.tracks[t]) for t in state.tracks)
    return replace(after, track_changes=shown), tuple(board.events)
