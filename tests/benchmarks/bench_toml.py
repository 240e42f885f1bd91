"""TOML reading benchmark: normal scenarios read, hostile files refused.

Run on demand (not part of the test suite; it asserts nothing about time):

    python tests/benchmarks/bench_toml.py

Normal files: the realistic 20 KB document of `tests/test_safe_toml.py`
(`realistic_20_kb`) and the
shipped scenarios, each lexed alone (`toml_lex.scan`: the limits and the key
lines in one pass), read with `parse_toml` (that + `tomllib` + the
64-bit check) and then loaded as a scenario (`load_text`: that and pydantic and
the reference checks); `tomllib` alone is given for scale. A broken flagship
(one unknown key at its end) shows the cost of putting lines on problems.
Hostile files: the bombs of docs/DECISIONS.md, "Reading untrusted TOML", each
refused (or, for the largest valid shapes, read). Each figure is the median of
several runs in CPU time of this process (`time.process_time`); the machine is
shared, so compare, never assert.
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.test_safe_toml import realistic_20_kb
from wargame.problems import ProblemsError
from wargame.safe_toml import parse_toml
from wargame.scenario_files import load_text
from wargame.toml_lex import scan

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median CPU milliseconds of `fn` over `runs` runs (a refusal counts as a run)."""
    samples = []
    for _ in range(runs):
        start = time.process_time()
        with contextlib.suppress(ProblemsError):
            fn()
        samples.append(time.process_time() - start)
    return statistics.median(samples) * 1000


def normal_files() -> None:
    print("Normal files (ms, median CPU time)")
    print(f"{'file':<28} {'KB':>5} {'lex':>6} {'tomllib':>8} {'parse_toml':>10} {'load_text':>9}")
    docs = [("realistic 20 KB (tomli_w)", realistic_20_kb().decode())]
    docs += [
        (f"scenarios/{p.name}", p.read_text("utf-8")) for p in sorted(SCENARIOS.glob("*.toml"))
    ]
    for name, text in docs:
        data = text.encode()
        lexed = median_ms(lambda: scan(text, "x.toml"), 40)  # noqa: B023
        raw = median_ms(lambda: tomllib.loads(text), 40)  # noqa: B023
        parsed = median_ms(lambda: parse_toml(data, "x.toml"), 40)  # noqa: B023
        loaded = "-"
        if name.startswith("scenarios/"):
            loaded = f"{median_ms(lambda: load_text(text, 'x.toml'), 20):.2f}"  # noqa: B023
        print(
            f"{name:<28} {len(data) / 1000:>5.1f} {lexed:>6.2f} {raw:>8.2f} {parsed:>10.2f}"
            f" {loaded:>9}"
        )
    flagship = (SCENARIOS / "flagship.toml").read_text("utf-8")
    broken = (
        flagship + "\n[council]\nunknown_key = 1\n"
        if "[council]" not in flagship
        else (flagship.replace("[council]\n", "[council]\nunknown_key = 1\n", 1))
    )
    ms = median_ms(lambda: load_text(broken, "x.toml"), 20)
    print(
        f"{'flagship, one unknown key':<28} {len(broken) / 1000:>5.1f} {'':>6} {'':>8} {'':>10}"
        f" {ms:>9.2f}"
    )


def hostile_files() -> None:
    cases: list[tuple[str, str, int]] = [
        ("16,000-part dotted key", "a" + ".a" * 15_999 + " = 1\n", 20),
        ("16,000-part table header", "[" + "a." * 15_999 + "a]\n", 20),
        ("600 nested arrays", "x = " + "[" * 600 + "]" * 600 + "\n", 20),
        ("600 nested inline tables", "x = " + "{a = " * 600 + "1" + "}" * 600, 20),
        ("5,001-digit integer", "n = 1\nbig = " + "7" * 5_001 + "\n", 20),
        ("a string of 1 MiB", 's = "' + "x" * ((1 << 20) - 10) + '"\n', 5),
        (
            "7,000 16-part headers",
            "".join(f"[t{i}.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p]\n" for i in range(7_000)),
            5,
        ),
        ('unterminated """, 1 MiB', 's = """' + "x\n" * 500_000, 5),
        ("1 MiB of newlines + error", "a = 1\n" + "\n" * ((1 << 20) - 20) + "oops", 5),
        ("0xffff_ffff_ffff_ffff", "[a]\nn = [\n  0,\n  0xffff_ffff_ffff_ffff,\n]\n", 20),
        ("1 MiB a = [1,1,…] (valid)", "a = [" + "1," * 500_000 + "]\n", 3),
        ("1 MiB a = [{},{},…] (valid)", "a = [" + "{}," * 349_000 + "]\n", 3),
    ]
    print("\nHostile files through parse_toml (ms, median CPU time)")
    print(f"{'input':<28} {'KB':>6} {'ms':>8}  result")
    for name, text, runs in cases:
        data = text.encode()
        try:
            parse_toml(data, "x.toml")
            result = "read"
        except ProblemsError as refused:
            result = "refused: " + str(refused.problems[0])[:60]
        ms = median_ms(lambda: parse_toml(data, "x.toml"), runs)  # noqa: B023
        print(f"{name:<28} {len(data) / 1024:>6.0f} {ms:>8.2f}  {result}")


if __name__ == "__main__":
    normal_files()
    hostile_files()
