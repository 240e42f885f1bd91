"""The hardened TOML reader refuses hostile files quickly, with one clear line each."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from wargame import safe_toml
from wargame.problems import Problem, ProblemsError
from wargame.safe_toml import Limits, parse_toml, read_toml_file

INVALID_DIR = Path(__file__).parent / "data" / "toml-test-invalid"
INVALID_FILES = sorted(INVALID_DIR.glob("*.toml"))
BUDGET_S = 20.0
"""A safety bound on CPU seconds, not a benchmark: each case takes milliseconds here, the
bombs it guards against take seconds to minutes. CPU time (`time.process_time`), not the
wall clock, so a busy machine (CI shares 2 cores) does not fail it."""


def refusal(data: bytes, limits: Limits = safe_toml.DEFAULT_LIMITS) -> Problem:
    """Parse `data`, expect a refusal with exactly one problem, within the budget."""
    return timed_refusal(lambda: parse_toml(data, "x.toml", limits))


def timed_refusal(action: Callable[[], object]) -> Problem:
    start = time.process_time()
    with pytest.raises(ProblemsError) as caught:
        action()
    assert time.process_time() - start < BUDGET_S
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert "\n" not in str(problem)
    return problem


# --- the toml-test suite ------------------------------------------------------------


def test_the_whole_toml_test_invalid_suite_is_here() -> None:
    assert len(INVALID_FILES) == 499
    assert (INVALID_DIR / "LICENSE-toml-test").is_file()


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.stem)
def test_every_invalid_toml_test_document_is_refused_in_one_line(path: Path) -> None:
    data = path.read_bytes()
    problem = refusal(data)
    assert str(problem).startswith("x.toml")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return  # not text at all: a line is given when one can be
    assert problem.line is not None, str(problem)
    assert "(at line" not in problem.message


# --- bombs ---------------------------------------------------------------------------


def test_a_16000_part_dotted_key_is_refused_at_once() -> None:
    data = ("a" + ".a" * 15_999 + " = 1\n").encode()
    assert len(data) > 32_000
    problem = refusal(data)
    assert "too many parts" in problem.message
    assert "limit is 16" in problem.message
    assert (problem.line, problem.column) == (1, 1)


def test_a_16000_part_table_header_is_refused_at_once() -> None:
    problem = refusal(("[" + "a." * 15_999 + "a]\n").encode())
    assert "too many parts" in problem.message


def test_600_nested_arrays_are_refused_without_recursion_error() -> None:
    problem = refusal(("x = " + "[" * 600 + "]" * 600 + "\n").encode())
    assert "nested too deep" in problem.message
    assert "limit is 32" in problem.message
    assert (problem.line, problem.column) == (1, 5 + 32)


def test_600_nested_inline_tables_are_refused() -> None:
    problem = refusal(("x = " + "{a = " * 600 + "1" + "}" * 600).encode())
    assert "nested too deep" in problem.message


def test_a_5001_digit_integer_is_refused_with_its_place() -> None:
    problem = refusal(("n = 1\nbig = " + "7" * 5_001 + "\n").encode())
    assert "5001 digits" in problem.message
    assert "limit is 18 digits" in problem.message
    assert (problem.line, problem.column) == (2, 7)


def test_many_keys_are_refused_by_the_total_key_parts_limit() -> None:
    header = "[t{}.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p]\n"
    data = "".join(header.format(i) for i in range(7_000)).encode()
    problem = refusal(data)
    assert "too many keys" in problem.message
    assert "100000" in problem.message


def test_an_unterminated_multiline_string_of_a_mebibyte_is_refused_quickly() -> None:
    problem = refusal(('s = """' + "x\n" * 500_000).encode())
    assert "unterminated string" in problem.message
    assert problem.line is not None


def test_a_mebibyte_of_long_array_is_read_within_the_budget() -> None:
    data = ("a = [" + "1," * 500_000 + "]\n").encode()
    start = time.process_time()
    assert len(parse_toml(data, "x.toml")["a"]) == 500_000
    assert time.process_time() - start < BUDGET_S


# --- limits, at and past them ----------------------------------------------------------


def test_values_at_every_limit_are_accepted() -> None:
    text = "\n".join(
        [
            "deep = " + "[" * 32 + "]" * 32,
            ".".join("k" * 16) + " = 1",
            f"big = {10**18 - 1}",
            "neg = -999_999_999_999_999_999",
            "hex = 0x7fff_ffff_ffff_ffff",
            "s = '" + "x" * 20_000 + "'",
            "m = '''" + "y" * 20_000 + "'''",
        ]
    )
    data = parse_toml(text.encode(), "x.toml")
    assert data["big"] == 10**18 - 1
    assert data["hex"] == 2**63 - 1
    assert len(data["s"]) == len(data["m"]) == 20_000


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("k = 1\na." + ".".join("b" * 16) + " = 1", "too many parts"),
        ("x = [[[[[[]]]]]]", "nested too deep"),
        ('s = "' + "x" * 20_001 + '"', "string is too long"),
        ('s = """\n' + "x" * 20_001 + '"""', "string is too long"),
        ("'" + "k" * 20_001 + "' = 1", "string is too long"),
        ("n = 1_000_000_000_000_000_000", "19 digits"),
        ("n = 0x1_0000_0000_0000_0000", "does not fit in 64 bits"),
        ("n = 9_223_372_036_854_775_808", "19 digits"),
    ],
)
def test_each_limit_is_named_in_its_refusal(text: str, words: str) -> None:
    limits = Limits(max_depth=5)
    assert words in refusal(text.encode(), limits).message


def test_a_small_limit_is_obeyed() -> None:
    problem = refusal(b"a = 'hello'", Limits(max_string_chars=4))
    assert problem.message == "a string is too long; the limit is 4 characters"


def test_an_integer_beyond_64_bits_names_its_key_and_line() -> None:
    problem = refusal(b"[seats.'uk x']\nn = [\n  0,\n  0xffff_ffff_ffff_ffff,\n]")
    assert problem.key == 'seats."uk x".n[1]'
    assert "64 bits" in problem.message
    assert str(problem).startswith('x.toml:4: seats."uk x".n[1]: ')


@pytest.mark.parametrize(
    "text", ["x = inf", "x = +inf", "x = -inf", "x = nan", "x = [1.0,\n  -nan]", "x = {a = inf}"]
)
def test_inf_and_nan_are_refused(text: str) -> None:
    problem = refusal(text.encode())
    assert problem.message == "inf and nan are not allowed"
    assert problem.line is not None


def test_a_float_too_large_to_be_finite_is_refused() -> None:
    problem = refusal(b"[a]\nx = 1e999")
    assert "inf and nan are not allowed" in problem.message
    assert (problem.key, problem.line) == ("a.x", 2)


def test_text_inside_strings_and_comments_is_not_counted() -> None:
    text = (
        "# " + ".".join("k" * 40) + " = " + "[" * 40 + "\n"
        "a = '" + "[" * 40 + " inf " + "9" * 30 + "'\n"
        'b = """\n' + "{" * 40 + '\n c.d.e = inf\n"""\n'
        "c = '''" + "[" * 40 + "'''\n"
        'd = "\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n'
        'e = """ ""quoted"" """\n'
        "inf = 1\n"
        "[nan.inf]\n"
        "12345678901234567890123 = 'a bare key of digits'\n"
    )
    data = parse_toml(text.encode(), "x.toml")
    assert data["inf"] == 1
    assert data["nan"]["inf"]["12345678901234567890123"] == "a bare key of digits"


def test_dates_floats_and_signed_numbers_are_not_mistaken_for_integers() -> None:
    text = (
        "a = 1979-05-27T07:32:00.999999-07:00\n"
        "b = 1979-05-27 07:32:00\n"
        "c = [3.141592653589793238462643383279, -1e-300, +1_000.5e+3]\n"
    )
    data = parse_toml(text.encode(), "x.toml")
    assert data["c"][0] == pytest.approx(3.14159265)


# --- encodings and odd files ------------------------------------------------------------


def test_a_utf8_bom_is_accepted() -> None:
    assert parse_toml(b"\xef\xbb\xbftitle = 'Kyiv'\n", "x.toml") == {"title": "Kyiv"}


def test_invalid_utf8_gives_the_line_and_column_of_the_bad_byte() -> None:
    problem = refusal("a = 1\nname = 'Zürich ".encode() + b"\xff'\n")
    assert "invalid UTF-8" in problem.message
    assert "0xff" in problem.message
    assert (problem.line, problem.column) == (2, 16)


def test_latin1_text_is_invalid_utf8_not_binary() -> None:
    problem = refusal("city = 'Genève'\n".encode("latin-1"))
    assert "invalid UTF-8" in problem.message


def test_png_bytes_are_a_binary_file() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    problem = refusal(png)
    assert problem.message == "this is a binary file, not TOML text"
    assert str(problem).startswith("x.toml:1:1: ")


def test_a_nul_byte_is_binary_with_its_place() -> None:
    problem = refusal(b"a = 1\nb = '\x00'\n")
    assert "binary file" in problem.message
    assert (problem.line, problem.column) == (2, 6)


def test_utf16_is_named() -> None:
    problem = refusal("a = 1\n".encode("utf-16"))
    assert "UTF-16" in problem.message


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n  \n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    assert str(refusal(data)) == "x.toml: the file is empty"


def test_a_file_of_comments_only_is_an_empty_document() -> None:
    assert parse_toml(b"# nothing yet\n", "x.toml") == {}


def test_bytes_over_the_limit_are_refused_before_decoding() -> None:
    problem = refusal(b"\xff" * 1_900, Limits(max_bytes=1_024))
    assert problem.message == "the file is 1.9 KiB; the limit is 1 KiB"


def test_a_size_just_over_the_limit_is_shown_in_bytes() -> None:
    problem = refusal(b"#" * 1_025, Limits(max_bytes=1_024))
    assert problem.message == "the file is 1,025 bytes; the limit is 1,024 bytes"


# --- syntax errors ------------------------------------------------------------------


def test_a_syntax_error_carries_line_and_column_from_tomllib() -> None:
    problem = refusal(b"a = 1\n\nb = = 2\n")
    assert (problem.line, problem.column) == (3, 5)
    assert problem.message.startswith("not a value: text needs quotes")
    assert str(problem).startswith("x.toml:3:5: not a value")


def test_an_error_at_the_end_of_the_document_points_there() -> None:
    problem = refusal(b"a = 1\nb = [1,")
    assert (problem.line, problem.column) == (2, 8)


def test_a_table_declared_twice_is_named_as_written() -> None:
    problem = refusal(b"[a.'b c']\n[a.'b c']\n")
    assert problem.message == "the table [a.'b c'] is declared twice (first on line 1)"


# --- files ------------------------------------------------------------------------------


def test_read_toml_file_returns_data_and_text(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(b"\xef\xbb\xbftitle = 'x'\r\n")
    assert read_toml_file(path) == ({"title": "x"}, "title = 'x'\r\n")


def test_a_10_megabyte_file_is_refused_from_its_size_alone(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as file:
        file.truncate(10 * 2**20)  # sparse: costs no disk
    problem = timed_refusal(lambda: read_toml_file(path))
    assert str(problem) == f"{path}: the file is 10 MiB; the limit is 1 MiB"


def test_read_toml_file_never_reads_more_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grew after `fstat` is still read only up to max_bytes + 1."""
    path = tmp_path / "growing.toml"
    path.write_bytes(b"a = 1\n" * 1_000)
    real_fstat, real_read = os.fstat, os.read
    asked: list[int] = []

    def fstat_before_growth(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *[0] * 9))  # claims 0 bytes

    def spying_read(fd: int, size: int) -> bytes:
        asked.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "fstat", fstat_before_growth)
    monkeypatch.setattr(os, "read", spying_read)
    problem = timed_refusal(lambda: read_toml_file(path, Limits(max_bytes=100)))
    assert sum(asked) <= 101
    assert problem.message == "the file is larger than the limit of 100 bytes"


def test_a_missing_file_is_one_problem(tmp_path: Path) -> None:
    problem = timed_refusal(lambda: read_toml_file(tmp_path / "nope.toml"))
    assert str(problem) == f"{tmp_path / 'nope.toml'}: no such file"


def test_a_folder_is_one_problem(tmp_path: Path) -> None:
    problem = timed_refusal(lambda: read_toml_file(tmp_path))
    assert problem.message == "this is a folder, not a file"


def test_permission_denied_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    problem = timed_refusal(lambda: read_toml_file(tmp_path / "secret.toml"))
    assert "permission denied" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    problem = timed_refusal(lambda: read_toml_file(path))
    assert problem.message == "this is not a regular file"


def test_a_bad_file_through_read_toml_file_is_labelled_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("a = 1\nb = [\n")
    problem = timed_refusal(lambda: read_toml_file(path))
    assert str(problem).startswith(f"{path}:3:")


# --- round trip -------------------------------------------------------------------------

_keys = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_scalars = (
    st.booleans()
    | st.integers(min_value=-(10**18) + 1, max_value=10**18 - 1)
    | st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(_keys, _values, min_size=1, max_size=5))
def test_documents_written_by_tomli_w_read_back_the_same(document: dict[str, Any]) -> None:
    assert parse_toml(tomli_w.dumps(document).encode(), "x.toml") == document


def realistic_20_kb() -> bytes:
    """A scenario-like document of about 20 KB as tomli_w writes it (also benchmarked)."""
    seat = {
        "name": "United Kingdom",
        "pc": 12,
        "assets": {"troops": 5000, "jets": 12},
        "objectives": [
            {"id": f"o{j}", "when": "fr.troops >= 5000 and uk.jets > 2", "points": 3}
            for j in range(5)
        ],
        "notes": "A permanent member. " * 4,
    }
    return tomli_w.dumps({"title": "Kyiv 2026", "seats": [seat] * 30}).encode()


def test_a_realistic_20_kb_scenario_parses_fast() -> None:
    data = realistic_20_kb()
    assert 15_000 < len(data) < 40_000
    start = time.process_time()
    for _ in range(10):
        parse_toml(data, "x.toml")
    assert (time.process_time() - start) / 10 < 0.5  # CPU seconds; about 5 ms here


# --- token soup -------------------------------------------------------------------------

_FRAGMENTS = [
    *"[]{}=,.\"'#\n \t\\-+:_",
    *['"""', "'''", "[[", "]]", "\r\n", "a", "1", "1234", "inf", "0x", "e", "é", "true"],
    *['"x"', "'y'", " = ", "\\n", "\\u00e9", "1.5", "1979-05-27", "abcdef", '"abcdef"'],
]
_TIGHT = Limits(
    max_depth=3, max_key_parts=3, max_total_key_parts=10, max_string_chars=5, max_integer_digits=3
)


def _assert_within_tight_limits(value: object, depth: int = 0) -> None:
    if isinstance(value, list):
        assert depth < _TIGHT.max_depth
        for item in value:
            _assert_within_tight_limits(item, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            _assert_within_tight_limits(item, depth)
    elif isinstance(value, str):
        assert len(value) <= _TIGHT.max_string_chars
    elif isinstance(value, int) and not isinstance(value, bool):
        assert abs(value) < 10**_TIGHT.max_integer_digits


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join))
def test_token_soup_is_refused_cleanly_or_read_within_the_limits(text: str) -> None:
    for limits in (safe_toml.DEFAULT_LIMITS, _TIGHT):
        try:
            document = parse_toml(text.encode(), "x.toml", limits)
        except ProblemsError as refused:
            assert len(refused.problems) == 1
            continue
        if limits is _TIGHT:
            _assert_within_tight_limits(document)


def test_a_key_with_control_characters_is_shown_escaped_on_one_line() -> None:
    problem = refusal(b'[x]\n"\\u001b[31m\\nk" = 0xffff_ffff_ffff_ffff\n')
    assert problem.key == 'x."\x1b[31m\\nk"'  # quoted, the newline escaped
    assert 'x."␛[31m\\nk": ' in str(problem)  # the escape made visible when shown
    assert "\x1b" not in str(problem)


def test_keys_inside_arrays_of_inline_tables_count_towards_the_total() -> None:
    text = b"x = [\n  {a = 1, b = 'two'},\n  {c = 3, d = true},\n]\n"
    assert parse_toml(text, "x.toml", Limits(max_total_key_parts=5))["x"][1]["d"] is True
    problem = refusal(text, Limits(max_total_key_parts=4))
    assert "too many keys" in problem.message


def test_a_multiline_array_of_inline_tables_is_not_one_long_key() -> None:
    # tomli-w writes arrays of tables one per line; their keys are separate keys.
    rows = "".join('{ id = "a", name = "A", control = "bot", bot = "x" },\n' for _ in range(6))
    document = f"seats = [\n{rows}]\n"
    assert parse_toml(document.encode(), "x")["seats"][0]["bot"] == "x"


# --- memory stays bounded ----------------------------------------------------------------

_MIB = 1 << 20
_VALID_SCENARIO = Path(__file__).parent / "scenario" / "valid_minimal.toml"


def _peak_mib(run: Callable[[], object]) -> float:
    """The most memory Python allocated while `run` ran, in MiB (tracemalloc)."""
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(ProblemsError):
            run()
        return tracemalloc.get_traced_memory()[1] / _MIB
    finally:
        tracemalloc.stop()


def _lines_of(filler: str, budget: int) -> str:
    """About `budget` characters of `filler` lines; "array" makes arrays of one item a line."""
    if filler != "array":
        return filler * (budget // len(filler))
    block = "[\n" + "1,\n" * 40 + "]\n"
    return "".join(f"k{i} = {block}" for i in range(budget // (len(block) + 8)))


@pytest.mark.parametrize(
    "filler",
    ["\n", "# a comment line\n", " \t\n", "\r\n", "array"],
    ids=["newlines", "comments", "blank-with-spaces", "crlf", "array-lines"],
)
def test_a_megabyte_of_lines_costs_a_few_megabytes(filler: str) -> None:
    """A 1 MiB file of empty lines once cost 372 MiB (the pre-scan, then the key lines).

    Both the syntax-error path and the validation path (which maps keys to lines)
    are measured. The bound is generous: the text itself is 1 MiB and is held a
    few times over (bytes, str, copies); what is refused is per-line bookkeeping.
    """
    from wargame.scenario_files import load_text

    source = _VALID_SCENARIO.read_text(encoding="utf-8")
    body = _lines_of(filler, safe_toml.DEFAULT_LIMITS.max_bytes - len(source) - 100)
    if filler == "array":
        # A MiB of arrays under tracemalloc takes about a minute on a busy CI machine (tomllib
        # and pydantic build every item); a quarter of it keeps the per-line cost in view.
        body = body[: len(body) // 4].rpartition("k")[0]
    syntax = ("a = 1\n" + body + "oops").encode()
    assert _peak_mib(lambda: parse_toml(syntax, "t")) < 24
    if filler not in ("\n", "array"):
        return  # the key lines read every line alike; two shapes keep this test quick
    scenario = source + body + "unknown_at_the_end = 1\n"
    assert len(scenario.encode()) <= safe_toml.DEFAULT_LIMITS.max_bytes
    assert _peak_mib(lambda: load_text(scenario, "t")) < (24 if filler == "array" else 64)


# --- syntax errors in an author's words ------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            b'title = "Peace\nkeeping"\n',
            'unterminated string: a " string must close on the same line '
            '(use """ for text on several lines)',
        ),
        (b"a = 1\nb = 2\na = 3\n", "duplicate key `a` (first set on line 1)"),
        (b"[t]\nx = 1\n\n[u]\nx = 1\nx = 2\n", "duplicate key `u.x` (first set on line 5)"),
        (b"a = [\n 1,\n]\nb = 2\na = [\n 2]\n", "duplicate key `a` (first set on line 1)"),
        (b"a.b = 1\na = 2\n", "duplicate key `a` (first set on line 1)"),
        (b"[t]\nx = 1\n[u]\n[t]\n", "the table [t] is declared twice (first on line 1)"),
        (b"a = 1\n[a]\n", "the table [a] clashes with a key of that name (first set on line 1)"),
        (b"b = {x = 1, x = 2}\n", "duplicate key 'x' in an inline table"),
        (
            b"a = 1\n\nb = = 2\n",
            'not a value: text needs quotes ("like this"); numbers, true and false do not',
        ),
        (
            b'a = "x\x01"\n',
            "control character U+0001 is not allowed in a string; write it as an escape (\\u0001) if it is meant",
        ),
    ],
)
def test_syntax_errors_say_what_is_wrong_and_keep_tomllib_place(
    source: bytes, message: str
) -> None:
    import tomllib

    with pytest.raises(tomllib.TOMLDecodeError) as raw:
        tomllib.loads(source.decode())
    problem = refusal(source)
    assert problem.message == message
    assert f"(at line {problem.line}, column {problem.column})" in str(raw.value)
