"""Balance when the quick bot stops valuing the board it decides on (issue 8's speed budget).

Run on demand (not part of the test suite):

    python tests/benchmarks/fixed_valuations.py MODE [SCENARIO] [GAMES] [PROCESSES] [PASS_GAMES]

Issue 8's 10 s for 1,000 flagship games leaves a quick bot about 70 us a decision
(`bench_budget.py`), less than valuing one imagined board (`Outlook.gain`, about 90
us). A bot that fits must take its valuations from tables instead of the board it is
deciding on. This measures what that does to the game, before anyone builds one: it
changes the quick bot, in this process only, so that each line of play (a draft
adopted, a pledge, a guarantee, terms, a withdrawal: what the imagined board
differs by) is valued once and remembered, then runs `balance.py` with the other
arguments and prints its tables.

MODE is one of:

- `first-sight`: valued on the board of the game where the seat first considers it,
  then remembered for the rest of that game (by each seat's bot). Cheaper only after
  the first sight, and it is not a bot a save could resume (what it remembers is not
  in the view): a bound on what remembering can keep, not a design.
- `opening`: valued on the scenario's opening board (the start of round 1, as the
  seat sees it), for the seat's own valuations and its guesses of the others'. Such
  tables depend only on the scenario and the seat, so a process could fill them once
  for all its games: the kind of bot that would fit the budget.

The Council forecast, the votes and the rest of the bot are unchanged.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Hashable, Sequence

import balance  # tests/benchmarks/balance.py, beside this file

from wargame.bots import quick, quick_board, quick_orders
from wargame.bots.quick_board import Board, Outlook
from wargame.bots.quick_orders import Turn
from wargame.engine.acts import start
from wargame.engine.state import DraftStatus, SeatState
from wargame.engine.view import View, view_for

MODES = ("first-sight", "opening")
USAGE = (
    "usage: python tests/benchmarks/fixed_valuations.py "
    f"{{{'|'.join(MODES)}}} [SCENARIO] [GAMES] [PROCESSES] [PASS_GAMES]"
)


def key(board: Board, hypo: Board, touched: frozenset[str]) -> Hashable:
    """What `hypo` differs from `board` by, without the ids the bot makes up."""
    parts: list[Hashable] = [touched]
    drafts = set(map(id, board.drafts))
    parts += sorted(
        ("draft", tuple(sorted(d.tags)), d.status.value, d.recommended)
        for d in hypo.drafts
        if id(d) not in drafts
    )
    before = {p.id: p for p in board.pledges}
    after = {p.id: p for p in hypo.pledges}
    parts += sorted(
        ("pledge", p.seat, p.asset, p.amount, p.target, p.status.value)
        for p in hypo.pledges
        if before.get(p.id) is not p
    )
    parts += sorted(
        ("withdrawn", p.seat, p.asset, p.amount, p.target)
        for p in board.pledges
        if p.id not in after
    )
    guarantees = set(map(id, board.guarantees))
    parts += sorted(
        (
            "guarantee",
            g.type,
            tuple(sorted((after[b].asset, after[b].amount) for b in g.backing if b in after)),
            g.active,
        )
        for g in hypo.guarantees
        if id(g) not in guarantees
    )
    terms = set(map(id, board.terms))
    parts += sorted(("terms", tuple(sorted(t.tags))) for t in hypo.terms if id(t) not in terms)
    parts += sorted(
        ("credibility", seat, state.credibility - board.seats[seat].credibility)
        for seat, state in hypo.seats.items()
        if seat in board.seats and state.credibility != board.seats[seat].credibility
    )
    parts.append(("mission", hypo.mission is not board.mission))
    return tuple(parts)


def rebuild(hypo: Board, board: Board, opening: Board) -> Board:
    """`hypo`, a hypothesis made of `board`, made of `opening` instead."""
    out = opening
    drafts = set(map(id, board.drafts))
    for d in hypo.drafts:
        if id(d) not in drafts:
            assembly = d.recommended and d.status is not DraftStatus.ADOPTED
            out = out.with_draft(d, assembly=assembly)
    before = {p.id: p for p in board.pledges}
    after = {p.id: p for p in hypo.pledges}
    pledges = [p for p in hypo.pledges if before.get(p.id) is not p]
    made = set(map(id, board.guarantees))
    guarantees = [g for g in hypo.guarantees if id(g) not in made]
    for g in guarantees:  # what backs it, though made before
        pledges += [after[b] for b in g.backing if b in after and after[b] not in pledges]
    if pledges:
        out = out.with_pledges(pledges)
    for g in guarantees:
        out = out.with_guarantee(g)
    terms = set(map(id, board.terms))
    for t in hypo.terms:
        if id(t) not in terms:
            out = out.with_terms(t)
    seats: dict[str, SeatState] | None = None
    for seat, state in hypo.seats.items():
        was = board.seats.get(seat)
        if was is not None and state.credibility != was.credibility:
            seats = dict(out.seats) if seats is None else seats
            own = seats[seat]
            moved = max(0, own.credibility + state.credibility - was.credibility)
            seats[seat] = SeatState(own.pc, moved, own.assets)
    return out if seats is None else out.changed(seats=seats)


class Remembered:
    """One bot's remembered valuations (and, `opening`, its turn on the opening board)."""

    def __init__(self, opening: Turn | None) -> None:
        self.opening = opening
        self.values: dict[Hashable, float] = {}


_deciding: list[Remembered] = []
"""The remembered valuations of the bot deciding now (one at a time in a process)."""


def install(mode: str) -> None:
    """Change the quick bot in this process (and the processes it forks) to `mode`."""
    decide = quick.QuickBot.decide

    def deciding(self: quick.QuickBot, view: View) -> Sequence[str]:
        mine = self.__dict__.get("_remembered")
        if mine is None:
            opening = None
            if mode == "opening":
                state, _ = start(self._seat.rules)
                opening = Turn(self._seat, view_for(state, self.seat), random.Random(0))
            mine = self.__dict__["_remembered"] = Remembered(opening)
        _deciding[:] = [mine]
        return decide(self, view)

    gain: Callable[[Outlook, Board, frozenset[str]], float] = Outlook.gain
    other_gain: Callable[[Turn, str, Board, frozenset[str]], float] = Turn.other_gain

    def remembered_gain(self: Outlook, hypo: Board, touched: frozenset[str]) -> float:
        mine = _deciding[0]
        if mine.opening is not None and self is mine.opening.outlook:
            return gain(self, hypo, touched)
        k = key(self.board, hypo, touched)
        found = mine.values.get(k)
        if found is None:
            if mine.opening is None:
                found = gain(self, hypo, touched)
            else:
                opening = mine.opening
                found = gain(opening.outlook, rebuild(hypo, self.board, opening.board), touched)
            mine.values[k] = found
        return found

    def remembered_other(self: Turn, seat: str, hypo: Board, touched: frozenset[str]) -> float:
        mine = _deciding[0]
        if mine.opening is None or self is mine.opening:
            return other_gain(self, seat, hypo, touched)
        k = ("other", seat, key(self.board, hypo, touched))
        found = mine.values.get(k)
        if found is None:
            rebuilt = rebuild(hypo, self.board, mine.opening.board)
            found = mine.values[k] = other_gain(mine.opening, seat, rebuilt, touched)
        return found

    quick.QuickBot.decide = deciding  # type: ignore[method-assign]
    quick_board.Outlook.gain = remembered_gain  # type: ignore[method-assign]
    quick_orders.Turn.other_gain = remembered_other  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in MODES:
        print(USAGE, file=sys.stderr)
        return 2
    install(argv[0])
    print(f"quick bots valuing each line of play once: {argv[0]}")
    sys.argv = [sys.argv[0], *argv[1:]]
    return balance.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
