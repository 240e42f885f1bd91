"""The scenario expression language: parsing, checking, evaluating, printing."""

from __future__ import annotations

import functools
import pickle
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.scenario import expr
from wargame.scenario.expr import (
    Binary,
    Bool,
    Call,
    ExprError,
    ExprType,
    Int,
    Name,
    Node,
    Param,
    Schema,
    Signature,
    Str,
    Unary,
    calls_in,
    check,
    compile_expr,
    evaluate,
    names_in,
    parse,
    unparse,
)

INT, BOOL = ExprType.INT, ExprType.BOOL

SCHEMA = Schema(
    names={
        "tension": INT,
        "round": INT,
        "fr.pc": INT,
        "fr.credibility": INT,
        "fr.pledged.troops": INT,
        "flag": BOOL,
        "uk.ready": BOOL,
    },
    functions={
        "adopted": Signature((Param("draft", None, "draft"),), BOOL, "true once the draft passed"),
        "has_tag": Signature((Param("tag", None, "tag"),), BOOL),
        "score": Signature((Param("seat", None, "seat"), Param("amount", INT)), INT),
        "ready": Signature((), BOOL),
    },
    domains={
        "draft": frozenset({"pk", "ceasefire_call"}),
        "tag": frozenset(f"tag{i:02}" for i in range(12)),
        "seat": frozenset({"fr", "uk"}),
    },
    assignable=frozenset({"tension", "fr.pc"}),
)

NAME_VALUES: dict[str, int | bool] = {
    "tension": 37,
    "round": 3,
    "fr.pc": -12,
    "fr.credibility": 60,
    "fr.pledged.troops": 5000,
    "flag": True,
    "uk.ready": False,
}


class RecordingEnv:
    """An Env over fixed values that records every name read and function called."""

    def __init__(self, values: dict[str, int | bool] | None = None) -> None:
        self.values = dict(NAME_VALUES if values is None else values)
        self.log: list[str] = []

    def name(self, path: str) -> int | bool:
        self.log.append(path)
        return self.values[path]

    def call(self, fn: str, args: tuple[int | bool | str, ...]) -> int | bool:
        self.log.append(f"{fn}{args!r}")
        return _call(fn, args)


def _call(fn: str, args: tuple[int | bool | str, ...]) -> int | bool:
    if fn == "adopted":
        return args[0] == "pk"
    if fn == "has_tag":
        return args[0] == "tag01"
    if fn == "score":
        seat, amount = args
        assert isinstance(seat, str) and isinstance(amount, int)
        return amount * 3 - len(seat)
    assert fn == "ready"
    return True


def run(text: str, env: RecordingEnv | None = None) -> int | bool:
    node = parse(text)
    check(node, SCHEMA)
    return evaluate(node, env or RecordingEnv())


def error_of(text: str, expect: ExprType = BOOL) -> ExprError:
    with pytest.raises(ExprError) as info:
        compile_expr(text, SCHEMA, expect)
    return info.value


# --- precedence and associativity ---------------------------------------------


def test_and_binds_tighter_than_or() -> None:
    assert parse("flag or uk.ready and false") == Binary(
        "or", Name("flag"), Binary("and", Name("uk.ready"), Bool(False))
    )
    assert run("true or true and false") is True


def test_not_binds_looser_than_comparison_and_tighter_than_and() -> None:
    assert parse("not tension > 1") == Unary("not", Binary(">", Name("tension"), Int(1)))
    assert parse("not flag and flag") == Binary("and", Unary("not", Name("flag")), Name("flag"))


def test_multiplication_binds_tighter_than_addition() -> None:
    assert run("1 + 2 * 3") == 7
    assert run("(1 + 2) * 3") == 9


def test_arithmetic_binds_tighter_than_comparison() -> None:
    assert parse("tension + 1 < 2 * round") == Binary(
        "<",
        Binary("+", Name("tension"), Int(1)),
        Binary("*", Int(2), Name("round")),
    )


def test_binary_operators_group_to_the_left() -> None:
    assert run("10 - 3 - 2") == 5
    assert run("16 / 4 / 2") == 2
    assert parse("flag or flag or flag") == Binary(
        "or", Binary("or", Name("flag"), Name("flag")), Name("flag")
    )


def test_unary_minus_binds_tightest() -> None:
    assert parse("-2 * 3") == Binary("*", Unary("-", Int(2)), Int(3))
    assert run("--5") == 5
    assert run("2 - -3") == 5


def test_double_not_is_allowed() -> None:
    assert run("not not true") is True


# --- values and arithmetic -------------------------------------------------------


def test_division_rounds_down() -> None:
    assert run("7 / 2") == 3
    assert run("-7 / 2") == -4


def test_division_by_zero_is_zero() -> None:
    assert run("7 / 0") == 0
    assert run("tension / (round - 3)") == 0


def test_remainder_by_zero_is_zero() -> None:
    assert run("7 % 0") == 0


def test_remainder_takes_the_sign_of_the_divisor() -> None:
    assert run("-7 % 3") == 2


def test_underscores_group_digits() -> None:
    assert parse("5_000") == Int(5000)


def test_twelve_digit_integer_is_accepted() -> None:
    assert parse("999_999_999_999") == Int(999_999_999_999)


def test_strings_accept_either_quote_and_escapes() -> None:
    assert parse("adopted('pk')") == Call("adopted", (Str("pk"),))
    assert parse(r'f("a\"b\\c\d")') == Call("f", (Str('a"b\\c\\d'),))
    assert parse(r"f('it\'s')") == Call("f", (Str("it's"),))


def test_dotted_names_read_the_environment() -> None:
    assert run("fr.pledged.troops >= 5000") is True


def test_comparisons_and_equality_of_truth_values() -> None:
    assert run("flag == true") is True
    assert run("flag != uk.ready") is True
    assert run("tension >= 37 and tension <= 37 and tension != 36") is True


def test_calls_receive_string_and_number_arguments() -> None:
    env = RecordingEnv()
    assert run('score("fr", 2 + 3)', env) == 13
    assert env.log == ["score('fr', 5)"]


def test_columns_point_at_nodes_and_operators() -> None:
    node = parse("tension  +  adopted")
    assert isinstance(node, Binary)
    assert (node.left.col, node.col, node.right.col) == (1, 10, 13)


def test_columns_do_not_affect_equality() -> None:
    assert Int(1, col=5) == Int(1, col=9)
    assert hash(Name("x", col=1)) == hash(Name("x", col=2))


# --- short-circuit -----------------------------------------------------------------


def test_false_and_does_not_evaluate_its_right_side() -> None:
    env = RecordingEnv()
    assert run('false and adopted("pk")', env) is False
    assert env.log == []


def test_true_or_does_not_evaluate_its_right_side() -> None:
    env = RecordingEnv()
    assert run('true or adopted("pk")', env) is True
    assert env.log == []


def test_and_evaluates_left_to_right_and_stops_at_first_false() -> None:
    env = RecordingEnv()
    assert run('adopted("ceasefire_call") and ready() and adopted("pk")', env) is False
    assert env.log == ["adopted('ceasefire_call',)"]


def test_or_evaluates_left_to_right_until_first_true() -> None:
    env = RecordingEnv()
    assert run('uk.ready or adopted("pk") or ready()', env) is True
    assert env.log == ["uk.ready", "adopted('pk',)"]


# --- checking and compiling ------------------------------------------------------


def test_check_returns_the_type() -> None:
    assert check(parse("tension + 1"), SCHEMA) is INT
    assert check(parse('adopted("pk")'), SCHEMA) is BOOL


def test_compile_expr_keeps_canonical_source() -> None:
    compiled = compile_expr("(tension)<40  and(adopted('pk'))", SCHEMA, BOOL)
    assert compiled.source == 'tension < 40 and adopted("pk")'
    assert compiled.type is BOOL
    assert compiled.node == parse(compiled.source)


def test_condition_that_is_a_number_is_refused() -> None:
    err = error_of("  tension + 1")
    assert str(err).startswith("this condition must be true/false, but it is a number")
    assert "tension + 1 > 0" in str(err)
    assert err.column == 3


def test_value_that_is_true_false_is_refused() -> None:
    err = error_of("flag", INT)
    assert str(err) == "this value must be a number, but it is true/false"
    assert err.column == 1


def test_names_in_and_calls_in_collect_everything() -> None:
    node = parse('adopted("pk") and tension < round + score("fr", fr.pc)')
    assert names_in(node) == {"tension", "round", "fr.pc"}
    assert calls_in(node) == {"adopted", "score"}


# --- messages: names and functions ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("tenson > 1", "unknown name 'tenson' (did you mean 'tension'?)", 1),
        ("1 < fr.pcc", "unknown name 'fr.pcc' (did you mean 'fr.pc'?)", 5),
        (
            "fr.pledged.trops > 1",
            "unknown name 'fr.pledged.trops' (did you mean 'fr.pledged.troops'?)",
            1,
        ),
        ("True", "unknown name 'True' (did you mean 'true'?)", 1),
        ("zzz", "unknown name 'zzz'", 1),
        ('adopt("pk")', "unknown function 'adopt' (did you mean 'adopted'?)", 1),
        ('adopted("pk", "x")', "adopted() takes 1 argument (draft), got 2", 1),
        ("score(1)", "score() takes 2 arguments (seat, amount), got 1", 1),
        ("ready(1)", "ready() takes no arguments, got 1", 1),
        ('flag and adopted("pkk")', "unknown draft 'pkk' in adopted(...) (did you mean 'pk'?)", 18),
        ("adopted(pk)", 'adopted() needs a draft id in quotes, like adopted("pk")', 9),
        ("score(fr, 5) > 0", 'score() needs a seat id in quotes, like score("fr", 5)', 7),
        ('score("fr", true) > 0', "score() needs a number for amount, but got true/false", 13),
        ('score("fr", "x") > 0', "score() needs a number for amount, but got quoted text 'x'", 13),
        ("tension(1)", "'tension' is not a function; write it without parentheses", 1),
        ("fr.pc(1)", "'fr.pc' cannot be called", 1),
    ],
)
def test_name_and_function_mistakes_are_explained(text: str, message: str, column: int) -> None:
    err = error_of(text)
    assert message in str(err)
    assert err.column == column


def test_unknown_name_under_a_known_seat_lists_that_seats_names() -> None:
    err = error_of("fr.zzzzzz > 1")
    assert str(err) == (
        "unknown name 'fr.zzzzzz'; names starting with 'fr.' are "
        "'fr.credibility', 'fr.pc', 'fr.pledged.troops'"
    )


def test_unknown_function_suggestion_shows_its_doc() -> None:
    assert str(error_of('adopt("pk")')).endswith("adopted(draft): true once the draft passed")


def test_unknown_function_without_close_match_lists_the_functions() -> None:
    err = error_of("frobnicate()")
    assert "known functions: adopted(draft), has_tag(tag), ready(), score(seat, amount)" in str(err)


def test_domain_value_without_close_match_lists_up_to_eight() -> None:
    err = error_of('has_tag("zz")')
    assert str(err) == (
        "unknown tag 'zz' in has_tag(...); known: 'tag00', 'tag01', 'tag02', 'tag03', "
        "'tag04', 'tag05', 'tag06', 'tag07' and 4 more"
    )
    assert err.column == 9


def test_function_used_as_a_name_shows_how_to_call_it() -> None:
    err = error_of("adopted")
    assert str(err).startswith("'adopted' is a function; call it with parentheses, like adopted(")


# --- messages: types ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("tension and flag", "'and' joins true/false values, but its left side is a number", 1),
        ("flag or 1", "'or' joins true/false values, but its right side is a number", 9),
        ("tension < flag", "'<' compares numbers, but its right side is true/false", 11),
        ("flag + 1 > 0", "'+' works on numbers, but its left side is true/false", 1),
        (
            "tension == flag",
            "'==' compares two values of the same kind, but its left side is a number "
            "and its right side is true/false",
            12,
        ),
        (
            '"pk" == 1',
            "'==' compares two values of the same kind, but its left side is quoted text 'pk'",
            1,
        ),
        ("not tension", "'not' needs true/false, but it is given a number", 5),
        ("-flag > 0", "'-' needs a number, but it is given true/false", 2),
        ('"pk"', "quoted text 'pk' can only be a function argument", 1),
    ],
)
def test_type_mistakes_are_explained(text: str, message: str, column: int) -> None:
    err = error_of(text)
    assert str(err) == message
    assert err.column == column


# --- messages: syntax ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("1 + 2)", "unexpected ')'", 6),
        (")", "unexpected ')'", 1),
        ("(1 + 2", "unclosed '('", 1),
        ('flag and adopted("pk"', "unclosed '('", 17),
        ("tension +", "expected a value after '+'", 10),
        ("tension + ) ", "expected a value after '+'", 11),
        ("()", "expected a value after '('", 2),
        ("score('fr',)", "expected a value after ','", 12),
        ("tension = 1", "'=' is not a comparison; use '=='", 9),
        ("adopted('pk)", "unterminated string", 9),
        ("tension @ 1", "unexpected character '@'", 9),
        ("a < b < c", "comparisons cannot be chained; join them with 'and'", 7),
        ("", "the expression is empty", 1),
        ("* 3", "expected a value before '*'", 1),
        ("tension 1", "missing operator before '1'", 9),
        ("flag AND flag", "write 'and' in lower case, not 'AND'", 6),
        ("flag == not flag", "'not' cannot come right after '=='", 9),
        ("x && y", "'&&' is not an operator; use 'and'", 3),
        ("x => y", "'=>' is not an operator; use '>='", 3),
        ("!flag", "'!' is not an operator; use 'not'", 1),
        ("1.5 > 1", "only whole numbers are allowed, not '1.5'", 1),
        ("5abc", "a name cannot start with a digit: '5abc'", 1),
        ("5__000", "malformed number '5__000'", 1),
        ("fr. > 1", "expected a name after '.'", 3),
        ("f(a b)", "expected ',' or ')' after an argument of f(), found 'b'", 5),
        ("\u201cpk\u201d", "use straight quotes", 1),
    ],
)
def test_syntax_mistakes_are_explained(text: str, message: str, column: int) -> None:
    with pytest.raises(ExprError) as info:
        parse(text)
    assert message in str(info.value)
    assert info.value.column == column


def test_expr_error_is_a_value_error_whose_text_is_the_message() -> None:
    err = ExprError("unexpected ')'", 4)
    assert isinstance(err, ValueError)
    assert str(err) == err.message == "unexpected ')'"
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.column) == ("unexpected ')'", 4)


# --- limits -------------------------------------------------------------------------


def test_nesting_of_32_parentheses_is_accepted() -> None:
    assert parse("(" * 32 + "1" + ")" * 32) == Int(1)


def test_nesting_depth_33_is_refused() -> None:
    for text, column in [
        ("(" * 33 + "1" + ")" * 33, 33),
        ("-" * 33 + "1", 33),
        ("not " * 33 + "true", 129),
    ]:
        with pytest.raises(ExprError, match="nested too deeply: more than 32 levels") as info:
            parse(text)
        assert info.value.column == column


def test_1000_characters_are_accepted() -> None:
    assert parse("1" + " " * 999) == Int(1)


def test_1001_characters_are_refused() -> None:
    with pytest.raises(ExprError, match="1001 characters \\(the limit is 1000\\)") as info:
        parse("1" + " " * 1000)
    assert info.value.column == 1001


def test_13_digit_integer_is_refused() -> None:
    with pytest.raises(ExprError, match="13 digits \\(the limit is 12\\)") as info:
        parse("tension < 1_234_567_890_123")
    assert info.value.column == 11


def test_400_tokens_are_accepted() -> None:
    text = "-1" + " + 1" * 199
    assert run(text) == 198
    assert unparse(parse(text)) == text


def test_401_tokens_are_refused() -> None:
    text = "1" + " + 1" * 200
    with pytest.raises(ExprError, match="more than 400 tokens") as info:
        parse(text)
    assert info.value.column == len(text)


# --- properties ---------------------------------------------------------------------

INT_NAMES = sorted(n for n, t in SCHEMA.names.items() if t is INT)
BOOL_NAMES = sorted(n for n, t in SCHEMA.names.items() if t is BOOL)
ARITH = ["+", "-", "*", "/", "%"]
ORDER = ["<", "<=", ">", ">="]


@functools.cache
def numbers(depth: int) -> st.SearchStrategy[Node]:
    leaves: st.SearchStrategy[Node] = st.one_of(
        st.integers(0, 999_999_999_999).map(Int), st.sampled_from(INT_NAMES).map(Name)
    )
    if depth == 0:
        return leaves
    sub = numbers(depth - 1)
    return st.one_of(
        leaves,
        st.builds(lambda n: Unary("-", n), sub),
        st.builds(Binary, st.sampled_from(ARITH), sub, sub),
        st.builds(lambda s, n: Call("score", (Str(s), n)), st.sampled_from(["fr", "uk"]), sub),
    )


@functools.cache
def truths(depth: int) -> st.SearchStrategy[Node]:
    leaves: st.SearchStrategy[Node] = st.one_of(
        st.booleans().map(Bool),
        st.sampled_from(BOOL_NAMES).map(Name),
        st.sampled_from(["pk", "ceasefire_call"]).map(lambda d: Call("adopted", (Str(d),))),
        st.just(Call("ready", ())),
    )
    if depth == 0:
        return leaves
    sub, num = truths(depth - 1), numbers(depth - 1)
    return st.one_of(
        leaves,
        st.builds(lambda b: Unary("not", b), sub),
        st.builds(Binary, st.sampled_from(["and", "or", "==", "!="]), sub, sub),
        st.builds(Binary, st.sampled_from([*ORDER, "==", "!="]), num, num),
    )


typed_trees = st.one_of(
    numbers(4).map(lambda n: (n, INT)),
    truths(4).map(lambda n: (n, BOOL)),
)

envs = st.fixed_dictionaries(
    {
        name: (st.booleans() if kind is BOOL else st.integers(-(10**6), 10**6))
        for name, kind in SCHEMA.names.items()
    }
)


def reference(node: Node, values: dict[str, int | bool]) -> int | bool:
    """Python's own operators over the same tree: the meaning `evaluate` must have."""
    match node:
        case Int(value) | Bool(value):
            return value
        case Name(path):
            return values[path]
        case Call(fn, args):
            return _call(
                fn, tuple(a.value if isinstance(a, Str) else reference(a, values) for a in args)
            )
        case Unary("-", operand):
            return -reference(operand, values)
        case Unary("not", operand):
            return not reference(operand, values)
        case Binary(op, left, right):
            a, b = reference(left, values), reference(right, values)
            match op:
                case "and":
                    return a and b
                case "or":
                    return a or b
                case "+":
                    return a + b
                case "-":
                    return a - b
                case "*":
                    return a * b
                case "/":
                    return 0 if b == 0 else a // b
                case "%":
                    return 0 if b == 0 else a % b
                case "==":
                    return a == b
                case "!=":
                    return a != b
                case "<":
                    return a < b
                case "<=":
                    return a <= b
                case ">":
                    return a > b
                case ">=":
                    return a >= b
    raise AssertionError(f"unexpected node {node!r}")


@given(typed_trees)
def test_unparse_then_parse_gives_the_same_tree(tree: tuple[Node, ExprType]) -> None:
    node, _ = tree
    assert parse(unparse(node)) == node


@given(typed_trees)
def test_check_accepts_well_typed_trees_with_their_type(tree: tuple[Node, ExprType]) -> None:
    node, kind = tree
    assert check(node, SCHEMA) is kind
    assert compile_expr(unparse(node), SCHEMA, kind).node == node


@given(typed_trees, envs)
def test_evaluate_is_deterministic_and_matches_python(
    tree: tuple[Node, ExprType], values: dict[str, int | bool]
) -> None:
    node, kind = tree
    first = evaluate(node, RecordingEnv(values))
    assert evaluate(node, RecordingEnv(values)) == first
    assert first == reference(node, values)
    assert type(first) is (bool if kind is BOOL else int)


class RecordingBinder:
    """`expr.Binder` for `RecordingEnv`: every name and call goes through the env, so
    the log shows what a bound expression reads, in order."""

    def name(self, path: str) -> expr.Bound:
        return lambda env: env.name(path)

    def call(
        self, fn: str, args: tuple[expr.Argument, ...], constant: tuple[str, ...] | None
    ) -> expr.Bound:
        if constant is not None:
            return lambda env: env.call(fn, constant)
        return lambda env: env.call(fn, tuple(arg(env) for arg in args))


@given(typed_trees, envs)
def test_bound_expressions_give_evaluate_s_values_reading_the_same_in_the_same_order(
    tree: tuple[Node, ExprType], values: dict[str, int | bool]
) -> None:
    node, _ = tree
    env, bound_env = RecordingEnv(values), RecordingEnv(values)
    expected = evaluate(node, env)
    got = expr.bind(node, RecordingBinder())(bound_env)
    assert got == expected and type(got) is type(expected)
    assert bound_env.log == env.log  # short-circuits alike; folded constants read nothing


def test_bind_folds_constant_parts_and_keeps_division_by_zero_at_zero() -> None:
    for text, value in (("1 + 2 * 3", 7), ("-(4 / 0)", 0), ("not (3 % 0 == 0)", False)):
        node = parse(text)
        function = expr.bind(node, RecordingBinder())
        env = RecordingEnv()
        assert function(env) == value and env.log == []


FRAGMENTS = [
    "(",
    ")",
    ",",
    "and",
    "or",
    "not",
    "true",
    "false",
    "tension",
    "fr.pc",
    "fr.",
    "flag",
    "adopted",
    "score",
    "ready",
    "zzz",
    '"pk"',
    "'fr'",
    '"',
    "'",
    "\\",
    "1",
    "0",
    "5_000",
    "1_",
    "999999999999",
    "1.5",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "=",
    "!",
    "+",
    "-",
    "*",
    "/",
    "%",
    "&&",
    "|",
    "@",
    "\u201c",
    " ",
    "\t",
    "AND",
]
texts = st.one_of(
    st.text(string.printable, max_size=60),
    st.text(max_size=30),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
)


@settings(max_examples=500)
@given(texts)
def test_any_text_parses_or_raises_expr_error(text: str) -> None:
    try:
        node = parse(text)
    except ExprError as err:
        assert err.column is not None and 1 <= err.column <= len(text) + 1
        return
    assert parse(unparse(node)) == node
    try:
        check(node, SCHEMA)
    except ExprError as err:
        assert err.column is not None and err.column >= 1


# -- direction: how an expression moves as a set grows -------------------------------

_GROWS = expr.Growth(
    rising_name=lambda path: path.startswith("x"), rising_calls=frozenset({"up"}),
    wild_calls=frozenset({"wild"}),
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 >= k", "constant"),
        ("x1 >= 3", "rises"),
        ("x1 > 3 and (x2 >= 1 or k < 2)", "rises"),
        ("x1 * 2 + x2 / 3 - k >= 4", "rises"),
        ("min(x1, x2) >= 1", "rises"),
        ("up() > 0", "rises"),
        ("not x1 >= 3", "falls"),
        ("x1 < 3", "falls"),
        ("-x1 >= 0", "falls"),
        ("x1 == 3", "either"),
        ("x1 != 3", "either"),
        ("x1 >= 3 and x2 < 1", "either"),
        ("x1 * x2 >= 1", "either"),
        ("x1 % 2 == 0", "either"),
        ("x1 - x2 >= 0", "either"),
        ("wild() > 0", "either"),
    ],
)
def test_direction_tells_how_a_condition_moves_as_the_set_grows(text: str, expected: str) -> None:
    assert expr.direction(expr.parse(text), _GROWS).value == expected
