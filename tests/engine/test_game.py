"""The Game: scenario + seed + an append-only log that the state always replays to."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from tests.engine.builders import scenario
from tests.engine.support import game, play, resolve, state_after
from wargame.engine import Event, EventKind, act, parse_action, state_hash
from wargame.engine.events import Rewound
from wargame.engine.state import Phase
from wargame.game import Game, GameError

ROUND_1 = {
    "fr": ["fr vote pk yes", "fr pledge p1 troops 5000 to coalition if uk.pledged.jets >= 2"],
    "uk": ["uk pledge j1 jets 2 to coalition if fr.pledged.troops >= 5000", "uk lobby cn pk yes"],
    "ru": ["ru vote pk no"],
}


def _played(seed: int = 3) -> Game:
    g = game(seed=seed)
    play(g, ROUND_1, public=["fr table pk"])
    play(g, {"ua": ["ua accept g1"]}, public=["uk offer g1 air_policing backing=j1"])
    return g


def test_log_replays_to_the_same_game() -> None:
    g = _played()
    again = Game.start(scenario(), 3, g.log)
    assert again.state == g.state and state_hash(again.state) == state_hash(g.state)
    assert again.events == g.events
    assert again.round_hashes == g.round_hashes and len(g.round_hashes) == 2


def test_the_log_is_the_lines_the_game_accepted() -> None:
    g = game()
    g.apply("fr table pk")
    with pytest.raises(GameError):
        g.apply("ua table cf")
    g.apply("orders")
    g.apply("  fr vote pk yes ")
    assert g.log == ["fr table pk", "orders", "fr vote pk yes"]


def test_a_bad_log_line_is_reported_with_its_number() -> None:
    with pytest.raises(GameError, match=r"log line 2: .*only a Security Council member"):
        Game.start(scenario(), 1, ["fr table pk", "ua table cf"])
    with pytest.raises(GameError, match=r"log line 1: 'fr fly': unknown order 'fly'"):
        Game.start(scenario(), 1, ["fr fly"])


def test_resolution_waits_for_every_seat() -> None:
    g = game()
    g.apply("orders")
    g.apply("fr submit")
    with pytest.raises(GameError, match="still waiting for orders from: uk, ua, ru, un"):
        g.apply("resolve")
    with pytest.raises(GameError, match="fr has already submitted"):
        g.apply("fr submit")


def test_a_seat_retracts_a_pending_order_before_submitting() -> None:
    g = game()
    g.apply("fr table pk")
    g.apply("orders")
    g.apply("ru vote pk no")
    g.apply("ru retract 1")
    assert g.orders_of("ru") == ()
    g.apply("ru vote pk yes")
    g.apply("ru submit")
    with pytest.raises(GameError, match="ru has already submitted its orders"):
        g.apply("ru retract 1")
    with pytest.raises(GameError, match="fr has no order number 1"):
        g.apply("fr retract 1")


def test_rewind_returns_to_the_start_of_a_round_and_replays() -> None:
    g = _played()
    at_round_2 = Game.start(scenario(), 3, g.log[: g.log.index("resolve") + 1])
    g.apply('facilitator rewind 2 "replay the guarantee round"')
    assert g.state == at_round_2.state
    assert g.round_hashes == at_round_2.round_hashes
    assert g.events[-1].payload == Rewound(2, "replay the guarantee round")
    # The log keeps everything, the rewind included: replaying it gives the same game.
    again = Game.start(scenario(), 3, g.log)
    assert again.state == g.state and again.events == g.events
    with pytest.raises(GameError, match="cannot rewind to round 5"):
        g.apply('facilitator rewind 5 "future"')


LOBBIES = {"uk": [f"uk lobby {m} pk yes" for m in ("cn", "us", "dz", "dk")]}
"""Four lobbying orders: four rolls the whole table sees in the news."""


def _rolls(events: list[Event]) -> list[int]:
    return [e.payload.roll for e in events if getattr(e.payload, "roll", None) is not None]


def test_a_rewind_draws_new_rolls_and_the_log_replays_them_exactly() -> None:
    incident = {"id": "f", "text": "Incident", "chance": "100", "effects": ["tension += 1"]}
    g = game(seed=11, friction=[incident], costs={"lobby": 0})
    first = _rolls(play(g, LOBBIES, public=["fr table pk"]))
    assert len(first) == 5  # four lobbies and the friction
    g.apply('facilitator rewind 1 "again"')
    second = _rolls(play(g, LOBBIES, public=["fr table pk"]))
    # The table saw the first rolls: after the rewind the same orders meet new dice.
    assert len(second) == 5 and second != first
    g.apply('facilitator rewind 1 "and again"')
    third = _rolls(play(g, LOBBIES, public=["fr table pk"]))
    assert third not in (first, second)
    # Replaying the log draws exactly what the game drew.
    again = Game.start(g.rules, 11, g.log)
    assert again.events == g.events and state_hash(again.state) == state_hash(g.state)


def test_orders_are_sealed_until_resolution() -> None:
    g = game()
    g.apply("fr table pk")
    g.apply("orders")
    events = g.apply("ru vote pk no")
    assert events == []
    assert g.state.draft("pk").votes == ()  # type: ignore[union-attr]
    assert all(e.kind is not EventKind.VOTE for e in g.events)


def test_resolution_does_not_touch_the_state_it_started_from() -> None:
    state = state_after(["fr table pk", "uk offer g1 air_policing backing=j1"])
    frozen = copy.deepcopy(state, memo={id(state.rules): state.rules})
    digest = state_hash(state)
    after, _ = resolve(state, {**ROUND_1, "ua": ["ua accept g1"]}, seed=5)
    assert state == frozen and state_hash(state) == digest
    assert after != state
    # Acting on a state leaves it alone too.
    new, _ = act(after, parse_action('facilitator adjust tension +5 "x"'))
    assert after.tracks["tension"] + 5 == new.tracks["tension"]


def test_state_hash_ignores_the_compiled_rules_object() -> None:
    a = state_after(["fr table pk"])
    b = state_after(["fr table pk"])
    assert a.rules is not b.rules
    assert a == b and state_hash(a) == state_hash(b)
    assert state_hash(a) != state_hash(state_after(["uk table pk"]))


def test_state_hash_covers_the_seed_and_every_value() -> None:
    state = state_after(["fr table pk"])
    assert state_hash(state, 1) != state_hash(state, 2) != state_hash(state)
    # A copy (new records, nothing remembered) digests the same; a change does not.
    twin = copy.deepcopy(state, memo={id(state.rules): state.rules})
    assert state_hash(twin, 1) == state_hash(state, 1)
    draft = state.drafts[0]
    moved = replace(state, drafts=(replace(draft, tags=(*draft.tags, "x")),))
    assert state_hash(moved, 1) != state_hash(state, 1)
    seats = {**state.seats, "fr": replace(state.seats["fr"], pc=state.seats["fr"].pc + 1)}
    assert state_hash(replace(state, seats=seats), 1) != state_hash(state, 1)


def test_a_game_records_each_round_hash_with_its_seed() -> None:
    g = game(seed=3)
    play(g, {"fr": ["fr pass"]}, public=["fr table pk"])
    assert g.round_hashes == [state_hash(g.round_states[0], 3)]
    assert Game.start(g.rules, 4, g.log).round_hashes != g.round_hashes


def test_resolution_needs_the_orders_phase() -> None:
    g = game()
    with pytest.raises(GameError, match="resolution follows the orders phase"):
        g.apply("resolve")
    with pytest.raises(GameError, match="orders are submitted in the orders phase"):
        g.apply("fr submit")
    g.apply("orders")
    with pytest.raises(GameError, match="the orders phase can only follow negotiation"):
        g.apply("orders")
    assert g.state.phase is Phase.ORDERS


def test_rewind_reason_is_read_like_any_quoted_text() -> None:
    g = Game.start(scenario(), 1)
    events = g.apply('facilitator rewind 1 "back to \\"start\\""')
    assert events[-1].payload == Rewound(1, 'back to "start"')


def test_a_line_allowed_by_why_not_is_checked_again_once_the_game_moved() -> None:
    # A verdict of why_not is not a pass: entering the line checks it against the game as
    # it is then (the state, the seat's sealed orders, its submission).
    g = game()
    assert g.why_not("fr", "fr table pk") is None
    g.apply("uk table pk")  # another seat moves the board meanwhile
    with pytest.raises(GameError, match="already before the council"):
        g.apply("fr table pk")
    g.begin_orders()
    assert g.why_not("fr", "fr pledge p1 troops 5000 to coalition") is None
    g.apply("fr pledge p2 troops 8000 to coalition")  # the seat's own sealed orders grew
    with pytest.raises(GameError, match="2000 Troops uncommitted"):
        g.apply("fr pledge p1 troops 5000 to coalition")
    assert g.why_not("fr", "fr pledge p1 troops 2000 to coalition") is None
    g.submit("fr")  # and once submitted, no more orders
    with pytest.raises(GameError, match="already submitted"):
        g.apply("fr pledge p1 troops 2000 to coalition")


def test_a_line_allowed_by_why_not_and_entered_at_once_gives_the_same_game() -> None:
    checked, trusted = game(), game()
    for line in ("fr table pk", "uk table cf"):
        assert trusted.why_not(line.split()[0], line) is None
        trusted.apply(line)
        checked.apply(line)
    assert trusted.log == checked.log and trusted.events == checked.events
    assert state_hash(trusted.state) == state_hash(checked.state)
