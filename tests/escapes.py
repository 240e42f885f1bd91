"""A corpus of terminal escape payloads, and how tests write and look for them.

Each payload did harm in a real terminal when a file's text reached it raw:
renaming the window, writing the clipboard, clearing the screen...
"""

from __future__ import annotations

import re

PAYLOADS = {
    "osc-title": "\x1b]0;pwned\x07",
    "osc52-clipboard": "\x1b]52;c;cm0gLXJmIH4K\x07",
    "csi-clear": "\x1b[2J",
    "bell": "\x07",
    "c1-csi": "\x9b2J",
    "del": "\x7f",
    "carriage-return": "\rFORGED",
    "bidi-override": "\u202egnp.exe",
}
"""Payload name -> the text (as it is after TOML unescaping)."""

ALL = "".join(PAYLOADS.values())
"""Every payload in one text."""

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Any character that must never reach the terminal from a file or a player."""


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, control characters written as \\uXXXX escapes."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif RAW_CONTROL.match(char) or char in "\n\t":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def raw_controls(text: str) -> list[str]:
    """The control characters in `text` (what a test asserts is empty)."""
    return RAW_CONTROL.findall(text)
