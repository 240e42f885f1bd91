"""Running the batches: here, in worker processes, or on a Dask cluster.

The run is cut into batches of games (`plan`), each a pure task; an executor
plays them (`run`) and the results are put back in game order, so the
summary is the same whichever executor played them and however many workers
it had. Every executor is a `concurrent.futures.Executor`: a process pool for
`--jobs`, Dask's `Client.get_executor()` for `--scheduler`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from datetime import datetime

from wargame.simulate.task import Batch, GameResult, GameSpec, game_seed, play_batch

BATCH_MOST = 20
"""Most games in one batch: enough to spread the cost of sending the scenario."""

Advance = Callable[[int], None]
"""Told how many more games are done (drives the progress bar)."""


class ClusterUnavailable(Exception):
    """`--scheduler` cannot be used: the extra is missing or the scheduler cannot be reached."""


def pass_games_default(games: int) -> int:
    """All-pass games per seat when not given: a tenth of the run, at least one."""
    return max(1, games // 10)


def plan(
    source: str,
    label: str,
    levels: Mapping[str, str],
    *,
    seed: int,
    games: int,
    pass_seats: Sequence[str] = (),
    pass_games: int = 0,
    workers: int = 1,
    saved_at: datetime | None = None,
) -> list[Batch]:
    """The batches of a run: the bot games in order, then each seat's all-pass games.

    All-pass game i of a seat has the seed of bot game i, so the two are
    compared game for game. `saved_at` asks for every bot game as a save.
    """
    size = max(1, min(BATCH_MOST, games // (workers * 4) or 1))
    specs = [GameSpec(i, game_seed(seed, i)) for i in range(games)]
    order = tuple(levels.items())
    batches = [
        Batch(source, label, order, tuple(specs[i : i + size]), saved_at)
        for i in range(0, games, size)
    ]
    for seat in pass_seats:
        passing = [GameSpec(i, game_seed(seed, i), seat) for i in range(min(pass_games, games))]
        batches += [
            Batch(source, label, order, tuple(passing[i : i + size]))
            for i in range(0, len(passing), size)
        ]
    return batches


def run(
    batches: Sequence[Batch], executor: Executor | None, advance: Advance = lambda _: None
) -> list[GameResult]:
    """Play every batch; the results in batch order. No executor: play them here."""
    if executor is None:
        results: list[GameResult] = []
        for batch in batches:
            done = play_batch(batch)
            advance(len(done))
            results += done
        return results
    futures: list[Future[list[GameResult]]] = [executor.submit(play_batch, b) for b in batches]
    try:
        for future in as_completed(futures):
            advance(len(future.result()))
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return [r for future in futures for r in future.result()]


BATCH_GC_THRESHOLD = (10_000, 10, 10)
"""The garbage collector's thresholds while a process plays batches: a game makes
hundreds of thousands of short-lived objects and few cycles, and at the default
(700 allocations) about 5% of a game went to collections; at this one, under 3%."""


def batch_process() -> None:
    """Set up a worker process for playing batches: the objects alive now (modules,
    tables) are set aside from collection, and collections come less often."""
    gc.freeze()
    gc.set_threshold(*BATCH_GC_THRESHOLD)


@contextlib.contextmanager
def process_pool(jobs: int) -> Iterator[Executor | None]:
    """`jobs` worker processes (None for one job: the games are played in this process,
    set up like a worker's until the pool is left)."""
    if jobs == 1:
        thresholds = gc.get_threshold()
        batch_process()
        try:
            yield None
        finally:
            gc.set_threshold(*thresholds)
            gc.unfreeze()
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=batch_process)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


INSTALL_CLUSTER = "--scheduler needs Dask: pip install 'wargame[cluster]'"
"""What `--scheduler` says when the cluster extra is not installed."""


CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a Dask scheduler to answer."""


@contextlib.contextmanager
def dask_executor(address: str, timeout: float | None = None) -> Iterator[Executor]:
    """The concurrent.futures executor of the Dask scheduler at `address`.

    Raises ClusterUnavailable with one line to show when Dask is not installed
    or the scheduler does not answer within `timeout` seconds (`CONNECT_TIMEOUT`).
    """
    try:
        from distributed import Client
    except ImportError:
        raise ClusterUnavailable(INSTALL_CLUSTER) from None
    try:
        client = Client(address, timeout=timeout or CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        with client.get_executor() as executor:  # type: ignore[no-untyped-call]
            yield executor
    finally:
        client.close()  # type: ignore[no-untyped-call]
