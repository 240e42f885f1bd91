"""Problems found in a user's file, each with the place it was found.

Every loader (scenarios, saves) reports bad input as `Problem`s inside one
`ProblemsError`, so the command line and the app show them the same way:
`path:line: key.path: message` (or `path:line:column: message` for syntax).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from wargame.control_chars import visible

MAX_SHOWN = 50
"""Most problems shown for one file (the command line and the app); the rest are counted."""

Loc = tuple[str | int, ...]
"""A key path inside a document: table keys and array indices, as pydantic reports them."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MAX_KEY_PART = 60
"""Longest key part shown whole: a quoted key can be as long as a string (20,000 characters)."""
_QUOTED_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"})


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, located as precisely as we can."""

    path: str
    """The file as the user named it (or a label such as ``<string>``)."""
    message: str
    """What is wrong, in words a scenario author understands."""
    line: int | None = None
    """1-based line in the file, when known."""
    column: int | None = None
    """1-based column, for syntax errors."""
    key: str = ""
    """Dotted key path inside the document (``seats[2].objectives[0].when``), or empty."""

    def __str__(self) -> str:
        """The problem as printed; control characters from the file are made visible."""
        return visible(self._text())

    def _text(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        if self.key:
            return f"{place}: {self.key}: {self.message}"
        return f"{place}: {self.message}"


def key_path(loc: Sequence[str | int]) -> str:
    """Write a key path as every problem shows it: ``seats[2].objectives[0].when``.

    A key that is not a bare TOML key is quoted as TOML quotes it
    (``council."veto holders"``), with backslashes, quotes, newlines and tabs
    escaped so the path stays on one line; a key part longer than 60 characters
    is cut with ``…``. Other control characters are left for `Problem.__str__`
    to make visible. The empty path is the empty string.
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        if len(part) > _MAX_KEY_PART:
            part = part[: _MAX_KEY_PART - 1] + "…"
        if not _BARE_KEY.fullmatch(part):
            part = '"' + part.translate(_QUOTED_ESCAPES) + '"'
        text += f".{part}" if text else part
    return text


class ProblemsError(ValueError):
    """A file was refused; `problems` lists every reason, in file order."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def report_lines(problems: Sequence[Problem], limit: int = MAX_SHOWN) -> list[str]:
    """The first `limit` problems as lines, then ``… and N more problems`` if there are more."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        rest = len(problems) - limit
        lines.append(f"… and {rest} more problem{'s' if rest != 1 else ''}")
    return lines
