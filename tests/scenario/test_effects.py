"""Effects: ``tension += 10`` and friends."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.scenario import expr
from wargame.scenario.effects import Effect, apply_op, parse_effect, unparse_effect
from wargame.scenario.expr import Binary, ExprError, ExprType, Int, Name, Unary, parse

SCHEMA = expr.Schema(
    names={
        "tension": ExprType.INT,
        "round": ExprType.INT,
        "ceasefire": ExprType.INT,
        "ru.credibility": ExprType.INT,
        "fr.assets.jets": ExprType.INT,
        "flag": ExprType.BOOL,
    },
    functions={
        "adopted": expr.Signature((expr.Param("draft", None, "draft"),), ExprType.BOOL),
    },
    domains={"draft": frozenset({"pk"})},
    assignable=frozenset({"tension", "ceasefire", "ru.credibility", "fr.assets.jets", "flag"}),
)


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("tension += 10", Effect("tension", "+=", Int(10))),
        ("ru.credibility -= 5", Effect("ru.credibility", "-=", Int(5))),
        ("ceasefire = 1", Effect("ceasefire", "=", Int(1))),
        ("tension += 5 + round", Effect("tension", "+=", Binary("+", Int(5), Name("round")))),
        ("  tension=-5", Effect("tension", "=", Unary("-", Int(5)))),
        ("fr.assets.jets-=2", Effect("fr.assets.jets", "-=", Int(2))),
    ],
)
def test_effects_parse(text: str, effect: Effect) -> None:
    assert parse_effect(text, SCHEMA) == effect


def test_effects_print_canonically_and_parse_back() -> None:
    effect = parse_effect("tension+=(5+round)*2", SCHEMA)
    assert unparse_effect(effect) == "tension += (5 + round) * 2"
    assert parse_effect(unparse_effect(effect), SCHEMA) == effect


@pytest.mark.parametrize(
    ("op", "current", "value", "result"),
    [("+=", 10, 5, 15), ("-=", 10, 5, 5), ("=", 10, 5, 5), ("-=", 0, -3, 3)],
)
def test_apply_op(op: expr.EffectOp, current: int, value: int, result: int) -> None:
    assert apply_op(op, current, value) == result


def test_effect_value_columns_count_from_the_start_of_the_effect() -> None:
    effect = parse_effect("tension += round", SCHEMA)
    assert effect.value.col == 12


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("round += 1", "'round' cannot be changed by an effect", 1),
        ("tenson += 1", "unknown name 'tenson' (did you mean 'tension'?)", 1),
        ("ru.credibilty -= 5", "unknown name 'ru.credibilty' (did you mean 'ru.credibility'?)", 1),
        ("tension == 1", "'==' compares values; to change 'tension' use '=', '+=' or '-='", 9),
        ("tension *= 2", "'*=' is not supported; an effect uses '=', '+=' or '-='", 9),
        ("tension 1", "expected '=', '+=' or '-=' after 'tension'", 9),
        ("+= 1", "an effect starts with the name of what it changes", 1),
        ("tension += ", "expected a value after '+='", 12),
        ("tension += tenson", "unknown name 'tenson' (did you mean 'tension'?)", 12),
        ("tension += flag", "the value of an effect must be a number, but it is true/false", 12),
        ('tension += adopted("pk")', "the value of an effect must be a number", 12),
        ("flag = 1", "'flag' is true/false; an effect can only change numbers", 1),
        ("tension += 1 +", "expected a value after '+'", 15),
        ("tension += " + "1" * 13, "13 digits (the limit is 12)", 12),
        ("tension += 1" + " " * 990, "1002 characters (the limit is 1000)", 1001),
    ],
)
def test_effect_mistakes_are_explained(text: str, message: str, column: int) -> None:
    with pytest.raises(ExprError) as info:
        parse_effect(text, SCHEMA)
    assert message in str(info.value)
    assert info.value.column == column


def test_effects_are_reexported_by_expr() -> None:
    assert expr.Effect is Effect
    assert expr.parse_effect is parse_effect
    assert expr.unparse_effect is unparse_effect
    assert expr.apply_op is apply_op


@pytest.mark.parametrize("first", ["wargame.scenario.effects", "wargame.scenario.expr"])
def test_either_module_can_be_imported_first(first: str) -> None:
    code = (
        f"import {first}\n"
        "from wargame.scenario.expr import parse_effect\n"
        "from wargame.scenario.effects import Effect\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@given(
    st.sampled_from(["tension", "ceasefire", "ru.credibility"]),
    st.sampled_from(["+=", "-=", "="]),
    st.integers(0, 10**6),
    st.sampled_from(["", " + round", " * 2", " / 0"]),
)
def test_parse_effect_roundtrips(target: str, op: str, number: int, tail: str) -> None:
    effect = parse_effect(f"{target}{op}{number}{tail}", SCHEMA)
    assert effect.target == target and effect.op == op
    assert effect.value == parse(f"{number}{tail}")
    assert parse_effect(unparse_effect(effect), SCHEMA) == effect
