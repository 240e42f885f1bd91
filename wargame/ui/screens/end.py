"""The end: the ending's narrative and every seat's score, secrets revealed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static, TabbedContent, TabPane

from wargame.engine import View
from wargame.scenario.models import Scenario
from wargame.ui.text import plain, shown
from wargame.ui.widgets.keybar import KeyBar
from wargame.ui.widgets.news import NewsFeed
from wargame.ui.widgets.tracks import tracks_text


def places(points: list[int]) -> list[str]:
    """Places for scores sorted best first; ties share a place, marked "=" ("=1", "=1", "3")."""
    out = []
    for p in points:
        place = points.index(p) + 1
        tied = points.count(p) > 1
        out.append(f"={place}" if tied else str(place))
    return out


def end_text(view: View, scenario: Scenario) -> Text:
    """The outcome and the scores, every objective shown (secret ones marked)."""
    out = Text()
    outcome = view.outcome
    if outcome is None:
        return out
    out.append(f"The game ends after round {outcome.round}: ", "bold")
    out.append(shown(outcome.title), "bold")
    out.append("\n\n")
    out.append(shown(outcome.text.strip()) or "(no narrative)")
    if outcome.reason:
        out.append("\n\nThe facilitator ended the game: ", "italic")
        out.append(shown(outcome.reason), "italic")
    out.append("\n\nScores (every objective revealed)\n", "bold")
    names = {s.id: s.name for s in scenario.seats}
    ranked = sorted(outcome.scores, key=lambda s: -s.points)
    for place, score in zip(places([s.points for s in ranked]), ranked, strict=True):
        out.append(
            f"\n{place}. {names.get(score.seat, score.seat)}: {score.points} points\n", "bold"
        )
        for o in score.objectives:
            mark = "✔ MET    " if o.met else "✘ not met"
            out.append(f"   {mark} {o.points:+d}  ", "bold" if o.met else "")
            out.append(shown(o.text))
            out.append(" (secret)\n" if o.secret else "\n")
    out.append("\nThe board at the end\n", "bold")
    out.append_text(tracks_text(view, scenario))
    return out


class EndScreen(Screen[None]):
    """Read together at the end of the game."""

    CSS_PATH = "end.tcss"
    BINDINGS = [
        Binding("n", "new_game", "New game"),
        Binding("r", "watch_replay", "Watch a replay"),
        Binding("1", "tab('tab-end')", "Scores tab", show=False),
        Binding("2", "tab('tab-news')", "News tab", show=False),
    ]

    class NewGame(Message):
        """Leave the finished game for the start screen, to set up another."""

    class WatchReplay(Message):
        """Watch the game just played again, event by event (its save is not written)."""

    def __init__(self, view: View, scenario: Scenario) -> None:
        super().__init__()
        self.view_ = view
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield Label(plain(f"{self.scenario.title}: the end", "bold"), id="heading")
        with TabbedContent(id="tabs"):
            with TabPane("1 Ending and scores", id="tab-end"), VerticalScroll(id="end"):
                yield Static(end_text(self.view_, self.scenario), id="text")
            with TabPane("2 All the news", id="tab-news"):
                yield NewsFeed(self.view_.events, self.view_.names, id="news")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#end").focus()

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab

    def action_new_game(self) -> None:
        self.post_message(self.NewGame())

    def action_watch_replay(self) -> None:
        self.post_message(self.WatchReplay())
