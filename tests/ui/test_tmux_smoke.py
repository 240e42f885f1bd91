"""`wargame play` in a real terminal (tmux): the first screen shows, ctrl+q quits;
`wargame play FILE` shows and starts that file; a crash exits non-zero.

Every wait polls the screen until the text appears, with a generous timeout:
nothing here depends on how busy the machine is.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

PATIENCE = 90.0
"""Seconds to wait for a screen: far more than an idle machine needs."""
VALID = Path(__file__).parents[1] / "scenario" / "valid_minimal.toml"


def wait_until(check: Callable[[], bool], seconds: float = PATIENCE) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.1)
    return check()


class Terminal:
    """One tmux server of our own, one pane running one command."""

    def __init__(self, socket: str, cwd: Path) -> None:
        self.socket = socket
        self.session = "smoke"
        self.cwd = cwd
        self.status_file = cwd / "exit-status"

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        ).stdout

    def run(self, *argv: str) -> None:
        """Run `argv` in the pane; a shell around it writes its exit status to a file.

        tmux 3.3 can miss the exit of a pane's process when several end at once (the
        process is left a zombie, `pane_dead_status` stays empty): the status is read
        from the file instead.
        """
        t, s = self.tmux, self.session
        command = f"{shlex.join(argv)}; echo $? > {shlex.quote(str(self.status_file))}"
        t("new-session", "-d", "-s", s, "-x", "100", "-y", "30", "-c", str(self.cwd))
        t("set", "-t", s, "-s", "escape-time", "0")
        t("set", "-t", s, "remain-on-exit", "on")
        t("respawn-pane", "-k", "-t", s, shlex.join(["sh", "-c", command]))

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str) -> None:
        assert wait_until(lambda: text in self.screen()), self.screen()

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def exit_status(self) -> str:
        """Wait for the command to end; its exit status."""
        assert wait_until(self.status_file.exists), self.screen()
        assert wait_until(lambda: self.status_file.read_text().endswith("\n")), self.screen()
        return self.status_file.read_text().strip()


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(f"wargame-smoke-{os.getpid()}-{time.monotonic_ns()}", tmp_path)
    try:
        yield term
    finally:
        term.tmux("kill-server")


def wargame(*args: str) -> list[str]:
    return [sys.executable, "-m", "wargame", *args]


def test_wargame_play_starts_in_tmux_and_quits_cleanly(terminal: Terminal, tmp_path: Path) -> None:
    terminal.run(*wargame("play", "tutorial", "--dir", str(tmp_path / "saves")))
    terminal.wait_for("Tutorial: the Council at work")
    assert "Start game" in terminal.screen()
    terminal.keys("C-q")
    terminal.wait_for("Quit wargame?")
    terminal.keys("y")
    assert terminal.exit_status() == "0", terminal.screen()
    assert "Traceback" not in terminal.screen()


def test_wargame_play_file_shows_and_starts_that_file(terminal: Terminal, tmp_path: Path) -> None:
    own = tmp_path / "ours.toml"
    own.write_text(
        VALID.read_text(encoding="utf-8").replace("Minimal test scenario", "Our own workshop"),
        encoding="utf-8",
    )
    terminal.run(*wargame("play", str(own), "--dir", str(tmp_path / "saves")))
    terminal.wait_for("Our own workshop")
    terminal.wait_for("Five seats, one draft")  # its briefing column, not the flagship's
    terminal.keys("C-s")
    terminal.wait_for("Pass the keyboard to France")
    terminal.keys("C-q")
    terminal.wait_for("Quit wargame?")
    terminal.keys("y")
    assert terminal.exit_status() == "0", terminal.screen()
    saves = list((tmp_path / "saves").glob("minimal-*.toml"))
    assert len(saves) == 1, saves  # the game played is the file's (id "minimal")
    assert not list((tmp_path / "saves").glob(".*.lock"))  # a clean quit leaves no lock file


def test_a_crash_exits_non_zero(terminal: Terminal, tmp_path: Path) -> None:
    crash = (
        "import sys\n"
        "from wargame.ui.screens.start import StartScreen\n"
        "def boom(self): raise RuntimeError('forced crash for the test')\n"
        "StartScreen.on_mount = boom\n"
        "from wargame.cli import main\n"
        f"sys.exit(main(['play', 'tutorial', '--dir', {str(tmp_path / 'saves')!r}]))\n"
    )
    terminal.run(sys.executable, "-c", crash)
    assert terminal.exit_status() == "1", terminal.screen()
    assert "forced crash for the test" in terminal.screen()
