"""The scenarios the engine tests build in code are valid scenarios.

They are built with `Scenario.model_validate`, which checks structure only;
here they also go through the loader's reference and expression checks, so a
test never exercises the engine on a scenario a file could not express.
"""

from __future__ import annotations

import pytest

from tests.engine.builders import real_council, scenario
from tests.engine.strategies import game_scenario
from tests.engine.test_golden_votes import GOLDEN
from wargame.scenario.models import Scenario
from wargame.scenario.validate import scenario_from_data

BUILT = {
    "builder": scenario(),
    "properties": game_scenario(),
    **{f"council_{case.year}_{i}": scenario(council=real_council(case.year, case.votes))
       for i, case in enumerate(GOLDEN)},
}  # fmt: skip


@pytest.mark.parametrize("name", BUILT)
def test_built_scenario_passes_the_loaders_checks(name: str) -> None:
    sc: Scenario = BUILT[name]
    assert scenario_from_data(sc.model_dump(mode="json"), "", name) == sc
