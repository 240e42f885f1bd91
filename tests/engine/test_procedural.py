"""Procedural status follows what a draft does, not what its sponsor calls it.

A scheming seat must not get a Council mission (or anything else only a
substantive decision can carry) past a permanent member's no by calling the
draft procedural, by amending a procedural draft, or by the double veto
switch turning a Uniting for Peace motion substantive.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.engine.builders import council, scenario
from tests.engine.support import game, play
from wargame.engine.state import DraftStatus
from wargame.game import GameError
from wargame.problems import ProblemsError
from wargame.scenario.validate import scenario_from_data

PLAYED = {"fr": "fr", "uk": "uk", "ru": "ru"}
RUSSIA_SAYS_NO = {"fr": ["fr vote d1 yes"], "uk": ["uk vote d1 yes"], "ru": ["ru vote d1 no"]}


def _council(**switches: Any) -> dict[str, Any]:
    return {"council": {**council(PLAYED), **switches}}


def _status(g: Any, draft: str) -> DraftStatus:
    d = g.state.draft(draft)
    assert d is not None
    return d.status  # type: ignore[no-any-return]


def test_a_new_procedural_draft_cannot_carry_the_mission_tag() -> None:
    g = game()
    line = 'uk table d1 "Blue helmets, procedurally" procedural tags=un_peacekeeping'
    reason = g.why_not("uk", line)
    assert reason is not None
    assert "un_peacekeeping" in reason and "substantive" in reason
    assert "ceasefire" in reason  # the refusal names what a procedural draft may carry
    with pytest.raises(GameError):
        g.apply(line)
    assert g.state.draft("d1") is None
    # Tabled as substantive, Russia's no is a veto and there is no mission.
    play(
        g,
        RUSSIA_SAYS_NO,
        public=['uk table d1 "Blue helmets" substantive tags=un_peacekeeping'],
    )
    assert _status(g, "d1") is DraftStatus.VETOED
    assert g.state.mission is None


def test_a_new_procedural_draft_may_carry_only_procedural_tags() -> None:
    # The default procedural list: the tags of the scenario's prepared procedural drafts.
    g = game()
    assert g.why_not("uk", 'uk table d1 "Calm" procedural tags=ceasefire') is None
    assert g.why_not("uk", 'uk table d2 "Nothing" procedural') is None
    reason = g.why_not("uk", 'uk table d3 "Relief" procedural tags=ceasefire,sanctions_relief')
    assert reason is not None and "sanctions_relief" in reason
    # A scenario can list more.
    g = game(**_council(procedural_tags=["ceasefire", "sanctions_relief"]))
    assert (
        g.why_not("uk", 'uk table d3 "Relief" procedural tags=ceasefire,sanctions_relief') is None
    )
    play(
        g,
        {"ru": ["ru vote d3 no"]},
        public=['uk table d3 "Relief" procedural tags=sanctions_relief'],
    )
    assert _status(g, "d3") is DraftStatus.ADOPTED


def test_the_secretariat_cannot_propose_a_procedural_mission_either() -> None:
    g = game()
    reason = g.why_not("un", 'un propose c1 "Concept" procedural tags=un_peacekeeping')
    assert reason is not None and "un_peacekeeping" in reason


def test_amending_the_ceasefire_call_to_add_the_mission_tag_is_substantive() -> None:
    g = game()
    events = play(
        g,
        {
            "fr": ["fr vote a1 yes", "fr vote cf yes"],
            "uk": ["uk vote a1 yes", "uk vote cf yes"],
            "ru": ["ru vote a1 no", "ru vote cf no"],
        },
        public=["uk table cf", 'uk amend cf a1 "And a mission" add=un_peacekeeping'],
    )
    amendment = g.state.draft("a1")
    assert amendment is not None and not amendment.procedural
    assert amendment.status is DraftStatus.VETOED
    # The ceasefire call itself stays procedural and passes unamended.
    cf = g.state.draft("cf")
    assert cf is not None and cf.procedural and cf.tags == ("ceasefire",)
    assert cf.status is DraftStatus.ADOPTED
    assert g.state.mission is None
    assert [e.ref for e in events if e.kind.value == "mission"] == []


def test_an_adopted_substantive_amendment_makes_the_draft_substantive() -> None:
    # Russia lets the amendment through (abstains) but votes no on the amended draft.
    g = game()
    play(
        g,
        {
            "fr": ["fr vote a1 yes", "fr vote cf yes"],
            "uk": ["uk vote a1 yes", "uk vote cf yes"],
            "ru": ["ru vote a1 abstain", "ru vote cf no"],
        },
        public=["uk table cf", 'uk amend cf a1 "And a mission" add=un_peacekeeping'],
    )
    assert _status(g, "a1") is DraftStatus.ADOPTED
    cf = g.state.draft("cf")
    assert cf is not None and "un_peacekeeping" in cf.tags
    assert not cf.procedural
    assert cf.status is DraftStatus.VETOED
    assert g.state.mission is None


def test_scenario_substantive_tags_count_like_mission_tags() -> None:
    g = game(**_council(substantive_tags=["sanctions_relief"]))
    reason = g.why_not("uk", 'uk table d1 "Relief" procedural tags=sanctions_relief')
    assert reason is not None and "sanctions_relief" in reason
    play(
        g,
        {"ru": ["ru vote a1 no", "ru vote cf no"]},
        public=["uk table cf", 'uk amend cf a1 "Relief too" add=sanctions_relief'],
    )
    assert _status(g, "a1") is DraftStatus.VETOED
    assert _status(g, "cf") is DraftStatus.ADOPTED


def test_an_amendment_removing_a_tag_from_a_procedural_draft_stays_procedural() -> None:
    g = game()
    play(
        g,
        {"ru": ["ru vote a1 no"]},
        public=["uk table cf", 'uk amend cf a1 "Plain call" remove=ceasefire'],
    )
    a1 = g.state.draft("a1")
    assert a1 is not None and a1.procedural and a1.status is DraftStatus.ADOPTED


def test_uniting_for_peace_stays_procedural_with_the_double_veto() -> None:
    # 1950, 1956, 2022: the motion is procedural; a permanent no cannot stop it.
    g = game(**_council(double_veto=True))
    play(g, {"ru": ["ru vote pk no"]}, public=["fr table pk"])
    assert _status(g, "pk") is DraftStatus.VETOED
    play(g, {"ru": ["ru vote ufp_pk no"]}, public=["uk uniting-for-peace pk"])
    motion = g.state.draft("ufp_pk")
    assert motion is not None and motion.procedural
    assert motion.status is DraftStatus.ADOPTED
    # The double veto still applies to an ordinary procedural draft.
    play(g, {"ru": ["ru vote cf no"]}, public=["uk table cf"])
    assert _status(g, "cf") is DraftStatus.VETOED


# -- the scenario fields ------------------------------------------------------------------


def _data(**council_fields: Any) -> dict[str, Any]:
    data = scenario().model_dump(mode="json")
    data["council"].update(council_fields)
    return data


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        scenario_from_data(data, "", "test.toml")
    return [str(p) for p in caught.value.problems]


def test_scenario_without_the_lists_loads_with_defaults() -> None:
    sc = scenario_from_data(_data(), "", "test.toml")
    assert sc.council.substantive_tags == []
    assert sc.council.procedural_tags is None


def test_scenario_lists_name_known_tags() -> None:
    found = _problems(_data(substantive_tags=["sanction_relief"], procedural_tags=["cease"]))
    assert any("council.substantive_tags[0]" in p and "sanction_relief" in p for p in found)
    assert any("council.procedural_tags[0]" in p and "cease" in p for p in found)


def test_scenario_cannot_list_a_substantive_tag_as_procedural() -> None:
    found = _problems(_data(procedural_tags=["un_peacekeeping"]))
    assert any("council.procedural_tags[0]" in p and "mission" in p for p in found)
    found = _problems(_data(substantive_tags=["dmz"], procedural_tags=["dmz"]))
    assert any("council.procedural_tags[0]" in p and "substantive" in p for p in found)


def test_a_prepared_procedural_draft_cannot_carry_a_substantive_tag() -> None:
    data = _data()
    data["drafts"][1]["tags"] = ["ceasefire", "un_peacekeeping"]
    found = _problems(data)
    assert any("drafts[1].tags[1]" in p and "procedural" in p for p in found)
