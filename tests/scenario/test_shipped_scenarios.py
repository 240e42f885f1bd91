"""The shipped scenarios: each loads, `wargame validate` passes, and a scripted
game of each reaches the ending its story should, with the events and scores
a facilitator would expect. The authoring guide is checked against the format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from wargame.cli import main
from wargame.engine import Event, EventKind
from wargame.engine.events import (
    AssemblyVoted,
    ConsentAnswer,
    ConsentGiven,
    CouncilVoted,
    DropReason,
    Payload,
)
from wargame.engine.narrate import render
from wargame.engine.state import DraftStatus, Mandate, PledgeStatus
from wargame.game import Game
from wargame.scenario import models
from wargame.scenario.vocabulary import DRAFT_FUNCTIONS, DRAFT_NAMES, FUNCTIONS
from wargame.scenario_files import load, load_text, shipped, shipped_dir

SHIPPED = ("flagship", "tutorial", "uniting")
A, V, F = DraftStatus.ADOPTED, DraftStatus.VETOED, DraftStatus.FAILED
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "SCENARIOS.md"

Round = tuple[Sequence[str], dict[str, Sequence[str]]]
"""One round of a script: public lines (negotiation), then each seat's orders."""


def play(name: str, script: Sequence[Round], seed: int = 1) -> tuple[Game, list[Event]]:
    """Play `script` on a shipped scenario; rounds past the script pass."""
    game = Game.start(load(name).scenario, seed=seed)
    events: list[Event] = []
    for i in range(game.scenario.rounds):
        if game.state.outcome is not None:
            break
        public, orders = script[i] if i < len(script) else ((), {})
        for line in public:
            events += game.apply(line)
        events += game.play_round(orders)
    assert game.state.outcome is not None, "the game did not end"
    return game, events


def payloads(events: Sequence[Event], kind: EventKind) -> list[Any]:
    """What happened, as data: the payloads of the events of `kind`."""
    return [e.payload for e in events if e.kind is kind]


def counted(vote: CouncilVoted) -> tuple[DraftStatus, int, int, int]:
    """A vote's outcome and its yes-no-abstain count."""
    return (vote.outcome, vote.yes, vote.no, vote.abstain)


def met(game: Game, seat: str) -> dict[str, bool]:
    outcome = game.state.outcome
    assert outcome is not None
    score = next(s for s in outcome.scores if s.seat == seat)
    return {r.id: r.met for r in score.objectives}


def points(game: Game) -> dict[str, int]:
    outcome = game.state.outcome
    assert outcome is not None
    return {s.seat: s.points for s in outcome.scores}


# -- every shipped scenario -------------------------------------------------------


def test_the_three_scenarios_are_shipped() -> None:
    assert set(SHIPPED) <= {p.stem for p in shipped()}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenario_loads(name: str) -> None:
    loaded = load(name)
    assert loaded.scenario.id == name
    assert loaded.path == shipped_dir() / f"{name}.toml"


@pytest.mark.parametrize("name", SHIPPED)
def test_wargame_validate_exits_zero(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = shipped_dir() / f"{name}.toml"
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert f"{path}: ok" in captured.out
    assert captured.err == ""


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_texts_carry_no_markup(name: str) -> None:
    """Briefings are plain text: nothing a terminal UI could take for markup."""
    sc = load(name).scenario
    prose = [sc.briefing] + [s.briefing for s in sc.seats] + [i.text for i in sc.injects]
    for text in prose:
        assert text.strip()
        assert not re.search(r"\[/?[a-z ]+\]", text), text[:80]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_seat_has_public_and_secret_objectives(name: str) -> None:
    for seat in load(name).scenario.seats:
        kinds = {o.secret for o in seat.objectives}
        assert kinds == {True, False} or name == "tutorial", seat.id


# -- the flagship -------------------------------------------------------------------


def test_flagship_council_is_the_2026_composition() -> None:
    sc = load("flagship").scenario
    members = {m.name: m for m in sc.council.members}
    assert {n for n, m in members.items() if m.permanent} == {
        "China",
        "France",
        "Russia",
        "United Kingdom",
        "United States",
    }
    assert {n for n, m in members.items() if not m.permanent} == {
        "Bahrain",
        "Colombia",
        "Democratic Republic of the Congo",
        "Denmark",
        "Greece",
        "Latvia",
        "Liberia",
        "Pakistan",
        "Panama",
        "Somalia",
    }
    assert {m.seat for m in sc.council.members if m.seat} == {"fr", "uk", "ru"}
    assert [s.id for s in sc.seats] == ["fr", "uk", "ua", "ru", "un"]
    assert sc.rounds == 8
    # The played members share their seat's id, so orders read the same either way.
    assert all(m.id == m.seat for m in sc.council.members if m.seat)


FLAGSHIP_OPENING: Round = (
    [
        "fr table pko",
        "uk offer g_air air_policing backing=uk_jets",
        "fr offer g_ad arms_supply backing=fr_ad",
    ],
    {
        "fr": [
            "fr vote pko yes",
            "fr pledge fr_ad air_defence 2 to coalition if uk.pledged.jets >= 2",
        ],
        "uk": [
            "uk vote pko yes",
            "uk pledge uk_jets jets 2 to coalition if fr.pledged.air_defence >= 2",
        ],
        "ru": ["ru vote pko no"],
        "ua": ["ua accept g_air", "ua accept g_ad"],
        "un": ["un mediate"],
    },
)
MEDIATE: Round = ((), {"un": ["un mediate"]})

FLAGSHIP_PATHS: dict[str, list[Round]] = {
    # The compromise of RULES.md: a mission of non-NATO contributors, air
    # policing from outside Ukraine, arms instead of troops, accepted terms.
    "layered_peace": [
        FLAGSHIP_OPENING,
        (
            ["un propose sg_concept", "fr sponsor sg_concept"],
            {
                "fr": ["fr vote sg_concept yes"],
                "uk": ["uk vote sg_concept yes"],
                "ru": ["ru vote sg_concept abstain"],
                "un": ["un endorse sg_concept", "un pledge un_troops troops 8000 to un_mission"],
            },
        ),
        (
            [
                'ua terms t1 "Ceasefire on the line, with monitors" '
                "tags=ceasefire,ceasefire_line,monitoring_mission"
            ],
            {"ua": ["ua accept t1"], "ru": ["ru accept t1"], "un": ["un mediate"]},
        ),
        MEDIATE,
        MEDIATE,
    ],
    # Two vetoes, then Uniting for Peace: the Assembly recommends, Ukraine consents.
    "assembly_mission": [
        (
            ["fr table pko", "uk table ceasefire_call"],
            {
                "fr": ["fr vote pko yes", "fr vote ceasefire_call yes"],
                "uk": ["uk vote pko yes", "uk vote ceasefire_call yes"],
                "ru": ["ru vote pko no", "ru vote ceasefire_call no"],
            },
        ),
        (
            ["un propose sg_concept", "fr sponsor sg_concept"],
            {
                "fr": ["fr vote sg_concept yes"],
                "uk": ["uk vote sg_concept yes"],
                "ru": ["ru vote sg_concept no"],
            },
        ),
        (
            ["fr uniting-for-peace sg_concept"],
            {
                "fr": ["fr vote ufp_sg_concept yes"],
                "uk": ["uk vote ufp_sg_concept yes"],
                "ru": ["ru vote ufp_sg_concept no"],
                "ua": ["ua accept sg_concept"],
                "un": ["un pledge un_troops troops 8000 to un_mission"],
            },
        ),
        *[MEDIATE] * 5,
    ],
    # A Council mission and nothing behind it.
    "blue_helmets": [
        (
            ["un propose sg_concept", "fr sponsor sg_concept"],
            {
                "fr": ["fr vote sg_concept yes"],
                "uk": ["uk vote sg_concept yes"],
                "ru": ["ru vote sg_concept abstain"],
                "un": ["un endorse sg_concept", "un pledge un_troops troops 8000 to un_mission"],
            },
        ),
        *[MEDIATE] * 7,
    ],
    # A UN observer mission monitoring a DMZ under accepted peace terms.
    "monitored_armistice": [
        (
            [
                "fr table observers",
                'un terms t_dmz "Demilitarised zone with UN observers" tags=ceasefire,dmz,monitoring_mission',
            ],
            {
                "fr": ["fr vote observers yes"],
                "uk": ["uk vote observers yes"],
                "ru": ["ru vote observers abstain", "ru accept t_dmz"],
                "ua": ["ua accept t_dmz"],
                "un": ["un endorse observers"],
            },
        ),
        *[MEDIATE] * 7,
    ],
    # Guarantees of jets, arms and intelligence instead of troops; no UN flag.
    "coalition_guarantees": [
        (
            [
                "uk offer g_air air_policing backing=uk_jets",
                "fr offer g_ad arms_supply backing=fr_ad",
                "uk offer g_int intelligence_sharing backing=uk_int",
            ],
            {
                "fr": ["fr pledge fr_ad air_defence 3 to coalition"],
                "uk": [
                    "uk pledge uk_jets jets 3 to coalition",
                    "uk pledge uk_int intelligence 3 to coalition",
                ],
                "ua": ["ua accept g_air", "ua accept g_ad", "ua accept g_int"],
            },
        ),
        # The Council calls for a ceasefire (procedural): mediation alone no longer
        # steadies the line enough (docs/BALANCE.md).
        (
            ["uk table ceasefire_call"],
            {
                "fr": ["fr vote ceasefire_call yes"],
                "uk": ["uk vote ceasefire_call yes"],
                "ru": ["ru vote ceasefire_call abstain"],
                "un": ["un mediate"],
            },
        ),
        *[MEDIATE] * 6,
    ],
    # Troops on the ground under a reassurance force; Russia answers its crossed red line.
    "collapse": [
        (
            [
                "fr table pko",
                "uk offer g_rf reassurance_force backing=uk_tr,fr_tr",
                "fr back g_rf fr_tr",
            ],
            {
                "fr": [
                    "fr vote pko yes",
                    "fr pledge fr_tr troops 6000 to coalition if uk.pledged.troops >= 4000",
                ],
                "uk": [
                    "uk vote pko yes",
                    "uk pledge uk_tr troops 5000 to coalition if fr.pledged.troops >= 5000",
                ],
                "ru": ["ru vote pko no"],
                "ua": ["ua accept g_rf"],
            },
        ),
        ((), {"ru": ['ru argue red_line_response "Consequences, as promised"']}),
        ((), {"ru": ['ru argue red_line_response "Consequences, as promised"']}),
    ],
    "frozen": [],
}


@pytest.mark.parametrize("ending", sorted(FLAGSHIP_PATHS))
def test_flagship_script_reaches_its_ending(ending: str) -> None:
    game, _ = play("flagship", FLAGSHIP_PATHS[ending])
    assert game.state.outcome is not None
    assert game.state.outcome.ending == ending


@pytest.mark.parametrize("ending", sorted(FLAGSHIP_PATHS))
def test_every_event_of_a_flagship_game_is_data_and_renders(ending: str) -> None:
    game, _ = play("flagship", FLAGSHIP_PATHS[ending])
    kinds = set()
    for event in game.events:
        assert isinstance(event.payload, Payload), event
        assert event.payload.kind is event.kind
        assert render(event, game.rules.names).strip()
        kinds.add(event.kind)
    assert {EventKind.INCOME, EventKind.ENDING} <= kinds


def test_flagship_has_at_least_four_distinct_endings() -> None:
    sc = load("flagship").scenario
    ids = {e.id for e in sc.endings} | {sc.default_ending.id}
    assert len(ids) >= 4
    assert set(FLAGSHIP_PATHS) == ids  # every ending has a script that reaches it


def test_flagship_layered_peace_veto_pledges_guarantees_and_scores() -> None:
    game, events = play("flagship", FLAGSHIP_PATHS["layered_peace"])
    state = game.state

    # Round 1: the peacekeeping draft has the votes, and Russia vetoes it.
    pko = state.draft("pko")
    assert pko is not None and pko.status is DraftStatus.VETOED
    assert pko.vetoed_by == ("ru",)
    assert any(
        v.draft == "pko" and v.vetoed_by == ("ru",) for v in payloads(events, EventKind.VOTE)
    )
    # The mutual conditional pledges hold together and back two active guarantees.
    for pid in ("fr_ad", "uk_jets"):
        pledge = state.pledge(pid)
        assert pledge is not None and pledge.status is PledgeStatus.HONOURED
    assert {g.id for g in state.guarantees if g.active} == {"g_air", "g_ad"}
    assert sum(g.strength for g in state.guarantees if g.active) == 8
    # Round 2: the Secretariat's concept, sponsored by France, passes as Russia abstains.
    assert state.mission is not None
    assert (state.mission.draft, state.mission.mandate) == ("sg_concept", Mandate.COUNCIL)
    assert "nato_troops" not in state.in_force
    assert not any(r.crossed_round for r in state.red_lines)
    # Round 3: both parties accept terms: a ceasefire in force.
    assert any(t.binding for t in payloads(events, EventKind.TERMS))
    assert {"ceasefire", "monitoring_mission", "un_peacekeeping"} <= set(state.in_force)

    assert state.outcome is not None and state.outcome.round == 8
    assert met(game, "fr")["council_mandate"] and not met(game, "fr")["force_met"]
    assert met(game, "uk")["raf_jets"] and not met(game, "uk")["british_troops"]
    assert met(game, "ua")["real_guarantee"] and met(game, "ua")["air_defence"]
    assert not met(game, "ua")["only_blue_helmets"] and not met(game, "ua")["boots"]
    assert met(game, "ru")["no_nato_troops"] and not met(game, "ru")["sanctions_relief"]
    assert met(game, "ru")["line_frozen"]
    assert met(game, "un")["own_concept"] and met(game, "un")["un_own"]
    # The Secretariat's own concept is worth 2 since the quick-bot balance, RAF jets 3 since
    # the strong-bot balance (docs/BALANCE.md).
    assert points(game) == {"fr": 6, "uk": 5, "ua": 11, "ru": 8, "un": 11}


def test_flagship_blue_helmets_do_not_back_a_guarantee() -> None:
    # 8,000 UN troops once met Ukraine's "real guarantee" objective through any guarantee.
    game = Game.start(load("flagship").scenario, seed=1)
    public, orders = FLAGSHIP_PATHS["blue_helmets"][0]
    for line in public:
        game.apply(line)
    game.play_round(orders)
    assert game.state.mission is not None
    reason = game.why_not("un", "un offer g_un reassurance_force backing=un_troops")
    assert reason == (
        "pledge un_troops (8000 troops to the UN mission) cannot back g_un: Reassurance force "
        "guarantees are backed only by pledges of troops, jets or air_defence to the "
        "coalition force"
    )


def test_flagship_assembly_mission_after_two_vetoes() -> None:
    game, events = play("flagship", FLAGSHIP_PATHS["assembly_mission"])
    state = game.state
    assert sum(1 for d in state.drafts if d.vetoed_by == ("ru",)) == 2
    # A Russian no on the procedural ceasefire call is not a veto.
    cf = state.draft("ceasefire_call")
    assert cf is not None and cf.status is DraftStatus.ADOPTED
    motion = state.draft("ufp_sg_concept")
    assert motion is not None and motion.status is DraftStatus.ADOPTED
    (assembly,) = payloads(events, EventKind.ASSEMBLY)
    assert assembly.recommended and assembly.draft == "sg_concept"
    assert ConsentGiven("ua", "sg_concept", ConsentAnswer.CONSENTS) in payloads(
        events, EventKind.CONSENT
    )
    assert state.mission is not None
    assert (state.mission.mandate, state.mission.strength_pct) == (Mandate.ASSEMBLY, 60)
    assert met(game, "fr")["assembly_mandate"] and not met(game, "fr")["council_mandate"]
    assert met(game, "ua")["only_blue_helmets"]  # a UN mission and no guarantee: -3
    assert not met(game, "ru")["credible"] or state.seats["ru"].credibility >= 50


def test_flagship_red_lines_have_their_declarers_effects() -> None:
    # Ukraine's red line on sanctions relief and Russia's on NATO troops, crossed together.
    _, events = play(
        "flagship",
        [
            (
                [
                    'ua redline r_relief "No sanctions relief before withdrawal" '
                    "tags=sanctions_relief",
                    'ru terms t_relief "Sanctions relief for a ceasefire" '
                    "tags=sanctions_relief,ceasefire",
                ],
                {
                    "ua": ["ua accept t_relief"],
                    "ru": ["ru accept t_relief"],
                    "fr": ["fr pledge fr_tr troops 2000 to coalition"],
                },
            )
        ],
    )
    crossed = {e.ref: e.payload for e in events if e.kind is EventKind.RED_LINE}
    relief, nato = crossed["r_relief"], crossed["ru_nato"]
    assert (relief.seat, relief.credibility_loss, nato.credibility_loss) == ("ua", 10, 15)
    assert "tension" not in {c.target for c in relief.changes}
    assert "ceasefire" in {c.target for c in relief.changes}
    assert "tension" in {c.target for c in nato.changes}


def test_flagship_troops_cross_russias_red_line_and_the_talks_collapse() -> None:
    game, events = play("flagship", FLAGSHIP_PATHS["collapse"])
    state = game.state
    crossed = payloads(events, EventKind.RED_LINE)
    assert [(r.seat, r.red_line) for r in crossed] == [("ru", "ru_nato")]
    assert "nato_troops" in state.in_force
    assert state.outcome is not None and state.outcome.round < 8
    assert state.tracks["tension"] >= 95
    for seat in ("fr", "uk", "ua", "ru", "un"):
        assert met(game, seat)["talks_collapse"]
    assert met(game, "ua")["boots"] and met(game, "ua")["real_guarantee"]
    assert not met(game, "ru")["no_nato_troops"]


@pytest.mark.parametrize(
    ("public", "draft", "outcome"),
    [
        (["fr table pko"], "pko", (A, 10, 0, 5)),
        (["un propose sg_concept", "fr sponsor sg_concept"], "sg_concept", (A, 12, 0, 3)),
        (["fr table observers"], "observers", (A, 13, 0, 2)),
        (["fr table force_welcome"], "force_welcome", (F, 6, 2, 7)),
        (["fr table withdrawal"], "withdrawal", (A, 9, 0, 6)),
    ],
)
def test_flagship_vote_counts_match_the_scenario_comments(
    public: list[str], draft: str, outcome: tuple[DraftStatus, int, int, int]
) -> None:
    """France and the UK vote yes and Russia abstains: the counts the file's comments give."""
    script: list[Round] = [
        (
            public,
            {
                "fr": [f"fr vote {draft} yes"],
                "uk": [f"uk vote {draft} yes"],
                "ru": [f"ru vote {draft} abstain"],
            },
        )
    ]
    _, events = play("flagship", script)
    assert counted(payloads(events, EventKind.VOTE)[0]) == outcome


def test_flagship_neutral_text_echoes_february_2025() -> None:
    """Russia vetoes the European amendment; the unamended text passes 10-0-5."""
    game = Game.start(load("flagship").scenario, seed=1)
    game.apply("ru table neutral")
    game.apply('uk amend neutral a1 "Name the aggressor" add=condemnation')
    events = game.play_round(
        {
            "ru": ["ru vote a1 no", "ru vote neutral yes"],
            "fr": ["fr vote a1 yes", "fr vote neutral abstain"],
            "uk": ["uk vote a1 yes", "uk vote neutral abstain"],
        }
    )
    (amendment,) = payloads(events, EventKind.AMENDMENT)
    assert (amendment.draft, amendment.title) == ("a1", "Name the aggressor")
    assert counted(amendment) == (V, 10, 1, 4) and amendment.vetoed_by == ("ru",)
    neutral = game.state.draft("neutral")
    assert neutral is not None and neutral.status is DraftStatus.ADOPTED
    abstained = {m for m, v in neutral.votes if v.value == "abstain"}
    assert abstained == {"fr", "uk", "dk", "gr", "lv"}
    assert counted(payloads(events, EventKind.VOTE)[0]) == (A, 10, 0, 5)
    assert "ceasefire" in game.state.in_force


def test_flagship_pledges_to_a_un_mission_drop_when_the_mandate_is_vetoed() -> None:
    game, events = play(
        "flagship",
        [
            (
                ["fr table pko"],
                {
                    "fr": ["fr vote pko yes"],
                    "ru": ["ru vote pko no"],
                    "un": ["un pledge un_troops troops 8000 to un_mission"],
                },
            )
        ],
    )
    pledge = game.state.pledge("un_troops")
    assert pledge is not None and pledge.status is PledgeStatus.DROPPED
    assert any(
        p.drop.reason is DropReason.NO_TARGET for p in payloads(events, EventKind.PLEDGE_DROPPED)
    )


# -- the tutorial -----------------------------------------------------------------------


TUTORIAL: list[Round] = [
    (
        ["fr table cf"],
        {
            "fr": ["fr vote cf yes"],
            "uk": ["uk vote cf yes"],
            "ru": ["ru vote cf no"],
            "ua": ["ua pass"],
            "un": ["un endorse cf"],
        },
    ),
    (
        ["fr table pk"],
        {"fr": ["fr vote pk yes"], "uk": ["uk vote pk yes"], "ru": ["ru vote pk no"]},
    ),
    (
        ["uk offer g1 air_policing backing=uk1"],
        {
            "fr": ["fr pledge f1 jets 2 to coalition if uk.pledged.jets >= 2"],
            "uk": ["uk pledge uk1 jets 2 to coalition"],
            "ua": ["ua accept g1"],
            "un": ["un mediate"],
        },
    ),
]


def test_tutorial_three_rounds_table_vote_veto_pledge() -> None:
    game, events = play("tutorial", TUTORIAL, seed=7)
    state = game.state
    votes = payloads(events, EventKind.VOTE)
    # Round 1: procedural, so Russia's no is just one vote against.
    cf = state.draft("cf")
    assert cf is not None and cf.status is DraftStatus.ADOPTED
    assert votes[0].outcome is A and votes[0].no == 1
    # Round 2: substantive, 11 yes, and Russia's no is a veto, as S/2022/155 in 2022.
    assert (votes[1].draft, counted(votes[1]), votes[1].vetoed_by) == ("pk", (V, 11, 1, 3), ("ru",))
    # Round 3: the conditional pledge holds with the UK's, and the guarantee is active.
    assert {p.id for p in state.pledges if p.status is PledgeStatus.HONOURED} == {"f1", "uk1"}
    assert [g.id for g in state.guarantees if g.active] == ["g1"]
    # Each round opens with a note on what to try in it.
    injects = [e for e in game.events if e.kind is EventKind.INJECT]
    assert [e.round for e in injects] == [1, 2, 3]
    assert "fr table cf" in injects[0].payload.text
    assert "fr table pk" in injects[1].payload.text and "uk offer g1" in injects[2].payload.text
    assert state.outcome is not None
    assert (state.outcome.ending, state.outcome.round) == ("secured", 3)
    assert points(game) == {"fr": 2, "uk": 4, "ua": 4, "ru": 4, "un": 4}


def test_tutorial_ends_with_a_mission_if_russia_abstains() -> None:
    script: list[Round] = [
        *TUTORIAL[:1],
        (
            ["fr table pk"],
            {"fr": ["fr vote pk yes"], "uk": ["uk vote pk yes"], "ru": ["ru vote pk abstain"]},
        ),
    ]
    game, _ = play("tutorial", script, seed=7)
    assert game.state.mission is not None
    assert game.state.outcome is not None and game.state.outcome.ending == "mission"


def test_tutorial_troops_cross_the_red_line() -> None:
    script: list[Round] = [((), {"uk": ["uk pledge u1 troops 2000 to coalition"]})]
    game, events = play("tutorial", script, seed=7)
    assert len(payloads(events, EventKind.RED_LINE)) == 1
    assert game.state.outcome is not None and game.state.outcome.ending == "red_line"
    assert not met(game, "ru")["no_nato_troops"]


# -- Uniting for Peace --------------------------------------------------------------------

UNITING_OPENING: Round = (
    [
        "fr table unmu",
        'uk amend unmu a1 "Troop ceiling" add=troop_ceiling',
        "fr table ceasefire_call",
    ],
    {
        "fr": ["fr vote a1 yes", "fr vote unmu yes", "fr vote ceasefire_call yes"],
        "uk": ["uk vote a1 yes", "uk vote unmu yes", "uk vote ceasefire_call yes"],
        "ru": ["ru vote a1 abstain", "ru vote unmu no", "ru vote ceasefire_call abstain"],
    },
)
UNITING_PATH: list[Round] = [
    UNITING_OPENING,
    (
        ["fr uniting-for-peace unmu"],
        {
            "fr": [
                "fr vote ufp_unmu yes",
                "fr pledge f_ad air_defence 2 to un_mission if uk.pledged.ships >= 2",
            ],
            "uk": [
                "uk vote ufp_unmu yes",
                "uk pledge u_sh ships 2 to un_mission if fr.pledged.air_defence >= 2",
            ],
            "ru": ["ru vote ufp_unmu no"],
            "ua": ["ua accept unmu"],
            "un": [
                "un pledge un_tr troops 6000 to un_mission "
                "if fr.pledged.air_defence >= 2 and uk.pledged.ships >= 2"
            ],
        },
    ),
    *[MEDIATE] * 4,
]


def test_uniting_veto_assembly_consent_mission() -> None:
    game, events = play("uniting", UNITING_PATH)
    state = game.state
    kinds = [e.kind for e in events]
    # The amendment is voted before its draft and changes how members vote.
    (amendment,) = payloads(events, EventKind.AMENDMENT)
    assert (amendment.draft, amendment.title, counted(amendment)) == (
        "a1",
        "Troop ceiling",
        (A, 10, 0, 5),
    )
    unmu = state.draft("unmu")
    assert unmu is not None and "troop_ceiling" in unmu.tags
    assert unmu.vetoed_by == ("ru",)
    assert any(
        v.draft == "unmu" and counted(v) == (V, 10, 2, 3) and v.vetoed_by == ("ru",)
        for v in payloads(events, EventKind.VOTE)
    )
    # Veto → motion (procedural: Russia's no is no veto) → Assembly → consent → mission.
    sequence = [EventKind.ASSEMBLY, EventKind.CONSENT, EventKind.MISSION]
    positions = [kinds.index(k) for k in sequence]
    assert positions == sorted(positions)
    motion = state.draft("ufp_unmu")
    assert motion is not None and motion.status is DraftStatus.ADOPTED and motion.procedural
    assert payloads(events, EventKind.ASSEMBLY) == [AssemblyVoted("unmu", 67, 67, True)]
    assert payloads(events, EventKind.CONSENT) == [
        ConsentGiven("ua", "unmu", ConsentAnswer.CONSENTS)
    ]
    assert state.mission is not None
    assert (state.mission.draft, state.mission.mandate, state.mission.strength_pct) == (
        "unmu",
        Mandate.ASSEMBLY,
        70,
    )
    # Three conditional pledges, each depending on the others, all hold.
    honoured = payloads(events, EventKind.PLEDGE_HONOURED)
    assert len(honoured) == 3 and all(p.condition for p in honoured)
    assert state.seats["fr"].assets["air_defence"] == 3  # pledged, not spent
    # The recommended draft carries European contingents: Russia's red line.
    assert len(payloads(events, EventKind.RED_LINE)) == 1
    assert state.outcome is not None and state.outcome.ending == "unef"
    assert met(game, "ua") == {"europeans_in": True, "ceasefire_holds": True, "consent": True}
    assert met(game, "ru") == {"no_europeans": False, "no_bypass": False, "shaped": False}
    assert points(game) == {"fr": 6, "uk": 7, "ua": 9, "ru": 0, "un": 4}


def test_uniting_without_an_amendment_the_draft_fails_and_cannot_go_to_the_assembly() -> None:
    game = Game.start(load("uniting").scenario, seed=1)
    game.apply("fr table unmu")
    events = game.play_round(
        {"fr": ["fr vote unmu yes"], "uk": ["uk vote unmu yes"], "ru": ["ru vote unmu no"]}
    )
    assert [(v.draft, counted(v)) for v in payloads(events, EventKind.VOTE)] == [
        ("unmu", (F, 8, 2, 5))
    ]
    assert "follows a veto" in (game.why_not("fr", "fr uniting-for-peace unmu") or "")


def test_uniting_the_assembly_falls_short_without_a_ceasefire_call() -> None:
    opening: Round = (
        ["fr table unmu", 'uk amend unmu a1 "Troop ceiling" add=troop_ceiling'],
        {
            "fr": ["fr vote a1 yes", "fr vote unmu yes"],
            "uk": ["uk vote a1 yes", "uk vote unmu yes"],
            "ru": ["ru vote a1 abstain", "ru vote unmu no"],
        },
    )
    motion: Round = (
        ["fr uniting-for-peace unmu"],
        {"fr": ["fr vote ufp_unmu yes"], "uk": ["uk vote ufp_unmu yes"], "ua": ["ua accept unmu"]},
    )
    game, events = play("uniting", [opening, motion])
    assembly = payloads(events, EventKind.ASSEMBLY)[0]
    assert (assembly.share, assembly.recommended) == (62, False)
    assert payloads(events, EventKind.CONSENT)[0].answer is ConsentAnswer.LAPSED
    assert game.state.mission is None
    assert game.state.outcome is not None and game.state.outcome.ending == "deadlock"


def test_uniting_amendments_win_a_council_mandate() -> None:
    """Replacing the European contingents wins China and Pakistan; Russia abstains."""
    script: list[Round] = [
        (
            [
                "fr table unmu",
                'uk amend unmu a1 "Troop ceiling" add=troop_ceiling',
                'fr amend unmu a2 "Non-NATO contributors" add=non_nato_contributors remove=european_contingents',
            ],
            {
                "fr": [
                    "fr vote a1 yes",
                    "fr vote a2 yes",
                    "fr vote unmu yes",
                    "fr pledge f_ad air_defence 2 to un_mission if uk.pledged.ships >= 2",
                ],
                "uk": [
                    "uk vote a1 yes",
                    "uk vote a2 yes",
                    "uk vote unmu yes",
                    "uk pledge u_sh ships 2 to un_mission if fr.pledged.air_defence >= 2",
                ],
                "ru": ["ru vote a1 abstain", "ru vote a2 yes", "ru vote unmu abstain"],
                "un": ["un pledge un_tr troops 6000 to un_mission"],
            },
        ),
    ]
    game, _ = play("uniting", script)
    unmu = game.state.draft("unmu")
    assert unmu is not None and unmu.status is DraftStatus.ADOPTED
    assert set(unmu.tags) == {
        "un_peacekeeping",
        "robust_mandate",
        "troop_ceiling",
        "non_nato_contributors",
    }
    votes = dict(unmu.votes)
    assert votes["cn"].value == "yes" and votes["pk"].value == "yes"
    assert votes["dk"].value == "abstain" and votes["lv"].value == "no"
    assert game.state.mission is not None and game.state.mission.mandate is Mandate.COUNCIL
    assert game.state.outcome is not None and game.state.outcome.ending == "council_mission"
    assert met(game, "ru")["shaped"] and met(game, "ru")["no_europeans"]


def test_tutorial_with_nothing_done_ends_in_practice() -> None:
    game, _ = play("tutorial", [])
    assert game.state.outcome is not None and game.state.outcome.ending == "practice"


def test_uniting_a_mission_on_paper_without_contributors() -> None:
    # The Assembly recommends UNMU and Ukraine consents, but nobody pledges to it.
    paper = [
        UNITING_OPENING,
        (
            UNITING_PATH[1][0],
            {
                **UNITING_PATH[1][1],
                "fr": ["fr vote ufp_unmu yes"],
                "uk": ["uk vote ufp_unmu yes"],
                "un": [],
            },
        ),
    ]
    game, _ = play("uniting", paper)
    assert game.state.mission is not None and game.state.mission.mandate is Mandate.ASSEMBLY
    assert game.state.outcome is not None and game.state.outcome.ending == "paper_mission"


def test_uniting_european_troops_and_shelling_collapse_the_ceasefire() -> None:
    shelling = (['facilitator inject shelling "The guns answer the troops"'], {})
    troops: Round = (
        [],
        {
            "fr": ["fr pledge f_tr troops 6000 to coalition"],
            "uk": ["uk pledge u_tr troops 4000 to coalition"],
        },
    )
    game, _ = play("uniting", [troops, shelling, shelling, shelling])
    assert any(r.crossed_round == 1 for r in game.state.red_lines)
    assert game.state.outcome is not None
    assert (game.state.outcome.ending, game.state.outcome.round) == ("collapse", 4)


# -- the authoring guide -----------------------------------------------------------------


def _models() -> list[type[models._Model]]:
    found = [
        cls
        for cls in vars(models).values()
        if isinstance(cls, type) and issubclass(cls, models._Model) and cls is not models._Model
    ]
    return sorted(found, key=lambda c: c.__name__)


def test_authoring_guide_documents_every_field_and_every_name() -> None:
    """docs/SCENARIOS.md lists every field of the format and the whole vocabulary."""
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [
        f"{cls.__name__}.{field}"
        for cls in _models()
        for field in cls.model_fields
        if f"`{field}`" not in guide
    ]
    missing += [f"{fn}()" for fn in (*FUNCTIONS, *DRAFT_FUNCTIONS) if f"`{fn}(" not in guide]
    missing += [name for name in DRAFT_NAMES if f"`{name}`" not in guide]
    assert missing == []


def test_authoring_guide_example_is_a_valid_scenario() -> None:
    """The complete example in docs/SCENARIOS.md loads, and its veto works as told."""
    guide = GUIDE.read_text(encoding="utf-8")
    found = re.search(r"<!-- example: a valid scenario -->\n```toml\n(.*?)```", guide, re.S)
    assert found is not None
    scenario = load_text(found.group(1), "docs/SCENARIOS.md example")
    game = Game.start(scenario, seed=1)
    game.apply("fr table pk")
    events = game.play_round(
        {"fr": ["fr vote pk yes"], "ru": ["ru vote pk no"], "un": ["un endorse pk"]}
    )
    assert game.state.draft("pk") is not None
    assert any(v.vetoed_by == ("ru",) for v in payloads(events, EventKind.VOTE))
