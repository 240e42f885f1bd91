"""Three wrong tries at the facilitator's PIN lock it for a minute.

The clock is injected (`time.monotonic` by default) so that tests move time
on by hand instead of sleeping, and so that a change of the wall clock cannot
open the lock early.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from wargame.saves.format import SavePin
from wargame.saves.pin import pin_matches

TRIES = 3
"""Wrong tries in a row before the lock."""
LOCK_SECONDS = 60.0
"""How long the lock lasts."""


class PinAnswer(StrEnum):
    """What became of one try."""

    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"
    """Refused unread: the lock is on (three wrong tries)."""


@dataclass
class PinGuard:
    """Checks tries at one PIN and keeps count of the wrong ones."""

    pin: SavePin
    clock: Callable[[], float] = time.monotonic
    wrong: int = 0
    """Wrong tries since the last right one or the last lock."""
    locked_until: float = field(default=float("-inf"))

    def locked_for(self) -> float:
        """Seconds until the lock opens (0: not locked)."""
        return max(0.0, self.locked_until - self.clock())

    def tries_left(self) -> int:
        return TRIES - self.wrong

    def attempt(self, pin: str) -> PinAnswer:
        """Try a PIN: accepted, wrong (the third wrong try locks), or locked."""
        if self.locked_for() > 0:
            return PinAnswer.LOCKED
        if pin_matches(pin, self.pin):
            self.wrong = 0
            return PinAnswer.ACCEPTED
        self.wrong += 1
        if self.wrong >= TRIES:
            self.wrong = 0
            self.locked_until = self.clock() + LOCK_SECONDS
        return PinAnswer.WRONG


__all__ = ["LOCK_SECONDS", "TRIES", "PinAnswer", "PinGuard"]
