"""What a bot is, what it may know, and the levels that make one.

A bot is any object with a `seat` and a `decide(view)` that returns the lines
it gives now: public actions while the table negotiates, sealed orders in the
orders phase. It is made by a level's maker from `known_to(scenario, seat)`,
the seat's id and the game's seed, and is deterministic: the same knowledge,
seed and views give the same lines, so a game with bots replays exactly and a
resumed bot seat plays on as it would have.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from wargame.engine.view import View
from wargame.scenario.models import Scenario, SeatDef


class Bot(Protocol):
    """A computer player of one seat."""

    seat: str
    """The seat it plays."""

    def decide(self, view: View) -> Sequence[str]:
        """The lines this seat gives now, in the one-line order syntax.

        Negotiation: public actions; orders phase: sealed orders (an empty
        answer passes). `view` is `bot_view(game, self.seat)` (the seat's view
        without its objectives list): nothing else of the game reaches a bot. A line the engine refuses is dropped, as a refused order
        is for a person.
        """
        ...


T = TypeVar("T")


class PerScenario(Generic[T]):
    """What is built once from a scenario object and a key (a seat), remembered.

    Scenarios are frozen, so an object's content never changes: it is looked up
    by identity, and the entry holds the scenario itself so that its id cannot
    be reused while remembered. A few scenarios are kept (a batch of simulated
    games plays one; the oldest goes first).
    """

    def __init__(self, build: Callable[[Scenario, str], T], keep: int = 64) -> None:
        self._build = build
        self._keep = keep
        self._found: dict[tuple[int, str], tuple[Scenario, T]] = {}

    def __call__(self, scenario: Scenario, key: str) -> T:
        entry = self._found.get((id(scenario), key))
        if entry is None or entry[0] is not scenario:
            if len(self._found) >= self._keep:
                del self._found[next(iter(self._found))]
            entry = (scenario, self._build(scenario, key))
            self._found[(id(scenario), key)] = entry
        return entry[1]


BotMaker = Callable[[Scenario, str, int], Bot]
"""Makes a bot from the seat's knowledge (`known_to`), its seat id and the game's seed."""


LEVELS: dict[str, BotMaker] = {}
"""The bot levels by name (`pass`, `random`, `quick`, `strong`), filled by `register`."""


def register(name: str) -> Callable[[BotMaker], BotMaker]:
    """Adds a bot level under `name` (a decorator for its maker)."""

    def add(maker: BotMaker) -> BotMaker:
        LEVELS[name] = maker
        return maker

    return add


def _load_levels() -> None:
    # Importing a level's module registers it; kept here so `LEVELS` is complete
    # wherever it is read.
    from wargame.bots import pass_bot, quick, random_bot, strong  # noqa: F401


def level_names() -> tuple[str, ...]:
    """The names of the bot levels there are, sorted."""
    _load_levels()
    return tuple(sorted(LEVELS))


def make_bot(level: str, scenario: Scenario, seat: str, seed: int) -> Bot:
    """A bot of `level` for `seat`, given only what that seat knows of `scenario`.

    Raises ValueError naming the levels when `level` is unknown, or when `seat`
    is not a seat of the scenario.
    """
    _load_levels()
    if level not in LEVELS:
        raise ValueError(f"unknown bot level {level!r}: choose one of {', '.join(sorted(LEVELS))}")
    if seat not in {s.id for s in scenario.seats}:
        raise ValueError(f"{seat!r} is not a seat of this scenario")
    # The same scenario object for the same seat: what a level builds once from a
    # seat's knowledge (quick's tables) is found again in the next game.
    return LEVELS[level](_known(scenario, seat), seat, seed)


def _as_seen_by(other: SeatDef, seat: str) -> SeatDef:
    if other.id == seat:
        return other
    return other.model_copy(
        update={
            "briefing": "",
            "objectives": [ob for ob in other.objectives if not ob.secret],
            "assets": {} if other.private_assets else dict(other.assets),
            "bot": None,
        }
    )


def known_to(scenario: Scenario, seat: str) -> Scenario:
    """The scenario as `seat`'s players know it before play.

    The other seats' briefings, secret objectives, private holdings and bot
    personas are taken out, and so are the injects (scheduled surprises and the
    facilitator's library). What stays is public at the table: the rules, the
    Council and its members' dispositions, drafts, tags, tracks, costs and
    endings.
    """
    return scenario.model_copy(
        update={
            "seats": [_as_seen_by(s, seat) for s in scenario.seats],
            "injects": [],
        }
    )


_known = PerScenario(known_to)
