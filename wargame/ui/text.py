"""Text for widgets: player- and file-written text is never markup and never an escape.

A draft titled `[/closing]` would crash a markup parser, and one titled
`[bold red]FRANCE VETOES[/]` would forge an announcement; a title holding
`ESC ] 0 ; ... BEL` would rename the terminal window. Everything that did not
come from our own code goes through `plain()` (a whole label) or `shown()`
(a piece appended to a Text of ours): literal, control characters visible.
"""

from __future__ import annotations

from rich.text import Text

from wargame.control_chars import visible


def plain(text: str, style: str = "") -> Text:
    """Literal text, control characters made visible, with an optional style of ours."""
    return Text(visible(text), style=style)


def shown(text: str) -> str:
    """A piece of untrusted text for `Text.append`: control characters made visible."""
    return visible(text)
