"""The real Security Council votes of RULES.md, as golden cases.

Each vote is reproduced twice: through `tally` alone, and through a full round
of resolution with the real council of that year, France, the United Kingdom
and Russia played at the table and every other member voting as it did.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.engine.builders import (
    ELECTED_2022,
    ELECTED_2025,
    PERMANENT_MEMBERS,
    SEAT_OF_MEMBER,
    real_council,
)
from tests.engine.support import game, one, play
from wargame.engine import EventKind
from wargame.engine.council import tally
from wargame.engine.evaluation import Evaluator
from wargame.engine.narrate import vote_words
from wargame.engine.state import DraftStatus
from wargame.scenario.models import Vote


@dataclass(frozen=True)
class RealVote:
    name: str
    year: int
    procedural: bool
    votes: dict[str, str]
    """Every member's vote, by member id."""
    status: DraftStatus
    words: str
    """How the engine's news feed reports it."""


def _all(year: int, no: tuple[str, ...] = (), abstain: tuple[str, ...] = ()) -> dict[str, str]:
    elected = ELECTED_2022 if year == 2022 else ELECTED_2025
    ids = [m for m, _ in PERMANENT_MEMBERS + elected]
    return {m: "no" if m in no else "abstain" if m in abstain else "yes" for m in ids}


S_2022_155 = RealVote(
    "S/2022/155, 25 February 2022",
    2022,
    procedural=False,
    votes=_all(2022, no=("rus",), abstain=("chn", "ind", "are")),
    status=DraftStatus.VETOED,
    words="vetoed by Russia (11-1-3)",
)
RES_2623 = RealVote(
    "Resolution 2623, 27 February 2022",
    2022,
    procedural=True,
    votes=_all(2022, no=("rus",), abstain=("chn", "ind", "are")),
    status=DraftStatus.ADOPTED,
    words="adopted 11-1-3",
)
RES_2774 = RealVote(
    "Resolution 2774, 24 February 2025",
    2025,
    procedural=False,
    votes=_all(2025, abstain=("dnk", "fra", "grc", "svn", "gbr")),
    status=DraftStatus.ADOPTED,
    words="adopted 10-0-5",
)
GOLDEN = [S_2022_155, RES_2623, RES_2774]


def _ballot(case: RealVote) -> list[tuple[str, Vote]]:
    return [(m, Vote(v)) for m, v in case.votes.items()]


def test_golden_member_lists_are_the_real_councils() -> None:
    assert len(_all(2022)) == len(_all(2025)) == 15
    names_2022 = {n for _, n in ELECTED_2022}
    assert {"Albania", "Brazil", "Gabon", "Ghana", "India"} <= names_2022
    assert {"Ireland", "Kenya", "Mexico", "Norway", "United Arab Emirates"} <= names_2022
    names_2025 = {n for _, n in ELECTED_2025}
    assert {"Algeria", "Denmark", "Greece", "Guyana", "Pakistan"} <= names_2025
    assert {"Panama", "Republic of Korea", "Sierra Leone", "Slovenia", "Somalia"} <= names_2025


def test_golden_vote_counts_are_the_recorded_ones() -> None:
    for case in (S_2022_155, RES_2623):
        counts = [list(case.votes.values()).count(v) for v in ("yes", "no", "abstain")]
        assert counts == [11, 1, 3]
    assert [list(RES_2774.votes.values()).count(v) for v in ("yes", "no", "abstain")] == [10, 0, 5]


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c.name)
def test_golden_vote_through_tally(case: RealVote) -> None:
    permanent = {m for m, _ in PERMANENT_MEMBERS}
    t = tally(_ballot(case), permanent, procedural=case.procedural)
    assert t.status is case.status
    assert t.vetoed_by == (("rus",) if case.status is DraftStatus.VETOED else ())


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c.name)
def test_golden_vote_through_a_full_resolution(case: RealVote) -> None:
    seats_votes = {seat: case.votes[member] for member, seat in SEAT_OF_MEMBER.items()}
    g = game(council=real_council(case.year, case.votes))
    kind = "procedural" if case.procedural else "substantive"
    events = play(
        g,
        {seat: [f"{seat} vote d1 {vote}"] for seat, vote in seats_votes.items()},
        public=[f'uk table d1 "{case.name}" {kind}'],
    )
    vote = one(events, EventKind.VOTE, "d1").payload
    assert vote.outcome is case.status
    # The renderer says it as the UN's record did (the only words checked here).
    assert vote_words(vote, g.rules.names) == case.words
    assert dict(vote.votes) == {m: Vote(v) for m, v in case.votes.items()}
    d1 = g.state.draft("d1")
    assert d1 is not None and d1.status is case.status


def test_2025_amendment_vetoed_then_unamended_draft_adopted() -> None:
    """In the spirit of 24 Feb 2025: Russia vetoed a European amendment that had the
    votes (11 yes here); the unamended draft then passed 10-0-5 (the amendment's exact member votes
    are illustrative)."""
    amendment_supporters = {m for m, _ in ELECTED_2025} - {"dza"}
    votes_2774 = RES_2774.votes
    # Non-player members: for the amendment if listed, else as on resolution 2774.
    members = real_council(2025, {})["members"]
    for m in members:
        if "seat" in m:
            continue
        on_draft = votes_2774[m["id"]]
        on_amendment = "yes" if m["id"] in amendment_supporters else "abstain"
        m["disposition"] = [{"when": "draft.amendment", "vote": on_amendment}]
        m["default_vote"] = on_draft
    g = game(council={"members": members})
    events = play(
        g,
        {
            "fr": ["fr vote a1 yes", "fr vote d1 abstain"],
            "uk": ["uk vote a1 yes", "uk vote d1 abstain"],
            "ru": ["ru vote a1 no", "ru vote d1 yes"],
        },
        public=[
            'uk table d1 "The path to peace" substantive',
            'fr amend d1 a1 "Reaffirm sovereignty" add=ceasefire',
        ],
    )
    amendment = one(events, EventKind.AMENDMENT, "a1").payload
    assert (amendment.outcome, amendment.vetoed_by) == (DraftStatus.VETOED, ("rus",))
    assert (amendment.yes, amendment.no, amendment.abstain) == (11, 1, 3)
    d1_vote = one(events, EventKind.VOTE, "d1").payload
    assert (d1_vote.outcome, d1_vote.yes, d1_vote.no, d1_vote.abstain) == (
        DraftStatus.ADOPTED,
        10,
        0,
        5,
    )
    d1 = g.state.draft("d1")
    assert d1 is not None and d1.tags == () and d1.status is DraftStatus.ADOPTED


def test_vetoes_counts_the_seat_whose_member_vetoed() -> None:
    # The seat ru votes for the member rus: vetoes() asks about the seat.
    g = game(council=real_council(2022, S_2022_155.votes))
    play(
        g,
        {"fr": ["fr vote d1 yes"], "uk": ["uk vote d1 yes"], "ru": ["ru vote d1 no"]},
        public=['uk table d1 "S/2022/155" substantive'],
    )
    ev = Evaluator(g.state)
    assert ev.number('vetoes("ru")') == 1
    assert ev.number('vetoes("fr")') == 0
