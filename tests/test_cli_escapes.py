"""No terminal escape from a file reaches the terminal through the command line.

Hostile scenarios, saves and file names (tests/escapes.py) go through every
command; nothing on stdout or stderr may hold a raw control character, and the
refusals still say where the problem is, the character shown as a visible sign.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.escapes import ALL, PAYLOADS, raw_controls, toml_string
from tests.saves.games import T1, meta_for, scripted_game
from wargame.cli import main
from wargame.control_chars import visible
from wargame.saves import SaveSeat, save_bytes
from wargame.saves.format import SaveMeta
from wargame.saves.listing import SaveSummary, format_listing
from wargame.saves.store import SAVES_ENV
from wargame.terminal import say

VALID = Path(__file__).parent / "scenario" / "valid_minimal.toml"


def hostile_scenario(tmp_path: Path) -> Path:
    text = VALID.read_text(encoding="utf-8")
    text = text.replace('title = "Minimal test scenario"', f"title = {toml_string(ALL)}")
    text = text.replace("assets = { troops = 90000 }", f"assets = {{ {toml_string(ALL)} = 1 }}")
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def hostile_save(folder: Path, name: str = "hostile.toml") -> Path:
    """A save whose checksum matches but whose player names hold every payload."""
    game = scripted_game(1)
    meta = meta_for(game.scenario)
    seats = {k: SaveSeat(name=v.name, player=ALL) for k, v in meta.seats.items()}
    path = folder / name
    data = save_bytes(game, SaveMeta(meta.scenario_source, seats, meta.created), updated=T1)
    path.write_bytes(data)
    return path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "wargame", *args],
        capture_output=True,
        cwd=cwd,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def assert_inert(*outputs: bytes | str) -> None:
    for output in outputs:
        text = output.decode("utf-8") if isinstance(output, bytes) else output
        assert not raw_controls(text), repr(text)


def test_validate_in_a_real_process_prints_no_escape(tmp_path: Path) -> None:
    path = hostile_scenario(tmp_path)
    done = run("validate", str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert_inert(done.stdout, done.stderr)
    err = done.stderr.decode()
    assert ": title: control character U+001B is not allowed" in err
    assert f'seats[3].assets."{visible(ALL)}": control character U+001B is not allowed' in err


def test_play_of_a_hostile_file_is_refused_inertly_before_any_screen(tmp_path: Path) -> None:
    path = hostile_scenario(tmp_path)
    done = run("play", str(path), "--dir", str(tmp_path / "saves"), cwd=tmp_path)
    assert done.returncode == 1
    assert_inert(done.stdout, done.stderr)
    assert b"control character U+001B is not allowed" in done.stderr


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_a_file_name_with_escapes_is_shown_inert(
    tmp_path: Path,
    payload: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("wargame.cli._run_resumed", lambda loaded, session: 0)  # no screen
    name = f"x{PAYLOADS[payload]}y.toml"
    (tmp_path / name).write_text("not = 'a scenario'\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / name)]) == 1
    assert main(["play", f"no{PAYLOADS[payload]}such"]) == 1
    assert main(["play", "--resume", str(tmp_path / name)]) == 1
    assert main(["fork", str(tmp_path / name), "--round", "1"]) == 1
    assert main(["saves", "--dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert_inert(out, err)
    assert visible(name) in out + err


def test_hostile_saves_are_refused_and_listed_inertly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    monkeypatch.setenv(SAVES_ENV, str(folder))
    monkeypatch.setattr("wargame.cli._run_resumed", lambda loaded, session: 0)  # no screen
    path = hostile_save(folder)
    assert main(["saves"]) == 0
    assert main(["play", "--resume", str(path)]) == 1
    assert main(["fork", str(path), "--round", "1"]) == 1
    out, err = capsys.readouterr()
    assert_inert(out, err)
    expected = "not a valid save: seats.fr.player: control character U+001B is not allowed"
    assert expected in out
    assert f"{path}: {expected}" in err


def test_what_got_past_validation_is_still_printed_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An old save read by an older version, a listing built by hand: the printer holds."""
    seat = SaveSeat.model_construct(name=ALL, player=ALL, control="human", bot=None)
    summary = SaveSummary(tmp_path / f"{ALL}.toml", T1, ALL, 2, "orders", (seat,))
    say(format_listing([summary], tmp_path))
    say(ALL, err=True)
    out, err = capsys.readouterr()
    assert_inert(out, err)
    assert "␛]0;pwned␇" in out and "\\x9b2J" in out and "\\u202e" in err
