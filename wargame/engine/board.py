"""A private, mutable working copy of a state, used within one engine step.

The engine's public functions take a frozen `GameState` and return a new
one; in between they work on a `Board` and freeze it with `freeze()`. No
Board escapes the engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from wargame.engine.evaluation import Evaluator, honoured_ids
from wargame.engine.events import Change, Changes, Event, MissionEstablished, Payload
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
from wargame.scenario import expr
from wargame.scenario.models import Scenario


class Board:
    """Mutable copies of a state's parts, plus the events produced so far."""

    def __init__(self, state: GameState) -> None:
        self.base = state
        self.tracks = dict(state.tracks)
        self.pc = {s: v.pc for s, v in state.seats.items()}
        self.credibility = {s: v.credibility for s, v in state.seats.items()}
        self.assets = {s: dict(v.assets) for s, v in state.seats.items()}
        self.drafts: list[TabledDraft] = list(state.drafts)
        self.pledges: list[Pledge] = list(state.pledges)
        self.guarantees: list[Guarantee] = list(state.guarantees)
        self.terms: list[Terms] = list(state.terms)
        self.red_lines: list[RedLine] = list(state.red_lines)
        self.mission = state.mission
        self.fired: list[str] = list(state.fired)
        self.events: list[Event] = []

    @property
    def round(self) -> int:
        return self.base.round

    @property
    def rules(self) -> Rules:
        return self.base.rules

    @property
    def scenario(self) -> Scenario:
        return self.base.scenario

    @property
    def seats(self) -> Mapping[str, SeatState]:
        """Each seat's resources as they stand (read by evaluators; not copied)."""
        return _Seats(self)

    def freeze(self, **changes: object) -> GameState:
        """The state as the board now stands, with `changes` applied."""
        seats = {
            s: SeatState(self.pc[s], self.credibility[s], dict(self.assets[s])) for s in self.pc
        }
        state = replace(
            self.base,
            tracks=dict(self.tracks),
            seats=seats,
            drafts=tuple(self.drafts),
            pledges=tuple(self.pledges),
            guarantees=tuple(self.guarantees),
            terms=tuple(self.terms),
            red_lines=tuple(self.red_lines),
            mission=self.mission,
            fired=tuple(self.fired),
        )
        return replace(state, **changes) if changes else state  # type: ignore[arg-type]

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
        self.pledges = [pledge if p.id == pledge.id else p for p in self.pledges]

    def draft(self, draft_id: str) -> TabledDraft | None:
        return next((d for d in self.drafts if d.id == draft_id), None)

    def committed(self, seat: str, asset: str, honoured: frozenset[str]) -> int:
        return sum(
            p.amount
            for p in self.pledges
            if p.id in honoured and p.seat == seat and p.asset == asset
        )

    def apply_effects(self, effects: tuple[str, ...] | list[str]) -> Changes:
        """Apply effects in order; returns the numbers that changed, for the news."""
        changes: list[Change] = []
        rules = self.base.rules
        honoured = honoured_ids(self)
        evaluator = self.evaluator(honoured=honoured, steady=True)  # effects: tracks, PC, assets
        for text in effects:
            effect = rules.effect(text)
            value = int(evaluator.evaluate(effect.value))
            change = self._apply(effect, value, honoured)
            if change is not None:
                changes.append(change)
        return tuple(changes)

    def _apply(self, effect: expr.Effect, value: int, honoured: frozenset[str]) -> Change | None:
        target = effect.target
        if target in self.tracks:
            track = next(t for t in self.base.scenario.tracks if t.id == target)
            before = self.tracks[target]
            after = max(track.min, min(track.max, expr.apply_op(effect.op, before, value)))
            self.tracks[target] = after
        else:
            seat, _, attr = target.partition(".")
            if attr == "pc":
                before = self.pc[seat]
                after = self.pc[seat] = max(0, expr.apply_op(effect.op, before, value))
            elif attr == "credibility":
                before = self.credibility[seat]
                after = max(0, min(100, expr.apply_op(effect.op, before, value)))
                self.credibility[seat] = after
            else:
                asset = attr.partition(".")[2]
                before = self.assets[seat].get(asset, 0)
                floor = self.committed(seat, asset, honoured)
                after = max(floor, expr.apply_op(effect.op, before, value))
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
