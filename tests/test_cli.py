"""The `wargame` command line: validate, schema, scenarios, --version, and bad input.

Most tests call `main()` in the process; a few run the real console script
(`wargame`, or `python -m wargame`) so that nothing between the shell and
`main()` can print a traceback unseen.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wargame import __version__, catalog, scenario_files
from wargame.cli import main
from wargame.problems import ProblemsError
from wargame.scenario import models
from wargame.scenario_files import load, shipped, shipped_dir

SCENARIO_TESTS = Path(__file__).parent / "scenario"
VALID = SCENARIO_TESTS / "valid_minimal.toml"
BROKEN = sorted((SCENARIO_TESTS / "broken").glob("*.toml"))
SEVERAL = SCENARIO_TESTS / "broken" / "several_reference_and_expression_mistakes.toml"
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?: (?:(?P<key>[\w\[\].]+): )?\S.*$")


def problems(path: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


def command() -> list[str]:
    """The installed console script, or `python -m wargame` if there is none."""
    script = Path(sys.executable).parent / "wargame"
    return [str(script)] if script.exists() else [sys.executable, "-m", "wargame"]


def run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command(), *args], capture_output=True, text=True, timeout=60, check=False, **kwargs
    )


# --- validate ------------------------------------------------------------------------


def test_validate_a_good_file_prints_its_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(VALID)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"{VALID}: ok"
    assert lines[1] == "Minimal test scenario (minimal)"
    assert "Five seats, one draft, two endings." in out
    assert re.search(
        r"seats:\s+France, United Kingdom, Ukraine, Russia, UN Secretariat$", out, re.M
    )
    assert re.search(r"rounds:\s+8$", out, re.M)
    assert re.search(
        r"council:\s+15 members \(5 permanent; played: France, Russia, United Kingdom\)$", out, re.M
    )
    assert re.search(
        r"endings:\s+The war widens; A UN mission deploys; Frozen conflict \(default\)$", out, re.M
    )


def test_validate_a_bad_file_lists_every_problem(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SEVERAL)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines == problems(SEVERAL)
    assert len(lines) == 6
    assert all(line.startswith(f"{SEVERAL}:") for line in lines)
    for line in lines:
        match = PROBLEM_LINE.match(line)
        assert match and match["path"] == str(SEVERAL) and match["key"], line


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_validate_prints_each_broken_file_as_load_reports_it(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == problems(path)
    assert "Traceback" not in err


def test_validate_several_paths_mixes_good_and_bad(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    paths = [VALID, SEVERAL, missing, tmp_path, VALID]
    assert main(["validate", *map(str, paths)]) == 1
    out, err = capsys.readouterr()
    assert [line for line in out.splitlines() if line.endswith(": ok")] == [f"{VALID}: ok"] * 2
    assert err.splitlines() == [
        *problems(SEVERAL),
        f"{missing}: no such file",
        f"{tmp_path}: this is a folder, not a file",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.toml", "no such file"), (".", "this is a folder, not a file")],
    ids=["missing", "folder"],
)
def test_validate_a_path_that_is_no_file_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    path = tmp_path / name
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{path}: {message}\n"


# --- schema ---------------------------------------------------------------------------


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_schema_is_json_schema_described_by_the_field_docstrings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["type"] == "object" and schema["title"] == "Scenario"
    assert schema["additionalProperties"] is False
    assert {"id", "title", "rounds", "seats", "council", "endings"} <= set(schema["required"])
    rounds = schema["properties"]["rounds"]
    assert rounds["description"].startswith("Number of rounds")
    assert (rounds["type"], rounds["minimum"], rounds["maximum"]) == ("integer", 1, 50)
    for ref in _refs(schema):  # every reference resolves
        assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in schema["$defs"]
    objects = {"Scenario": schema} | schema["$defs"]
    described = 0
    for name, definition in objects.items():
        model = getattr(models, name)
        for prop, spec in definition.get("properties", {}).items():
            docstring = model.model_fields[prop].description
            assert docstring, f"{name}.{prop} has no docstring"
            assert spec.get("description") == docstring, f"{name}.{prop}"
            described += 1
    assert described > 100


def test_schema_through_a_closed_pipe_is_quiet() -> None:
    """`wargame schema | head`: the reader is gone before we write; no traceback."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*command(), "schema"], stdout=write, stderr=subprocess.PIPE, text=True, timeout=60
        )
    finally:
        os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr
    assert done.returncode == 1


# --- --version, scenarios ---------------------------------------------------------------


def test_version_with_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wargame", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wargame {__version__}"


def test_scenarios_lists_each_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Passes with or without shipped scenarios: every line names a shipped file."""
    files = shipped()
    assert main(["scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(files)
    for path, line in zip(files, lines, strict=True):
        assert path.parent == shipped_dir() and path.suffix == ".toml"
        assert line.split()[0] == path.stem
        try:
            scenario = load(path).scenario
        except ProblemsError:
            assert "(broken: " in line
        else:
            assert scenario.title in line
        assert ("(default)" in line) == (path.stem == scenario_files.DEFAULT_SCENARIO)


def test_scenarios_in_a_folder_of_our_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "minimal.toml").write_bytes(VALID.read_bytes())
    (tmp_path / "flagship.toml").write_bytes(VALID.read_bytes())
    (tmp_path / "bad.toml").write_bytes(
        (SCENARIO_TESTS / "broken" / "negative_pc.toml").read_bytes()
    )
    (tmp_path / "notes.txt").write_text("not a scenario")
    monkeypatch.setattr(catalog, "shipped_dir", lambda: tmp_path)
    assert main(["scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["bad", "flagship", "minimal"]
    assert "(broken: must be at least 0, not -5)" in lines[0]
    assert lines[1].endswith("Minimal test scenario (default): Five seats, one draft, two endings.")
    assert lines[2].endswith("Minimal test scenario: Five seats, one draft, two endings.")


def test_scenarios_with_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(catalog, "shipped_dir", lambda: tmp_path / "none")
    assert main(["scenarios"]) == 0
    assert capsys.readouterr() == ("", "")


# --- never a traceback -------------------------------------------------------------------


def _hostile_files(folder: Path) -> list[Path]:
    made = {
        "empty.toml": b"",
        "binary.toml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "latin1.toml": VALID.read_bytes().replace(b"Frozen conflict", b"Frozen \xe9 conflict"),
        "utf16.toml": VALID.read_text(encoding="utf-8").encode("utf-16"),
        "huge.toml": VALID.read_bytes() + b"#" * (2 << 20),
        "nested.toml": b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "dotted.toml": b"a" + b".a" * 15_999 + b" = 1\n",
        "digits.toml": b"x = " + b"9" * 5001 + b"\n",
        "overflow.toml": b"x = 1e999\n",
    }
    for name, content in made.items():
        (folder / name).write_bytes(content)
    return [folder / name for name in made]


def test_the_console_script_never_prints_a_traceback(tmp_path: Path) -> None:
    hostile = _hostile_files(tmp_path)
    paths = [*BROKEN, *hostile, tmp_path / "missing.toml", tmp_path]
    done = run("validate", *map(str, paths))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    expected = sum(len(problems(p)) for p in BROKEN) + len(hostile) + 2
    assert len(lines) == expected
    for line in lines:
        match = PROBLEM_LINE.match(line) or re.match(r"^(?P<path>.+?): \S.*$", line)
        assert match and match["path"] in map(str, paths), line


def test_play_with_a_bad_scenario_lists_its_problems_without_starting(tmp_path: Path) -> None:
    done = run("play", str(SEVERAL), "--dir", str(tmp_path / "saves"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == problems(SEVERAL)


def test_play_an_unknown_shipped_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "no_such_scenario_here"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("no_such_scenario_here: no shipped scenario of that name")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "args", [["validate"], ["bogus"], ["schema", "extra"]], ids=["no-path", "bogus", "extra"]
)
def test_usage_mistakes_give_usage_not_a_traceback(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "usage: wargame" in done.stderr
    assert "Traceback" not in done.stderr


# --- a long report is cut ---------------------------------------------------------------


def test_validate_shows_the_first_problems_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """20,000 unknown keys print a screenful and a count, not 20,000 lines."""
    from wargame.problems import MAX_SHOWN

    path = tmp_path / "many.toml"
    extra = "".join(f"unknown_{i} = 1\n" for i in range(20_000))
    path.write_text(extra + VALID.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert MAX_SHOWN == 50
    assert len(lines) == MAX_SHOWN + 1
    assert lines[0].startswith(f"{path}:1: unknown_0: unknown key")
    assert lines[-1] == f"… and {20_000 - MAX_SHOWN} more problems"
