"""Loading scenario files: every mistake is reported, located and worded for authors.

`broken/` holds copies of `valid_minimal.toml`, each with a deliberate mistake
(a few with several). Each file starts with the problems it must produce, in
file order::

    # expect: line 12: seats[1].pc:
    # expect-words: must be at least 0

`# expect: line L:C:` is a syntax error (line and column, no key); `# expect: no
line: KEY:` is a problem with no line to point at (a missing top-level key).
Every `expect-words` line must appear in that problem's message. Adding a case
is adding a file. Mistakes that cannot be committed as text (binary, huge,
bombs) are generated below.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.problems import Problem, ProblemsError
from wargame.scenario_files import LoadedScenario, load, load_text

HERE = Path(__file__).parent
VALID = HERE / "valid_minimal.toml"
BROKEN = sorted((HERE / "broken").glob("*.toml"))

_EXPECT = re.compile(
    r"# expect: (?:line (?P<line>\d+)(?::(?P<col>\d+))?|no line):(?: (?P<key>\S+):)?"
)
_WORDS = "# expect-words: "


@dataclass
class Expected:
    """One problem a broken file declares in its header."""

    line: int | None
    column: int | None
    key: str
    words: list[str] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        """How `str(problem)` starts after the path."""
        place = "" if self.line is None else f":{self.line}"
        place += "" if self.column is None else f":{self.column}"
        return f"{place}: {self.key}: " if self.key else f"{place}: "


def expectations(path: Path) -> list[Expected]:
    """The `# expect:` blocks at the top of a broken file."""
    found: list[Expected] = []
    for text in path.read_text(encoding="utf-8").splitlines():
        if not text.startswith("#"):
            break
        if match := _EXPECT.fullmatch(text.rstrip()):
            line, col = match["line"], match["col"]
            found.append(
                Expected(int(line) if line else None, int(col) if col else None, match["key"] or "")
            )
        elif text.startswith(_WORDS):
            assert found, f"{path.name}: expect-words before any expect line"
            found[-1].words.append(text.removeprefix(_WORDS).strip())
        else:
            assert not text.startswith("# expect"), f"{path.name}: malformed header {text!r}"
    return found


def problems_of(path: Path) -> tuple[Problem, ...]:
    """Load `path`, which must be refused with a ProblemsError and nothing else."""
    try:
        load(path)
    except ProblemsError as error:
        assert error.problems, "a ProblemsError must list at least one problem"
        return error.problems
    except Exception as error:  # pragma: no cover - the failure this test exists for
        pytest.fail(f"{type(error).__name__} escaped instead of ProblemsError: {error}")
    pytest.fail(f"{path.name} was accepted")


def assert_problem(problem: Problem, path: Path, expected: Expected) -> None:
    """Words, key and line."""
    assert str(problem).startswith(str(path)), str(problem)
    assert problem.path == str(path)
    assert problem.key == expected.key
    for words in expected.words:
        assert words in problem.message, f"{words!r} not in {problem.message!r}"
    assert "Input should" not in problem.message  # pydantic's words, not ours
    assert "\n" not in str(problem)


# --- the valid file -----------------------------------------------------------------


def test_valid_minimal_loads_completely() -> None:
    loaded = load(VALID)
    assert isinstance(loaded, LoadedScenario)
    sc = loaded.scenario
    assert loaded.source == VALID.read_text(encoding="utf-8")
    assert [s.id for s in sc.seats] == ["fr", "uk", "ua", "ru", "un"]
    assert len(sc.council.members) == 15
    assert sum(m.permanent for m in sc.council.members) == 5
    assert [m.id for m in sc.council.members if m.disposition] == ["cn", "dz", "pk"]
    assert {m.seat for m in sc.council.members if m.seat} == {"fr", "uk", "ru"}
    assert [t.id for t in sc.tracks] == ["tension", "cohesion"]
    assert [a.id for a in sc.assets] == ["troops", "jets"]
    assert len(sc.tags) == 3 and len(sc.drafts) == 2
    assert len(sc.injects) == len(sc.rules) == len(sc.friction) == 1
    assert [e.id for e in sc.endings] == ["war", "mission"]
    assert sc.default_ending.id == "frozen"


def test_valid_minimal_uses_has_tag_in_a_disposition() -> None:
    """has_tag() is right in a council member's disposition (its misuse is a broken case)."""
    members = load(VALID).scenario.council.members
    assert any("has_tag(" in rule.when for m in members for rule in m.disposition)


# --- the broken files ---------------------------------------------------------------


def test_there_are_enough_broken_files() -> None:
    assert len(BROKEN) >= 30
    several = [p for p in BROKEN if len(expectations(p)) >= 3]
    assert len(several) >= 2, "a few files must prove that every problem is listed at once"


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_is_refused_with_its_declared_problems(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} declares no '# expect:' line"
    problems = problems_of(path)
    listed = "\n".join(str(p) for p in problems)
    assert sorted(p.key for p in problems) == sorted(e.key for e in expected), listed
    by_key = {e.key: e for e in expected}
    for problem in problems:
        assert_problem(problem, path, by_key[problem.key])
    # Lines (and order, which follows lines) are checked last, all wrong ones at once.
    wrong = [
        f"{p} (expected {path}{e.prefix}...)"
        for p, e in zip(problems, expected, strict=True)
        if not str(p).startswith(f"{path}{e.prefix}")
    ]
    assert not wrong, "\n".join(wrong)


def test_header_lines_point_at_the_mistake() -> None:
    """Guard the headers themselves: a declared line is inside the file."""
    for path in BROKEN:
        count = len(path.read_text(encoding="utf-8").splitlines())
        for e in expectations(path):
            assert e.line is None or 1 <= e.line <= count, path.name


# --- accepted oddities ----------------------------------------------------------------


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(codecs.BOM_UTF8 + VALID.read_bytes())
    assert load(path).scenario == load(VALID).scenario


def test_a_byte_order_mark_does_not_shift_lines(tmp_path: Path) -> None:
    source = BROKEN[0].parent / "negative_pc.toml"
    path = tmp_path / "bom.toml"
    path.write_bytes(codecs.BOM_UTF8 + source.read_bytes())
    (problem,) = problems_of(path)
    assert problem.line == expectations(source)[0].line


def test_windows_line_endings_are_accepted_and_keep_lines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    path.write_bytes(VALID.read_bytes().replace(b"\n", b"\r\n"))
    assert load(path).scenario == load(VALID).scenario
    source = HERE / "broken" / "condition_single_equals.toml"
    broken = tmp_path / "crlf-broken.toml"
    broken.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    (problem,) = problems_of(broken)
    assert problem.line == expectations(source)[0].line


# --- generated mistakes ---------------------------------------------------------------


def only_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert str(problem).startswith(str(path))
    return problem


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.toml"
    path.write_bytes(content)
    assert "the file is empty" in only_problem(path).message


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "picture.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    problem = only_problem(path)
    assert "binary file" in problem.message
    assert problem.line == 1


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    text = VALID.read_bytes()
    bad = text.replace(b'title = "Frozen conflict"', b'title = "Frozen \xff conflict"')
    line = bad[: bad.index(b"\xff")].count(b"\n") + 1
    path = tmp_path / "latin.toml"
    path.write_bytes(bad)
    problem = only_problem(path)
    assert "invalid UTF-8" in problem.message and "0xff" in problem.message
    assert (problem.line, problem.column) == (line, len('title = "Frozen ') + 1)


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "utf16.toml"
    path.write_bytes(VALID.read_text(encoding="utf-8").encode("utf-16"))
    assert "UTF-16" in only_problem(path).message


def test_a_two_mebibyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    padding = b"# padding padding padding padding padding padding padding padding\n"
    path.write_bytes(VALID.read_bytes() + padding * ((2 << 20) // len(padding) + 1))
    message = only_problem(path).message
    assert "the limit is 1 MiB" in message and "2" in message


def test_deeply_nested_array_bomb(tmp_path: Path) -> None:
    path = tmp_path / "nested.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    problem = only_problem(path)
    assert "nested too deep" in problem.message
    assert problem.line == 1 and problem.column is not None


def test_a_dotted_key_with_16000_parts(tmp_path: Path) -> None:
    path = tmp_path / "dotted.toml"
    path.write_text("a" + ".a" * 15_999 + " = 1\n", encoding="utf-8")
    problem = only_problem(path)
    assert "too many parts" in problem.message
    assert problem.line == 1


def test_a_huge_integer_inside_a_bomb_of_digits(tmp_path: Path) -> None:
    path = tmp_path / "digits.toml"
    path.write_text(VALID.read_text().replace("rounds = 8", "rounds = " + "9" * 5001))
    assert "too long" in only_problem(path).message


def test_an_overflowing_float_is_located(tmp_path: Path) -> None:
    path = tmp_path / "overflow.toml"
    text = VALID.read_text()
    path.write_text(text.replace("start = 40", "start = 1e999"))
    problem = only_problem(path)
    assert problem.key == "tracks[1].start"
    assert "inf and nan are not allowed" in problem.message
    assert problem.line == text[: text.index("start = 40")].count("\n") + 1


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    assert str(only_problem(path)) == f"{path}: no such file"


def test_a_folder(tmp_path: Path) -> None:
    assert str(only_problem(tmp_path)) == f"{tmp_path}: this is a folder, not a file"


def test_load_text_reports_the_same_problems() -> None:
    path = HERE / "broken" / "several_reference_and_expression_mistakes.toml"
    with pytest.raises(ProblemsError) as caught:
        load_text(path.read_text(encoding="utf-8"), str(path))
    assert caught.value.problems == problems_of(path)


# --- anything at all ------------------------------------------------------------------

_LINES = VALID.read_text(encoding="utf-8").splitlines(keepends=True)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "cut", "insert"]),
            st.integers(0, len(_LINES) - 1),
            st.integers(0, 80),
            st.sampled_from([*"\"'[]{}=.,#\\ \n0-x", "true", "inf", "[[seats]]"]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_mangled_scenario_gives_problems_never_a_crash(edits: list[tuple]) -> None:
    lines = list(_LINES)
    for op, i, at, text in edits:
        i %= len(lines)
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines[i] = lines[i][:at] + lines[i][at + 1 :]
        else:
            lines[i] = lines[i][:at] + text + lines[i][at:]
    try:
        load_text("".join(lines), "mangled.toml")
    except ProblemsError as error:
        for problem in error.problems:
            assert str(problem).startswith("mangled.toml")
            assert problem.message
            assert "Input should" not in problem.message


# --- missing keys are located at their table ----------------------------------------


def test_a_missing_key_is_reported_on_the_line_of_its_table() -> None:
    source = VALID.read_text(encoding="utf-8")
    top = source.replace("rounds = ", "# rounds = ", 1)
    (problem,) = _refused(top)
    assert (problem.key, problem.line) == ("rounds", 1)
    assert "top-level" in problem.message
    inline = source.replace(
        '[roles]\nhost = "ua"\nparties = ["ua", "ru"]\nsecretariat = "un"\n',
        '\nroles = { parties = ["ua", "ru"], secretariat = "un" }\n\n\n',
    )
    (problem,) = _refused(inline)
    assert (problem.key, problem.line) == ("roles.host", 11)


def test_a_key_that_is_not_bare_is_quoted_in_the_key_path() -> None:
    """One formatter writes every key path: `a.b` under `council` is not `council.a.b`."""
    source = VALID.read_text(encoding="utf-8")
    line = source.splitlines().index("[council]") + 2
    text = source.replace("[council]\n", '[council]\n"veto holders" = 1\n"a.b" = 2\n', 1)
    problems = _refused(text)
    assert [(p.key, p.line) for p in problems] == [
        ('council."veto holders"', line),
        ('council."a.b"', line + 1),
    ]


def _refused(text: str) -> tuple[Problem, ...]:
    try:
        load_text(text, "<t>")
    except ProblemsError as error:
        return error.problems
    pytest.fail("accepted")


# --- one run lists every problem ---------------------------------------------------------


def test_shape_and_reference_problems_are_listed_in_one_run() -> None:
    """An unknown key and a bad number no longer hide an unknown tag until the next run."""
    source = VALID.read_text(encoding="utf-8")
    text = (
        source.replace('title = "Minimal test scenario"\n', 'title = "Minimal"\ntitel = "x"\n', 1)
        .replace("pc = 10\n", "pc = -3\n", 1)
        .replace('tags = ["un_peacekeeping"]', 'tags = ["un_peacekeepin"]', 1)
    )
    problems = _refused(text)
    listed = "\n".join(map(str, problems))
    assert [p.key for p in problems] == ["titel", "seats[0].pc", "drafts[0].tags[0]"], listed
    assert "did you mean 'un_peacekeeping'" in problems[-1].message
    assert len(set(map(str, problems))) == len(problems)


def test_a_refused_id_stops_the_reference_checks_rather_than_invent_problems() -> None:
    """Leaving out a refused id would make every use of it 'unknown': not said."""
    source = VALID.read_text(encoding="utf-8")
    draft = 'id = "pk"\ntitle = "UN peacekeeping mission"'
    text = source.replace(draft, draft.replace('"pk"', '"PK"'), 1).replace(
        'tags = ["un_peacekeeping"]', 'tags = ["un_peacekeepin"]', 1
    )
    assert [p.key for p in _refused(text)] == ["drafts[0].id"]
