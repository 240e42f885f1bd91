"""A seat's private briefing: its briefing text, resources, objectives and private results."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from wargame.engine import View
from wargame.scenario.models import Scenario
from wargame.ui.text import plain, shown
from wargame.ui.widgets.keybar import KeyBar
from wargame.ui.widgets.news import event_text


def private_text(view: View, scenario: Scenario) -> Text:
    """The seat's briefing, resources, objectives and private results (from its own view)."""
    seat = view.viewer
    me = next(s for s in view.seats if s.id == seat)
    names = {a.id: a.name for a in scenario.assets}
    out = Text()
    out.append(shown(f"{me.name}: private briefing\n\n"), "bold")
    out.append(shown(view.briefing.strip()) or "(no private briefing)")
    out.append("\n\nPolitical capital: ", "bold")
    out.append(f"{me.pc}   ")
    out.append("Credibility: ", "bold")
    out.append(f"{me.credibility}\n")
    if me.assets:
        out.append("Assets: ", "bold")
        out.append(shown(", ".join(f"{names.get(a, a)} {n}" for a, n in me.assets.items() if n)))
        out.append("\n")
    out.append("\nYour objectives (scored at the end)\n", "bold")
    for o in view.objectives:
        if o.seat == seat:
            mark = "met now" if o.met_now else "not yet"
            out.append(f"  {o.points:+d}  ")
            out.append(shown(o.text))
            out.append(f"  ({'SECRET: keep it to yourselves; ' if o.secret else ''}{mark})\n")
    own = [e for e in view.events if e.private_to is not None and seat in e.private_to]
    if own:
        out.append("\nYour private results (lobbying, orders refused)\n", "bold")
        for event in own:
            out.append("  ")
            out.append_text(event_text(event, view.names))
            out.append("\n")
    return out


class BriefingScreen(Screen[None]):
    """Shown behind the curtain; Enter, h or Escape hides it again."""

    CSS_PATH = "briefing.tcss"
    BINDINGS = [
        Binding("enter", "done", "Done"),
        Binding("h,escape", "done", "Hide"),
    ]

    def __init__(self, view: View, scenario: Scenario, on_done: Callable[[], None]) -> None:
        super().__init__()
        self.view_ = view
        self.scenario = scenario
        self.on_done = on_done

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="briefing"):
            yield Static(private_text(self.view_, self.scenario), id="text")
            yield Static(plain("Press Enter when you have read it: the screen is hidden again."))
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#briefing").focus()

    def action_done(self) -> None:
        self.on_done()
