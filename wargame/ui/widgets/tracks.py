"""Tracks: value within bounds, the last resolution's change as the board showed it, and a
short history."""

from __future__ import annotations

from rich.text import Text

from wargame.engine import View
from wargame.scenario.models import Scenario
from wargame.ui.text import shown

BLOCKS = "▁▂▃▄▅▆▇█"
MAX_POINTS = 12
"""Sparklines show at most this many rounds (two cells each)."""


def spark(values: list[int], low: int, high: int) -> str:
    """A sparkline of `values` scaled to the track's bounds, two cells per point."""
    span = max(high - low, 1)
    cells = []
    for v in values[-MAX_POINTS:]:
        level = round((min(max(v, low), high) - low) / span * (len(BLOCKS) - 1))
        cells.append(BLOCKS[level] * 2)
    return "".join(cells)


def track_history(view: View, track: str, start: int) -> list[int]:
    """The track's recorded values, oldest first (one per round boundary)."""
    return [dict(point).get(track, start) for point in view.history]


def tracks_text(view: View, scenario: Scenario) -> Text:
    """One line per track; the sparkline appears once there are two points."""
    out = Text()
    width = max((len(t.name) for t in scenario.tracks), default=8)
    for i, track in enumerate(scenario.tracks):
        if i:
            out.append("\n")
        value = view.tracks.get(track.id, track.start)
        history = track_history(view, track.id, track.start)
        out.append(shown(f"{track.name:<{width}}  "))
        out.append(f"{value:>3}", "bold")
        out.append(f"/{track.max:<3}")
        if len(history) >= 2:
            out.append("  ")
            out.append(spark(history, track.min, track.max), "bold")
        if track.id in view.track_changes:
            # The engine measures from what the board showed when the round was resolved.
            before, after = view.track_changes[track.id]
            change = after - before
            out.append(f"  {change:+d} last round" if change else "  no change last round")
    if not scenario.tracks:
        out.append("This scenario has no tracks.")
    return out
