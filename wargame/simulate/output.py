"""What a run prints and writes: the report, the JSON summary, the CSV of games.

All three are pure text built from the summary and the game records; the
command writes them. Ids in them come from the scenario file (untrusted):
the report goes out through `say`, which makes control characters inert, and
JSON escapes them itself.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from wargame.scenario.models import Scenario
from wargame.simulate.summary import Summary
from wargame.simulate.task import GameResult


def json_text(summary: Summary) -> str:
    """The summary as JSON: keys in a fixed order, no timing, the same bytes for the
    same games."""
    return json.dumps(summary.to_data(), indent=2) + "\n"


def csv_text(scenario: Scenario, games: Sequence[GameResult]) -> str:
    """One row per bot game, in game order: game, seed, ending, rounds, each seat's score."""
    seats = [s.id for s in scenario.seats]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["game", "seed", "ending", "rounds", *seats])
    for g in games:
        points = dict(g.scores)
        writer.writerow([g.index + 1, g.seed, g.ending, g.rounds, *(points[s] for s in seats)])
    return out.getvalue()


def _share(count: int, games: int) -> str:
    return f"{count:>6}  {count / games:6.1%}"


def report_lines(summary: Summary, scenario: Scenario) -> list[str]:
    """The report printed after a run."""
    n = summary.games
    names = {s.id: s.name for s in scenario.seats}
    titles = {e.id: e.title for e in scenario.endings}
    titles[scenario.default_ending.id] = scenario.default_ending.title
    width = max(len(i) for i in [*summary.endings, *summary.seats, *summary.tags_adopted, "x"])
    lines = [
        f"{scenario.title}: {n} games, seed {summary.seed}, "
        f"bots {', '.join(f'{s}={lv}' for s, lv in summary.bots.items())}",
        f"mean length {summary.rounds_mean:g} rounds; per game {summary.orders_mean:.1f} "
        f"actions accepted, {summary.resolved_mean:.1f} sealed orders carried out",
        "",
        "Endings",
    ]
    lines += [
        f"  {ending:<{width}} {_share(count, n)}  {titles.get(ending, '')}"
        for ending, count in summary.endings.items()
    ]
    lines += ["", f"Scores{'':<{width - 4}}   mean  stdev  min  max   tops"]
    for seat, s in summary.seats.items():
        lines.append(
            f"  {seat:<{width}} {s.mean:6.2f} {s.stdev:6.2f} {s.min:4} {s.max:4} "
            f"{s.top_share:6.1%}  {names[seat]} ({s.level})"
        )
    lines += [
        "",
        f"Leading after round 2: the leader tops {summary.early_leader_top_share:.1%} of games",
        f"  {'':<{width}}    led  then tops",
    ]
    lines += [
        f"  {seat:<{width}} {e.led:6.1%}     {e.then_topped:6.1%}"
        for seat, e in summary.early_leaders.items()
    ]
    if summary.pass_checks:
        lines += ["", "Passing every round (same seeds)"]
        lines += [
            f"  {seat:<{width}} {p.mean:6.2f} against its bot's {p.bot_mean:.2f} ({p.games} games)"
            for seat, p in summary.pass_checks.items()
        ]
    lines += ["", "Vetoes (all games, per game)"]
    lines += [
        f"  {member:<{width}} {count:6}  {summary.vetoes_per_game[member]:6.2f}"
        for member, count in summary.vetoes.items()
    ]
    lines += ["", "Drafts adopted (games)"]
    lines += [
        f"  {draft:<{width}} {_share(count, n)}" for draft, count in summary.drafts_adopted.items()
    ]
    if summary.other_drafts_adopted:
        lines.append(f"  drafts written at the table: {summary.other_drafts_adopted} adopted")
    lines += ["", "Tags adopted (games)"]
    lines += [f"  {tag:<{width}} {_share(count, n)}" for tag, count in summary.tags_adopted.items()]
    lines += ["", "Warnings" if summary.warnings else "No warnings"]
    lines += [f"  ! {w.text()}" for w in summary.warnings]
    return lines
