"""Regenerate the debrief's golden files (by hand, never by pytest).

    .venv/bin/python -m tests.debrief.make_golden

Writes `golden/flagship_random.toml` (a whole flagship game played by the seeded
random player, saved), `golden/uniting_path.toml` (the scripted Uniting for Peace
game of tests/scenario/test_shipped_scenarios.py: an amendment, a veto, the
Assembly, consent, conditional pledges, a red line crossed) and, for them and for
each golden save of tests/saves/golden, the Markdown report `golden/<save>.md`
that test_report.py compares with.

Regenerate after a change that is *meant* to alter the report (its layout, the
news' words, the golden saves), read the diff of the .md files as a facilitator
would, and say so in the commit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.scenario.test_shipped_scenarios import UNITING_PATH, play
from wargame.debrief import markdown
from wargame.debrief.facts import report_facts
from wargame.debrief.report import report
from wargame.play.random_player import play_game
from wargame.saves import SaveMeta, SaveSeat, load_save, save_bytes, scenario_source
from wargame.saves.format import Control
from wargame.scenario_files import load

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SAVES = HERE.parent / "saves" / "golden"
CREATED = datetime(2025, 11, 28, 9, 0, 0, tzinfo=UTC)
UPDATED = datetime(2025, 11, 28, 11, 30, 0, tzinfo=UTC)
FLAGSHIP_SEED = 4
"""A seed whose random game votes often (14 council votes) and crosses red lines."""


def flagship_save() -> bytes:
    """A whole flagship game of the random player, with players' names and a bot seat."""
    scenario = load("flagship").scenario
    game, _ = play_game(scenario, FLAGSHIP_SEED)
    seats = {
        s.id: SaveSeat(name=s.name, control=Control.BOT, bot="random")
        if s.id == "ru"
        else SaveSeat(name=s.name, player=f"Table {i + 1}")
        for i, s in enumerate(scenario.seats)
    }
    return save_bytes(game, SaveMeta(scenario_source(scenario), seats, CREATED), updated=UPDATED)


def uniting_save() -> bytes:
    """The scripted Uniting for Peace game, saved."""
    game, _ = play("uniting", UNITING_PATH)
    seats = {s.id: SaveSeat(name=s.name) for s in game.scenario.seats}
    meta = SaveMeta(scenario_source(game.scenario), seats, CREATED)
    return save_bytes(game, meta, updated=UPDATED)


def saves() -> list[Path]:
    """The saves whose reports are golden."""
    return [
        *sorted(SAVES.glob("*.toml")),
        GOLDEN / "flagship_random.toml",
        GOLDEN / "uniting_path.toml",
    ]


def markdown_of(path: Path) -> str:
    """The Markdown report of a save, as `wargame report` writes it."""
    loaded = load_save(path)
    return markdown.render(report(report_facts(loaded.game, loaded.document)))


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    (GOLDEN / "flagship_random.toml").write_bytes(flagship_save())
    (GOLDEN / "uniting_path.toml").write_bytes(uniting_save())
    for path in saves():
        out = GOLDEN / f"{path.stem}.md"
        out.write_text(markdown_of(path), encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
