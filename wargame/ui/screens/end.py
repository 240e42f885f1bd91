"""The end: the ending's narrative and every seat's score, secrets revealed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from wargame.engine import View
from wargame.scenario.models import Scenario


def end_text(view: View, scenario: Scenario) -> Text:
    """The outcome and the scores, every objective shown."""
    out = Text()
    outcome = view.outcome
    if outcome is None:
        return out
    out.append(f"{outcome.title}\n\n", "bold")
    out.append(outcome.text.strip() or "(no narrative)")
    if outcome.reason:
        out.append(f"\n\nThe facilitator ended the game: {outcome.reason}", "italic")
    out.append("\n\nScores\n", "bold")
    names = {s.id: s.name for s in scenario.seats}
    for score in sorted(outcome.scores, key=lambda s: -s.points):
        out.append(f"\n{names[score.seat]}: {score.points} points\n", "bold")
        for o in score.objectives:
            mark = "✔" if o.met else "✘"
            secret = " (secret)" if o.secret else ""
            out.append(f"  {mark} {o.points:+d} {o.text}{secret}\n", "green" if o.met else "dim")
    return out


class EndScreen(Screen[None]):
    """Read together at the end of the game."""

    CSS_PATH = "end.tcss"
    BINDINGS = [Binding("n", "new_game", "New game"), Binding("ctrl+q", "app.quit", "Quit")]

    def __init__(self, view: View, scenario: Scenario) -> None:
        super().__init__()
        self.view_ = view
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="end"):
            yield Static(end_text(self.view_, self.scenario), id="text")
        yield Footer()

    def action_new_game(self) -> None:
        self.app.new_game()  # type: ignore[attr-defined]
