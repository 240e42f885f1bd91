"""A seat's private results of a round, shown behind its curtain after the public reveal.

Lobbying is secret: the public sees only the votes, while the lobbying seat
learns whether its roll succeeded and whether it changed the member's vote.
Orders refused at resolution are told the same way. The screen is given only
the one seat's private events (`private_events`), so no other seat's result
is ever on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from wargame.engine import Event
from wargame.engine.names import Names
from wargame.ui.screens.reveal import HEADINGS
from wargame.ui.text import plain
from wargame.ui.widgets.keybar import KeyBar
from wargame.ui.widgets.news import event_text


def private_events(events: Iterable[Event], seat: str) -> list[Event]:
    """The events only `seat` (and perhaps a few others) may see, not the public ones."""
    return [e for e in events if e.private_to is not None and seat in e.private_to]


def results_text(seat_name: str, round_: int, events: Sequence[Event], names: Names) -> Text:
    """The seat's private results, one heading and line per event."""
    out = Text(f"{seat_name}: private results of round {round_}\n\n", style="bold")
    for event in events:
        out.append(f"{HEADINGS.get(event.kind, event.kind.value.upper())}: ", "bold")
        out.append_text(event_text(event, names))
        out.append("\n")
    out.rstrip()
    return out


class PrivateResultsScreen(Screen[None]):
    """Shown behind the seat's curtain; Enter hides it again."""

    DEFAULT_CSS = """
    PrivateResultsScreen #results { padding: 1 2; }
    """
    BINDINGS = [Binding("enter,escape", "done", "Done")]

    def __init__(
        self,
        seat: str,
        seat_name: str,
        round_: int,
        events: Sequence[Event],
        names: Names,
        on_done: Callable[[], None],
    ) -> None:
        """`events` should already be the seat's own (`private_events`); others are dropped."""
        super().__init__()
        self.seat = seat
        self.seat_name = seat_name
        self.round = round_
        self.events = tuple(private_events(events, seat))
        self.names = names
        self.on_done = on_done

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results"):
            yield Static(
                results_text(self.seat_name, self.round, self.events, self.names), id="text"
            )
            yield Static(plain("\nPress Enter when you have read it: the screen is hidden again."))
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#results").focus()

    def action_done(self) -> None:
        self.on_done()
