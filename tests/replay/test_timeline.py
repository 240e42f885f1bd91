"""The replay's timeline and cursor, on the golden saves (a rewind, a fork, an unfinished game)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.engine.events import GameEnded, Lobbied, Rewound
from wargame.game import Game
from wargame.replay.cursor import OMNISCIENT, PUBLIC, Cursor, Lens
from wargame.replay.timeline import Timeline, timeline
from wargame.saves import LoadedSave, load_save
from wargame.scenario_files import load

GOLDEN = Path(__file__).parents[1] / "saves" / "golden"


def loaded(name: str) -> LoadedSave:
    return load_save(GOLDEN / f"{name}.toml")


def of(save: LoadedSave) -> Timeline:
    return timeline(save.game.rules, save.game.seed, save.game.log)


@pytest.mark.parametrize("name", ["full_game", "fork", "half_round"])
def test_round_starts_are_where_wargame_fork_cuts(name: str) -> None:
    save = loaded(name)
    assert of(save).round_starts == save.round_starts


@pytest.mark.parametrize("name", ["full_game", "fork", "half_round"])
def test_standing_steps_are_the_games_events(name: str) -> None:
    """Leave out the rounds a rewind undid: what remains is the game's own event list."""
    save = loaded(name)
    t = of(save)
    standing = [
        s.event for s in t.steps if s.event is not None and not t.segments[s.segment].undone
    ]
    assert standing == save.game.events


def test_a_rewound_round_stays_marked_undone_and_is_played_again() -> None:
    t = of(loaded("full_game"))
    rounds = [(seg.round, seg.undone) for seg in t.segments]
    assert rounds == [(1, False), (2, True), (2, False), (3, False), (4, False)]
    again = t.segments[2]
    first = t.steps[again.first].event
    assert first is not None and isinstance(first.payload, Rewound)
    assert isinstance(t.steps[-1].event.payload, GameEnded)  # type: ignore[union-attr]


def test_sealed_orders_are_kept_per_round_as_resolved() -> None:
    t = of(loaded("full_game"))
    first = t.segments[0]
    assert [a.text() for a in first.orders["ru"]] == ["ru vote pk no"]
    assert first.resolved_at is not None
    assert t.steps[first.resolved_at].lines == 17  # the `resolve` line of round 1


def test_an_unfinished_game_ends_on_where_the_log_stops() -> None:
    save = loaded("half_round")
    t = of(save)
    last = t.steps[-1]
    assert last.event is None and last.state == save.game.state
    assert not t.ended
    pending = t.segments[-1]
    assert pending.resolved_at is None
    assert [a.text() for a in pending.orders["uk"]] == ["uk pass"]


def test_orders_of_a_round_the_facilitator_ended_are_shown_only_at_the_end() -> None:
    game = Game.start(load("tutorial").scenario, 4)
    game.play_round({"fr": ["fr pass"]})
    game.begin_orders()
    game.apply("uk pass")
    game.apply(f'facilitator end {game.scenario.endings[0].id} "out of time"')
    t = timeline(game.rules, game.seed, game.log)
    assert t.ended
    last = t.segments[-1]
    assert last.round == 2 and last.resolved_at is None and not last.undone
    assert [a.text() for a in last.orders["uk"]] == ["uk pass"]
    c = Cursor(t, OMNISCIENT)
    c.to_segment(last.index)
    assert not c.orders_shown()
    c.last()
    assert isinstance(c.step.event.payload, GameEnded)  # type: ignore[union-attr]
    assert c.orders_shown()
    c.look_through(Lens("fr"))  # a seat's view: its own orders only, never uk's
    assert c.lens.sees_orders_of("fr") and not c.lens.sees_orders_of("uk")


def test_the_public_board_never_stops_on_a_seats_private_lobbying() -> None:
    t = of(loaded("full_game"))
    private = [s.index for s in t.steps if s.event and isinstance(s.event.payload, Lobbied)]
    assert private, "the golden game lobbies (this test could not fail otherwise)"
    cursor = Cursor(t, PUBLIC)
    seen = [cursor.at]
    while cursor.forward():
        seen.append(cursor.at)
    assert not set(private) & set(seen)
    cursor.look_through(Lens("uk"))  # the lobbying seat sees its own
    cursor.first()
    seen = [cursor.at]
    while cursor.forward():
        seen.append(cursor.at)
    assert set(private) <= set(seen)


def test_cursor_moves_by_event_and_by_round() -> None:
    t = of(loaded("full_game"))
    c = Cursor(t, OMNISCIENT)
    assert (c.at, c.step.round) == (0, 1)
    assert c.next_round() and c.at == t.segments[1].first and c.step.round == 2
    assert c.next_round() and c.segment.index == 2 and not c.segment.undone
    assert c.back() and c.segment.index == 1  # the last step of the undone round 2
    assert c.previous_round() and c.at == t.segments[0].first
    assert not c.back() or c.at == 0
    assert c.last() and c.at == len(t.steps) - 1
    assert not c.forward()
    assert c.to_round(2) and c.segment.index == 2  # the round 2 that stands
    assert c.first() and c.at == 0


def test_orders_are_revealed_from_the_resolution_on() -> None:
    t = of(loaded("full_game"))
    c = Cursor(t, OMNISCIENT)
    seg = t.segments[0]
    assert seg.resolved_at is not None
    c.at = seg.resolved_at - 1
    assert not c.orders_shown()
    c.at = seg.resolved_at
    assert c.orders_shown()


def test_charts_follow_the_rounds_that_stand() -> None:
    t = of(loaded("full_game"))
    ends = t.round_ends(len(t.steps) - 1)
    assert len(ends) == 1 + 4  # the start, then rounds 1, 2 (played again), 3 and 4
    inside_undone = t.round_ends(t.segments[1].last)
    assert len(inside_undone) == 1 + 2  # round 2 as first played had ended there
    after_rewind = t.round_ends(t.segments[2].first)
    assert len(after_rewind) == 1 + 1  # the rewind undid it
