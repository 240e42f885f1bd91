"""The seats computer players play in a game at the terminal, and when they move.

A bot seat negotiates once a round, when the negotiation opens (before the
people at the table act, in seat order, each bot seeing what the bots before it
did), and enters its sealed orders when its turn in the orders phase comes:
the same order of play as `wargame.bots.play_game`, so a table of bots plays
the game a simulation of the same seed plays.

Deciding happens in a worker thread (`decide`: from a view taken on the screen's
thread, never from the game itself); the lines are entered on the screen's
thread through the session.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from wargame.bots import Bot, make_bot
from wargame.engine import Phase, View
from wargame.engine.orders import OrderSyntaxError, Resolve, Rewind, parse_line
from wargame.game import Game


@dataclass
class BotSeats:
    """Which seats bots play (seat → level), the bots themselves, and who has negotiated."""

    levels: dict[str, str] = field(default_factory=dict)
    """The bot level of each bot seat, by seat id (a seat not here is played by people)."""
    _bots: dict[str, Bot] = field(default_factory=dict, repr=False)
    _locks: dict[str, threading.Lock] = field(default_factory=dict, repr=False)
    _negotiated: tuple[tuple[int, int], set[str]] | None = field(default=None, repr=False)
    """(round, rewinds) of the negotiation the set is about, and the bot seats done in it."""

    @classmethod
    def of(cls, game: Game, levels: Mapping[str, str]) -> BotSeats:
        """Bots for the seats of `levels` (raises ValueError for an unknown level or seat)."""
        seats = cls()
        for seat in game.seats:
            level = levels.get(seat)
            if level is not None:
                seats._bots[seat] = make_bot(level, game.scenario, seat, game.seed)
                seats._locks[seat] = threading.Lock()
                seats.levels[seat] = level
        unknown = sorted(set(levels) - set(game.seats))
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a seat of this scenario")
        return seats

    def __contains__(self, seat: object) -> bool:
        return seat in self.levels

    def __bool__(self) -> bool:
        return bool(self.levels)

    def label(self, seat: str) -> str:
        """How the table is told who plays the seat: `random bot`."""
        return f"{self.levels[seat]} bot"

    def decide(self, seat: str, view: View) -> tuple[str, ...]:
        """The bot's lines for `view` (its seat's view). Safe to call from a worker thread:
        it reads nothing but the view, and one bot decides one thing at a time."""
        with self._locks[seat]:
            return tuple(self._bots[seat].decide(view))

    def to_negotiate(self, game: Game) -> list[str]:
        """The bot seats that have still to make their public moves this round, in seat order.

        Known from this session while it runs; for a resumed game, from the log:
        bots move first, in seat order, so once a line of anyone else (a person's
        seat, the facilitator) follows the opening they have all moved, and
        otherwise every bot up to the last one with a line has.
        """
        if game.state.phase is not Phase.NEGOTIATION or not self.levels:
            return []
        key = (game.state.round, game.rewinds)
        if self._negotiated is None or self._negotiated[0] != key:
            self._negotiated = (key, set(self._moved_by_log(game)))
        done = self._negotiated[1]
        return [seat for seat in game.seats if seat in self.levels and seat not in done]

    def negotiated(self, game: Game, seat: str) -> None:
        """Note that `seat`'s bot has made its public moves this round."""
        self.to_negotiate(game)
        if self._negotiated is not None:
            self._negotiated[1].add(seat)

    def _moved_by_log(self, game: Game) -> list[str]:
        bots = [seat for seat in game.seats if seat in self.levels]
        givers = [_giver(line) for line in _since_opening(game.log)]
        if any(giver is None or giver not in self.levels for giver in givers):
            return bots
        last = max((bots.index(giver) for giver in givers if giver is not None), default=-1)
        return bots[: last + 1]


def _since_opening(log: Sequence[str]) -> list[str]:
    """The log lines since this negotiation opened (the last resolution or rewind)."""
    for index in range(len(log) - 1, -1, -1):
        try:
            line = parse_line(log[index])
        except OrderSyntaxError:
            continue
        if isinstance(line, Resolve | Rewind):
            return list(log[index + 1 :])
    return list(log)


def _giver(text: str) -> str | None:
    """The seat that gave a log line (None for the facilitator and the table's lines)."""
    try:
        line = parse_line(text)
    except OrderSyntaxError:
        return None
    seat = getattr(line, "seat", None)
    return seat if isinstance(seat, str) else None
