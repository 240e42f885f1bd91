"""Handouts: a page per seat with only its own secrets, and the facilitator's sheet with all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.debrief.test_report import self_contained
from wargame.cli import main
from wargame.debrief import html, markdown
from wargame.debrief.handouts import handouts
from wargame.engine.grammar import Nature, verbs
from wargame.scenario.models import Scenario
from wargame.scenario_files import load

SHIPPED = ("flagship", "tutorial", "uniting")


@pytest.fixture(scope="module", params=SHIPPED)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load(request.param).scenario


def test_one_page_per_seat_and_page_breaks_between_them(scenario: Scenario) -> None:
    pages = handouts(scenario)
    assert [seat for seat, _ in pages.seats] == [s.id for s in scenario.seats]
    page = html.render(pages.all_pages())
    self_contained(page)
    assert page.count('<hr class="page-break">') == len(scenario.seats)
    assert "break-after: page" in page
    assert page.count("<h1>") == len(scenario.seats) + 1  # each seat, then the facilitator


def test_secret_objectives_only_on_their_own_page_and_the_facilitators(
    scenario: Scenario,
) -> None:
    pages = dict(handouts(scenario).seats)
    sheet = markdown.render(handouts(scenario).facilitator)
    plain = {s.id: markdown.render(pages[s.id]).replace("\\", "") for s in scenario.seats}
    secrets = {s.id: [o.text for o in s.objectives if o.secret] for s in scenario.seats}
    assert any(secrets.values()) or scenario.id == "tutorial"  # the tutorial keeps none
    for seat in scenario.seats:
        own = {o.text for o in seat.objectives}
        for other, texts in secrets.items():
            for text in texts:
                if other == seat.id:
                    assert text in plain[seat.id]
                elif text not in own:
                    assert text not in plain[seat.id], (seat.id, other, text)
                assert text in sheet.replace("\\", "")


def test_each_seat_is_offered_exactly_the_verbs_the_grammar_gives_it(scenario: Scenario) -> None:
    pages = dict(handouts(scenario).seats)
    every = {v.word for n in (Nature.PUBLIC, Nature.SECRET) for v in verbs(n, scenario, None)}
    every |= {
        v.word for s in scenario.seats for n in (Nature.PUBLIC, Nature.SECRET)
        for v in verbs(n, scenario, s.id)
    }  # fmt: skip
    for seat in scenario.seats:
        text = markdown.render(pages[seat.id])
        offered = {
            v.word for n in (Nature.PUBLIC, Nature.SECRET) for v in verbs(n, scenario, seat.id)
        }
        for word in every:
            assert (f"| `{word}` |" in text) == (word in offered), (seat.id, word)
    assert "| `propose` |" in markdown.render(pages[scenario.roles.secretariat or "un"])


def test_the_facilitator_sheet_lists_the_council_injects_and_endings(scenario: Scenario) -> None:
    sheet = markdown.render(handouts(scenario).facilitator).replace("\\", "")
    for member in scenario.council.members:
        assert member.name in sheet
        for rule in member.disposition:
            assert rule.when in sheet
    for inject in scenario.injects:
        assert inject.title in sheet
    for ending in scenario.endings:
        assert ending.title in sheet and ending.when in sheet
    assert scenario.default_ending.title in sheet
    assert '`facilitator end <ending> "<reason>"`' in sheet
    rate = "`facilitator rate <seat> <argument> <rating>`"  # the arguing seat, left to fill in
    assert (rate in sheet) == scenario.arguments.enabled


def test_the_command_writes_every_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "flagship"
    assert main(["handouts", "flagship", "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        ["all.html", "facilitator.html", "fr.html", "uk.html", "ua.html", "ru.html", "un.html"]
    )
    said = capsys.readouterr().out
    assert said.startswith(f"wrote 7 files to {out}/")
    assert main(["handouts", "tutorial", "-o", str(tmp_path / "md"), "--format", "md"]) == 0
    assert (tmp_path / "md" / "facilitator.md").read_text(encoding="utf-8").startswith("# ")


def test_the_default_folder_is_handouts_and_the_scenario_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["handouts", "tutorial"]) == 0
    tutorial = load("tutorial").scenario.id
    assert (tmp_path / "handouts" / tutorial / "facilitator.html").is_file()


def test_a_broken_scenario_is_refused_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\ntitle = "X"\nrounds = "three"\n', encoding="utf-8")
    assert main(["handouts", str(broken), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{broken}:") and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_unknown_names_and_unwritable_folders_get_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["handouts", "no_such_scenario"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("no_such_scenario: no shipped scenario") and err.count("\n") == 1
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["handouts", "tutorial", "-o", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{blocker}: cannot make the folder") and err.count("\n") == 1
