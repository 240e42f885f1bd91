"""The news feed: the events a viewer may see, newest last."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import RichLog

from wargame.engine import Event, EventKind
from wargame.engine.names import Names
from wargame.engine.narrate import render
from wargame.ui.text import shown

KIND_STYLE = {
    EventKind.VOTE: "bold",
    EventKind.ENDING: "bold",
    EventKind.RED_LINE: "bold",
    EventKind.PLEDGE_DROPPED: "italic",
    EventKind.REFUSED: "italic",
    EventKind.FACILITATOR: "italic",
}
"""Styles on top of the words; the event text says what happened."""


def event_text(event: Event, names: Names) -> Text:
    """One event as a line of the feed."""
    line = Text(f"R{event.round} ", style="dim")
    line.append(shown(render(event, names)), KIND_STYLE.get(event.kind, ""))
    return line


def latest_text(events: Iterable[Event], names: Names, limit: int = 8) -> Text:
    """The news of the most recent round that has any, newest last."""
    events = list(events)
    out = Text()
    if not events:
        out.append("Nothing has happened yet.")
        return out
    last = events[-1].round
    recent = [e for e in events if e.round == last][-limit:]
    for i, event in enumerate(recent):
        if i:
            out.append("\n")
        out.append_text(event_text(event, names))
    return out


class NewsFeed(RichLog):
    """Scrollable feed of events."""

    def __init__(self, events: Iterable[Event], names: Names, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, **kwargs)  # type: ignore[arg-type]
        self._initial = list(events)
        self.names = names

    def on_mount(self) -> None:
        self.show(self._initial)

    def show(self, events: Iterable[Event]) -> None:
        """(Re)write the feed from these events."""
        self._initial = list(events)
        self.clear()
        for event in self._initial:
            self.write(event_text(event, self.names))
        if not self._initial:
            self.write(Text("Nothing has happened yet."))
