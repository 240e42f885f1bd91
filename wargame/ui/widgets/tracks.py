"""Tracks with their history as sparklines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline

from wargame.engine import View
from wargame.scenario.models import Scenario
from wargame.ui.text import plain


class TrackPanel(Vertical):
    """One line per track: name, value within its bounds, and a sparkline."""

    DEFAULT_CSS = """
    TrackPanel { height: auto; }
    TrackPanel > Horizontal { height: 1; }
    TrackPanel .track-name { width: 22; }
    TrackPanel .track-value { width: 10; }
    TrackPanel Sparkline { width: 1fr; }
    """

    def __init__(self, scenario: Scenario, view: View, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario
        self.view_ = view

    def compose(self) -> ComposeResult:
        for track in self.scenario.tracks:
            values = [dict(point).get(track.id, track.start) for point in self.view_.history]
            with Horizontal():
                yield Label(plain(track.name), classes="track-name")
                yield Label(
                    plain(f"{self.view_.tracks[track.id]:>4} /{track.max}"), classes="track-value"
                )
                yield Sparkline([float(v) for v in values], id=f"spark-{track.id}")
