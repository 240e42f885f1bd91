"""Order text: every action's one-line form parses back to the same action."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import actions
from tests.escapes import PAYLOADS
from wargame.engine import Action, OrderSyntaxError, parse_action
from wargame.engine import orders as o
from wargame.scenario.models import Rating, Vote

ONE_OF_EACH: list[Action] = [
    o.TableDraft("fr", "pk"),
    o.TableDraft("fr", "d1", 'A "quoted" \\ title', True, ("ceasefire", "dmz")),
    o.Propose("un", "obs"),
    o.Propose("un", "obs2", "Observers", False, ("dmz",)),
    o.Sponsor("fr", "obs"),
    o.Amend("uk", "a1", "pk", "Cap it", ("troop_ceiling",), ("nato_troops",)),
    o.UnitingForPeace("uk", "pk"),
    o.OfferGuarantee("uk", "g1", "air_policing", ("j1", "j2"), 'adopted("pk") and tension < 60'),
    o.BackGuarantee("fr", "g1", "fr2"),
    o.TableTerms("un", "t1", "Line of contact", ("dmz", "ceasefire")),
    o.DeclareRedLine("ru", "rl", "No NATO troops under any flag", ("nato_troops",)),
    o.CastVote("ru", "pk", Vote.NO),
    o.Lobby("uk", "us", "pk", Vote.YES),
    o.MakePledge("uk", "uk1", "jets", 2, "coalition", "fr.pledged.troops >= 5000"),
    o.MakePledge("fr", "m1", "troops", 4000, "un_mission"),
    o.Answer("ua", "g1", True),
    o.Answer("ru", "t1", False),
    o.Withdraw("fr", "m1"),
    o.Mediate("un"),
    o.Endorse("un", "pk"),
    o.Argue("ua", "drones", "Our drones blind their artillery"),
    o.Pass("ru"),
    o.FacInject("leak", "the room is too comfortable"),
    o.FacEvent("Storm", ("tension += 5", "cohesion -= 2"), "weather"),
    o.FacAdjust("tension", -7, "a quiet week"),
    o.FacRate("ua", "drones", Rating.VERY_STRONG),
    o.FacRuling("draft", "pk", "adopted", "late veto"),
    o.FacRuling("pledge", "m1", "dropped", "troops needed at home"),
    o.FacRuling("argument", "ua:drones", "succeeds", "obviously"),
    o.FacEnd("frozen", "out of time"),
]


def test_every_action_type_is_covered() -> None:
    assert {type(a) for a in ONE_OF_EACH} == set(Action.__args__)


@pytest.mark.parametrize("action", ONE_OF_EACH, ids=lambda a: a.text())
def test_action_text_round_trips(action: Action) -> None:
    assert parse_action(action.text()) == action
    assert parse_action(action.text()).text() == action.text()


@given(actions)
def test_generated_actions_round_trip(action: Action) -> None:
    line = action.text()
    assert parse_action(line) == action
    assert parse_action(line).text() == line


@pytest.mark.parametrize(
    ("line", "canonical"),
    [
        ("  fr   table  pk  ", "fr table pk"),
        (
            "uk pledge uk1 jets 2 to coalition if fr.pledged.troops>=5000",
            "uk pledge uk1 jets 2 to coalition if fr.pledged.troops >= 5000",
        ),
        ("fr pledge p1 troops 5_000 to coalition", "fr pledge p1 troops 5000 to coalition"),
        (
            'uk offer g1 air_policing backing=j1,j2 if (adopted("pk"))and not(tension>60)',
            'uk offer g1 air_policing backing=j1,j2 if adopted("pk") and not tension > 60',
        ),
        ('facilitator adjust tension -05 "x"', 'facilitator adjust tension -5 "x"'),
        (
            'facilitator event "Storm" " tension += 5 ;; cohesion -= 2 " "w"',
            'facilitator event "Storm" "tension += 5; cohesion -= 2" "w"',
        ),
        (
            'fr table d1 "T" procedural tags=dmz,,ceasefire',
            'fr table d1 "T" procedural tags=dmz,ceasefire',
        ),
    ],
)
def test_lines_parse_to_their_canonical_text(line: str, canonical: str) -> None:
    action = parse_action(line)
    assert action.text() == canonical
    assert parse_action(canonical) == action


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "expected a seat at the end of ''"),
        ("fr", "expected an order at the end of 'fr'"),
        ("fr fly", "unknown order 'fly'"),
        ("FR pass", "'FR' is not a seat id"),
        ("fr pass now", "unexpected 'now' at the end"),
        ("fr vote pk maybe", "expected one of yes, no, abstain, found 'maybe'"),
        ("fr lobby us pk abstain", "expected one of yes, no, found 'abstain'"),
        ("fr pledge p1 jets two to coalition", "expected a whole number amount, found 'two'"),
        ("fr pledge p1 jets ² to coalition", "expected a whole number amount, found '²'"),
        ("fr pledge p1 jets 2 for coalition", "expected 'to' before the pledge's target"),
        ("fr pledge p1 jets 2 to coalition if", "expected a condition after 'if'"),
        ("fr pledge p1 jets 2 to coalition if tension >", "in the condition 'tension >'"),
        ('fr table d1 "Title"', "expected procedural or substantive at the end"),
        ('fr amend pk a1 "Title"', "an amendment needs add=tags and/or remove=tags"),
        ('ru redline r1 "No"', "a red line needs tags=... (what crosses it)"),
        ("fr back g1", "expected pledge id at the end of 'fr back g1'"),
        ("fr back g1 fr2 fr3", "unexpected 'fr3' at the end"),
        ('ua argue drones ""', "the argument is empty"),
        ("ua argue drones", 'expected the argument in double quotes, like "..."'),
        ('facilitator fly "x"', "unknown facilitator act 'fly'"),
        ('facilitator adjust tension 5 "x"', "expected a change such as +5 or -5, found '5'"),
        ('facilitator ruling vote pk adopted "x"', "a ruling is on a draft, pledge or argument"),
        (
            'facilitator ruling draft pk vetoed "x"',
            "a draft ruling is adopted or failed, not 'vetoed'",
        ),
        ("fr table " + "x" * 2000, "an order line is limited to 2000 characters"),
    ],
)
def test_syntax_errors_say_what_was_expected(line: str, message: str) -> None:
    with pytest.raises(OrderSyntaxError) as raised:
        parse_action(line)
    assert message in str(raised.value)


WORDS = [
    "fr", "uk", "facilitator", "table", "propose", "sponsor", "amend", "uniting-for-peace",
    "offer", "back", "terms", "redline", "vote", "lobby", "pledge", "accept", "reject", "withdraw",
    "mediate", "endorse", "argue", "pass", "inject", "event", "adjust", "rate", "ruling", "end",
    "pk", "yes", "no", "abstain", "to", "if", "coalition", "un_mission", "tags=dmz", "add=dmz",
    "remove=", "backing=j1", "5", "-5", "+5", "5_000", "²", "٣", '"title"', '""', '"', "\\",
    "substantive", "procedural", "tension", ">=", "(", ")", "draft", "adopted", "succeeds",
    "very_strong", "ua:drones", "jets", "=", ",",
]  # fmt: skip


def _parses_or_explains(line: str) -> None:
    try:
        action = parse_action(line)
    except OrderSyntaxError as error:
        assert str(error)
        return
    # Whatever parses has a canonical text that parses back to it.
    assert parse_action(action.text()) == action


@given(st.text(max_size=120))
@example("fr pledge p1 jets ² to coalition")
@example('fr table d1 "unterminated')
@example("fr pledge p1 jets 1 to coalition if " + "(" * 40 + "1" + ")" * 40)
def test_random_text_gives_an_action_or_a_syntax_error(line: str) -> None:
    _parses_or_explains(line)


@given(st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join))
def test_random_word_salad_gives_an_action_or_a_syntax_error(line: str) -> None:
    _parses_or_explains(line)


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_line_with_a_terminal_escape_is_refused(name: str) -> None:
    payload = PAYLOADS[name]
    for line in (
        f'fr table d9 "Title {payload}" substantive tags=ceasefire',
        f'ua argue drones "{payload}"',
        f'facilitator adjust tension -1 "{payload}"',
    ):
        with pytest.raises(OrderSyntaxError, match="control character U\\+"):
            parse_action(line)


def test_a_line_break_inside_quotes_is_refused() -> None:
    with pytest.raises(OrderSyntaxError, match="one line"):
        parse_action('ua argue drones "first\nsecond"')
