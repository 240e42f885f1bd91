"""Read TOML written by people who may be hostile, in bounded time and memory.

This module is the I/O edge for scenarios and saves. Python 3.11's `tomllib`
can be made to spend seconds and gigabytes on a small file (a 16,000-part
dotted key), to overflow the stack (deep nesting), or to raise exceptions other
than `TOMLDecodeError`. So every document is first read by the one-pass lexer
of `wargame.toml_lex`, which knows TOML's four string forms and its comments,
counts nesting, key parts, string lengths and integer digits against `Limits`,
and notes the line of every key path on the way; only then is it handed to
`tomllib`. Every refusal is one `Problem` inside a `ProblemsError`, never a
traceback. See docs/DECISIONS.md, "Reading untrusted TOML", for why and for
the figures.
"""

from __future__ import annotations

import ast
import codecs
import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Never

from wargame.problems import Problem, ProblemsError, key_path
from wargame.toml_lex import DEFAULT_LIMITS, KeyLines, Limits, scan

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "TomlDocument",
    "parse_toml",
    "parse_toml_document",
    "read_bounded",
    "read_toml_document",
    "read_toml_file",
]


@dataclass(frozen=True, slots=True)
class TomlDocument:
    """A TOML document read under `Limits`: its data, its text and where its keys are."""

    data: dict[str, Any]
    """What `tomllib` read: no integer outside 64 bits, no inf or nan."""
    text: str
    """The decoded text, without any BOM."""
    lines: KeyLines
    """The line of every key path, noted by the same pass that enforced the limits."""


_INT_MIN, _INT_MAX = -(1 << 63), (1 << 63) - 1
_TOML_WHITESPACE = " \t\r\n"
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ERROR_AT = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$", re.S)
_ERROR_AT_END = " (at end of document)"
_MAX_MESSAGE = 300  # keep a refusal readable whatever the keys
_PY_STR = r"""(?:'[^'\\]*(?:\\.[^'\\]*)*'|"[^"\\]*(?:\\.[^"\\]*)*")"""
_KEY_TUPLE = re.compile(rf"\({_PY_STR}(?:, {_PY_STR})*,?\)")  # tomllib's ('a', 'b')


def parse_toml(data: bytes, label: str, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """Parse untrusted TOML bytes into a dict, or raise one `ProblemsError`.

    `label` names the document in the problem (usually its path). The result
    holds no integer outside 64 bits and no inf or nan.
    """
    return parse_toml_document(data, label, limits).data


def parse_toml_document(data: bytes, label: str, limits: Limits = DEFAULT_LIMITS) -> TomlDocument:
    """Like `parse_toml`, keeping the text and the key lines for later problems."""
    if len(data) > limits.max_bytes:
        _refuse(label, _size_message(len(data), limits.max_bytes))
    text = _decode(data, label)
    if not text.strip(_TOML_WHITESPACE):
        _refuse(label, "the file is empty")
    lines = scan(text, label, limits)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise _syntax_error(err, text, label) from None
    except RecursionError:  # not reachable within the depth limit; kept as a net
        _refuse(label, "arrays and inline tables are nested too deep")
    except ValueError:  # e.g. int() refusing a huge number; the lexer stops those first
        _refuse(label, "a number is too long to read")
    _check_values(document, lines, label)
    return TomlDocument(document, text, lines)


def read_toml_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, Any], str]:
    """Read and parse a TOML file; return its data and its decoded text (without any BOM)."""
    document = read_toml_document(path, limits)
    return document.data, document.text


def read_toml_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> TomlDocument:
    """Read and parse a TOML file, keeping its text and key lines.

    The size is checked with ``fstat`` before reading, and at most
    ``max_bytes + 1`` bytes are ever read.
    """
    label = str(path)
    return parse_toml_document(read_bounded(path, label, limits.max_bytes), label, limits)


# --- reading ------------------------------------------------------------------------


def read_bounded(path: Path, label: str, max_bytes: int, what: str = "file") -> bytes:
    """Return at most ``max_bytes + 1`` bytes of a regular file, checking its size first.

    Folders, devices and FIFOs are refused (opened non-blocking, so a FIFO
    cannot hang us); `what` names the file in messages ("save file").
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        _refuse(label, f"no such {what}")
    except IsADirectoryError:
        _refuse(label, f"this is a folder, not a {what}")
    except PermissionError:
        _refuse(label, f"permission denied: the {what} cannot be read")
    except OSError as err:
        _refuse(label, f"the {what} cannot be opened: {err.strerror or err}")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            _refuse(label, f"this is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            _refuse(label, "this is not a regular file")
        if info.st_size > max_bytes:
            _refuse(label, _size_message(info.st_size, max_bytes))
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        _refuse(label, f"the {what} cannot be read: {err.strerror or err}")
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # it grew after fstat
        _refuse(label, f"the {what} is larger than the limit of {_size(max_bytes)}")
    return data


def _decode(data: bytes, label: str) -> str:
    """Decode UTF-8 (a BOM is dropped), refusing binary, UTF-16 and bad bytes with a place."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _refuse(label, "this file is UTF-16 text; save it as UTF-8")
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = err.start
    else:
        bad = -1
        if "\0" not in text:
            return text
    # Binary: any NUL byte, or bad UTF-8 beside other control bytes (a PNG header).
    nul, control = body.find(b"\0"), _CONTROL_BYTES.search(body)
    if nul >= 0 or (bad >= 0 and control is not None):
        first = min(at for at in (nul, bad, control.start() if control else -1) if at >= 0)
        _refuse_at_byte(body, first, label, "this is a binary file, not TOML text")
    _refuse_at_byte(body, bad, label, f"invalid UTF-8 (byte 0x{body[bad]:02x}); save as UTF-8")


def _refuse_at_byte(body: bytes, offset: int, label: str, message: str) -> Never:
    """Refuse with the line and column (in characters) of byte `offset`."""
    line_start = body.rfind(b"\n", 0, offset) + 1
    column = len(body[line_start:offset].decode("utf-8", "replace")) + 1
    _refuse(label, message, body.count(b"\n", 0, offset) + 1, column)


def _check_values(document: dict[str, Any], lines: KeyLines, label: str) -> None:
    """Refuse integers beyond 64 bits and non-finite floats (such as 1e999), in file order.

    The lexer cannot see these (``0xffff_ffff_ffff_ffff`` has few digits,
    ``1e999`` is a float), so they are found in the data, named by key path,
    and given the line where that key is written.
    """
    if _all_numbers_fit(document):
        return
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            pending.extend(reversed([((*path, k), v) for k, v in value.items()]))
        elif isinstance(value, list):
            pending.extend(reversed([((*path, i), v) for i, v in enumerate(value)]))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and not _INT_MIN <= value <= _INT_MAX:
            _refuse_at_key(lines, path, label, "this integer does not fit in 64 bits")
        elif isinstance(value, float) and not math.isfinite(value):
            message = "this number is too large: inf and nan are not allowed"
            _refuse_at_key(lines, path, label, message)


def _refuse_at_key(lines: KeyLines, path: tuple[str | int, ...], label: str, message: str) -> Never:
    """Refuse naming the key path and the line where it is written."""
    _refuse(label, message, lines.line_of(path), key=key_path(path))


def _all_numbers_fit(document: dict[str, Any]) -> bool:
    """The quick pass of `_check_values`: no key paths, exact types (tomllib makes no subclasses)."""
    pending: list[dict[str, Any] | list[Any]] = [document]
    while pending:
        container = pending.pop()
        children: Any = container.values() if isinstance(container, dict) else container
        for value in children:
            kind = type(value)
            if kind is int:
                if not _INT_MIN <= value <= _INT_MAX:
                    return False
            elif kind is float:
                if not math.isfinite(value):
                    return False
            elif kind is dict or kind is list:
                pending.append(value)
    return True


# --- messages ---------------------------------------------------------------------------


def _syntax_error(err: tomllib.TOMLDecodeError, text: str, label: str) -> ProblemsError:
    """Turn tomllib's message into a Problem with the line and column it names."""
    message = str(err)
    found = _ERROR_AT.match(message)
    if found:
        line, column = int(found["line"]), int(found["col"])
        message = found["msg"]
    elif message.endswith(_ERROR_AT_END):
        message = message.removesuffix(_ERROR_AT_END)
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
    else:
        return ProblemsError([Problem(label, _tidy(message))])
    return ProblemsError([Problem(label, _plain(_tidy(message), text, line), line, column)])


# tomllib's messages (after `_tidy`) in a scenario author's words; the place is kept.
_PLAIN = {
    "unterminated string": "unterminated string: it is never closed",
    "invalid value": (
        'not a value: text needs quotes ("like this"); numbers, true and false do not'
    ),
    "invalid statement": "expected `key = value` or a [table] header here",
    "expected '=' after a key in a key/value pair": (
        "expected '=' after a key (write `key = value`; a key with spaces needs quotes)"
    ),
    "unclosed array": "this array is not closed: a ']' is missing",
    "unclosed inline table": (
        "this inline table is not closed: a '}' is missing (an inline table fits on one line)"
    ),
    "expected ']' at the end of a table declaration": (
        "this table header is not closed: a ']' is missing"
    ),
    "expected ']]' at the end of an array declaration": (
        "this [[table]] header is not closed: ']]' is missing"
    ),
    "unescaped '\\' in a string": (
        'a backslash in a " string starts an escape (\\n, \\t, \\", \\\\); '
        "write \\\\ for a backslash, or use ' quotes"
    ),
    "invalid initial character for a key part": (
        "a key cannot start here: a bare key uses letters, digits, _ and -; quote any other"
    ),
}
_ILLEGAL = re.compile(r"illegal character '(?P<char>.*)'", re.S)
_DECLARED_TWICE = re.compile(r"cannot declare (?P<key>.*) twice", re.S)
_DUPLICATE_INLINE = re.compile(r"duplicate inline table key (?P<key>.*)", re.S)
_KEY_PART = r"""(?:[A-Za-z0-9_-]++|"[^"\r\n]*+"|'[^'\r\n]*+')"""
_STATEMENT = re.compile(
    rf"^[ \t]*+(?:(?P<header>\[\[?+)[ \t]*+(?P<table>{_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART})*+)"
    rf"|(?P<key>{_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART})*+)[ \t]*+=)",
    re.M,
)
_DOT = re.compile(r"[ \t]*\.[ \t]*")


def _plain(message: str, text: str, line: int) -> str:
    """Say what tomllib found wrong as an author would: which key, which quote, which line."""
    if message in _PLAIN:
        return _PLAIN[message]
    if found := _ILLEGAL.fullmatch(message):
        char = ast.literal_eval(f"'{found['char']}'") if found["char"] else ""
        if char in ("\n", "\r"):
            written = _line_text(text, line)
            quote = next((c for c in written.partition("=")[2] or written if c in "\"'"), '"')
            return (
                f"unterminated string: a {quote} string must close on the same line "
                '(use """ for text on several lines)'
            )
        if len(char) == 1:
            return (
                f"control character U+{ord(char):04X} is not allowed in a string; "
                f"write it as an escape (\\u{ord(char):04X}) if it is meant"
            )
    if found := _DUPLICATE_INLINE.fullmatch(message):
        return f"duplicate key {found['key']} in an inline table"
    if message == "cannot overwrite a value" or _DECLARED_TWICE.fullmatch(message):
        return _twice(text, line, declared=message != "cannot overwrite a value") or message
    return message


def _line_text(text: str, line: int) -> str:
    """The text of 1-based `line` (found without splitting a possibly huge text)."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _twice(text: str, line: int, declared: bool) -> str | None:
    """Name the key or table set twice, and the line where it was first set.

    The statements (``key =`` and ``[table]`` at the start of a line) up to the
    refused line are read with one regex; the last one is the one refused.
    """
    end = _line_end(text, line)
    first: dict[str, int] = {}
    table, number, last_pos = "", 1, 0
    refused: tuple[str, bool, int | None] | None = None
    for match in _STATEMENT.finditer(text, 0, end):
        number += text.count("\n", last_pos, match.start())
        last_pos = match.start()
        if match["header"]:
            table = _DOT.sub(".", match["table"])
            full, is_table = table, True
        else:
            key = _DOT.sub(".", match["key"])
            full, is_table = (f"{table}.{key}" if table else key), False
        refused = (full, is_table, first.get(full))
        parts = full.split(".")
        for i in range(1, len(parts) + 1):
            first.setdefault(".".join(parts[:i]), number)
    if refused is None:
        return None
    full, is_table, earlier = refused
    known = earlier is not None and earlier < line
    if is_table and declared:
        return f"the table [{full}] is declared twice" + (
            f" (first on line {earlier})" if known else ""
        )
    since = f" (first set on line {earlier})" if known else ""
    if is_table:
        return f"the table [{full}] clashes with a key of that name{since}"
    return f"duplicate key `{full}`{since}"


def _line_end(text: str, line: int) -> int:
    """The offset just after 1-based `line` (the end of the text if it is the last)."""
    end = -1
    for _ in range(line):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end + 1


def _tidy(message: str) -> str:
    """Start with a small letter as our messages do; write key tuples as dotted keys."""
    message = _KEY_TUPLE.sub(_tuple_as_key, message)
    if len(message) > _MAX_MESSAGE:  # a key can be as long as the file
        message = message[: _MAX_MESSAGE - 1] + "…"
    return message[:1].lower() + message[1:]


def _refuse(
    label: str, message: str, line: int | None = None, column: int | None = None, key: str = ""
) -> Never:
    """Raise the one-problem `ProblemsError` every refusal uses."""
    raise ProblemsError([Problem(label, message, line, column, key)])


def _tuple_as_key(match: re.Match[str]) -> str:
    """``('a', 'b c')`` → ``a."b c"``; anything but a tuple stays as it was."""
    value = ast.literal_eval(match.group())
    return key_path(value) if isinstance(value, tuple) else match.group()


def _size(n: int) -> str:
    """A byte count for people: ``1 MiB``, ``10.5 MiB``, ``300 bytes``."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n // scale} {unit}" if n % scale == 0 else f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _size_message(size: int, limit: int) -> str:
    shown, limit_shown = _size(size), _size(limit)
    if shown.replace(".0 ", " ") == limit_shown:
        shown, limit_shown = f"{size:,} bytes", f"{limit:,} bytes"  # too close to round
    return f"the file is {shown}; the limit is {limit_shown}"
