"""`wargame play` in a real terminal (tmux): the first screen shows, ctrl+q quits."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def wait_until(check: Callable[[], bool], seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return check()


def test_wargame_play_starts_in_tmux_and_quits_cleanly(tmp_path: Path) -> None:
    socket = f"wargame-smoke-{os.getpid()}"
    session = "smoke"

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", session)

    command = shlex.join(
        [sys.executable, "-m", "wargame", "play", "tutorial", "--dir", str(tmp_path / "saves")]
    )
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(tmp_path))
    try:
        tmux("set", "-t", session, "-s", "escape-time", "0")
        tmux("set", "-t", session, "remain-on-exit", "on")
        tmux("respawn-pane", "-k", "-t", session, command)
        assert wait_until(lambda: "Tutorial: the Council at work" in screen()), screen()
        assert "Start game" in screen()
        tmux("send-keys", "-t", session, "C-q")
        assert wait_until(lambda: "Quit wargame?" in screen()), screen()
        tmux("send-keys", "-t", session, "y")

        def exit_status() -> str:
            # tmux marks the pane dead when its terminal closes and learns the
            # exit status a little later (SIGCHLD): on a busy machine the two
            # are apart, so wait for the status itself, not for pane_dead.
            fields = "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"
            return tmux("display", "-p", "-t", session, fields).strip()

        assert wait_until(lambda: exit_status().split(":")[1:2] not in ([], [""])), (
            exit_status(),
            screen(),
        )
        assert exit_status() == "1:0:", (exit_status(), screen())
        assert "Traceback" not in screen()
    finally:
        tmux("kill-server")
