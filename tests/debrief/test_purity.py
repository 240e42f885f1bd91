"""The debrief's facts and renderers are pure: only `commands.py` reads or writes files."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.test_purity import FORBIDDEN_CALLS, IO_MODULES, UI_MODULES

PACKAGE = Path(__file__).resolve().parents[2] / "wargame" / "debrief"
PURE = sorted(p for p in PACKAGE.glob("*.py") if p.name != "commands.py")


@pytest.mark.parametrize("path", PURE, ids=lambda p: p.name)
def test_no_io_no_ui(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno}"
            continue
        for name in names:
            root = name.split(".")[0]
            assert root not in IO_MODULES | UI_MODULES, f"{path.name}:{node.lineno}: {name}"
            assert name != "wargame.saves.load" and not name.startswith("wargame.ui")
