"""Regenerate the golden saves and the format-0 fixture (by hand, never by pytest).

fixtures/format1.toml is NOT made here: it is a save written by the first release
(the golden full_game.toml of commit 1f30531, rules version 1), kept byte for byte so
that a test proves real old saves keep loading. Never regenerate it.

    .venv/bin/python -m tests.saves.make_golden

Golden saves are history: regenerate them only when a change is *meant* to
alter old games (a rule change), say so in the commit, and update the
expected hashes in test_golden.py with the figures this prints.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import tomli_w

from tests.saves.games import meta_for, saves_scenario, scripted_game
from wargame.engine import state_hash
from wargame.game import Game
from wargame.saves import SaveMeta, load_save_bytes, save_bytes
from wargame.saves.commands import fork_game
from wargame.saves.format import (
    SaveFork,
    checksum_line,
    normalize_source,
    override_entry,
)

HERE = Path(__file__).parent
CREATED = datetime(2025, 11, 27, 19, 0, 0, tzinfo=UTC)
UPDATED = datetime(2025, 11, 27, 22, 41, 17, tzinfo=UTC)

FULL_GAME = [
    "fr table pk",
    'ru redline r1 "No NATO troops in Ukraine" tags=nato_troops',
    'facilitator adjust tension +5 "shelling near Zaporizhzhia"',
    "orders",
    "fr vote pk yes",
    "fr pledge p1 troops 6000 to un_mission",
    "fr submit",
    "uk vote pk yes",
    "uk pledge p2 jets 2 to un_mission if fr.assets.troops >= 5000",
    "uk submit",
    "ua pass",
    "ua submit",
    "ru vote pk no",
    "ru submit",
    "un endorse pk",
    "un submit",
    "resolve",
    'un propose c1 "Monitoring mission" substantive tags=un_peacekeeping,ceasefire',
    "fr sponsor c1",
    "orders",
    "fr vote c1 yes",
    "fr submit",
    "uk vote c1 yes",
    "uk lobby dz c1 yes",
    "uk submit",
    "ua submit",
    "ru vote c1 abstain",
    "ru submit",
    "un mediate",
    "un submit",
    "resolve",
    'facilitator rewind 2 "the room wants to replay the monitoring vote"',
    'un propose c2 "Monitoring mission" substantive tags=un_peacekeeping,ceasefire',
    "uk sponsor c2",
    "orders",
    "fr vote c2 yes",
    "fr pledge p3 troops 4000 to un_mission",
    "fr submit",
    "uk vote c2 yes",
    "uk submit",
    "ua submit",
    "ru vote c2 yes",
    "ru submit",
    "un mediate",
    "un submit",
    "resolve",
    'ua terms t1 "Ceasefire along the line of contact" tags=ceasefire,dmz',
    "orders",
    "ua accept t1",
    "ua submit",
    "ru accept t1",
    "ru submit",
    "fr submit",
    "uk submit",
    "un submit",
    "resolve",
    "orders",
    "fr pass",
    "fr submit",
    "uk submit",
    "ua submit",
    "ru submit",
    "un submit",
    "resolve",
]


def full_game() -> Game:
    """A four-round game played to its end, with a facilitator rewind on the way."""
    return Game.start(saves_scenario(4), 2025, FULL_GAME)


def format0(game: Game, meta: SaveMeta) -> bytes:
    """The same game in the synthetic format 0 (see `wargame.saves.load._from_format_0`)."""
    players = {k: (f"bot:{s.bot}" if s.bot else s.control.value) for k, s in meta.seats.items()}
    data = {
        "format": 0,
        "kind": "wargame-save",
        "app_version": "0.0.1",
        "saved": "2025-11-27T22:41:17Z",
        "seed": game.seed,
        "round": game.state.round,
        "phase": game.state.phase.value,
        "scenario_text": normalize_source(meta.scenario_source),
        "players": players,
        "moves": list(game.log),
        "hashes": list(game.round_hashes),  # format 0 hashes are dropped on migration
    }
    text = tomli_w.dumps(data, multiline_strings=True)
    body = ("# wargame save (format 0)\n" + text + "\n[end]\n").encode()
    return body + checksum_line(body)


def main() -> None:
    full = full_game()
    full_meta = SaveMeta(
        meta_for(full.scenario).scenario_source, meta_for(full.scenario).seats, CREATED
    )
    full_bytes = save_bytes(full, full_meta, updated=UPDATED)
    half = scripted_game(3)
    half_meta = meta_for(half.scenario, bots=("ru", "un"))
    half_meta = SaveMeta(half_meta.scenario_source, half_meta.seats, CREATED)
    loaded = load_save_bytes(full_bytes, "full_game.toml")
    forked = fork_game(loaded, 2)
    fork_meta = SaveMeta(
        full_meta.scenario_source,
        full_meta.seats,
        UPDATED,
        fork=SaveFork(parent="full_game.toml", round=2),
        overrides=(override_entry(UPDATED, "an example override, as --force records it"),),
    )
    forked.apply('facilitator adjust cohesion -10 "what if Russia had walked out?"')
    files = {
        HERE / "golden" / "full_game.toml": (full, full_bytes),
        HERE / "golden" / "half_round.toml": (half, save_bytes(half, half_meta, updated=UPDATED)),
        HERE / "golden" / "fork.toml": (forked, save_bytes(forked, fork_meta, updated=UPDATED)),
        HERE / "fixtures" / "format0.toml": (half, format0(half, half_meta)),
    }
    for path, (game, data) in files.items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        print(f'    "{path.name}": "{state_hash(game.state)}",  # {len(game.log)} log lines')


if __name__ == "__main__":
    main()
