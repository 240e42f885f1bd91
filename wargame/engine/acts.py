"""Public actions (tabling during negotiation) and facilitator acts.

These take effect at once and are seen by everyone, unlike sealed orders,
which wait for `resolve_round`. Each is checked first; a refused one raises
`IllegalAction` with the reason and the state is unchanged.
"""

from __future__ import annotations

from wargame.engine import events as ev
from wargame.engine import orders as o
from wargame.engine.board import Board
from wargame.engine.briefing import open_round
from wargame.engine.evaluation import tags_in_force
from wargame.engine.events import Event
from wargame.engine.grammar import cost, require
from wargame.engine.records import replace
from wargame.engine.rules import Rules
from wargame.engine.scoring import finish
from wargame.engine.state import (
    DraftStatus,
    GameState,
    Guarantee,
    Mandate,
    Phase,
    PledgeStatus,
    RedLine,
    SeatState,
    TabledDraft,
    Terms,
)
from wargame.scenario.models import Scenario


def new_game(scenario: Scenario | Rules) -> GameState:
    """The state before the first round: round 1, negotiation."""
    rules = scenario if isinstance(scenario, Rules) else Rules(scenario)
    sc = rules.scenario
    tracks = {t.id: t.start for t in sc.tracks}
    seats = {
        s.id: SeatState(s.pc, s.credibility, {a.id: s.assets.get(a.id, 0) for a in sc.assets})
        for s in sc.seats
    }
    red_lines = tuple(
        RedLine(r.id, r.seat, tuple(r.tags), r.text, 0) for r in sc.red_lines.declared
    )
    return GameState(
        rules=rules,
        round=1,
        phase=Phase.NEGOTIATION,
        tracks=tracks,
        seats=seats,
        red_lines=red_lines,
        history=(tuple(sorted(tracks.items())),),
    )


def start(scenario: Scenario | Rules) -> tuple[GameState, tuple[Event, ...]]:
    """A new game at round 1's briefing: `new_game`, then the round's injects."""
    return open_round(new_game(scenario))


def _draft_from(state: GameState, a: o.TableDraft | o.Propose, status: DraftStatus) -> TabledDraft:
    if a.title is None:
        d = next(x for x in state.scenario.drafts if x.id == a.draft)
        return TabledDraft(d.id, d.title, a.seat, d.procedural, tuple(d.tags), state.round, status)
    return TabledDraft(a.draft, a.title, a.seat, a.procedural, a.tags, state.round, status)


def _put_forward(board: Board, draft: TabledDraft) -> TabledDraft | None:
    """Add a draft; one tabled before (vetoed or failed) keeps its earlier votes and
    moves to the end, so it is voted in this round's tabling order. Returns the
    earlier draft, if any."""
    before = board.draft(draft.id)
    if before is None:
        board.drafts.append(draft)
        return None
    board.drafts = [d for d in board.drafts if d.id != draft.id]
    board.drafts.append(replace(draft, earlier=(*before.earlier, before.as_earlier())))
    return before


def _earlier(before: TabledDraft | None) -> tuple[DraftStatus | None, int]:
    """What became of a draft tabled again, and in which round (None, 0: first tabling)."""
    return (None, 0) if before is None else (before.status, before.round)


def _public(board: Board, state: GameState, a: o.PublicAction) -> ev.Payload:
    if isinstance(a, o.TableDraft):
        d = _draft_from(state, a, DraftStatus.TABLED)
        before = _put_forward(board, d)
        return ev.DraftTabled(a.seat, d.id, d.title, d.procedural, d.tags, *_earlier(before))
    if isinstance(a, o.Propose):
        d = _draft_from(state, a, DraftStatus.PROPOSED)
        before = _put_forward(board, d)
        return ev.ConceptProposed(a.seat, d.id, d.title, *_earlier(before))
    if isinstance(a, o.Sponsor):
        concept = state.draft(a.draft)
        assert concept is not None
        board.set_draft(
            replace(concept, status=DraftStatus.TABLED, sponsor=a.seat, round=state.round)
        )
        return ev.ConceptSponsored(a.seat, concept.id, concept.title)
    if isinstance(a, o.Amend):
        target = state.draft(a.draft)
        assert target is not None
        amended = [*(t for t in target.tags if t not in a.remove), *a.add]
        board.drafts.append(
            TabledDraft(
                a.amendment,
                a.title,
                a.seat,
                state.rules.votes_as_procedural(target.procedural, amended),
                (),
                state.round,
                amends=a.draft,
                add_tags=a.add,
                remove_tags=a.remove,
            )
        )
        return ev.AmendmentTabled(a.seat, a.amendment, a.draft, a.title, a.add, a.remove)
    if isinstance(a, o.UnitingForPeace):
        _put_forward(
            board,
            TabledDraft(
                a.motion,
                f"Uniting for Peace: refer {a.draft} to the General Assembly",
                a.seat,
                True,
                (),
                state.round,
                motion_for=a.draft,
            ),
        )
        return ev.MotionTabled(a.seat, a.motion, a.draft)
    if isinstance(a, o.OfferGuarantee):
        board.guarantees.append(
            Guarantee(a.guarantee, a.seat, a.type, a.backing, state.round, a.condition)
        )
        host = state.scenario.roles.host
        return ev.GuaranteeOffered(a.seat, a.guarantee, a.type, host, a.backing, a.condition)
    if isinstance(a, o.BackGuarantee):
        g = state.guarantee(a.guarantee)
        assert g is not None
        board.guarantees = [
            replace(x, backers=(*x.backers, (a.pledge, a.seat))) if x.id == g.id else x
            for x in board.guarantees
        ]
        return ev.GuaranteeBacked(a.seat, g.id, g.guarantor, a.pledge)
    if isinstance(a, o.TableTerms):
        board.terms.append(Terms(a.terms, a.seat, a.title, a.tags, state.round))
        return ev.TermsTabled(a.seat, a.terms, a.title, a.tags)
    board.red_lines.append(RedLine(a.red_line, a.seat, a.tags, a.title, state.round))
    return ev.RedLineDeclared(a.seat, a.red_line, a.title, a.tags)


def _facilitator(
    board: Board, state: GameState, a: o.FacilitatorAct
) -> tuple[GameState, ev.Payload]:
    """Apply a facilitator act; returns the new state and what happened."""
    if isinstance(a, o.FacInject):
        inject = next(i for i in state.scenario.injects if i.id == a.inject)
        changes = board.apply_effects(inject.effects)
        board.fired.append(f"inject:{inject.id}")
        return board.freeze(), ev.InjectFired(
            inject.id, inject.title, inject.text, changes, a.reason
        )
    if isinstance(a, o.FacEvent):
        changes = board.apply_effects(a.effects)
        return board.freeze(), ev.InjectFired(None, a.title, "", changes, a.reason)
    if isinstance(a, o.FacRate):
        key = (a.target_seat, a.option)
        was = next((r for s, opt, r in state.ratings if (s, opt) == key), None)
        ratings = [r for r in state.ratings if (r[0], r[1]) != key]
        new = replace(state, ratings=(*ratings, (a.target_seat, a.option, a.rating)))
        return new, ev.ArgumentRated(a.target_seat, a.option, a.rating, was)
    if isinstance(a, o.FacAdjust):
        changes = board.apply_effects([f"{a.track} += {a.delta}"])
        return board.freeze(), ev.TrackAdjusted(a.track, a.delta, a.reason, changes)
    assert isinstance(a, o.FacRuling)
    if a.kind == "argument":
        seat, _, option = a.ref.partition(":")
        kept = [r for r in state.argument_rulings if (r[0], r[1]) != (seat, option)]
        new = replace(state, argument_rulings=(*kept, (seat, option, a.result == "succeeds")))
        return new, ev.Ruled(ev.RulingSubject.ARGUMENT, a.ref, a.result, a.reason)
    if a.kind == "draft":
        d = state.draft(a.ref)
        assert d is not None
        status = DraftStatus.ADOPTED if a.result == "adopted" else DraftStatus.FAILED
        board.set_draft(replace(d, status=status, vetoed_by=()))
        if status is DraftStatus.ADOPTED and d.amends is None and d.motion_for is None:
            board.establish_mission(d, Mandate.COUNCIL)
        elif (
            status is DraftStatus.FAILED
            and board.mission is not None
            and board.mission.draft == d.id
            and board.mission.mandate is Mandate.COUNCIL
        ):
            board.mission = None  # the mandate it gave is overruled with it
    else:
        p = state.pledge(a.ref)
        assert p is not None
        status_p = PledgeStatus.HONOURED if a.result == "honoured" else PledgeStatus.DROPPED
        board.set_pledge(replace(p, status=status_p, reason=f"facilitator: {a.reason}"))
    frozen = board.freeze()
    return (
        replace(frozen, in_force=tags_in_force(frozen)),
        ev.Ruled(ev.RulingSubject(a.kind), a.ref, a.result, a.reason),
    )


def act(
    state: GameState, action: o.Action, *, checked: bool = False
) -> tuple[GameState, tuple[Event, ...]]:
    """Apply a public action or a facilitator act now.

    Raises IllegalAction (state unchanged) when it is refused. Sealed orders
    are not acted on here: give them to `resolve_round`. `checked=True` says the
    caller has just found `check(state, action)` allowed it, on this very state:
    it is not checked again.
    """
    if not checked:
        require(state, action)
    if isinstance(action, o.FacEnd):
        return finish(state, action.ending, action.reason)
    board = Board(state)
    if isinstance(action, o.FacilitatorAct):
        new, payload = _facilitator(board, state, action)
        # Ratings and argument rulings concern sealed orders: only the facilitator sees them.
        sealed = isinstance(action, o.FacRate) or (
            isinstance(action, o.FacRuling) and action.kind == "argument"
        )
        private = (o.FACILITATOR,) if sealed else None
        board.emit(payload, private_to=private)
        return new, tuple(board.events)
    if not isinstance(action, o.PublicAction):
        raise TypeError(f"{type(action).__name__} is a sealed order: give it to resolve_round")
    board.pc[action.seat] -= cost(state, action)
    board.emit(_public(board, state, action))
    return board.freeze(), tuple(board.events)
