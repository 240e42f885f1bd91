"""The Security Council: members, permanent members marked, how each voted last."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from wargame.engine import View
from wargame.engine.state import TabledDraft
from wargame.scenario.models import Scenario, Vote

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


class CouncilTable(DataTable[Text]):
    """Fifteen members; P5 marked; who plays them; their vote on the last voted draft."""

    DEFAULT_CSS = """
    CouncilTable { height: auto; max-height: 18; }
    """

    def __init__(self, scenario: Scenario, view: View, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.scenario = scenario
        self.view_ = view

    def on_mount(self) -> None:
        draft = last_voted(self.view_)
        heading = f"Vote on {draft.id}" if draft else "Last vote"
        self.add_columns("Member", "P5", "Played by", heading)
        seats = {s.id: s.name for s in self.scenario.seats}
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
                Text(member.name),
                Text("P5" if member.permanent else "", style="bold"),
                Text(seats.get(member.seat or "", "") if member.seat else "rules"),
                cell,
                key=member.id,
            )
