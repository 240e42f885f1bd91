"""How a quick bot expects the Council to vote on a draft.

The non-player members' dispositions are public (they stay in `known_to`), so
their votes are read from the scenario's own rules on the board as it is (once
per kind of draft in a decision: `Council`); the
seats on the Council are guessed (the bot's own vote as it intends, the sponsor
for its draft, a seat whose declared red line the draft carries against it);
and the tally gives a rough chance that the draft passes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from wargame.bots.quick_board import Board
from wargame.engine.council import as_counted, shift
from wargame.engine.council import disposition as member_disposition
from wargame.engine.evaluation import Evaluator
from wargame.engine.state import TabledDraft
from wargame.scenario.models import Vote

_CHANCE_BY_MARGIN = {2: 0.92, 1: 0.88, 0: 0.75, -1: 0.3, -2: 0.1}
"""Chance a draft passes by its expected yes votes minus the majority (no veto in sight)."""


@dataclass(frozen=True, slots=True)
class Forecast:
    """The expected vote on one draft."""

    votes: dict[str, Vote]
    """Each member's expected vote, by member id."""
    yes: int
    vetoers: tuple[str, ...]
    """Permanent members expected to vote no (a veto if the draft has the votes)."""
    chance: float
    """Rough chance the draft is adopted."""


def as_voted(board: Board, draft: TabledDraft) -> TabledDraft:
    """The draft as the Council votes it (what it carries decides procedural or not)."""
    procedural = board.rules.votes_as_procedural(draft.procedural, draft.tags)
    return draft if procedural == draft.procedural else replace(draft, procedural=procedural)


DraftKey = tuple[bool, bool, bool, tuple[str, ...], str]
"""What a disposition rule can read of the draft being voted (`DRAFT_NAMES` and
`DRAFT_FUNCTIONS` of the vocabulary): procedural (and so substantive), endorsed,
an amendment or not, its tags, its sponsor. Drafts alike in these get the same votes."""


def draft_key(draft: TabledDraft) -> DraftKey:
    return (draft.procedural, draft.endorsed, draft.amends is not None, draft.tags, draft.sponsor)


class Council:
    """The Council as one decision expects it to vote, on one board.

    The non-player members' dispositions are read once per kind of draft
    (`draft_key`) and remembered for the rest of the decision.
    """

    def __init__(self, board: Board) -> None:
        self.board = board
        self._own: dict[DraftKey, dict[str, Vote]] = {}

    def dispositions(self, voted: TabledDraft) -> dict[str, Vote]:
        """Each non-player member's own vote on `voted` (as the Council votes it)."""
        key = draft_key(voted)
        found = self._own.get(key)
        if found is None:
            evaluator = Evaluator(self.board, draft=voted, steady=True)
            found = {
                m.id: member_disposition(evaluator, m)
                for m in self.board.scenario.council.members
                if m.seat is None
            }
            self._own[key] = found
        return found

    def forecast(
        self,
        draft: TabledDraft,
        seat_vote: Callable[[str], Vote],
        shifts: Mapping[str, int] | None = None,
    ) -> Forecast:
        """The expected vote on `draft`; `seat_vote(seat)` guesses each seat member's vote,
        `shifts` moves non-player members (lobbying, endorsement) by steps."""
        sc = self.board.scenario
        voted = as_voted(self.board, draft)
        votes: dict[str, Vote] = {}
        own: dict[str, Vote] | None = None
        for member in sc.council.members:
            if member.seat is not None:
                vote = as_counted(sc, member.seat, seat_vote(member.seat), voted.procedural)
            else:
                own = own or self.dispositions(voted)
                vote = shift(own[member.id], (shifts or {}).get(member.id, 0))
            votes[member.id] = vote
        yes = sum(1 for v in votes.values() if v is Vote.YES)
        vetoers = tuple(
            m.id
            for m in sc.council.members
            if m.permanent and votes[m.id] is Vote.NO and not voted.procedural
        )
        margin = max(-3, min(2, yes - sc.council.majority))
        chance = _CHANCE_BY_MARGIN.get(margin, 0.02)
        if vetoers and yes >= sc.council.majority:
            chance = 0.05
        return Forecast(votes, yes, vetoers, chance)
