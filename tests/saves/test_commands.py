"""`wargame saves`, `wargame play --resume`, `wargame fork`: messages and exit statuses."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from tests.saves.games import T0, T1, save_of, scripted_game
from tests.saves.test_load import CORPUS, GOOD
from wargame.saves import LoadedSave, SaveSession, load_save
from wargame.saves.commands import fork_command, resume_command, saves_command
from wargame.saves.store import SAVES_ENV, TEMP_PREFIX

HERE = Path(__file__).parent


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    saves = tmp_path / "saves"
    saves.mkdir()
    monkeypatch.setenv(SAVES_ENV, str(saves))
    return saves


def put(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def clock() -> object:
    return T1 + timedelta(hours=1)


# --- wargame saves ------------------------------------------------------------------------


def test_saves_lists_newest_first_with_title_round_seats_and_file(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put(folder, "old.toml", save_of(scripted_game(1), updated=T0))
    put(folder, "new.toml", save_of(scripted_game(3), updated=T1))
    assert saves_command([]) == 0
    out = capsys.readouterr().out
    assert out.index("new.toml") < out.index("old.toml")
    assert "Test: round 4, orders" in out
    assert "Test: round 2, orders" in out
    assert "seats: France, United Kingdom, Ukraine, Russia (bot: hardliner), UN Secretariat" in out
    assert T1.astimezone().strftime("%Y-%m-%d %H:%M") in out


def test_saves_shows_damaged_files_and_skips_locks_and_temps(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put(folder, "good.toml", GOOD)
    put(folder, "cut.toml", GOOD[:500])
    put(folder, ".good.toml.lock", b"")
    put(folder, f"{TEMP_PREFIX}good.toml.0123abcd", GOOD[:100])
    put(folder, "notes.txt", b"hello")
    assert saves_command(["--dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "cut.toml  (cannot be loaded: save is truncated or damaged" in out
    assert "Test: ended" in out
    assert "lock" not in out and TEMP_PREFIX not in out and "notes" not in out


def test_saves_in_an_empty_or_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert saves_command(["--dir", str(tmp_path / "none")]) == 0
    assert "No saves in" in capsys.readouterr().out


def test_saves_marks_forks(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(HERE / "golden" / "fork.toml", folder / "fork.toml")
    saves_command([])
    assert "[what-if from full_game.toml, round 2]" in capsys.readouterr().out


# --- wargame play --resume -------------------------------------------------------------------


def test_resume_picks_the_newest_save_and_stops_where_it_stopped(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put(folder, "old.toml", save_of(scripted_game(1), updated=T0))
    put(folder, "new.toml", save_of(scripted_game(3), updated=T1))
    seen: list[LoadedSave] = []

    def run(loaded: LoadedSave, session: SaveSession) -> int:
        seen.append(loaded)
        assert session.locked and session.path.name == "new.toml"
        return 0

    assert resume_command(["--resume"], run=run) == 0
    (loaded,) = seen
    assert loaded.game.log == scripted_game(3).log
    assert loaded.game.submitted == {"fr"}


def test_resume_by_name_with_the_default_runner_reveals_no_order(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put(folder, "mine.toml", save_of(scripted_game(3)))
    assert resume_command(["--resume", "mine"], clock=clock) == 0
    out = capsys.readouterr().out
    assert "Resumed mine.toml: Test" in out
    assert "round 4 of 5, orders phase" in out
    assert "orders submitted (sealed): fr" in out
    assert "still to submit: uk, ua, ru, un" in out
    assert "pledge" not in out and "pass" not in out


def test_resume_with_no_saves(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert resume_command(["--resume"]) == 1
    assert "no save to resume" in capsys.readouterr().err


def test_resume_refuses_a_save_another_wargame_holds(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = put(folder, "held.toml", GOOD)
    holder = SaveSession.open(path, load_save(path).meta)
    try:
        assert resume_command(["--resume", str(path)]) == 1
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "open in another wargame" in err


def test_resume_cleans_leftover_temps_at_start(folder: Path) -> None:
    put(folder, "g.toml", GOOD)
    temp = put(folder, f"{TEMP_PREFIX}g.toml.deadbeef", GOOD[:300])
    assert resume_command(["--resume"], run=lambda loaded, session: 0) == 0
    assert not temp.exists()


def test_resume_force_records_the_override_in_the_save_at_once(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = GOOD.replace(b"troops 6000 to un_mission", b"troops 7000 to un_mission")
    path = put(folder, "edited.toml", edited)
    assert resume_command(["--resume", str(path)]) == 1
    assert "checksum does not match" in capsys.readouterr().err
    assert path.read_bytes() == edited  # a refused load never writes

    assert (
        resume_command(
            ["--resume", str(path), "--force"], run=lambda loaded, session: 0, clock=clock
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "warning:" in err and "checksum does not match" in err
    document = load_save(path).document  # loads without --force now
    assert [o.split(" ", 1)[1].split(":")[0] for o in document.overrides] == [
        "checksum does not match",
        "round 1 replays to a different state than recorded",
    ]


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_resume_of_each_corrupt_save_is_one_line_and_status_1(
    case: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = CORPUS[case]
    path = put(folder, "game.toml", make())
    before = path.read_bytes()
    assert resume_command(["--resume", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert expected.replace("game.toml", str(path)) in err
    assert path.read_bytes() == before


def test_resume_of_a_missing_save(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert resume_command(["--resume", "nope"]) == 1
    assert "nope: no such save" in capsys.readouterr().err


# --- wargame fork -------------------------------------------------------------------------------


def test_fork_writes_a_what_if_game_at_the_start_of_the_round(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = put(folder, "war.toml", GOOD)
    assert fork_command(["war", "--round", "3"], clock=clock) == 0
    out = capsys.readouterr().out
    child = folder / "war-fork-r3.toml"
    assert f"Forked war.toml at the start of round 3: {child}" in out
    loaded = load_save(child)
    assert loaded.document.fork is not None
    assert (loaded.document.fork.parent, loaded.document.fork.round) == ("war.toml", 3)
    assert loaded.game.state.round == 3 and loaded.game.state.phase.value == "negotiation"
    assert loaded.game.log == load_save(parent).game.log[:46]
    assert parent.read_bytes() == GOOD


def test_fork_with_an_output_name(folder: Path, tmp_path: Path) -> None:
    put(folder, "war.toml", GOOD)
    assert fork_command(["war.toml", "--round", "2", "-o", "what-if"], clock=clock) == 0
    assert (folder / "what-if.toml").exists()
    assert fork_command(["war.toml", "--round", "2", "-o", str(tmp_path / "x" / "y.toml")]) == 0
    assert (tmp_path / "x" / "y.toml").exists()


def test_fork_never_overwrites(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(folder, "war.toml", GOOD)
    taken = put(folder, "war-fork-r2.toml", b"precious")
    assert fork_command(["war", "--round", "2"]) == 1
    assert "already exists; choose another name with -o" in capsys.readouterr().err
    assert taken.read_bytes() == b"precious"


def test_fork_of_a_round_not_reached(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(folder, "war.toml", GOOD)
    assert fork_command(["war", "--round", "9"]) == 1
    assert "round 9 has not started in this game (it has ended)" in capsys.readouterr().err


def test_fork_usage_errors_exit_2(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert fork_command(["war"]) == 2
    assert fork_command(["war", "--round", "0"]) == 2
    assert "is not a round number" in capsys.readouterr().err


def test_fork_of_a_corrupt_save(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(folder, "war.toml", GOOD[:-100])
    assert fork_command(["war", "--round", "2"]) == 1
    assert "checksum line is missing" in capsys.readouterr().err
    assert not [p for p in os.listdir(folder) if "fork" in p]
