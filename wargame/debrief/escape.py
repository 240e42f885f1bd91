"""Untrusted text made safe for Markdown and HTML (the one place the debrief escapes).

Every string of a scenario or a save (titles, names, reasons, arguments) may
hold markup meant to run: `<script>`, `[x](javascript:…)`, a `|` that breaks a
table, a terminal escape. Control characters are first made visible
(`wargame.control_chars.visible`); then:

- HTML: `html.escape` (quotes included, so attributes are safe too);
- Markdown: every character CommonMark or GitHub Flavored Markdown could read
  as markup is backslash-escaped, so the text renders as itself and never as
  a link, an image, raw HTML, emphasis, a heading, a list or a table cell.
"""

from __future__ import annotations

import html
import re

from wargame.control_chars import visible, visible_line

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$]|&(?=#?\w+;))")
"""Markdown punctuation escaped wherever it appears (`$`: GitHub renders math; `&` only
where it starts an entity such as `&lt;`)."""
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")
"""What acts as markup only at the start of a line: a heading, a list item, a rule."""


def h(text: object) -> str:
    """`text` for HTML: control characters visible, then html.escape'd."""
    return html.escape(visible(str(text)), quote=True)


def md(text: object, *, cell: bool = False) -> str:
    """`text` for Markdown inline use (one line): nothing in it can act as markup.

    `cell`: inside a table cell, where a line's start (`+4`, `- x`) is not markup.
    """
    line = visible_line(str(text))
    return _MD_SPECIAL.sub(r"\\\1", line) if cell else _md(line)


def md_block(text: object) -> str:
    """`text` for a Markdown paragraph: its line breaks kept, nothing acting as markup."""
    lines = [_md(line.strip()) for line in visible(str(text)).replace("\t", " ").splitlines()]
    # A blank line ends a paragraph; keep paragraphs, join the lines of each with a hard break.
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    return "\n".join(f"{line}  " if line else line for line in out).rstrip()


def _md(text: str) -> str:
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)


def md_code(text: object) -> str:
    """`text` as a Markdown code span (ids, syntax): literal, backticks included."""
    inner = visible_line(str(text))
    runs = [len(r) for r in re.findall(r"`+", inner)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if inner.startswith("`") or inner.endswith("`") or not inner.strip() else ""
    return f"{fence}{pad}{inner}{pad}{fence}"


def md_fence(body: str) -> str:
    """`body` (already made visible) in a fenced code block no line of it can close."""
    runs = [len(r) for r in re.findall(r"`{3,}", body)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"{fence}text\n{body}\n{fence}"
