"""`records.replace` is `dataclasses.replace` for the engine's frozen records."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from wargame.bots import play_game
from wargame.engine import events as ev
from wargame.engine import orders as o
from wargame.engine import state as st
from wargame.engine import view
from wargame.engine.records import replace
from wargame.scenario_files import load


def _records() -> list[Any]:
    """Every record of a played flagship game's states, one of each class or more."""
    scenario = load("flagship").scenario
    game = play_game(scenario, 3, {s.id: "random" for s in scenario.seats})
    found: list[Any] = []
    for state in (*game.round_states, game.state):
        found.append(state)
        found += [*state.seats.values(), *state.drafts, *state.pledges, *state.guarantees]
        found += [*state.terms, *state.red_lines]
        found += [e for d in state.drafts for e in d.earlier]
        if state.mission is not None:
            found.append(state.mission)
    found += [e.payload for e in game.events[:40]]
    found.append(st.Guarantee("g1", "fr", "air", ("fr1",), 2, "round >= 2", True, True, 3))
    found.append(st.Terms("t1", "ua", "Line", ("ceasefire",), 1, ("ua",)))
    found.append(o.parse_line('fr table d9 "T" substantive tags=ceasefire'))
    found.append(game.view_for("fr"))
    return found


def test_replace_gives_what_dataclasses_replace_gives() -> None:
    records = _records()
    assert {type(r) for r in records} >= {
        st.GameState, st.SeatState, st.TabledDraft, st.Pledge, st.Guarantee, st.Terms,
        st.RedLine, view.View,
    }  # fmt: skip
    for record in records:
        fields = [f.name for f in dataclasses.fields(record)]
        assert replace(record) == dataclasses.replace(record)
        assert replace(record) is not record
        for i, name in enumerate(fields):
            value = getattr(record, fields[(i + 1) % len(fields)])  # another field's value
            made = replace(record, **{name: value})
            expected = dataclasses.replace(record, **{name: value})
            assert type(made) is type(record)
            for field in fields:
                assert getattr(made, field) is getattr(expected, field)
        with pytest.raises(TypeError, match="no_such_field"):
            replace(record, no_such_field=1)


def test_a_record_that_is_not_a_slotted_plain_record_goes_to_dataclasses() -> None:
    @dataclasses.dataclass(frozen=True)
    class Checked:
        value: int
        double: int = dataclasses.field(init=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "double", 2 * self.value)

    assert replace(Checked(2), value=5).double == 10
    copied = replace(ev.Mediated("un", ()), seat="fr")
    assert copied == ev.Mediated("fr", ())

