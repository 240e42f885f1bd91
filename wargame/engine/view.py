"""What one seat may see: the engine's views, with others' secrets removed.

A screen for a seat only ever receives `view_for(state, seat, events)`. The
public board (`seat=None`) holds no secret at all. Once the game has ended,
every objective is revealed (the debrief compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import is_

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


@dataclass(slots=True)
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


@dataclass(slots=True)
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
    """The viewer's own objectives and everyone's public ones, each with whether it holds
    now; empty in a view made with `objectives=False` (a bot's: a bot reads its objectives
    from the scenario it knows and works out for itself what holds)."""
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


def view_for(
    state: GameState, seat: str | None, events: Iterable[Event] = (), *, objectives: bool = True
) -> View:
    """The view of `seat` (None: the public board), seeing those of `events` it may see;
    `objectives=False` leaves its objectives out (`View.objectives`: a bot's view)."""
    seen = tuple(e for e in events if e.visible_to(seat))
    return _views_of(state.rules).view(state, seat, seen, objectives=objectives)


class Views:
    """Views of the states of one game (one compiled scenario), built from what every
    seat's views of a state share, worked out once for the state.

    What a view holds depends only on its state, the viewer and the events it is
    given; what is remembered is derived from the scenario, or from the states last
    viewed (a `_Board`: docs/DECISIONS.md, "What views remember" and "The engine's
    side, fourth pass"). Each view is its own object with its own dicts; what two views
    share is frozen. A view holds nothing of the game but what its viewer may see: no
    reference to the state, the rules or this object.
    """

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._state: GameState | None = None
        """The state last viewed."""
        self._board: _Board | None = None
        """What the views of `_state` share with those of the states before it that read
        the same (`_Board.of`)."""
        self._force: tuple[tuple[Pledge, ...], dict[str, dict[str, int]]] | None = None
        """Some state's pledges, and the units in those honoured by target then asset
        (copied into views)."""
        self._shown: dict[
            tuple[str | None, bool], tuple[tuple[tuple[str, Objective], ...], tuple[str, ...]]
        ] = {}
        """(viewer, game ended) -> the objectives it may read, by seat, in order, and
        their conditions."""
        self._objectives: dict[tuple[object, ...], tuple[ObjectiveView, ...]] = {}
        """(viewer, game ended, whether each holds) -> their views (frozen, shared)."""
        member = rules.member_of_seat
        self._seat_rows = tuple(
            (s.id, s.name, s.private_assets, member.get(s.id)) for s in rules.scenario.seats
        )
        """Each seat's id, name, whether it keeps its assets private, and its council
        member (or None), in scenario order: what a `SeatSummary` takes from the scenario."""
        self._briefings: dict[str | None, str] = {id_: s.briefing for id_, s in rules.seats.items()}
        """Each seat's private briefing, by id."""
        self._objective_views: dict[tuple[int, bool], ObjectiveView] = {}
        """(id of an objective of the scenario, which `rules` holds; whether it holds) ->
        its view (frozen, shared: two an objective at most)."""

    def view(
        self,
        state: GameState,
        seat: str | None,
        events: tuple[Event, ...],
        *,
        objectives: bool = True,
    ) -> View:
        """The view of `seat` in `state`; `events` are those of the game it may see;
        `objectives=False` leaves the objectives out (`View.objectives`)."""
        board = self._board
        if state is not self._state or board is None:
            if state.rules is not self.rules:
                raise ValueError("a state of another scenario's game")
            board = self._board = _Board.of(state, board)
            self._state = state
        rules = self.rules
        ended = state.phase is Phase.ENDED
        seats = state.seats
        summaries = []
        for id_, name, private, member in self._seat_rows:
            held = seats[id_]
            summaries.append(
                SeatSummary(
                    id_,
                    name,
                    held.pc,
                    held.credibility,
                    dict(held.assets) if (not private or id_ == seat or ended) else None,
                    member,
                )
            )
        outcome = state.outcome
        # In field order, by position: matching 25 keywords cost a fifth of a view. mypy
        # holds each value to its field's type; a test reads each field back by name.
        return View(
            seat,  # viewer
            state.round,  # round
            rules.scenario.rounds,  # rounds
            state.phase,  # phase
            dict(state.tracks),  # tracks
            state.history,  # history
            {t: (before, after) for t, before, after in state.track_changes},  # track_changes
            tuple(summaries),  # seats
            tuple(state.drafts),  # drafts
            state.pledges,  # pledges
            state.guarantees,  # guarantees
            state.terms,  # terms
            state.red_lines,  # red_lines
            state.mission,  # mission
            state.in_force,  # in_force
            self.objectives(board, seat, ended) if objectives else (),  # objectives
            self._briefings.get(seat, ""),  # briefing
            events,  # events
            rules.names,  # names
            outcome,  # outcome
            outcome.scores if outcome else (),  # final_scores
            {target: dict(units) for target, units in self._force_in(state).items()},  # force
        )

    def objectives(self, board: _Board, seat: str | None, ended: bool) -> tuple[ObjectiveView, ...]:
        """The viewer's own objectives and everyone's public ones (all, once ended), in
        `board`'s states."""
        found_list = board.lists.get((seat, ended))
        if found_list is not None:
            return found_list
        found_shown = self._shown.get((seat, ended))
        if found_shown is None:
            shown = tuple(
                (s.id, ob)
                for s in self.rules.scenario.seats
                for ob in s.objectives
                if not ob.secret or s.id == seat or ended
            )
            found_shown = self._shown[(seat, ended)] = (shown, tuple(ob.when for _, ob in shown))
        shown, whens = found_shown
        met = board.met
        try:
            holds = tuple(map(met.__getitem__, whens))
        except KeyError:  # not all asked yet in these states
            holds = tuple(met[when] if when in met else board.holds(when) for when in whens)
        key = (seat, ended, holds)
        found_list = self._objectives.get(key)
        if found_list is None:
            if len(self._objectives) >= _MOST_OBJECTIVE_LISTS:
                self._objectives.clear()
            found_list = self._objectives[key] = tuple(
                self._objective_view(s, ob, now) for (s, ob), now in zip(shown, holds, strict=True)
            )
        board.lists[(seat, ended)] = found_list
        return found_list

    def _objective_view(self, seat: str, objective: Objective, met: bool) -> ObjectiveView:
        key = (id(objective), met)
        found = self._objective_views.get(key)
        if found is None:
            found = self._objective_views[key] = ObjectiveView(
                seat, objective.id, objective.text, objective.points, objective.secret, met
            )
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


class _Board:
    """What the views of states that read alike share: whether each objective holds.

    Every field of a state an evaluator may read (`_table_of`) is the same object in
    each of them (a state is frozen), so a condition holds in all or in none."""

    __slots__ = ("evaluator", "lists", "met", "state", "table")

    def __init__(self, state: GameState, table: tuple[object, ...]) -> None:
        self.state = state
        """The first of these states viewed (the evaluator's)."""
        self.table = table
        self.evaluator: Evaluator | None = None
        self.met: dict[str, bool] = {}
        """Condition text -> whether it holds (only those some view was shown)."""
        self.lists: dict[tuple[str | None, bool], tuple[ObjectiveView, ...]] = {}
        """(viewer, game ended) -> the objectives it may read, as `met` says."""

    @classmethod
    def of(cls, state: GameState, last: _Board | None) -> _Board:
        """`last` when `state` reads as its states do (the orders phase after the last
        negotiating state: only the phase changes), else a new one."""
        table = _table_of(state)
        if last is not None and all(map(is_, table, last.table)):
            return last
        return cls(state, table)

    def holds(self, when: str) -> bool:
        """Whether the condition holds in these states, remembered."""
        if self.evaluator is None:
            self.evaluator = Evaluator(self.state)
        found = self.met[when] = self.evaluator.holds(when)
        return found


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
