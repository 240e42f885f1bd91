"""A private, mutable working copy of a state, used within one engine step.

The engine's public functions take a frozen `GameState` and return a new
one; in between they work on a `Board` and freeze it with `freeze()`. No
Board escapes the engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from operator import is_
from typing import TypeVar

from wargame.engine.evaluation import Evaluator
from wargame.engine.events import Change, Changes, Event, MissionEstablished, Payload
from wargame.engine.records import replace
from wargame.engine.rules import Rules
from wargame.engine.state import (
    GameState,
    Guarantee,
    Mandate,
    Mission,
    Pledge,
    RedLine,
    SeatState,
    TabledDraft,
    Terms,
)
from wargame.scenario.effects import Effect, apply_op
from wargame.scenario.models import Scenario

T = TypeVar("T")


class Board:
    """Mutable copies of a state's parts, plus the events produced so far."""

    def __init__(self, state: GameState) -> None:
        self.base = state
        self.round: int = state.round
        self.rules: Rules = state.rules
        self.scenario: Scenario = state.scenario
        self.tracks = dict(state.tracks)
        self.pc = {s: v.pc for s, v in state.seats.items()}
        self.credibility = {s: v.credibility for s, v in state.seats.items()}
        self.assets = {s: dict(v.assets) for s, v in state.seats.items()}
        self.drafts: list[TabledDraft] = list(state.drafts)
        self.pledges: tuple[Pledge, ...] = state.pledges
        """A tuple, replaced whole when a pledge is added or changes (never a list changed
        in place): `honoured_ids`, the pledge books and `freeze` then share it by identity."""
        self.guarantees: list[Guarantee] = list(state.guarantees)
        self.terms: list[Terms] = list(state.terms)
        self.red_lines: list[RedLine] = list(state.red_lines)
        self.mission = state.mission
        self.fired: list[str] = list(state.fired)
        self.events: list[Event] = []

    @property
    def seats(self) -> Mapping[str, SeatState]:
        """Each seat's resources as they stand (read by evaluators; not copied)."""
        return _Seats(self)

    def freeze(self, **changes: object) -> GameState:
        """The state as the board now stands, with `changes` applied. What did not change
        is the base state's own object (its records keep their identity, which the
        evaluator's memories go by)."""
        base = self.base
        fields: dict[str, object] = {
            "tracks": base.tracks if self.tracks == base.tracks else dict(self.tracks),
            "seats": self._frozen_seats(),
            "drafts": _same(base.drafts, self.drafts),
            "pledges": self.pledges,
            "guarantees": _same(base.guarantees, self.guarantees),
            "terms": _same(base.terms, self.terms),
            "red_lines": _same(base.red_lines, self.red_lines),
            "mission": self.mission,
            "fired": _same(base.fired, self.fired),
        }
        if not changes and all(getattr(base, k) is v for k, v in fields.items()):
            return base  # nothing moved (a briefing where no inject fired)
        fields.update(changes)
        return replace(base, **fields)

    def _frozen_seats(self) -> dict[str, SeatState]:
        """Each seat's resources as they stand: the base's `SeatState` where nothing changed
        (the board copied every asset dict, so the base's are never changed in place)."""
        before = self.base.seats
        seats = {}
        moved = False
        for s, was in before.items():
            pc, credibility, assets = self.pc[s], self.credibility[s], self.assets[s]
            if pc == was.pc and credibility == was.credibility and assets == was.assets:
                seats[s] = was
            else:
                seats[s] = SeatState(pc, credibility, dict(assets))
                moved = True
        return seats if moved else before

    def evaluator(
        self,
        *,
        honoured: frozenset[str] | None = None,
        draft: TabledDraft | None = None,
        steady: bool = False,
    ) -> Evaluator:
        """An evaluator over the board as it stands (it reads the board itself: use it
        before the board changes again, as every caller does; `steady`: only tracks,
        PC, credibility or assets change while it is used)."""
        return Evaluator(self, honoured=honoured, draft=draft, steady=steady)

    def emit(self, payload: Payload, private_to: tuple[str, ...] | None = None) -> None:
        """Record what happened this round (seen only by `private_to`, if given)."""
        self.events.append(Event(self.round, payload, private_to))

    def set_draft(self, draft: TabledDraft) -> None:
        """Replace the draft with the same id."""
        self.drafts = [draft if d.id == draft.id else d for d in self.drafts]

    def set_pledge(self, pledge: Pledge) -> None:
        """Replace the pledge with the same id."""
        self.pledges = tuple(pledge if p.id == pledge.id else p for p in self.pledges)

    def add_pledge(self, pledge: Pledge) -> None:
        """Add a pledge after the others."""
        self.pledges = (*self.pledges, pledge)

    def draft(self, draft_id: str) -> TabledDraft | None:
        return next((d for d in self.drafts if d.id == draft_id), None)

    def committed(self, seat: str, asset: str, honoured: frozenset[str]) -> int:
        return sum(
            p.amount
            for p in self.pledges
            if p.id in honoured and p.seat == seat and p.asset == asset
        )

    def apply_effects(
        self, effects: tuple[str, ...] | list[str], evaluator: Evaluator | None = None
    ) -> Changes:
        """Apply effects in order; returns the numbers that changed, for the news.

        Effects change only tracks, PC, credibility and assets, so one steady evaluator
        over the board serves them all: `evaluator`, when the caller already has one
        (`self.evaluator(steady=True)`, made since the board's records last changed)."""
        changes: list[Change] = []
        rules = self.base.rules
        if evaluator is None:
            evaluator = self.evaluator(steady=True)
        for text in effects:
            effect = rules.effect(text)
            value = int(evaluator.evaluate(effect.value))
            change = self._apply(effect, value, evaluator.honoured)
            if change is not None:
                changes.append(change)
        return tuple(changes)

    def _apply(self, effect: Effect, value: int, honoured: frozenset[str]) -> Change | None:
        target = effect.target
        if target in self.tracks:
            low, high = self.rules.track_bounds[target]
            before = self.tracks[target]
            after = max(low, min(high, apply_op(effect.op, before, value)))
            self.tracks[target] = after
        else:
            seat, _, attr = target.partition(".")
            if attr == "pc":
                before = self.pc[seat]
                after = self.pc[seat] = max(0, apply_op(effect.op, before, value))
            elif attr == "credibility":
                before = self.credibility[seat]
                after = max(0, min(100, apply_op(effect.op, before, value)))
                self.credibility[seat] = after
            else:
                asset = attr.partition(".")[2]
                before = self.assets[seat].get(asset, 0)
                floor = self.committed(seat, asset, honoured)
                after = max(floor, apply_op(effect.op, before, value))
                self.assets[seat][asset] = after
        return Change(target, before, after) if after != before else None

    def establish_mission(self, draft: TabledDraft, mandate: Mandate) -> None:
        """Create the UN mission from `draft` if it carries a mission tag and none exists."""
        mission_tags = set(self.base.scenario.force.mission_tags)
        if self.mission is not None or not mission_tags & set(draft.tags):
            return
        ga = self.base.scenario.council.general_assembly
        pct = 100 if mandate is Mandate.COUNCIL else ga.mandate_strength
        self.mission = Mission(draft.id, mandate, pct)
        self.emit(MissionEstablished(draft.id, mandate, pct))


def _same(before: tuple[T, ...], now: list[T]) -> tuple[T, ...]:
    """`now` as a tuple: `before` itself when it holds the very same records."""
    if len(before) == len(now) and all(map(is_, before, now)):
        return before
    return tuple(now)


class _Seats(Mapping[str, SeatState]):
    """A board's seats read as `SeatState`s, built when asked (assets not copied)."""

    def __init__(self, board: Board) -> None:
        self._board = board

    def __getitem__(self, seat: str) -> SeatState:
        b = self._board
        return SeatState(b.pc[seat], b.credibility[seat], b.assets[seat])

    def __iter__(self) -> Iterator[str]:
        return iter(self._board.pc)

    def __len__(self) -> int:
        return len(self._board.pc)
