"""Security Council voting under Article 27 of the UN Charter, as practised.

- procedural drafts: adopted with at least `majority` (nine) yes votes;
- substantive drafts: nine yes votes and no "no" from a permanent member;
  a permanent member's abstention or absence is not a veto;
- fewer than nine yes votes is "failed: insufficient votes" whatever else
  happened; nine or more with a permanent no is "vetoed by X".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from wargame.engine.evaluation import Evaluator, bound
from wargame.engine.rules import Rules
from wargame.engine.state import DraftStatus
from wargame.scenario import expr
from wargame.scenario.models import MemberDef, Scenario, Vote

_STEPS = (Vote.NO, Vote.ABSTAIN, Vote.YES)


@dataclass(frozen=True, slots=True)
class Tally:
    """The result of one council vote."""

    status: DraftStatus
    yes: int
    no: int
    abstain: int
    absent: int
    vetoed_by: tuple[str, ...]
    """Permanent members whose no blocked a draft that had the votes."""
    procedural: bool
    """How the draft was finally voted (the double veto can make it substantive)."""
    double_veto: bool = False
    """True when a permanent member's no turned a procedural draft substantive."""


def tally(
    votes: Sequence[tuple[str, Vote]],
    permanent: Collection[str],
    *,
    procedural: bool,
    majority: int = 9,
    double_veto: bool = False,
) -> Tally:
    """Count a vote. `votes` pairs each member with its vote, in council order."""
    yes = no = abstain = absent = 0
    noes: list[str] = []
    for m, v in votes:
        if v is Vote.YES:
            yes += 1
        elif v is Vote.NO:
            no += 1
            if m in permanent:
                noes.append(m)
        elif v is Vote.ABSTAIN:
            abstain += 1
        elif v is Vote.ABSENT:
            absent += 1
    permanent_no = tuple(noes)
    made_substantive = procedural and double_veto and bool(permanent_no)
    as_procedural = procedural and not made_substantive
    if yes < majority:
        status = DraftStatus.FAILED
        vetoed_by: tuple[str, ...] = ()
    elif not as_procedural and permanent_no:
        status = DraftStatus.VETOED
        vetoed_by = permanent_no
    else:
        status = DraftStatus.ADOPTED
        vetoed_by = ()
    return Tally(
        status, yes, no, abstain, absent, vetoed_by, as_procedural, double_veto=made_substantive
    )


def shift(vote: Vote, steps: int) -> Vote:
    """Move a vote along no → abstain → yes by `steps` (negative toward no).

    An absent member stays absent: it is not in the room to be persuaded.
    """
    if vote is Vote.ABSENT or steps == 0:
        return vote
    index = max(0, min(len(_STEPS) - 1, _STEPS.index(vote) + steps))
    return _STEPS[index]


def disposition(evaluator: Evaluator, member: MemberDef) -> Vote:
    """A non-player member's own vote on the evaluator's draft: the first of its
    disposition rules that holds, else its default vote."""
    for holds, vote in _rules_of(evaluator.state.rules, member):
        if holds(evaluator):
            return vote
    return member.default_vote


def _rules_of(rules: Rules, member: MemberDef) -> tuple[tuple[expr.Bound, Vote], ...]:
    """The member's disposition rules as (condition bound to an evaluator, vote), in order;
    built once per member (a bot asks about every draft and hypothesis)."""
    found = rules.dispositions.get(id(member))
    if found is not None and found[0] is member:
        return found[1]
    pairs = tuple(
        (bound(rules.node(rule.when, draft=True)), rule.vote) for rule in member.disposition
    )
    rules.dispositions[id(member)] = (member, pairs)
    return pairs


def as_counted(scenario: Scenario, seat: str, vote: Vote, procedural: bool) -> Vote:
    """A seat member's vote as the Council counts it: under obligatory abstention
    (Article 27(3)) a party to the dispute abstains on a substantive draft."""
    if (
        scenario.council.obligatory_abstention
        and not procedural
        and seat in scenario.roles.parties
        and vote is not Vote.ABSENT
    ):
        return Vote.ABSTAIN
    return vote
