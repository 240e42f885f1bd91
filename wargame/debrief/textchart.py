"""Text charts for Markdown: one bar per round, in a fixed-width block."""

from __future__ import annotations

from wargame.control_chars import visible_line
from wargame.debrief.doc import Chart

WIDTH = 30
"""Characters of a full bar."""


def bar(value: int, low: int, high: int, width: int = WIDTH) -> str:
    """A bar of `width` characters, filled in proportion to `value` between `low` and `high`."""
    span = max(high - low, 1)
    filled = round(width * (min(max(value, low), high) - low) / span)
    return "█" * filled + "·" * (width - filled)


def chart(c: Chart) -> str:
    """The chart's title, then a labelled bar per round."""
    lines = [f"{visible_line(c.title)} ({c.low} to {c.high}{visible_line(c.suffix)})"]
    for i, value in enumerate(c.values):
        number = c.first_round + i
        label = "start   " if number == 0 else f"round {number:>2}"
        lines.append(f"  {label} {bar(value, c.low, c.high)} {value}{visible_line(c.suffix)}")
    return "\n".join(lines)
