"""Find the line where a key path of a TOML document is defined.

`tomllib` keeps no positions, so when validation reports a problem at
``("seats", 2, "objectives", 0, "when")`` we scan the source once for table
headers (``[a.b]``, ``[[seats]]`` with an index per array), dotted and quoted
keys, inline tables and the items of arrays, and answer with the line of the
deepest prefix of that path we know. Comments and the inside of strings
(multi-line ones too) are never mistaken for keys. Pure: it reads no file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

Loc = tuple[str | int, ...]
"""A key path as pydantic reports it: table keys and array indices."""

# Possessive quantifiers throughout: a greedy group repeated a million times
# (a megabyte of escapes in one string) would keep a backtracking frame for each.
_TOKEN = re.compile(
    r"[ \t]*+(?:"
    r"(?P<nl>\r?\n)"
    r"|(?P<comment>#[^\r\n]*+)"
    r'|(?P<ml>"""[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+"""(?:""?)?+'
    r"|'''[^']*+(?:'(?!'')[^']*+)*+'''(?:''?)?+)"
    r'|(?P<str>"[^"\\\r\n]*+(?:\\.[^"\\\r\n]*+)*+"|\'[^\'\r\n]*+\')'
    r"|(?P<word>[A-Za-z0-9_+\-:]++)"
    r"|(?P<punct>[^ \t])"
    r")"
)
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b"}


@dataclass(slots=True)
class _Open:
    """An array or inline table whose closing bracket is still to come."""

    path: Loc
    is_array: bool
    index: int = 0


class KeyLines:
    """The 1-based line of every key path defined in one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Loc, int] = {}
        self._arrays: dict[Loc, int] = {}  # [[array]] path -> tables seen so far
        self._scan(text.removeprefix("\ufeff"))

    def line_of(self, loc: Loc) -> int | None:
        """The line defining the deepest known prefix of `loc`, or None if none is known."""
        for end in range(len(loc), 0, -1):
            line = self._lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def _scan(self, text: str) -> None:
        """Follow headers, keys and values token by token (no recursion, any depth)."""
        table: Loc = ()
        opened: list[_Open] = []
        state = "key"  # key | header | aot | value | after
        parts: list[str] = []
        value_path: Loc = ()
        first_line = 0
        for kind, token, line in _tokens(text):
            if kind == "nl":
                if not opened:
                    state, parts = "key", []
            elif state in ("key", "header", "aot") and kind in ("word", "str"):
                parts.append(_unquote(token) if kind == "str" else token)
                first_line = first_line if len(parts) > 1 else line
            elif state == "key" and token == "[" and not parts and not opened:
                state, first_line = "header", line
            elif state == "header" and token == "[" and not parts:
                state = "aot"
            elif state in ("header", "aot") and token == "]":
                table = self._header(parts, state == "aot", first_line)
                state, parts = "after", []
            elif state == "key" and token == "=":
                value_path = (opened[-1].path if opened else table) + tuple(parts)
                self._record(value_path, first_line)
                state, parts = "value", []
            elif state == "key" and token == "}" and opened:
                opened.pop()
                state = "after"
            elif state == "value" and token != "]":
                self._lines.setdefault(value_path, line)
                if token in ("[", "{"):
                    opened.append(_Open(value_path, token == "["))
                    value_path += (0,) if token == "[" else ()
                state = "value" if token == "[" else "key" if token == "{" else "after"
            elif token in ("]", "}") and opened:
                opened.pop()
                state = "after"
            elif state == "after" and token == "," and opened:
                top = opened[-1]
                top.index += 1
                value_path = (*top.path, top.index)
                state = "value" if top.is_array else "key"

    def _header(self, parts: list[str], is_array: bool, line: int) -> Loc:
        """Record a ``[table]`` or ``[[array]]`` header; return the table's concrete path."""
        path: Loc = ()
        for part in parts[:-1] if is_array else parts:
            path += (part,)
            if path in self._arrays:  # a key under [[seats]] means the latest seat
                path += (self._arrays[path] - 1,)
        if is_array and parts:
            path += (parts[-1],)
            self._arrays[path] = self._arrays.get(path, 0) + 1
            path += (self._arrays[path] - 1,)
        self._record(path, line)
        self._lines[path] = line  # an explicit header beats an earlier implicit mention
        return path

    def _record(self, path: Loc, line: int) -> None:
        """Remember `line` for `path` and each of its prefixes not already known."""
        for end in range(1, len(path) + 1):
            self._lines.setdefault(path[:end], line)


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """Tokens as (kind, text, line), without spaces and comments, one at a time.

    A generator, not a list: a megabyte of empty lines is a million tokens,
    and a list of them cost ~100 MiB (docs/DECISIONS.md, "Reading untrusted TOML")."""
    line = 1
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or ""
        token = match.group(kind)
        if kind != "comment":
            yield kind, token, line
        if kind in ("nl", "ml"):
            line += token.count("\n")


def _unquote(token: str) -> str:
    """The key a quoted TOML key names: ``'a b'`` or ``"a\\u0020b"`` → ``a b``."""
    if token[0] == "'":
        return token[1:-1]
    return _ESCAPE.sub(_unescape, token[1:-1])


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _SIMPLE_ESCAPES.get(code, code)
    point = int(code[1:], 16)
    return chr(point) if point <= 0x10FFFF else match.group()
