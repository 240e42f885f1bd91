"""Games for the save tests: a scripted one, random legal ones, and saves of them.

`candidates(game)` offers plausible next log lines for the game as it
stands; `play_random(game, choices)` applies the ones the engine accepts, so
every game it builds is legal by construction (a refused line changes
nothing). Hypothesis drives it with a list of integers, which shrinks well.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from tests.engine.builders import scenario
from wargame.engine import Phase
from wargame.game import Game, GameError
from wargame.saves import SaveMeta, SaveSeat, save_bytes, scenario_source
from wargame.saves.format import Control
from wargame.scenario.models import Scenario

T0 = datetime(2025, 11, 27, 19, 0, 0, tzinfo=UTC)
"""When the test games were created."""
T1 = datetime(2025, 11, 27, 21, 14, 3, tzinfo=UTC)
"""When they were last saved."""

COUNCIL_SEATS = ("fr", "uk", "ru")
"""Seats of the builder scenario that vote in the council."""


def saves_scenario(rounds: int = 6) -> Scenario:
    """The five-seat builder scenario, with room for a few rounds."""
    return scenario(rounds=rounds)


def meta_for(sc: Scenario, *, bots: Iterable[str] = ("ru",)) -> SaveMeta:
    """Save meta for a game of `sc`: the listed seats are bots, the rest people."""
    bots = set(bots)
    seats = {
        s.id: SaveSeat(name=s.name, control=Control.BOT, bot="hardliner")
        if s.id in bots
        else SaveSeat(name=s.name)
        for s in sc.seats
    }
    return SaveMeta(scenario_source(sc), seats, T0)


def save_of(game: Game, *, bots: Iterable[str] = ("ru",), updated: datetime = T1) -> bytes:
    """The save file of a game (with the standard test meta)."""
    return save_bytes(game, meta_for(game.scenario, bots=bots), updated=updated)


def write_save(path: Path, game: Game, **kwargs: object) -> Path:
    path.write_bytes(save_of(game, **kwargs))  # type: ignore[arg-type]
    return path


ROUND_ORDERS: dict[str, Sequence[str]] = {
    "fr": ["fr vote pk yes", "fr pledge p1 troops 1000 to un_mission"],
    "uk": ["uk vote pk yes", "uk lobby dz pk yes"],
    "ru": ["ru vote pk abstain"],
    "ua": ["ua pass"],
    "un": ["un mediate"],
}


def scripted_log(rounds: int) -> list[str]:
    """A legal log of `rounds` full rounds (five seats, a few orders each)."""
    game = Game.start(saves_scenario(max(rounds, 1) + 1), 7)
    game.apply("fr table pk")
    for r in range(1, rounds + 1):
        if r == 1:
            game.play_round(ROUND_ORDERS)
        else:
            game.play_round(
                {"fr": [f"fr pledge p{r} troops 100 to coalition"], "un": ["un mediate"]}
            )
    return game.log


def scripted_game(rounds: int = 3, *, half: bool = True) -> Game:
    """A game `rounds` rounds in, then (with `half`) a half-entered round:
    France has submitted, the UK has entered an order but not submitted."""
    game = Game.start(saves_scenario(rounds + 2), 7, scripted_log(rounds))
    if half:
        game.apply('facilitator adjust tension +5 "border incident"')
        game.begin_orders()
        game.apply("fr pledge late troops 500 to coalition")
        game.submit("fr")
        game.apply("uk pass")
    return game


# --- random legal games --------------------------------------------------------------------


def candidates(game: Game) -> list[str]:
    """Plausible next lines for the game as it stands (the engine decides which are legal)."""
    state = game.state
    n = len(game.log)
    if state.phase is Phase.ENDED:
        return []
    lines: list[str] = []
    tabled = [d.id for d in state.drafts] or ["pk"]
    if state.phase is Phase.NEGOTIATION:
        lines += ["orders"] * 4
        lines += [f"{s} table {d}" for s in COUNCIL_SEATS for d in ("pk", "cf")]
        lines += [
            f'un propose c{n} "Concept {n}" substantive tags=un_peacekeeping',
            f"fr sponsor c{n - 1}",
            f'ru redline r{n} "No NATO troops" tags=nato_troops',
            f'ua terms t{n} "Ceasefire now" tags=ceasefire',
            f'uk amend {tabled[0]} a{n} "With a ceiling" add=troop_ceiling',
            'facilitator adjust tension +5 "an incident at the line"',
            'facilitator adjust cohesion -3 "leaks to the press"',
        ]
    else:
        waiting = [s for s in game.seats if s not in game.submitted]
        if not waiting:
            return ["resolve"]
        for seat in waiting:
            lines += [f"{seat} submit"] * 3
            lines += [f"{seat} pass", f"{seat} retract 1"]
            lines += [f"{seat} pledge p{n} troops {1000 * (1 + n % 4)} to coalition"]
            lines += [f"{seat} pledge q{n} jets 1 to un_mission if fr.assets.troops >= 1000"]
            lines += [f"{seat} withdraw p{max(n - 7, 0)}"]
        for seat in (s for s in COUNCIL_SEATS if s in waiting):
            lines += [f"{seat} vote {d} {v}" for d in tabled for v in ("yes", "no", "abstain")]
            lines += [f"{seat} lobby dz {tabled[-1]} no"]
        if "un" in waiting:
            lines += ["un mediate", f"un endorse {tabled[0]}"]
    lines += [f'facilitator rewind {max(state.round - 1, 1)} "let us replay that round"']
    if n % 37 == 36:
        lines += ['facilitator end frozen "the session ran out of time"']
    return lines


def play_random(game: Game, choices: Iterable[int]) -> Game:
    """Apply, for each choice, the chosen candidate line if the engine accepts it."""
    for choice in choices:
        options = candidates(game)
        if not options:
            break
        with contextlib.suppress(GameError):  # refused: the game is unchanged
            game.apply(options[choice % len(options)])
    return game
