"""What one seat may see: the engine's views, with others' secrets removed.

A screen for a seat only ever receives `view_for(state, seat, events)`. The
public board (`seat=None`) holds no secret at all. Once the game has ended,
every objective is revealed (the debrief compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wargame.engine.evaluation import Evaluator
from wargame.engine.events import Event
from wargame.engine.names import Names
from wargame.engine.state import (
    GameState,
    Guarantee,
    Mission,
    Outcome,
    Phase,
    Pledge,
    RedLine,
    SeatScore,
    TabledDraft,
    Terms,
)
from wargame.scenario.models import Objective
from wargame.scenario.vocabulary import TARGETS


@dataclass(frozen=True, slots=True)
class SeatSummary:
    """What everyone knows about a seat."""

    id: str
    name: str
    pc: int
    credibility: int
    assets: dict[str, int] | None
    """None when the seat keeps its assets private from the viewer."""
    council_member: str | None


@dataclass(frozen=True, slots=True)
class ObjectiveView:
    """An objective the viewer may read, with whether it holds now."""

    seat: str
    id: str
    text: str
    points: int
    secret: bool
    met_now: bool


@dataclass(frozen=True, slots=True)
class View:
    """The game as one seat (or the public board) may see it."""

    viewer: str | None
    round: int
    rounds: int
    phase: Phase
    tracks: dict[str, int]
    history: tuple[tuple[tuple[str, int], ...], ...]
    track_changes: dict[str, tuple[int, int]]
    """Each track's value as the board showed it when the last resolution began, and when
    it was over (the next briefing included); empty before the first resolution."""
    seats: tuple[SeatSummary, ...]
    drafts: tuple[TabledDraft, ...]
    pledges: tuple[Pledge, ...]
    guarantees: tuple[Guarantee, ...]
    terms: tuple[Terms, ...]
    red_lines: tuple[RedLine, ...]
    mission: Mission | None
    in_force: tuple[str, ...]
    objectives: tuple[ObjectiveView, ...]
    """The viewer's own objectives and everyone's public ones."""
    briefing: str
    """The viewer's private briefing (empty for the public board)."""
    events: tuple[Event, ...]
    names: Names
    """Display names by id, to put the events into words (`narrate.render`)."""
    outcome: Outcome | None
    final_scores: tuple[SeatScore, ...]
    """Every seat's score, only once the game has ended."""
    force: dict[str, dict[str, int]]
    """Units in honoured pledges, by target (`coalition`, `un_mission`) then asset."""


def view_for(state: GameState, seat: str | None, events: Iterable[Event] = ()) -> View:
    """The view of `seat` (None: the public board)."""
    sc = state.scenario
    rules = state.rules
    shared = _shared(state)
    ended = state.phase is Phase.ENDED
    seats = tuple(
        SeatSummary(
            s.id,
            s.name,
            state.seats[s.id].pc,
            state.seats[s.id].credibility,
            dict(state.seats[s.id].assets)
            if (not s.private_assets or s.id == seat or ended)
            else None,
            rules.member_of_seat.get(s.id),
        )
        for s in sc.seats
    )
    objectives = tuple(
        _objective_view(s.id, ob, shared.met(s.id, ob.id, ob.when))
        for s in sc.seats
        for ob in s.objectives
        if not ob.secret or s.id == seat or ended
    )
    briefing = rules.seats[seat].briefing if seat in rules.seats else ""
    return View(
        viewer=seat,
        round=state.round,
        rounds=sc.rounds,
        phase=state.phase,
        tracks=dict(state.tracks),
        history=state.history,
        track_changes={t: (before, after) for t, before, after in state.track_changes},
        seats=seats,
        drafts=tuple(d for d in state.drafts),
        pledges=state.pledges,
        guarantees=state.guarantees,
        terms=state.terms,
        red_lines=state.red_lines,
        mission=state.mission,
        in_force=state.in_force,
        objectives=objectives,
        briefing=briefing,
        events=tuple(e for e in events if e.visible_to(seat)),
        names=rules.names,
        outcome=state.outcome,
        final_scores=state.outcome.scores if state.outcome else (),
        force={target: dict(units) for target, units in shared.force().items()},
    )


_OBJECTIVE_VIEWS: dict[tuple[int, bool], tuple[Objective, ObjectiveView]] = {}
"""(id of an objective, whether it holds) -> (the objective, its view): a view is frozen and
depends on nothing else, so every view shows the same two records of an objective."""


def _objective_view(seat: str, objective: Objective, met: bool) -> ObjectiveView:
    key = (id(objective), met)
    found = _OBJECTIVE_VIEWS.get(key)
    if found is not None and found[0] is objective and found[1].seat == seat:
        return found[1]
    made = ObjectiveView(
        seat, objective.id, objective.text, objective.points, objective.secret, met
    )
    if len(_OBJECTIVE_VIEWS) >= _MOST_OBJECTIVE_VIEWS:
        _OBJECTIVE_VIEWS.clear()
    _OBJECTIVE_VIEWS[key] = (objective, made)
    return made


_MOST_OBJECTIVE_VIEWS = 4096


class _Shared:
    """What every seat's view of one state shares, worked out once: which objectives
    hold now (only those some view shows are asked) and the units in honoured pledges."""

    __slots__ = ("_evaluator", "_force", "_met", "_state")

    def __init__(self, state: GameState) -> None:
        self._state = state
        self._evaluator = Evaluator(state)
        self._met: dict[tuple[str, str], bool] = {}
        self._force: dict[str, dict[str, int]] | None = None

    def met(self, seat: str, objective: str, when: str) -> bool:
        """Whether the seat's objective holds now."""
        key = (seat, objective)
        found = self._met.get(key)
        if found is None:
            found = self._met[key] = self._evaluator.holds(when)
        return found

    def force(self) -> dict[str, dict[str, int]]:
        """Units in honoured pledges, by target then asset (not to be changed: copy it)."""
        if self._force is None:
            assets = self._state.scenario.assets
            call = self._evaluator.call
            self._force = {
                target: {a.id: call("force", (target, a.id)) for a in assets} for target in TARGETS
            }
        return self._force


_SHARED: dict[int, _Shared] = {}
"""Id of a state -> what its views share; the `_Shared` holds the state, so its id stays
its own while remembered. A state is frozen: what holds in it never changes."""
_MOST_SHARED = 16


def _shared(state: GameState) -> _Shared:
    found = _SHARED.get(id(state))
    if found is not None and found._state is state:
        return found
    if len(_SHARED) >= _MOST_SHARED:
        _SHARED.clear()
    shared = _SHARED[id(state)] = _Shared(state)
    return shared
