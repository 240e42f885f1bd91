"""Property tests: the lexer's key→line map agrees with tomllib on generated documents.

Each document is written by a small writer that picks, at random, every way TOML
allows to write the same data (table headers or inline tables or dotted keys,
``[[arrays]]`` or inline arrays, arrays on one line or spread over several with
comments between items, basic, literal and multi-line strings holding text that
looks like keys, bare and quoted keys) and notes the line where it writes each key
path. `tomllib` must read the text back to the same data (so the writer is right),
and the lexer must give every key path the line the writer noted, and know no key
that is not in `tomllib`'s document (so nothing inside a string or comment was
taken for a key).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.problems import Loc
from wargame.toml_lex import DEFAULT_LIMITS, KeyLines, key_lines, scan

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_KEYS = st.sampled_from(
    ["a", "b", "id", "seat-2", "9", "when", "with space", "dot.ted", 'quo"te', "é", "tab\tkey"]
)
_TEXTS = st.sampled_from(
    ["", "x", "a = 1", "[t]", "[[s]]\nk = 2", "# not a comment", "{ a = 1 }", "x\ny", "q'\"", "\\"]
)
_SCALARS = st.integers(-(10**9), 10**9) | st.booleans() | _TEXTS
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(st.dictionaries(_KEYS, inner, max_size=3), min_size=1, max_size=3)
        | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=14,
)
_DOCUMENTS = st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=5)


def _key(name: str, draw: Any) -> str:
    if _BARE.fullmatch(name) and draw(st.booleans()):
        return name
    if "'" not in name and "\t" not in name and draw(st.booleans()):
        return f"'{name}'"
    return '"' + _escape(name) + '"'


def _escape(text: str, newlines: bool = False) -> str:
    out = []
    for char in text:
        if char == "\n" and newlines:
            out.append("\n")
        elif char in '"\\':
            out.append("\\" + char)
        elif char < " ":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


class _Writer:
    """Writes a document in randomly chosen styles, noting the line of every key path."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.text = ""
        self.expected: dict[Loc, int] = {}

    @property
    def line(self) -> int:
        """The line the next character goes on."""
        return self.text.count("\n") + 1

    def note(self, path: Loc, line: int) -> None:
        for end in range(1, len(path) + 1):
            self.expected.setdefault(path[:end], line)

    def emit(self, text: str) -> None:
        self.text += text

    def filler(self) -> None:
        """Sometimes a blank line or a comment line that looks like TOML."""
        choice = self.draw(st.integers(0, 4))
        if choice == 1:
            self.emit("\n")
        elif choice == 2:
            self.emit("# fake = 1 and [fake] are comments\n")

    # --- values written in place ------------------------------------------------------

    def value(self, value: Any, path: Loc, *, one_line: bool = False) -> None:
        """Write `value` where the text ends; its path was noted by the caller."""
        if isinstance(value, bool):
            self.emit("true" if value else "false")
        elif isinstance(value, int):
            self.emit(str(value))
        elif isinstance(value, str):
            self.string(value, one_line)
        elif isinstance(value, list):
            self.array(value, path, one_line)
        else:
            self.inline_table(value, path)

    def string(self, text: str, one_line: bool) -> None:
        style = self.draw(st.sampled_from(["basic", "literal", "ml_basic", "ml_literal"]))
        if one_line or ("\n" in text and style == "literal"):
            style = "basic"
        if style == "literal" and "'" not in text and "\\" not in text:
            self.emit(f"'{text}'")
        elif style == "ml_literal" and "'" not in text and not text.startswith("\n"):
            self.emit(f"'''{text}'''")
        elif style == "ml_basic" and not text.startswith("\n"):
            self.emit('"""' + _escape(text, newlines=True) + '"""')
        else:
            self.emit('"' + _escape(text) + '"')

    def array(self, items: list[Any], path: Loc, one_line: bool) -> None:
        spread = not one_line and self.draw(st.booleans())
        self.emit("[")
        for index, item in enumerate(items):
            if spread and self.draw(st.booleans()):
                self.emit("\n")
                if self.draw(st.booleans()):
                    self.emit("  # item [x] = 1\n")
                self.emit("  ")
            elif index:
                self.emit(" ")
            self.note((*path, index), self.line)
            self.value(item, (*path, index), one_line=one_line)
            if index < len(items) - 1 or (spread and self.draw(st.booleans())):
                self.emit(",")
        if spread and self.draw(st.booleans()):
            self.emit("\n")
        self.emit("]")

    def inline_table(self, table: dict[str, Any], path: Loc) -> None:
        self.emit("{")
        for index, (name, item) in enumerate(table.items()):
            self.emit(", " if index else " ")
            self.note((*path, name), self.line)
            self.emit(_key(name, self.draw) + " = ")
            self.value(item, (*path, name), one_line=True)
        self.emit(" }" if table else "}")

    # --- statements -------------------------------------------------------------------

    def key_value(self, name: str, value: Any, path: Loc, prefix: str = "") -> None:
        """``key = value`` (or ``prefix.key = value``) on a line of its own."""
        self.filler()
        if isinstance(value, dict) and value and self.draw(st.booleans()):  # dotted keys
            for sub, item in value.items():
                self.key_value(sub, item, (*path, name), f"{prefix}{_key(name, self.draw)} . ")
            return
        self.note((*path, name), self.line)
        self.emit(f"{prefix}{_key(name, self.draw)} = ")
        self.value(value, (*path, name))
        self.emit("  # done\n" if self.draw(st.booleans()) else "\n")

    def table(
        self, table: dict[str, Any], path: Loc, header: list[str], implicit: bool = False
    ) -> None:
        """The body of a table: its keys, then its sub-tables and arrays of tables.

        An `implicit` table has no header of its own: all its values are tables
        with headers of their own.
        """
        later: list[tuple[str, Any]] = []
        for name, value in table.items():
            header_of_its_own = isinstance(value, dict) or _is_table_array(value)
            if header_of_its_own and (implicit or self.draw(st.booleans())):
                later.append((name, value))
            else:
                self.key_value(name, value, path)
        for name, value in later:
            names = [*header, _key(name, self.draw)]
            if isinstance(value, dict):
                only_tables = value and all(isinstance(v, dict) for v in value.values())
                if only_tables and self.draw(st.booleans()):  # no header of its own: implicit
                    self.table(value, (*path, name), names, implicit=True)
                    continue
                self.filler()
                self.note((*path, name), self.line)
                self.expected[(*path, name)] = self.line
                self.emit("[" + " . ".join(names) + "]\n")
                self.table(value, (*path, name), names)
            else:
                for index, item in enumerate(value):
                    self.filler()
                    self.note((*path, name, index), self.line)
                    self.emit("[[" + ".".join(names) + "]]\n")
                    self.table(item, (*path, name, index), names)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _paths(value: Any, path: Loc = ()) -> list[Loc]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _written(data: st.DataObject) -> tuple[dict[str, Any], str, dict[Loc, int]]:
    document = data.draw(_DOCUMENTS)
    writer = _Writer(data.draw)
    writer.table(document, (), [])
    return document, writer.text, writer.expected


def _exists(document: Any, path: Loc) -> bool:
    value = document
    for part in path:
        if isinstance(part, int):
            if not isinstance(value, list) or part >= len(value):
                return False
        elif not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


@settings(max_examples=250, deadline=None)
@given(st.data())
def test_the_key_lines_agree_with_tomllib(data: st.DataObject) -> None:
    document, text, expected = _written(data)
    assert tomllib.loads(text) == document, text  # the writer wrote what it meant
    checked = scan(text, "x.toml", DEFAULT_LIMITS)
    for lines in (checked, key_lines(text)):  # with and without limits: the same pass
        for path in _paths(document):
            assert lines.line_of(path) == expected[path], (path, text)
    for path in _recorded(checked):  # nothing in a string or comment was taken for a key
        assert _exists(document, path), (path, text)


def _recorded(lines: KeyLines) -> list[Loc]:
    """Every key and table path the lexer noted (array items are kept apart, by index)."""
    return list(lines._lines)


# tomli_w's own layout: every key is found on a line that names it.

_TOMLI_W_NAMES = st.text("abcxyz_-", min_size=1, max_size=4)
_TOMLI_W_DOCUMENTS = st.dictionaries(
    _TOMLI_W_NAMES,
    st.recursive(
        st.integers(-5, 5) | st.text("ab =[]{}#\"'\n", max_size=8) | st.booleans(),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(_TOMLI_W_NAMES, inner, max_size=3)
        ),
        max_leaves=10,
    ),
    min_size=1,
    max_size=4,
)


@given(_TOMLI_W_DOCUMENTS)
def test_every_key_written_by_tomli_w_is_found_on_a_line_naming_it(
    document: dict[str, object],
) -> None:
    text = tomli_w.dumps(document)
    source = text.splitlines()
    lines = key_lines(text)
    for path in _paths(document):
        line = lines.line_of(path)
        assert line is not None and 1 <= line <= len(source), (path, text)
        if isinstance(path[-1], str):
            assert path[-1] in source[line - 1], (path, line, text)
        else:  # an array item: on its array's line or below
            assert line >= (lines.line_of(path[:-1]) or 0), (path, line, text)
