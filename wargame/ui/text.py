"""Text for widgets: player- and scenario-written text is never markup.

A draft titled `[/closing]` would crash a markup parser, and one titled
`[bold red]FRANCE VETOES[/]` would forge an announcement; everything that
did not come from our own code goes through `plain()`.
"""

from __future__ import annotations

from rich.text import Text


def plain(text: str, style: str = "") -> Text:
    """Literal text, with an optional style of ours."""
    return Text(text, style=style)
