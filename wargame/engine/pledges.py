"""Pledges resolved to the greatest fixpoint.

Start by assuming every standing pledge (honoured before, or new this round)
holds. Repeatedly drop, all at once, every pledge whose target does not
exist, whose condition is false under the current assumption, or that its
seat cannot cover; stop when nothing changes. So "France pledges 5,000 troops
if the UK pledges 2 jet squadrons" and the UK's mirror pledge both hold, and
a chain whose first link fails collapses link by link, each with its reason.
A pledge dropped because its seat could not cover it is taken back at the
end, in priority order, if it fits once the others have dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wargame.engine.events import Drop, DropReason
from wargame.engine.state import Pledge


@dataclass(frozen=True, slots=True)
class Fixpoint:
    """The pledges that hold, and why each of the others dropped."""

    honoured: frozenset[str]
    dropped: dict[str, Drop]
    """Pledge id → why it dropped."""
    passes: int
    """How many passes it took (for the news and for tests)."""


def resolve_pledges(
    pledges: Sequence[Pledge],
    holdings: Callable[[str, str], int],
    condition_holds: Callable[[Pledge, frozenset[str]], bool],
    target_exists: Callable[[str], bool],
) -> Fixpoint:
    """Resolve `pledges` (in priority order: earlier pledges are covered first).

    `holdings(seat, asset)` is what the seat owns; `condition_holds(p, assumed)`
    evaluates p's condition assuming exactly the pledges in `assumed` hold.
    """

    def failures(assumed: frozenset[str]) -> tuple[dict[str, Drop], set[str]]:
        """Why each assumed pledge fails under `assumed`; and which fail on cover."""
        failing: dict[str, Drop] = {}
        for p in pledges:
            if p.id not in assumed:
                continue
            if not target_exists(p.target):
                failing[p.id] = Drop(DropReason.NO_TARGET)
            elif p.condition is not None and not condition_holds(p, assumed):
                failing[p.id] = Drop(DropReason.CONDITION_NOT_MET, condition=p.condition)
        uncovered: set[str] = set()
        used: dict[tuple[str, str], int] = {}
        for p in pledges:
            if p.id not in assumed or p.id in failing:
                continue
            key = (p.seat, p.asset)
            held = holdings(p.seat, p.asset)
            if used.get(key, 0) + p.amount > held:
                failing[p.id] = Drop(
                    DropReason.CANNOT_COVER, pledged=used.get(key, 0) + p.amount, held=held
                )
                uncovered.add(p.id)
            else:
                used[key] = used.get(key, 0) + p.amount
        return failing, uncovered

    assumed = frozenset(p.id for p in pledges)
    dropped: dict[str, Drop] = {}
    uncovered: set[str] = set()
    passes = 0
    while True:
        passes += 1
        failing, short = failures(assumed)
        if failing:
            dropped.update(failing)
            uncovered |= short
            assumed = assumed.difference(failing)
            continue
        # Covering depends on which other pledges were assumed: a pledge dropped
        # for want of assets may fit now that others have dropped. Take such
        # pledges back, in priority order, when everything still holds with them.
        readmitted = False
        for p in pledges:
            if p.id in uncovered and p.id in dropped and not failures(assumed | {p.id})[0]:
                assumed = assumed | {p.id}
                del dropped[p.id]
                readmitted = True
        if not readmitted:
            return Fixpoint(assumed, dropped, passes)
