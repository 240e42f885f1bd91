"""Refusals: every kind of order refused at entry, with a reason that says why.

Each case names the rule. The same sentence comes from `checks.check`, from
`Game.why_not`, and in the GameError that `Game.apply` raises; a refused order
leaves the game untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.engine.support import game, play
from wargame.engine import IllegalAction, act, can, check, parse_action, require
from wargame.engine.state import state_hash
from wargame.game import Game, GameError


@dataclass(frozen=True)
class Refusal:
    rule: str
    line: str
    reason: str
    """The reason, or its start when it ends with '…'."""
    setup: tuple[str, ...] = ()
    """Log lines played first (round 1 is resolved by a bare 'resolve' line)."""
    orders_phase: bool = True


RESOLVED = ("orders", *(f"{s} submit" for s in ("fr", "uk", "ua", "ru", "un")), "resolve")
"""Log lines that resolve a round with no orders."""

CASES = [
    # wrong seat
    Refusal("only council members vote", "ua vote pk yes",
            "only a Security Council member can vote; Ukraine is not one", ("fr table pk",)),
    Refusal("only council members table drafts", "ua table pk",
            "only a Security Council member can table a draft resolution; Ukraine is not one",
            orders_phase=False),
    Refusal("only the secretariat proposes concepts", 'fr propose c1 "Concept" substantive',
            "only the UN Secretariat proposes mission concepts", orders_phase=False),
    Refusal("only the host answers a guarantee", "fr accept g1",
            "only Ukraine answers a guarantee offered to it",
            ("uk offer g1 air_policing backing=j1",)),
    Refusal("only the parties answer peace terms", "uk accept t1",
            "only the parties accept or reject peace terms", ('fr terms t1 "Terms" tags=dmz',)),
    Refusal("only the secretariat mediates", "fr mediate", "only the UN Secretariat can mediate"),
    Refusal("unknown seat", "xx pass", "unknown seat 'xx' (known: fr, uk, ua, ru, un)"),
    # unaffordable
    Refusal("a seat cannot spend more PC than it has", "ua lobby cn pk yes",
            "Ukraine cannot afford this: it costs 2 PC and 0 PC is left",
            ("fr table pk", "orders", "ua lobby cn pk yes", "ua lobby us pk yes",
             "ua lobby dz pk yes", "ua lobby dk pk yes")),
    Refusal("tabling costs PC too", "fr table cf",
            "France cannot afford this: it costs 2 PC and 0 PC is left",
            ("fr table pk", 'fr table d1 "One" procedural', 'fr table d2 "Two" procedural',
             'fr table d3 "Three" procedural', 'fr table d4 "Four" procedural'),
            orders_phase=False),
    # unknown draft
    Refusal("votes go to a tabled draft", "fr vote pk yes",
            "unknown draft before the council 'pk' (known: none)"),
    Refusal("lobbying needs a tabled draft", "uk lobby cn zz yes",
            "unknown draft before the council 'zz' (known: pk)", ("fr table pk",)),
    Refusal("a prepared draft must exist", "fr table zz",
            "unknown prepared draft 'zz' (known: pk, cf); to write a new one give a title…",
            orders_phase=False),
    Refusal("amendments go to a tabled draft", 'uk amend zz a1 "A" add=dmz',
            "unknown draft before the council 'zz' (known: none)", orders_phase=False),
    Refusal("an amendment cannot remove a tag the draft lacks", 'uk amend pk a1 "A" remove=dmz',
            "'pk' does not carry 'dmz', so it cannot be removed", ("fr table pk",), False),
    Refusal("tags must be known", 'fr table d1 "Title" substantive tags=moon',
            "unknown tag 'moon' (known: un_peacekeeping, nato_troops, ceasefire, troop_ceiling…",
            orders_phase=False),
    Refusal("one vote per draft", "fr vote pk no",
            "you already have a vote on 'pk'; remove it first to change it",
            ("fr table pk", "orders", "fr vote pk yes")),
    Refusal("a vote on a draft already voted is refused", "fr vote pk yes",
            "unknown draft before the council 'pk' (known: none)", ("fr table pk", *RESOLVED)),
    # assets
    Refusal("a seat pledges only assets it has", "un pledge p1 troops 100 to coalition",
            "UN Secretariat has no Troops"),
    Refusal("pledges are of known assets", "fr pledge p1 tanks 3 to coalition",
            "unknown asset 'tanks' (known: troops, jets, air_defence)"),
    Refusal("a pledge cannot exceed the seat's holdings", "fr pledge p1 jets 3 to coalition",
            "France has 2 Jet squadrons uncommitted (2 held, 0 pledged), not 3"),
    Refusal("a pledge is of at least one unit", "fr pledge p1 jets 0 to coalition",
            "a pledge must be of at least 1 unit"),
    Refusal("pledges go to the coalition or a UN mission", "fr pledge p1 jets 1 to nato",
            "unknown pledge target 'nato' (known: coalition, un_mission)"),
    Refusal("a pledge condition must be valid", "fr pledge p1 jets 1 to coalition if zz > 1",
            "the condition 'zz > 1' is not valid: …"),
    Refusal("ids are not reused", "fr pledge pk jets 1 to coalition",
            "the id 'pk' is already in use; choose another", ("fr table pk",)),
    Refusal("only honoured pledges of the seat are withdrawn", "fr withdraw p9",
            "unknown honoured pledge of yours 'p9' (known: none)"),
    # too late / too early
    Refusal("items are tabled during negotiation", "fr table pk",
            "too late in the round: items are tabled during negotiation, before orders"),
    Refusal("red lines are declared during negotiation", 'ru redline r1 "No" tags=dmz',
            "too late in the round: items are tabled during negotiation, before orders"),
    Refusal("orders wait for the orders phase", "fr pass",
            "orders are entered in the orders phase, after negotiation", orders_phase=False),
    Refusal("a submitted seat enters no more orders", "fr pass",
            "fr has already submitted its orders for this round", ("orders", "fr submit")),
    # council practice
    Refusal("uniting for peace follows a veto", "uk uniting-for-peace pk",
            "Uniting for Peace follows a veto: unknown vetoed draft 'pk' (known: none)",
            ("fr table pk",), orders_phase=False),
    Refusal("a guarantee needs a type the scenario knows", "uk offer g1 nukes backing=j1",
            "unknown guarantee type 'nukes' (known: air_policing)", orders_phase=False),
    Refusal("consent is for drafts sent to the Assembly", "ua accept pk",
            "unknown guarantee or terms 'pk' (known: none)", ("fr table pk",)),
]  # fmt: skip


def _prepared(case: Refusal) -> Game:
    g = game()
    for line in case.setup:
        g.apply(line)
    if case.orders_phase and g.state.phase.value == "negotiation":
        g.apply("orders")
    return g


def _matches(reason: str | None, expected: str) -> bool:
    if reason is None:
        return False
    if expected.endswith("…"):
        return reason.startswith(expected[:-1])
    return reason == expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.rule.replace(" ", "_"))
def test_refusal_reason(case: Refusal) -> None:
    g = _prepared(case)
    seat = case.line.split()[0]
    reason = g.why_not(seat, case.line)
    assert _matches(reason, case.reason), reason
    before = (state_hash(g.state), list(g.log), list(g.events), dict(g.sealed))
    with pytest.raises(GameError) as raised:
        g.apply(case.line)
    assert reason is not None and reason in str(raised.value)
    assert (state_hash(g.state), g.log, g.events, g.sealed) == before


def test_check_can_and_require_agree() -> None:
    g = game()
    state = g.state
    ok, bad = parse_action("fr table pk"), parse_action("ua table pk")
    assert check(state, ok) is None and can(state, ok)
    require(state, ok)
    reason = check(state, bad)
    assert reason is not None and not can(state, bad)
    with pytest.raises(IllegalAction, match="only a Security Council member") as raised:
        require(state, bad)
    assert str(raised.value) == f"ua table pk: {reason}"
    # act refuses with the same error and leaves the state alone.
    with pytest.raises(IllegalAction):
        act(state, bad)
    assert state_hash(state) == state_hash(g.state)


def test_why_not_names_the_wrong_seat() -> None:
    g = game()
    assert g.why_not("uk", "fr table pk") == "this order is for fr, not uk"


def test_why_not_explains_syntax_errors() -> None:
    g = game()
    assert g.why_not("fr", "fr fly away") == "unknown order 'fly'"


def test_orders_entered_legally_but_outdated_are_refused_at_resolution_with_a_reason() -> None:
    g = game()
    play(g, {"fr": ["fr pledge p1 troops 1000 to coalition"]})
    g.apply("orders")
    g.apply("fr withdraw p1")
    g.apply('facilitator ruling pledge p1 dropped "the troops never left home"')
    events = play(g)
    refused = [e for e in events if e.kind.value == "refused"]
    assert len(refused) == 1 and refused[0].private_to == ("fr",)
    assert (refused[0].payload.order, refused[0].payload.reason) == (
        "fr withdraw p1",
        "unknown honoured pledge of yours 'p1' (known: none)",
    )
    assert g.state.seats["fr"].credibility == 50  # no withdrawal happened
