"""Bots play a seat from what that seat knows, and whole games with bots end."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from wargame.bots import (
    LEVELS,
    apply_lines,
    known_to,
    make_bot,
    play_bots,
    play_game,
    take_turn,
)
from wargame.bots.base import _load_levels
from wargame.engine import Phase
from wargame.engine.view import View
from wargame.game import Game
from wargame.scenario.models import Scenario
from wargame.scenario_files import load

from .hidden import reachable_strings, secrets_of_others

SHIPPED = ("flagship", "tutorial", "uniting")


@pytest.fixture(scope="module")
def flagship() -> Scenario:
    return load("flagship").scenario


def _with_private_holdings(scenario: Scenario, seat: str) -> Scenario:
    seats = [s.model_copy(update={"private_assets": s.id == seat}) for s in scenario.seats]
    return scenario.model_copy(update={"seats": seats})


def test_what_a_seat_knows_leaves_out_the_others_secrets(flagship: Scenario) -> None:
    flagship = _with_private_holdings(flagship, "ru")
    seen = known_to(flagship, "fr")
    mine = next(s for s in seen.seats if s.id == "fr")
    assert mine == next(s for s in flagship.seats if s.id == "fr")
    for seat in seen.seats:
        if seat.id == "fr":
            continue
        assert seat.briefing == "" and seat.bot is None
        assert not any(ob.secret for ob in seat.objectives)
        original = next(s for s in flagship.seats if s.id == seat.id)
        assert seat.assets == ({} if original.private_assets else original.assets)
    assert seen.injects == []
    # The scenario has secrets to hide, or this test proves nothing.
    assert secrets_of_others(flagship, "fr")
    assert next(s for s in seen.seats if s.id == "ru").assets == {}


_load_levels()  # every registered level is checked, not only those imported so far
assert {"random", "quick"} <= set(LEVELS)


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_a_bot_cannot_reach_another_seats_secrets(flagship: Scenario, level: str) -> None:
    for seat in (s.id for s in flagship.seats):
        bot = make_bot(level, flagship, seat, 5)
        leaked = secrets_of_others(flagship, seat) & set(reachable_strings(bot))
        assert not leaked, f"a {level} bot at {seat} can read {sorted(leaked)[:1]}"


def test_the_hidden_state_check_would_catch_a_leak(flagship: Scenario) -> None:
    class Cheat:
        seat = "fr"

        def __init__(self) -> None:
            self.scenario = flagship

        def decide(self, view: View) -> Sequence[str]:
            return []

    assert secrets_of_others(flagship, "fr") & set(reachable_strings(Cheat()))


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_after_a_game_the_bots_still_hold_no_secrets(flagship: Scenario, level: str) -> None:
    game = Game.start(flagship, 2)
    bots = {seat: make_bot(level, flagship, seat, 2) for seat in game.seats}
    play_bots(game, bots)
    assert game.state.phase is Phase.ENDED
    for seat, bot in bots.items():
        hidden = secrets_of_others(flagship, seat) - {i.text for i in flagship.injects}
        assert not hidden & set(reachable_strings(bot))


def test_a_bot_is_given_its_own_seats_view_only(flagship: Scenario) -> None:
    seen: list[View] = []

    class Spy:
        seat = "uk"

        def decide(self, view: View) -> Sequence[str]:
            seen.append(view)
            return ["uk pass"]

    game = Game.start(flagship, 1)
    game.begin_orders()
    expected = game.view_for("uk", objectives=False)
    turn = take_turn(game, "uk", Spy())
    assert seen == [expected] and expected.viewer == "uk" and expected.objectives == ()
    assert turn.accepted == ("uk pass",)
    assert turn.submitted and "uk" in game.submitted


def test_a_bot_gives_only_its_own_seats_actions(flagship: Scenario) -> None:
    game = Game.start(flagship, 1)
    game.begin_orders()
    turn = apply_lines(game, "uk", ["fr pass", "uk submit", "uk pass", "uk nonsense here"])
    assert turn.accepted == ("uk pass",)
    refused = dict(turn.refused)
    assert "not uk" in refused["fr pass"]
    assert "own seat" in refused["uk submit"]
    assert "uk nonsense here" in refused
    assert game.orders_of("fr") == ()
    assert turn.submitted


def test_an_unknown_level_is_refused_with_the_choices(flagship: Scenario) -> None:
    with pytest.raises(ValueError, match=r"unknown bot level 'clever': choose one of .*random"):
        make_bot("clever", flagship, "fr", 1)
    with pytest.raises(ValueError, match="not a seat"):
        make_bot("random", flagship, "xx", 1)


@pytest.mark.parametrize("name", SHIPPED)
def test_a_bot_game_of_every_shipped_scenario_ends(name: str) -> None:
    scenario = load(name).scenario
    levels = {s.id: "random" for s in scenario.seats}
    game = play_game(scenario, 4, levels)
    assert game.state.phase is Phase.ENDED and game.state.outcome is not None
    orders = [line for line in game.log if line.split()[0] in levels]
    assert len(orders) >= 5 * scenario.rounds


def test_bots_play_the_same_game_for_a_seed_and_on_after_a_resume(flagship: Scenario) -> None:
    levels = {s.id: "random" for s in flagship.seats}
    whole = play_game(flagship, 9, levels)
    assert play_game(flagship, 9, levels).log == whole.log
    assert play_game(flagship, 10, levels).log != whole.log
    # Stop after round 2 and the start of round 3's negotiation, as a save would.
    resolves = [i for i, line in enumerate(whole.log) if line == "resolve"]
    cut = resolves[1] + 3
    resumed = Game.start(flagship, 9, whole.log[:cut])
    assert play_game(flagship, 9, levels, game=resumed).log == whole.log
