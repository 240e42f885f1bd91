"""What happened in a saved game, as typed records: the after-action report's facts.

`report_facts(game, document)` reads the engine's typed events and the replayed
states (never the prose) into frozen records; the renderers (`markdown`,
`html`) only lay them out. Pure: no I/O, no clock. The report is the
omniscient debrief document: private events (lobbying rolls, ratings, refused
orders) and secret objectives are all here, marked as such.

Display names are resolved here (from the scenario); prose is written only by
`wargame.engine.narrate`. Every string may come from a file or a player and is
untrusted: renderers escape it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wargame.engine import events as ev
from wargame.engine.evaluation import Evaluator
from wargame.engine.names import Names
from wargame.engine.narrate import changes_text, drop_text, render, target_name
from wargame.engine.scoring import scores
from wargame.engine.state import (
    DraftStatus,
    GameState,
    ObjectiveResult,
    Outcome,
    Phase,
    PledgeStatus,
)
from wargame.scenario.models import Scenario, Vote
from wargame.scenario.vocabulary import TARGETS

if TYPE_CHECKING:
    from wargame.game import Game
    from wargame.saves.format import SaveDocument


# --- the records ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeatFacts:
    """A seat and who played it."""

    id: str
    name: str
    """The seat's display name."""
    control: str
    """`human` or `bot`."""
    player: str | None
    """The players' names as typed at the start, if any."""
    bot: str | None
    """The bot's name, for a bot seat."""
    member: str | None
    """The council member the seat votes for (display name), if any."""


@dataclass(frozen=True, slots=True)
class MemberVote:
    """One council member's vote on one item."""

    member: str
    """The member's id."""
    name: str
    """The member's display name."""
    permanent: bool
    vote: Vote


@dataclass(frozen=True, slots=True)
class VoteFacts:
    """A council vote: on a draft, an amendment or a Uniting for Peace motion."""

    round: int
    draft: str
    """The id of what was voted."""
    title: str
    form: ev.DraftForm
    sponsor: str
    """The sponsoring seat's display name."""
    votes: tuple[MemberVote, ...]
    """Every member's vote, in council order."""
    yes: int
    no: int
    abstain: int
    absent: int
    outcome: DraftStatus
    """ADOPTED, VETOED or FAILED."""
    vetoed_by: tuple[str, ...]
    """Display names of the permanent members whose no blocked it."""
    procedural: bool
    made_substantive: bool
    """The double veto made a procedural draft substantive."""
    parties_abstained: bool
    amends: str | None
    """For an amendment: the draft it changes."""
    lobbying: tuple[str, ...]
    """What each lobby and endorsement on it did (the news' words)."""


@dataclass(frozen=True, slots=True)
class AmendmentFacts:
    """An amendment tabled to a draft, and what became of it."""

    round: int
    amendment: str
    draft: str
    title: str
    seat: str
    """The sponsor's display name."""
    add: tuple[str, ...]
    remove: tuple[str, ...]
    outcome: DraftStatus | None
    """None when it was never voted."""


@dataclass(frozen=True, slots=True)
class AssemblyFacts:
    """One step of Uniting for Peace: a motion, the Assembly's vote, consent, a mission."""

    round: int
    text: str
    """The news' words for it."""


@dataclass(frozen=True, slots=True)
class PledgeFacts:
    """What became of one pledge at one resolution."""

    round: int
    pledge: str
    seat: str
    """The pledging seat's display name."""
    amount: int
    asset: str
    """The asset's display name."""
    target: str
    """The target in words (`coalition force`, `UN mission`)."""
    condition: str | None
    """The condition's canonical text, for a conditional pledge."""
    status: PledgeStatus
    """HONOURED, DROPPED (released too) or WITHDRAWN."""
    why: str
    """Why it dropped or was withdrawn, in words; empty when it held."""


@dataclass(frozen=True, slots=True)
class ForceFacts:
    """Honoured pledges to one target against the force requirement, after one round."""

    round: int
    target: str
    """`coalition` or `un_mission`."""
    target_name: str
    held: tuple[tuple[str, int, int], ...]
    """(asset display name, units honoured, units required) for each required asset."""
    percent: int
    """How far the requirement is met (0-100), as the rules compute it."""


@dataclass(frozen=True, slots=True)
class GuaranteeFacts:
    """A guarantee offered to the host, with its backing and history."""

    id: str
    guarantor: str
    """Display name."""
    type: str
    """The guarantee type's display name."""
    round: int
    """The round it was offered."""
    backing: tuple[str, ...]
    """Each backing pledge in words: id, seat, amount, asset, target and status."""
    condition: str | None
    accepted: bool | None
    """None: the host never answered."""
    active: bool
    """Active at the end of the game (as it stands)."""
    strength: int
    history: tuple[tuple[int, str], ...]
    """(round, the news' words) for every offer, backing, answer and change."""


@dataclass(frozen=True, slots=True)
class RedLineFacts:
    """A declared red line and every time it was crossed."""

    id: str
    seat: str
    """The declarer's display name."""
    title: str
    tags: tuple[str, ...]
    round: int
    """The round it was declared (0: declared by the scenario)."""
    crossed: tuple[tuple[int, str], ...]
    """(round, the news' words) for each crossing."""


@dataclass(frozen=True, slots=True)
class InjectFacts:
    """News that reached the table: a scripted inject, or one the facilitator fired."""

    round: int
    inject: str | None
    """The inject's id; None for an event the facilitator wrote."""
    title: str
    text: str
    changes: str
    """What it changed, in words (empty: nothing)."""
    reason: str | None
    """The facilitator's reason, when the facilitator fired it."""


@dataclass(frozen=True, slots=True)
class FacilitatorFacts:
    """One facilitator act, with its reason."""

    round: int
    text: str
    """The news' words for it."""
    reason: str
    """The facilitator's reason (empty for a rating, which needs none)."""
    overrides: bool
    """It changed the game's course: an adjustment, a ruling, an event, a rewind, an ending."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event of a round, in the order it happened."""

    kind: ev.EventKind
    text: str
    """The news' words."""
    private_to: tuple[str, ...] | None
    """Display names of the seats that saw it (None: everyone)."""


@dataclass(frozen=True, slots=True)
class RoundFacts:
    """A round's events, in order."""

    round: int
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True)
class TrackSeries:
    """A track's value at the start and after each resolved round."""

    id: str
    name: str
    min: int
    max: int
    values: tuple[int, ...]
    """values[0] at the start, values[n] after round n."""


@dataclass(frozen=True, slots=True)
class ScoreFacts:
    """A seat's score and every objective behind it."""

    seat: str
    name: str
    points: int
    objectives: tuple[ObjectiveResult, ...]
    """Every objective, secret ones included, with whether it was met."""


@dataclass(frozen=True, slots=True)
class PendingOrders:
    """A seat's sealed orders in a round not yet resolved."""

    seat: str
    """The seat's display name."""
    orders: tuple[str, ...]
    """Each order's line, as the grammar writes it."""
    submitted: bool


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """Everything the after-action report says about one saved game."""

    scenario_id: str
    scenario_title: str
    summary: str
    seed: int
    app_version: str
    """The wargame version that last wrote the save."""
    created: str
    """When the game was created (ISO 8601, UTC)."""
    updated: str
    """When the save was last written (ISO 8601, UTC)."""
    fork: tuple[str, int] | None
    """(parent save, round) for a what-if game."""
    save_overrides: tuple[str, ...]
    """Checks a facilitator overrode with --force, as the save records them."""
    seats: tuple[SeatFacts, ...]
    round: int
    """The round the game stands at."""
    rounds: int
    """The scenario's number of rounds."""
    phase: Phase
    resolved: int
    """Rounds resolved."""
    timeline: tuple[RoundFacts, ...]
    votes: tuple[VoteFacts, ...]
    amendments: tuple[AmendmentFacts, ...]
    assembly: tuple[AssemblyFacts, ...]
    pledges: tuple[PledgeFacts, ...]
    requirement: tuple[tuple[str, int], ...]
    """(asset display name, units required) of the force requirement."""
    force: tuple[ForceFacts, ...]
    """After each resolved round, for each target."""
    guarantees: tuple[GuaranteeFacts, ...]
    red_lines: tuple[RedLineFacts, ...]
    injects: tuple[InjectFacts, ...]
    facilitator: tuple[FacilitatorFacts, ...]
    ending: Outcome | None
    """How the game ended (None while it has not)."""
    scores: tuple[ScoreFacts, ...]
    """Final scores; for an unfinished game, the scores as the board stands."""
    tracks: tuple[TrackSeries, ...]
    pending: tuple[PendingOrders, ...] = ()
    """For a game stopped in its orders phase: what each seat had entered, not yet resolved."""

    @property
    def ended(self) -> bool:
        return self.ending is not None

    @property
    def overridden(self) -> bool:
        """Whether the facilitator overrode anything: a --force load or an act that steers."""
        return bool(self.save_overrides) or any(a.overrides for a in self.facilitator)


# --- reading a game ---------------------------------------------------------------------


def report_facts(game: Game, document: SaveDocument) -> ReportFacts:
    """The report's facts about a replayed game and the save it came from."""
    state = game.state
    scenario = game.scenario
    names = game.rules.names
    events = tuple(game.events)
    fork = (document.fork.parent, document.fork.round) if document.fork else None
    return ReportFacts(
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        summary=scenario.summary,
        seed=game.seed,
        app_version=document.app_version,
        created=document.created.isoformat(),
        updated=document.updated.isoformat(),
        fork=fork,
        save_overrides=tuple(document.overrides),
        seats=_seats(scenario, document),
        round=state.round,
        rounds=scenario.rounds,
        phase=state.phase,
        resolved=game.resolved_rounds,
        timeline=timeline(events, names),
        votes=votes(events, scenario, names),
        amendments=amendments(events, names),
        assembly=tuple(
            AssemblyFacts(e.round, render(e, names))
            for e in events
            if isinstance(
                e.payload,
                ev.MotionTabled | ev.AssemblyVoted | ev.ConsentGiven | ev.MissionEstablished,
            )
            or (isinstance(e.payload, ev.CouncilVoted) and e.payload.form is ev.DraftForm.MOTION)
        ),
        pledges=pledges(events, scenario, names),
        requirement=tuple(
            (_asset(scenario, a), n) for a, n in scenario.force.requirement.items() if n > 0
        ),
        force=force(game.round_states),
        guarantees=guarantees(state, events, names),
        red_lines=red_lines(state, events, names),
        injects=injects(events, names),
        facilitator=facilitator_acts(events, names),
        ending=state.outcome,
        scores=_scores(state),
        tracks=tracks(state),
        pending=tuple(
            PendingOrders(
                names.seat(seat),
                tuple(a.text() for a in game.orders_of(seat)),
                seat in game.submitted,
            )
            for seat in game.seats
            if state.phase is Phase.ORDERS
        ),
    )


def _seats(scenario: Scenario, document: SaveDocument) -> tuple[SeatFacts, ...]:
    members = {m.seat: m.name for m in scenario.council.members if m.seat}
    out = []
    for seat in scenario.seats:
        saved = document.seats.get(seat.id)
        out.append(
            SeatFacts(
                seat.id,
                seat.name,
                saved.control.value if saved else "human",
                saved.player if saved else None,
                saved.bot if saved else None,
                members.get(seat.id),
            )
        )
    return tuple(out)


def _asset(scenario: Scenario, asset: str) -> str:
    return next((a.name for a in scenario.assets if a.id == asset), asset)


def timeline(events: Iterable[ev.Event], names: Names) -> tuple[RoundFacts, ...]:
    """Every event, by round, in the order it happened."""
    rounds: dict[int, list[TimelineEntry]] = {}
    for e in events:
        private = None if e.private_to is None else tuple(names.seat(s) for s in e.private_to)
        rounds.setdefault(e.round, []).append(TimelineEntry(e.kind, render(e, names), private))
    return tuple(RoundFacts(r, tuple(entries)) for r, entries in sorted(rounds.items()))


def votes(events: Sequence[ev.Event], scenario: Scenario, names: Names) -> tuple[VoteFacts, ...]:
    """Every council vote, with each member's vote and the lobbying on it."""
    members = {m.id: m for m in scenario.council.members}
    out = []
    for e in events:
        p = e.payload
        if not isinstance(p, ev.CouncilVoted):
            continue
        lobbying = tuple(
            render(x, names)
            for x in events
            if x.round == e.round
            and isinstance(x.payload, ev.Lobbied | ev.Endorsed)
            and x.payload.draft == p.draft
        )
        out.append(
            VoteFacts(
                round=e.round,
                draft=p.draft,
                title=p.title,
                form=p.form,
                sponsor=names.seat(p.sponsor),
                votes=tuple(
                    MemberVote(
                        m,
                        names.member(m),
                        members[m].permanent if m in members else False,
                        vote,
                    )
                    for m, vote in p.votes
                ),
                yes=p.yes,
                no=p.no,
                abstain=p.abstain,
                absent=p.absent,
                outcome=p.outcome,
                vetoed_by=tuple(names.member(m) for m in p.vetoed_by),
                procedural=p.procedural,
                made_substantive=p.made_substantive,
                parties_abstained=p.parties_abstained,
                amends=p.amends,
                lobbying=lobbying,
            )
        )
    return tuple(out)


def amendments(events: Sequence[ev.Event], names: Names) -> tuple[AmendmentFacts, ...]:
    """Every amendment tabled, with the outcome of its vote (if it was voted)."""
    outcomes = {
        (e.round, e.payload.draft): e.payload.outcome
        for e in events
        if isinstance(e.payload, ev.CouncilVoted) and e.payload.form is ev.DraftForm.AMENDMENT
    }
    return tuple(
        AmendmentFacts(
            e.round,
            p.amendment,
            p.draft,
            p.title,
            names.seat(p.seat),
            p.add,
            p.remove,
            outcomes.get((e.round, p.amendment)),
        )
        for e in events
        if isinstance(p := e.payload, ev.AmendmentTabled)
    )


def pledges(
    events: Iterable[ev.Event], scenario: Scenario, names: Names
) -> tuple[PledgeFacts, ...]:
    """What became of every pledge at every resolution, and every withdrawal."""
    out = []
    for e in events:
        p = e.payload
        if isinstance(p, ev.PledgeHonoured):
            status, why, condition = PledgeStatus.HONOURED, "", p.condition
        elif isinstance(p, ev.PledgeDropped):
            status, condition = PledgeStatus.DROPPED, p.condition
            why = drop_text(p.drop, p.seat, p.asset, p.target, names)
            if p.released:
                why = f"released: {why}"
        elif isinstance(p, ev.PledgeWithdrawn):
            status, condition = PledgeStatus.WITHDRAWN, None
            why = render(e, names)
        else:
            continue
        out.append(
            PledgeFacts(
                e.round,
                p.pledge,
                names.seat(p.seat),
                p.amount,
                _asset(scenario, p.asset),
                target_name(p.target),
                condition,
                status,
                why,
            )
        )
    return tuple(out)


def force(round_states: Sequence[GameState]) -> tuple[ForceFacts, ...]:
    """Honoured pledges against the requirement after each resolved round, by target."""
    out = []
    for number, state in enumerate(round_states, 1):
        scenario = state.scenario
        evaluator = Evaluator(state)
        for target in TARGETS:
            held = tuple(
                (
                    _asset(scenario, asset),
                    sum(
                        p.amount
                        for p in state.pledges
                        if p.status is PledgeStatus.HONOURED
                        and p.target == target
                        and p.asset == asset
                    ),
                    needed,
                )
                for asset, needed in scenario.force.requirement.items()
                if needed > 0
            )
            out.append(
                ForceFacts(number, target, target_name(target), held, evaluator.force_pct(target))
            )
    return tuple(out)


def guarantees(
    state: GameState, events: Sequence[ev.Event], names: Names
) -> tuple[GuaranteeFacts, ...]:
    """Every guarantee offered, with its backing as the game stands and its history."""
    out = []
    for g in state.guarantees:
        backing = []
        for pledge_id in g.backing:
            pledge = state.pledge(pledge_id)
            if pledge is None:
                backing.append(f"{pledge_id}: never made")
                continue
            committed = "" if g.counts(pledge) else " (not committed by its seat)"
            backing.append(
                f"{pledge_id}: {names.seat(pledge.seat)}, {pledge.amount} "
                f"{_asset(state.scenario, pledge.asset)} to the {target_name(pledge.target)}, "
                f"{pledge.status.value}{committed}"
            )
        history = tuple(
            (e.round, render(e, names))
            for e in events
            if isinstance(
                e.payload,
                ev.GuaranteeOffered
                | ev.GuaranteeBacked
                | ev.GuaranteeAnswered
                | ev.GuaranteeChanged,
            )
            and e.payload.guarantee == g.id
        )
        out.append(
            GuaranteeFacts(
                g.id,
                names.seat(g.guarantor),
                names.guarantee_types.get(g.type, g.type),
                g.round,
                tuple(backing),
                g.condition,
                g.accepted,
                g.active,
                g.strength,
                history,
            )
        )
    return tuple(out)


def red_lines(
    state: GameState, events: Sequence[ev.Event], names: Names
) -> tuple[RedLineFacts, ...]:
    """Every red line declared (by the scenario or in play), with each crossing."""
    return tuple(
        RedLineFacts(
            r.id,
            names.seat(r.seat),
            r.text,
            r.tags,
            r.round,
            tuple(
                (e.round, render(e, names))
                for e in events
                if isinstance(e.payload, ev.RedLineCrossed)
                and e.payload.red_line == r.id
                and e.payload.seat == r.seat
            ),
        )
        for r in state.red_lines
    )


def injects(events: Iterable[ev.Event], names: Names) -> tuple[InjectFacts, ...]:
    """Every inject that fired, scripted or fired by the facilitator."""
    return tuple(
        InjectFacts(e.round, p.inject, p.title, p.text, changes_text(p.changes, names), p.reason)
        for e in events
        if isinstance(p := e.payload, ev.InjectFired)
    )


_STEERING = (ev.TrackAdjusted, ev.Ruled, ev.Rewound)


def facilitator_acts(events: Iterable[ev.Event], names: Names) -> tuple[FacilitatorFacts, ...]:
    """Every facilitator act, with its reason."""
    out = []
    for e in events:
        p = e.payload
        if isinstance(p, ev.ArgumentRated):
            out.append(FacilitatorFacts(e.round, render(e, names), "", False))
        elif isinstance(p, _STEERING) or (
            isinstance(p, ev.InjectFired | ev.GameEnded) and p.reason
        ):
            out.append(FacilitatorFacts(e.round, render(e, names), p.reason or "", True))
    return tuple(out)


def _scores(state: GameState) -> tuple[ScoreFacts, ...]:
    seat_names = state.rules.names
    final = state.outcome.scores if state.outcome else scores(state)
    return tuple(
        ScoreFacts(
            s.seat,
            seat_names.seat(s.seat),
            s.points,
            s.objectives,
        )
        for s in final
    )


def tracks(state: GameState) -> tuple[TrackSeries, ...]:
    """Every track's value at the start and after each resolved round."""
    rows = [dict(row) for row in state.history]
    return tuple(
        TrackSeries(t.id, t.name, t.min, t.max, tuple(row.get(t.id, t.start) for row in rows))
        for t in state.scenario.tracks
    )
