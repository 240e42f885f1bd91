"""UI benchmark: start-up time, memory, and key-to-screen time (reported, not asserted).

Run on demand (not part of the test suite):

    python tests/benchmarks/bench_ui.py [--runs N]

1. Start-up as a player sees it: the time from launching `wargame play` in a
   tmux pane (the default scenario, the flagship) until its first screen's text
   is on the pane (`tmux capture-pane`, polled every 10 ms), against a bare
   Textual app showing a comparable static screen (Header, a 15-row DataTable,
   Footer) measured the same way, alternating with it; median of N runs each.
   The start screen's card cache (docs/DECISIONS.md, "Start-up") and Python's
   bytecode cache are warm, as after a first run (PYTHONDONTWRITEBYTECODE is
   cleared for both apps; the bytecode goes to a temporary folder); one cold
   run (no card cache, wargame's modules compiled afresh) is reported apart.
2. Peak RSS (VmHWM from /proc) of both at their first screen, and of wargame
   once it shows the board.
3. Key to screen on the board, two ways: in a real pseudo-terminal (write the
   key, wait for the new tab's text in the output) and with Pilot (the time
   `pilot.press` takes, which includes Pilot's wait for the app to go idle).

Targets (from the issue): start <= 1.2x the bare app's, memory <= 1.5x,
key to screen <= 50 ms. The machine is shared: compare, never assert.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import NamedTuple

COLS, ROWS = 100, 30
ANSI = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)

BARE_APP = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    BINDINGS = [("t", "noop", "Table"), ("o", "noop", "Orders")]

    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Member", "P5", "Vote")
        for i in range(14):
            table.add_row(f"Member {i}", "P5" if i < 5 else "", "yes")
        table.add_row("bare-ready", "", "yes")

    def action_noop(self):
        pass

Bare().run()
"""


class Term:
    """A process on a pseudo-terminal, with its output as plain text."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
        env.pop("NO_COLOR", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.raw = b""
        self.mark = 0

    def text_since_mark(self) -> str:
        return ANSI.sub(b"", self.raw[self.mark :]).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 20.0) -> float:
        """Seconds (perf_counter) when `needle` appeared in the output after the mark."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.master], [], [], 0.01)
            if ready:
                try:
                    chunk = os.read(self.master, 1 << 16)
                except OSError:
                    break
                self.raw += chunk
                if needle in self.text_since_mark():
                    return time.perf_counter()
        raise TimeoutError(
            f"{needle!r} did not appear; last output: {self.text_since_mark()[-400:]!r}"
        )

    def send(self, data: bytes) -> float:
        self.mark = len(self.raw)
        sent = time.perf_counter()
        os.write(self.master, data)
        return sent

    def peak_rss_mib(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        kib = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]
        return kib / 1024

    def close(self, keys: bytes = b"") -> None:
        if keys and self.proc.poll() is None:
            for key in keys:
                os.write(self.master, bytes([key]))
                time.sleep(0.3)
        try:
            self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


TMUX = ["tmux", "-L", f"wargame-bench-{os.getpid()}", "-f", "/dev/null"]
"""A tmux server of the benchmark's own, started once (kept warm by a idle session)."""


def tmux(*args: str) -> str:
    return subprocess.run([*TMUX, *args], capture_output=True, text=True, check=True).stdout


class Startup(NamedTuple):
    """One start-up measured in tmux."""

    seconds: float
    """Wall time from launching the command to every needle on the pane."""
    cpu: float
    """CPU seconds (user + system) the process had used by then: less sensitive to a
    busy machine than wall time, which is what the player sees."""
    rss_mib: float
    """Peak resident memory by then (VmHWM)."""


def tmux_startup(argv: list[str], needles: tuple[str, ...], env: dict[str, str]) -> Startup:
    """Launch `argv` in a new tmux pane and wait until every needle is on it."""
    name = "run"
    command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command += " exec " + shlex.join(argv)
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", name, "-x", str(COLS), "-y", str(ROWS), command)
    try:
        end = started + 60
        while time.perf_counter() < end:
            pane = tmux("capture-pane", "-p", "-t", name)
            if all(needle in pane for needle in needles):
                seen = time.perf_counter() - started
                pid = tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip()
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks = int(stat[11]) + int(stat[12])  # utime, stime
                status = Path(f"/proc/{pid}/status").read_text()
                kib = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]
                return Startup(seen, ticks / os.sysconf("SC_CLK_TCK"), kib / 1024)
            time.sleep(0.01)
        raise TimeoutError(f"{needles} did not all appear; the pane shows:\n{pane}")
    finally:
        tmux("kill-session", "-t", name)


def wargame_board(cwd: Path, cycles: int) -> tuple[list[float], float]:
    """Key-to-screen times on the board in a real pty, and the peak RSS there."""
    argv = [sys.executable, "-m", "wargame", "play", "tutorial", "--dir", str(cwd / "saves")]
    term = Term(argv, cwd)
    times: list[float] = []
    try:
        term.wait_for("Council at work")
        term.send(b"\x13")  # ctrl+s: start the game
        term.wait_for("Pass the keyboard")
        term.send(b"\x1b")  # Escape: to the board
        term.wait_for("Round 1 of 3")
        time.sleep(0.5)
        steps = [
            (b"2", "Security Council (P5"),
            (b"3", "Public objectives, if the game ended now"),
            (b"1", "Drafts before the council"),
        ]
        for _ in range(cycles):
            for key, needle in steps:
                sent = term.send(key)
                times.append(term.wait_for(needle) - sent)
                time.sleep(0.05)
        return times, term.peak_rss_mib()
    finally:
        term.close(b"\x11y")


async def pilot_keys(cycles: int) -> list[float]:
    """`pilot.press` times for tab keys on the board (includes Pilot's idle wait)."""
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    from wargame.scenario_files import load
    from wargame.ui.app import WargameApp
    from wargame.ui.screens.start import GameSetup

    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = WargameApp("tutorial", save_dir=Path(tmp))
        async with app.run_test(size=(COLS, ROWS)) as pilot:
            await pilot.pause()
            app.begin_game(GameSetup(load("tutorial"), {}, seed=1))
            app.show_board()
            await pilot.pause(0.3)
            for _ in range(cycles):
                for key in ("2", "3", "1"):
                    start = time.perf_counter()
                    await pilot.press(key)
                    times.append(time.perf_counter() - start)
    return times


IMPORTS = {
    "python alone": "pass",
    "textual (app, widgets)": "import textual.app, textual.widgets",
    "wargame.scenario.models": "import wargame.scenario.models",
    "wargame.game (engine)": "import wargame.game",
    "wargame.ui.app (all)": "import wargame.ui.app",
    "ui.app + load(tutorial)": "import wargame.ui.app; "
    "from wargame.scenario_files import load; load('tutorial')",
}


def import_costs(runs: int) -> dict[str, float]:
    """Median wall time of a fresh interpreter doing each import (where start-up goes)."""
    out = {}
    for name, code in IMPORTS.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        out[name] = statistics.median(times)
    return out


def ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:6.1f} ms   "
        f"min {min(values) * 1000:6.1f}   max {max(values) * 1000:6.1f}   (n={len(values)})"
    )


STARTUP_NEEDLES = {
    "bare": ("bare-ready", "Table"),
    "wargame": ("Scenario (Enter picks it)", "Guarantees for Ukraine", "Seed (empty", "Start game"),
}
"""Text of each app's first screen: its list (or table), its briefing, its key bar."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-ups of each app (default 7)")
    parser.add_argument(
        "--startup-only", action="store_true", help="measure the start-up only (quicker)"
    )
    parser.add_argument(
        "--compare",
        metavar="CHECKOUT",
        type=Path,
        help="also start wargame from another checkout (e.g. a worktree of main), same runs",
    )
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("the start-up is measured in tmux: install tmux")
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        bare = cwd / "bare_app.py"
        bare.write_text(BARE_APP)
        console_script = Path(sys.executable).with_name("wargame")
        launcher = (
            [str(console_script)] if console_script.exists() else [sys.executable, "-m", "wargame"]
        )
        argv = {
            "bare": [sys.executable, str(bare)],
            "wargame": [*launcher, "play", "--dir", str(cwd / "saves")],
        }
        cache = cwd / "cache"
        # Bytecode is cached as on a player's machine after the first run (pip compiles an
        # installed package; Python writes __pycache__ on first import). Some shells here
        # set PYTHONDONTWRITEBYTECODE, which makes every start compile wargame's own modules
        # again (Textual's came compiled with it); the cache goes to a folder of the run's
        # own, not into the checkouts. The first run (cold) below has neither cache of
        # wargame's.
        pycache = cwd / "pycache"
        env = {
            "COLORTERM": "truecolor",
            "WARGAME_CACHE_DIR": str(cache),
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(pycache),
        }
        envs = {"bare": env, "wargame": env}
        if args.compare:
            argv["other"] = argv["wargame"]
            envs["other"] = {**env, "PYTHONPATH": str(args.compare.resolve())}
        tmux("new-session", "-d", "-s", "idle", "sleep 3600")  # the server, kept up
        try:
            for name in argv:  # warm the file cache and the card cache
                tmux_startup(
                    argv[name], STARTUP_NEEDLES["bare" if name == "bare" else "wargame"], envs[name]
                )
            runs: dict[str, list[Startup]] = {name: [] for name in argv}
            for _ in range(args.runs):
                for name in argv:
                    needles = STARTUP_NEEDLES["bare" if name == "bare" else "wargame"]
                    runs[name].append(tmux_startup(argv[name], needles, envs[name]))
            shutil.rmtree(cache, ignore_errors=True)
            # wargame's modules compiled in memory, Textual's read from its install
            cold_env = {**env, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": ""}
            cold = tmux_startup(argv["wargame"], STARTUP_NEEDLES["wargame"], cold_env)
        finally:
            tmux("kill-server")
        if not args.startup_only:
            board_keys, board_rss = wargame_board(cwd, cycles=5)
    if not args.startup_only:
        pilot = asyncio.run(pilot_keys(cycles=5))
        imports = import_costs(args.runs)

    def median(name: str, field: str) -> float:
        return statistics.median(getattr(run, field) for run in runs[name])

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, terminal {COLS}x{ROWS}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("\nStart-up: launch in tmux -> first screen's text on the pane")
    labels = {"bare": "bare Textual app", "wargame": "wargame play", "other": "  from --compare"}
    for name in runs:
        print(f"  {labels[name]:17} wall {ms([r.seconds for r in runs[name]])}")
        print(f"  {'':17} CPU  {ms([r.cpu for r in runs[name]])}")
    for name in [name for name in runs if name != "bare"]:
        wall = median(name, "seconds") / median("bare", "seconds")
        cpu = median(name, "cpu") / median("bare", "cpu")
        print(
            f"  {labels[name]:17} ratio of medians: wall {wall:.2f}x, CPU {cpu:.2f}x   (target <= 1.2x)"
        )
    print(
        f"  wargame play with no card cache and no bytecode cache (a first run): "
        f"wall {cold.seconds * 1000:.0f} ms, CPU {cold.cpu * 1000:.0f} ms"
    )
    mw, mb = median("wargame", "rss_mib"), median("bare", "rss_mib")
    print("\nPeak RSS (VmHWM) at the first screen")
    print(f"  bare Textual app  {mb:6.1f} MiB")
    print(f"  wargame play      {mw:6.1f} MiB   ratio {mw / mb:.2f}x   (target <= 1.5x)")
    if args.startup_only:
        return
    print("  where start-up goes: a fresh interpreter doing only...")
    for name, seconds in imports.items():
        print(f"    {name:26} {seconds * 1000:6.0f} ms")
    print(f"\nwargame on the board: peak RSS {board_rss:.1f} MiB")
    print("Key to updated screen on the board (tab keys 2, 3, 1)")
    print(f"  real pty          {ms(board_keys)}   (target <= 50 ms)")
    print(f"  Pilot press       {ms(pilot)}   (includes Pilot's idle wait)")


if __name__ == "__main__":
    main()
