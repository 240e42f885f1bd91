"""`wargame simulate`: the same games whatever runs them, the JSON and CSV, saves, refusals.

Runs are small (a few flagship games with random bots) so the suite stays fast;
the figures of a full run are in tests/benchmarks/bench_simulate.py.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from wargame.bots import LEVELS, level_names, play_game
from wargame.cli import main
from wargame.saves import load_save
from wargame.saves.commands import fork_game, resume_command
from wargame.scenario.models import Scenario
from wargame.scenario_files import load
from wargame.simulate import runner
from wargame.simulate.command import Refusal, bot_levels
from wargame.simulate.options import DEFAULT_LEVEL

SMALL = ["--games", "3", "--seed", "7", "--bots", "random", "--pass-games", "1"]


@pytest.fixture(scope="module")
def flagship() -> Scenario:
    return load("flagship").scenario


def simulate(tmp_path: Path, *extra: str, name: str = "run") -> tuple[int, dict[str, Any]]:
    out = tmp_path / f"{name}.json"
    status = main(["simulate", "flagship", *SMALL, "--json", str(out), *extra])
    return status, json.loads(out.read_text()) if out.exists() else {}


def test_one_job_and_two_jobs_write_the_same_json(tmp_path: Path) -> None:
    assert simulate(tmp_path, "--jobs", "1", name="one")[0] == 0
    assert simulate(tmp_path, "--jobs", "2", name="two")[0] == 0
    one = (tmp_path / "one.json").read_bytes()
    assert one == (tmp_path / "two.json").read_bytes()
    assert not [key for key in json.loads(one) if "time" in key or "second" in key]


def test_another_seed_plays_other_games(tmp_path: Path) -> None:
    main(["simulate", "flagship", *SMALL, "--jobs", "1", "--csv", str(tmp_path / "a.csv")])
    other = [*SMALL[:2], "--seed", "8", *SMALL[4:]]
    main(["simulate", "flagship", *other, "--jobs", "1", "--csv", str(tmp_path / "b.csv")])
    assert (tmp_path / "a.csv").read_text() != (tmp_path / "b.csv").read_text()


def test_the_json_holds_the_documented_fields(
    tmp_path: Path, flagship: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    status, data = simulate(tmp_path, "--jobs", "1")
    assert status == 0
    assert data["games"] == 3 and data["seed"] == 7
    seats = [s.id for s in flagship.seats]
    assert list(data["seats"]) == seats
    assert data["bots"] == dict.fromkeys(seats, "random")
    endings = [e.id for e in flagship.endings] + [flagship.default_ending.id]
    assert list(data["endings"]) == endings
    assert sum(data["endings"].values()) == 3
    for seat in data["seats"].values():
        assert set(seat) == {"level", "mean", "stdev", "min", "max", "top_share"}
        assert seat["min"] <= seat["mean"] <= seat["max"]
    assert sum(s["top_share"] for s in data["seats"].values()) == pytest.approx(1, abs=1e-3)
    assert 1 <= data["rounds_mean"] <= flagship.rounds
    permanent = [m.id for m in flagship.council.members if m.permanent]
    assert list(data["vetoes"]) == permanent
    assert list(data["drafts_adopted"]) == [d.id for d in flagship.drafts]
    assert data["orders_mean"] >= 50  # real games, not empty ones
    assert 0 < data["resolved_mean"] < data["orders_mean"]
    assert list(data["early_leaders"]) == seats
    led = sum(e["led"] for e in data["early_leaders"].values())
    assert led == pytest.approx(1, abs=1e-3)
    assert set(data["pass"]) == set(seats)
    assert all(p["games"] == 1 for p in data["pass"].values())
    for warning in data["warnings"]:
        assert set(warning) == {"kind", "subject", "value", "limit", "text"}
    printed = capsys.readouterr()
    assert ("Endings" in printed.out and "Warnings" in printed.out) or "No warnings" in printed.out
    assert printed.err == ""  # no progress bar when stderr is not a terminal


def test_the_csv_has_one_row_per_game(tmp_path: Path, flagship: Scenario) -> None:
    out = tmp_path / "games.csv"
    assert main(["simulate", "flagship", *SMALL, "--jobs", "1", "--csv", str(out)]) == 0
    rows = out.read_text().splitlines()
    assert rows[0] == "game,seed,ending,rounds," + ",".join(s.id for s in flagship.seats)
    assert [r.split(",")[0] for r in rows[1:]] == ["1", "2", "3"]


def test_a_kept_game_is_an_ordinary_save_that_resumes_and_forks(
    tmp_path: Path, flagship: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "games"
    csv = tmp_path / "games.csv"
    args = [*SMALL, "--jobs", "1", "--save-dir", str(folder), "--csv", str(csv)]
    assert main(["simulate", "flagship", *args]) == 0
    saves = sorted(folder.glob("*.toml"))
    assert [s.name for s in saves] == [f"flagship-s7-g{i}.toml" for i in (1, 2, 3)]
    loaded = load_save(saves[1])
    assert loaded.warnings == ()
    game = loaded.game
    row = csv.read_text().splitlines()[2].split(",")
    assert str(game.seed) == row[1]
    assert game.state.outcome is not None and game.state.outcome.ending == row[2]
    assert all(s.control == "bot" and s.bot == "random" for s in loaded.meta.seats.values())
    capsys.readouterr()
    assert resume_command(["--resume", str(saves[1])]) == 0
    assert "the game has ended" in capsys.readouterr().out
    # A what-if from round 3, played on by the same bots, is the same game again:
    # the save holds everything the game was.
    fork = fork_game(loaded, 3)
    replayed = play_game(flagship, game.seed, dict.fromkeys(game.seats, "random"), game=fork)
    assert replayed.log == game.log


def test_save_dir_does_not_overwrite_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "games"
    assert main(["simulate", "flagship", *SMALL, "--jobs", "1", "--save-dir", str(folder)]) == 0
    capsys.readouterr()
    assert main(["simulate", "flagship", *SMALL, "--jobs", "1", "--save-dir", str(folder)]) == 1
    assert "already exists" in _one_line(capsys)


def test_the_dask_path_gives_the_same_json_as_local_jobs(tmp_path: Path) -> None:
    # A worker in its own process, as on a real cluster: the batches and their
    # results cross a process boundary (pickled), the scenario is validated there.
    from distributed import LocalCluster

    assert simulate(tmp_path, "--jobs", "1", name="local")[0] == 0
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        assert simulate(tmp_path, "--scheduler", address, name="dask")[0] == 0
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "local.json").read_bytes()


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_scheduler_without_dask_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    assert simulate(tmp_path, "--scheduler", "tcp://127.0.0.1:8786")[0] == 1
    assert "pip install 'wargame[cluster]'" in _one_line(capsys)


def test_an_unreachable_scheduler_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", 0.5)
    status = main(
        ["simulate", "flagship", *SMALL, "--scheduler", "tcp://127.0.0.1:9", "--json", "x"]
    )
    assert status == 1
    assert "cannot reach the Dask scheduler" in _one_line(capsys)


def test_a_bad_scenario_is_refused_with_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "bad"\ntitle = \n')
    assert main(["simulate", str(bad), "--games", "2", "--bots", "random"]) == 1
    assert _one_line(capsys).startswith(f"{bad}:2")


def test_a_scenario_with_several_problems_is_still_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    several = Path(__file__).parent.parent / "scenario/broken"
    path = several / "several_reference_and_expression_mistakes.toml"
    assert main(["simulate", str(path), "--games", "2", "--bots", "random"]) == 1
    assert "wargame validate" in _one_line(capsys)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--games", "0"], "--games: must be at least 1"),
        (["--games", "many"], "--games: 'many' is not a whole number"),
        (["--jobs", "0"], "--jobs: must be at least 1"),
        (["--jobs", "two"], "--jobs: 'two' is not a whole number"),
        (["--jobs", "100000"], "--jobs: at most"),
        (["--jobs", "2", "--scheduler", "tcp://x:1"], "not both"),
        (["--seed", "1.5"], "--seed"),
        (["--pass-games", "-1"], "--pass-games: must be at least 0"),
        (["--bots", "genius"], "unknown bot level 'genius'"),
        (["--bots", "random,xx=random"], "'xx' is not a seat of flagship"),
        (["--bots", "ru=wizard"], "unknown bot level 'wizard'"),
        (["--json", "/no/such/folder/x.json"], "folder does not exist"),
    ],
)
def test_bad_arguments_are_refused_in_one_line(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = {"--games": "2", "--bots": "random"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    full = [*args, *(x for k, v in base.items() if k not in given for x in (k, v))]
    assert main(["simulate", "flagship", *full]) == 1
    assert words in _one_line(capsys)


def test_an_unknown_scenario_name_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "nowhere", "--bots", "random"]) == 1
    assert "no shipped scenario" in _one_line(capsys)


def test_seats_not_named_take_the_bare_level_or_the_default(flagship: Scenario) -> None:
    assert bot_levels("random,ru=pass", flagship) == {
        "fr": "random", "uk": "random", "ua": "random", "ru": "pass", "un": "random",
    }  # fmt: skip
    levels = {s.id: "random" for s in flagship.seats}
    assert bot_levels(",".join(f"{s}=random" for s in levels), flagship) == levels
    if DEFAULT_LEVEL in level_names():
        assert set(bot_levels(None, flagship).values()) == {DEFAULT_LEVEL}
    else:  # until the quick level lands, simulate says so instead of faking it
        with pytest.raises(Refusal, match="'quick' is not available"):
            bot_levels("ru=random", flagship)


def test_the_pass_level_passes_every_round(flagship: Scenario) -> None:
    assert "pass" in level_names() and "pass" in LEVELS
    game = play_game(flagship, 3, {s.id: "pass" for s in flagship.seats})
    assert game.state.outcome is not None
    controls = {"orders", "resolve"} | {f"{s.id} submit" for s in flagship.seats}
    assert set(game.log) <= controls


def test_the_order_counts_agree_with_the_parsed_log(flagship: Scenario) -> None:
    # task._counts tells public actions from sealed orders by where they stand in
    # the log; parsing every line says the same.
    from wargame.engine.events import EventKind
    from wargame.engine.orders import PublicAction, SecretOrder, parse_line
    from wargame.simulate.task import Batch, GameSpec, game_seed, play_batch

    source = load("flagship").source
    levels = tuple((s.id, "random") for s in flagship.seats)
    specs = tuple(GameSpec(i, game_seed(11, i)) for i in range(2))
    results = play_batch(Batch(source, "flagship.toml", levels, specs))
    for result in results:
        game = play_game(flagship, result.seed, dict(levels))
        parsed = [parse_line(line) for line in game.log]
        sealed = sum(isinstance(p, SecretOrder) for p in parsed)
        public = sum(isinstance(p, PublicAction) for p in parsed)
        refused = sum(e.kind is EventKind.REFUSED for e in game.events)
        assert (result.orders, result.sealed, result.resolved) == (
            public + sealed,
            sealed,
            sealed - refused,
        )
        assert public > 0 and sealed > 0


def _record(index: int, scores: dict[str, int], early: tuple[str, ...]) -> Any:
    from wargame.simulate.task import GameResult

    return GameResult(
        index=index,
        seed=index,
        passing=None,
        ending="frozen",
        rounds=8,
        scores=tuple(scores.items()),
        early_leaders=early,
        vetoes=(),
        adopted=(),
        tags=(),
        orders=100,
        sealed=80,
        resolved=70,
    )


def test_the_round_2_leader_is_counted_seat_by_seat_with_ties_shared(flagship: Scenario) -> None:
    from wargame.simulate.summary import summarize

    zero = {s.id: 0 for s in flagship.seats}
    games = [
        _record(0, {**zero, "ru": 9}, ("ru",)),  # ru led and topped
        _record(1, {**zero, "fr": 9}, ("ru",)),  # ru led, fr topped
        _record(2, {**zero, "ru": 5, "un": 5}, ("ru", "un")),  # shared lead, shared top
        _record(3, {**zero, "un": 9}, ("fr",)),  # fr led, un topped
    ]
    levels = {s.id: "quick" for s in flagship.seats}
    summary = summarize(flagship, 1, levels, games)
    # game 0: 1; game 1: 0; game 2: a drawn leader matches a drawn topper half the time; game 3: 0
    assert summary.early_leader_top_share == 0.375
    ru, fr, un = (summary.early_leaders[s] for s in ("ru", "fr", "un"))
    assert (ru.led, ru.then_topped) == (0.625, 0.5)  # (1 + 0.25) of 2.5 games led
    assert (fr.led, fr.then_topped) == (0.25, 0.0)
    assert (un.led, un.then_topped) == (0.125, 0.5)
    assert summary.early_leaders["uk"].led == 0 and summary.early_leaders["uk"].then_topped == 0
    assert summary.seats["ru"].top_share == 0.375 and summary.seats["un"].top_share == 0.375
    data = summary.to_data()
    assert data["early_leaders"]["ru"] == {"led": 0.625, "then_topped": 0.5}


BENCHMARK = Path(__file__).parents[1] / "benchmarks" / "bench_simulate.py"


@pytest.mark.parametrize(
    ("argv", "status", "said"),
    [
        (["--help"], 0, "usage: python tests/benchmarks/bench_simulate.py"),
        (["-h"], 0, "CPU time per game"),
        (["many"], 2, "GAMES and JOBS are whole numbers"),
        (["10", "quick", "two"], 2, "GAMES and JOBS are whole numbers"),
        (["0"], 2, "at least 1"),
        (["10", "grandmaster"], 2, "unknown level 'grandmaster'"),
    ],
)
def test_the_simulate_benchmark_answers_help_and_refuses_bad_arguments_plainly(
    argv: list[str], status: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_simulate", BENCHMARK)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(argv) == status  # before any game is played
    out, err = capsys.readouterr()
    assert said in out + err


def test_batches_run_with_the_batch_collector_settings_and_one_job_puts_them_back() -> None:
    before = gc.get_threshold()
    assert before != runner.BATCH_GC_THRESHOLD
    with runner.process_pool(1):
        assert gc.get_threshold() == runner.BATCH_GC_THRESHOLD
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    with runner.process_pool(2) as pool:
        assert pool is not None
        assert pool.submit(gc.get_threshold).result() == runner.BATCH_GC_THRESHOLD
    assert gc.get_threshold() == before
