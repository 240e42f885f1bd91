"""'+6 last round' means what the players saw change.

The board shows the tracks all round long: after the briefing's injects,
after the facilitator's adjustments. The change reported for a resolution
is measured from what the board showed when the resolution began to what
it showed when the resolution was over (the next briefing included), never
from a state the players never saw.
"""

from __future__ import annotations

from tests.engine.support import game, play
from wargame.engine import view_for

SCENARIO = {
    "rules": [{"id": "drift", "when": "true", "effects": ["tension += 6"]}],
    "injects": [
        {"id": "strike", "title": "Strike", "round": 2, "effects": ["tension += 10"]},
    ],
}


def test_the_change_is_measured_from_what_the_board_showed() -> None:
    g = game(**SCENARIO)
    assert view_for(g.state, None).track_changes == {}  # nothing resolved yet
    play(g)  # round 1: the rule +6; round 2 opens with the strike, +10
    assert g.state.tracks["tension"] == 66
    changes = view_for(g.state, None).track_changes
    assert changes["tension"] == (50, 66)  # the strike is in the reveal's news
    g.apply('facilitator adjust tension +3 "shelling"')  # the board shows 69 at once
    assert g.state.tracks["tension"] == 69
    play(g)  # round 2: the rule +6 only
    changes = view_for(g.state, None).track_changes
    assert changes["tension"] == (69, 75)  # not 75 - 56, from a state nobody saw
    assert changes["cohesion"] == (50, 50)
    # Every seat sees the same public change.
    assert view_for(g.state, "fr").track_changes == changes
