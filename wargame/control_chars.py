"""Control characters in untrusted text: which are refused, and how they are shown.

Text from files (scenarios, saves, file names) and text typed by players can
hold terminal escapes: `ESC ] 0 ; ... BEL` renames the terminal window,
`ESC [ 2 J` clears the screen, `ESC ] 52 ; c ; ... BEL` writes the clipboard.
Loaders refuse them (`first_control`); every output shows whatever got past
them as harmless visible characters (`visible`): ESC as ␛, C1 codes and
bidirectional overrides as `\\x9b`, `\\u202e`. Newline and tab are ordinary
text. Pure: the scenario validation uses it too.
"""

from __future__ import annotations

import re

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidirectional embeddings, overrides and isolates: they reorder what the reader sees."""

_CLASS = f"\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}"

CONTROL = re.compile(f"[{_CLASS}]")
"""A character that untrusted text may not hold: C0 codes except tab and newline,
DEL, C1 codes, and bidirectional overrides."""

WITHOUT_CONTROL = f"[^{_CLASS}]*"
"""A regular expression matching text without such a character (an input field's `restrict`)."""


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ ... ␛ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


_VISIBLE = {
    code: _picture(code)
    for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *map(ord, BIDI)]
}


def first_control(text: str) -> str | None:
    """The first control character `text` may not hold, or None."""
    found = CONTROL.search(text)
    return found.group() if found else None


def control_message(char: str) -> str:
    """The refusal for a control character: `control character U+001B is not allowed`."""
    return f"control character U+{ord(char):04X} is not allowed"


def visible(text: str) -> str:
    """`text` with every control character (but newline and tab) made visible and inert."""
    if CONTROL.search(text) is None:
        return text
    return text.translate(_VISIBLE)


def visible_line(text: str) -> str:
    """`visible(text)` on one line: newlines and tabs become spaces (a listing, a title bar)."""
    return visible(text).replace("\n", " ").replace("\t", " ")
