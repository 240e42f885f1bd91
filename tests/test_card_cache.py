"""The start screen's cards are remembered between runs, never stale, never in the way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wargame import card_cache, catalog
from wargame.card_cache import CACHE_ENV, FILE_NAME
from wargame.catalog import Card, shipped, shipped_cards
from wargame.problems import ProblemsError


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and the shipped files copied where they can change."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    files = tmp_path / "scenarios"
    files.mkdir()
    for path in shipped():
        shutil.copy(path, files / path.name)
    monkeypatch.setattr(catalog, "shipped", lambda: sorted(files.glob("*.toml")))
    return cache


def cards_without_reading(monkeypatch: pytest.MonkeyPatch) -> list[Card]:
    """shipped_cards() with the TOML reader made to fail: only the cache can answer."""

    def refuse(path: Path, content: bytes) -> Card:
        raise AssertionError(f"{path} was parsed")

    with monkeypatch.context() as patch:
        patch.setattr(Card, "parse", refuse)
        return shipped_cards()


def test_cards_read_once_are_remembered_as_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = shipped_cards()
    assert [c.title for c in first] and (folder / FILE_NAME).is_file()
    assert first == [Card.read(card.path) for card in first]
    assert cards_without_reading(monkeypatch) == first


def test_an_edited_file_is_read_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cards = shipped_cards()
    edited = cards[0].path
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace(cards[0].title, "A new title", 1), encoding="utf-8")
    again = shipped_cards()
    assert again[0].title == "A new title"
    assert again[1:] == cards[1:]
    assert cards_without_reading(monkeypatch) == again  # and the new card is remembered


def test_an_unreadable_file_is_left_out_as_before(folder: Path) -> None:
    first = shipped_cards()
    first[0].path.write_text('title = "unterminated', encoding="utf-8")
    with pytest.raises(ProblemsError):
        Card.read(first[0].path)
    assert shipped_cards() == first[1:]


BAD_ENTRIES = [
    {"title": 1},
    {"rounds": "3"},
    {"rounds": True},
    {"seats": [["fr"]]},
    {"seats": "fr"},
    {"briefing": None},
]
"""Changes that make a stored card of the wrong shape."""


@pytest.mark.parametrize(
    "damage",
    ["not json {", json.dumps({"version": 0, "cards": {}}), json.dumps([1, 2]), *BAD_ENTRIES],
)
def test_a_damaged_cache_is_ignored_and_written_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch, damage: str | dict[str, object]
) -> None:
    cards = shipped_cards()
    content = damage
    if isinstance(damage, dict):  # every stored card changed the same way
        stored = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
        stored["cards"] = {key: {**card, **damage} for key, card in stored["cards"].items()}
        content = json.dumps(stored)
    assert isinstance(content, str)
    (folder / FILE_NAME).write_text(content, encoding="utf-8")
    assert shipped_cards() == cards
    assert cards_without_reading(monkeypatch) == cards


def test_a_cache_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert [c.title for c in shipped_cards()] == [Card.read(p).title for p in shipped()]
    assert list(tmp_path.iterdir()) == [blocker]


def test_the_cache_holds_only_the_files_last_listed(folder: Path) -> None:
    cards = shipped_cards()
    cards[-1].path.unlink()
    shipped_cards()
    stored = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    assert len(stored["cards"]) == len(cards) - 1


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "named"))
    assert card_cache.cache_dir() == tmp_path / "named"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setattr(card_cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert card_cache.cache_dir() == tmp_path / "xdg" / "wargame"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert card_cache.cache_dir() == tmp_path / "home" / ".cache" / "wargame"
