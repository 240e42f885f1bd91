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
from dataclasses import dataclass
from functools import cache

from wargame.bots.quick_board import Board, Steady
from wargame.engine.council import as_counted, shift
from wargame.engine.records import replace
from wargame.engine.state import TabledDraft
from wargame.scenario import expr
from wargame.scenario.models import MemberDef, Vote
from wargame.scenario.vocabulary import DRAFT_FUNCTIONS, DRAFT_NAMES

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


class _Lazy:
    """An evaluator of the board for one draft, made when first needed."""

    def __init__(self, board: Board, like: Steady | None, draft: TabledDraft) -> None:
        self.board = board
        self.like = like
        self.draft = draft
        self._made: Steady | None = None
        self._answers: dict[tuple[str, str], bool] = {}

    def get(self) -> Steady:
        if self._made is None:
            self._made = Steady(self.board, self.like, self.draft)
        return self._made

    def answers(self, asked: Asked) -> tuple[bool, ...]:
        """The draft's answers to what a rule asks of it."""
        known = self._answers
        for question in asked:
            if question not in known:
                known[question] = _answer(self.draft, *question)
        return tuple(map(known.__getitem__, asked))


DraftKey = tuple[bool, bool, bool, tuple[str, ...], str]
"""What a disposition rule can read of the draft being voted (`DRAFT_NAMES` and
`DRAFT_FUNCTIONS` of the vocabulary): procedural (and so substantive), endorsed,
an amendment or not, its tags, its sponsor. Drafts alike in these get the same votes."""


def draft_key(draft: TabledDraft) -> DraftKey:
    return (draft.procedural, draft.endorsed, draft.amends is not None, draft.tags, draft.sponsor)


Asked = tuple[tuple[str, str], ...]
"""What a disposition rule asks of the draft: (name or function, its argument), e.g.
("has_tag", "ceasefire"), ("draft.amendment", "")."""


@cache
def asked_of_draft(text: str) -> Asked | None:
    """What the condition `text` asks of the draft being voted, in order; None when
    it asks with an argument that is not a literal (then every draft is its own case)."""
    asked: list[tuple[str, str]] = []
    for node in expr.walk(expr.parse(text)):
        if isinstance(node, expr.Name) and node.path in DRAFT_NAMES:
            asked.append((node.path, ""))
        elif isinstance(node, expr.Call) and node.fn in DRAFT_FUNCTIONS:
            if not all(isinstance(a, expr.Str) for a in node.args):
                return None
            asked += [(node.fn, a.value) for a in node.args if isinstance(a, expr.Str)]
    return tuple(asked)


def _answer(draft: TabledDraft, fn: str, arg: str) -> bool:
    if fn == "has_tag":
        return arg in draft.tags
    if fn == "sponsored_by":
        return draft.sponsor == arg
    if fn == "draft.amendment":
        return draft.amends is not None
    if fn == "draft.endorsed":
        return draft.endorsed
    return draft.procedural  # draft.procedural, draft.substantive


_PURE = frozenset(DRAFT_FUNCTIONS) | frozenset({"min", "max"})
"""Functions whose answer depends on their arguments and the draft only."""


@cache
def board_names(texts: tuple[str, ...]) -> tuple[str, ...] | None:
    """The names conditions `texts` read of the board (not of the draft), when names are
    all they read of it (their calls are `_PURE`); else None."""
    names: set[str] = set()
    for text in texts:
        node = expr.parse(text)
        if not expr.calls_in(node) <= _PURE:
            return None
        names |= {n for n in expr.names_in(node) if n not in DRAFT_NAMES}
    return tuple(sorted(names))


_VOTES: dict[tuple[int, DraftKey, tuple[int | bool, ...]], dict[str, Vote]] = {}
"""(public rules' token, kind of draft, the values of `board_names`) -> the members'
votes: where the dispositions read of the board only names, boards alike in those
values get the same votes (any board, any game of the same public rules)."""
_MOST_VOTES = 4096


class Council:
    """The Council as one decision expects it to vote, on one board.

    The board does not change in a decision, so a disposition rule's answer
    depends only on what it asks of the draft (`asked_of_draft`): each rule is
    asked once per set of answers, and each member's vote once per kind of draft
    (`draft_key`), for the rest of the decision. With `token` (the public rules',
    `quick_shared.Public`), the votes are also remembered by what the dispositions
    read of the board, when that is only names (`board_names`).
    """

    def __init__(self, board: Board, like: Steady | None = None, token: int | None = None) -> None:
        self.board = board
        self.like = like
        """An evaluator of the same board, whose tags in force and pledges are shared."""
        self._own: dict[DraftKey, dict[str, Vote]] = {}
        self._held: dict[tuple[str, object], bool] = {}
        self._token = token
        self._values: tuple[int | bool, ...] | None = None
        self._members = tuple((m.id, m.seat, m.permanent) for m in board.scenario.council.members)
        """Each member's id, seat (None: not a player) and permanence, in order."""

    def _shared_key(self, key: DraftKey) -> tuple[int, DraftKey, tuple[int | bool, ...]] | None:
        if self._token is None:
            return None
        if self._values is None:
            members = self.board.scenario.council.members
            names = board_names(
                tuple(r.when for m in members if m.seat is None for r in m.disposition)
            )
            if names is None:
                self._token = None
                return None
            evaluator = Steady(self.board, self.like)
            self._values = tuple(evaluator.name(n) for n in names)
        return (self._token, key, self._values)

    def dispositions(self, voted: TabledDraft) -> dict[str, Vote]:
        """Each non-player member's own vote on `voted` (as the Council votes it)."""
        key = draft_key(voted)
        found = self._own.get(key)
        if found is None:
            shared = self._shared_key(key)
            found = None if shared is None else _VOTES.get(shared)
            if found is None:
                evaluator = _Lazy(self.board, self.like, voted)
                found = {
                    m.id: self._disposition(evaluator, m)
                    for m in self.board.scenario.council.members
                    if m.seat is None
                }
                if shared is not None:
                    if len(_VOTES) >= _MOST_VOTES:
                        _VOTES.clear()
                    _VOTES[shared] = found
            self._own[key] = found
        return found

    def _disposition(self, evaluator: _Lazy, member: MemberDef) -> Vote:
        """As `engine.council.disposition`: the first of its rules that holds, else its
        default vote."""
        for rule in member.disposition:
            asked = asked_of_draft(rule.when)
            answers = evaluator.draft if asked is None else evaluator.answers(asked)
            held = self._held.get((rule.when, answers))
            if held is None:
                held = self._held[(rule.when, answers)] = evaluator.get().holds(
                    rule.when, draft=True
                )
            if held:
                return rule.vote
        return member.default_vote

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
        procedural = voted.procedural
        votes: dict[str, Vote] = {}
        own: dict[str, Vote] | None = None
        yes = 0
        vetoers: list[str] = []
        for member_id, seat, permanent in self._members:
            if seat is not None:
                vote = as_counted(sc, seat, seat_vote(seat), procedural)
            else:
                if not own:
                    own = self.dispositions(voted)
                vote = own[member_id]
                if shifts:
                    vote = shift(vote, shifts.get(member_id, 0))
            votes[member_id] = vote
            if vote is Vote.YES:
                yes += 1
            elif permanent and vote is Vote.NO and not procedural:
                vetoers.append(member_id)
        majority = sc.council.majority
        margin = max(-3, min(2, yes - majority))
        chance = _CHANCE_BY_MARGIN.get(margin, 0.02)
        if vetoers and yes >= majority:
            chance = 0.05
        return Forecast(votes, yes, tuple(vetoers), chance)
