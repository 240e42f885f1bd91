"""The board's lists of items, read as text."""

from __future__ import annotations

from tests.engine.support import game, play
from wargame.engine import view_for
from wargame.ui.widgets.items import drafts_text


def test_a_draft_tabled_again_shows_its_earlier_votes() -> None:
    g = game()
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    g.apply("uk table pk")
    text = drafts_text(view_for(g.state, None), g.scenario).plain
    line = next(x for x in text.splitlines() if x.startswith("pk "))
    assert "by United Kingdom, round 2" in line
    assert "tabled, voted this round" in line
    assert "earlier: vetoed by RU in round 1" in line
    assert text.count("pk ") == 1  # one line per draft, not one per tabling
