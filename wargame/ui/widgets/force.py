"""The coalition force and the UN mission: honoured pledges against the requirement."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar

from wargame.engine import View
from wargame.engine.state import PledgeStatus
from wargame.scenario.models import Scenario
from wargame.ui.text import plain


def pledged(view: View, target: str, asset: str) -> int:
    """Units of `asset` in honoured pledges to `target`."""
    return sum(
        p.amount
        for p in view.pledges
        if p.target == target and p.asset == asset and p.status is PledgeStatus.HONOURED
    )


class ForcePanel(Vertical):
    """One progress bar per required asset, for the coalition and the UN mission."""

    DEFAULT_CSS = """
    ForcePanel { height: auto; }
    ForcePanel > Horizontal { height: 1; }
    ForcePanel .force-name { width: 30; }
    ForcePanel ProgressBar { width: 1fr; }
    """

    def __init__(self, scenario: Scenario, view: View, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario
        self.view_ = view

    def compose(self) -> ComposeResult:
        names = {a.id: a.name for a in self.scenario.assets}
        targets = ["coalition"] + (["un_mission"] if self.view_.mission else [])
        requirement = self.scenario.force.requirement
        if not requirement:
            yield Label(plain("This scenario sets no force requirement."))
        for target in targets:
            label = "Coalition force" if target == "coalition" else "UN mission"
            yield Label(plain(label, "bold"))
            for asset, needed in requirement.items():
                have = pledged(self.view_, target, asset)
                with Horizontal():
                    yield Label(
                        plain(f"  {names.get(asset, asset)}: {have}/{needed}"), classes="force-name"
                    )
                    bar = ProgressBar(total=needed, show_eta=False, id=f"bar-{target}-{asset}")
                    bar.advance(min(have, needed))
                    yield bar
