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


def join(*parts: Text | str, sep: str = "") -> Text:
    """Concatenate literal pieces (str pieces are literal too)."""
    out = Text()
    for i, part in enumerate(parts):
        if i and sep:
            out.append(sep)
        out.append(part if isinstance(part, Text) else Text(part))
    return out
