"""The news feed: the events a viewer may see, newest last."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import RichLog

from wargame.engine import Event, EventKind

KIND_STYLE = {
    EventKind.VOTE: "bold",
    EventKind.ENDING: "bold magenta",
    EventKind.RED_LINE: "bold red",
    EventKind.PLEDGE_DROPPED: "yellow",
    EventKind.PLEDGE_HONOURED: "green",
    EventKind.REFUSED: "red",
    EventKind.FACILITATOR: "italic",
}


def event_text(event: Event) -> Text:
    """One event as a line of the feed."""
    line = Text(f"R{event.round} ", style="dim")
    line.append(event.text, KIND_STYLE.get(event.kind, ""))
    return line


class NewsFeed(RichLog):
    """Scrollable feed of events."""

    def __init__(self, events: Iterable[Event] = (), **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, **kwargs)  # type: ignore[arg-type]
        self._initial = list(events)

    def on_mount(self) -> None:
        for event in self._initial:
            self.write(event_text(event))
