"""Effects: the changes a scenario makes to the game state, e.g. ``tension += 10``.

An effect is ``TARGET OP VALUE`` where TARGET is a name in ``schema.assignable``,
OP is ``+=``, ``-=`` or ``=`` and VALUE is a number expression of the language
in `wargame.scenario.expr` (``tension += 5 + round``).  Clamping a result to a
track's range is the engine's business, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeAlias

from wargame.scenario.expr import (
    ExprError,
    ExprType,
    Node,
    Schema,
    _check_length,
    _describe,
    _parse_at,
    _unknown_name,
    check,
    unparse,
)

__all__ = ["Effect", "EffectOp", "apply_op", "parse_effect", "unparse_effect"]

EffectOp: TypeAlias = Literal["+=", "-=", "="]

_TARGET = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*", re.ASCII)


@dataclass(frozen=True)
class Effect:
    target: str
    op: EffectOp
    value: Node
    """A number expression."""


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def parse_effect(text: str, schema: Schema) -> Effect:
    """Parse and check one effect; raises `ExprError` with a column."""
    _check_length(text)
    start = _skip_space(text, 0)
    m = _TARGET.match(text, start)
    if m is None:
        raise ExprError(
            "an effect starts with the name of what it changes, like 'tension += 10'", start + 1
        )
    target = m.group()
    at = _skip_space(text, m.end())
    two = text[at : at + 2]
    op: EffectOp
    if two == "+=":
        op, rest = "+=", at + 2
    elif two == "-=":
        op, rest = "-=", at + 2
    elif two == "==":
        raise ExprError(f"'==' compares values; to change '{target}' use '=', '+=' or '-='", at + 1)
    elif two[:1] == "=":
        op, rest = "=", at + 1
    elif two in ("*=", "/=", "%="):
        raise ExprError(f"'{two}' is not supported; an effect uses '=', '+=' or '-='", at + 1)
    else:
        raise ExprError(f"expected '=', '+=' or '-=' after '{target}'", at + 1)
    if target not in schema.assignable:
        if target in schema.names:
            raise ExprError(f"'{target}' cannot be changed by an effect", start + 1)
        raise ExprError(_unknown_name(target, schema.assignable), start + 1)
    if schema.names.get(target) is ExprType.BOOL:
        raise ExprError(f"'{target}' is true/false; an effect can only change numbers", start + 1)
    value = _parse_at(text, rest, after=op)
    kind = check(value, schema)
    if kind is not ExprType.INT:
        raise ExprError(
            f"the value of an effect must be a number, but it is {_describe(kind, value)}",
            _skip_space(text, rest) + 1,
        )
    return Effect(target, op, value)


def unparse_effect(e: Effect) -> str:
    """Canonical text: ``parse_effect(unparse_effect(e), schema) == e``."""
    return f"{e.target} {e.op} {unparse(e.value)}"


def apply_op(op: EffectOp, current: int, value: int) -> int:
    """The new value of a target that is `current` before the effect."""
    if op == "+=":
        return current + value
    if op == "-=":
        return current - value
    return value
