"""Evaluating scenario expressions against a game state.

`Evaluator` answers every name and function of
:mod:`wargame.scenario.vocabulary`. Pledge resolution evaluates conditions
under an *assumption* (the set of pledges taken to hold), so everything that
depends on pledges reads `honoured` rather than the pledges' statuses.
"""

from __future__ import annotations

from collections.abc import Iterable

from wargame.engine.state import (
    DraftStatus,
    GameState,
    Pledge,
    PledgeStatus,
    TabledDraft,
)
from wargame.scenario import expr


def honoured_ids(state: GameState) -> frozenset[str]:
    """Ids of the pledges currently honoured."""
    return frozenset(p.id for p in state.pledges if p.status is PledgeStatus.HONOURED)


def is_resolution(draft: TabledDraft) -> bool:
    """A draft resolution proper (not an amendment or a Uniting for Peace motion)."""
    return draft.amends is None and draft.motion_for is None


def deployment_tags(state: GameState, honoured: frozenset[str]) -> set[str]:
    """Tags put in force by honoured pledges (the scenario's deployment tags)."""
    found: set[str] = set()
    for rule in state.scenario.force.deployment_tags:
        if any(
            p.id in honoured and p.seat in rule.seats and p.asset in rule.assets and p.amount > 0
            for p in state.pledges
        ):
            found.add(rule.tag)
    return found


def tags_in_force(state: GameState, honoured: frozenset[str] | None = None) -> tuple[str, ...]:
    """Every tag in force: adopted drafts, consented recommendations, active
    guarantees, accepted terms and deployments; sorted."""
    held = honoured_ids(state) if honoured is None else honoured
    tags: set[str] = set()
    for d in state.drafts:
        if is_resolution(d) and (
            d.status is DraftStatus.ADOPTED or (d.recommended and d.consented)
        ):
            tags.update(d.tags)
    types = {g.id: g for g in state.scenario.guarantee_types}
    for g in state.guarantees:
        if g.active and g.type in types:
            tags.update(types[g.type].tags)
    parties = set(state.scenario.roles.parties)
    for t in state.terms:
        if parties <= set(t.accepted_by):
            tags.update(t.tags)
    tags.update(deployment_tags(state, held))
    return tuple(sorted(tags))


class Evaluator:
    """An `expr.Env` over one game state.

    `honoured` overrides which pledges count (the fixpoint's assumption);
    `draft` is the draft being voted, for disposition rules.
    """

    def __init__(
        self,
        state: GameState,
        *,
        honoured: frozenset[str] | None = None,
        draft: TabledDraft | None = None,
    ) -> None:
        self.state = state
        self.honoured = honoured_ids(state) if honoured is None else honoured
        self.draft = draft

    # -- helpers -----------------------------------------------------------

    def _held(self) -> Iterable[Pledge]:
        return (p for p in self.state.pledges if p.id in self.honoured)

    def _pledged(self, seat: str | None, asset: str | None, target: str | None) -> int:
        return sum(
            p.amount
            for p in self._held()
            if (seat is None or p.seat == seat)
            and (asset is None or p.asset == asset)
            and (target is None or p.target == target)
        )

    def _contribution(self, target: str) -> dict[str, int]:
        rules = self.state.rules
        out: dict[str, int] = {}
        for p in self._held():
            if p.target == target:
                out[p.seat] = out.get(p.seat, 0) + rules.strength(p.asset, p.amount)
        return out

    def force_pct(self, target: str) -> int:
        """How far honoured pledges to `target` meet the requirement (0-100)."""
        requirement = {k: v for k, v in self.state.scenario.force.requirement.items() if v > 0}
        if not requirement:
            return 100 if self._contribution(target) else 0
        total = 0
        for asset, needed in requirement.items():
            total += min(100, self._pledged(None, asset, target) * 100 // needed)
        return total // len(requirement)

    def in_force(self) -> tuple[str, ...]:
        """Tags in force under this evaluator's assumption."""
        return tags_in_force(self.state, self.honoured)

    def evaluate(self, node: expr.Node) -> int | bool:
        """Evaluate a compiled expression here."""
        return expr.evaluate(node, self)

    def holds(self, text: str, *, draft: bool = False) -> bool:
        """Whether a condition of the scenario (or of an order) holds."""
        return bool(self.evaluate(self.state.rules.node(text, draft=draft)))

    def number(self, text: str) -> int:
        """The value of a number expression of the scenario."""
        return int(self.evaluate(self.state.rules.node(text, number=True)))

    # -- expr.Env ----------------------------------------------------------

    def name(self, path: str) -> int | bool:
        state = self.state
        if path == "round":
            return state.round
        if path == "rounds":
            return state.scenario.rounds
        if path in state.tracks:
            return state.tracks[path]
        if path.startswith("draft."):
            return self._draft_name(path)
        seat, _, rest = path.partition(".")
        seat_state = state.seats[seat]
        if rest == "pc":
            return seat_state.pc
        if rest == "credibility":
            return seat_state.credibility
        kind, _, asset = rest.partition(".")
        if kind == "assets":
            return seat_state.assets.get(asset, 0)
        return self._pledged(seat, asset, None)

    def _draft_name(self, path: str) -> bool:
        d = self.draft
        if d is None:
            return False
        return {
            "draft.procedural": d.procedural,
            "draft.substantive": not d.procedural,
            "draft.endorsed": d.endorsed,
            "draft.amendment": d.amends is not None,
        }[path]

    def call(self, fn: str, args: tuple[int | bool | str, ...]) -> int | bool:
        state = self.state
        a = [str(x) for x in args]
        if fn in ("adopted", "vetoed", "failed", "tabled"):
            d = state.draft(a[0])
            if d is None:
                return False
            if fn == "tabled":
                return d.status is not DraftStatus.PROPOSED or bool(d.earlier)
            return d.ever(DraftStatus(fn))  # any of its votes
        if fn == "adopted_tag":
            return any(
                is_resolution(d) and d.status is DraftStatus.ADOPTED and a[0] in d.tags
                for d in state.drafts
            )
        if fn == "in_force":
            return a[0] in self.in_force()
        if fn == "terms_accepted":
            parties = set(state.scenario.roles.parties)
            return any(a[0] in t.tags and parties <= set(t.accepted_by) for t in state.terms)
        if fn == "vetoes":
            member = state.rules.member_of_seat.get(a[0], a[0])  # vetoes are by member id
            return sum(
                (member in d.vetoed_by) + sum(member in e.vetoed_by for e in d.earlier)
                for d in state.drafts
            )
        if fn == "guarantee_active":
            return any(g.active and g.type == a[0] for g in state.guarantees)
        if fn == "guarantees_active":
            return sum(1 for g in state.guarantees if g.active)
        if fn == "guarantee_strength":
            return sum(g.strength for g in state.guarantees if g.active)
        if fn == "backs_guarantee":
            backing = {b for g in state.guarantees if g.active for b in g.backing}
            return any(p.seat == a[0] and p.asset == a[1] and p.id in backing for p in self._held())
        if fn == "force":
            return self._pledged(None, a[1], a[0])
        if fn == "force_met":
            return self.force_pct(a[0]) >= 100
        if fn == "force_pct":
            return self.force_pct(a[0])
        if fn == "contributors":
            return len(self._contribution(a[0]))
        if fn == "leads":
            shares = self._contribution(a[1])
            mine = shares.get(a[0], 0)
            return mine > 0 and all(v < mine for s, v in shares.items() if s != a[0])
        if fn == "un_mission":
            return state.mission is not None
        if fn == "un_mandate":
            return 0 if state.mission is None else state.mission.strength_pct
        if fn == "red_lines_crossed":
            return sum(1 for r in state.red_lines if r.seat == a[0] and r.crossed_round)
        if fn == "min":
            return min(int(args[0]), int(args[1]))
        if fn == "max":
            return max(int(args[0]), int(args[1]))
        if fn == "has_tag":
            return self.draft is not None and a[0] in self.draft.tags
        if fn == "sponsored_by":
            return self.draft is not None and self.draft.sponsor == a[0]
        raise KeyError(fn)
