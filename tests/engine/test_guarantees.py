"""Security guarantees to the host, and peace terms between the parties."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tests.engine.support import game, payloads, play, resolve, state_after
from wargame.engine import Event, EventKind
from wargame.engine.events import (
    GuaranteeAnswered,
    GuaranteeBacked,
    GuaranteeChanged,
    InactiveReason,
    Pledged,
    TermsAnswered,
)
from wargame.engine.state import Guarantee, Mandate, Mission, Pledge, PledgeStatus
from wargame.game import Game

OFFER = "uk offer g1 air_policing backing=j1"
PLEDGE = "uk pledge j1 jets 2 to coalition"


def _changed(events: Sequence[Event], guarantee: str) -> GuaranteeChanged:
    """The news that `guarantee` changed status."""
    (found,) = [
        p
        for p in payloads(events, EventKind.GUARANTEE)
        if isinstance(p, GuaranteeChanged) and p.guarantee == guarantee
    ]
    return found


def _inactive(
    events: Sequence[Event], guarantee: str
) -> tuple[InactiveReason | None, tuple[str, ...], bool]:
    """Why `guarantee` is not active, the pledges concerned, and whether accepted this round."""
    p = _changed(events, guarantee)
    assert not p.active
    return p.reason, p.pledges, p.accepted_now


def _guarantee(g: Game, gid: str = "g1") -> Guarantee:
    found = g.state.guarantee(gid)
    assert found is not None
    return found


def test_guarantee_active_only_when_accepted_and_backed() -> None:
    # Accepted and backed: active, with the strength of its backing (2 jets x 2).
    g = game()
    events = play(g, {"uk": [PLEDGE], "ua": ["ua accept g1"]}, public=[OFFER])
    assert _guarantee(g).active and _guarantee(g).strength == 4
    assert GuaranteeChanged("uk", "g1", "air_policing", True, 4, False) in payloads(
        events, EventKind.GUARANTEE
    )
    assert "air_policing" in g.state.in_force

    # Backed but not accepted: not active.
    g = game()
    play(g, {"uk": [PLEDGE]}, public=[OFFER])
    assert not _guarantee(g).active and _guarantee(g).accepted is None
    assert "air_policing" not in g.state.in_force

    # Accepted but its backing pledge never made: not active.
    g = game()
    play(g, {"ua": ["ua accept g1"]}, public=[OFFER])
    assert _guarantee(g).accepted is True and not _guarantee(g).active

    # Accepted but the backing pledge dropped: not active.
    g = game()
    play(
        g,
        {
            "uk": ["uk pledge j1 jets 2 to coalition if fr.pledged.troops >= 1"],
            "ua": ["ua accept g1"],
        },
        public=[OFFER],
    )
    assert _guarantee(g).accepted is True and not _guarantee(g).active


def test_rejected_guarantee_is_never_active() -> None:
    g = game()
    events = play(g, {"uk": [PLEDGE], "ua": ["ua reject g1"]}, public=[OFFER])
    assert _guarantee(g).accepted is False and not _guarantee(g).active
    assert GuaranteeAnswered("ua", "g1", False) in payloads(events, EventKind.GUARANTEE)
    g.begin_orders()
    assert g.why_not("ua", "ua accept g1") == "guarantee 'g1' was already rejected"


def test_guarantee_lapses_when_its_backing_is_withdrawn() -> None:
    g = game()
    play(g, {"uk": [PLEDGE], "ua": ["ua accept g1"]}, public=[OFFER])
    assert _guarantee(g).active
    events = play(g, {"uk": ["uk withdraw j1"]})
    assert not _guarantee(g).active and _guarantee(g).strength == 0
    assert _inactive(events, "g1") == (InactiveReason.BACKING_NOT_HONOURED, ("j1",), False)


def test_guarantee_accepted_before_its_backing_becomes_active_later() -> None:
    g = game()
    play(g, {"ua": ["ua accept g1"]}, public=[OFFER])
    assert not _guarantee(g).active
    play(g, {"uk": [PLEDGE]})
    assert _guarantee(g).active


def test_conditional_guarantee_needs_its_condition() -> None:
    g = game()
    play(
        g,
        {"uk": [PLEDGE], "ua": ["ua accept g1"]},
        public=['uk offer g1 air_policing backing=j1 if adopted("cf")'],
    )
    assert not _guarantee(g).active
    play(g, {}, public=["uk table cf"])
    assert _guarantee(g).active


def test_only_the_host_answers_a_guarantee() -> None:
    g = game()
    g.apply(OFFER)
    g.begin_orders()
    assert g.why_not("fr", "fr accept g1") == "only Ukraine answers a guarantee offered to it"
    assert g.why_not("ua", "ua accept g1") is None


def test_guarantee_offers_are_checked_when_tabled() -> None:
    g = game()
    assert g.why_not("ua", "ua offer g1 air_policing backing=j1") == (
        "the host cannot offer itself a guarantee"
    )
    assert (g.why_not("uk", "uk offer g1 umbrella backing=j1") or "").startswith(
        "unknown guarantee type 'umbrella'"
    )
    assert g.why_not("uk", "uk offer g1 air_policing") == (
        "a guarantee needs backing=pledge ids (pledges may be made this round)"
    )


def test_peace_terms_bind_only_when_both_parties_accept() -> None:
    g = game()
    events = play(
        g, {"ua": ["ua accept t1"]}, public=['un terms t1 "Line of contact" tags=dmz,ceasefire']
    )
    assert "dmz" not in g.state.in_force
    assert payloads(events, EventKind.TERMS) == [
        TermsAnswered("ua", "t1", "Line of contact", accepted=True, binding=False)
    ]
    events = play(g, {"ru": ["ru accept t1"]})
    assert payloads(events, EventKind.TERMS) == [
        TermsAnswered("ru", "t1", "Line of contact", accepted=True, binding=True)
    ]
    assert {"ceasefire", "dmz"} <= set(g.state.in_force)


def test_peace_terms_rejected_by_a_party_do_not_bind() -> None:
    g = game()
    play(
        g,
        {"ua": ["ua accept t1"], "ru": ["ru reject t1"]},
        public=['fr terms t1 "Sanctions relief" tags=sanctions_relief'],
    )
    assert "sanctions_relief" not in g.state.in_force
    g.begin_orders()
    assert g.why_not("fr", "fr accept t1") == "only the parties accept or reject peace terms"
    assert g.why_not("ru", "ru accept t1") == "Russia has already answered terms 't1'"


def test_a_pledge_backs_one_guarantee_only() -> None:
    g = game()
    g.apply(OFFER)
    reason = g.why_not("uk", "uk offer g2 air_policing backing=j1")
    assert reason == "United Kingdom's pledge j1 already backs guarantee g1"


def test_an_accepted_guarantee_that_is_not_active_says_why() -> None:
    g = game()
    events = play(g, {"ua": ["ua accept g1"]}, public=[OFFER])  # j1 never pledged
    assert _inactive(events, "g1") == (InactiveReason.BACKING_MISSING, ("j1",), True)


# -- backing: the guarantor's own pledges, or a co-guarantor's that it commits itself --


def test_a_guarantee_backed_by_another_seats_pledge_needs_that_seats_consent() -> None:
    # Russia names the UK's pledge id first: it neither blocks the UK's own offer
    # nor becomes active on the UK's jets.
    g = game()
    g.apply("ru offer g_ru air_policing backing=j1")
    assert g.why_not("uk", OFFER) is None  # naming an id never reserves it
    events = play(g, {"uk": [PLEDGE], "ua": ["ua accept g_ru", "ua accept g1"]}, public=[OFFER])
    assert _guarantee(g).active and _guarantee(g).strength == 4
    assert not _guarantee(g, "g_ru").active
    assert _inactive(events, "g_ru") == (InactiveReason.BACKING_NOT_COMMITTED, ("j1",), True)
    assert _changed(events, "g_ru").owner == "uk"


def test_an_existing_pledge_of_another_seat_cannot_be_taken_into_an_offer_by_force() -> None:
    g = game()
    play(g, {"uk": [PLEDGE]})
    g.apply("ru offer g_ru air_policing backing=j1")  # an invitation the UK may ignore
    assert g.why_not("uk", "uk offer g1 air_policing backing=j1") is None
    play(
        g,
        {"ua": ["ua accept g_ru", "ua accept g1"]},
        public=["uk offer g1 air_policing backing=j1"],
    )
    assert _guarantee(g).active and not _guarantee(g, "g_ru").active


def test_a_co_guarantor_commits_its_own_pledge_by_its_own_order() -> None:
    g = game()
    offer = "uk offer g1 air_policing backing=j1,f1"
    pledges = {"uk": [PLEDGE], "fr": ["fr pledge f1 jets 2 to coalition"], "ua": ["ua accept g1"]}
    events = play(g, pledges, public=[offer])
    assert not _guarantee(g).active
    changed = _changed(events, "g1")
    assert (changed.reason, changed.pledges, changed.owner) == (
        InactiveReason.BACKING_NOT_COMMITTED,
        ("f1",),
        "fr",
    )
    events = play(g, {}, public=["fr back g1 f1"])
    assert GuaranteeBacked("fr", "g1", "uk", "f1") in payloads(events, EventKind.TABLED)
    assert _guarantee(g).active and _guarantee(g).strength == 8
    assert g.state.seats["fr"].pc == 10 + 3 + 3 - 1 - 1  # the pledge and the backing


def test_backing_orders_are_checked_when_given() -> None:
    g = game()
    g.apply("uk offer g1 air_policing backing=j1,f1")
    assert g.why_not("fr", "fr back g9 f1") == ("unknown guarantee 'g9' (known: g1)")
    assert g.why_not("fr", "fr back g1 f2") == (
        "United Kingdom's offer g1 does not name f2: only pledges its guarantor names "
        "(backing=j1,f1) can back it"
    )
    assert g.why_not("uk", "uk back g1 j1") == (
        "g1 is your own offer: the pledges it names are yours to make and already count"
    )
    assert g.why_not("ua", "ua back g1 f1") == "the host cannot back a guarantee offered to itself"
    assert g.why_not("fr", "fr back g1 f1") is None
    g.apply("fr back g1 f1")
    assert g.why_not("fr", "fr back g1 f1") == "France already backs g1 with f1"
    # Once made, a pledge is its owner's: nobody else can back with it.
    play(g, {"uk": [PLEDGE], "fr": ["fr pledge f1 jets 2 to coalition"]})
    g.apply("ru offer g2 air_policing backing=f1")
    assert g.why_not("ru", "ru back g2 f1") == (
        "g2 is your own offer: the pledges it names are yours to make and already count"
    )
    g.apply("uk offer g3 air_policing backing=f1")
    assert g.why_not("fr", "fr back g3 f1") == "France's pledge f1 already backs guarantee g1"


def test_a_rejected_guarantee_frees_its_backing() -> None:
    g = game()
    play(g, {"uk": [PLEDGE], "ua": ["ua reject g1"]}, public=[OFFER])
    assert g.why_not("uk", "uk offer g2 air_policing backing=j1") is None


# -- what a guarantee type takes: pledge targets and assets ---------------------------

BLUE_HELMETS = [
    {"id": "air_policing", "name": "Air policing", "backing_assets": ["jets"]},
    {"id": "protection", "name": "Protection force", "backing_assets": ["troops"]},
    {
        "id": "blue_helmets",
        "name": "Blue helmets",
        "backing_targets": ["un_mission"],
        "backing_assets": ["troops"],
    },
]
MISSION = {"fr": ["fr vote pk yes"], "uk": ["uk vote pk yes"], "ru": ["ru vote pk yes"]}


def _with_mission(**overrides: object) -> Game:
    g = game(**overrides)
    play(g, MISSION, public=["fr table pk"])
    assert g.state.mission is not None
    return g


def test_troops_pledged_to_the_un_mission_do_not_back_a_guarantee_by_default() -> None:
    g = _with_mission()
    play(g, {"fr": ["fr pledge m1 troops 8000 to un_mission"]})
    for seat in ("fr", "uk"):  # France's own offer, or the UK's invitation
        assert g.why_not(seat, f"{seat} offer g1 air_policing backing=m1") == (
            "pledge m1 (8000 troops to the UN mission) cannot back g1: Air policing guarantees "
            "are backed only by pledges to the coalition force"
        )
    # Named before it is made, the pledge is refused when entered.
    g.apply("fr offer g2 air_policing backing=m2")
    g.begin_orders()
    assert g.why_not("fr", "fr pledge m2 troops 1000 to un_mission") == (
        "your guarantee g2 names m2: Air policing guarantees are backed only by pledges "
        "to the coalition force"
    )


def test_backing_that_does_not_fit_its_type_is_re_checked_at_resolution() -> None:
    # However the board came to hold it (here: set by hand), a misfit never backs.
    state = state_after(["fr offer g1 air_policing backing=m1"])
    mission = Mission("pk", Mandate.COUNCIL, 100)
    pledge = Pledge("m1", "fr", "troops", 8000, "un_mission", 1, status=PledgeStatus.HONOURED)
    g1 = replace(state.guarantees[0], accepted=True, active=True, strength=8)
    state = replace(state, mission=mission, pledges=(pledge,), guarantees=(g1,))
    after, events = resolve(state)
    assert not after.guarantees[0].active
    changed = _changed(events, "g1")
    assert (changed.reason, changed.pledges) == (InactiveReason.BACKING_NOT_ALLOWED, ("m1",))
    assert changed.misfit == Pledged(8000, "troops", "un_mission")
    assert changed.detail == (
        "Air policing guarantees are backed only by pledges to the coalition force"
    )


def test_a_guarantee_type_names_the_assets_and_targets_that_back_it() -> None:
    g = _with_mission(guarantee_types=BLUE_HELMETS)
    play(
        g,
        {
            "uk": ["uk pledge j1 jets 2 to coalition"],
            "fr": [
                "fr pledge m1 troops 8000 to un_mission",
                "fr pledge t1 troops 1000 to coalition",
            ],
            "ua": ["ua accept g1", "ua accept g2"],
        },
        public=["uk offer g1 air_policing backing=j1", "fr offer g2 blue_helmets backing=m1"],
    )
    assert _guarantee(g).active and _guarantee(g, "g2").active
    assert _guarantee(g, "g2").strength == 8  # 8,000 blue helmets as a security guarantee
    assert g.why_not("fr", "fr offer g3 air_policing backing=t1") == (
        "pledge t1 (1000 troops to the coalition force) cannot back g3: Air policing "
        "guarantees are backed only by pledges of jets to the coalition force"
    )
    assert g.why_not("fr", "fr offer g3 blue_helmets backing=t1") == (
        "pledge t1 (1000 troops to the coalition force) cannot back g3: Blue helmets "
        "guarantees are backed only by pledges of troops to the UN mission"
    )
    assert g.why_not("fr", "fr offer g3 protection backing=t1") is None


def test_a_pledge_that_cannot_back_the_guarantee_its_seat_named_it_for_is_refused() -> None:
    g = _with_mission(guarantee_types=BLUE_HELMETS)
    g.apply("uk offer g1 air_policing backing=j1,f1")
    g.apply("fr back g1 f1")
    g.begin_orders()
    assert g.why_not("uk", "uk pledge j1 troops 1000 to coalition") == (
        "your guarantee g1 names j1: Air policing guarantees are backed only by pledges of "
        "jets to the coalition force"
    )
    assert g.why_not("fr", "fr pledge f1 troops 1000 to coalition") == (
        "you back g1 with f1: Air policing guarantees are backed only by pledges of "
        "jets to the coalition force"
    )
    assert g.why_not("uk", "uk pledge j1 jets 2 to coalition") is None
    assert g.why_not("fr", "fr pledge f1 jets 2 to coalition") is None
