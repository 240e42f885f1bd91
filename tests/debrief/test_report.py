"""The after-action report: its facts on the golden saves, its Markdown and its HTML.

The facts are asserted from what the scripted games did (tests/saves/make_golden.py)
and, for the random flagship game, from the replayed state itself.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.debrief.make_golden import GOLDEN, SAVES, markdown_of, saves
from wargame.debrief import html, markdown
from wargame.debrief.facts import ReportFacts, report_facts
from wargame.debrief.report import report
from wargame.engine import events as ev
from wargame.engine.scoring import scores
from wargame.engine.state import DraftStatus, PledgeStatus
from wargame.saves import load_save
from wargame.scenario.models import Vote


def facts_of(path: Path) -> ReportFacts:
    loaded = load_save(path)
    return report_facts(loaded.game, loaded.document)


@pytest.fixture(scope="module")
def full() -> ReportFacts:
    return facts_of(SAVES / "full_game.toml")


def test_full_game_votes_and_the_veto(full: ReportFacts) -> None:
    assert [(v.round, v.draft, v.outcome) for v in full.votes] == [
        (1, "pk", DraftStatus.VETOED),
        (2, "c2", DraftStatus.ADOPTED),
    ]
    pk, c2 = full.votes
    assert pk.vetoed_by == ("RU",) and c2.vetoed_by == ()
    assert (pk.yes, pk.no, pk.abstain, pk.absent) == (14, 1, 0, 0)
    assert [m.member for m in pk.votes if m.vote is Vote.NO] == ["ru"]
    assert {m.member for m in pk.votes if m.permanent} == {"cn", "fr", "ru", "uk", "us"}
    assert pk.sponsor == "France" and c2.sponsor == "United Kingdom"
    assert (c2.yes, c2.no) == (15, 0)
    assert pk.lobbying == ("The Secretary-General endorsed pk; no member's vote was moved",)


def test_full_game_pledges_against_the_requirement(full: ReportFacts) -> None:
    got = [(p.round, p.pledge, p.status, p.condition) for p in full.pledges]
    assert got == [
        (1, "p1", PledgeStatus.DROPPED, None),
        (1, "p2", PledgeStatus.DROPPED, "fr.assets.troops >= 5000"),
        (2, "p3", PledgeStatus.HONOURED, None),
    ]
    assert full.pledges[0].why == "there is no UN mission to pledge to"
    assert full.requirement == (("Troops", 10000), ("Jet squadrons", 2))
    mission = {x.round: x for x in full.force if x.target == "un_mission"}
    assert mission[1].held == (("Troops", 0, 10000), ("Jet squadrons", 0, 2))
    assert mission[2].held == (("Troops", 4000, 10000), ("Jet squadrons", 0, 2))
    assert [mission[r].percent for r in (1, 2, 3, 4)] == [0, 20, 20, 20]  # (40% + 0%) / 2
    assert all(x.percent == 0 for x in full.force if x.target == "coalition")


def test_full_game_facilitator_ending_and_scores(full: ReportFacts) -> None:
    assert [(a.round, a.reason) for a in full.facilitator] == [
        (1, "shelling near Zaporizhzhia"),
        (2, "the room wants to replay the monitoring vote"),
    ]
    assert full.overridden and full.save_overrides == ()
    assert full.ending is not None and (full.ending.ending, full.ending.round) == ("mission", 4)
    assert [(s.seat, s.points) for s in full.scores] == [
        (s, 0) for s in ("fr", "uk", "ua", "ru", "un")
    ]
    assert [(r.id, r.seat, r.round, r.crossed) for r in full.red_lines] == [("r1", "Russia", 1, ())]
    assert [t.values for t in full.tracks] == [(50, 55, 55, 55, 55), (50, 50, 50, 50, 50)]
    assert [s.control for s in full.seats] == ["human", "human", "human", "bot", "human"]
    assert full.assembly and "Council mandate" in full.assembly[0].text


def test_an_unfinished_game_and_a_fork() -> None:
    half = facts_of(SAVES / "half_round.toml")
    assert half.ending is None and not half.ended
    assert (half.round, half.resolved) == (4, 3)
    assert [(p.seat, p.orders, p.submitted) for p in half.pending[:2]] == [
        ("France", ("fr pledge late troops 500 to coalition",), True),
        ("United Kingdom", ("uk pass",), False),
    ]
    assert facts_of(SAVES / "full_game.toml").pending == ()  # an ended game has none
    fork = facts_of(SAVES / "fork.toml")
    assert fork.fork == ("full_game.toml", 2)
    assert fork.save_overrides and fork.overridden
    assert fork.facilitator[-1].reason == "what if Russia had walked out?"


def test_every_objective_is_revealed_with_the_final_score() -> None:
    loaded = load_save(GOLDEN / "flagship_random.toml")
    facts = report_facts(loaded.game, loaded.document)
    scenario = loaded.game.scenario
    final = {s.seat: s for s in scores(loaded.game.state)}
    assert facts.ended
    for seat, got in zip(scenario.seats, facts.scores, strict=True):
        assert got.seat == seat.id
        assert [(o.id, o.secret, o.points) for o in got.objectives] == [
            (o.id, o.secret, o.points) for o in seat.objectives
        ]
        assert [o.met for o in got.objectives] == [o.met for o in final[seat.id].objectives]
        assert got.points == sum(o.points for o in got.objectives if o.met)
    text = markdown_of(GOLDEN / "flagship_random.toml")
    secret = [o.text for s in scenario.seats for o in s.objectives if o.secret]
    assert secret and all(o.replace("_", "\\_") in text for o in secret)


def test_votes_and_vetoes_agree_with_the_council_events() -> None:
    loaded = load_save(GOLDEN / "flagship_random.toml")
    facts = report_facts(loaded.game, loaded.document)
    voted = [e.payload for e in loaded.game.events if isinstance(e.payload, ev.CouncilVoted)]
    assert len(facts.votes) == len(voted) > 5
    for v in facts.votes:
        tally = {vote: sum(1 for m in v.votes if m.vote is vote) for vote in Vote}
        assert (tally[Vote.YES], tally[Vote.NO], tally[Vote.ABSTAIN], tally[Vote.ABSENT]) == (
            v.yes,
            v.no,
            v.abstain,
            v.absent,
        )
        vetoers = {m.name for m in v.votes if m.permanent and m.vote is Vote.NO}
        assert set(v.vetoed_by) <= vetoers
        assert (v.outcome is DraftStatus.VETOED) == bool(v.vetoed_by)


def test_uniting_for_peace_the_amendment_and_the_red_line() -> None:
    f = facts_of(GOLDEN / "uniting_path.toml")
    a1, unmu, _, motion = f.votes
    assert (a1.form, a1.amends, a1.outcome) == (ev.DraftForm.AMENDMENT, "unmu", DraftStatus.ADOPTED)
    assert [(a.amendment, a.add, a.outcome) for a in f.amendments] == [
        ("a1", ("troop_ceiling",), DraftStatus.ADOPTED)
    ]
    assert unmu.vetoed_by == ("Russia",) and (unmu.yes, unmu.no, unmu.abstain) == (10, 2, 3)
    assert (motion.form, motion.outcome, motion.procedural) == (
        ev.DraftForm.MOTION,
        DraftStatus.ADOPTED,
        True,
    )
    assert motion.vetoed_by == ()  # Russia's no on a procedural motion is no veto
    steps = [a.text for a in f.assembly]
    assert len(steps) == 5 and "67% in favour (needed 67%)" in steps[2]
    assert "consents" in steps[3] and "Assembly recommendation" in steps[4]
    assert [(p.pledge, p.status, bool(p.condition)) for p in f.pledges] == [
        ("f_ad", PledgeStatus.HONOURED, True),
        ("u_sh", PledgeStatus.HONOURED, True),
        ("un_tr", PledgeStatus.HONOURED, True),
    ]
    mission = [x for x in f.force if x.target == "un_mission"]
    assert [x.percent for x in mission[:2]] == [0, 100]
    (red,) = f.red_lines
    assert (red.seat, red.round, [r for r, _ in red.crossed]) == ("Russia", 0, [2])
    assert not f.overridden and f.facilitator == ()


@pytest.mark.parametrize("save", saves(), ids=lambda p: p.stem)
def test_markdown_matches_its_golden_file(save: Path) -> None:
    """Regenerate with `python -m tests.debrief.make_golden` when a change means to alter it."""
    assert markdown_of(save) == (GOLDEN / f"{save.stem}.md").read_text(encoding="utf-8")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def self_contained(page: str) -> _Collect:
    """Parse a page and assert it references nothing outside itself."""
    parser = _Collect()
    parser.feed(page)
    parser.close()
    assert page.startswith("<!DOCTYPE html>")
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(parser.tags)
    assert not [a for a in parser.attrs if a[0] in {"src", "href", "srcset", "action"}]
    style = "\n".join(parser.styles)
    assert "@import" not in style and "url(" not in style and "@font-face" not in style
    assert not re.search(r"https?://", page)
    return parser


@pytest.mark.parametrize("save", saves(), ids=lambda p: p.stem)
def test_html_parses_and_needs_nothing_outside_itself(save: Path) -> None:
    loaded = load_save(save)
    page = html.render(report(report_facts(loaded.game, loaded.document)))
    parser = self_contained(page)
    assert parser.tags.count("svg") >= 2  # the tracks and the force, drawn inline
    assert "@media print" in page


def test_markdown_and_html_say_the_same_facts(full: ReportFacts) -> None:
    document = report(full)
    md_text, page = markdown.render(document), html.render(document)
    for needle in ("vetoed", "the room wants to replay the monitoring vote", "4000/10000"):
        assert needle in md_text and needle in page
