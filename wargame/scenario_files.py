"""Scenario files: finding the shipped ones, reading and validating a file.

This is the I/O edge for scenarios; the checks themselves are pure
(:mod:`wargame.scenario.validate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wargame.problems import Problem, ProblemsError
from wargame.safe_toml import read_toml_file
from wargame.scenario.models import Scenario
from wargame.scenario.validate import scenario_from_data

DEFAULT_SCENARIO = "flagship"
"""The scenario `wargame play` starts when none is named."""


def shipped_dir() -> Path:
    """The folder of the scenarios that come with wargame.

    In a source checkout (or an editable install) it is the project's
    `scenarios/`; an installed wheel carries a copy as `wargame/_scenarios`.
    """
    packaged = Path(str(resources.files("wargame"))) / "_scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "scenarios"


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with where it came from and its exact source text."""

    scenario: Scenario
    path: Path
    source: str
    """The decoded text, as embedded in saves."""


def shipped() -> list[Path]:
    """The shipped scenario files, by name."""
    folder = shipped_dir()
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def find(name_or_path: str | None) -> Path:
    """A scenario file from a shipped name (`flagship`) or a path."""
    name = name_or_path or DEFAULT_SCENARIO
    candidate = Path(name)
    if candidate.suffix == ".toml" or candidate.exists() or "/" in name:
        return candidate
    path = shipped_dir() / f"{name}.toml"
    if not path.exists():
        names = ", ".join(p.stem for p in shipped()) or "none"
        raise ProblemsError(
            [Problem(name, f"no shipped scenario of that name (shipped: {names}); or give a path")]
        )
    return path


def load(name_or_path: str | Path | None = None) -> LoadedScenario:
    """Read and validate a scenario; raises ProblemsError with every problem."""
    path = name_or_path if isinstance(name_or_path, Path) else find(name_or_path)
    data, text = read_toml_file(path)
    return LoadedScenario(scenario_from_data(data, text, str(path)), path, text)


def load_text(text: str, label: str = "<scenario>") -> Scenario:
    """Validate scenario source text held in memory (e.g. embedded in a save)."""
    from wargame.safe_toml import parse_toml

    data = parse_toml(text.encode("utf-8"), label)
    return scenario_from_data(data, text, label)
