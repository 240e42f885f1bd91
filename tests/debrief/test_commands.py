"""`wargame report` and `wargame handouts` on the command line: output, and one-line refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.debrief.make_golden import GOLDEN, SAVES
from wargame.cli import main

FULL = SAVES / "full_game.toml"


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    return captured.err


def test_report_writes_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(FULL)]) == 0
    assert capsys.readouterr().out == (GOLDEN / "full_game.md").read_text(encoding="utf-8")


def test_report_writes_html_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(FULL), "--format", "html", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_of_a_missing_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "nope.toml")]) == 1
    assert one_line_error(capsys).startswith(str(tmp_path / "nope.toml"))


def test_report_of_a_damaged_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "damaged.toml"
    damaged.write_bytes(FULL.read_bytes().replace(b"seed = 2025", b"seed = 2026"))
    assert main(["report", str(damaged)]) == 1
    assert "checksum does not match" in one_line_error(capsys)
    cut = tmp_path / "cut.toml"
    cut.write_bytes(FULL.read_bytes()[:900])
    assert main(["report", str(cut)]) == 1
    assert "truncated" in one_line_error(capsys)


def test_report_to_a_folder_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "report.md"
    assert main(["report", str(FULL), "-o", str(target)]) == 1
    assert one_line_error(capsys).startswith(f"{target}: cannot write")
