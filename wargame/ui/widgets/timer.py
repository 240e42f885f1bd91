"""The negotiation timer the facilitator sets, pauses and extends.

The timer is table furniture, not game state: it is not logged and does not
end the negotiation by itself; it tells the table when time is up.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.widgets import Static


class NegotiationTimer:
    """A countdown that can be paused, resumed, extended and cleared."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.deadline: float | None = None
        """When time is up (while running)."""
        self.paused_left: float | None = None
        """Seconds left while paused."""

    @property
    def active(self) -> bool:
        return self.deadline is not None or self.paused_left is not None

    @property
    def paused(self) -> bool:
        return self.paused_left is not None

    def set(self, seconds: float) -> None:
        """Start a countdown of `seconds` (0 clears the timer)."""
        self.paused_left = None
        self.deadline = self.clock() + seconds if seconds > 0 else None

    def clear(self) -> None:
        self.deadline = self.paused_left = None

    def left(self) -> float | None:
        """Seconds left (negative once time is up); None without a timer."""
        if self.paused_left is not None:
            return self.paused_left
        if self.deadline is None:
            return None
        return self.deadline - self.clock()

    def pause(self) -> None:
        if self.deadline is not None:
            self.paused_left = self.deadline - self.clock()
            self.deadline = None

    def resume(self) -> None:
        if self.paused_left is not None:
            self.deadline = self.clock() + self.paused_left
            self.paused_left = None

    def toggle(self) -> None:
        """Pause a running timer, resume a paused one."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def extend(self, seconds: float) -> None:
        """Add time (from now, if time was already up)."""
        if self.paused_left is not None:
            self.paused_left = max(self.paused_left, 0) + seconds
        elif self.deadline is not None:
            self.deadline = max(self.deadline, self.clock()) + seconds
        else:
            self.set(seconds)

    def text(self) -> Text:
        """What the board shows: words first, so it reads without colour."""
        left = self.left()
        if left is None:
            return Text("")
        if left <= 0:
            return Text("TIME IS UP: finish negotiating", style="bold reverse")
        whole = int(left + 0.999)
        clock = f"{whole // 60}:{whole % 60:02d}"
        if self.paused:
            return Text(f"Timer paused at {clock}", style="bold")
        return Text(f"Negotiation time left {clock}", style="bold")


class TimerLabel(Static):
    """Shows a `NegotiationTimer`, updated every second."""

    DEFAULT_CSS = """
    TimerLabel { width: auto; height: 1; }
    """

    def __init__(self, timer: NegotiationTimer, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.timer = timer

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.update(self.timer.text())
