"""The TOML lexer puts a line number on a key path (and enforces the limits: tests/test_safe_toml.py)."""

from __future__ import annotations

import re
import tomllib

import pytest

from wargame.toml_lex import KeyLines, key_lines

# Every line that defines something ends with a `# L<n>` marker naming its own number, so
# each expectation below can be checked against the text by eye (and by `test_markers…`).
SCENARIO = '''\
title = "Kyiv 2026"  # L1
# a comment: fake = 1 and [fake.table] are not keys
description = """
This text is not TOML.
fake = 1
[[seats]]
[fake]
"""
summary = \'\'\'
council.fake = 2
\'\'\'

[council]  # L13
rounds = 6  # L14
"veto holders" = ["us", "uk", "fr",  # L15
    "ru",  # L16
    "cn",  # L17
]
rules.quorum = 9  # L19
'strict mode' = true  # L20

[[seats]]  # L22
id = "uk"  # L23
assets = { troops = 5000, jets = { count = 12 } }  # L24

[[seats.objectives]]  # L26
when = "uk.jets >= 2"  # L27

[[seats]]  # L29
id = "fr"  # L30

[[seats]]  # L32
id = "ua"  # L33
notes = """A note with "quotes" and a key-like line:
when = "never"
"""  # the notes end here

[[seats.objectives]]  # L38
id = "hold"  # L39
when = "ua.front >= 3"  # L40

[[seats.objectives]]  # L42
when = "ru.pc <= 0"  # L43

[seats.profile]  # L45
motto = "Slava"  # L46

[tracks.escalation]  # L48
levels = [  # L49
    { name = "calm", max = 2 },  # L50
    { name = "crisis", max = 5 },  # L51
]
'''


@pytest.fixture(scope="module")
def lines() -> KeyLines:
    return key_lines(SCENARIO)


def test_the_scenario_is_valid_toml() -> None:
    data = tomllib.loads(SCENARIO)
    assert data["seats"][2]["objectives"][0]["when"] == "ua.front >= 3"


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("title",), 1),
        (("council",), 13),
        (("council", "rounds"), 14),
        (("council", "veto holders"), 15),
        (("council", "veto holders", 0), 15),
        (("council", "veto holders", 3), 16),
        (("council", "veto holders", 4), 17),
        (("council", "veto holders", 5), 15),  # no such item: the array's line
        (("council", "rules"), 19),
        (("council", "rules", "quorum"), 19),
        (("council", "strict mode"), 20),
        (("seats",), 22),
        (("seats", 0), 22),
        (("seats", 0, "id"), 23),
        (("seats", 0, "assets"), 24),
        (("seats", 0, "assets", "troops"), 24),
        (("seats", 0, "assets", "jets", "count"), 24),
        (("seats", 0, "objectives", 0), 26),
        (("seats", 0, "objectives", 0, "when"), 27),
        (("seats", 1), 29),
        (("seats", 1, "id"), 30),
        (("seats", 2, "id"), 33),
        (("seats", 2, "notes"), 34),
        (("seats", 2, "objectives", 0), 38),
        (("seats", 2, "objectives", 0, "id"), 39),
        (("seats", 2, "objectives", 0, "when"), 40),
        (("seats", 2, "objectives", 1, "when"), 43),
        (("seats", 2, "profile", "motto"), 46),
        (("tracks",), 48),
        (("tracks", "escalation", "levels"), 49),
        (("tracks", "escalation", "levels", 1), 51),
        (("tracks", "escalation", "levels", 1, "max"), 51),
    ],
)
def test_each_key_path_has_its_line(lines: KeyLines, loc: tuple[str | int, ...], line: int) -> None:
    assert lines.line_of(loc) == line


def test_markers_match_the_lines_they_are_on() -> None:
    for number, text in enumerate(SCENARIO.splitlines(), start=1):
        marker = re.search(r"# L(\d+)$", text)
        assert marker is None or int(marker[1]) == number, text


def test_the_deepest_known_prefix_answers_for_unknown_keys(lines: KeyLines) -> None:
    assert lines.line_of(("seats", 1, "objectives")) == 29  # missing: the seat's header
    assert lines.line_of(("seats", 2, "objectives", 1, "when", "function-after")) == 43
    assert lines.line_of(("council", "missing_field")) == 13


def test_unknown_top_level_keys_have_no_line(lines: KeyLines) -> None:
    assert lines.line_of(("nowhere",)) is None
    assert lines.line_of(()) is None


def test_text_inside_multiline_strings_and_comments_is_not_a_key(lines: KeyLines) -> None:
    assert lines.line_of(("fake",)) is None
    assert lines.line_of(("seats", 3)) == 22  # only three [[seats]]: falls back to the array
    assert lines.line_of(("seats", 2, "when")) == 32  # the `when =` inside notes is text
    assert lines.line_of(("description",)) == 3
    assert lines.line_of(("summary",)) == 9
    assert lines.line_of(("council", "fake")) == 13


def test_quoted_and_escaped_keys_are_decoded() -> None:
    lines = key_lines('"a\\u0020b".c = 1\n\'x.y\' = 2\n[ "t" . u ]\nv = 3\n')
    assert lines.line_of(("a b", "c")) == 1
    assert lines.line_of(("x.y",)) == 2
    assert lines.line_of(("t", "u", "v")) == 4


def test_an_explicit_table_header_beats_an_earlier_implicit_one() -> None:
    lines = key_lines("[a.b]\nx = 1\n\n[a]\ny = 2\n")
    assert lines.line_of(("a", "b", "x")) == 2
    assert lines.line_of(("a",)) == 4
    assert lines.line_of(("a", "z")) == 4


def test_crlf_line_endings_and_a_bom_count_the_same() -> None:
    lines = key_lines("\ufeffa = 1\r\n\r\n[t]\r\nb = 2\r\n")
    assert lines.line_of(("t", "b")) == 4


def test_nested_arrays_of_inline_tables_spanning_lines() -> None:
    text = "moves = [\n  [1, 2],\n  [\n    3,\n    {who = 'uk'},\n  ],\n]\n"
    lines = key_lines(text)
    assert lines.line_of(("moves", 1)) == 3
    assert lines.line_of(("moves", 1, 1, "who")) == 5


def test_garbage_never_raises() -> None:
    for text in [
        "[",
        "[[",
        "a = [",
        "= = =",
        '"""',
        "a.b.c",
        "}]",
        "x = {a = [1, {",
        "\\U99999999",
    ]:
        key_lines(text).line_of(("a", 0, "b"))


def test_a_scenario_with_problems_is_lexed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pass that enforced the limits placed the problems: validation lexes nothing more."""
    from pathlib import Path

    from wargame import toml_lex
    from wargame.problems import ProblemsError
    from wargame.scenario_files import load

    passes: list[str] = []
    run = toml_lex._Lexer.run

    def counted(self: toml_lex._Lexer) -> None:
        passes.append(self.label)
        run(self)

    monkeypatch.setattr(toml_lex._Lexer, "run", counted)
    broken = Path(__file__).parent / "scenario" / "broken" / "negative_pc.toml"
    with pytest.raises(ProblemsError) as caught:
        load(broken)
    assert caught.value.problems[0].line is not None
    assert passes == [str(broken)]


def test_items_sharing_a_line_share_it_and_the_next_line_counts_on() -> None:
    lines = key_lines('a = [1, "x, y", {k = 1, j = 2}, [],\n  true, 2,\n  [3,\n 4], 5]\n')
    assert [lines.line_of(("a", i)) for i in range(8)] == [1, 1, 1, 1, 2, 2, 3, 4]
    assert lines.line_of(("a", 6, 1)) == 4
    assert lines.line_of(("a", 8)) == 1  # no such item: the array's line
