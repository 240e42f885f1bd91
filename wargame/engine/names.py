"""Display names by id, for the words the news shows (`narrate.render`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wargame.scenario.models import Scenario


@dataclass(frozen=True, slots=True)
class Names:
    """Display names by id, from the scenario (an unknown id is shown as itself)."""

    seats: Mapping[str, str]
    members: Mapping[str, str]
    tracks: Mapping[str, str]
    guarantee_types: Mapping[str, str]
    """Guarantee type id → its name."""
    options: Mapping[str, str]
    """Argument option id → its name."""

    @classmethod
    def of(cls, scenario: Scenario) -> Names:
        return cls(
            seats={s.id: s.name for s in scenario.seats},
            members={m.id: m.name for m in scenario.council.members},
            tracks={t.id: t.name for t in scenario.tracks},
            guarantee_types={g.id: g.name for g in scenario.guarantee_types},
            options={a.id: a.name for a in scenario.arguments.table},
        )

    def seat(self, seat: str) -> str:
        return self.seats.get(seat, seat)

    def member(self, member: str) -> str:
        return self.members.get(member, member)
