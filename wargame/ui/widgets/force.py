"""The coalition force and the UN mission: honoured pledges against the requirement."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar, Static

from wargame.engine import View
from wargame.engine.state import PledgeStatus
from wargame.scenario.models import Scenario
from wargame.scenario.vocabulary import TARGET_NAMES
from wargame.ui.text import plain, shown

STATUS_WORDS = {
    PledgeStatus.PENDING: "pending",
    PledgeStatus.HONOURED: "HONOURED",
    PledgeStatus.DROPPED: "DROPPED",
    PledgeStatus.WITHDRAWN: "WITHDRAWN",
}


def pledges_text(view: View, scenario: Scenario) -> Text:
    """Every pledge on the board: who, what, where, and whether it holds (with why not)."""
    seats = {s.id: s.name for s in scenario.seats}
    assets = {a.id: a.name for a in scenario.assets}
    out = Text()
    for p in view.pledges:
        if out:
            out.append("\n")
        out.append(f"{p.id} ", "bold")
        target = f"the {TARGET_NAMES.get(p.target, p.target)}"
        out.append(
            shown(
                f"{seats.get(p.seat, p.seat)}: {p.amount} {assets.get(p.asset, p.asset)} to {target}"
            )
        )
        if p.condition:
            out.append(shown(f" if {p.condition}"))
        out.append(f"  {STATUS_WORDS[p.status]}", "bold")
        if p.reason and p.status is not PledgeStatus.HONOURED:
            out.append(shown(f": {p.reason}"))
    if not out:
        out.append("No pledge yet.")
    return out


class ForcePanel(Vertical):
    """One progress bar per required asset, for the coalition and the UN mission."""

    DEFAULT_CSS = """
    ForcePanel { height: auto; padding: 0 1; }
    ForcePanel > Label { width: 100%; }
    ForcePanel > Horizontal { height: 1; }
    ForcePanel .force-name { width: 28; }
    ForcePanel ProgressBar { width: 1fr; }
    ForcePanel #pledges { margin-top: 1; }
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
        for target in targets if requirement else ():
            label = "Coalition force" if target == "coalition" else "UN mission"
            yield Label(plain(f"{label} (honoured pledges against the requirement)"))
            for asset, needed in requirement.items():
                have = self.view_.force.get(target, {}).get(asset, 0)
                with Horizontal():
                    yield Label(
                        plain(f"  {names.get(asset, asset)}: {have}/{needed}"), classes="force-name"
                    )
                    bar = ProgressBar(total=needed, show_eta=False, id=f"bar-{target}-{asset}")
                    bar.advance(min(have, needed))
                    yield bar
        yield Static(pledges_text(self.view_, self.scenario), id="pledges")
