"""Pledges: conditional pledges resolved to the greatest fixpoint, withdrawals."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.support import game, one, payloads, play
from wargame.engine import EventKind
from wargame.engine.evaluation import Evaluator
from wargame.engine.events import (
    Drop,
    DropReason,
    OrderRefused,
    PledgeHonoured,
    PledgeWithdrawn,
)
from wargame.engine.pledges import Fixpoint, resolve_pledges
from wargame.engine.state import Pledge, PledgeStatus
from wargame.game import Game

MUTUAL = {
    "fr": ["fr pledge fr1 troops 5000 to coalition if uk.pledged.jets >= 2"],
    "uk": ["uk pledge uk1 jets 2 to coalition if fr.pledged.troops >= 5000"],
}


def statuses(g: Game, *ids: str) -> list[PledgeStatus]:
    out = []
    for pid in ids:
        p = g.state.pledge(pid)
        assert p is not None, pid
        out.append(p.status)
    return out


def test_conditional_pledges_mutual_both_hold() -> None:
    g = game()
    events = play(g, MUTUAL)
    assert statuses(g, "fr1", "uk1") == [PledgeStatus.HONOURED] * 2
    assert payloads(events, EventKind.PLEDGE_HONOURED) == [
        PledgeHonoured("fr", "fr1", "troops", 5000, "coalition", "uk.pledged.jets >= 2"),
        PledgeHonoured("uk", "uk1", "jets", 2, "coalition", "fr.pledged.troops >= 5000"),
    ]
    assert g.state.committed("fr", "troops") == 5000


def test_mutual_pledge_fails_when_its_partner_asks_for_more() -> None:
    g = game()
    play(
        g,
        {
            "fr": ["fr pledge fr1 troops 5000 to coalition if uk.pledged.jets >= 3"],
            "uk": ["uk pledge uk1 jets 2 to coalition if fr.pledged.troops >= 5000"],
        },
    )
    assert statuses(g, "fr1", "uk1") == [PledgeStatus.DROPPED] * 2


def test_conditional_chain_collapses_with_the_reason_of_each_drop() -> None:
    # a needs b, b needs c, c needs a Russian pledge that never comes.
    g = game()
    events = play(
        g,
        {
            "fr": ["fr pledge a troops 5000 to coalition if uk.pledged.jets >= 2"],
            "uk": ["uk pledge b jets 2 to coalition if ua.pledged.troops >= 1000"],
            "ua": ["ua pledge c troops 1000 to coalition if ru.pledged.troops >= 1"],
        },
    )
    assert statuses(g, "a", "b", "c") == [PledgeStatus.DROPPED] * 3
    assert [(p.pledge, p.released, p.drop) for p in payloads(events, EventKind.PLEDGE_DROPPED)] == [
        ("a", False, Drop(DropReason.CONDITION_NOT_MET, "uk.pledged.jets >= 2")),
        ("b", False, Drop(DropReason.CONDITION_NOT_MET, "ua.pledged.troops >= 1000")),
        ("c", False, Drop(DropReason.CONDITION_NOT_MET, "ru.pledged.troops >= 1")),
    ]
    assert g.state.pledge("a").reason == "its condition is not met: uk.pledged.jets >= 2"  # type: ignore[union-attr]


def test_chain_collapses_link_by_link() -> None:
    chain = [
        Pledge("a", "fr", "troops", 1, "coalition", 1, "needs b"),
        Pledge("b", "uk", "jets", 1, "coalition", 1, "needs c"),
        Pledge("c", "ua", "troops", 1, "coalition", 1, "never"),
    ]
    needs = {"a": "b", "b": "c"}
    result = resolve_pledges(
        chain,
        holdings=lambda seat, asset: 100,
        condition_holds=lambda p, assumed: p.id in needs and needs[p.id] in assumed,
        target_exists=lambda t: True,
    )
    assert result.honoured == frozenset()
    assert set(result.dropped) == {"a", "b", "c"}
    assert result.passes == 4  # c, then b, then a, then a pass that changes nothing


def test_pledge_conditional_on_an_adopted_draft_holds_when_adopted() -> None:
    g = game()
    events = play(
        g,
        {
            "fr": ["fr vote pk yes", 'fr pledge m1 troops 4000 to un_mission if adopted("pk")'],
            "ru": ["ru vote pk abstain"],
        },
        public=["fr table pk"],
    )
    assert statuses(g, "m1") == [PledgeStatus.HONOURED]
    # Council votes (step 4) come before pledges (step 5).
    kinds = [e.kind for e in events]
    assert kinds.index(EventKind.VOTE) < kinds.index(EventKind.PLEDGE_HONOURED)


def test_pledge_conditional_on_an_adopted_draft_drops_when_vetoed() -> None:
    g = game()
    events = play(
        g,
        {
            "fr": ['fr pledge m1 troops 4000 to coalition if adopted("pk")'],
            "ru": ["ru vote pk no"],
        },
        public=["fr table pk"],
    )
    assert statuses(g, "m1") == [PledgeStatus.DROPPED]
    assert one(events, EventKind.PLEDGE_DROPPED, "m1").payload.drop == Drop(
        DropReason.CONDITION_NOT_MET, condition='adopted("pk")'
    )


def _fixpoint(
    pledges: list[Pledge],
    held: dict[tuple[str, str], int],
    needs: Callable[[frozenset[str], str], bool] = lambda assumed, pid: True,
) -> Fixpoint:
    """Resolve pure pledges: `needs(assumed, id)` is each conditional pledge's condition."""
    return resolve_pledges(
        pledges,
        holdings=lambda seat, asset: held.get((seat, asset), 0),
        condition_holds=lambda p, assumed: needs(assumed, p.id),
        target_exists=lambda target: target == "coalition",
    )


def test_pledge_the_seat_cannot_cover_drops() -> None:
    result = _fixpoint(
        [Pledge("p1", "fr", "troops", 5000, "coalition", 1)], {("fr", "troops"): 3000}
    )
    assert result.honoured == frozenset()
    assert result.dropped["p1"] == Drop(DropReason.CANNOT_COVER, pledged=5000, held=3000)


def test_earlier_pledges_are_covered_first() -> None:
    result = _fixpoint(
        [
            Pledge("p1", "fr", "troops", 4000, "coalition", 1),
            Pledge("p2", "fr", "troops", 4000, "coalition", 1),
        ],
        {("fr", "troops"): 6000},
    )
    assert result.honoured == {"p1"}
    assert result.dropped["p2"] == Drop(DropReason.CANNOT_COVER, pledged=8000, held=6000)


def test_pledge_dropped_for_cover_is_taken_back_when_the_crowding_pledges_fall() -> None:
    # b is crowded out by a, then a falls with its condition: b fits after all.
    pledges = [
        Pledge("a", "fr", "troops", 6000, "coalition", 1, "uk.pledged.jets >= 2"),
        Pledge("b", "fr", "troops", 4000, "coalition", 1),
        Pledge("j", "uk", "jets", 2, "coalition", 1, "fr.pledged.troops >= 10000"),
    ]
    amounts = {p.id: p.amount for p in pledges if p.seat == "fr"}

    def needs(assumed: frozenset[str], pid: str) -> bool:
        if pid == "a":
            return "j" in assumed
        return sum(amounts[x] for x in assumed if x in amounts) >= 10000

    result = _fixpoint(pledges, {("fr", "troops"): 9000, ("uk", "jets"): 4}, needs)
    assert result.honoured == {"b"}
    assert set(result.dropped) == {"a", "j"}


def test_orders_are_checked_again_at_resolution() -> None:
    # The facilitator takes troops away after France entered its pledge.
    g = game()
    g.begin_orders()
    g.apply("fr pledge p1 troops 5000 to coalition")
    g.apply('facilitator event "Losses" "fr.assets.troops -= 7000" "a depot is hit"')
    events = play(g)
    refused = one(events, EventKind.REFUSED)
    assert refused.private_to == ("fr",)
    assert refused.payload == OrderRefused(
        "fr",
        "fr pledge p1 troops 5000 to coalition",
        "France has 3000 Troops uncommitted (3000 held, 0 pledged), not 5000",
    )
    assert g.state.pledge("p1") is None


def test_pledge_to_un_mission_without_a_mission_is_refused_at_entry() -> None:
    g = game()
    g.begin_orders()
    assert g.why_not("fr", "fr pledge m1 troops 1000 to un_mission") == (
        "there is no UN mission, and no mission draft is before the council"
    )


def test_pledge_to_un_mission_drops_when_the_mission_draft_is_vetoed() -> None:
    g = game()
    events = play(
        g,
        {"fr": ["fr pledge m1 troops 1000 to un_mission"], "ru": ["ru vote pk no"]},
        public=["fr table pk"],
    )
    assert statuses(g, "m1") == [PledgeStatus.DROPPED]
    assert one(events, EventKind.PLEDGE_DROPPED).payload.drop == Drop(DropReason.NO_TARGET)


def test_pledge_to_un_mission_holds_once_the_mission_exists() -> None:
    g = game()
    play(g, {"fr": ["fr pledge m1 troops 1000 to un_mission"]}, public=["fr table pk"])
    assert g.state.mission is not None
    assert statuses(g, "m1") == [PledgeStatus.HONOURED]


def test_standing_pledge_is_released_when_its_condition_becomes_false() -> None:
    g = game()
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition if tension <= 50"]})
    assert statuses(g, "p1") == [PledgeStatus.HONOURED]
    play(g, {}, public=['facilitator adjust tension +10 "shelling near the line"'])
    assert statuses(g, "p1") == [PledgeStatus.DROPPED]
    released = payloads(g.events, EventKind.PLEDGE_DROPPED)[-1]
    assert (released.pledge, released.released, released.drop) == (
        "p1",
        True,
        Drop(DropReason.CONDITION_NOT_MET, "tension <= 50"),
    )
    assert g.state.committed("fr", "troops") == 0


def test_honoured_pledges_stay_honoured_without_new_events() -> None:
    g = game()
    play(g, MUTUAL)
    events = play(g, {})
    assert statuses(g, "fr1", "uk1") == [PledgeStatus.HONOURED] * 2
    assert payloads(events, EventKind.PLEDGE_HONOURED) == []


def test_self_supporting_pledge_holds_at_the_greatest_fixpoint() -> None:
    g = game()
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition if fr.pledged.troops >= 5000"]})
    assert statuses(g, "p1") == [PledgeStatus.HONOURED]


def test_pledge_ids_are_unique_across_seats() -> None:
    g = game()
    events = play(
        g,
        {
            "fr": ["fr pledge p1 troops 5000 to coalition"],
            "uk": ["uk pledge p1 jets 2 to coalition"],
        },
    )
    p1 = g.state.pledge("p1")
    assert p1 is not None and (p1.seat, p1.asset, p1.amount) == ("fr", "troops", 5000)
    assert [p.id for p in g.state.pledges] == ["p1"]
    refused = one(events, EventKind.REFUSED)
    assert refused.private_to == ("uk",)
    assert "already uses the id 'p1'" in refused.payload.reason
    assert g.state.seats["uk"].pc == 10 + 3  # not charged for the refused pledge


def test_pledging_more_than_uncommitted_is_refused() -> None:
    g = game()
    play(g, {"fr": ["fr pledge p1 troops 6000 to coalition"]})
    g.begin_orders()
    assert g.why_not("fr", "fr pledge p2 troops 5000 to coalition") == (
        "France has 4000 Troops uncommitted (10000 held, 6000 pledged), not 5000"
    )
    g.apply("fr pledge p2 troops 3000 to coalition")
    assert "1000 Troops uncommitted" in (
        g.why_not("fr", "fr pledge p3 troops 2000 to coalition") or ""
    )


def test_withdrawal_costs_credibility() -> None:
    g = game()
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition"]})
    pc, cred = g.state.seats["fr"].pc, g.state.seats["fr"].credibility
    events = play(g, {"fr": ["fr withdraw p1"]})
    assert statuses(g, "p1") == [PledgeStatus.WITHDRAWN]
    assert g.state.seats["fr"].credibility == cred - 10
    assert g.state.seats["fr"].pc == pc - 1 + 3  # withdraw costs 1, income 3
    assert one(events, EventKind.WITHDRAWAL).payload == PledgeWithdrawn(
        "fr", "p1", "troops", 5000, "coalition", credibility_loss=10
    )
    assert g.state.committed("fr", "troops") == 0
    # The troops are free to pledge again.
    g.begin_orders()
    assert g.why_not("fr", "fr pledge p2 troops 10000 to coalition") is None


def test_only_the_pledging_seat_withdraws_an_honoured_pledge() -> None:
    g = game()
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition if uk.pledged.jets >= 9"]})
    g.begin_orders()
    assert (g.why_not("uk", "uk withdraw p1") or "").startswith(
        "unknown honoured pledge of yours 'p1'"
    )
    # A dropped pledge cannot be withdrawn either.
    assert (g.why_not("fr", "fr withdraw p1") or "").startswith("unknown honoured pledge")


def test_a_dropped_pledge_stays_dropped() -> None:
    g = game()
    play(g, {"fr": ["fr pledge p1 troops 5000 to coalition if uk.pledged.jets >= 2"]})
    assert statuses(g, "p1") == [PledgeStatus.DROPPED]
    play(g, {"uk": ["uk pledge u1 jets 2 to coalition"]})
    assert statuses(g, "p1", "u1") == [PledgeStatus.DROPPED, PledgeStatus.HONOURED]


# -- the fixpoint, as a property -------------------------------------------------

SEATS = ("fr", "uk", "ua")


@st.composite
def pledge_sets(draw: st.DrawFn) -> tuple[list[Pledge], dict[str, frozenset[str]], dict[str, int]]:
    """Up to 7 pledges, each needing a set of others; holdings per seat."""
    n = draw(st.integers(1, 7))
    ids = [f"p{i}" for i in range(n)]
    pledges = []
    needs: dict[str, frozenset[str]] = {}
    for pid in ids:
        seat = draw(st.sampled_from(SEATS))
        needs[pid] = frozenset(draw(st.lists(st.sampled_from(ids), max_size=2)))
        amount = draw(st.integers(1, 5))
        pledges.append(
            Pledge(pid, seat, "troops", amount, "coalition", 1, "c" if needs[pid] else None)
        )
    holdings = {s: draw(st.integers(0, 12)) for s in SEATS}
    return pledges, needs, holdings


def _resolve(
    pledges: list[Pledge], needs: dict[str, frozenset[str]], holdings: dict[str, int]
) -> tuple[frozenset[str], dict[str, str]]:
    holds: Callable[[Pledge, frozenset[str]], bool] = lambda p, assumed: needs[p.id] <= assumed  # noqa: E731
    result = resolve_pledges(
        pledges,
        holdings=lambda seat, asset: holdings[seat],
        condition_holds=holds,
        target_exists=lambda t: True,
    )
    return result.honoured, result.dropped


def _consistent(
    chosen: frozenset[str],
    pledges: list[Pledge],
    needs: dict[str, frozenset[str]],
    holdings: dict[str, int],
) -> bool:
    used = {s: 0 for s in SEATS}
    for p in pledges:
        if p.id in chosen:
            used[p.seat] += p.amount
    return all(needs[pid] <= chosen for pid in chosen) and all(
        used[s] <= holdings[s] for s in SEATS
    )


@given(pledge_sets())
def test_fixpoint_is_consistent_and_explains_every_drop(
    case: tuple[list[Pledge], dict[str, frozenset[str]], dict[str, int]],
) -> None:
    pledges, needs, holdings = case
    honoured, dropped = _resolve(pledges, needs, holdings)
    ids = {p.id for p in pledges}
    assert honoured | set(dropped) == ids and not honoured & set(dropped)
    assert all(reason for reason in dropped.values())
    # Every honoured pledge's condition holds under the final assumption; the seats cover them.
    assert _consistent(honoured, pledges, needs, holdings)
    # Same input, same answer.
    assert _resolve(pledges, needs, holdings) == (honoured, dropped)


@given(pledge_sets())
def test_with_ample_assets_the_fixpoint_is_the_greatest(
    case: tuple[list[Pledge], dict[str, frozenset[str]], dict[str, int]],
) -> None:
    pledges, needs, _ = case
    ample = dict.fromkeys(SEATS, 1000)
    honoured, _ = _resolve(pledges, needs, ample)
    ids = [p.id for p in pledges]
    for size in range(len(ids), -1, -1):
        best = [
            frozenset(c)
            for c in itertools.combinations(ids, size)
            if _consistent(frozenset(c), pledges, needs, ample)
        ]
        if best:
            break
    # Conditions here are monotone: the consistent sets are closed under union,
    # so the largest one is unique and is the greatest fixpoint.
    assert best == [honoured]


# -- conditions may only ask for more of the pledges (monotone) -----------------------


def test_a_condition_that_asks_for_less_of_the_pledges_is_refused() -> None:
    # Resolved together, "France pledges if the UK does NOT" could be dropped "because its
    # condition is not met" by the very result in which the UK's pledge fell and it was met.
    g = game()
    g.begin_orders()
    why = (
        "conditions on other pledges must only ask for more, e.g. uk.pledged.jets >= 2 "
        "(pledges are resolved together, and a condition that asks for less, with not, ==, "
        "!=, < or leads(), could be met by the very result that drops its pledge)"
    )
    for condition in (
        "not uk.pledged.jets >= 2",
        "uk.pledged.jets == 0",
        "uk.pledged.jets < 2",
        'force("coalition", "troops") != 5000',
        'leads("fr", "coalition")',
        'not in_force("nato_troops")',
        "uk.pledged.jets >= 2 and 10 - fr.pledged.jets > 5",
    ):
        line = f"fr pledge p1 troops 5000 to coalition if {condition}"
        assert g.why_not("fr", line) == f"the condition {condition!r} is refused: {why}", line
    for condition in (
        "uk.pledged.jets >= 2",
        'uk.pledged.jets * 2 + force("coalition", "troops") / 1000 > 3 or contributors("coalition") >= 2',
        'not adopted("pk") and tension < 60',
        "min(uk.pledged.jets, ua.pledged.troops) >= 1",
    ):
        line = f"fr pledge p1 troops 5000 to coalition if {condition}"
        assert g.why_not("fr", line) is None, line


PLEDGERS = ("fr", "uk", "ua", "ru")
_RISING = [
    "{s}.pledged.troops >= {k}",
    "{s}.pledged.troops > {k}",
    'force("coalition", "troops") >= {k}',
    'contributors("coalition") >= {n}',
    'force_pct("coalition") >= {n}0',
]
_FALLING_OR_EITHER = [
    "{s}.pledged.troops == {k}",
    "{s}.pledged.troops < {k}",
    'contributors("coalition") != {n}',
    'leads("{s}", "coalition")',
    "not {s}.pledged.troops >= {k}",
]


@st.composite
def _atom(draw: st.DrawFn, shapes: list[str]) -> str:
    return draw(st.sampled_from(shapes)).format(
        s=draw(st.sampled_from(PLEDGERS)),
        k=draw(st.sampled_from([0, 100, 500, 1000, 1500])),
        n=draw(st.integers(0, 4)),
    )


@st.composite
def _condition(draw: st.DrawFn, monotone: bool) -> str:
    atoms = [draw(_atom(_RISING)) for _ in range(draw(st.integers(1, 3)))]
    if not monotone:
        atoms[draw(st.integers(0, len(atoms) - 1))] = draw(_atom(_FALLING_OR_EITHER))
    text = atoms[0]
    for atom in atoms[1:]:
        text = f"({text}) {draw(st.sampled_from(['and', 'or']))} {atom}"
    return text


@st.composite
def _pledge_lines(draw: st.DrawFn) -> list[tuple[str, str, bool]]:
    """(seat, line, monotone) for up to 6 pledges of troops to the coalition."""
    out = []
    for i in range(draw(st.integers(1, 6))):
        seat = draw(st.sampled_from(PLEDGERS))
        amount = draw(st.sampled_from([100, 500, 1000]))
        kind = draw(st.sampled_from(["none", "monotone", "monotone", "other"]))
        cond = "" if kind == "none" else f" if {draw(_condition(kind == 'monotone'))}"
        out.append(
            (seat, f"{seat} pledge p{i} troops {amount} to coalition{cond}", kind != "other")
        )
    return out


@given(_pledge_lines())
def test_monotone_conditions_resolve_to_the_greatest_fixpoint_and_others_are_refused(
    lines: list[tuple[str, str, bool]],
) -> None:
    g = game()
    g.begin_orders()
    orders: dict[str, list[str]] = {}
    for seat, line, monotone in lines:
        assert (g.why_not(seat, line) is None) == monotone, line
        if monotone:
            g.apply(line)
            orders.setdefault(seat, []).append(line)
    for seat in g.seats:
        g.submit(seat)
    g.resolve()
    state = g.state
    ours = list(state.pledges)
    honoured = frozenset(p.id for p in ours if p.status is PledgeStatus.HONOURED)

    def supported(assumed: frozenset[str]) -> bool:
        """Every pledge assumed to hold has its condition true under that assumption."""
        ev = Evaluator(state, honoured=assumed)
        return all(
            p.condition is None or ev.evaluate(state.rules.order_condition(p.condition, ()))
            for p in ours
            if p.id in assumed
        )

    assert supported(honoured)  # no pledge holds against its own condition
    ids = [p.id for p in ours]
    for size in range(len(ids) + 1):
        for subset in itertools.combinations(ids, size):
            if supported(frozenset(subset)):
                assert set(subset) <= honoured, (subset, honoured)  # and it is the greatest


# --- whose pledge id ------------------------------------------------------------------


def test_a_pledge_id_starting_with_another_seats_id_is_refused_at_entry() -> None:
    """Pledges are sealed: without this, Russia could pledge `uk1` first in seat order
    and have the UK's own `uk1` refused at resolution."""
    g = game()
    g.begin_orders()
    assert g.why_not("ru", "ru pledge uk1 troops 1000 to coalition") == (
        "pledge ids starting with 'uk' are United Kingdom's; use one starting with 'ru'"
    )
    assert g.why_not("uk", "uk pledge uk1 jets 2 to coalition") is None
    assert g.why_not("ru", "ru pledge ru1 troops 1000 to coalition") is None


def test_an_id_of_no_seat_chosen_by_two_seats_goes_to_the_first_in_seat_order() -> None:
    g = game()
    events = play(
        g,
        {
            "fr": ["fr pledge p1 troops 1000 to coalition"],
            "uk": ["uk pledge p1 jets 2 to coalition"],
        },
    )
    refused = one(events, EventKind.REFUSED)
    assert refused.private_to == ("uk",)
    assert refused.payload == OrderRefused(
        "uk",
        "uk pledge p1 jets 2 to coalition",
        "another seat's pledge this round already uses the id 'p1'",
    )
    pledge = g.state.pledge("p1")
    assert pledge is not None and pledge.seat == "fr"


def test_a_condition_on_tags_in_force_is_read_after_a_pledge_dropped() -> None:
    # Once a pledge drops, the fixpoint's assumption is a plain set (frozenset minus the
    # failing dict's keys): the tags in force and the pledge sums under it must still be
    # worked out (the evaluator's caches once choked on an unhashable set here).
    g = game()
    play(
        g,
        {
            "fr": ["fr pledge a troops 5000 to coalition if uk.pledged.jets >= 3"],
            "uk": ['uk pledge b jets 2 to coalition if in_force("air_policing") or tension >= 0'],
        },
    )
    assert statuses(g, "a", "b") == [PledgeStatus.DROPPED, PledgeStatus.HONOURED]
