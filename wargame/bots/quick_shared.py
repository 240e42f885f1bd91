"""What the quick bots deciding on one board share: the board as it is, worked out once.

The seats of a game decide one after another on the same board (every orders
phase; a negotiation until someone acts), each from its own view. Views of one
state differ only in what a seat keeps private (its assets), so when the boards
they show are equal, what the bots work out of the board alone is the same for
each: which rules hold and the tracks projected (`Standing`), the Council's
votes (`Council`), the board with a draft adopted, another seat's guessed vote
on a draft (from its public objectives). `Base.of` finds it by the board's
whole content (`fingerprint`) and the part of the scenario every seat knows
(`Public`): equal keys are equal boards under equal rules, so a shared answer
is the answer the seat would work out itself. It is worked out with the public
rules only and asked only public conditions (rules, dispositions, public
objectives): no seat's secret reaches another seat's decision.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from dataclasses import dataclass

from wargame.bots.base import known_to
from wargame.bots.quick_board import Board, Reader, Standing
from wargame.bots.quick_council import Council
from wargame.engine.rules import Rules
from wargame.engine.state import TabledDraft
from wargame.engine.view import View
from wargame.scenario.models import Scenario, Vote

_MOST_BASES = 8
"""Boards remembered (the seats of one phase decide in turn on one or a few boards)."""
_BASES: dict[Hashable, Base] = {}
_PUBLIC: dict[str, Public] = {}
"""The scenario as every seat knows it, by its content."""
_TOKENS = itertools.count()


@dataclass(frozen=True, slots=True)
class Public:
    """The scenario as every seat knows it (`known_to` with every seat's private parts
    taken out, its own too): what the seats deciding on one board share is worked out
    with these rules, which hold no seat's secrets."""

    token: int
    """The same for equal contents, never reused for another."""
    rules: Rules


def public(scenario: Scenario) -> Public:
    """The public part of a seat's knowledge of the scenario (`scenario`: `known_to`
    the seat): equal for every seat of one scenario."""
    seen = known_to(scenario, "")
    text = seen.model_dump_json()
    found = _PUBLIC.get(text)
    if found is None:
        if len(_PUBLIC) >= 64:
            _PUBLIC.clear()  # tokens are never reused: a forgotten one just misses
        found = _PUBLIC[text] = Public(next(_TOKENS), Rules(seen))
    return found


def fingerprint(token: int, view: View) -> Hashable:
    """Everything of `view` a `Board` reads (and the rounds left), under the scenario
    `token`: equal fingerprints are equal boards.

    Numbers are taken by value, frozen records by identity (the views of one state
    share its records): the `Base` a fingerprint finds holds those records, so their
    ids stay their own while it is remembered."""
    return (
        token,
        view.round,
        view.rounds,
        tuple(view.tracks.items()),
        tuple(
            (s.id, s.pc, s.credibility, None if s.assets is None else tuple(s.assets.items()))
            for s in view.seats
        ),
        tuple(map(id, view.drafts)),
        tuple(map(id, view.pledges)),
        tuple(map(id, view.guarantees)),
        tuple(map(id, view.terms)),
        tuple(map(id, view.red_lines)),
        id(view.mission),
    )


class Base:
    """One board as it is, and what the seats deciding on it work out of it alone."""

    def __init__(self, shared: Public, reader: Reader, view: View) -> None:
        token, rules = shared.token, shared.rules
        self.board = Board.of(rules, view)
        """The board, read with the public rules."""
        self.standing = Standing(self.board, reader, view.rounds - view.round + 1)
        self.council = Council(self.board, self.standing.evaluator, token)
        self.adopted: dict[TabledDraft, Board] = {}
        """The board with a draft adopted, by draft."""
        self.guessed: dict[tuple[str, TabledDraft], Vote] = {}
        """A seat's guessed vote on a draft (from its public objectives), by seat and draft."""
        self.others: dict[str, list[bool]] = {}
        """Which of a seat's public objectives hold on the board, by seat."""

    @classmethod
    def of(cls, shared: Public, reader: Reader, view: View) -> Base:
        """The shared base of `view`'s board (made by the first seat to decide on it);
        `reader`: the seat's, whose scenario rules every seat reads alike."""
        key = fingerprint(shared.token, view)
        found = _BASES.get(key)
        if found is None:
            if len(_BASES) >= _MOST_BASES:
                del _BASES[next(iter(_BASES))]
            found = _BASES[key] = cls(shared, reader, view)
        return found
