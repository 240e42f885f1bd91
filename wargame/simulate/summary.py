"""The summary of a run: pure arithmetic over the game records, in game order.

Nothing here reads a clock or depends on how the games were spread over
processes: the same records give the same summary, and the same JSON bytes.
Shares and means are rounded to 4 places, so the JSON reads well and no
platform's last-bit float noise can show.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from typing import Any

from wargame.scenario.models import Scenario
from wargame.simulate.task import EARLY_ROUND, PASS_LEVEL, GameResult

TOP_SHARE_LIMIT = 0.40
"""A seat topping more than this share of games is warned about."""
EARLY_LEADER_LIMIT = 0.50
"""The round-2 leader topping more than this share of games is warned about."""
PLACES = 4
"""Decimal places of every mean, spread and share in the summary."""


def _round(value: float | Fraction) -> float:
    return round(float(value), PLACES)


@dataclass(frozen=True, slots=True)
class SeatSummary:
    """How one seat fared over the bot games."""

    level: str
    """The bot level that played it."""
    mean: float
    """Mean final points."""
    stdev: float
    """Population standard deviation of the final points (0 for a single game)."""
    min: int
    """Lowest final points."""
    max: int
    """Highest final points."""
    top_share: float
    """Share of games it scored highest; a tie shares the game (a 2-way tie: 0.5 each)."""


@dataclass(frozen=True, slots=True)
class EarlyLead:
    """How often one seat led after round 2, and how often it then scored highest."""

    led: float
    """Share of games it led after round 2 (a tie shares the lead, as `top_share` does)."""
    then_topped: float
    """Of the games it led, the share it went on to top (ties shared); 0 if it never led."""


@dataclass(frozen=True, slots=True)
class PassCheck:
    """One seat played by `pass` against the same seeds played by its bot."""

    games: int
    """All-pass games played for the seat (game i has the seed of bot game i)."""
    mean: float
    """The seat's mean points when it passes every round."""
    bot_mean: float
    """The seat's mean points in the bot games with the same seeds."""


class WarningKind(StrEnum):
    """What a warning is about."""

    SEAT_TOPS = "seat_tops"
    """A seat tops more than `TOP_SHARE_LIMIT` of the games."""
    ENDING_NEVER = "ending_never"
    """An ending is never reached."""
    PASS_BEATS_BOT = "pass_beats_bot"
    """Passing every round scores at least the seat's bot mean."""
    EARLY_LEADER = "early_leader"
    """The leader after round 2 tops more than `EARLY_LEADER_LIMIT` of the games."""


@dataclass(frozen=True, slots=True)
class BalanceWarning:
    """A sign the scenario may be unbalanced."""

    kind: WarningKind
    """What it is about."""
    subject: str
    """The seat or ending it names (empty for the early-leader warning)."""
    value: float
    """The figure that tripped it (a share, a count or a mean)."""
    limit: float
    """The figure it was compared with."""

    def text(self) -> str:
        """The warning in words."""
        if self.kind is WarningKind.SEAT_TOPS:
            return (
                f"{self.subject} tops {self.value:.1%} of games "
                f"(more than {self.limit:.0%}): the game favours it"
            )
        if self.kind is WarningKind.ENDING_NEVER:
            return f"ending {self.subject} is never reached"
        if self.kind is WarningKind.PASS_BEATS_BOT:
            return (
                f"{self.subject} scores {self.value:g} on average by passing every round, "
                f"not below its bot's {self.limit:g}: doing nothing pays"
            )
        return (
            f"the seat leading after round {EARLY_ROUND} tops {self.value:.1%} of games "
            f"(more than {self.limit:.0%}): the game is decided early"
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """What a run of simulated games shows (the JSON is `to_data()`)."""

    scenario: str
    """The scenario's id."""
    games: int
    """Bot games played."""
    seed: int
    """The run's seed (game i's seed is `game_seed(seed, i)`)."""
    bots: dict[str, str]
    """Each seat's bot level."""
    endings: dict[str, int]
    """Each ending (the default ending last) with how many games reached it."""
    seats: dict[str, SeatSummary]
    """How each seat fared, in seat order."""
    rounds_mean: float
    """Mean game length in rounds."""
    vetoes: dict[str, int]
    """Vetoes cast over all games, by permanent member."""
    vetoes_per_game: dict[str, float]
    """The same, per game."""
    drafts_adopted: dict[str, int]
    """Games in which each of the scenario's drafts was adopted."""
    other_drafts_adopted: int
    """Drafts written at the table (not in the scenario's list) that were adopted."""
    tags_adopted: dict[str, int]
    """Games in which each tag was carried by an adopted draft."""
    orders_mean: float
    """Mean actions the engine accepted per game."""
    resolved_mean: float
    """Mean sealed orders carried out at resolution per game."""
    early_leader_top_share: float
    """Share of games the seat leading after round 2 scored highest (ties shared)."""
    early_leaders: dict[str, EarlyLead] = field(default_factory=dict)
    """For each seat, in seat order: its lead after round 2 and what became of it."""
    pass_checks: dict[str, PassCheck] = field(default_factory=dict)
    """For each seat not played by `pass`: its all-pass games against its bot."""
    warnings: tuple[BalanceWarning, ...] = ()
    """Signs of imbalance, in a fixed order."""

    def to_data(self) -> dict[str, Any]:
        """The JSON form (documented in README.md, "wargame simulate")."""
        return {
            "scenario": self.scenario,
            "games": self.games,
            "seed": self.seed,
            "bots": self.bots,
            "endings": self.endings,
            "seats": {
                seat: {
                    "level": s.level,
                    "mean": s.mean,
                    "stdev": s.stdev,
                    "min": s.min,
                    "max": s.max,
                    "top_share": s.top_share,
                }
                for seat, s in self.seats.items()
            },
            "rounds_mean": self.rounds_mean,
            "vetoes": self.vetoes,
            "vetoes_per_game": self.vetoes_per_game,
            "drafts_adopted": self.drafts_adopted,
            "other_drafts_adopted": self.other_drafts_adopted,
            "tags_adopted": self.tags_adopted,
            "orders_mean": self.orders_mean,
            "resolved_mean": self.resolved_mean,
            "early_leader_top_share": self.early_leader_top_share,
            "early_leaders": {
                seat: {"led": e.led, "then_topped": e.then_topped}
                for seat, e in self.early_leaders.items()
            },
            "pass": {
                seat: {"games": p.games, "mean": p.mean, "bot_mean": p.bot_mean}
                for seat, p in self.pass_checks.items()
            },
            "warnings": [
                {
                    "kind": w.kind.value,
                    "subject": w.subject,
                    "value": w.value,
                    "limit": w.limit,
                    "text": w.text(),
                }
                for w in self.warnings
            ],
        }


def summarize(
    scenario: Scenario,
    seed: int,
    levels: Mapping[str, str],
    games: Sequence[GameResult],
    passed: Sequence[GameResult] = (),
) -> Summary:
    """The summary of `games` (bot games, in game order) and `passed` (all-pass games)."""
    if not games:
        raise ValueError("a summary needs at least one game")
    seat_ids = [s.id for s in scenario.seats]
    count = len(games)
    points = {seat: [dict(g.scores)[seat] for g in games] for seat in seat_ids}
    tops = _top_shares(games, seat_ids)
    endings = {e.id: 0 for e in scenario.endings}
    endings[scenario.default_ending.id] = 0
    for g in games:
        endings[g.ending] = endings.get(g.ending, 0) + 1
    permanent = [m.id for m in scenario.council.members if m.permanent]
    vetoes = {m: sum(dict(g.vetoes).get(m, 0) for g in games) for m in permanent}
    listed = [d.id for d in scenario.drafts]
    drafts = {d: sum(d in g.adopted for g in games) for d in listed}
    other = sum(1 for g in games for d in g.adopted if d not in drafts)
    tag_ids = [t.id for t in scenario.tags]
    tags = {t: sum(t in g.tags for g in games) for t in tag_ids}
    for t in sorted({t for g in games for t in g.tags} - set(tag_ids)):
        tags[t] = sum(t in g.tags for g in games)
    seats = {
        seat: SeatSummary(
            level=levels[seat],
            mean=_round(statistics.fmean(points[seat])),
            stdev=_round(statistics.pstdev(points[seat])),
            min=min(points[seat]),
            max=max(points[seat]),
            top_share=_round(tops[seat] / count),
        )
        for seat in seat_ids
    }
    checks = _pass_checks(games, passed, seat_ids)
    early = _round(_early_leader_share(games) / count)
    summary = Summary(
        scenario=scenario.id,
        games=count,
        seed=seed,
        bots={seat: levels[seat] for seat in seat_ids},
        endings=endings,
        seats=seats,
        rounds_mean=_round(statistics.fmean(g.rounds for g in games)),
        vetoes=vetoes,
        vetoes_per_game={m: _round(Fraction(n, count)) for m, n in vetoes.items()},
        drafts_adopted=drafts,
        other_drafts_adopted=other,
        tags_adopted=tags,
        orders_mean=_round(statistics.fmean(g.orders for g in games)),
        resolved_mean=_round(statistics.fmean(g.resolved for g in games)),
        early_leader_top_share=early,
        early_leaders=_early_leads(games, seat_ids),
        pass_checks=checks,
    )
    return _with_warnings(summary, levels)


def _toppers(game: GameResult) -> list[str]:
    best = max(p for _, p in game.scores)
    return [seat for seat, p in game.scores if p == best]


def _top_shares(games: Sequence[GameResult], seat_ids: list[str]) -> dict[str, Fraction]:
    shares = dict.fromkeys(seat_ids, Fraction(0))
    for g in games:
        top = _toppers(g)
        for seat in top:
            shares[seat] += Fraction(1, len(top))
    return shares


def _early_leader_share(games: Sequence[GameResult]) -> Fraction:
    """Summed over games: the chance that a round-2 leader and a final topper, each
    drawn at random among those tied, are the same seat."""
    total = Fraction(0)
    for g in games:
        leaders, top = set(g.early_leaders), set(_toppers(g))
        total += Fraction(len(leaders & top), len(leaders) * len(top))
    return total


def _early_leads(games: Sequence[GameResult], seat_ids: list[str]) -> dict[str, EarlyLead]:
    """Per seat: its share of the lead after round 2, and the share of that it turned into
    the top score (both counted as `_early_leader_share` counts them, seat by seat)."""
    led = dict.fromkeys(seat_ids, Fraction(0))
    topped = dict.fromkeys(seat_ids, Fraction(0))
    for g in games:
        top = _toppers(g)
        for seat in g.early_leaders:
            share = Fraction(1, len(g.early_leaders))
            led[seat] += share
            if seat in top:
                topped[seat] += share / len(top)
    return {
        seat: EarlyLead(
            led=_round(led[seat] / len(games)),
            then_topped=_round(topped[seat] / led[seat]) if led[seat] else 0.0,
        )
        for seat in seat_ids
    }


def _pass_checks(
    games: Sequence[GameResult], passed: Sequence[GameResult], seat_ids: list[str]
) -> dict[str, PassCheck]:
    by_index = {g.index: g for g in games}
    checks: dict[str, PassCheck] = {}
    for seat in seat_ids:
        mine = [p for p in passed if p.passing == seat]
        if not mine:
            continue
        checks[seat] = PassCheck(
            games=len(mine),
            mean=_round(statistics.fmean(dict(p.scores)[seat] for p in mine)),
            bot_mean=_round(statistics.fmean(dict(by_index[p.index].scores)[seat] for p in mine)),
        )
    return checks


def _with_warnings(summary: Summary, levels: Mapping[str, str]) -> Summary:
    warnings: list[BalanceWarning] = [
        BalanceWarning(WarningKind.SEAT_TOPS, seat, s.top_share, TOP_SHARE_LIMIT)
        for seat, s in summary.seats.items()
        if s.top_share > TOP_SHARE_LIMIT
    ]
    warnings += [
        BalanceWarning(WarningKind.ENDING_NEVER, ending, 0, 0)
        for ending, n in summary.endings.items()
        if n == 0
    ]
    warnings += [
        BalanceWarning(WarningKind.PASS_BEATS_BOT, seat, p.mean, p.bot_mean)
        for seat, p in summary.pass_checks.items()
        if levels[seat] != PASS_LEVEL and p.mean >= p.bot_mean
    ]
    if summary.early_leader_top_share > EARLY_LEADER_LIMIT:
        warnings.append(
            BalanceWarning(
                WarningKind.EARLY_LEADER, "", summary.early_leader_top_share, EARLY_LEADER_LIMIT
            )
        )
    return replace(summary, warnings=tuple(warnings))
