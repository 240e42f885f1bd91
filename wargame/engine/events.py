"""Events: frozen records of what happened and why.

The news feed, the round report and the replay read these; none of them
re-derives a rule. An event with `private_to` is shown only to those seats.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wargame.scenario.models import Vote


class EventKind(StrEnum):
    """What kind of thing happened."""

    TABLED = "tabled"
    INJECT = "inject"
    WITHDRAWAL = "withdrawal"
    LOBBY = "lobby"
    ENDORSE = "endorse"
    MEDIATE = "mediate"
    VOTE = "vote"
    AMENDMENT = "amendment"
    ASSEMBLY = "assembly"
    MISSION = "mission"
    CONSENT = "consent"
    PLEDGE_HONOURED = "pledge_honoured"
    PLEDGE_DROPPED = "pledge_dropped"
    GUARANTEE = "guarantee"
    TERMS = "terms"
    RED_LINE = "red_line"
    ARGUMENT = "argument"
    RULE = "rule"
    FRICTION = "friction"
    INCOME = "income"
    FACILITATOR = "facilitator"
    REFUSED = "refused"
    ENDING = "ending"


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened, with the reason in its text."""

    round: int
    kind: EventKind
    text: str
    seat: str | None = None
    """The seat that acted, if any."""
    ref: str | None = None
    """The id of the draft, pledge, guarantee... concerned."""
    votes: tuple[tuple[str, Vote], ...] = ()
    """For votes: each member's vote, in council order."""
    private_to: tuple[str, ...] | None = None
    """Seats allowed to see this event; None for everyone."""

    def visible_to(self, seat: str | None) -> bool:
        """Whether `seat` (None: the public board) may see this event."""
        return self.private_to is None or (seat is not None and seat in self.private_to)
