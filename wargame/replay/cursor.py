"""Where a replay stands and through whose eyes: moving step by step and round by round.

A `Lens` is who is watching: the public board, one seat (what `view_for(seat)` gives it,
never another seat's orders or secret objectives), or omniscient (every event, every
seat's sealed orders once its round is resolved, every objective). A `Cursor` moves
over the steps that lens may see; the others are skipped, so the public board never
stops on a seat's private lobbying result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from wargame.engine import Event, GameState, View, scores, view_for
from wargame.engine.view import ObjectiveView
from wargame.replay.timeline import Segment, Step, Timeline


@dataclass(frozen=True, slots=True)
class Lens:
    """Who is watching the replay."""

    seat: str | None = None
    """A seat id for that seat's view; None for the public board (or omniscient)."""
    omniscient: bool = False
    """Everything: every event, sealed orders at resolution, every objective."""

    def sees(self, step: Step) -> bool:
        return step.visible_to(self.seat, omniscient=self.omniscient)

    def events(self, steps: Iterable[Step]) -> list[Event]:
        """The events of these steps this lens may see."""
        return [s.event for s in steps if s.event is not None and self.sees(s)]

    def view(self, state: GameState, events: Iterable[Event]) -> View:
        """The board through this lens (an omniscient one: every objective and asset shown)."""
        view = view_for(state, self.seat, events)
        if not self.omniscient:
            return view
        met = {(s.seat, r.id): r.met for s in scores(state) for r in s.objectives}
        objectives = tuple(
            ObjectiveView(seat.id, ob.id, ob.text, ob.points, ob.secret, met[(seat.id, ob.id)])
            for seat in state.scenario.seats
            for ob in seat.objectives
        )
        seats = tuple(
            replace(s, assets=dict(state.seats[s.id].assets)) if s.assets is None else s
            for s in view.seats
        )
        return replace(view, objectives=objectives, seats=seats, events=tuple(events))

    def sees_orders_of(self, seat: str) -> bool:
        """Whether this lens is shown `seat`'s sealed orders (once its round is resolved)."""
        return self.omniscient or self.seat == seat


PUBLIC = Lens()
OMNISCIENT = Lens(omniscient=True)


@dataclass
class Cursor:
    """A position in a timeline, moved over the steps its lens may see."""

    timeline: Timeline
    lens: Lens = PUBLIC
    at: int = 0
    """The index of the step shown, in `timeline.steps`."""
    _visible: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.look_through(self.lens)

    # -- reading -------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.timeline.steps[self.at]

    @property
    def segment(self) -> Segment:
        return self.timeline.segment_of(self.at)

    @property
    def position(self) -> tuple[int, int]:
        """(1-based number of this step among those the lens sees, how many it sees)."""
        return self._visible.index(self.at) + 1, len(self._visible)

    def so_far(self) -> list[Step]:
        """The steps of this round's segment up to this one that the lens sees."""
        seg = self.segment
        return [s for s in self.timeline.steps[seg.first : self.at + 1] if self.lens.sees(s)]

    def orders_shown(self) -> bool:
        """Whether the segment's sealed orders are revealed at this step: from its
        resolution on; for a last round never resolved, at the game's last step (where an
        unfinished log stops, or the facilitator's ending)."""
        seg = self.segment
        if seg.resolved_at is not None:
            return self.at >= seg.resolved_at
        return not seg.undone and self.at == len(self.timeline.steps) - 1

    # -- moving --------------------------------------------------------------

    def look_through(self, lens: Lens) -> None:
        """Change who watches; stay on this step, or the nearest earlier one it may see."""
        self.lens = lens
        self._visible = [s.index for s in self.timeline.steps if lens.sees(s)]
        self.at = max((i for i in self._visible if i <= self.at), default=self._visible[0])

    def forward(self) -> bool:
        """The next event; False at the last."""
        return self._go(next((i for i in self._visible if i > self.at), None))

    def back(self) -> bool:
        """The previous event; False at the first."""
        return self._go(next((i for i in reversed(self._visible) if i < self.at), None))

    def first(self) -> bool:
        return self._go(self._visible[0])

    def last(self) -> bool:
        return self._go(self._visible[-1])

    def next_round(self) -> bool:
        """The first step of the next round played (a round played again counts anew)."""
        here = self.step.segment
        return self._go(next((i for i in self._visible if self._seg(i) > here), None))

    def previous_round(self) -> bool:
        """The first step of the round played before this one."""
        here = self.step.segment
        earlier = [i for i in self._visible if self._seg(i) < here]
        if not earlier:
            return False
        before = self._seg(earlier[-1])
        return self._go(next(i for i in earlier if self._seg(i) == before))

    def to_segment(self, segment: int) -> bool:
        """The first step of a segment this lens sees anything of."""
        return self._go(next((i for i in self._visible if self._seg(i) == segment), None))

    def to_round(self, round_: int) -> bool:
        """The start of a round as it stands (the last time it was played)."""
        for seg in reversed(self.timeline.segments):
            if seg.round == round_ and self.to_segment(seg.index):
                return True
        return False

    def _seg(self, index: int) -> int:
        return self.timeline.steps[index].segment

    def _go(self, index: int | None) -> bool:
        if index is None or index == self.at:
            return False
        self.at = index
        return True


__all__ = ["OMNISCIENT", "PUBLIC", "Cursor", "Lens"]
