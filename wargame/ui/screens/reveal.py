"""The resolution reveal: the round's public events one by one, then the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from wargame.engine import Event, EventKind
from wargame.scenario.models import Scenario, Vote
from wargame.ui.text import plain
from wargame.ui.widgets.council import VOTE_STYLE
from wargame.ui.widgets.news import event_text


def vote_text(event: Event, scenario: Scenario) -> Text:
    """Each member's vote, permanent members marked, vetoes shown as vetoes."""
    members = {m.id: m for m in scenario.council.members}
    out = Text()
    for member_id, vote in event.votes:
        member = members[member_id]
        p5 = " (P5)" if member.permanent else ""
        out.append(f"  {member.name}{p5}: ".ljust(34))
        veto = member.permanent and vote is Vote.NO and "vetoed" in event.text
        out.append(
            "NO: VETO" if veto else vote.value, "bold reverse red" if veto else VOTE_STYLE[vote]
        )
        out.append("\n")
    return out


class RevealScreen(Screen[None]):
    """Enter shows the next outcome; at the end, the round report."""

    CSS_PATH = "reveal.tcss"
    BINDINGS = [Binding("enter,space", "next", "Next"), Binding("r", "report", "Skip to report")]

    def __init__(
        self, round_: int, events: Sequence[Event], scenario: Scenario, on_done: Callable[[], None]
    ) -> None:
        super().__init__()
        self.round = round_
        self.events = [e for e in events if e.visible_to(None)]
        self.scenario = scenario
        self.on_done = on_done
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(plain(f"Resolution of round {self.round}", "bold"), id="heading")
        with VerticalScroll(id="stage"):
            yield Static(id="outcome")
            yield Static(id="votes")
        yield Label(plain(""), id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        outcome = self.query_one("#outcome", Static)
        votes = self.query_one("#votes", Static)
        progress = self.query_one("#progress", Label)
        if self.index >= len(self.events):
            report = Text("Round report\n\n", style="bold")
            for event in self.events:
                report.append_text(event_text(event))
                report.append("\n")
            if not self.events:
                report.append("Nothing happened this round.", "dim")
            outcome.update(report)
            votes.update(Text())
            progress.update(plain("Press Enter to continue."))
            return
        event = self.events[self.index]
        style = "bold red" if event.kind is EventKind.RED_LINE else "bold"
        outcome.update(plain(event.text, style))
        votes.update(vote_text(event, self.scenario) if event.votes else Text())
        progress.update(plain(f"{self.index + 1} of {len(self.events)} — Enter for the next"))

    def action_next(self) -> None:
        if self.index > len(self.events):
            return
        if self.index == len(self.events):
            self.index += 1
            self.on_done()
            return
        self.index += 1
        self._show()

    def action_report(self) -> None:
        self.index = len(self.events)
        self._show()
