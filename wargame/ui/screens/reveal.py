"""The resolution reveal: the round's public events one by one, then the report.

Votes show each member's vote, permanent members marked, and a veto as
"VETO by Russia"; pledges say HONOURED or DROPPED with the reason; the report
ends with each track's change. Everything is in words, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from wargame.engine import Event, EventKind, View
from wargame.engine.events import CouncilVoted
from wargame.engine.names import Names
from wargame.engine.narrate import render
from wargame.scenario.models import Scenario, Vote
from wargame.ui.text import plain, shown
from wargame.ui.widgets.council import VOTE_STYLE
from wargame.ui.widgets.keybar import KeyBar
from wargame.ui.widgets.news import event_text

HEADINGS = {
    EventKind.INJECT: "NEWS",
    EventKind.WITHDRAWAL: "PLEDGE WITHDRAWN",
    EventKind.LOBBY: "LOBBYING",
    EventKind.ENDORSE: "ENDORSEMENT",
    EventKind.MEDIATE: "MEDIATION",
    EventKind.VOTE: "COUNCIL VOTE",
    EventKind.AMENDMENT: "AMENDMENT VOTE",
    EventKind.ASSEMBLY: "GENERAL ASSEMBLY",
    EventKind.MISSION: "UN MISSION",
    EventKind.CONSENT: "HOST CONSENT",
    EventKind.PLEDGE_HONOURED: "PLEDGE HONOURED",
    EventKind.PLEDGE_DROPPED: "PLEDGE DROPPED",
    EventKind.GUARANTEE: "GUARANTEE",
    EventKind.TERMS: "PEACE TERMS",
    EventKind.RED_LINE: "RED LINE CROSSED",
    EventKind.ARGUMENT: "ARGUMENT",
    EventKind.RULE: "CONSEQUENCE",
    EventKind.FRICTION: "FRICTION",
    EventKind.INCOME: "INCOME",
    EventKind.FACILITATOR: "FACILITATOR",
    EventKind.REFUSED: "ORDER REFUSED",
    EventKind.ENDING: "THE GAME ENDS",
    EventKind.TABLED: "TABLED",
}


VOTE_GROUPS = (
    (Vote.YES, "In favour"),
    (Vote.NO, "Against"),
    (Vote.ABSTAIN, "Abstaining"),
    (Vote.ABSENT, "Not voting"),
)
"""How the UN records a vote: who was in favour, against, abstaining."""


def vote_text(event: Event, scenario: Scenario, vetoed_by: Sequence[str] = ()) -> Text:
    """Each member's vote, grouped as the UN records it; P5 marked; a veto says VETO."""
    members = {m.id: m for m in scenario.council.members}
    out = Text()
    if vetoed_by:
        names = ", ".join(members[m].name if m in members else m for m in vetoed_by)
        out.append(shown(f" VETO by {names} "), "bold reverse")
        out.append("\n\n")
    for vote, heading in VOTE_GROUPS:
        who = [m for m, v in event.votes if v is vote]
        out.append(f"{heading} ({len(who)})", "bold")
        out.append(": " if who else "\n")
        for i, member_id in enumerate(who):
            member = members.get(member_id)
            out.append(", " if i else "")
            out.append(shown(member.name if member else member_id), VOTE_STYLE[vote])
            marks = []
            if member is not None and member.permanent:
                marks.append("P5")
            if member_id in vetoed_by:
                marks.append("VETO")
            if marks:
                out.append(f" ({', '.join(marks)})", "bold" if "VETO" in marks else "")
        if who:
            out.append("\n")
    out.rstrip()
    return out


def tracks_report(view: View, scenario: Scenario) -> Text:
    """Each track as the board showed it before and after the resolution, with the change."""
    out = Text()
    width = max((len(t.name) for t in scenario.tracks), default=8)
    for track in scenario.tracks:
        now = view.tracks.get(track.id, track.start)
        before, after = view.track_changes.get(track.id, (now, now))
        change = after - before
        words = f"{change:+d}" if change else "no change"
        out.append(shown(f"  {track.name:<{width}}  {before:>3} → {after:>3}  ({words})\n"))
    return out


def report_text(
    round_: int, events: Sequence[Event], view: View | None, scenario: Scenario
) -> Text:
    """The round report: every public event of the round, then the tracks."""
    out = Text(f"Round {round_} report\n\n", style="bold")
    if not events:
        out.append("Nothing happened this round.\n")
    names = Names.of(scenario)
    for event in events:
        out.append(f"{HEADINGS.get(event.kind, event.kind.value.upper())}: ", "bold")
        out.append_text(event_text(event, names))
        out.append("\n")
    if view is not None and scenario.tracks:
        out.append("\nTracks\n", "bold")
        out.append_text(tracks_report(view, scenario))
    out.rstrip()
    return out


class RevealScreen(Screen[None]):
    """Enter shows the next outcome; at the end, the round report."""

    CSS_PATH = "reveal.tcss"
    BINDINGS = [
        Binding("enter,space", "next", "Next"),
        Binding("left,backspace", "previous", "Previous"),
        Binding("r", "report", "Skip to report"),
    ]

    def __init__(
        self,
        round_: int,
        events: Sequence[Event],
        scenario: Scenario,
        on_done: Callable[[], None],
        view: View | None = None,
    ) -> None:
        """`view` is the public board after resolution (for vetoes and track changes)."""
        super().__init__()
        self.round = round_
        self.events = [e for e in events if e.visible_to(None) and e.kind is not EventKind.INCOME]
        self.all_events = [e for e in events if e.visible_to(None)]
        self.scenario = scenario
        self.on_done = on_done
        self.view_ = view
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Label(plain(f"Resolution of round {self.round}", "bold"), id="heading")
        with VerticalScroll(id="stage"):
            yield Static(id="kind")
            yield Static(id="outcome")
            yield Static(id="votes")
        yield Label(plain(""), id="progress")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.view_ is None:
            session: Any = getattr(self.app, "session", None)
            if session is not None:
                self.view_ = session.view(None)
        self._show()
        self.query_one("#stage").focus()

    @staticmethod
    def _vetoed_by(event: Event) -> tuple[str, ...]:
        return event.payload.vetoed_by if isinstance(event.payload, CouncilVoted) else ()

    def _show(self) -> None:
        kind = self.query_one("#kind", Static)
        outcome = self.query_one("#outcome", Static)
        votes = self.query_one("#votes", Static)
        progress = self.query_one("#progress", Label)
        self.query_one("#stage", VerticalScroll).scroll_home(animate=False)
        kind.display = self.index < len(self.events)
        if self.index >= len(self.events):
            outcome.update(report_text(self.round, self.all_events, self.view_, self.scenario))
            votes.update(Text())
            progress.update(plain("Round report. Press Enter to continue."))
            return
        event = self.events[self.index]
        kind.update(plain(HEADINGS.get(event.kind, event.kind.value.upper()), "bold"))
        outcome.update(plain(render(event, Names.of(self.scenario)), "bold"))
        votes.update(
            vote_text(event, self.scenario, self._vetoed_by(event)) if event.votes else Text()
        )
        progress.update(
            plain(
                f"{self.index + 1} of {len(self.events)}. Enter: next, "
                "Left: previous, r: skip to the report."
            )
        )

    def action_next(self) -> None:
        if self.index > len(self.events):
            return
        if self.index == len(self.events):
            self.index += 1
            self.on_done()
            return
        self.index += 1
        self._show()

    def action_previous(self) -> None:
        if 0 < self.index <= len(self.events):
            self.index -= 1
            self._show()

    def action_report(self) -> None:
        self.index = len(self.events)
        self._show()
