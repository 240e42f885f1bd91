"""The board's lists of items, read as text."""

from __future__ import annotations

from tests.engine.support import game, play
from wargame.engine import view_for
from wargame.ui.screens.reveal import tracks_report
from wargame.ui.widgets.items import drafts_text
from wargame.ui.widgets.tracks import tracks_text


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


def test_track_changes_are_measured_from_what_the_board_showed() -> None:
    g = game(
        rules=[{"id": "drift", "when": "true", "effects": ["tension += 6"]}],
        injects=[{"id": "strike", "title": "Strike", "round": 2, "effects": ["tension += 10"]}],
    )
    play(g)  # the board showed 50; the rule +6 and round 2's strike +10: it shows 66
    g.apply('facilitator adjust tension +3 "shelling"')  # the board shows 69
    play(g)  # the rule +6: 75
    view = view_for(g.state, None)
    board = tracks_text(view, g.scenario).plain
    tension = next(x for x in board.splitlines() if x.startswith("Tension"))
    assert " 75/100" in tension and "+6 last round" in tension
    report = tracks_report(view, g.scenario).plain
    assert "Tension" in report and "69 →  75  (+6)" in report


def test_the_board_says_an_amendment_that_adds_a_mission_is_substantive() -> None:
    g = game()
    g.apply("uk table cf")
    g.apply('uk amend cf a1 "And a mission" add=un_peacekeeping')
    g.apply('fr amend cf a2 "Plain call" remove=ceasefire')
    text = drafts_text(view_for(g.state, None), g.scenario).plain
    lines = {x.split()[0]: x for x in text.splitlines()}
    assert "(procedural," in lines["cf"]
    assert "(amendment to cf, substantive," in lines["a1"]
    assert "(amendment to cf, procedural," in lines["a2"]
