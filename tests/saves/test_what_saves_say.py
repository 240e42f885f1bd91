"""Saves say what is true (issue 10, part 3), each written from the player's side first.

- `--force` loads what its help says: a log the rules refuse part-way is loaded up to
  the start of the round where it breaks, and the save records that;
- `play --resume` with no name continues the game last played, not the newest file
  (a fork is written later than the game it comes from);
- a read-only folder, an impossible name, a first write that fails and a link to a
  file that is not a save each get their own reason;
- a clean quit leaves no lock file behind.
"""

from __future__ import annotations

import errno
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.saves.games import T0, T1, meta_for, scripted_game
from tests.saves.test_load import GOOD, edit, refusal
from wargame.problems import ProblemsError
from wargame.saves import LoadedSave, SaveSession, load_save, load_save_bytes, save_bytes
from wargame.saves.commands import fork_command, resume_command
from wargame.saves.listing import newest_save, summarize
from wargame.saves.store import SAVES_ENV, TEMP_PREFIX, SaveLock, SaveLocked, lock_path

REAL_OPEN = os.open
BROKEN_LINE = '    "ua pledge x troops 999999 to coalition",\n'


# --- --force --------------------------------------------------------------------------------


def test_force_loads_a_broken_log_up_to_the_start_of_the_round_where_it_breaks() -> None:
    data = edit('    "ua pass",\n', BROKEN_LINE)
    assert "use --force to load it up to the start of round" in refusal(data)
    loaded = load_save_bytes(data, "game.toml", force=True, now=T1)
    game = loaded.game
    assert game.state.round == 1 and not game.round_hashes  # the line was in round 1
    full = load_save_bytes(GOOD, "game.toml").game.log
    assert list(game.log) == list(full[: len(game.log)])  # a prefix of what the save held
    (warning,) = loaded.warnings
    assert warning.startswith("log line 11 ('ua pledge x troops 999999 to coalition') is refused")
    assert "loaded up to the start of round 1" in warning
    assert "--force" in warning
    assert "loaded up to the start of round 1" in loaded.meta.overrides[-1]
    healed = save_bytes(game, loaded.meta, updated=T1)
    assert load_save_bytes(healed, "game.toml").warnings == ()  # loads without --force now


def test_the_help_and_the_readme_say_what_force_does() -> None:
    from wargame.cli import _parser

    help_text = " ".join(_parser().format_help().split())
    play = next(
        a for a in _parser()._subparsers._group_actions[0].choices.items() if a[0] == "play"
    )  # type: ignore[union-attr]
    words = " ".join(play[1].format_help().split())
    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text().split())
    for text in (words, readme):
        assert "up to the start of the round where the log breaks" in text, help_text


# --- resume: the game last played -------------------------------------------------------------


def test_resume_continues_the_game_last_played_not_its_newer_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "saves"
    monkeypatch.setenv(SAVES_ENV, str(folder))
    game = scripted_game(2)
    with SaveSession.create(folder, meta_for(game.scenario), "game", clock=lambda: T0) as s:
        assert s.write(game) is None
        played = s.path
    later = T0 + timedelta(hours=2)
    assert fork_command([str(played), "--round", "1"], clock=lambda: later) == 0
    seen: list[Path] = []

    def run(loaded: LoadedSave, session: SaveSession) -> int:
        seen.append(session.path)
        return 0

    assert resume_command(["--resume"], run=run, clock=lambda: later) == 0
    assert seen == [played]
    assert newest_save(folder) == played


# --- the right reason -------------------------------------------------------------------------


def test_a_read_only_folder_is_called_read_only_when_locking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores chmod here: refuse creating files the way a read-only mount does;
    # opening a missing lock file read-only then fails for real (ENOENT).
    def read_only(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return REAL_OPEN(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", read_only)
    game = scripted_game(1)
    session = SaveSession.open(tmp_path / "g.toml", meta_for(game.scenario))
    assert session.warning == "cannot lock g.toml: the folder is read-only; saving may fail"
    with pytest.raises(ProblemsError) as caught:
        SaveSession.create(tmp_path / "saves", meta_for(game.scenario), "g")
    assert "no longer exists" not in str(caught.value)
    assert "read-only" in str(caught.value)


def test_an_impossible_name_is_not_called_a_missing_folder(tmp_path: Path) -> None:
    game = scripted_game(1)
    with pytest.raises(ProblemsError) as caught:
        SaveSession.create(tmp_path, meta_for(game.scenario), "g", name="x" * 300)
    message = str(caught.value)
    assert "no longer exists" not in message
    assert "the file name is too long" in message


def test_a_first_write_that_fails_does_not_claim_a_previous_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    game = scripted_game(1)
    session = SaveSession.create(tmp_path, meta_for(game.scenario), "g", clock=lambda: T1)

    def no_temps(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if Path(path).name.startswith(TEMP_PREFIX):
            raise OSError(errno.ENOSPC, "No space left on device")
        return REAL_OPEN(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", no_temps)
    message = session.write(game)
    assert message is not None
    assert "previous save" not in message
    assert "nothing has been saved yet" in message
    monkeypatch.undo()
    assert session.write(game) is None
    monkeypatch.setattr(os, "open", no_temps)
    later = session.write(game)
    assert later is not None and "the previous save is intact" in later
    session.close()


def test_a_link_to_a_file_that_is_not_a_save_is_called_so(tmp_path: Path) -> None:
    readme = Path(__file__).parents[2] / "README.md"
    link = tmp_path / "linked.toml"
    link.symlink_to(readme)
    summary = summarize(link)
    assert summary.problem is not None
    assert "truncated" not in summary.problem and "damaged" not in summary.problem
    assert "not a wargame save" in summary.problem
    with pytest.raises(ProblemsError, match="not a wargame save"):
        load_save(link, force=True)


# --- the lock file ----------------------------------------------------------------------------


def test_a_closed_session_leaves_no_lock_file(tmp_path: Path) -> None:
    game = scripted_game(1)
    with SaveSession.create(tmp_path, meta_for(game.scenario), "g") as session:
        assert session.write(game) is None
        assert lock_path(session.path).exists()
    assert not lock_path(session.path).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [session.path.name]


def test_removing_the_lock_file_does_not_let_two_writers_in(tmp_path: Path) -> None:
    save = tmp_path / "g.toml"
    first = SaveLock.acquire(save)
    stale = os.open(lock_path(save), os.O_RDWR)  # a second wargame opened the file...
    first.release()  # ...and the first one quits, removing it
    second = SaveLock.acquire(save)  # a third takes a fresh lock file
    try:
        with pytest.raises(SaveLocked):
            SaveLock.acquire(save)
        assert lock_path(save).exists()
        assert os.fstat(stale).st_ino != os.stat(lock_path(save)).st_ino
    finally:
        os.close(stale)
        second.release()
