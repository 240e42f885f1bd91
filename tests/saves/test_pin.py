"""The facilitator's PIN in the save: a salted hash, optional, and old saves unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from wargame.saves import load_save, load_save_bytes, save_bytes
from wargame.saves.pin import hash_pin, pin_matches, pin_problem
from wargame.ui.pin_guard import LOCK_SECONDS, PinAnswer, PinGuard

HERE = Path(__file__).parent
OLD_SAVES = [*sorted((HERE / "golden").glob("*.toml")), HERE / "fixtures" / "format1.toml"]


def test_a_pin_is_stored_salted_and_never_in_clear() -> None:
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first.salt != second.salt and first.hash != second.hash
    assert pin_matches("2468", first) and pin_matches("2468", second)
    assert not pin_matches("2469", first)
    assert "2468" not in first.model_dump_json()


@pytest.mark.parametrize("text", ["123", "1234567890123", "12a4", "", "١٢٣٤"])
def test_a_pin_is_4_to_12_digits(text: str) -> None:
    assert pin_problem(text) == "a PIN is 4 to 12 digits"
    with pytest.raises(ValueError):
        hash_pin(text)


@pytest.mark.parametrize("path", OLD_SAVES, ids=lambda p: p.name)
def test_saves_without_a_pin_load_unchanged(path: Path) -> None:
    loaded = load_save(path)
    assert loaded.meta.pin is None and loaded.document.pin is None
    if loaded.document.format == 2 and path.parent.name == "golden":
        again = save_bytes(loaded.game, loaded.meta, updated=loaded.updated)
        assert again == path.read_bytes()  # no [pin] table appears


def test_the_pin_round_trips_through_the_save() -> None:
    loaded = load_save(HERE / "golden" / "full_game.toml")
    pin = hash_pin("975310")
    data = save_bytes(loaded.game, replace(loaded.meta, pin=pin), updated=loaded.updated)
    assert b"[pin]" in data and b"975310" not in data
    again = load_save_bytes(data, "pinned.toml")
    assert again.meta.pin == pin and pin_matches("975310", again.meta.pin)


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_three_wrong_tries_lock_the_pin_for_a_minute() -> None:
    clock = Clock()
    guard = PinGuard(hash_pin("2468", bytes(16)), clock)
    assert guard.attempt("1111") is PinAnswer.WRONG and guard.tries_left() == 2
    assert guard.attempt("2468") is PinAnswer.ACCEPTED and guard.tries_left() == 3
    for _ in range(3):
        assert guard.attempt("0000") is PinAnswer.WRONG
    assert guard.locked_for() == LOCK_SECONDS
    assert guard.attempt("2468") is PinAnswer.LOCKED
    clock.now += LOCK_SECONDS - 0.5
    assert guard.attempt("2468") is PinAnswer.LOCKED
    clock.now += 0.5
    assert guard.locked_for() == 0
    assert guard.attempt("2468") is PinAnswer.ACCEPTED
