"""How much a state is worth to a seat: its objectives, then its persona.

The `strong` level scores each outcome it looks at with `Value.of(state)`:

- the points the seat's own objectives (secret ones included: they are its
  own) would score if the game ended in that state, or the final score once
  it has ended;
- how near the tracks are to meeting the objectives not met yet that compare one
  track with a number (`tension < 40`): a share of their points, more the nearer
  (and for a negative objective, a cost as it nears), so that a step toward a
  threshold that one round cannot reach still counts;
- its persona (`[seats.bot]`): `cooperation` adds a share of the points the
  other seats' public objectives score (a cooperative seat also wants the
  table to do well), `priorities` add a little for each favoured tag in force
  (more for the first);
- political capital kept, a little: spending it on nothing is a loss.

`risk` is applied over the samples (`Value.summary`): a cautious seat counts
the spread of outcomes against a choice, a bold one counts it for it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from wargame.engine.evaluation import Evaluator
from wargame.engine.state import GameState, Phase
from wargame.scenario.models import BotPersona, Scenario

PC_WORTH = 0.05
"""Points per unit of political capital kept."""
COOPERATION_WORTH = 0.25
"""Share of the other seats' public points counted at cooperation 100."""
PRIORITY_WORTH = 0.5
"""Points for the first favoured tag in force (later ones count less)."""
RISK_WORTH = 0.5
"""Weight of the outcomes' spread at risk 0 (against) or 100 (for)."""
PROGRESS_WORTH = 0.3
"""Share of an unmet objective's points counted for how near a track is to meeting it."""

_ON_TRACK = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(>=|>|<=|<)\s*(-?\d+)\s*$")


class Value:
    """A seat's worth of a state (see the module's docstring)."""

    def __init__(self, scenario: Scenario, seat: str) -> None:
        me = next(s for s in scenario.seats if s.id == seat)
        self.seat = seat
        self.persona = me.bot or BotPersona()
        self._mine = tuple((ob.when, ob.points) for ob in me.objectives)
        tracks = {t.id: t for t in scenario.tracks}
        self._progress: list[tuple[str, bool, int, int, int]] = []
        """(track, wants it higher, threshold, track's range, points) of each objective that
        is one comparison of a track with a number."""
        for ob in me.objectives:
            found = _ON_TRACK.match(ob.when)
            if found and found.group(1) in tracks:
                track = tracks[found.group(1)]
                span = max(1, track.max - track.min)
                up = found.group(2).startswith(">")
                self._progress.append((track.id, up, int(found.group(3)), span, ob.points))
        self._others = tuple(
            (ob.when, ob.points)
            for s in scenario.seats
            if s.id != seat
            for ob in s.objectives
            if not ob.secret
        )
        known = {t.id for t in scenario.tags}
        listed = [t for t in self.persona.priorities if t in known]
        self._priorities = tuple(
            (tag, PRIORITY_WORTH * (len(listed) - rank) / len(listed))
            for rank, tag in enumerate(listed)
        )

    def points(self, state: GameState, ev: Evaluator | None = None) -> int:
        """The seat's score in `state` (its final score once the game has ended)."""
        if state.phase is Phase.ENDED and state.outcome is not None:
            return next(s.points for s in state.outcome.scores if s.seat == self.seat)
        ev = ev or Evaluator(state)
        return sum(points for when, points in self._mine if ev.holds(when))

    def of(self, state: GameState) -> float:
        """The worth of `state`: points, then persona and political capital kept."""
        ev = Evaluator(state)
        worth = float(self.points(state, ev))
        if self.persona.cooperation and self._others:
            others = sum(points for when, points in self._others if ev.holds(when))
            worth += COOPERATION_WORTH * self.persona.cooperation / 100 * others
        ended = state.phase is Phase.ENDED
        for track, up, threshold, span, points in () if ended else self._progress:
            gap = threshold - state.tracks[track] if up else state.tracks[track] - threshold
            if gap > 0:  # not met yet: the nearer, the more it is worth (or costs)
                worth += PROGRESS_WORTH * points * max(0.0, 1 - gap / span)
        if self._priorities:
            in_force = set(state.in_force)
            worth += sum(w for tag, w in self._priorities if tag in in_force)
        return worth + PC_WORTH * state.seats[self.seat].pc

    def summary(self, worths: Sequence[float]) -> float:
        """One figure for a choice from its worth in each sample: the mean, with the
        spread counted against it (cautious) or for it (bold) by the persona's risk."""
        mean = statistics.fmean(worths)
        if len(worths) < 2:
            return mean
        lean = (self.persona.risk - 50) / 50
        return mean + RISK_WORTH * lean * statistics.pstdev(worths)
