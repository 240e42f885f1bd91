"""A small, safe, typed expression language for scenario conditions.

Scenario files hold conditions such as ``adopted("pk") and tension < 40``.  They
are never ``eval``'ed: `parse` turns the text into a tree of frozen nodes, `check`
type-checks it against a `Schema` when the scenario loads (so a typo is reported
with its column before play starts), and `evaluate` runs it against an `Env`.

Grammar, lowest precedence first::

    or    := and ("or" and)*
    and   := not ("and" not)*
    not   := "not" not | cmp
    cmp   := sum (CMPOP sum)?           -- == != < <= > >=, never chained
    sum   := term (("+" | "-") term)*
    term  := unary (("*" | "/" | "%") unary)*
    unary := "-" unary | atom
    atom  := INT | STRING | "true" | "false" | NAME | CALL | "(" or ")"

Values are whole numbers and true/false only.  ``/`` is floor division and both
``x / 0`` and ``x % 0`` are 0, so evaluation never raises.  Quoted text is only
allowed as a function argument (a draft, tag, seat ... id).

Limits: at most 1000 characters, 400 tokens, 12 digits in a number, and 32
levels of nesting (each parenthesis, call argument list, ``-`` and ``not``
counts one level).

Effects (``tension += 10``) live in `wargame.scenario.effects`; their names are
re-exported here.
"""

from __future__ import annotations

import difflib
import functools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias

if TYPE_CHECKING:
    from wargame.scenario.effects import (
        Effect,
        EffectOp,
        apply_op,
        parse_effect,
        unparse_effect,
    )

__all__ = [
    "MAX_CHARS",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_TOKENS",
    "Binary",
    "BinaryOp",
    "Binder",
    "Bool",
    "Bound",
    "Call",
    "Effect",
    "EffectOp",
    "Env",
    "Expr",
    "ExprError",
    "ExprType",
    "Int",
    "Name",
    "Node",
    "Param",
    "Schema",
    "Signature",
    "Str",
    "Unary",
    "UnaryOp",
    "apply_op",
    "bind",
    "calls_in",
    "check",
    "compile_expr",
    "evaluate",
    "names_in",
    "parse",
    "parse_effect",
    "unparse",
    "unparse_effect",
]

MAX_CHARS = 1000
MAX_TOKENS = 400
MAX_DEPTH = 32
MAX_DIGITS = 12


class ExprType(StrEnum):
    """The two kinds of value; the values are the words used in messages."""

    INT = "number"
    BOOL = "true/false"


class ExprError(ValueError):
    """A refused expression. ``str(e)`` is the message alone; callers add the place."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        """1-based column in the source text."""

    def __reduce__(self) -> tuple[type[ExprError], tuple[str, int | None]]:
        return (ExprError, (self.message, self.column))


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    """For messages, e.g. ``draft``."""
    type: ExprType | None
    """None: a quoted string that must be a member of ``schema.domains[domain]``."""
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    params: tuple[Param, ...]
    returns: ExprType
    doc: str = ""
    """One line, shown in docs and in "unknown function" help."""


@dataclass(frozen=True)
class Schema:
    names: Mapping[str, ExprType]
    functions: Mapping[str, Signature]
    domains: Mapping[str, frozenset[str]]
    assignable: frozenset[str] = frozenset()


# --- syntax tree --------------------------------------------------------------

BinaryOp: TypeAlias = Literal[
    "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or"
]
UnaryOp: TypeAlias = Literal["-", "not"]


@dataclass(frozen=True, slots=True)
class Int:
    value: int
    col: int = field(compare=False, default=0)


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    col: int = field(compare=False, default=0)


@dataclass(frozen=True, slots=True)
class Str:
    value: str
    col: int = field(compare=False, default=0)


@dataclass(frozen=True, slots=True)
class Name:
    path: str
    col: int = field(compare=False, default=0)


@dataclass(frozen=True, slots=True)
class Call:
    fn: str
    args: tuple[Node, ...]
    col: int = field(compare=False, default=0)


@dataclass(frozen=True, slots=True)
class Unary:
    op: UnaryOp
    operand: Node
    col: int = field(compare=False, default=0)
    """Column of the operator."""


@dataclass(frozen=True, slots=True)
class Binary:
    op: BinaryOp
    left: Node
    right: Node
    col: int = field(compare=False, default=0)
    """Column of the operator."""


Node: TypeAlias = Int | Bool | Str | Name | Call | Unary | Binary

_BINARY_OPS: dict[str, BinaryOp] = {
    op: op for op in ("+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or")
}
_CMP_OPS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_ORDER_OPS = frozenset({"<", "<=", ">", ">="})
_ARITH_OPS = frozenset({"+", "-", "*", "/", "%"})
_KEYWORDS = frozenset({"and", "or", "not", "true", "false"})


# --- lexer --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: Literal["int", "str", "name", "kw", "op", "end"]
    text: str
    """As written; for a string, its decoded value."""
    col: int
    value: int = 0


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_DIGITS = re.compile(r"[0-9][0-9_]*", re.ASCII)
_REST = re.compile(r"[A-Za-z0-9_.]*", re.ASCII)
_TWO_CHAR_OPS = frozenset({"==", "!=", "<=", ">="})
_ONE_CHAR_OPS = frozenset("+-*/%<>(),")
_MISTAKES = {
    "&&": "'&&' is not an operator; use 'and'",
    "||": "'||' is not an operator; use 'or'",
    "=<": "'=<' is not an operator; use '<='",
    "=>": "'=>' is not an operator; use '>='",
    "<>": "'<>' is not an operator; use '!='",
    "**": "'**' is not supported: there are no powers",
    "//": "'//' is not needed: '/' already divides whole numbers, rounding down",
    "=": "'=' is not a comparison; use '=='",
    "!": "'!' is not an operator; use 'not'",
    "&": "'&' is not an operator; use 'and'",
    "|": "'|' is not an operator; use 'or'",
}


def _check_length(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise ExprError(
            f"expression is too long: {len(text)} characters (the limit is {MAX_CHARS})",
            MAX_CHARS + 1,
        )


def _lex(text: str, start: int) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = start, len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            toks.append(_Tok("end", "", n + 1))
            return toks
        if len(toks) >= MAX_TOKENS:
            raise ExprError(
                f"expression has too many parts: more than {MAX_TOKENS} tokens "
                f"(the limit is {MAX_TOKENS})",
                i + 1,
            )
        c = text[i]
        if "0" <= c <= "9":
            tok, i = _lex_int(text, i)
        elif c in "\"'":
            tok, i = _lex_str(text, i)
        elif (m := _WORD.match(text, i)) is not None:
            j = m.end()
            while j < n and text[j] == ".":
                seg = _WORD.match(text, j + 1)
                if seg is None:
                    raise ExprError(f"expected a name after '.' in '{text[i : j + 1]}'", j + 1)
                j = seg.end()
            word = text[i:j]
            kind: Literal["kw", "name"] = "kw" if word in _KEYWORDS else "name"
            tok, i = _Tok(kind, word, i + 1), j
        elif text[i : i + 2] in _TWO_CHAR_OPS:
            tok, i = _Tok("op", text[i : i + 2], i + 1), i + 2
        elif text[i : i + 2] in _MISTAKES:
            raise ExprError(_MISTAKES[text[i : i + 2]], i + 1)
        elif c in _ONE_CHAR_OPS:
            tok, i = _Tok("op", c, i + 1), i + 1
        elif c in _MISTAKES:
            raise ExprError(_MISTAKES[c], i + 1)
        elif c in "\u201c\u201d\u2018\u2019":
            raise ExprError(f"unexpected character {c!r}; use straight quotes \" or '", i + 1)
        else:
            raise ExprError(f"unexpected character {c!r}", i + 1)
        toks.append(tok)


def _lex_int(text: str, i: int) -> tuple[_Tok, int]:
    m = _DIGITS.match(text, i)
    assert m is not None
    raw, j = m.group(), m.end()
    if j < len(text) and (text[j] == "." or text[j].isalpha()):
        whole = _REST.match(text, i)
        shown = whole.group() if whole is not None else raw
        if text[j] == ".":
            raise ExprError(f"only whole numbers are allowed, not '{shown}'", i + 1)
        raise ExprError(f"a name cannot start with a digit: '{shown}'", i + 1)
    if "__" in raw or raw.endswith("_"):
        raise ExprError(
            f"malformed number '{raw}': underscores go between digits, like 5_000", i + 1
        )
    digits = raw.replace("_", "")
    if len(digits) > MAX_DIGITS:
        raise ExprError(
            f"number '{raw}' is too long: {len(digits)} digits (the limit is {MAX_DIGITS})",
            i + 1,
        )
    return _Tok("int", raw, i + 1, int(digits)), j


def _lex_str(text: str, i: int) -> tuple[_Tok, int]:
    quote, j, n = text[i], i + 1, len(text)
    chars: list[str] = []
    while j < n:
        ch = text[j]
        if ch == "\\" and j + 1 < n and text[j + 1] in (quote, "\\"):
            chars.append(text[j + 1])
            j += 2
        elif ch == quote:
            return _Tok("str", "".join(chars), i + 1), j + 1
        else:
            chars.append(ch)
            j += 1
    raise ExprError(f"unterminated string: close it with {quote}", i + 1)


# --- parser -------------------------------------------------------------------


def _describe_tok(tok: _Tok) -> str:
    if tok.kind == "end":
        return "the end"
    if tok.kind == "str":
        return f"quoted text '{tok.text}'"
    return f"'{tok.text}'"


class _Parser:
    def __init__(self, text: str, start: int, after: str | None) -> None:
        _check_length(text)
        self.toks = _lex(text, start)
        self.pos = 0
        self.depth = 0
        self.after = after

    def peek(self) -> _Tok:
        return self.toks[self.pos]

    def advance(self) -> _Tok:
        tok = self.toks[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def at_op(self, *ops: str) -> bool:
        tok = self.toks[self.pos]
        return tok.kind == "op" and tok.text in ops

    def at_kw(self, kw: str) -> bool:
        tok = self.toks[self.pos]
        return tok.kind == "kw" and tok.text == kw

    def enter(self, tok: _Tok) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(
                f"expression is nested too deeply: more than {MAX_DEPTH} levels of "
                "parentheses, calls, '-' or 'not'",
                tok.col,
            )

    def parse(self) -> Node:
        node = self.parse_or()
        if self.peek().kind != "end":
            raise self.unexpected(self.peek())
        return node

    def parse_or(self) -> Node:
        left = self.parse_and()
        while self.at_kw("or"):
            op = self.advance()
            left = Binary("or", left, self.parse_and(), col=op.col)
        return left

    def parse_and(self) -> Node:
        left = self.parse_not()
        while self.at_kw("and"):
            op = self.advance()
            left = Binary("and", left, self.parse_not(), col=op.col)
        return left

    def parse_not(self) -> Node:
        if not self.at_kw("not"):
            return self.parse_cmp()
        op = self.advance()
        self.enter(op)
        operand = self.parse_not()
        self.depth -= 1
        return Unary("not", operand, col=op.col)

    def parse_cmp(self) -> Node:
        left = self.parse_sum()
        if not self.at_op(*_CMP_OPS):
            return left
        op = self.advance()
        right = self.parse_sum()
        if self.at_op(*_CMP_OPS):
            raise ExprError("comparisons cannot be chained; join them with 'and'", self.peek().col)
        return Binary(_BINARY_OPS[op.text], left, right, col=op.col)

    def parse_sum(self) -> Node:
        left = self.parse_term()
        while self.at_op("+", "-"):
            op = self.advance()
            left = Binary(_BINARY_OPS[op.text], left, self.parse_term(), col=op.col)
        return left

    def parse_term(self) -> Node:
        left = self.parse_unary()
        while self.at_op("*", "/", "%"):
            op = self.advance()
            left = Binary(_BINARY_OPS[op.text], left, self.parse_unary(), col=op.col)
        return left

    def parse_unary(self) -> Node:
        if not self.at_op("-"):
            return self.parse_atom()
        op = self.advance()
        self.enter(op)
        operand = self.parse_unary()
        self.depth -= 1
        return Unary("-", operand, col=op.col)

    def parse_atom(self) -> Node:
        tok = self.peek()
        if tok.kind == "int":
            self.advance()
            return Int(tok.value, col=tok.col)
        if tok.kind == "str":
            self.advance()
            return Str(tok.text, col=tok.col)
        if tok.kind == "kw" and tok.text in ("true", "false"):
            self.advance()
            return Bool(tok.text == "true", col=tok.col)
        if tok.kind == "name":
            self.advance()
            if self.at_op("("):
                return self.parse_call(tok)
            return Name(tok.text, col=tok.col)
        if self.at_op("("):
            self.advance()
            self.enter(tok)
            inner = self.parse_or()
            if not self.at_op(")"):
                if self.peek().kind == "end":
                    raise ExprError("unclosed '('", tok.col)
                raise self.unexpected(self.peek())
            self.advance()
            self.depth -= 1
            return inner
        raise self.value_expected(tok)

    def parse_call(self, name: _Tok) -> Node:
        if "." in name.text:
            raise ExprError(
                f"'{name.text}' cannot be called: only plain names like adopted(...) are functions",
                name.col,
            )
        paren = self.advance()
        self.enter(paren)
        args: list[Node] = []
        if not self.at_op(")"):
            args.append(self.parse_or())
            while self.at_op(","):
                self.advance()
                args.append(self.parse_or())
        tok = self.peek()
        if tok.kind == "end":
            raise ExprError("unclosed '('", paren.col)
        if not self.at_op(")"):
            raise ExprError(
                f"expected ',' or ')' after an argument of {name.text}(), "
                f"found {_describe_tok(tok)}",
                tok.col,
            )
        self.advance()
        self.depth -= 1
        return Call(name.text, tuple(args), col=name.col)

    def unexpected(self, tok: _Tok) -> ExprError:
        """A token left over after a complete value."""
        if tok.kind == "name" and tok.text.lower() in ("and", "or", "not"):
            return ExprError(f"write '{tok.text.lower()}' in lower case, not '{tok.text}'", tok.col)
        if tok.kind in ("int", "str", "name", "kw") or (tok.kind == "op" and tok.text == "("):
            return ExprError(f"missing operator before {_describe_tok(tok)}", tok.col)
        return ExprError(f"unexpected {_describe_tok(tok)}", tok.col)

    def value_expected(self, tok: _Tok) -> ExprError:
        prev = self.toks[self.pos - 1].text if self.pos > 0 else self.after
        if tok.kind == "kw" and tok.text == "not" and prev is not None:
            return ExprError(
                f"'not' cannot come right after '{prev}'; put it in parentheses, like (not ...)",
                tok.col,
            )
        if prev is not None:
            return ExprError(f"expected a value after '{prev}'", tok.col)
        if tok.kind == "end":
            return ExprError("the expression is empty", tok.col)
        if tok.kind == "op" and tok.text == ")":
            return ExprError("unexpected ')'", tok.col)
        return ExprError(f"expected a value before {_describe_tok(tok)}", tok.col)


@functools.lru_cache(maxsize=8192)
def parse(text: str) -> Node:
    """Parse `text` (syntax only; see `check`). Raises `ExprError` with a column.

    Nodes are frozen, so a text parsed before (when the scenario was validated, or
    in another game) gives the same node again."""
    return _Parser(text, 0, None).parse()


def _parse_at(text: str, start: int, after: str | None) -> Node:
    """Parse ``text[start:]`` with columns counted from the start of `text`.

    `after` names what precedes it (e.g. ``+=``) for "expected a value after ..."."""
    return _Parser(text, start, after).parse()


# --- type checking ------------------------------------------------------------


def _close(word: str, candidates: Iterable[str]) -> str | None:
    by_lower = {c.lower(): c for c in sorted(candidates)}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None


def _listing(values: Iterable[str], limit: int = 8) -> str:
    items = sorted(values)
    shown = ", ".join(f"'{v}'" for v in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _unknown_name(path: str, names: Iterable[str]) -> str:
    """The message for an unknown name, with a suggestion among `names`."""
    names = frozenset(names)
    if path.lower() in ("true", "false"):
        return f"unknown name '{path}' (did you mean '{path.lower()}'?)"
    head, dot, _ = path.partition(".")
    if dot:
        group = [n for n in names if n.startswith(head + ".")]
        if group:
            match = _close(path, group)
            if match is not None:
                return f"unknown name '{path}' (did you mean '{match}'?)"
            return f"unknown name '{path}'; names starting with '{head}.' are {_listing(group)}"
    match = _close(path, names)
    if match is not None:
        return f"unknown name '{path}' (did you mean '{match}'?)"
    return f"unknown name '{path}'"


def _a(kind: ExprType) -> str:
    return "a number" if kind is ExprType.INT else "true/false"


def _describe(kind: ExprType | None, node: Node) -> str:
    if kind is None:
        return f"quoted text '{node.value}'" if isinstance(node, Str) else "quoted text"
    return _a(kind)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _signature_text(fn: str, sig: Signature) -> str:
    return f"{fn}({', '.join(p.name for p in sig.params)})"


def _example_call(
    fn: str, sig: Signature, schema: Schema, args: tuple[Node, ...] = (), at: int = -1
) -> str:
    """A call of `fn` as it should be written, keeping the author's own arguments."""
    parts: list[str] = []
    for i, param in enumerate(sig.params):
        given = args[i] if i < len(args) else None
        if param.type is not None:
            fallback = "1" if param.type is ExprType.INT else "true"
            parts.append(unparse(given) if given is not None and i != at else fallback)
        elif isinstance(given, Str):
            parts.append(unparse(given))
        else:
            values = schema.domains.get(param.domain or "", frozenset())
            if isinstance(given, Name) and given.path in values:
                parts.append(unparse(Str(given.path)))
            else:
                parts.append(unparse(Str(min(values) if values else param.name)))
    return f"{fn}({', '.join(parts)})"


def check(node: Node, schema: Schema) -> ExprType:
    """Check names, functions, arguments and types; return the type of `node`.

    Raises `ExprError` with the column of the offending node."""
    kind = _kind_of(node, schema)
    if kind is None:
        raise ExprError(f"{_describe(kind, node)} can only be a function argument", node.col)
    return kind


def _kind_of(node: Node, schema: Schema) -> ExprType | None:
    """The type of `node`, or None for quoted text (only valid as an argument)."""
    if isinstance(node, Int):
        return ExprType.INT
    if isinstance(node, Bool):
        return ExprType.BOOL
    if isinstance(node, Str):
        return None
    if isinstance(node, Name):
        return _check_name(node, schema)
    if isinstance(node, Call):
        return _check_call(node, schema)
    if isinstance(node, Unary):
        kind = _kind_of(node.operand, schema)
        want = ExprType.BOOL if node.op == "not" else ExprType.INT
        if kind is not want:
            raise ExprError(
                f"'{node.op}' needs {_a(want)}, but it is given {_describe(kind, node.operand)}",
                node.operand.col,
            )
        return want
    return _check_binary(node, schema)


def _check_name(node: Name, schema: Schema) -> ExprType:
    kind = schema.names.get(node.path)
    if kind is not None:
        return kind
    sig = schema.functions.get(node.path)
    if sig is not None:
        example = _example_call(node.path, sig, schema)
        raise ExprError(
            f"'{node.path}' is a function; call it with parentheses, like {example}", node.col
        )
    raise ExprError(_unknown_name(node.path, schema.names), node.col)


def _check_call(node: Call, schema: Schema) -> ExprType:
    fn, args = node.fn, node.args
    sig = schema.functions.get(fn)
    if sig is None:
        if fn in schema.names:
            raise ExprError(f"'{fn}' is not a function; write it without parentheses", node.col)
        match = _close(fn, schema.functions)
        if match is not None:
            msg = f"unknown function '{fn}' (did you mean '{match}'?)"
            found = schema.functions[match]
            if found.doc:
                msg += f" — {_signature_text(match, found)}: {found.doc}"
        else:
            msg = f"unknown function '{fn}'"
            if schema.functions:
                known = sorted(schema.functions)
                msg += "; known functions: " + ", ".join(
                    _signature_text(f, schema.functions[f]) for f in known[:8]
                )
                if len(known) > 8:
                    msg += f" and {len(known) - 8} more"
        raise ExprError(msg, node.col)
    params = sig.params
    if len(args) != len(params):
        if not params:
            wanted = "no arguments"
        else:
            plural = "argument" if len(params) == 1 else "arguments"
            wanted = f"{len(params)} {plural} ({', '.join(p.name for p in params)})"
        raise ExprError(f"{fn}() takes {wanted}, got {len(args)}", node.col)
    for i, (arg, param) in enumerate(zip(args, params, strict=True)):
        if param.type is None:
            _check_domain_arg(node, sig, i, schema)
            continue
        kind = _kind_of(arg, schema)
        if kind is not param.type:
            raise ExprError(
                f"{fn}() needs {_a(param.type)} for {param.name}, but got {_describe(kind, arg)}",
                arg.col,
            )
    return sig.returns


def _check_domain_arg(node: Call, sig: Signature, i: int, schema: Schema) -> None:
    arg, param = node.args[i], sig.params[i]
    label = param.domain or param.name
    if not isinstance(arg, Str):
        example = _example_call(node.fn, sig, schema, node.args, at=i)
        raise ExprError(
            f"{node.fn}() needs {_article(label)} {label} id in quotes, like {example}", arg.col
        )
    if param.domain is None:
        return
    values = schema.domains.get(param.domain, frozenset())
    if arg.value in values:
        return
    msg = f"unknown {label} '{arg.value}' in {node.fn}(...)"
    match = _close(arg.value, values)
    if match is not None:
        msg += f" (did you mean '{match}'?)"
    elif values:
        msg += f"; known: {_listing(values)}"
    else:
        msg += f"; this scenario defines no {label} ids"
    raise ExprError(msg, arg.col)


def _side_error(op: str, verb: str, side: str, kind: ExprType | None, sub: Node) -> ExprError:
    return ExprError(f"'{op}' {verb}, but its {side} side is {_describe(kind, sub)}", sub.col)


def _check_binary(node: Binary, schema: Schema) -> ExprType:
    op = node.op
    left = _kind_of(node.left, schema)
    right = _kind_of(node.right, schema)
    if op in ("and", "or"):
        want, verb, result = ExprType.BOOL, "joins true/false values", ExprType.BOOL
    elif op in _ARITH_OPS:
        want, verb, result = ExprType.INT, "works on numbers", ExprType.INT
    elif op in _ORDER_OPS:
        want, verb, result = ExprType.INT, "compares numbers", ExprType.BOOL
    else:
        verb = "compares two values of the same kind"
        for side, kind, sub in (("left", left, node.left), ("right", right, node.right)):
            if kind is None:
                raise _side_error(op, verb, side, kind, sub)
        if left is not right:
            raise ExprError(
                f"'{op}' {verb}, but its left side is {_describe(left, node.left)} "
                f"and its right side is {_describe(right, node.right)}",
                node.right.col,
            )
        return ExprType.BOOL
    for side, kind, sub in (("left", left, node.left), ("right", right, node.right)):
        if kind is not want:
            raise _side_error(op, verb, side, kind, sub)
    return result


@dataclass(frozen=True)
class Expr:
    """A checked expression; `source` is its canonical text (`unparse`)."""

    source: str
    node: Node
    type: ExprType


def compile_expr(text: str, schema: Schema, expect: ExprType) -> Expr:
    """Parse and check `text`, and require its type to be `expect`."""
    node = parse(text)
    kind = check(node, schema)
    if kind is not expect:
        col = len(text) - len(text.lstrip()) + 1
        if expect is ExprType.BOOL:
            hint = f"; compare it, like '{unparse(node)} > 0'" if len(unparse(node)) <= 40 else ""
            raise ExprError(f"this condition must be true/false, but it is a number{hint}", col)
        raise ExprError("this value must be a number, but it is true/false", col)
    return Expr(unparse(node), node, kind)


# --- evaluation ---------------------------------------------------------------


class Env(Protocol):
    """What an expression can see: names and functions, as typed by the schema."""

    def name(self, path: str) -> int | bool: ...

    def call(self, fn: str, args: tuple[int | bool | str, ...]) -> int | bool: ...


def _div(a: int, b: int) -> int:
    return a // b if b else 0


def _mod(a: int, b: int) -> int:
    return a % b if b else 0


Compiled = Callable[[Env], int | bool]
"""A checked expression as a function of its environment."""

_COMPILED: dict[int, tuple[Node, Compiled]] = {}
"""Node id -> (the node, its function); holding the node keeps its id its own."""
_MAX_COMPILED = 50_000

_OPS: dict[str, Callable[[int, int], int | bool]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": _div,
    "%": _mod,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compiled(node: Node) -> Compiled:
    """The expression as nested closures, built once per node (no tree walk per evaluation)."""
    found = _COMPILED.get(id(node))
    if found is not None and found[0] is node:
        return found[1]
    function = _compile(node)
    if len(_COMPILED) >= _MAX_COMPILED:
        _COMPILED.clear()
    _COMPILED[id(node)] = (node, function)
    return function


def _compile(node: Node) -> Compiled:
    if isinstance(node, Int | Bool):
        value = node.value
        return lambda env: value
    if isinstance(node, Name):
        path = node.path
        return lambda env: env.name(path)
    if isinstance(node, Call):
        return _compile_call(node)
    if isinstance(node, Unary):
        operand = _compile(node.operand)
        if node.op == "not":
            return lambda env: not operand(env)
        return lambda env: -operand(env)
    if isinstance(node, Binary):
        left, right = _compile(node.left), _compile(node.right)
        if node.op == "and":
            return lambda env: bool(left(env)) and bool(right(env))
        if node.op == "or":
            return lambda env: bool(left(env)) or bool(right(env))
        op = _OPS[node.op]
        return lambda env: op(left(env), right(env))
    text = node.value

    def quoted(env: Env) -> int | bool:
        raise ExprError(f"quoted text '{text}' can only be a function argument", node.col)

    return quoted


def _compile_call(node: Call) -> Compiled:
    fn = node.fn
    if all(isinstance(a, Str) for a in node.args):
        constant = tuple(a.value for a in node.args if isinstance(a, Str))
        return lambda env: env.call(fn, constant)
    args = [_constant(a.value) if isinstance(a, Str) else _compile(a) for a in node.args]

    def call(env: Env) -> int | bool:
        return env.call(fn, tuple(arg(env) for arg in args))

    return call


def _constant(value: str) -> Callable[[Env], int | bool | str]:
    return lambda env: value


def evaluate(node: Node, env: Env) -> int | bool:
    """The value of a checked expression. ``and``/``or`` short-circuit left to right;
    ``x / 0`` and ``x % 0`` are 0; never raises on well-typed input."""
    return compiled(node)(env)


# --- binding to one kind of environment ------------------------------------------

Bound = Callable[[Any], int | bool]
"""An expression bound to one kind of environment (`bind`): a function of it."""

Argument = Callable[[Any], int | bool | str]
"""A call's argument bound to the environment (a quoted id is a constant)."""


class Binder(Protocol):
    """Says once per name and per call what reading it costs in one kind of environment,
    so an expression's function reads the environment directly (no dispatch on the
    name's text at each evaluation)."""

    def name(self, path: str) -> Bound:
        """The function reading the name `path`."""
        ...

    def call(self, fn: str, args: tuple[Argument, ...], constant: tuple[str, ...] | None) -> Bound:
        """The function calling `fn` with `args`; `constant` holds the arguments when
        every one is quoted text (they are then known when binding)."""
        ...


def bind(node: Node, binder: Binder) -> Bound:
    """The expression as nested closures over `binder`'s environment: the same value as
    `evaluate` for an environment the binder describes. Parts without a name or a
    call are worked out once (constant folding); comparisons with a number read it
    from the closure. Nothing is compiled as Python source."""
    if _is_constant(node):
        value = _compile(node)(_NO_ENV)
        return lambda env: value
    if isinstance(node, Name):
        return binder.name(node.path)
    if isinstance(node, Call):
        if all(isinstance(a, Str) for a in node.args):
            constant = tuple(a.value for a in node.args if isinstance(a, Str))
            return binder.call(node.fn, tuple(_bound_constant(v) for v in constant), constant)
        args = tuple(
            _bound_constant(a.value) if isinstance(a, Str) else bind(a, binder) for a in node.args
        )
        return binder.call(node.fn, args, None)
    if isinstance(node, Unary):
        operand = bind(node.operand, binder)
        if node.op == "not":
            return lambda env: not operand(env)
        return lambda env: -operand(env)
    if isinstance(node, Binary):
        return _bind_binary(node, binder)
    return _compile(node)  # quoted text outside a call: raises when evaluated, as before


class _NoEnv:
    """The environment constant parts are folded in: they never read it."""

    def name(self, path: str) -> int | bool:  # pragma: no cover - constants read no name
        raise AssertionError(path)

    def call(self, fn: str, args: tuple[int | bool | str, ...]) -> int | bool:  # pragma: no cover
        raise AssertionError(fn)


_NO_ENV = _NoEnv()


def _is_constant(node: Node) -> bool:
    """Whether `node` reads no name, calls nothing and holds no quoted text."""
    if isinstance(node, Int | Bool):
        return True
    if isinstance(node, Unary):
        return _is_constant(node.operand)
    if isinstance(node, Binary):
        return _is_constant(node.left) and _is_constant(node.right)
    return False


def _bound_constant(value: str) -> Argument:
    return lambda env: value


def _bind_binary(node: Binary, binder: Binder) -> Bound:
    left = bind(node.left, binder)
    if node.op == "and":
        right = bind(node.right, binder)
        return lambda env: bool(right(env)) if left(env) else False
    if node.op == "or":
        right = bind(node.right, binder)
        return lambda env: True if left(env) else bool(right(env))
    if _is_constant(node.right):
        return _WITH_CONSTANT[node.op](left, _compile(node.right)(_NO_ENV))
    return _WITH_FUNCTION[node.op](left, bind(node.right, binder))


_WITH_CONSTANT: dict[str, Callable[[Bound, Any], Bound]] = {
    "+": lambda f, n: lambda env: f(env) + n,
    "-": lambda f, n: lambda env: f(env) - n,
    "*": lambda f, n: lambda env: f(env) * n,
    "/": lambda f, n: lambda env: _div(f(env), n),
    "%": lambda f, n: lambda env: _mod(f(env), n),
    "==": lambda f, n: lambda env: f(env) == n,
    "!=": lambda f, n: lambda env: f(env) != n,
    "<": lambda f, n: lambda env: f(env) < n,
    "<=": lambda f, n: lambda env: f(env) <= n,
    ">": lambda f, n: lambda env: f(env) > n,
    ">=": lambda f, n: lambda env: f(env) >= n,
}
"""A binary operator whose right side is a constant (a number, true or false), by operator."""

_WITH_FUNCTION: dict[str, Callable[[Bound, Bound], Bound]] = {
    "+": lambda f, g: lambda env: f(env) + g(env),
    "-": lambda f, g: lambda env: f(env) - g(env),
    "*": lambda f, g: lambda env: f(env) * g(env),
    "/": lambda f, g: lambda env: _div(f(env), g(env)),
    "%": lambda f, g: lambda env: _mod(f(env), g(env)),
    "==": lambda f, g: lambda env: f(env) == g(env),
    "!=": lambda f, g: lambda env: f(env) != g(env),
    "<": lambda f, g: lambda env: f(env) < g(env),
    "<=": lambda f, g: lambda env: f(env) <= g(env),
    ">": lambda f, g: lambda env: f(env) > g(env),
    ">=": lambda f, g: lambda env: f(env) >= g(env),
}
"""A binary operator (not `and`, `or`) on two bound sides, by operator."""


# --- printing and walking -----------------------------------------------------

_PREC: dict[str, int] = {"or": 1, "and": 2, **dict.fromkeys(_CMP_OPS, 4)}
_PREC.update({"+": 5, "-": 5, "*": 6, "/": 6, "%": 6})


def _prec(node: Node) -> int:
    if isinstance(node, Binary):
        return _PREC[node.op]
    if isinstance(node, Unary):
        return 3 if node.op == "not" else 7
    return 8


def _wrap(node: Node, least: int) -> str:
    text = unparse(node)
    return f"({text})" if _prec(node) < least else text


def unparse(node: Node) -> str:
    """Canonical text with minimal parentheses: ``parse(unparse(n)) == n`` for every
    node `parse` can produce."""
    if isinstance(node, Int):
        return str(node.value)
    if isinstance(node, Bool):
        return "true" if node.value else "false"
    if isinstance(node, Str):
        return '"' + node.value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(node, Name):
        return node.path
    if isinstance(node, Call):
        return f"{node.fn}({', '.join(unparse(a) for a in node.args)})"
    if isinstance(node, Unary):
        if node.op == "not":
            return "not " + _wrap(node.operand, 3)
        return "-" + _wrap(node.operand, 7)
    prec = _PREC[node.op]
    # and/or/arithmetic group to the left; comparisons do not chain at all.
    left_least = prec + 1 if node.op in _CMP_OPS else prec
    return f"{_wrap(node.left, left_least)} {node.op} {_wrap(node.right, prec + 1)}"


def walk(node: Node) -> Iterator[Node]:
    """Every node of the expression, depth first, each call's arguments and each
    operator's operands after it (right before left: a stack)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Call):
            stack.extend(current.args)
        elif isinstance(current, Unary):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.extend((current.left, current.right))


def names_in(node: Node) -> frozenset[str]:
    """Every name the expression reads."""
    return frozenset(n.path for n in walk(node) if isinstance(n, Name))


def calls_in(node: Node) -> frozenset[str]:
    """Every function the expression calls."""
    return frozenset(n.fn for n in walk(node) if isinstance(n, Call))


_EFFECT_NAMES = frozenset({"Effect", "EffectOp", "apply_op", "parse_effect", "unparse_effect"})


def __getattr__(name: str) -> object:
    # Effects are re-exported lazily: effects.py imports this module.
    if name in _EFFECT_NAMES:
        from wargame.scenario import effects

        return getattr(effects, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- monotonicity: how an expression moves when a set grows ----------------------------


class Direction(StrEnum):
    """How an expression's value moves as some set grows (for conditions: the pledges
    assumed to hold). True > false, so a condition that only asks for more RISES."""

    CONSTANT = "constant"
    """Does not depend on the set."""
    RISES = "rises"
    """Never goes down as the set grows (`fr.pledged.troops`, `... >= 5000`)."""
    FALLS = "falls"
    """Never goes up as the set grows (`-fr.pledged.troops`, `not ... >= 5000`)."""
    EITHER = "either"
    """May go either way (`fr.pledged.troops == 0`, `leads(...)`)."""


_FLIP = {
    Direction.CONSTANT: Direction.CONSTANT,
    Direction.RISES: Direction.FALLS,
    Direction.FALLS: Direction.RISES,
    Direction.EITHER: Direction.EITHER,
}


def _both(a: Direction, b: Direction) -> Direction:
    """The direction of a combination that rises with each of its parts (`+`, `and`, `min`)."""
    if a is Direction.CONSTANT:
        return b
    if b is Direction.CONSTANT or a is b:
        return a
    return Direction.EITHER


@dataclass(frozen=True, slots=True)
class Growth:
    """What depends on the growing set: names and calls that rise with it, calls that move
    either way; everything else is constant."""

    rising_name: Callable[[str], bool]
    rising_calls: frozenset[str]
    wild_calls: frozenset[str] = frozenset()


def direction(node: Node, growth: Growth) -> Direction:
    """How `node`'s value moves as the set described by `growth` grows (a sound
    over-approximation: EITHER whenever it cannot tell)."""
    if isinstance(node, Int | Bool | Str):
        return Direction.CONSTANT
    if isinstance(node, Name):
        return Direction.RISES if growth.rising_name(node.path) else Direction.CONSTANT
    if isinstance(node, Call):
        if node.fn in growth.wild_calls:
            return Direction.EITHER
        args = [direction(a, growth) for a in node.args]
        if node.fn in growth.rising_calls:
            return Direction.RISES
        if node.fn in ("min", "max"):
            return _both(args[0], args[1])
        return (
            Direction.EITHER
            if any(a is not Direction.CONSTANT for a in args)
            else (Direction.CONSTANT)
        )
    if isinstance(node, Unary):
        return _FLIP[direction(node.operand, growth)]
    left, right = direction(node.left, growth), direction(node.right, growth)
    op = node.op
    if op in ("and", "or", "+"):
        return _both(left, right)
    if op == "-":
        return _both(left, _FLIP[right])
    if op in (">", ">="):
        return _both(left, _FLIP[right])
    if op in ("<", "<="):
        return _both(_FLIP[left], right)
    if left is Direction.CONSTANT and right is Direction.CONSTANT:
        return Direction.CONSTANT
    if op in ("*", "/") and isinstance(node.right, Int) and node.right.value >= 0:
        return left  # x * 3, x / 2: the same way as x
    if op == "*" and isinstance(node.left, Int) and node.left.value >= 0:
        return right
    return Direction.EITHER  # ==, !=, %, and products of moving parts
