"""What a bot must never be able to reach: the other seats' secrets."""

from __future__ import annotations

import gc
import types
from collections.abc import Iterator

from wargame.scenario.models import Scenario

_OPAQUE = (type, types.ModuleType, types.BuiltinFunctionType, types.MethodWrapperType)


def secrets_of_others(scenario: Scenario, seat: str) -> set[str]:
    """Texts only other seats (or the facilitator) hold: briefings, secret objectives, injects."""
    found: set[str] = set()
    for other in scenario.seats:
        if other.id == seat:
            continue
        if other.briefing:
            found.add(other.briefing)
        found |= {ob.text for ob in other.objectives if ob.secret}
    found |= {inject.text for inject in scenario.injects if inject.text}
    return found


def reachable_strings(root: object) -> Iterator[str]:
    """Every string reachable from `root` through data (not through classes,
    modules or functions' globals: those reach the whole program)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, _OPAQUE):
            continue
        seen.add(id(item))
        if isinstance(item, str):
            yield item
            continue
        if isinstance(item, types.FunctionType):
            stack.extend(cell.cell_contents for cell in item.__closure__ or ())
            stack.extend(item.__defaults__ or ())
            continue
        stack.extend(gc.get_referents(item))
