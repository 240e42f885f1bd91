"""Printing to the terminal: every line the command line prints goes through `say`.

What the commands print holds text from files (titles, names, key paths, file
names); `say` shows any control character in it as a visible, inert sign
(`wargame.control_chars.visible`), so a hostile file cannot rename the window,
clear the screen or write the clipboard.
"""

from __future__ import annotations

import sys

from wargame.control_chars import visible


def say(text: object = "", *, err: bool = False) -> None:
    """Print one line (or several) to stdout, or to stderr with `err`, made inert."""
    print(visible(str(text)), file=sys.stderr if err else sys.stdout)
