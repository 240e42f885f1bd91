"""The Security Council: members, permanent members marked, how each voted last."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from wargame.engine import View
from wargame.scenario.models import Scenario, Vote
from wargame.ui.text import plain

VOTE_STYLE = {
    Vote.YES: "green",
    Vote.NO: "bold red",
    Vote.ABSTAIN: "yellow",
    Vote.ABSENT: "dim",
}


def last_votes(view: View) -> dict[str, tuple[str, Vote]]:
    """Each member's vote on the most recently voted draft (draft id, vote)."""
    voted = [d for d in view.drafts if d.votes]
    if not voted:
        return {}
    latest = max(voted, key=lambda d: d.round)
    return {member: (latest.id, vote) for member, vote in latest.votes}


class CouncilTable(DataTable[Text]):
    """Fifteen members; P5 marked; who plays them; their last vote."""

    DEFAULT_CSS = """
    CouncilTable { height: auto; max-height: 18; }
    """

    def __init__(self, scenario: Scenario, view: View, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.scenario = scenario
        self.view_ = view

    def on_mount(self) -> None:
        self.add_columns("Member", "P5", "Played by", "Last vote")
        seats = {s.id: s.name for s in self.scenario.seats}
        votes = last_votes(self.view_)
        for member in self.scenario.council.members:
            vote = votes.get(member.id)
            vote_text = (
                plain(f"{vote[1].value} ({vote[0]})", VOTE_STYLE[vote[1]]) if vote else plain("")
            )
            self.add_row(
                plain(member.name),
                plain("P5" if member.permanent else "", "bold"),
                plain(seats.get(member.seat or "", "") if member.seat else "(disposition)"),
                vote_text,
                key=member.id,
            )
