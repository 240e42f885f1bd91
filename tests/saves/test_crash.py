"""The crash test: a writer killed with SIGKILL at random moments never leaves a torn save.

A child process resumes the game from the save (as `wargame play --resume`
would), takes the lock, and goes on playing a scripted game, autosaving after
every line and reporting each completed write through a pipe. The parent kills
it with SIGKILL after a random delay, then checks that the surviving save loads
(checksum, replay, round hashes) and is exactly the last state the child
reported or the one after it (the write in flight had already been renamed
into place). Then the next child starts from whatever survived.

WARGAME_CRASH_KILLS sets the number of kills (default 200; CI uses the
default). Children are forked from the test process, so each starts in about
a millisecond with everything imported; a SIGKILL keeps the OS cache, so this
proves crash safety of the program, not power-cut safety.
"""

from __future__ import annotations

import os
import random
import signal
import time
import tomllib
import traceback
from collections import Counter
from pathlib import Path

import pytest

from tests.saves.games import T1, meta_for, saves_scenario, scripted_log
from wargame.game import Game
from wargame.problems import ProblemsError
from wargame.saves import SaveSession, cleanup_temps, load_save, save_bytes
from wargame.saves.store import TEMP_PREFIX

KILLS = int(os.environ.get("WARGAME_CRASH_KILLS", "200"))
ROUNDS = 30
MAX_DELAY = 0.060  # seconds before the kill: long enough to land in loads and in writes
FROM_START = 0.75
"""Share of kills timed from the child's report that it has loaded the save (the rest are
timed from the fork, so some land in loads): on a busy machine, loading alone took most of
60 ms and only 2 kills in 200 landed inside a write. Waiting on the child's state, not on
the clock, keeps the test's aim whatever the machine's load."""


def _child(save: Path, script: list[str], report: int) -> None:
    """Resume the scripted game from `save` and autosave every line until killed."""
    scenario = saves_scenario(ROUNDS + 1)
    if save.exists():
        loaded = load_save(save)
        game, meta = loaded.game, loaded.meta
    else:
        game, meta = Game.start(scenario, 7), meta_for(scenario)
    done = len(game.log)
    if game.log != script[:done]:
        raise AssertionError("the save is not a prefix of the script")
    os.write(report, f"start {done}\n".encode())
    session = SaveSession.open(save, meta)
    for line in script[done:]:
        game.apply(line)
        failure = session.write(game)
        if failure:
            raise AssertionError(failure)
        os.write(report, f"{len(game.log)}\n".encode())
    os.write(report, b"done\n")
    signal.pause()


def _temps(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)}


def _read_all(fd: int, chunks: list[bytes] | None = None) -> str:
    chunks = chunks or []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


def _read_until_started(fd: int) -> list[bytes]:
    """Read the child's reports until it says it has loaded the save (or it ends)."""
    data = b""
    while b"start " not in data and b"error " not in data:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return [data]


def test_sigkill_at_random_moments_never_tears_a_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = scripted_log(ROUNDS)
    save = tmp_path / "crash.toml"
    rng = random.Random(20251127)
    figures: Counter[str] = Counter()
    saved = 0  # log length of the save on disk
    started = time.perf_counter()
    for _ in range(KILLS):
        temps_before = _temps(tmp_path)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_end)
            try:
                _child(save, script, write_end)
            except BaseException:
                os.write(write_end, f"error {traceback.format_exc()!r}\n".encode())
            finally:
                os._exit(0)
        os.close(write_end)
        early: list[bytes] = []
        if rng.random() < FROM_START:
            early = _read_until_started(read_end)
        time.sleep(rng.uniform(0, MAX_DELAY))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        figures["kills"] += 1
        reports = _read_all(read_end, early).split("\n")
        assert not [r for r in reports if r.startswith("error")], reports
        confirmed = [int(r) for r in reports if r.isdigit()]
        starts = [int(r.split()[1]) for r in reports if r.startswith("start")]
        last = confirmed[-1] if confirmed else (starts[0] if starts else saved)
        if starts and not confirmed:
            figures["killed before its first write"] += 1
        if not starts:
            figures["killed while loading the save"] += 1
        if _temps(tmp_path) - temps_before:
            figures["killed inside a write (it left a temp file)"] += 1

        if not save.exists():
            assert last == 0, "a save vanished"
            figures["no save yet"] += 1
            continue
        loaded = load_save(save)  # raises on a torn save: the test fails
        now = len(loaded.game.log)
        assert loaded.game.log == script[:now]
        assert now in (last, last + 1), (now, last)
        figures["survivor = last reported state" if now == last else "survivor = next state"] += 1
        figures["saves checked"] += 1
        saved = now
        if "done" in reports or now == len(script):
            figures["games finished and restarted"] += 1
            save.unlink()
            saved = 0

    leftover = cleanup_temps(tmp_path)
    assert all(p.name.startswith(TEMP_PREFIX) for p in leftover)
    elapsed = time.perf_counter() - started
    assert figures["kills"] == KILLS
    assert figures["saves checked"] + figures["no save yet"] == KILLS
    assert figures["killed inside a write (it left a temp file)"] > 0, figures  # the aim
    with capsys.disabled():
        print(
            f"\ncrash test: {elapsed:.1f} s; "
            + "; ".join(f"{k}: {v}" for k, v in sorted(figures.items()))
        )


def _naive_child(save: Path, script: list[str], report: int) -> None:
    """The control: the same game saved the naive way (truncate, then serialize and write)."""
    scenario = saves_scenario(ROUNDS + 1)
    game, meta = Game.start(scenario, 7), meta_for(scenario)
    for line in script:
        game.apply(line)
        with open(save, "wb") as file:
            file.write(save_bytes(game, meta, updated=T1))
        os.write(report, f"{len(game.log)}\n".encode())
    signal.pause()


def _naive_state(script: list[str], lines: int) -> bytes:
    scenario = saves_scenario(ROUNDS + 1)
    return save_bytes(Game.start(scenario, 7, script[:lines]), meta_for(scenario), updated=T1)


def test_the_crash_test_catches_torn_saves_from_a_naive_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A control: kill a naive writer until it tears saves; every torn one must be refused."""
    script = scripted_log(ROUNDS)
    save = tmp_path / "naive.toml"
    rng = random.Random(7)
    figures: Counter[str] = Counter()
    while figures["torn"] < 10 and figures["kills"] < 400:
        save.unlink(missing_ok=True)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_end)
            try:
                _naive_child(save, script, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        time.sleep(rng.uniform(0.005, 0.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        figures["kills"] += 1
        confirmed = [int(r) for r in _read_all(read_end).split("\n") if r.isdigit()]
        if not save.exists() or not confirmed:
            continue
        data = save.read_bytes()
        if data in (_naive_state(script, confirmed[-1]), _naive_state(script, confirmed[-1] + 1)):
            continue
        figures["torn"] += 1
        if not data:
            figures["torn: empty"] += 1
        try:
            tomllib.loads(data.decode("utf-8", "replace"))
            figures["torn: still valid TOML"] += 1
        except tomllib.TOMLDecodeError:
            pass
        with pytest.raises(ProblemsError):
            load_save(save)
        figures["torn and refused by load"] += 1
    assert figures["torn"] >= 1
    with capsys.disabled():
        print(
            "\nnaive-writer control: " + "; ".join(f"{k}: {v}" for k, v in sorted(figures.items()))
        )
