"""Properties of random legal games, explored by a hypothesis state machine.

The machine enters plausible order lines (`strategies.order_lines`), legal or
not: it asks `game.why_not` first, and checks that the game then accepts
exactly the lines it said were legal, and that a refused line changes nothing;
every line accepted from a seat is one of the verbs the grammar offers that seat.
After each resolution it checks the invariants; at the end of each run it
replays the log and expects the very same game.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.engine.strategies import game_scenario, order_lines
from wargame.engine import EventKind, Rules, state_hash
from wargame.engine.evaluation import Evaluator
from wargame.engine.grammar import verb_of
from wargame.engine.narrate import render
from wargame.engine.orders import parse_line
from wargame.engine.state import GameState, Phase, PledgeStatus
from wargame.game import Game, GameError
from wargame.scenario_files import load, shipped

SCENARIO = game_scenario()
RULES = Rules(SCENARIO)


def _frozen_copy(state: GameState) -> GameState:
    """A deep copy of the state sharing only the (immutable) compiled scenario."""
    return copy.deepcopy(state, memo={id(state.rules): state.rules})


def _mutable_parts(state: GameState) -> Any:
    """Copies of the only mutable containers in a (frozen) state."""
    return (
        dict(state.tracks),
        {s: (v.pc, v.credibility, dict(v.assets)) for s, v in state.seats.items()},
    )


def _asset_changes(events: list[Any], seat: str, asset: str, start: int) -> int:
    """The asset's value after the events, checking each reported change follows on."""
    value = start
    for e in events:
        for change in getattr(e.payload, "changes", ()):
            if change.target == f"{seat}.assets.{asset}":
                assert change.before == value, (e.payload, value)
                value = change.after
    return value


def _check_assets_follow_the_news(before: GameState, after: GameState, events: list[Any]) -> None:
    """Assets change only by scenario effects, each reported in the news."""
    for seat, held in before.seats.items():
        for asset, start in held.assets.items():
            assert after.seats[seat].assets[asset] == _asset_changes(events, seat, asset, start)


def check_invariants(state: GameState) -> None:
    """What must hold of every state a game passes through."""
    for track in state.scenario.tracks:
        assert track.min <= state.tracks[track.id] <= track.max, (track.id, state.tracks)
    for seat, s in state.seats.items():
        assert s.pc >= 0, (seat, s.pc)
        assert 0 <= s.credibility <= 100, (seat, s.credibility)
        for asset, held in s.assets.items():
            assert held >= 0, (seat, asset, held)
            assert state.committed(seat, asset) <= held, (seat, asset, held)


class GameMachine(RuleBasedStateMachine):
    """A game driven by random lines, some legal, some not."""

    compiled = RULES
    """The compiled scenario played (subclasses play others)."""

    def __init__(self) -> None:
        super().__init__()
        self.game: Game | None = None
        self.seed = 0

    @initialize(seed=st.integers(0, 2**32 - 1))
    def start(self, seed: int) -> None:
        self.seed = seed
        self.game = Game.start(self.compiled, seed)

    @property
    def g(self) -> Game:
        assert self.game is not None
        return self.game

    @precondition(lambda self: self.game is not None and self.game.state.phase is not Phase.ENDED)
    @rule(data=st.data())
    def enter_lines(self, data: st.DataObject) -> None:
        for _ in range(data.draw(st.integers(1, 12), label="lines")):
            self._enter(order_lines(data.draw, self.g))

    @precondition(lambda self: self.game is not None and self.game.state.phase is not Phase.ENDED)
    @rule(data=st.data())
    def enter_more_lines(self, data: st.DataObject) -> None:
        """The same as enter_lines: rules are drawn uniformly, and lines matter most."""
        self.enter_lines(data)

    def _enter(self, line: str) -> None:
        g = self.g
        reason = g.why_not(line.split()[0], line)
        event("line accepted" if reason is None else "line refused")
        if reason is None:
            # What the engine accepts from a seat, the forms offer that seat (grammar.Giver).
            verb = verb_of(parse_line(line))
            assert verb.offered(g.scenario, line.split()[0]), (line, verb.giver)
            before = g.state
            new_events = g.apply(line)
            assert g.log[-1] == line
            _check_assets_follow_the_news(before, g.state, new_events)
            for e in new_events:  # every event is data, and has words
                assert e.payload is not None and e.payload.kind is e.kind
                assert render(e, g.rules.names)
        else:
            state, log, events, sealed = g.state, list(g.log), list(g.events), dict(g.sealed)
            parts = _mutable_parts(state)
            try:
                g.apply(line)
            except GameError as error:
                assert reason in str(error)
            else:
                raise AssertionError(f"{line!r} was accepted, though why_not said: {reason}")
            # The very same state object, and nothing inside it changed.
            assert g.state is state and _mutable_parts(state) == parts, line
            assert (g.log, g.events, g.sealed) == (log, events, sealed), line

    @precondition(lambda self: self.game is not None and self.game.state.phase is not Phase.ENDED)
    @rule()
    def advance(self) -> None:
        g = self.g
        if g.state.phase is Phase.NEGOTIATION:
            g.apply("orders")
            return
        for seat in g.seats:
            if seat not in g.submitted:
                g.apply(f"{seat} submit")
        before = g.state
        frozen = _frozen_copy(before)
        hash_before = state_hash(before)
        events_before = len(g.events)
        g.apply("resolve")
        # The state the engine resolved from was not touched.
        assert before == frozen and state_hash(before) == hash_before
        assert before.seats == frozen.seats and before.tracks == frozen.tracks
        self._after_resolution(before, g.state, g.events[events_before:])

    def _after_resolution(self, before: GameState, after: GameState, events: list[Any]) -> None:
        for kind in sorted({e.kind.value for e in events}):
            event(f"resolution reported: {kind}")
        check_invariants(after)
        _check_assets_follow_the_news(before, after, events)
        # Every honoured conditional pledge has its condition true (the conditions
        # used here cannot change after the pledge step).
        ev = Evaluator(after)
        drafts = [d.id for d in after.drafts]
        for p in after.pledges:
            if p.status is PledgeStatus.HONOURED and p.condition:
                node = self.compiled.order_condition(p.condition, drafts)
                assert ev.evaluate(node), (p.id, p.condition)
            if p.status is PledgeStatus.DROPPED:
                assert p.reason
        # Every pledge made this round is reported, whichever way it went.
        reported = {
            e.ref for e in events if e.kind in (EventKind.PLEDGE_HONOURED, EventKind.PLEDGE_DROPPED)
        }
        assert {p.id for p in after.pledges if p.round == before.round} <= reported

    @precondition(lambda self: self.game is not None)
    @rule(seat=st.sampled_from([None, "fr", "uk", "ua", "ru", "un"]))
    def look(self, seat: str | None) -> None:
        """Views never show another seat's private events or secret objectives."""
        view = self.g.view_for(seat)
        assert all(e.visible_to(seat) for e in view.events)
        if self.g.state.phase is not Phase.ENDED:
            assert all(not o.secret or o.seat == seat for o in view.objectives)

    @invariant()
    def invariants_hold(self) -> None:
        if self.game is not None:
            check_invariants(self.game.state)

    def teardown(self) -> None:
        if self.game is None:
            return
        g = self.g
        # Same scenario, seed and log: the same game (with fresh compiled rules).
        again = Game.start(Rules(self.compiled.scenario), self.seed, g.log)
        assert state_hash(again.state) == state_hash(g.state)
        assert again.events == g.events
        assert again.round_hashes == g.round_hashes
        assert again.state == g.state


TestRandomGames = GameMachine.TestCase
TestRandomGames.settings = settings(stateful_step_count=40)


def _shipped_machine(path: Path) -> type[GameMachine]:
    class ShippedGame(GameMachine):
        compiled = Rules(load(path).scenario)

    ShippedGame.__name__ = f"ShippedGame_{path.stem}"
    return ShippedGame


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_random_games_of_shipped_scenarios(path: Path) -> None:
    """The same properties, playing each shipped scenario (fewer examples each)."""
    run_state_machine_as_test(
        _shipped_machine(path),
        settings=settings(
            max_examples=max(10, settings().max_examples // 3), stateful_step_count=40
        ),
    )


# -- determinism on any machine -----------------------------------------------------------------

SCRIPT = [
    "fr table pk",
    "uk table cf",
    'uk offer g1 air_policing backing=j1 if adopted("cf")',
    'un terms t1 "Line of contact" tags=dmz,ceasefire',
    "orders",
    "fr vote pk yes",
    "fr pledge f1 troops 5000 to coalition if uk.pledged.jets >= 2",
    "fr lobby cn pk yes",
    "uk vote pk yes",
    "uk pledge j1 jets 2 to coalition if fr.pledged.troops >= 5000",
    "uk lobby us cf yes",
    "ua accept g1",
    "ua accept t1",
    "ru vote pk no",
    "ru accept t1",
    "un endorse pk",
    "un mediate",
    *(f"{s} submit" for s in ("fr", "uk", "ua", "ru", "un")),
    "resolve",
    "uk uniting-for-peace pk",
    'facilitator inject aid "help arrives"',
    "orders",
    "ua accept pk",
    'ua argue drones "Drones"',
    *(f"{s} submit" for s in ("fr", "uk", "ua", "ru", "un")),
    "resolve",
    "orders",
    "fr withdraw f1",
    *(f"{s} submit" for s in ("fr", "uk", "ua", "ru", "un")),
    "resolve",
]

_PROBE = """
import json, sys
from tests.engine.strategies import game_scenario
from wargame.engine import state_hash
from wargame.game import Game
g = Game.start(game_scenario(), 20250224, json.loads(sys.argv[1]))
print(json.dumps([state_hash(g.state), g.round_hashes, [repr(e) for e in g.events]]))
"""


def test_scripted_game_uses_every_step() -> None:
    g = Game.start(SCENARIO, 20250224, SCRIPT)
    kinds = {e.kind for e in g.events}
    assert {EventKind.VOTE, EventKind.ASSEMBLY, EventKind.PLEDGE_HONOURED, EventKind.LOBBY,
            EventKind.ENDORSE, EventKind.MEDIATE, EventKind.TERMS, EventKind.GUARANTEE,
            EventKind.INJECT, EventKind.ARGUMENT, EventKind.WITHDRAWAL} <= kinds  # fmt: skip


def test_same_seed_and_log_give_the_same_game_in_any_process() -> None:
    here = Game.start(SCENARIO, 20250224, SCRIPT)
    expected = [state_hash(here.state), here.round_hashes, [repr(e) for e in here.events]]
    root = Path(__file__).resolve().parents[2]
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, json.dumps(SCRIPT)],
            capture_output=True,
            text=True,
            cwd=root,
            env=env,
            check=True,
            timeout=60,
        )
        assert json.loads(out.stdout) == expected, hash_seed


def test_different_seeds_may_give_different_games() -> None:
    hashes = {state_hash(Game.start(SCENARIO, seed, SCRIPT).state) for seed in range(8)}
    assert len(hashes) > 1
