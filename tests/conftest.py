"""Shared pytest configuration: hypothesis profiles; a card cache of the run's own.

`dev` (default) runs a moderate number of examples; `ci` (chosen when `CI` is
set, as CI does) is derandomized and has no deadline, so a slow shared runner
never fails a test on timing. Pick one by hand with HYPOTHESIS_PROFILE=...
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from wargame.card_cache import CACHE_ENV

settings.register_profile(
    "dev",
    max_examples=50,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=100,
    stateful_step_count=30,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, stateful_step_count=50, deadline=None)
settings.load_profile(os.getenv("HYPOTHESIS_PROFILE", "ci" if os.getenv("CI") else "dev"))


@pytest.fixture(autouse=True, scope="session")
def _card_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The start screen's card cache goes to a temporary folder, never the user's home
    (processes the tests start inherit it)."""
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("card-cache"))
    yield
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before
