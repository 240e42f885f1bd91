"""The renderer: the only tests that assert on the words of events.

Engine tests assert on payload data; these check the words each payload
becomes, one payload type at a time, with display names from the scenario.
"""

from __future__ import annotations

import dataclasses

import pytest

from wargame.engine import events as ev
from wargame.engine.names import Names
from wargame.engine.narrate import render
from wargame.engine.state import DraftStatus, Mandate
from wargame.scenario.models import Rating, Vote

NAMES = Names(
    seats={"fr": "France", "uk": "United Kingdom", "ua": "Ukraine", "ru": "Russia"},
    members={"ru": "Russia", "us": "United States", "cn": "China", "br": "Brazil"},
    tracks={"tension": "Tension"},
    guarantee_types={"air_policing": "Air policing"},
    options={"ceasefire": "Push for a ceasefire"},
)
TENSION = (ev.Change("tension", 40, 45),)


def _vote(**changes: object) -> ev.CouncilVoted:
    base = ev.CouncilVoted(
        draft="pk",
        title="UN peacekeeping mission",
        form=ev.DraftForm.DRAFT,
        sponsor="fr",
        votes=(("ru", Vote.NO), ("us", Vote.YES), ("cn", Vote.ABSTAIN), ("br", Vote.YES)),
        yes=14,
        no=1,
        abstain=0,
        absent=0,
        procedural=False,
        made_substantive=False,
        vetoed_by=("ru",),
        outcome=DraftStatus.VETOED,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


CASES: list[tuple[ev.Payload, str]] = [
    (
        ev.DraftTabled("fr", "pk", "UN peacekeeping mission", False, ("un_peacekeeping",)),
        "France tables substantive draft pk \u201cUN peacekeeping mission\u201d [un_peacekeeping]",
    ),
    (
        ev.DraftTabled("fr", "pk", "UN peacekeeping mission", False, (), DraftStatus.VETOED, 1),
        "France tables substantive draft pk \u201cUN peacekeeping mission\u201d again "
        "(vetoed in round 1)",
    ),
    (
        ev.ConceptProposed("ua", "sg", "A monitoring mission"),
        "Ukraine proposes the concept sg \u201cA monitoring mission\u201d; "
        "a council member must sponsor it",
    ),
    (
        ev.ConceptSponsored("fr", "sg", "A monitoring mission"),
        "France sponsors sg \u201cA monitoring mission\u201d: it goes before the council",
    ),
    (
        ev.AmendmentTabled("ru", "a1", "pk", "No troops", ("observers",), ("nato_troops",)),
        "Russia tables amendment a1 to pk \u201cNo troops\u201d (+observers -nato_troops)",
    ),
    (
        ev.MotionTabled("uk", "ufp", "pk"),
        "United Kingdom moves to call an emergency special session of the General Assembly on pk",
    ),
    (
        ev.GuaranteeOffered("uk", "g1", "air_policing", "ua", ("j1", "j2"), 'adopted("cf")'),
        "United Kingdom offers Ukraine a guarantee g1 (Air policing), backed by j1, j2 "
        'if adopted("cf")',
    ),
    (
        ev.GuaranteeBacked("fr", "g1", "uk", "f1"),
        "France backs United Kingdom's guarantee g1 with its pledge f1",
    ),
    (
        ev.GuaranteeChanged(
            "uk",
            "g1",
            "air_policing",
            False,
            0,
            False,
            ev.InactiveReason.BACKING_NOT_COMMITTED,
            ("f1",),
            owner="fr",
        ),
        "United Kingdom's guarantee g1 is not active: backing pledge f1 is France's and counts "
        "only once France backs g1 with it (fr back g1 f1)",
    ),
    (
        ev.TermsTabled("fr", "t1", "Line of contact", ("dmz", "ceasefire")),
        "France tables peace terms t1 \u201cLine of contact\u201d [dmz, ceasefire]",
    ),
    (
        ev.RedLineDeclared("ru", "r1", "No NATO troops", ("nato_troops",)),
        "Russia declares a red line r1: \u201cNo NATO troops\u201d [nato_troops]",
    ),
    (
        ev.InjectFired("strike", "Strike on a depot", "Losses reported", TENSION),
        "Strike on a depot. Losses reported. [Tension 40 \u2192 45]",
    ),
    (
        ev.InjectFired(None, "Storm", "", (), reason="weather"),
        "Storm (facilitator: weather)",
    ),
    (
        ev.OrderRefused("fr", "fr pledge p1 troops 5000 to coalition", "France has 3000 Troops"),
        "fr pledge p1 troops 5000 to coalition was refused at resolution: France has 3000 Troops",
    ),
    (
        ev.PledgeWithdrawn("fr", "p1", "troops", 5000, "coalition", 10),
        "France withdrew pledge p1 (5000 troops to the coalition force) and lost 10 credibility",
    ),
    (
        ev.Lobbied("fr", "cn", "pk", Vote.YES, 60, 12, True, Vote.YES, Vote.ABSTAIN),
        "France lobbied China toward yes on pk: succeeded (rolled 12 under 60); "
        "it changed China's vote: yes, where it would have voted abstain",
    ),
    (
        ev.Lobbied("fr", "cn", "pk", Vote.YES, 60, 12, True, Vote.YES, Vote.YES),
        "France lobbied China toward yes on pk: succeeded (rolled 12 under 60); "
        "it did not change China's vote (yes)",
    ),
    (
        ev.Lobbied("fr", "cn", "pk", Vote.NO, 60, 71, False, Vote.ABSTAIN, Vote.ABSTAIN),
        "France lobbied China toward no on pk: failed (rolled 71, needed under 60); "
        "China voted abstain",
    ),
    (
        ev.Lobbied("fr", "cn", "pk", Vote.NO, 60, 71, False),
        "France lobbied China toward no on pk: failed (rolled 71, needed under 60); "
        "pk was not voted",
    ),
    (
        ev.Endorsed("un", "pk", ("cn", "br")),
        "The Secretary-General endorsed pk; moved toward yes: China, Brazil",
    ),
    (
        ev.Mediated("un", TENSION),
        "The Secretariat mediated between the parties. [Tension 40 \u2192 45]",
    ),
    (_vote(), "The draft pk \u201cUN peacekeeping mission\u201d: vetoed by Russia (14-1-0)"),
    (
        _vote(yes=8, no=1, abstain=6, vetoed_by=(), outcome=DraftStatus.FAILED),
        "The draft pk \u201cUN peacekeeping mission\u201d: failed: insufficient votes (8-1-6)",
    ),
    (
        _vote(
            form=ev.DraftForm.AMENDMENT,
            draft="a1",
            title="No troops",
            amends="pk",
            yes=9,
            no=0,
            abstain=6,
            vetoed_by=(),
            outcome=DraftStatus.ADOPTED,
            made_substantive=False,
            parties_abstained=True,
        ),
        "The amendment a1 \u201cNo troops\u201d: adopted 9-0-6 "
        "(parties abstained under Art. 27(3))",
    ),
    (
        _vote(form=ev.DraftForm.MOTION, draft="ufp", title="Refer pk", made_substantive=True),
        "The motion ufp \u201cRefer pk\u201d: vetoed by Russia (14-1-0) "
        "(the double veto made it substantive)",
    ),
    (
        ev.AssemblyVoted("pk", 71, 67, True),
        "Emergency special session of the General Assembly: 71% in favour (needed 67%): "
        "it recommends pk, subject to the host's consent",
    ),
    (
        ev.AssemblyVoted("pk", 62, 67, False),
        "Emergency special session of the General Assembly: only 62% in favour "
        "(needed 67%): no recommendation on pk",
    ),
    (
        ev.MissionEstablished("pk", Mandate.ASSEMBLY, 60),
        "A UN mission is established under an Assembly recommendation (pk, mandate strength 60%)",
    ),
    (
        ev.ConsentGiven("ua", "pk", ev.ConsentAnswer.CONSENTS),
        "Ukraine consents to the recommended pk",
    ),
    (
        ev.ConsentGiven("ua", "pk", ev.ConsentAnswer.LAPSED),
        "Ukraine's consent to pk lapses: the Assembly made no recommendation",
    ),
    (
        ev.PledgeHonoured("fr", "p1", "troops", 5000, "coalition", "uk.pledged.jets >= 2"),
        "France's pledge p1 of 5000 troops to the coalition force holds "
        "(condition met: uk.pledged.jets >= 2)",
    ),
    (
        ev.PledgeDropped(
            "fr",
            "p1",
            "troops",
            5000,
            "coalition",
            None,
            False,
            ev.Drop(ev.DropReason.CANNOT_COVER, pledged=5000, held=3000),
        ),
        "France's pledge p1 of 5000 troops to the coalition force is dropped: "
        "France cannot cover it: 5000 troops would be pledged, 3000 held",
    ),
    (
        ev.PledgeDropped(
            "uk", "m1", "jets", 2, "un_mission", None, True, ev.Drop(ev.DropReason.NO_TARGET)
        ),
        "United Kingdom's pledge m1 of 2 jets to the UN mission is released: "
        "there is no UN mission to pledge to",
    ),
    (ev.GuaranteeAnswered("ua", "g1", False), "Ukraine rejects guarantee g1"),
    (
        ev.GuaranteeChanged("uk", "g1", "air_policing", True, 4, False),
        "United Kingdom's guarantee g1 (Air policing) is active (strength 4)",
    ),
    (
        ev.GuaranteeChanged(
            "uk",
            "g1",
            "air_policing",
            False,
            0,
            False,
            ev.InactiveReason.BACKING_NOT_HONOURED,
            ("j1",),
            accepted_now=True,
        ),
        "United Kingdom's guarantee g1 is accepted but not active: backing pledge j1 is not honoured",
    ),
    (
        ev.TermsAnswered("ru", "t1", "Line of contact", True, True),
        "Russia accepts peace terms t1 \u201cLine of contact\u201d: "
        "both parties have accepted, the terms bind",
    ),
    (
        ev.RedLineCrossed("ru", "r1", "No NATO troops", ("nato_troops",), 10, TENSION),
        "Russia's red line r1 \u201cNo NATO troops\u201d is crossed (nato_troops in force); "
        "Russia loses 10 credibility. [Tension 40 \u2192 45]",
    ),
    (
        ev.ArgumentMade(
            "fr", "ceasefire", "Both sides are exhausted", True, False, Rating.STRONG, 70, 33
        ),
        "France argues \u201cBoth sides are exhausted\u201d (Push for a ceasefire): succeeds, "
        "rated strong, rolled 33 against 70.",
    ),
    (
        ev.ArgumentMade("fr", "ceasefire", "Exhausted", False, True),
        "France argues \u201cExhausted\u201d (Push for a ceasefire): fails, "
        "by the facilitator's ruling.",
    ),
    (
        ev.RuleApplied("escalation", "", (ev.Change("fr.pc", 8, 6),)),
        "The scenario rule escalation applies. [France PC 8 \u2192 6]",
    ),
    (
        ev.FrictionStruck("leak", "A draft leaks", 20, 7, (ev.Change("ua.assets.troops", 9, 7),)),
        "A draft leaks (chance 20%, rolled 7) [Ukraine troops 9 \u2192 7]",
    ),
    (
        ev.IncomePaid((("fr", 3), ("ua", 2))),
        "Political capital income: France +3, Ukraine +2",
    ),
    (
        ev.ArgumentRated("fr", "ceasefire", Rating.VERY_STRONG),
        "Facilitator rates France's argument Push for a ceasefire: very strong",
    ),
    (
        ev.ArgumentRated("fr", "ceasefire", Rating.WEAK, replaces=Rating.STRONG),
        "Facilitator rates France's argument Push for a ceasefire: weak "
        "(replacing the earlier rating, strong)",
    ),
    (
        ev.TrackAdjusted("tension", 5, "a border clash", TENSION),
        "Facilitator adjusts tension by +5 (a border clash) [Tension 40 \u2192 45]",
    ),
    (
        ev.Ruled(ev.RulingSubject.DRAFT, "pk", "adopted", "the vote was miscounted"),
        "Facilitator rules draft pk adopted: the vote was miscounted",
    ),
    (
        ev.Ruled(ev.RulingSubject.ARGUMENT, "fr:ceasefire", "succeeds", "well argued"),
        "Facilitator rules that fr's argument ceasefire succeeds: well argued",
    ),
    (
        ev.Rewound(2, "a wrong order"),
        "Facilitator rewinds to the start of round 2 (a wrong order)",
    ),
    (
        ev.GameEnded("frozen", "A frozen conflict", "time is up"),
        "The game ends: A frozen conflict (facilitator: time is up)",
    ),
]


@pytest.mark.parametrize(
    ("payload", "words"), CASES, ids=[f"{i}-{type(p).__name__}" for i, (p, _) in enumerate(CASES)]
)
def test_each_payload_renders_as_the_news_says_it(payload: ev.Payload, words: str) -> None:
    assert render(payload, NAMES) == words
    assert render(ev.Event(3, payload), NAMES) == words


def test_every_kind_has_a_payload_type_and_every_payload_type_has_words() -> None:
    assert set(ev.PAYLOADS) == set(ev.EventKind)
    types = {t for group in ev.PAYLOADS.values() for t in group}
    assert types == {type(p) for p, _ in CASES}
    assert {p.kind for p, _ in CASES} == set(ev.EventKind)


def test_an_event_reads_its_payload() -> None:
    event = ev.Event(2, _vote(), private_to=None)
    assert (event.kind, event.seat, event.ref) == (ev.EventKind.VOTE, "fr", "pk")
    assert dict(event.votes)["ru"] is Vote.NO and event.visible_to("ru")
    lobby = ev.Event(2, ev.Lobbied("uk", "cn", "pk", Vote.YES, 50, 3, True), private_to=("uk",))
    assert lobby.votes == () and lobby.visible_to("uk") and not lobby.visible_to(None)


def test_payloads_are_frozen() -> None:
    payload = ev.IncomePaid((("fr", 3),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        payload.amounts = ()  # type: ignore[misc]


def test_an_unknown_id_is_shown_as_itself() -> None:
    assert render(ev.GuaranteeAnswered("xx", "g1", True), NAMES) == "xx accepts guarantee g1"
