"""The save document: layout, determinism, the checksum line, round trips."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tests.saves.games import (
    T0,
    T1,
    meta_for,
    play_random,
    save_of,
    saves_scenario,
    scripted_game,
)
from wargame.engine import state_hash
from wargame.game import Game
from wargame.saves import SaveMeta, save_bytes
from wargame.saves.format import (
    HEADER,
    SaveDocument,
    SaveFork,
    checksum_line,
    override_entry,
    render,
    sha256_text,
    split_checksum,
)
from wargame.saves.load import load_save_bytes, parse_save

# --- layout ----------------------------------------------------------------------------


def test_save_reads_top_down_header_game_seats_scenario_checksum() -> None:
    text = save_of(scripted_game(2)).decode()
    order = [
        text.index(HEADER),
        text.index("format = 2\n"),
        text.index('kind = "wargame-save"'),
        text.index('updated = "2025-11-27T21:14:03Z"'),
        text.index("[game]\n"),
        text.index("log = [\n"),
        text.index("[seats.fr]\n"),
        text.index("[scenario]\n"),
        text.index("source = '''\n"),
        text.index("\n[end]\n"),
    ]
    assert order == sorted(order)
    assert text.splitlines()[-1].startswith('checksum = "sha256:')


def test_log_is_one_action_per_line_in_the_text_form() -> None:
    game = scripted_game(1)
    text = save_of(game).decode()
    block = text[text.index("log = [\n") :]
    lines = block.splitlines()[1 : len(game.log) + 1]
    assert lines == [f"    {json.dumps(line)}," for line in game.log]


def test_save_is_valid_toml_with_the_documented_keys() -> None:
    text = save_of(scripted_game(2)).decode()
    data = tomllib.loads(text)
    assert data["format"] == 2
    assert data["kind"] == "wargame-save"
    assert set(data["game"]) == {"seed", "round", "phase", "rules", "round_hashes", "log"}
    assert data["game"]["round"] == 3 and data["game"]["phase"] == "orders"
    assert list(data["seats"]) == ["fr", "uk", "ua", "ru", "un"]
    assert data["seats"]["ru"] == {"name": "Russia", "control": "bot", "bot": "hardliner"}
    assert '[seats.ru]\nname = "Russia"\ncontrol = "bot"\nbot = "hardliner"\n' in text
    assert data["scenario"]["sha256"] == sha256_text(data["scenario"]["source"])
    assert set(data["end"]) == {"checksum"}


def test_checksum_covers_every_byte_before_the_last_line() -> None:
    data = save_of(scripted_game(1))
    body, digest = split_checksum(data)
    assert data == body + checksum_line(body)
    assert digest is not None and len(digest) == 64


def test_split_checksum_finds_none_in_a_cut_file() -> None:
    data = save_of(scripted_game(1))
    assert split_checksum(data[:-30])[1] is None
    assert split_checksum(data[:-1])[1] is not None  # only the final newline lost: intact


def test_fork_and_overrides_are_written_only_when_present() -> None:
    game = scripted_game(1)
    plain = save_of(game).decode()
    assert "[fork]" not in plain and "overrides" not in plain
    meta = meta_for(game.scenario)
    meta = SaveMeta(
        meta.scenario_source,
        meta.seats,
        meta.created,
        fork=SaveFork(parent="war-1.toml", round=2),
        overrides=(override_entry(T1, "round 1 replays differently"),),
    )
    text = save_bytes(game, meta, updated=T1).decode()
    data = tomllib.loads(text)
    assert data["fork"] == {"parent": "war-1.toml", "round": 2}
    assert data["overrides"] == ["2025-11-27T21:14:03Z round 1 replays differently"]


# --- determinism -------------------------------------------------------------------------


def test_same_game_same_bytes() -> None:
    assert save_of(scripted_game(3)) == save_of(scripted_game(3))


def test_only_the_timestamps_vary() -> None:
    game = scripted_game(2)
    first = save_of(game).decode().splitlines()
    later = save_of(game, updated=T1 + timedelta(hours=3)).decode().splitlines()
    differing = [(a, b) for a, b in zip(first, later, strict=True) if a != b]
    assert [a.split(" =")[0] for a, _ in differing] == ["updated", "checksum"]


def test_timestamps_are_utc_to_the_second() -> None:
    game = scripted_game(1)
    paris = datetime(2025, 11, 27, 22, 14, 3, 999_999, tzinfo=UTC).astimezone()
    text = save_bytes(game, meta_for(game.scenario), updated=paris).decode()
    assert 'updated = "2025-11-27T22:14:03Z"' in text


def test_load_then_save_gives_the_same_bytes() -> None:
    data = save_of(scripted_game(3))
    loaded = load_save_bytes(data, "s.toml")
    assert save_bytes(loaded.game, loaded.meta, updated=T1) == data


# --- the embedded scenario text ------------------------------------------------------------


def _document_with_source(source: str) -> SaveDocument:
    game = Game.start(saves_scenario(), 1)
    meta = SaveMeta(source, meta_for(game.scenario).seats, T0)
    return parse_save(save_bytes(game, meta, updated=T1))


def test_scenario_source_is_embedded_verbatim_as_a_literal_string() -> None:
    game = scripted_game(1)
    meta = meta_for(game.scenario)
    text = save_bytes(game, meta, updated=T1).decode()
    assert f"source = '''\n{meta.scenario_source}'''\n" in text


def test_crlf_sources_are_stored_with_lf_newlines() -> None:
    assert _document_with_source("a = 1\r\nb = 2\r\n").scenario.source == "a = 1\nb = 2\n"


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_characters="\r"),
        max_size=300,
    )
)
def test_any_source_text_round_trips(source: str) -> None:
    document = _document_with_source(source)
    assert document.scenario.source == source
    assert document.scenario.sha256 == sha256_text(source)


def test_sources_a_literal_cannot_hold_fall_back_to_an_escaped_string() -> None:
    for source in ["x = '''a'''\n", "ends with a quote'", "bell\x07", "del\x7f", "cr\ralone"]:
        assert _document_with_source(source).scenario.source == source


def test_render_of_a_parsed_document_is_identical() -> None:
    data = save_of(scripted_game(2))
    assert render(parse_save(data)) == data


# --- property: random legal games ----------------------------------------------------------


@given(
    seed=st.integers(min_value=-(2**63), max_value=2**63 - 1),
    choices=st.lists(st.integers(min_value=0, max_value=10**6), max_size=120),
)
def test_random_games_load_to_the_same_state_and_resave_to_the_same_bytes(
    seed: int, choices: list[int]
) -> None:
    game = play_random(Game.start(saves_scenario(), seed), choices)
    data = save_of(game)
    loaded = load_save_bytes(data, "random.toml")
    again = loaded.game
    assert state_hash(again.state) == state_hash(game.state)
    assert again.log == game.log
    assert again.round_hashes == game.round_hashes
    assert again.submitted == game.submitted
    assert again.sealed == game.sealed
    assert loaded.warnings == ()
    assert save_bytes(again, loaded.meta, updated=T1) == data
