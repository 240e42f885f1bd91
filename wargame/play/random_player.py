"""A seeded random player: it draws lines from the scenario's vocabulary and
keeps those the engine accepts.

Benchmarks, tests and (later) bots and `wargame simulate` use it to play whole
games. It is pure and deterministic: every choice comes from its own
`random.Random(seed)`, and it decides only from what any seat could see (the
scenario, the public board: drafts, pledges, guarantees, terms, red lines, its
own holdings and the phase) plus the engine's refusals. It never reads another
seat's sealed orders or private assets.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from wargame.engine import Action, EventKind, Phase
from wargame.engine.orders import Answer, CastVote, Mediate
from wargame.engine.state import (
    DraftStatus,
    Guarantee,
    Pledge,
    PledgeStatus,
    TabledDraft,
    Terms,
)
from wargame.game import Game, GameError
from wargame.scenario.models import Scenario
from wargame.scenario.vocabulary import TARGETS

_VOTES = ("yes", "yes", "no", "abstain")
_COMPARISONS = (">=", ">")


class Holdings(Protocol):
    """A seat's holdings, as far as the player reads them."""

    @property
    def assets(self) -> Mapping[str, int]: ...


class Table(Protocol):
    """What the player reads of the board: the engine's state, or a seat's view."""

    @property
    def drafts(self) -> Sequence[TabledDraft]: ...
    @property
    def pledges(self) -> Sequence[Pledge]: ...
    @property
    def guarantees(self) -> Sequence[Guarantee]: ...
    @property
    def terms(self) -> Sequence[Terms]: ...
    @property
    def seats(self) -> Mapping[str, Holdings]: ...


@dataclass
class PlayStats:
    """What a game played by the random player did."""

    tried: int = 0
    """Candidate lines offered to the engine (actions only, not control lines)."""
    accepted: int = 0
    """Actions the engine accepted: public actions and sealed orders."""
    public: int = 0
    """Of `accepted`, the public actions tabled during negotiation."""
    orders: int = 0
    """Of `accepted`, the sealed orders."""
    resolved: int = 0
    """Sealed orders carried out at resolution (not refused there)."""
    rounds: int = 0
    """Rounds resolved."""


class RandomPlayer:
    """Plays every seat of a game with random lines the engine accepts.

    Each round every seat offers up to `negotiation_tries` public lines, then
    wants between 2 and `order_tries` sealed orders and offers candidates
    (three times as many at most) until it has them; refused lines are simply
    dropped.
    """

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        *,
        negotiation_tries: int = 2,
        order_tries: int = 6,
    ) -> None:
        self.scenario = scenario
        self.rng = random.Random(f"random-player:{seed}")
        self.negotiation_tries = negotiation_tries
        self.order_tries = order_tries
        sc = scenario
        self._drafts = [d.id for d in sc.drafts]
        self._tags = [t.id for t in sc.tags]
        self._tracks = [t.id for t in sc.tracks]
        self._assets = [a.id for a in sc.assets]
        self._lobbied = [m.id for m in sc.council.members if m.seat is None]
        self._types = [g.id for g in sc.guarantee_types]
        self._arguments = [a.id for a in sc.arguments.table] if sc.arguments.enabled else []
        self._council = {m.seat for m in sc.council.members if m.seat}
        """Seats that sit on the Council (they table, sponsor, amend and vote)."""
        self._fresh = 0

    # -- drawing candidate lines -------------------------------------------

    def _new_id(self, prefix: str) -> str:
        self._fresh += 1
        return f"{prefix}{self._fresh}"

    def _some(self, values: list[str], most: int = 3) -> str:
        picked = sorted(set(self.rng.sample(values, self.rng.randint(1, min(most, len(values))))))
        return ",".join(picked)

    def condition(self, table: Table) -> str:
        """A simple condition over what the scenario names and the board shows."""
        rng = self.rng
        kind = rng.randrange(5)
        if kind == 0 and self._tracks:
            return (
                f"{rng.choice(self._tracks)} {rng.choice(_COMPARISONS)} {rng.randrange(0, 80, 5)}"
            )
        if kind == 1 and table.drafts:
            return f"tabled({rng.choice(table.drafts).id})"
        if kind == 2 and self._assets:
            seat = rng.choice(self.scenario.seats).id
            return f"{seat}.pledged.{rng.choice(self._assets)} >= {rng.randrange(1, 5)}"
        if kind == 3:
            return f"force_pct(coalition) >= {rng.randrange(0, 60, 10)}"
        return f"round >= {rng.randint(1, max(1, self.scenario.rounds))}"

    def negotiation_line(self, seat: str, table: Table) -> str:
        """One candidate public action for `seat` during negotiation."""
        rng = self.rng
        drafts = table.drafts
        kind = rng.randrange(12)
        secretariat = seat == self.scenario.roles.secretariat
        on_council = seat in self._council
        verb = "propose" if secretariat else "table"
        if kind <= 2 and self._drafts and (on_council or secretariat):
            return f"{seat} {verb} {rng.choice(self._drafts)}"
        if kind == 3 and self._tags and (on_council or secretariat):
            kind_word = rng.choice(("substantive", "procedural"))
            return (
                f'{seat} {verb} {self._new_id("d")} "A draft of {seat}" {kind_word} '
                f"tags={self._some(self._tags)}"
            )
        if kind == 4 and drafts and on_council:
            proposed = [d.id for d in drafts if d.status is DraftStatus.PROPOSED]
            if proposed:
                return f"{seat} sponsor {rng.choice(proposed)}"
            vetoed = [d.id for d in drafts if d.status is DraftStatus.VETOED]
            if vetoed:
                return f"{seat} uniting-for-peace {rng.choice(vetoed)}"
        if kind == 5 and drafts and self._tags and on_council:
            tabled = [d for d in drafts if d.status is DraftStatus.TABLED]
            if tabled:
                d = rng.choice(tabled)
                change = (
                    f"remove={rng.choice(d.tags)}"
                    if d.tags and rng.random() < 0.4
                    else f"add={rng.choice(self._tags)}"
                )
                return f'{seat} amend {d.id} {self._new_id("am")} "An amendment" {change}'
        if kind == 6 and self._types and seat != self.scenario.roles.host:
            mine = [
                p.id for p in table.pledges if p.status is PledgeStatus.HONOURED and p.seat == seat
            ]
            if mine:
                cond = f" if {self.condition(table)}" if rng.random() < 0.3 else ""
                return (
                    f"{seat} offer {self._new_id('g')} {rng.choice(self._types)} "
                    f"backing={self._some(mine, 2)}{cond}"
                )
        if kind == 7 and self._tags:
            return (
                f'{seat} terms {self._new_id("t")} "Terms of {seat}" tags={self._some(self._tags)}'
            )
        if kind == 8 and self._tags and rng.random() < 0.3:
            return (
                f'{seat} redline {self._new_id("r")} "Never this" tags={self._some(self._tags, 2)}'
            )
        return f"{seat} table {rng.choice(self._drafts)}" if self._drafts else f"{seat} pass"

    def order_line(self, seat: str, table: Table, mine: Sequence[Action] = ()) -> str:
        """One candidate sealed order for `seat` in the orders phase.

        `mine` is the seat's own orders entered so far this round (its own screen
        shows them); the player also knows its role from the scenario and its own
        holdings, so it does not offer what its seat plainly cannot do.
        """
        rng = self.rng
        roles = self.scenario.roles
        tabled = [d.id for d in table.drafts if d.status is DraftStatus.TABLED]
        secretariat = seat == roles.secretariat
        if secretariat and rng.random() < 0.5 and not any(isinstance(x, Mediate) for x in mine):
            return f"{seat} mediate"  # the Secretariat's good offices, its usual order
        kind = rng.randrange(12)
        voted = {x.draft for x in mine if isinstance(x, CastVote)}
        unvoted = [d for d in tabled if d not in voted]
        if kind <= 2 and unvoted and seat in self._council:
            return f"{seat} vote {rng.choice(unvoted)} {rng.choice(_VOTES)}"
        if kind == 3 and tabled and self._lobbied:
            toward = rng.choice(("yes", "no"))
            return f"{seat} lobby {rng.choice(self._lobbied)} {rng.choice(tabled)} {toward}"
        held_assets = [a for a in self._assets if table.seats[seat].assets.get(a, 0) > 0]
        if kind <= 6 and held_assets:
            asset = rng.choice(held_assets)
            held = table.seats[seat].assets[asset]
            amount = rng.randint(1, max(1, held // 3))
            target = rng.choice(TARGETS)
            cond = f" if {self.condition(table)}" if rng.random() < 0.4 else ""
            return f"{seat} pledge {self._new_id('p')} {asset} {amount} to {target}{cond}"
        if kind == 7:
            answered = {x.item for x in mine if isinstance(x, Answer)}
            open_items = []
            if seat == roles.host:
                open_items += [g.id for g in table.guarantees if g.accepted is None]
                open_items += [d.id for d in table.drafts if d.recommended and not d.consented]
            if seat in roles.parties:
                open_items += [
                    t.id for t in table.terms if seat not in t.accepted_by + t.rejected_by
                ]
            open_items = [i for i in open_items if i not in answered]
            if open_items:
                verb = "accept" if rng.random() < 0.7 else "reject"
                return f"{seat} {verb} {rng.choice(open_items)}"
        if kind == 8:
            honoured = [
                p.id for p in table.pledges if p.seat == seat and p.status is PledgeStatus.HONOURED
            ]
            if honoured and rng.random() < 0.3:
                return f"{seat} withdraw {rng.choice(honoured)}"
            if secretariat and not any(isinstance(x, Mediate) for x in mine):
                return f"{seat} mediate"
        if kind == 9 and tabled and secretariat:
            return f"{seat} endorse {rng.choice(tabled)}"
        if kind == 10 and self._arguments and rng.random() < 0.5:
            return f'{seat} argue {rng.choice(self._arguments)} "Because it serves peace"'
        return f"{seat} pass"

    # -- playing -------------------------------------------------------------

    def _offer(self, game: Game, line: str, stats: PlayStats) -> bool:
        stats.tried += 1
        try:
            game.apply(line)
        except GameError:
            return False
        stats.accepted += 1
        return True

    def play_round(self, game: Game, stats: PlayStats) -> None:
        """Negotiate, enter orders for every seat, submit and resolve one round."""
        if game.state.phase is Phase.NEGOTIATION:
            for seat in game.seats:
                for _ in range(self.rng.randint(0, self.negotiation_tries)):
                    if self._offer(game, self.negotiation_line(seat, game.state), stats):
                        stats.public += 1
            game.begin_orders()
        sealed = 0
        for seat in game.seats:
            wanted = self.rng.randint(2, self.order_tries)
            entered = 0
            for _ in range(3 * wanted):
                if entered == wanted:
                    break
                line = self.order_line(seat, game.state, game.orders_of(seat))
                if self._offer(game, line, stats):
                    entered += 1
            stats.orders += entered
            sealed += entered
            game.submit(seat)
        events = game.resolve()
        refused = sum(1 for e in events if e.kind is EventKind.REFUSED)
        stats.resolved += sealed - refused
        stats.rounds += 1

    def play(self, game: Game, *, until: Callable[[Game], bool] | None = None) -> PlayStats:
        """Play `game` to its end (or until `until(game)` holds); returns what happened."""
        stats = PlayStats()
        while game.state.phase is not Phase.ENDED and not (until and until(game)):
            self.play_round(game, stats)
        return stats


def play_game(scenario: Scenario, seed: int) -> tuple[Game, PlayStats]:
    """A whole game of `scenario`, every seat played by a `RandomPlayer(seed)`."""
    game = Game.start(scenario, seed)
    stats = RandomPlayer(scenario, seed).play(game)
    return game, stats


__all__ = ["PlayStats", "RandomPlayer", "play_game"]
