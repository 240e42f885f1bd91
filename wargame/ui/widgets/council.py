"""The Security Council: members, permanent members marked, how each voted last."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from wargame.engine import View
from wargame.engine.state import TabledDraft
from wargame.scenario.models import Scenario, Vote
from wargame.ui.text import plain

VOTE_STYLE = {
    Vote.YES: "bold",
    Vote.NO: "bold reverse",
    Vote.ABSTAIN: "italic",
    Vote.ABSENT: "dim",
}
"""Styles on top of the words; the words alone carry the meaning."""


def last_voted(view: View) -> TabledDraft | None:
    """The draft voted most recently (the last one in tabling order)."""
    voted = [d for d in view.drafts if d.votes]
    return max(voted, key=lambda d: d.round) if voted else None


def vote_words(vote: Vote, veto: bool) -> str:
    """A member's vote in words; a permanent member's veto says VETO."""
    return "NO (VETO)" if veto else vote.value


def council_title(view: View, lead: str = "Security Council") -> str:
    """The line above the table: which draft its vote column shows (the column stays narrow)."""
    draft = last_voted(view)
    return f"{lead}: last vote on {draft.id}" if draft else lead


class CouncilTable(DataTable[Text]):
    """Fifteen members; P5 marked; * for those played at the table; their last vote."""

    DEFAULT_CSS = """
    CouncilTable { height: auto; max-height: 18; }
    """

    def __init__(self, scenario: Scenario, view: View, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.scenario = scenario
        self.view_ = view

    def on_mount(self) -> None:
        self.show(self.view_)

    def show(self, view: View) -> None:
        """(Re)fill the table from a view."""
        self.view_ = view
        self.clear(columns=True)
        draft = last_voted(view)
        self.add_columns("Member (* at the table)", "P5", "Last vote")
        votes = dict(draft.votes) if draft else {}
        vetoed_by = draft.vetoed_by if draft else ()
        for member in self.scenario.council.members:
            vote = votes.get(member.id)
            cell = (
                Text(vote_words(vote, member.id in vetoed_by), style=VOTE_STYLE[vote])
                if vote
                else Text("")
            )
            self.add_row(
                plain(member.name + (" *" if member.seat else "")),
                Text("P5" if member.permanent else "", style="bold"),
                cell,
                key=member.id,
            )
