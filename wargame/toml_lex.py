"""One pass of a small TOML lexer: enforce the limits, and note the line of every key path.

`tomllib` can be made slow, huge or to crash by a small file (docs/DECISIONS.md,
"Reading untrusted TOML"), and it keeps no positions. This module reads the
text once, before `tomllib` does, and does both jobs in that one pass:

- it counts nesting, key parts, string lengths and integer digits against
  `Limits` and refuses the first thing past one, with its line and column;
- it notes the line of every key path (table headers, ``[[arrays]]`` with an
  index per table, dotted and quoted keys, inline tables, the items of
  arrays), so that a problem found later (a number beyond 64 bits, a
  validation error at ``seats[2].objectives[0].when``) can say where it is.

It knows TOML's four string forms and its comments, so nothing inside a
string or a comment is taken for a key. It is conservative: it may count a
little more than `tomllib` builds, never less. Where it cannot follow the text
(an unterminated multi-line string) `tomllib` refuses the document at that
very place, so it stops. Its cost is linear and small: whole ``key = value``
lines, simple table headers and the simple items of an array line are one
regex match each, and every regex is possessive, so none backtracks.
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from typing import Never

from wargame.problems import Loc, Problem, ProblemsError

__all__ = ["DEFAULT_LIMITS", "KeyLines", "Limits", "key_lines", "scan"]


@dataclass(frozen=True, slots=True)
class Limits:
    """What a TOML document may contain before it is refused unread."""

    max_bytes: int = 1 << 20
    """Largest file accepted, in bytes (1 MiB)."""
    max_depth: int = 32
    """Deepest nesting of arrays and inline tables (table header brackets count too)."""
    max_key_parts: int = 16
    """Most parts in one dotted key or table header (``a.b.c`` has 3)."""
    max_total_key_parts: int = 100_000
    """Most key parts in the whole document, summed over every key and header.

    This bounds how many tables `tomllib` builds: a 1 MiB file made only of
    16-part table headers otherwise costs ~3 s and ~460 MiB."""
    max_string_chars: int = 20_000
    """Longest string or quoted key, counted as written between its quotes."""
    max_integer_digits: int = 18
    """Most digits in an integer, so that every integer fits in 64 bits."""


DEFAULT_LIMITS = Limits()
"""The limits used when none are given."""

_NO_LIMIT = 1 << 62
_UNLIMITED = Limits(_NO_LIMIT, _NO_LIMIT, _NO_LIMIT, _NO_LIMIT, _NO_LIMIT, _NO_LIMIT)
_REGEX_REPEAT_CAP = 1 << 30  # `re` refuses larger counts; longer tokens take the slow path

_DECIMAL = re.compile(r"[0-9_]+")
# One token, after spaces and tabs. The run of blank and comment lines is
# possessive: greedy, it kept a backtracking frame a line, and a megabyte of
# newlines cost 372 MiB. Words are bare keys (dots included: `a.b` is one
# word) and bare values (numbers, dates, booleans); a lone quote whose string
# does not end on its line is a `bad` string, which tomllib refuses there.
_TOKEN = re.compile(
    r"[ \t]*(?:"
    r"(?P<nl>\r?\n(?:[ \t]*+(?:#[^\r\n]*+)?+\r?\n)*+)"
    r"|(?P<comment>#[^\r\n]*)"
    r"|(?P<ml>\"\"\"|''')"
    r"|(?P<str>\"[^\"\\\r\n]*+(?:\\[^\r\n][^\"\\\r\n]*+)*+\"|'[^'\r\n]*+')"
    r"|(?P<bad>[\"'][^\r\n]*)"
    r"|(?P<word>[A-Za-z0-9_+\-.:]+)"
    r"|(?P<punct>[^ \t])"
    r")"
)
_BARE = r"[A-Za-z0-9_-]++"
_HEADER_DOT = re.compile(r"[ \t]*\.[ \t]*")
_INLINE_KEY = re.compile(r"[{,][ \t]*+[A-Za-z0-9_-]++[ \t]*+=")
_BRACED = re.compile(r"\{[^}]*+\}")
_SIMPLE_STRING = re.compile(r"\"[^\"\\\r\n]*+\"|'[^'\r\n]*+'")  # as `_scalar_pattern` writes them
# The rest of a multi-line string after its opening quotes: up to the first
# unescaped closing triple, plus up to two quotes that belong to the content.
_ML_END = {
    '"""': re.compile(r'[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+"""(?:""?)?'),
    "'''": re.compile(r"[^']*+(?:'(?!'')[^']*+)*+'''(?:''?)?"),
}
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b"}


class _Items:
    """The lines of one array's items, noted only where the line changes (8 bytes each)."""

    __slots__ = ("count", "indices", "lines")

    def __init__(self) -> None:
        self.indices = array("i")  # the first item of each line that holds items
        self.lines = array("i")  # that line
        self.count = 0  # items seen

    def see(self, index: int, line: int, count: int = 1) -> None:
        """Items `index` to `index + count - 1` start on `line`."""
        if index < self.count:
            return  # the second token of one item (a date and its time)
        self.count = index + count
        if not self.lines or self.lines[-1] != line:
            self.indices.append(index)
            self.lines.append(line)

    def line_of(self, index: int) -> int | None:
        if not 0 <= index < self.count:
            return None
        return self.lines[bisect_right(self.indices, index) - 1]


class KeyLines:
    """The 1-based line of every key path defined in one TOML text (built by `scan`)."""

    def __init__(self) -> None:
        self._lines: dict[Loc, int] = {}  # keys, tables, [[array]] tables
        self._items: dict[Loc, _Items] = {}  # arrays written as values
        self._arrays: dict[Loc, int] = {}  # [[array]] path -> tables seen so far

    def line_of(self, loc: Loc) -> int | None:
        """The line defining the deepest known prefix of `loc`, or None if none is known."""
        for end in range(len(loc), 0, -1):
            prefix = tuple(loc[:end])
            line = self._lines.get(prefix)
            if line is not None:
                return line
            last = prefix[-1]
            if isinstance(last, int):
                items = self._items.get(prefix[:-1])
                line = items.line_of(last) if items is not None else None
                if line is not None:
                    return line
        return None

    def _record(self, path: Loc, line: int, known: int = 0) -> None:
        """Remember `line` for `path` and its prefixes longer than `known` not already known."""
        for end in range(max(known, 0) + 1, len(path) + 1):
            self._lines.setdefault(path[:end], line)

    def _header(self, parts: list[str], is_array: bool, line: int) -> Loc:
        """Record a ``[table]`` or ``[[array]]`` header; return the table's concrete path.

        A name under an ``[[array]]`` means its latest table (``[seats.profile]``
        after the third ``[[seats]]`` is ``seats[2].profile``)."""
        lines, arrays = self._lines, self._arrays
        path: Loc = ()
        last = len(parts) - 1
        for at, part in enumerate(parts):
            path += (part,)
            lines.setdefault(path, line)
            if is_array and at == last:
                arrays[path] = arrays.get(path, 0) + 1
            elif path not in arrays:
                continue
            path += (arrays[path] - 1,)
            lines.setdefault(path, line)
        lines[path] = line  # an explicit header beats an earlier implicit mention
        return path


def scan(text: str, label: str, limits: Limits = DEFAULT_LIMITS) -> KeyLines:
    """Read `text` once: refuse it (one `ProblemsError`) past a limit, else return its key lines.

    `text` is decoded, without a BOM. `label` names the document in a refusal.
    """
    lexer = _Lexer(text, label, limits, strict=True)
    lexer.run()
    return lexer.keys


def key_lines(text: str) -> KeyLines:
    """The key lines of text already read under limits (or of any text: it never refuses)."""
    lexer = _Lexer(text.removeprefix("\ufeff"), "", _UNLIMITED, strict=False)
    lexer.run()
    return lexer.keys


class _Frame:
    """A bracket whose closing bracket is still to come."""

    __slots__ = ("index", "items", "kind", "path")

    def __init__(self, kind: str, path: Loc | None, items: _Items | None = None) -> None:
        self.kind = kind  # "h" table header bracket, "[" array, "{" inline table
        self.path = path  # what the array or inline table is the value of, when known
        self.items = items
        self.index = 0  # the array item being read


_HEADER = _Frame("h", None)


class _Lexer:
    """The state of the one pass: brackets open, the key being read, the current table."""

    def __init__(self, text: str, label: str, limits: Limits, *, strict: bool) -> None:
        self.text, self.label, self.limits, self.strict = text, label, limits, strict
        self.keys = KeyLines()
        self.stack: list[_Frame] = []
        self.key_mode = True  # a key (or header) is expected, not a value
        self.parts: list[str] = []  # parts of the key being read
        self.parts_line = 1  # the line its first part is on
        self.header = ""  # "" | "table" | "aot": the header being read
        self.table: Loc = ()  # the table set by the latest header
        self.value_path: Loc | None = None  # the key whose value is being read
        self.total = 0  # key parts in the document so far
        self.line, self.line_start = 1, 0
        self.items = _simple_items(limits.max_string_chars, limits.max_integer_digits)

    def refuse(self, message: str, at: int) -> None:
        if self.strict:
            _refuse(self.label, message, self.line, at - self.line_start + 1)

    def run(self) -> None:
        text, stack, pos, end = self.text, self.stack, 0, len(self.text)
        while pos < end:
            if pos == self.line_start and not stack:
                after = self.simple_lines(pos)
            elif stack and stack[-1].kind == "[" and text[pos] not in ",]":
                after = self.simple_items(pos)
            else:
                after = pos
            if after != pos:
                pos = after
                continue
            match = _TOKEN.match(text, pos)
            if match is None:  # the end, or only spaces and tabs
                return
            kind = match.lastgroup or ""
            start, pos, token = match.start(kind), match.end(), match.group(kind)
            if kind == "nl":
                self.newlines(token, pos)
                self.parts = []
                self.key_mode = self.key_mode or not stack or stack[-1].kind != "["
            elif kind == "word":
                self.word(token, start)
            elif kind == "str":
                self.string(token, len(token) - 2, start)
            elif kind == "ml":
                closing = _ML_END[token].match(text, pos)
                if closing is None:
                    return  # unterminated: tomllib stops here with a syntax error
                pos = closing.end()
                self.string(token, len(closing.group()) - 3, start, quoted=False)
                self.newlines(closing.group(), pos)
            elif kind == "punct":
                self.punct(token, start)

    # --- whole lines and runs at once -----------------------------------------------------

    def simple_lines(self, pos: int) -> int:
        """Take whole lines at once while they are simple; return where that stops.

        Blank and comment lines, ``[table]`` and ``[[array]]`` headers of bare
        keys, and ``key = value`` lines whose value is a scalar, or a one-line
        array or inline table of scalars, all within the limits (the regex is
        built for them): most lines of a scenario. Anything else is left to
        the token-by-token scan, which refuses what is past a limit.
        """
        text, match, limits = self.text, self.lines_regex.match, self.limits
        keys, lines, table, line = self.keys, self.keys._lines, self.table, self.line
        while (simple := match(text, pos)) is not None:
            kind = simple.lastgroup or ""
            if kind == "blank":
                line += simple.group().count("\n")
            else:
                name = simple[kind + "_name"]
                if name.count(".") >= limits.max_key_parts:
                    break  # the token scan refuses it, at the right column
                parts = _key_parts(name)
                self.total += len(parts)
                if kind == "kv" and "{" in simple["kv_value"]:
                    self.total += len(_INLINE_KEY.findall(simple["kv_value"]))
                if self.total > limits.max_total_key_parts:
                    self.line, self.line_start = line, pos
                    self.refuse(_total_keys_message(limits), simple.start(kind + "_name"))
                if kind != "kv":
                    table = keys._header(parts, kind == "aot", line)
                elif len(parts) == 1:
                    lines.setdefault((*table, name), line)
                else:
                    keys._record((*table, *parts), line, len(table))
                line += 1
            pos = simple.end()
        self.table, self.line, self.line_start = table, line, pos
        return pos

    @functools.cached_property
    def lines_regex(self) -> re.Pattern[str]:
        return _simple_lines(
            self.limits.max_string_chars, self.limits.max_integer_digits, self.limits.max_depth
        )

    def simple_items(self, pos: int) -> int:
        """Take short items (``1, "a", [], {a = 1},``) a line at a time while there are some.

        Each line's run of items is one regex match; the first item's line is
        noted (the others on that line share it) and the count moves the index on.
        """
        stack, limits = self.stack, self.limits
        if len(stack) >= limits.max_depth:  # `[]` and `{}` would go one deeper
            return pos
        text, match, top = self.text, self.items.match, stack[-1]
        record, line, line_start = top.items, self.line, self.line_start
        while (run := match(text, pos)) is not None:
            first = run.start("items")
            if first != pos and (newlines := text.count("\n", pos, first)):
                line, line_start = line + newlines, text.rindex("\n", pos, first) + 1
            items = run["items"]
            if "=" in items:  # keys of inline tables; counts a string's `, x =` too
                # Each is a one-part bare key: only the document's total grows.
                self.total += len(_INLINE_KEY.findall(items))
                if self.total > limits.max_total_key_parts:
                    self.line, self.line_start = line, line_start
                    self.refuse(_total_keys_message(limits), first)
            count = items.count(",")  # each item is followed by one comma…
            if count > 1 and ("'" in items or '"' in items):  # …but strings hold commas
                items = _SIMPLE_STRING.sub("", items)
                count = items.count(",")
            if count > 1 and "{" in items:  # …and so do inline tables
                count = _BRACED.sub("", items).count(",")
            if record is not None:
                record.see(top.index, line, count)
            top.index += count
            pos = run.end()
        self.line, self.line_start = line, line_start
        self.parts = []
        return pos

    # --- tokens -------------------------------------------------------------------------

    def newlines(self, token: str, end: int) -> None:
        """Count the lines in `token`, which ends at `end`."""
        count = token.count("\n")
        if count:
            self.line, self.line_start = self.line + count, self.text.rindex("\n", 0, end) + 1

    def word(self, token: str, start: int) -> None:
        if self.key_mode:
            parts = [part for part in token.split(".") if part]
            self.add_parts(parts, start)
        else:
            self.value_word(token, start)
            self.see_item()

    def string(self, token: str, length: int, start: int, *, quoted: bool = True) -> None:
        """A one-line string (`quoted`: a possible key) or the opening of a multi-line one."""
        self.check_string(length, start)
        if self.key_mode:  # a multi-line string is no key: tomllib refuses it, we count it
            self.add_parts([_unquote(token) if quoted else token], start)
        else:
            self.see_item()

    def check_string(self, length: int, start: int) -> None:
        if length > self.limits.max_string_chars:
            self.refuse(_string_message(self.limits), start)

    def value_word(self, token: str, start: int) -> None:
        problem = _value_word_problem(token, self.limits)
        if problem:
            self.refuse(problem, start)

    def add_parts(self, parts: list[str], start: int) -> None:
        if not self.parts:
            self.parts_line = self.line
        self.parts.extend(parts)
        self.add_key_parts(len(parts), len(self.parts), start)

    def add_key_parts(self, parts: int, chain: int, start: int) -> None:
        """Count `parts` more key parts, `chain` of them in the key being read."""
        self.total += parts
        if chain > self.limits.max_key_parts:
            self.refuse(_key_parts_message(self.limits), start)
        if self.total > self.limits.max_total_key_parts:
            self.refuse(_total_keys_message(self.limits), start)

    def see_item(self) -> None:
        """A value starts here: if it is an array's item, note its line."""
        if self.stack:
            top = self.stack[-1]
            if top.kind == "[" and top.items is not None:
                top.items.see(top.index, self.line)

    def value_target(self) -> Loc | None:
        """The path of the value starting here (an array's item, or a key's value)."""
        top = self.stack[-1] if self.stack else None
        if top is not None and top.kind == "[":
            return None if top.path is None else (*top.path, top.index)
        return self.value_path

    def punct(self, token: str, start: int) -> None:
        stack, parts = self.stack, self.parts
        self.parts = []
        if token in "[{":
            top = stack[-1] if stack else None
            if token == "[" and self.key_mode and (top is None or top.kind != "["):
                if not self.header and not parts:
                    self.header, self.parts_line = "table", self.line
                elif self.header == "table" and not parts and top is not None:
                    self.header = "aot"
                stack.append(_HEADER)
            else:
                self.see_item()
                path = self.value_target()
                items = None
                if token == "[" and path is not None:
                    items = self.keys._items.setdefault(path, _Items())
                stack.append(_Frame(token, path, items))
                self.key_mode = token == "{"
            if len(stack) > self.limits.max_depth:
                self.refuse(_depth_message(self.limits), start)
        elif token in "]}":
            popped = stack.pop() if stack else _HEADER
            if popped is _HEADER and self.header and parts:
                self.table = self.keys._header(parts, self.header == "aot", self.parts_line)
            if popped is _HEADER:
                self.header = ""
            self.key_mode = token == "]" and popped is _HEADER
        elif token == "=":
            top = stack[-1] if stack else None
            base = top.path if top is not None and top.kind == "{" else self.table
            if parts and base is not None:
                self.value_path = (*base, *parts)
                self.keys._record(self.value_path, self.parts_line, len(base))
            else:
                self.value_path = None
            self.key_mode = False
        elif token == ",":
            top = stack[-1] if stack else None
            if top is not None and top.kind == "[":
                top.index += 1
            self.key_mode = top is not None and top.kind == "{"


def _scalar_pattern(max_string_chars: int, max_integer_digits: int) -> str:
    """A scalar that needs no further check: a one-line string within the length
    limit, a decimal number whose integer part is within the digit limit, a boolean.

    Anything else, such as ``inf``, a hex integer or a date, is left to the
    token-by-token scan.
    """
    chars = min(max(max_string_chars, 0), _REGEX_REPEAT_CAP)
    digits = min(max(max_integer_digits - 1, 0), _REGEX_REPEAT_CAP)
    number = rf"[+-]?[0-9][0-9_]{{0,{digits}}}+(?:\.[0-9_]++)?+(?:[eE][+-]?[0-9_]++)?+"
    if max_integer_digits < 1:
        number = "(?!)"
    return rf"{number}|\"[^\"\\\r\n]{{0,{chars}}}+\"|'[^'\r\n]{{0,{chars}}}+'|true|false"


@functools.lru_cache(maxsize=8)
def _simple_items(max_string_chars: int, max_integer_digits: int) -> re.Pattern[str]:
    """Blank and comment lines (``gap``), then the simple ``items`` of one line of an array.

    Each item is a scalar (`_scalar_pattern`), ``[]``, or a one-level inline
    table of bare keys and scalars, followed by a comma. The caller makes sure
    one more level of nesting is allowed and counts the keys of inline tables.
    """
    scalar = _scalar_pattern(max_string_chars, max_integer_digits)
    pair = rf"{_BARE}[ \t]*+=[ \t]*+(?>{scalar})[ \t]*+"
    table = rf"\{{[ \t]*+(?:{pair},[ \t]*+)*+(?:{pair})?+\}}"
    item = rf"(?>{scalar}|\[[ \t]*+\]|{table})[ \t]*+,[ \t]*+"
    gap = r"[ \t\r\n]*+(?:#[^\r\n]*+\r?\n[ \t\r\n]*+)*+"  # possessive: no backtracking
    return re.compile(rf"(?P<gap>{gap})(?P<items>(?:{item})++)")


@functools.lru_cache(maxsize=8)
def _simple_lines(
    max_string_chars: int, max_integer_digits: int, max_depth: int
) -> re.Pattern[str]:
    """One line that needs no token-by-token scan (see `_Lexer.simple_lines`).

    Its last named group is its kind: ``blank`` (a run of blank and comment
    lines), ``kv`` (``kv_name = kv_value``), ``aot`` or ``table`` (a header
    named ``aot_name`` or ``table_name``). Shapes deeper than `max_depth`
    allows are left out, so the token scan refuses them.
    """
    scalar = _scalar_pattern(max_string_chars, max_integer_digits)
    name = rf"{_BARE}(?:[ \t]*+\.[ \t]*+{_BARE})*+"
    end = r"[ \t]*+(?:#[^\r\n]*+)?+\r?\n"
    value = rf"(?>{scalar})"
    if max_depth >= 1:
        array = rf"\[[ \t]*+(?:(?>{scalar})[ \t]*+,[ \t]*+)*+(?:(?>{scalar})[ \t]*+)?+\]"
        pair = rf"{_BARE}[ \t]*+=[ \t]*+(?>{scalar})[ \t]*+"
        table = rf"\{{[ \t]*+(?:{pair},[ \t]*+)*+(?:{pair})?+\}}"
        value = rf"(?>{scalar}|{array}|{table})"
    kinds = [
        r"(?P<blank>(?:[ \t]*+(?:#[^\r\n]*+)?+\r?\n)++)",
        rf"(?P<kv>[ \t]*+(?P<kv_name>{name})[ \t]*+=[ \t]*+(?P<kv_value>{value}){end})",
    ]
    if max_depth >= 2:
        kinds.append(rf"(?P<aot>[ \t]*+\[\[[ \t]*+(?P<aot_name>{name})[ \t]*+\]\]{end})")
    if max_depth >= 1:
        kinds.append(rf"(?P<table>[ \t]*+\[[ \t]*+(?P<table_name>{name})[ \t]*+\]{end})")
    return re.compile("|".join(kinds))


def _key_parts(name: str) -> list[str]:
    """The parts of a dotted name of bare keys: ``a . b.c`` → ``["a", "b", "c"]``."""
    if "." not in name:
        return [name]
    if " " in name or "\t" in name:
        return _HEADER_DOT.split(name)
    return name.split(".")


def _value_word_problem(word: str, limits: Limits) -> str | None:
    """Say what is wrong with a bare value (number, date, boolean), or None."""
    unsigned = word.lstrip("+-")
    if unsigned in ("inf", "nan"):
        return "inf and nan are not allowed"
    if unsigned[:2] in ("0x", "0o", "0b"):
        digits = len(unsigned) - 2 - unsigned.count("_")
    elif _DECIMAL.fullmatch(unsigned):
        digits = len(unsigned) - unsigned.count("_")
    else:
        return None
    if digits > limits.max_integer_digits:
        return (
            f"an integer with {digits} digits is too long; "
            f"the limit is {limits.max_integer_digits} digits"
        )
    return None


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


def _refuse(label: str, message: str, line: int, column: int) -> Never:
    raise ProblemsError([Problem(label, message, line, column)])


def _depth_message(limits: Limits) -> str:
    return f"arrays and inline tables are nested too deep; the limit is {limits.max_depth} levels"


def _key_parts_message(limits: Limits) -> str:
    return f"a dotted key or table name has too many parts; the limit is {limits.max_key_parts}"


def _total_keys_message(limits: Limits) -> str:
    return (
        f"the file has too many keys and table names; "
        f"the limit is {limits.max_total_key_parts} key parts"
    )


def _string_message(limits: Limits) -> str:
    return f"a string is too long; the limit is {limits.max_string_chars} characters"
