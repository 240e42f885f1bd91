"""What one seat may see: the engine's views, with others' secrets removed.

A screen for a seat only ever receives `view_for(state, seat, events)`. The
public board (`seat=None`) holds no secret at all. Once the game has ended,
every objective is revealed (the debrief compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wargame.engine.evaluation import Evaluator, honoured_ids
from wargame.engine.events import Event
from wargame.engine.names import Names
from wargame.engine.rules import Rules
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
    """The view of `seat` (None: the public board), seeing those of `events` it may see."""
    seen = tuple(e for e in events if e.visible_to(seat))
    return _views_of(state.rules).view(state, seat, seen)


class Views:
    """Views of the states of one game (one compiled scenario), built from what every
    seat's views of a state share, worked out once for the state.

    What a view holds depends only on its state, the viewer and the events it is
    given; what is remembered is derived from the scenario, or from the state last
    viewed and dropped when another is (docs/DECISIONS.md, "What views remember").
    Each view gets its own dicts; what two views share is frozen.
    """

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._state: GameState | None = None
        """The state last viewed."""
        self._table: tuple[object, ...] | None = None
        """What an evaluator may read of `_state` (`_table_of`): `_met` holds while the
        states viewed read the same."""
        self._evaluator: Evaluator | None = None
        """An evaluator of `_state`, or of an earlier state with the same `_table`."""
        self._met: dict[str, bool] = {}
        """Condition text -> whether it holds in `_state` (only those some view showed)."""
        self._lists: dict[tuple[str | None, bool], tuple[ObjectiveView, ...]] = {}
        """(viewer, game ended) -> the objectives it may read in `_state`, as `_met` says."""
        self._force: tuple[tuple[Pledge, ...], dict[str, dict[str, int]]] | None = None
        """Some state's pledges, and the units in those honoured by target then asset
        (copied into views)."""
        self._shown: dict[tuple[str | None, bool], tuple[tuple[str, Objective], ...]] = {}
        """(viewer, game ended) -> the objectives it may read, by seat, in order."""
        self._objectives: dict[tuple[object, ...], tuple[ObjectiveView, ...]] = {}
        """(viewer, game ended, whether each holds) -> their views (frozen, shared)."""
        self._objective_views: dict[tuple[int, bool], ObjectiveView] = {}
        """(id of an objective of the scenario, which `rules` holds; whether it holds) ->
        its view (frozen, shared: two an objective at most)."""

    def view(self, state: GameState, seat: str | None, events: tuple[Event, ...]) -> View:
        """The view of `seat` in `state`; `events` are those of the game it may see."""
        if state is not self._state:
            if state.rules is not self.rules:
                raise ValueError("a state of another scenario's game")
            table = _table_of(state)
            if self._table is None or any(
                now is not then for now, then in zip(table, self._table, strict=True)
            ):
                self._evaluator = None
                self._met = {}
                self._lists = {}
            self._state, self._table = state, table
        rules = self.rules
        ended = state.phase is Phase.ENDED
        seats = state.seats
        member = rules.member_of_seat
        return View(
            viewer=seat,
            round=state.round,
            rounds=rules.scenario.rounds,
            phase=state.phase,
            tracks=dict(state.tracks),
            history=state.history,
            track_changes={t: (before, after) for t, before, after in state.track_changes},
            seats=tuple(
                SeatSummary(
                    s.id,
                    s.name,
                    seats[s.id].pc,
                    seats[s.id].credibility,
                    dict(seats[s.id].assets)
                    if (not s.private_assets or s.id == seat or ended)
                    else None,
                    member.get(s.id),
                )
                for s in rules.scenario.seats
            ),
            drafts=tuple(state.drafts),
            pledges=state.pledges,
            guarantees=state.guarantees,
            terms=state.terms,
            red_lines=state.red_lines,
            mission=state.mission,
            in_force=state.in_force,
            objectives=self._objectives_for(state, seat, ended),
            briefing=rules.seats[seat].briefing if seat in rules.seats else "",
            events=events,
            names=rules.names,
            outcome=state.outcome,
            final_scores=state.outcome.scores if state.outcome else (),
            force={target: dict(units) for target, units in self._force_in(state).items()},
        )

    def _objectives_for(
        self, state: GameState, seat: str | None, ended: bool
    ) -> tuple[ObjectiveView, ...]:
        """The viewer's own objectives and everyone's public ones (all, once ended)."""
        found_list = self._lists.get((seat, ended))
        if found_list is not None:
            return found_list
        shown = self._shown.get((seat, ended))
        if shown is None:
            shown = self._shown[(seat, ended)] = tuple(
                (s.id, ob)
                for s in self.rules.scenario.seats
                for ob in s.objectives
                if not ob.secret or s.id == seat or ended
            )
        met = self._met
        holds = tuple(
            found if (found := met.get(ob.when)) is not None else self._work_out(state, ob.when)
            for _, ob in shown
        )
        key = (seat, ended, holds)
        found_list = self._objectives.get(key)
        if found_list is None:
            if len(self._objectives) >= _MOST_OBJECTIVE_LISTS:
                self._objectives.clear()
            found_list = self._objectives[key] = tuple(
                self._objective_view(s, ob, now) for (s, ob), now in zip(shown, holds, strict=True)
            )
        self._lists[(seat, ended)] = found_list
        return found_list

    def _objective_view(self, seat: str, objective: Objective, met: bool) -> ObjectiveView:
        key = (id(objective), met)
        found = self._objective_views.get(key)
        if found is None:
            found = self._objective_views[key] = ObjectiveView(
                seat, objective.id, objective.text, objective.points, objective.secret, met
            )
        return found

    def _work_out(self, state: GameState, when: str) -> bool:
        """Whether the condition holds in `state` (the state last viewed), remembered."""
        if self._evaluator is None:
            self._evaluator = Evaluator(state)
        found = self._met[when] = self._evaluator.holds(when)
        return found

    def _force_in(self, state: GameState) -> dict[str, dict[str, int]]:
        """Units in the honoured pledges of `state`, by target then asset (not to be
        changed: copy it). They depend on the pledges alone, which change seldom."""
        if self._force is not None and self._force[0] is state.pledges:
            return self._force[1]
        honoured = honoured_ids(state)
        force = {target: {a.id: 0 for a in self.rules.scenario.assets} for target in TARGETS}
        for p in state.pledges:
            if p.id in honoured and p.target in force and p.asset in force[p.target]:
                force[p.target][p.asset] += p.amount
        self._force = (state.pledges, force)
        return force


_MOST_OBJECTIVE_LISTS = 1024


def _table_of(state: GameState) -> tuple[object, ...]:
    """The fields of `state` an evaluator may read (`evaluation.Table`, which mypy holds
    it to; `scenario` and `draft()` come from `rules` and `drafts`), as objects."""
    return (
        state.rules,
        state.round,
        state.tracks,
        state.seats,
        state.drafts,
        state.pledges,
        state.guarantees,
        state.terms,
        state.red_lines,
        state.mission,
    )


_VIEWS: dict[int, Views] = {}
"""Id of a compiled scenario -> its views, for `view_for` (a `Game` keeps its own). A
`Views` holds its rules, so the id stays theirs while remembered."""
_MOST_VIEWS = 8


def _views_of(rules: Rules) -> Views:
    found = _VIEWS.get(id(rules))
    if found is not None and found.rules is rules:
        return found
    if len(_VIEWS) >= _MOST_VIEWS:
        _VIEWS.clear()
    found = _VIEWS[id(rules)] = Views(rules)
    return found
