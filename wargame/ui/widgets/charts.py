"""Charts over the rounds: each track, and the force against its requirement (Sparklines).

A Sparkline scales between its lowest and highest value, so every chart has its
numbers written beside it: the values round by round, and the bounds or the
requirement they are read against.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Sparkline

from wargame.engine import GameState, view_for
from wargame.scenario.models import Scenario
from wargame.scenario.vocabulary import TARGET_NAMES, TARGETS
from wargame.ui.text import plain, shown


def target_title(target: str) -> str:
    """`Coalition force`, `UN mission`: a pledge target's name at the start of a line."""
    name = TARGET_NAMES.get(target, target)
    return name[:1].upper() + name[1:]


def force_series(states: list[GameState], target: str, asset: str) -> list[int]:
    """Units of `asset` in honoured pledges to `target` at each of these boards."""
    return [view_for(s, None).force.get(target, {}).get(asset, 0) for s in states]


def _numbers(values: list[int], limit: int = 12) -> str:
    shown_values = values[-limit:]
    more = "… " if len(values) > limit else ""
    return more + " ".join(str(v) for v in shown_values)


class RoundCharts(VerticalScroll):
    """One labelled Sparkline per track and per required asset of each force."""

    DEFAULT_CSS = """
    RoundCharts { padding: 0 1; }
    RoundCharts > Label { width: 100%; margin-top: 1; }
    RoundCharts > Sparkline { height: 2; width: 100%; }
    """

    def __init__(self, scenario: Scenario, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield Label(plain("Over the rounds (start, then after each round)", "bold underline"))
        for track in self.scenario.tracks:
            yield Label(plain(track.name), id=f"label-track-{track.id}")
            yield Sparkline([], id=f"spark-track-{track.id}")
        for target in TARGETS:
            for asset in self.scenario.force.requirement:
                yield Label(plain(asset), id=f"label-{target}-{asset}")
                yield Sparkline([], id=f"spark-{target}-{asset}")

    def show(self, states: list[GameState]) -> None:
        """Chart these boards: the start of the game, then each round's end."""
        last = states[-1]
        for track in self.scenario.tracks:
            values = [dict(point).get(track.id, track.start) for point in last.history] or [
                last.tracks.get(track.id, track.start)
            ]
            label = Text()
            label.append(shown(track.name), "bold")
            label.append(f" ({track.min}–{track.max}): {_numbers(values)}")
            self.query_one(f"#label-track-{track.id}", Label).update(label)
            self.query_one(f"#spark-track-{track.id}", Sparkline).data = values
        assets = {a.id: a.name for a in self.scenario.assets}
        mission = any(s.mission is not None for s in states)
        for target in TARGETS:
            for asset, needed in self.scenario.force.requirement.items():
                label_widget = self.query_one(f"#label-{target}-{asset}", Label)
                spark = self.query_one(f"#spark-{target}-{asset}", Sparkline)
                visible = target == "coalition" or mission
                label_widget.display = spark.display = visible
                if not visible:
                    continue
                values = force_series(states, target, asset)
                label = Text()
                label.append(shown(f"{target_title(target)}: {assets.get(asset, asset)}"), "bold")
                label.append(f" (needed {needed}): {_numbers(values)}")
                label_widget.update(label)
                spark.data = values


__all__ = ["RoundCharts", "force_series", "target_title"]
