"""The `pass` level: a seat that does nothing at all, every round.

It tables nothing, votes nothing and submits empty orders. `wargame simulate`
plays it at one seat to check that doing nothing does not beat playing (the
all-pass warning); it is also a quiet stand-in for an absent group.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.bots.base import register
from wargame.engine.view import View
from wargame.scenario.models import Scenario


class PassBot:
    """Plays one seat by passing: no public action, empty orders."""

    def __init__(self, seat: str) -> None:
        self.seat = seat

    def decide(self, view: View) -> Sequence[str]:
        return ()


@register("pass")
def make_pass(scenario: Scenario, seat: str, seed: int) -> PassBot:
    """A `pass` bot for `seat` (it needs neither the scenario nor the seed)."""
    return PassBot(seat)
