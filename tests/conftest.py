"""Shared pytest configuration: hypothesis profiles.

`dev` (default) runs a moderate number of examples; `ci` (chosen when `CI` is
set, as CI does) is derandomized and has no deadline, so a slow shared runner
never fails a test on timing. Pick one by hand with HYPOTHESIS_PROFILE=...
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

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
