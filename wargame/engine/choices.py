"""The lists a form field chooses from, read from a seat's view and the scenario.

Each `Source` names one list; `choices(source, ...)` gives its entries, each a
value for the line and a label for people. The lists offer what makes sense
now (tabled drafts to vote on, the seat's own honoured pledges to withdraw);
the engine's check still decides, so a list is a help, not a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from wargame.engine import orders as o
from wargame.engine.state import DraftStatus, PledgeStatus
from wargame.engine.view import View
from wargame.scenario.models import Rating, Scenario, Vote
from wargame.scenario.vocabulary import TARGETS


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a list: what the line says, and what people read."""

    value: str
    """The word the line carries (an id, a vote, a number)."""
    label: str
    """What the list shows."""


class Source(StrEnum):
    """Where a field's choices come from."""

    TABLED_DRAFTS = "tabled drafts"
    AMENDABLE_DRAFTS = "tabled draft resolutions (not amendments or motions)"
    PREPARED_DRAFTS = "the scenario's prepared drafts not tabled yet, or failed or vetoed"
    CONCEPTS = "the scenario's mission concepts not yet used"
    PROPOSED = "proposed concepts"
    VETOED = "vetoed drafts"
    VOTED = "drafts already voted on"
    ASSETS = "the scenario's assets"
    TARGETS = "pledge targets"
    LOBBIED_MEMBERS = "council members not played at the table"
    ANSWERABLE = "open guarantees, peace terms and Assembly missions"
    OWN_PLEDGES = "the seat's honoured pledges"
    PLEDGES = "every pledge"
    ARGUMENTS = "the scenario's arguments"
    ARGUMENT_REFS = "seat:argument pairs"
    GUARANTEE_TYPES = "the scenario's guarantee types"
    OPEN_OFFERS = "other seats' guarantee offers not rejected"
    NAMED_BACKING = "pledge ids other seats' offers name that the seat may commit"
    TAGS = "the scenario's tags"
    SEATS = "the seats"
    TRACKS = "the tracks"
    INJECTS = "the scenario's injects"
    ENDINGS = "the scenario's endings"
    ROUNDS = "rounds started so far"
    VOTES = "yes, no, abstain"
    PUSHES = "yes, no"
    RATINGS = "argument ratings"
    DRAFT_KINDS = "substantive or procedural"
    DRAFT_RULINGS = "adopted or failed"
    PLEDGE_RULINGS = "honoured or dropped"
    ARGUMENT_RULINGS = "succeeds or fails"


Lister = Callable[[View, Scenario, str | None], list[Choice]]


def _drafts(view: View, *statuses: DraftStatus) -> list[Choice]:
    return [Choice(d.id, f"{d.id}: {d.title}") for d in view.drafts if d.status in statuses]


def _words(*words: str) -> Lister:
    listed = [Choice(w, w.replace("_", " ")) for w in words]
    return lambda view, scenario, seat: list(listed)


def _used(view: View) -> set[str]:
    return {d.id for d in view.drafts}


def _amendable(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    return [
        Choice(d.id, f"{d.id}: {d.title}")
        for d in view.drafts
        if d.status is DraftStatus.TABLED and d.amends is None and d.motion_for is None
    ]


def _prepared(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    """Prepared drafts never tabled, and those that failed or were vetoed (they may return)."""
    before = {d.id: d for d in view.drafts}
    out = []
    for d in scenario.drafts:
        earlier = before.get(d.id)
        if d.concept:
            continue
        if earlier is None:
            out.append(Choice(d.id, f"{d.id}: {d.title}"))
        elif earlier.status in (DraftStatus.FAILED, DraftStatus.VETOED) and not earlier.recommended:
            out.append(Choice(d.id, f"{d.id}: {d.title} (again: {earlier.status.value})"))
    return out


def _concepts(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    used = _used(view)
    return [
        Choice(d.id, f"{d.id}: {d.title}")
        for d in scenario.drafts
        if d.id not in used and d.concept
    ]


def _voted(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    return [
        Choice(d.id, f"{d.id}: {d.title} ({d.status.value})")
        for d in view.drafts
        if d.status not in (DraftStatus.PROPOSED, DraftStatus.TABLED)
    ]


def _answerable(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    out = [
        Choice(g.id, f"guarantee {g.id}: {g.type.replace('_', ' ')} from {g.guarantor}")
        for g in view.guarantees
        if g.accepted is None
    ]
    out += [Choice(t.id, f"peace terms {t.id}: {t.title}") for t in view.terms]
    out += [
        Choice(d.id, f"Assembly mission {d.id}: {d.title}")
        for d in view.drafts
        if d.status is DraftStatus.VETOED and d.amends is None and d.motion_for is None
    ]
    return out


def _own_pledges(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    return [
        Choice(p.id, f"{p.id}: {p.amount} {p.asset} to {p.target}")
        for p in view.pledges
        if p.seat == seat and p.status is PledgeStatus.HONOURED
    ]


def _pledges(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    return [
        Choice(p.id, f"{p.id}: {p.seat} {p.amount} {p.asset} to {p.target} ({p.status.value})")
        for p in view.pledges
    ]


def _argument_refs(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    return [
        Choice(f"{s.id}:{a.id}", f"{s.name}: {a.name}")
        for s in scenario.seats
        for a in scenario.arguments.table
    ]


def _tracks(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    return [
        Choice(t.id, f"{t.name} (now {view.tracks.get(t.id, t.start)})") for t in scenario.tracks
    ]


def _endings(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    endings = [Choice(e.id, e.title) for e in scenario.endings]
    return [*endings, Choice(scenario.default_ending.id, scenario.default_ending.title)]


def _open_offers(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    return [
        Choice(g.id, f"{g.id}: {g.type.replace('_', ' ')} from {g.guarantor}, "
               f"backed by {', '.join(g.backing)}")
        for g in view.guarantees
        if g.accepted is not False and g.guarantor != seat
    ]  # fmt: skip


def _named_backing(view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    """Pledge ids other seats' offers name and `seat` has not committed yet (None: any seat's)."""
    owner = {p.id: p.seat for p in view.pledges}
    named: dict[str, str] = {}
    for g in view.guarantees:
        if g.accepted is False or g.guarantor == seat:
            continue
        for pid in g.backing:
            who = owner.get(pid, seat)
            if seat is not None and who != seat:
                continue
            if who == g.guarantor or (who is not None and (pid, who) in g.backers):
                continue
            named.setdefault(pid, g.id)
    return [Choice(pid, f"{pid} (named in {gid})") for pid, gid in named.items()]


LISTS: dict[Source, Lister] = {
    Source.TABLED_DRAFTS: lambda v, sc, s: _drafts(v, DraftStatus.TABLED),
    Source.AMENDABLE_DRAFTS: _amendable,
    Source.PREPARED_DRAFTS: _prepared,
    Source.CONCEPTS: _concepts,
    Source.PROPOSED: lambda v, sc, s: _drafts(v, DraftStatus.PROPOSED),
    Source.VETOED: lambda v, sc, s: _drafts(v, DraftStatus.VETOED),
    Source.VOTED: _voted,
    Source.ASSETS: lambda v, sc, s: [Choice(a.id, f"{a.name} ({a.unit})") for a in sc.assets],
    Source.TARGETS: _words(*TARGETS),
    Source.LOBBIED_MEMBERS: lambda v, sc, s: [
        Choice(m.id, m.name) for m in sc.council.members if m.seat is None
    ],
    Source.ANSWERABLE: _answerable,
    Source.OWN_PLEDGES: _own_pledges,
    Source.PLEDGES: _pledges,
    Source.ARGUMENTS: lambda v, sc, s: [Choice(a.id, a.name) for a in sc.arguments.table],
    Source.ARGUMENT_REFS: _argument_refs,
    Source.GUARANTEE_TYPES: lambda v, sc, s: [Choice(g.id, g.name) for g in sc.guarantee_types],
    Source.OPEN_OFFERS: _open_offers,
    Source.NAMED_BACKING: _named_backing,
    Source.TAGS: lambda v, sc, s: [Choice(t.id, t.id) for t in sc.tags],
    Source.SEATS: lambda v, sc, s: [Choice(x.id, x.name) for x in sc.seats],
    Source.TRACKS: _tracks,
    Source.INJECTS: lambda v, sc, s: [Choice(i.id, f"{i.id}: {i.title}") for i in sc.injects],
    Source.ENDINGS: _endings,
    Source.ROUNDS: lambda v, sc, s: [Choice(str(r), f"round {r}") for r in range(1, v.round + 1)],
    Source.VOTES: _words(Vote.YES.value, Vote.NO.value, Vote.ABSTAIN.value),
    Source.PUSHES: _words(Vote.YES.value, Vote.NO.value),
    Source.RATINGS: _words(*(r.value for r in Rating)),
    Source.DRAFT_KINDS: lambda v, sc, s: [
        Choice("substantive", "substantive (can be vetoed)"),
        Choice("procedural", "procedural (9 votes, no veto)"),
    ],
    Source.DRAFT_RULINGS: _words(*o.RULINGS["draft"]),
    Source.PLEDGE_RULINGS: _words(*o.RULINGS["pledge"]),
    Source.ARGUMENT_RULINGS: _words(*o.RULINGS["argument"]),
}


def choices(source: Source, view: View, scenario: Scenario, seat: str | None) -> list[Choice]:
    """The entries of `source` for `seat` (None: the facilitator or the public board)."""
    return LISTS[source](view, scenario, seat)


def used_ids(view: View, pending: Sequence[o.Action] = ()) -> set[str]:
    """Ids already taken on the board (and by the seat's own pending pledges)."""
    ids = {d.id for d in view.drafts} | {p.id for p in view.pledges}
    ids |= {g.id for g in view.guarantees} | {t.id for t in view.terms}
    ids |= {r.id for r in view.red_lines}
    ids |= {p.pledge for p in pending if isinstance(p, o.MakePledge)}
    return ids


def next_id(prefix: str, used: set[str]) -> str:
    """The first of prefix1, prefix2, ... not in `used`."""
    n = 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"
