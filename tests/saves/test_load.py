"""Loading is replaying: the corrupted-save corpus, --force, migrations, rewinds, forks."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.saves.games import T1, save_of, saves_scenario, scripted_game
from wargame.engine import RULES_VERSION, Phase, state_hash
from wargame.game import Game
from wargame.problems import ProblemsError
from wargame.saves import FORMAT, MIGRATIONS, load_save, load_save_bytes, save_bytes
from wargame.saves.commands import fork_game
from wargame.saves.format import checksum_line, scenario_source, split_checksum
from wargame.saves.load import migrate, undone_after

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "full_game.toml"
GOOD = GOLDEN.read_bytes()


def refusal(data: bytes, *, force: bool = False) -> str:
    """The one-line message a load of `data` stops with."""
    with pytest.raises(ProblemsError) as caught:
        load_save_bytes(data, "game.toml", force=force)
    problems = caught.value.problems
    assert len(problems) == 1
    text = str(problems[0])
    assert "\n" not in text and "Traceback" not in text
    return text


def resign(data: bytes) -> bytes:
    """The same bytes with a checksum made for them (an edit done knowingly)."""
    body, _ = split_checksum(data)
    return body + checksum_line(body)


def edit(old: str, new: str, *, sign: bool = True) -> bytes:
    assert GOOD.count(old.encode()) >= 1, old
    data = GOOD.replace(old.encode(), new.encode(), 1)
    return resign(data) if sign else data


def line_of(data: bytes, needle: str) -> int:
    return data[: data.index(needle.encode())].count(b"\n") + 1


# --- the corpus: each damaged file and the message it must give -----------------------

TRUNCATED = "save is truncated or damaged: its checksum line is missing"
MISMATCH = "checksum does not match: the file was damaged or edited; use --force"
SCENARIO_FILE = (
    "this is a scenario file, not a save; start a game from it with `wargame play game.toml`"
)

ROUND_2_HASH = re.search(rb'round_hashes = \[\n    "[0-9a-f]{16}",\n    "([0-9a-f]{16})"', GOOD)
assert ROUND_2_HASH is not None
R2 = ROUND_2_HASH.group(1).decode()

CORPUS: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty": (lambda: b"", "the file is empty: not a save"),
    "only whitespace": (lambda: b"\n \n\t\n", "the file is empty: not a save"),
    "binary": (lambda: bytes(range(256)) * 4, "this is not a wargame save: the file holds binary"),
    "a png": (lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(64), "the file holds binary data"),
    "a scenario file": (
        lambda: scenario_source(scripted_game(1).scenario).encode(),
        SCENARIO_FILE,
    ),
    "other toml": (
        lambda: b'[project]\nname = "x"\nversion = "1"\n',
        'this is not a wargame save (it has no `kind = "wargame-save"` line)',
    ),
    "newer format": (
        lambda: edit("format = 2\n", "format = 3\n", sign=False),
        "made by a newer wargame (format 3); this version reads format 2",
    ),
    "much newer format, re-signed": (
        lambda: edit("format = 2\n", "format = 17\n"),
        "made by a newer wargame (format 17); this version reads format 2",
    ),
    "unknown old format, re-signed": (
        lambda: edit("format = 2\n", "format = -3\n"),
        "made by an old wargame (format -3) that this version cannot read",
    ),
    "round hash edited": (
        lambda: edit(R2, "0" * 16, sign=False),
        MISMATCH,
    ),
    "round hash edited, re-signed": (
        lambda: edit(R2, "0" * 16),
        "round 2 replays to a different state than recorded: the rules changed, or the log "
        "or the seed was edited; use --force to load it anyway",
    ),
    "pledge amount edited, re-signed": (
        lambda: edit("troops 6000 to un_mission", "troops 9000 to un_mission"),
        "round 1 replays to a different state than recorded",
    ),
    "impossible line added, re-signed": (
        lambda: edit('    "ua pass",\n', '    "ua pledge x troops 999999 to coalition",\n'),
        "log line 11 ('ua pledge x troops 999999 to coalition') is refused when replayed:",
    ),
    "a line removed, re-signed": (
        lambda: edit('    "un submit",\n', "", sign=True),
        "log line 16 ('resolve') is refused when replayed: still waiting for orders from: un",
    ),
    "round edited, re-signed": (
        lambda: edit("round = 4\n", "round = 3\n"),
        "the save says round 3 (ended) but its log replays to round 4 (ended)",
    ),
    "embedded scenario edited": (
        lambda: (
            edit('title = "Jet squadrons"', 'title = "Jet squadronz"', sign=True)
            if b'title = "Jet squadrons"' in GOOD
            else edit('name = "Jet squadrons"', 'name = "Jet squadronz"')
        ),
        "the embedded scenario does not match its sha256: the save was edited; use --force",
    ),
    "extra key, re-signed": (
        lambda: edit("[game]\n", "[game]\ncheat = true\n"),
        "not a valid save: game.cheat: Extra inputs are not permitted",
    ),
    "wrong type, re-signed": (
        lambda: edit("seed = 2025\n", 'seed = "2025"\n'),
        "not a valid save: game.seed: Input should be a valid integer",
    ),
    "seat missing, re-signed": (
        lambda: edit('[seats.un]\nname = "UN Secretariat"\ncontrol = "human"\n', ""),
        "the save's seats (fr, uk, ua, ru) are not its scenario's (fr, uk, ua, ru, un)",
    ),
    "CRLF newlines (an editor's save)": (
        lambda: GOOD.replace(b"\n", b"\r\n"),
        MISMATCH,
    ),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_corpus_gives_its_message(case: str) -> None:
    make, expected = CORPUS[case]
    assert expected in refusal(make())


@pytest.mark.parametrize("fraction", [0.0005, 0.05, 0.2, 1 / 3, 0.5, 0.75, 0.9, 0.99])
def test_truncated_saves_are_refused(fraction: float) -> None:
    cut = GOOD[: max(1, int(len(GOOD) * fraction))]
    assert TRUNCATED in refusal(cut)


@pytest.mark.parametrize("keep", range(1, 80))
def test_cut_in_the_checksum_line_is_refused(keep: int) -> None:
    end = GOOD.rindex(b"\n", 0, len(GOOD) - 1) + 1
    assert TRUNCATED in refusal(GOOD[: end + keep])


def test_cut_at_every_line_boundary_is_refused() -> None:
    """The naive-writer failure: a save cut between lines is often still valid TOML."""
    ends = [i + 1 for i, byte in enumerate(GOOD[:-1]) if byte == ord("\n")]
    for end in ends:
        assert TRUNCATED in refusal(GOOD[:end]) or "empty" in refusal(GOOD[:end])


def test_losing_only_the_final_newline_still_loads() -> None:
    assert load_save_bytes(GOOD[:-1], "x").game.state.phase is Phase.ENDED


def test_every_flipped_byte_is_refused() -> None:
    for at in range(0, len(GOOD), 53):
        damaged = bytearray(GOOD)
        damaged[at] ^= 0x01
        message = refusal(bytes(damaged))
        assert MISMATCH in message or TRUNCATED in message, (at, message)


def test_a_flipped_high_bit_making_invalid_utf8_is_still_a_checksum_error() -> None:
    damaged = bytearray(GOOD)
    damaged[GOOD.index(b"fr table pk")] ^= 0x80
    assert MISMATCH in refusal(bytes(damaged))


def test_problem_points_at_the_line_of_the_bad_hash() -> None:
    data = edit(R2, "0" * 16)
    assert refusal(data).startswith(f"game.toml:{line_of(data, '0' * 16)}: round 2 replays")


def test_problem_points_at_the_refused_log_line() -> None:
    data = edit('    "ua pass",\n', '    "ua pledge x troops 999999 to coalition",\n')
    assert refusal(data).startswith(f"game.toml:{line_of(data, 'ua pledge x')}: log line 11")


# --- reading files ----------------------------------------------------------------------


def test_file_errors_are_one_line(tmp_path: Path) -> None:
    cases = {tmp_path / "missing.toml": "no such save file", tmp_path: "this is a folder"}
    for path, expected in cases.items():
        with pytest.raises(ProblemsError, match=expected):
            load_save(path)


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(ProblemsError, match="not a regular file"):
        load_save(fifo)


# --- --force -------------------------------------------------------------------------------


def test_force_loads_an_edited_hash_and_records_the_override() -> None:
    loaded = load_save_bytes(edit(R2, "0" * 16), "game.toml", force=True, now=T1)
    assert loaded.game.state.phase is Phase.ENDED
    (warning,) = loaded.warnings
    assert warning.startswith("round 2 replays to a different state than recorded")
    assert "--force" in warning
    assert loaded.meta.overrides == (
        "2025-11-27T21:14:03Z round 2 replays to a different state than recorded: "
        "the rules changed, or the log or the seed was edited",
    )
    rewritten = save_bytes(loaded.game, loaded.meta, updated=T1)
    again = load_save_bytes(rewritten, "game.toml")  # healed: loads without --force
    assert again.warnings == () and len(again.document.overrides) == 1


def test_force_loads_a_hand_edit_without_a_new_checksum() -> None:
    data = edit("troops 6000 to un_mission", "troops 9000 to un_mission", sign=False)
    loaded = load_save_bytes(data, "game.toml", force=True, now=T1)
    assert [w.split(":")[0] for w in loaded.warnings] == [
        "checksum does not match",
        "round 1 replays to a different state than recorded",
    ]
    assert "fr pledge p1 troops 9000 to un_mission" in loaded.game.log


def test_force_loads_a_save_that_lost_its_checksum_line() -> None:
    body, _ = split_checksum(GOOD)
    loaded = load_save_bytes(body, "game.toml", force=True, now=T1)
    assert loaded.warnings[0].startswith(TRUNCATED)


def test_force_cannot_make_a_scenario_or_binary_a_save() -> None:
    assert SCENARIO_FILE in refusal(scenario_source(scripted_game(1).scenario).encode(), force=True)
    assert "binary" in refusal(os.urandom(300) + b"\x00", force=True)


def test_force_on_a_cut_file_that_does_not_parse_says_it_is_damaged() -> None:
    assert "save is damaged" in refusal(GOOD[: len(GOOD) // 2], force=True)


def test_an_edited_seed_is_refused_even_with_a_fresh_checksum() -> None:
    # Someone changes the seed to get other dice and recomputes the checksum:
    # the state hash covers the seed, so round 1 no longer checks out.
    data = edit("\nseed = 2025\n", "\nseed = 2026\n")
    text = refusal(data)
    assert "round 1 replays to a different state than recorded" in text
    assert "seed" in text
    assert text.startswith(f"game.toml:{line_of(GOOD, 'round_hashes = [') + 1}:")


# --- migrations ----------------------------------------------------------------------------


def test_every_older_format_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(min(MIGRATIONS), FORMAT))


OLDER_RULES = (
    "this save was made under an older version of the rules (version 1; this wargame plays "
    f"version {RULES_VERSION}): its log was replayed under today's rules and its round hashes "
    "recomputed, so the game may differ from the one that was played"
)
UPGRADED = (
    "this save was written in format {0} and was upgraded to format 2; "
    "it will be written in format 2 from now on"
)


def test_format_0_fixture_migrates_and_replays_to_the_same_game() -> None:
    old = load_save(HERE / "fixtures" / "format0.toml")
    new = load_save(HERE / "golden" / "half_round.toml")
    assert state_hash(old.game.state) == state_hash(new.game.state)
    assert old.game.log == new.game.log
    assert old.meta.seats == new.meta.seats
    assert old.document.created == old.document.updated
    assert old.warnings == (UPGRADED.format(0), OLDER_RULES)
    rewritten = save_bytes(old.game, old.meta, updated=T1)
    assert b"\nformat = 2\n" in rewritten
    assert load_save_bytes(rewritten, "x").warnings == ()


FIRST_RELEASE = HERE / "fixtures" / "format1.toml"
"""A save written by the first release (rules version 1), kept byte for byte."""


def test_a_save_from_the_first_release_loads_replayed_under_todays_rules() -> None:
    data = FIRST_RELEASE.read_bytes()
    assert b"\nformat = 1\n" in data and b"rules" not in data.split(b"[scenario]")[0]
    old = load_save(FIRST_RELEASE)
    assert old.warnings == (UPGRADED.format(1), OLDER_RULES)
    recorded_log = re.findall(rb'^    "(.*)",$', data.split(b"log = [")[1].split(b"]\n")[0], re.M)
    assert len(old.game.log) == len(recorded_log) == 64  # every line replayed
    assert (old.game.state.round, old.game.state.phase) == (4, Phase.ENDED)
    assert len(old.game.round_hashes) == 4
    # Written again, it records today's rules and hashes, and loads without a notice.
    rewritten = save_bytes(old.game, old.meta, updated=T1)
    assert b"\nformat = 2\n" in rewritten and f"\nrules = {RULES_VERSION}\n".encode() in rewritten
    again = load_save_bytes(rewritten, "x")
    assert again.warnings == ()
    assert again.game.round_hashes == old.game.round_hashes


def test_a_first_release_save_is_still_guarded_by_its_checksum() -> None:
    data = FIRST_RELEASE.read_bytes()
    edited = data.replace(b'"facilitator adjust tension +5', b'"facilitator adjust tension +9', 1)
    assert edited != data
    assert refusal(edited).startswith(f"game.toml: {MISMATCH}")


def test_a_first_release_save_whose_log_today_s_rules_refuse_says_so() -> None:
    data = FIRST_RELEASE.read_bytes()
    # An order the first release took and today's rules refuse (made knowingly: re-signed).
    line = b'"fr table pk2 \\"A mission\\" procedural tags=un_peacekeeping"'
    edited = resign(data.replace(b'"fr table pk"', line, 1))
    text = refusal(edited)
    assert "log line 1 " in text
    assert "the save was made under older rules (version 1), which allowed it" in text


def test_a_save_from_newer_rules_is_refused() -> None:
    newer = edit(f"\nrules = {RULES_VERSION}\n", f"\nrules = {RULES_VERSION + 1}\n")
    assert f"made under newer rules (version {RULES_VERSION + 1})" in refusal(newer)


def test_migrate_refuses_a_format_without_a_migration() -> None:
    with pytest.raises(ProblemsError, match="format -1"):
        migrate({"format": -1}, "x")


def test_a_format_0_save_that_cannot_be_upgraded_says_so() -> None:
    data = (HERE / "fixtures" / "format0.toml").read_bytes()
    data = resign(re.sub(rb"scenario_text = [\s\S]*?\n\"\"\"\n", b"", data))
    assert "the format 0 save cannot be upgraded" in refusal(data)


# --- replay details ------------------------------------------------------------------------


def test_half_entered_round_resumes_with_orders_sealed_and_submitted() -> None:
    game = scripted_game(3)
    loaded = load_save_bytes(save_of(game), "x")
    again = loaded.game
    assert again.state.phase is Phase.ORDERS
    assert again.submitted == {"fr"}
    assert again.orders_of("fr") == game.orders_of("fr")
    assert [a.text() for a in again.orders_of("uk")] == ["uk pass"]
    assert "pledge" not in repr(again.sealed) and "pledge" not in repr(again)


def test_undone_after_marks_rounds_a_later_rewind_undid() -> None:
    log = ["resolve", "resolve", 'facilitator rewind 2 "x"', "resolve", 'facilitator rewind 1 "y"']
    assert undone_after(log) == [1, 1, 1, 1, float("inf")]


def test_rewound_rounds_are_checked_as_they_stand() -> None:
    loaded = load_save(GOLDEN)  # round 2 was played twice, the first one undone
    # Round 2 as it stands started at the rewind (line 32), not after round 1 (line 17).
    assert loaded.round_starts == {1: 0, 2: 32, 3: 46, 4: 56}
    assert len(loaded.game.round_hashes) == 4


# --- forks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("round_", [1, 2, 3, 4])
def test_fork_starts_at_the_beginning_of_the_round(round_: int) -> None:
    loaded = load_save(GOLDEN)
    fork = fork_game(loaded, round_)
    assert (fork.state.round, fork.state.phase) == (round_, Phase.NEGOTIATION)
    assert fork.round_hashes == loaded.game.round_hashes[: round_ - 1]
    assert fork.log == loaded.game.log[: loaded.round_starts[round_]]


def test_a_fork_keeps_the_dice_of_its_parent_as_it_stands() -> None:
    # The parent played round 2, rewound it (new dice) and played it again.
    lobbies = {"uk": ["uk lobby cn pk yes", "uk lobby us pk yes", "uk lobby dz pk yes"]}
    parent = Game.start(saves_scenario(4), 5)
    parent.play_round({})
    parent.apply("fr table pk")
    parent.play_round(lobbies)
    parent.apply('facilitator rewind 2 "replay round 2"')
    parent.apply("fr table pk")
    standing = parent.play_round(lobbies)
    parent.play_round({})
    fork = fork_game(load_save_bytes(save_of(parent), "x"), 2)
    # The fork starts where the parent's round 2 (as it stands) started, so the same
    # orders meet the same dice: a fork compares decisions, not luck.
    fork.apply("fr table pk")
    assert [e.payload for e in fork.play_round(lobbies)] == [e.payload for e in standing]
    assert fork.round_hashes == parent.round_hashes[:2]
    # A facilitator who wants fresh luck in the fork rewinds it once.
    fork.apply('facilitator rewind 2 "fresh dice"')
    fork.apply("fr table pk")
    assert [e.payload for e in fork.play_round(lobbies)] != [e.payload for e in standing]


def test_fork_of_a_round_that_never_started_is_refused() -> None:
    loaded = load_save(GOLDEN)
    with pytest.raises(ProblemsError, match="round 5 has not started in this game"):
        fork_game(loaded, 5)


def test_fork_of_the_current_round_of_a_half_entered_game_drops_the_sealed_orders() -> None:
    loaded = load_save_bytes(save_of(scripted_game(3)), "x")
    fork = fork_game(loaded, 4)
    assert fork.state.round == 4 and fork.submitted == set()
    assert all(len(s) == 0 for s in fork.sealed.values())


def test_saving_an_unchanged_fork_is_deterministic() -> None:
    fork = fork_game(load_save(GOLDEN), 3)
    meta = load_save(GOLDEN).meta
    assert save_bytes(fork, meta, updated=T1) == save_bytes(
        Game.start(fork.rules, fork.seed, fork.log), meta, updated=T1
    )
