"""Scenario files: reading and validating a file (finding them: `wargame.catalog`).

This is the I/O edge for scenarios; the checks themselves are pure
(:mod:`wargame.scenario.validate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wargame.catalog import DEFAULT_SCENARIO, find, shipped, shipped_dir
from wargame.safe_toml import parse_toml_document, read_toml_document
from wargame.scenario.models import Scenario
from wargame.scenario.validate import scenario_from_data


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with where it came from and its exact source text."""

    scenario: Scenario
    path: Path
    source: str
    """The decoded text, as embedded in saves."""


def load(name_or_path: str | Path | None = None) -> LoadedScenario:
    """Read and validate a scenario; raises ProblemsError with every problem."""
    path = name_or_path if isinstance(name_or_path, Path) else find(name_or_path)
    document = read_toml_document(path)
    scenario = scenario_from_data(document.data, document.lines, str(path))
    return LoadedScenario(scenario, path, document.text)


def load_text(text: str, label: str = "<scenario>") -> Scenario:
    """Validate scenario source text held in memory (e.g. embedded in a save)."""
    document = parse_toml_document(text.encode("utf-8"), label)
    return scenario_from_data(document.data, document.lines, label)


__all__ = [
    "DEFAULT_SCENARIO",
    "LoadedScenario",
    "find",
    "load",
    "load_text",
    "shipped",
    "shipped_dir",
]
