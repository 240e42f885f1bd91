"""The domain is pure: `wargame.engine` and `wargame.scenario` import no UI,
do no file or network I/O, read no clock and use no global random.

Three independent checks: what importing them pulls in (in a fresh process),
what their source says (an AST scan), and what a whole game does at run time
(an audit hook, in a fresh process since audit hooks cannot be removed).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE_PACKAGES = ("wargame/engine", "wargame/scenario")
SOURCES = sorted(p for pkg in PURE_PACKAGES for p in (ROOT / pkg).rglob("*.py"))

UI_MODULES = {"textual", "rich"}
IO_MODULES = {
    "subprocess", "socket", "shutil", "tempfile", "pathlib", "os", "io", "sys", "glob",
    "time", "logging", "urllib", "http", "ssl", "select", "selectors", "asyncio",
    "threading", "multiprocessing", "sqlite3", "pickle", "shelve", "tomllib", "tomli_w",
}  # fmt: skip
FORBIDDEN_CALLS = {"open", "print", "input", "eval", "exec", "compile", "__import__", "breakpoint"}
ALLOWED_WARGAME = {"wargame", "wargame.problems", "wargame.control_chars", "wargame.toml_lex"}
"""Modules outside the pure packages that they may import (all pure: `toml_lex` lexes text
it is given, for the key lines validation puts on problems)."""


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


# -- (a) what importing them pulls in ------------------------------------------------------

_IMPORTS = """
import json, pkgutil, sys, importlib
strict = set(sys.modules)
# Warm pydantic up first: building a model loads its plugins through
# importlib.metadata, which imports email (and socket), zipfile, tempfile...
# Those are pydantic's, not ours.
from typing import Annotated
from pydantic import BaseModel, ConfigDict, StringConstraints
class _Warm(BaseModel):
    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True, extra="forbid")
    x: Annotated[str, StringConstraints(pattern=r"^a$")] = "a"
    y: dict[str, int] = {}
_Warm.model_validate({"x": "a"})
baseline = set(sys.modules)
names = []
for pkg in ("wargame.engine", "wargame.scenario"):
    module = importlib.import_module(pkg)
    names.append(pkg)
    for info in pkgutil.walk_packages(module.__path__, pkg + "."):
        importlib.import_module(info.name)
        names.append(info.name)
print(json.dumps({
    "modules": names,
    "new": sorted(set(sys.modules) - baseline),
    "all": sorted(set(sys.modules) - strict),
}))
"""


@pytest.fixture(scope="module")
def imported() -> dict[str, list[str]]:
    return json.loads(_run(_IMPORTS))  # type: ignore[no-any-return]


def test_every_pure_module_is_imported(imported: dict[str, list[str]]) -> None:
    expected = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in SOURCES
    }
    assert expected <= set(imported["modules"])


def test_domain_imports_no_ui_at_all(imported: dict[str, list[str]]) -> None:
    # Not even indirectly, pydantic's own imports included.
    leaked = sorted(m for m in imported["all"] if m.split(".")[0] in UI_MODULES)
    assert leaked == []


def test_domain_imports_no_io_modules_of_its_own(imported: dict[str, list[str]]) -> None:
    leaked = sorted(m for m in imported["new"] if m.split(".")[0] in UI_MODULES | IO_MODULES)
    assert leaked == []


def test_domain_imports_only_pure_parts_of_wargame(imported: dict[str, list[str]]) -> None:
    ours = {m for m in imported["new"] if m.split(".")[0] == "wargame"}
    outside = sorted(m for m in ours if not m.startswith(("wargame.engine", "wargame.scenario")))
    assert set(outside) <= ALLOWED_WARGAME, outside


# -- (b) what their source says ---------------------------------------------------------------


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    random_names: set[str] = set()

    def where(node: ast.AST) -> str:
        return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top in UI_MODULES | IO_MODULES:
                    found.append(f"{where(node)}: import {alias.name}")
                if top == "random":
                    random_names.add(alias.asname or "random")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top = node.module.split(".")[0]
            if top in UI_MODULES | IO_MODULES:
                found.append(f"{where(node)}: from {node.module} import ...")
            if top == "random":
                bad = [a.name for a in node.names if a.name != "Random"]
                if bad:
                    found.append(f"{where(node)}: from random import {', '.join(bad)}")
            if node.module == "datetime":
                found.append(f"{where(node)}: from datetime import ... (no clock in the engine)")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"{where(node)}: call to {func.id}()")
            if isinstance(func, ast.Attribute) and (
                func.attr in ("now", "today", "utcnow")
                or (isinstance(func.value, ast.Name) and func.value.id in ("time", "datetime"))
            ):
                found.append(f"{where(node)}: clock call .{func.attr}()")
    # random.Random (a generator passed in, or built from a seed) is fine;
    # random.random(), random.choice()... use the global generator.
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in random_names
            and node.attr != "Random"
        ):
            found.append(f"{where(node)}: global random.{node.attr}")
    return found


def test_the_source_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    bad = tmp_path / "wargame" / "engine" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "import os\nimport random\nfrom pathlib import Path\nfrom random import choice\n"
        "from datetime import datetime\nimport textual.app\n"
        "def f(rng: random.Random) -> None:\n"
        "    open('x')\n    print(1)\n    random.shuffle([])\n    datetime.now()\n",
        encoding="utf-8",
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        problems = _problems(bad)
    finally:
        ROOT = saved
    text = "\n".join(problems)
    for words in ("import os", "from pathlib", "from random import choice", "from datetime",
                  "import textual.app", "call to open()", "call to print()",
                  "global random.shuffle", "clock call .now()"):  # fmt: skip
        assert words in text, words
    assert "random.Random" not in text


def test_domain_sources_do_no_io_and_use_no_global_random() -> None:
    assert SOURCES, "no sources found"
    problems = [p for path in SOURCES for p in _problems(path)]
    assert problems == []


# -- (c) what a whole game does at run time ------------------------------------------------------

_AUDIT = """
import json, sys
from tests.engine.strategies import game_scenario
from tests.engine.test_properties import SCRIPT
from wargame.engine import Rules, act, begin_orders, new_game, parse_action, resolve_round
from wargame.engine import scores, state_hash, view_for
from wargame.game import Game, rng_for_round

def play(rules):
    # Straight through the engine's API, then through Game.
    state = new_game(rules)
    events = []
    pending = {}
    for line in SCRIPT:
        if line == "orders":
            state = begin_orders(state)
        elif line == "resolve":
            state, new = resolve_round(state, pending, rng_for_round(1, state.round))
            events += new
            pending = {}
        elif line.endswith(" submit"):
            continue
        else:
            action = parse_action(line)
            if state.phase.value == "orders" and action.seat != "facilitator":
                pending.setdefault(action.seat, []).append(action)
            else:
                state, new = act(state, action)
                events += new
    for seat in (None, "fr", "ru"):
        view_for(state, seat, events)
    scores(state)
    state_hash(state)
    game = Game.start(rules, 1, SCRIPT)
    game.view_for("ua")
    return state_hash(game.state)

rules = Rules(game_scenario())
play(rules)  # once to warm every lazy import and cache up

recording = False
seen = []
WATCH = ("open", "os.", "subprocess.", "socket.", "shutil.", "glob.", "tempfile.",
         "time.sleep", "builtins.input", "webbrowser.", "ctypes.", "exec", "compile")

def hook(event, args):
    if recording and event.startswith(WATCH):
        seen.append([event, repr(args)[:200]])

sys.addaudithook(hook)
recording = True
play(rules)
# EXTRA
recording = False
print(json.dumps(seen))
"""


def test_a_whole_game_does_no_io_at_run_time() -> None:
    seen = json.loads(_run(_AUDIT))
    assert seen == []


def test_the_audit_hook_would_see_file_io() -> None:
    seen = json.loads(_run(_AUDIT.replace("# EXTRA", "open('pyproject.toml').close()")))
    assert [event for event, _ in seen] == ["open"]
