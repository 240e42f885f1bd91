"""The functions behind `wargame report` and `wargame handouts` (the I/O edge of the debrief).

Every user mistake and every bad file ends with one line on stderr and status 1.

    wargame report SAVE [--format md|html] [-o FILE]
    wargame handouts SCENARIO [-o DIR] [--format html|md]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wargame.problems import ProblemsError, report_lines
from wargame.terminal import say


def configure_report(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file (see `wargame saves`)")
    parser.add_argument(
        "--format", choices=("md", "html"), default="md", help="Markdown (default) or HTML"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write here (default: stdout)"
    )


def run_report(args: argparse.Namespace) -> int:
    """Load the save through the checked loader, then write its after-action report."""
    from wargame.debrief.facts import report_facts
    from wargame.saves.load import load_save

    try:
        loaded = load_save(args.save)
    except ProblemsError as error:
        for line in report_lines(error.problems):
            say(line, err=True)
        return 1
    from wargame.debrief import html, markdown
    from wargame.debrief.report import report

    document = report(report_facts(loaded.game, loaded.document))
    text = html.render(document) if args.format == "html" else markdown.render(document)
    if args.output is None:
        sys.stdout.write(text)  # escaped by the renderer; control characters made visible
        return 0
    failure = write_text(args.output, text)
    if failure:
        say(failure, err=True)
        return 1
    say(f"wrote {args.output}")
    return 0


def write_text(path: Path, text: str) -> str | None:
    """Write a file; None, or why it could not be written (one line)."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        return f"{path}: cannot write: {error.strerror or error}"
    return None


def configure_handouts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="a shipped name or a .toml path")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=Path,
        help="the folder to write to (default: handouts/<scenario id>/)",
    )
    parser.add_argument(
        "--format", choices=("html", "md"), default="html", help="HTML (default) or Markdown"
    )


def run_handouts(args: argparse.Namespace) -> int:
    """Load the scenario through the checked loader, then write a page per seat and the sheet."""
    from wargame.catalog import find
    from wargame.debrief import html, markdown
    from wargame.debrief.handouts import handouts
    from wargame.scenario_files import load

    try:
        scenario = load(find(args.scenario)).scenario
    except ProblemsError as error:
        for line in report_lines(error.problems):
            say(line, err=True)
        return 1
    folder: Path = args.output or Path("handouts") / scenario.id
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        say(f"{folder}: cannot make the folder: {error.strerror or error}", err=True)
        return 1
    render = html.render if args.format == "html" else markdown.render
    pages = handouts(scenario)
    files = [(f"{seat}.{args.format}", page) for seat, page in pages.seats]
    files += [(f"facilitator.{args.format}", pages.facilitator)]
    files += [(f"all.{args.format}", pages.all_pages())]
    for name, page in files:
        failure = write_text(folder / name, render(page))
        if failure:
            say(failure, err=True)
            return 1
    seats = len(pages.seats)
    say(f"wrote {len(files)} files to {folder}/:")
    say(f"  one page per seat ({seats}): {', '.join(name for name, _ in files[:seats])}")
    say(f"  facilitator.{args.format}: the facilitator's sheet, every secret on it")
    say(f"  all.{args.format}: every page, to print in one go (a page break between seats)")
    return 0
