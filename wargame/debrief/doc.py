"""A small document model: what the report and the handouts say, before any markup.

The report and the handouts are built as `Document`s of blocks holding plain,
untrusted text; `markdown.render` and `html.render` lay a document out and
escape every string on the way. So the two formats say the same things and
escaping lives in one place per format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Code:
    """An id, a syntax or an expression, shown literally in a fixed-width font."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Text shown in bold."""

    text: str


Span = str | Code | Strong
"""A run of text: plain (a `str`), code or bold."""
Inline = tuple[Span, ...]
"""A line of text made of spans."""


def line(*spans: Span) -> Inline:
    """An inline from its spans (empty strings dropped)."""
    return tuple(s for s in spans if s != "")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 1 is the document's title, 2 a section, 3 a subsection."""

    level: int
    text: Inline


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph on one line."""

    text: Inline


@dataclass(frozen=True, slots=True)
class Prose:
    """Untrusted multi-line text (a briefing): blank lines separate its paragraphs."""

    text: str


@dataclass(frozen=True, slots=True)
class Item:
    """A list item, with items under it."""

    text: Inline
    sub: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class Items:
    """A bulleted list."""

    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table; the first column names the row."""

    headers: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A value per round, drawn as inline SVG in HTML and as text bars in Markdown."""

    title: str
    values: tuple[int, ...]
    low: int
    high: int
    first_round: int = 0
    """The round of values[0] (0: the start of the game)."""
    goal: int | None = None
    """A value to mark (the requirement), if any."""
    suffix: str = ""
    """Written after each value (`%`)."""


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Printed output starts a new page here."""


Block = Heading | Para | Prose | Items | Table | Chart | PageBreak


@dataclass(frozen=True, slots=True)
class Document:
    """A titled sequence of blocks."""

    title: str
    blocks: tuple[Block, ...] = field(default=())


def items(lines: Sequence[Inline]) -> Items:
    """A list of single-line items."""
    return Items(tuple(Item(x) for x in lines))


def table(headers: Sequence[Span | Inline], rows: Sequence[Sequence[Span | Inline]]) -> Table:
    """A table from cells given as spans or inlines."""
    return Table(tuple(map(_inline, headers)), tuple(tuple(map(_inline, r)) for r in rows))


def _inline(cell: Span | Inline) -> Inline:
    return cell if isinstance(cell, tuple) else (cell,)
