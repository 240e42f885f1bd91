"""Golden saves: games saved once and checked in, which must keep loading the same way.

If one of these fails after a change to the rules or the engine, the change
alters games people have already saved: they would no longer load. Either
the change is a mistake, or it is meant, and then it needs a format step (a
migration) or a deliberate decision to break old saves, recorded in
docs/DECISIONS.md, before the goldens are regenerated with
`python -m tests.saves.make_golden`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame import __version__
from wargame.engine import Phase, state_hash
from wargame.saves import load_save, save_bytes

GOLDEN = Path(__file__).parent / "golden"

EXPECTED = {
    # file: (state hash where the game stopped, round, phase, log lines)
    "full_game.toml": ("cd4b50edabf43841", 4, Phase.ENDED, 64),
    "half_round.toml": ("20ff42faec668209", 4, Phase.ORDERS, 38),
    "fork.toml": ("9f511a1840eaacf7", 2, Phase.NEGOTIATION, 33),
}


def test_every_golden_save_is_listed() -> None:
    assert sorted(p.name for p in GOLDEN.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden_save_replays_to_the_recorded_state(name: str) -> None:
    expected_hash, round_, phase, lines = EXPECTED[name]
    loaded = load_save(GOLDEN / name)
    assert loaded.warnings == ()
    assert len(loaded.game.log) == lines
    assert (loaded.game.state.round, loaded.game.state.phase) == (round_, phase)
    assert state_hash(loaded.game.state) == expected_hash, (
        f"{name} replays to a different state: a rule change alters saved games"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden_save_rewrites_to_the_same_bytes(name: str) -> None:
    original = (GOLDEN / name).read_bytes()
    loaded = load_save(GOLDEN / name)
    again = save_bytes(loaded.game, loaded.meta, updated=loaded.updated)
    ours = f'app_version = "{__version__}"'.encode()
    theirs = f'app_version = "{loaded.document.app_version}"'.encode()
    assert again.split(b"\n")[:-2] == original.replace(theirs, ours).split(b"\n")[:-2]


def test_golden_full_game_keeps_its_ending() -> None:
    outcome = load_save(GOLDEN / "full_game.toml").game.state.outcome
    assert outcome is not None and outcome.ending == "mission"


def test_golden_half_round_keeps_sealed_orders_sealed() -> None:
    game = load_save(GOLDEN / "half_round.toml").game
    assert game.submitted == {"fr"}
    assert [a.text() for a in game.orders_of("fr")] == ["fr pledge late troops 500 to coalition"]
    assert [a.text() for a in game.orders_of("uk")] == ["uk pass"]
    assert "pledge" not in repr(game.sealed)


def test_golden_fork_records_its_parent() -> None:
    document = load_save(GOLDEN / "fork.toml").document
    assert document.fork is not None
    assert (document.fork.parent, document.fork.round) == ("full_game.toml", 2)
    assert document.overrides == (
        "2025-11-27T22:41:17Z an example override, as --force records it",
    )
