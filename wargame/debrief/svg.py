"""Hand-written inline SVG charts for the HTML report (no dependency, nothing outside the file).

Each chart is one `<svg>` with a `<title>` and a text label on every point, so
the values are read as numbers, never from colour alone. Every text is escaped.
"""

from __future__ import annotations

from wargame.debrief.doc import Chart
from wargame.debrief.escape import h

WIDTH = 640
HEIGHT = 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 24, 44, 36


def line_chart(chart: Chart) -> str:
    """A line chart of the chart's values, one per round, from its low to its high.

    Its goal is drawn as a dashed line (the requirement); its suffix follows
    each value's label (`%`).
    """
    title, values, low, high = chart.title, chart.values, chart.low, chart.high
    goal, suffix = chart.goal, chart.suffix
    span = max(high - low, 1)
    plot_w = WIDTH - _LEFT - _RIGHT
    plot_h = HEIGHT - _TOP - _BOTTOM
    steps = max(len(values) - 1, 1)

    def x(i: int) -> float:
        return _LEFT + plot_w * i / steps

    def y(v: int) -> float:
        return _TOP + plot_h * (1 - (min(max(v, low), high) - low) / span)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{h(title)}">',
        f"<title>{h(title)}</title>",
        f'<text x="{_LEFT}" y="18" class="chart-title">{h(title)}</text>',
        f'<line x1="{_LEFT}" y1="{y(low):.1f}" x2="{WIDTH - _RIGHT}" y2="{y(low):.1f}" '
        'class="axis"/>',
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{y(low):.1f}" class="axis"/>',
        f'<text x="{_LEFT - 6}" y="{y(high) + 4:.1f}" class="tick" text-anchor="end">'
        f"{h(high)}</text>",
        f'<text x="{_LEFT - 6}" y="{y(low) + 4:.1f}" class="tick" text-anchor="end">'
        f"{h(low)}</text>",
    ]
    if goal is not None:
        parts.append(
            f'<line x1="{_LEFT}" y1="{y(goal):.1f}" x2="{WIDTH - _RIGHT}" y2="{y(goal):.1f}" '
            'class="goal"/>'
        )
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    if len(values) > 1:
        parts.append(f'<polyline points="{points}" class="series"/>')
    for i, v in enumerate(values):
        number = chart.first_round + i
        label = "start" if number == 0 else f"R{number}"
        parts += [
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" class="dot"/>',
            f'<text x="{x(i):.1f}" y="{y(v) - 8:.1f}" class="value" text-anchor="middle">'
            f"{h(v)}{h(suffix)}</text>",
            f'<text x="{x(i):.1f}" y="{HEIGHT - 12}" class="tick" text-anchor="middle">'
            f"{h(label)}</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)
