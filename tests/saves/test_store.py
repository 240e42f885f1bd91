"""Writing without loss: fault injection, the one-writer lock, temp cleanup, the session."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.saves.games import T0, T1, meta_for, scripted_game
from wargame.game import Game
from wargame.problems import ProblemsError
from wargame.saves import SaveInterrupted, SaveLocked, SaveSession, cleanup_temps, load_save
from wargame.saves.store import TEMP_PREFIX, atomic_write, lock_path, temp_name

REAL_WRITE = os.write
REAL_FSYNC = os.fsync
REAL_OPEN = os.open


def clock() -> Any:
    return T1


@pytest.fixture
def game() -> Game:
    return scripted_game(2)


@pytest.fixture
def session(tmp_path: Path, game: Game) -> Iterator[SaveSession]:
    """A session whose save already holds the game; the test then breaks the next write."""
    with SaveSession.create(tmp_path, meta_for(game.scenario), "test", clock=clock) as s:
        assert s.write(game) is None
        yield s


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def next_move(game: Game) -> None:
    game.apply("uk pass")


def check_failure_left_no_trace(
    session: SaveSession, game: Game, message: str | None, expected: str
) -> None:
    """The common assertions: message shown, old save intact, no temp, the game goes on."""
    assert message is not None and expected in message
    assert "previous save is intact" in message or "interrupted" in message
    assert session.last_error == message
    assert temps(session.path.parent) == []


@pytest.fixture
def before(session: SaveSession) -> bytes:
    return session.path.read_bytes()


# --- fault injection --------------------------------------------------------------------


def test_replace_failing_leaves_the_previous_save(
    session: SaveSession, game: Game, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    next_move(game)

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    message = session.write(game)
    monkeypatch.undo()
    check_failure_left_no_trace(session, game, message, "could not save")
    assert session.path.read_bytes() == before
    assert "input/output error" in (message or "")
    # the game goes on, and the next write catches up
    assert session.write(game) is None
    assert load_save(session.path).game.log == game.log


def test_fsync_failing_leaves_the_previous_save(
    session: SaveSession, game: Game, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    next_move(game)

    def broken_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    message = session.write(game)
    monkeypatch.undo()
    check_failure_left_no_trace(session, game, message, "could not save")
    assert session.path.read_bytes() == before
    assert session.write(game) is None


def test_disk_full_halfway_leaves_the_previous_save(
    session: SaveSession, game: Game, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    next_move(game)
    calls: list[int] = []

    def filling_write(fd: int, data: Any) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return REAL_WRITE(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", filling_write)
    message = session.write(game)
    monkeypatch.undo()
    assert len(calls) == 2  # half was written before the disk filled up
    check_failure_left_no_trace(session, game, message, "the disk is full")
    assert session.path.read_bytes() == before
    assert session.write(game) is None


def test_ctrl_c_during_the_write_leaves_the_previous_save(
    session: SaveSession, game: Game, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    next_move(game)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)

    def interrupted_write(fd: int, data: Any) -> int:
        written = REAL_WRITE(fd, bytes(data[: len(data) // 3]))
        signal.raise_signal(signal.SIGINT)  # a real Ctrl-C, delivered mid-write
        return written

    monkeypatch.setattr(os, "write", interrupted_write)
    try:
        with pytest.raises(SaveInterrupted) as caught:
            session.write(game)
    finally:
        monkeypatch.undo()
        signal.signal(signal.SIGINT, previous)
    assert isinstance(caught.value, KeyboardInterrupt)
    check_failure_left_no_trace(session, game, caught.value.message, "was interrupted")
    assert session.path.read_bytes() == before
    assert session.write(game) is None


def test_read_only_folder_is_reported(
    session: SaveSession, game: Game, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root here, where chmod cannot make a folder read-only: refuse
    # the temp file's creation the way a read-only mount does.
    next_move(game)

    def read_only_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if Path(path).name.startswith(TEMP_PREFIX):
            raise OSError(errno.EROFS, "Read-only file system")
        return REAL_OPEN(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", read_only_open)
    message = session.write(game)
    monkeypatch.undo()
    check_failure_left_no_trace(session, game, message, "the folder is read-only")
    assert session.path.read_bytes() == before


def test_folder_fsync_failing_after_the_replace_is_reported(
    session: SaveSession, game: Game, monkeypatch: pytest.MonkeyPatch
) -> None:
    next_move(game)

    def fsync_files_only(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EIO, "Input/output error")
        REAL_FSYNC(fd)

    monkeypatch.setattr(os, "fsync", fsync_files_only)
    message = session.write(game)
    monkeypatch.undo()
    assert message is not None and "may not survive a power cut" in message
    assert load_save(session.path).game.log == game.log  # the new save is in place
    assert temps(session.path.parent) == []


def _in_child(work: Callable[[], bytes]) -> bytes:
    """Run `work` in a forked child; return what it returned (through a pipe)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read_end)
            REAL_WRITE(write_end, work())
        finally:
            os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return b"".join(chunks)


def test_a_real_file_size_limit_halfway_leaves_the_previous_save(
    session: SaveSession, game: Game, before: bytes
) -> None:
    """Disk full for real: RLIMIT_FSIZE makes the kernel refuse the write mid-file."""
    game.apply("uk pledge big troops 10 to coalition")

    def write_with_limit() -> bytes:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) // 2, len(before) // 2))
        return (session.write(game) or "saved").encode()

    message = _in_child(write_with_limit).decode()
    assert "could not save" in message and "the file is too large" in message
    assert session.path.read_bytes() == before
    assert temps(session.path.parent) == []


def test_atomic_write_creates_a_new_file(tmp_path: Path) -> None:
    atomic_write(tmp_path / "a.toml", b"hello")
    assert (tmp_path / "a.toml").read_bytes() == b"hello"
    assert temps(tmp_path) == []


def test_a_failed_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(errno.EIO, "x")))
    with pytest.raises(OSError):
        atomic_write(tmp_path / "a.toml", b"hello")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- one writer per save ---------------------------------------------------------------


def test_a_second_session_on_the_same_save_is_refused(session: SaveSession, game: Game) -> None:
    with pytest.raises(SaveLocked) as caught:
        SaveSession.open(session.path, meta_for(game.scenario))
    (problem,) = caught.value.problems
    assert f"this save is open in another wargame (process {os.getpid()} on " in problem.message
    assert "it will not be written from here" in problem.message


def test_a_locked_save_can_still_be_loaded_read_only(session: SaveSession, game: Game) -> None:
    assert load_save(session.path).game.log == game.log


def test_the_lock_is_free_again_after_close(session: SaveSession, game: Game) -> None:
    session.close()
    with SaveSession.open(session.path, meta_for(game.scenario)) as again:
        assert again.locked


def test_a_closed_session_refuses_to_write(session: SaveSession, game: Game) -> None:
    session.close()
    assert "was closed" in (session.write(game) or "")


def test_the_lock_dies_with_its_process(tmp_path: Path, game: Game) -> None:
    save = tmp_path / "g.toml"
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child holds the lock until killed
        try:
            SaveSession.open(save, meta_for(game.scenario))
            os.write(ready_w, b"x")
            signal.pause()
        finally:
            os._exit(0)
    os.read(ready_r, 1)
    with pytest.raises(SaveLocked, match=f"process {pid} on"):
        SaveSession.open(save, meta_for(game.scenario))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with SaveSession.open(save, meta_for(game.scenario)) as mine:
        assert mine.locked


def test_lock_file_sits_beside_the_save_and_is_hidden(session: SaveSession) -> None:
    assert lock_path(session.path).exists()
    assert lock_path(session.path).name == f".{session.path.name}.lock"


def test_a_folder_that_cannot_hold_a_lock_opens_unlocked_with_a_warning(
    tmp_path: Path, game: Game, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_lock_files(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return REAL_OPEN(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", no_lock_files)
    session = SaveSession.open(tmp_path / "g.toml", meta_for(game.scenario))
    assert not session.locked
    assert session.warning == "cannot lock g.toml: the folder is read-only; saving may fail"


# --- temp cleanup ---------------------------------------------------------------------------


def test_opening_a_save_removes_its_leftover_temps_only(tmp_path: Path, game: Game) -> None:
    save = tmp_path / "g.toml"
    ours = tmp_path / temp_name(save)
    other_save = tmp_path / temp_name(tmp_path / "other.toml")
    foreign = [tmp_path / ".g.toml.tmp", tmp_path / "notes.txt", tmp_path / f"{TEMP_PREFIX}x"]
    for path in [ours, other_save, *foreign]:
        path.write_bytes(b"half a save")
    with SaveSession.open(save, meta_for(game.scenario)):
        pass
    assert not ours.exists()
    assert other_save.exists()
    assert all(p.exists() for p in foreign)


def test_cleanup_spares_the_temps_of_a_save_another_writer_holds(tmp_path: Path) -> None:
    busy = tmp_path / "busy.toml"
    idle = tmp_path / "idle.toml"
    busy_temp = tmp_path / temp_name(busy)
    idle_temp = tmp_path / temp_name(idle)
    idle_temp.write_bytes(b"left by a killed writer")
    with SaveSession.open(busy, meta_for(scripted_game(1).scenario)):
        busy_temp.write_bytes(b"in flight")  # the holder is writing
        assert cleanup_temps(tmp_path) == [idle_temp]
    assert busy_temp.exists() and not idle_temp.exists()


# --- the session ------------------------------------------------------------------------------


def test_new_saves_get_a_scenario_and_time_name_and_never_overwrite(
    tmp_path: Path, game: Game
) -> None:
    meta = meta_for(game.scenario)
    first = SaveSession.create(tmp_path / "saves", meta, "flagship", clock=lambda: T0)
    first.write(game)
    second = SaveSession.create(tmp_path / "saves", meta, "flagship", clock=lambda: T0)
    assert first.path.name == "flagship-20251127-190000.toml"
    assert second.path.name == "flagship-20251127-190000-2.toml"
    first.close()
    second.close()


def test_create_reports_a_folder_it_cannot_make(tmp_path: Path, game: Game) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ProblemsError, match="cannot create the saves folder"):
        SaveSession.create(tmp_path / "file" / "saves", meta_for(game.scenario), "t")


def test_every_accepted_action_autosaves_and_reloads(tmp_path: Path) -> None:
    game = scripted_game(1, half=False)
    with SaveSession.create(tmp_path, meta_for(game.scenario), "test", clock=clock) as session:
        for line in ["orders", "fr pass", "fr submit", "uk submit"]:
            game.apply(line)
            assert session.write(game) is None
            assert load_save(session.path).game.log == game.log
        assert session.writes == 4


def test_the_package_imports_where_there_is_no_fcntl() -> None:
    """Windows has no fcntl: the package still imports, and locking says why it cannot."""
    code = (
        "import sys; sys.modules['fcntl'] = None\n"
        "import wargame.cli, wargame.saves.store, wargame.saves.filelock as f\n"
        "import os, tempfile\n"
        "fd, _ = tempfile.mkstemp()\n"
        "try:\n"
        "    f.lock(fd)\n"
        "except OSError as error:\n"
        "    print('refused:', error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "saves cannot be locked on this system" in done.stdout
