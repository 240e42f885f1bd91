"""Scenario text and keys may not hold control characters (terminal escapes).

One generic check covers every text field and every key of a table: a title,
a seat's name or briefing, an objective, a draft, an inject, an ending, a key
of `assets`... are all refused with `path:line: key: control character
U+001B is not allowed`, the character made visible wherever it is printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.escapes import ALL, PAYLOADS, raw_controls, toml_string
from wargame.problems import ProblemsError
from wargame.scenario_files import load

VALID = Path(__file__).parent / "valid_minimal.toml"

PLACES = {
    # what the minimal scenario says -> (how to put the payload in, the key path, its line)
    "title": ('title = "Minimal test scenario"', "title = {}", "title"),
    "summary": ('summary = "Five seats, one draft, two endings."', "summary = {}", "summary"),
    "seat name": ('name = "United Kingdom"\npc = 10', "name = {}\npc = 10", "seats[1].name"),
    "seat briefing": (
        'name = "Russia"\npc',
        'name = "Russia"\nbriefing = {}\npc',
        "seats[3].briefing",
    ),
    "objective": ('text = "Keep tension low."', "text = {}", "seats[2].objectives[0].text"),
    "draft title": ('title = "UN peacekeeping mission"', "title = {}", "drafts[0].title"),
    "inject text": (
        'text = "Artillery fire is reported near the power plant."',
        "text = {}",
        "injects[0].text",
    ),
    "ending text": (
        'text = "The line holds, nothing is settled."',
        "text = {}",
        "default_ending.text",
    ),
    "condition": ('when = "tension < 40"', "when = {}", "seats[2].objectives[0].when"),
}


def write(tmp_path: Path, old: str, new: str) -> Path:
    text = VALID.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "hostile.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_a_control_character_in_any_text_is_refused(
    tmp_path: Path, place: str, payload: str
) -> None:
    old, template, key = PLACES[place]
    value = toml_string(f"before {PAYLOADS[payload]} after")
    path = write(tmp_path, old, template.format(value))
    with pytest.raises(ProblemsError) as caught:
        load(path)
    problems = [p for p in caught.value.problems if p.key == key]
    assert problems, [str(p) for p in caught.value.problems]
    first = next(c for c in PAYLOADS[payload] if raw_controls(c))
    assert problems[0].message == f"control character U+{ord(first):04X} is not allowed"
    assert problems[0].line == line_of(path, value)
    for problem in caught.value.problems:
        assert not raw_controls(str(problem)), repr(str(problem))


def test_the_message_reads_as_the_issue_asks(tmp_path: Path) -> None:
    path = write(tmp_path, 'title = "Minimal test scenario"', f"title = {toml_string(ALL)}")
    with pytest.raises(ProblemsError) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line_of(path, 'title = ')}: title: control character U+001B is not allowed"
    ]


def test_a_key_with_a_control_character_is_refused_and_printed_inert(tmp_path: Path) -> None:
    key = "tr\x1b]0;pwned\x07oops"
    path = write(
        tmp_path,
        "assets = { troops = 90000 }",
        f"assets = {{ {toml_string(key)} = 90000 }}",
    )
    with pytest.raises(ProblemsError) as caught:
        load(path)
    printed = [str(p) for p in caught.value.problems]
    assert any(
        'seats[3].assets."tr␛]0;pwned␇oops": control character U+001B is not allowed' in p
        for p in printed
    ), printed
    assert not raw_controls("\n".join(printed))


def test_newlines_and_tabs_stay_allowed(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'name = "Russia"\npc', 'name = "Russia"\nbriefing = "line one\\n\\tindented"\npc'
    )
    assert load(path).scenario.seats[3].briefing == "line one\n\tindented"


def test_the_shipped_scenarios_have_no_control_characters() -> None:
    for name in ("flagship", "tutorial", "uniting"):
        load(name)  # would raise
