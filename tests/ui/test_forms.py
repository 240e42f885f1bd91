"""The forms (pure): the lines they build, and order editing's way back to a form."""

from __future__ import annotations

import pytest

from wargame.engine import parse_action
from wargame.engine.orders import quote
from wargame.game import Game
from wargame.scenario_files import load
from wargame.ui.forms import (
    ADD_ORDER,
    APPLY,
    TABLE,
    Choice,
    FormError,
    FormSpec,
    Kind,
    facilitator_forms,
    order_forms,
    order_values,
    table_forms,
)

TUTORIAL = load("tutorial").scenario
FLAGSHIP = load("flagship").scenario
SEATS = [Choice(s.id, s.name) for s in TUTORIAL.seats]


def by_key(forms: list[FormSpec]) -> dict[str, FormSpec]:
    return {f.key: f for f in forms}


def orders_game() -> Game:
    """The tutorial in round 1's orders phase, with the ceasefire call tabled."""
    game = Game.start(TUTORIAL, 1)
    game.apply("fr table cf")
    game.apply("orders")
    return game


def test_table_forms_build_lines_the_engine_accepts() -> None:
    game = Game.start(TUTORIAL, 1)
    forms = by_key(table_forms(game.view_for(None), TUTORIAL, SEATS))
    assert {f.verb for f in forms.values()} == {TABLE}
    line = forms["table"].build({"seat": "fr", "draft": "cf"})
    assert line == "fr table cf"
    assert game.why_not("fr", line) is None
    line = forms["write"].build(
        {
            "seat": "uk",
            "draft": "d1",
            "title": 'A "new" text',
            "procedural": "procedural",
            "tags": "ceasefire",
        }
    )
    assert parse_action(line).text() == line
    assert game.why_not("uk", line) is None
    line = forms["redline"].build({"seat": "ru", "red_line": "r1", "title": "No", "tags": "a, b c"})
    assert parse_action(line).tags == ("a", "b", "c")  # type: ignore[union-attr]


def test_a_co_guarantor_backs_an_offer_from_the_form() -> None:
    game = Game.start(TUTORIAL, 1)
    game.apply("uk offer g1 air_policing backing=uk1,f1")
    form = by_key(table_forms(game.view_for(None), TUTORIAL, SEATS))["back"]
    assert [c.value for c in form.fields[1].choices] == ["g1"]
    line = form.build({"seat": "fr", "guarantee": "g1", "pledge": "f1"})
    assert line == "fr back g1 f1"
    assert game.why_not("fr", line) is None
    assert "f1" in [c.value for c in form.fields[2].choices]
    with pytest.raises(FormError, match="Your pledge id is needed"):
        form.build({"seat": "fr", "guarantee": "g1"})


def test_prepared_drafts_already_tabled_are_not_offered_again() -> None:
    game = Game.start(TUTORIAL, 1)
    game.apply("fr table cf")
    forms = by_key(table_forms(game.view_for(None), TUTORIAL, SEATS))
    drafts = [c.value for c in forms["table"].fields[1].choices]
    assert drafts == ["pk"]


def test_a_failed_prepared_draft_is_offered_again_in_a_later_round() -> None:
    game = Game.start(TUTORIAL, 1)
    game.apply("fr table pk")
    game.play_round({"ru": ["ru vote pk no"]})  # vetoed
    forms = by_key(table_forms(game.view_for(None), TUTORIAL, SEATS))
    again = {c.value: c.label for c in forms["table"].fields[1].choices}
    assert again["pk"] == "pk: UN peacekeeping mission (again: vetoed)"
    assert game.why_not("fr", forms["table"].build({"seat": "fr", "draft": "pk"})) is None


def test_order_forms_say_add_order_and_build_checked_lines() -> None:
    game = orders_game()
    view = game.view_for("fr")
    forms = by_key(order_forms(view, TUTORIAL, "fr"))
    assert {f.verb for f in forms.values()} == {ADD_ORDER}
    assert forms["vote"].build({"draft": "cf", "vote": "yes"}) == "fr vote cf yes"
    pledge = forms["pledge"].build(
        {
            "pledge": "f1",
            "asset": "jets",
            "amount": "2",
            "target": "coalition",
            "condition": "uk.pledged.jets >= 2",
        }
    )
    assert pledge == "fr pledge f1 jets 2 to coalition if uk.pledged.jets >= 2"
    assert game.why_not("fr", pledge) is None
    assert forms["pass"].build({}) == "fr pass"


def test_a_refused_form_line_gets_the_engines_reason() -> None:
    game = orders_game()
    forms = by_key(order_forms(game.view_for("fr"), TUTORIAL, "fr"))
    line = forms["withdraw"].build({"pledge": "f9"})
    assert game.why_not("fr", line) == "unknown honoured pledge of yours 'f9' (known: none)"


def test_each_seat_is_offered_only_the_orders_it_can_give() -> None:
    game = Game.start(FLAGSHIP, 1)
    offered = {
        seat: {f.key for f in order_forms(game.view_for(seat), FLAGSHIP, seat)}
        for seat in game.seats
    }
    secretariat = FLAGSHIP.roles.secretariat
    assert secretariat is not None
    assert {"mediate", "endorse"} <= offered[secretariat]
    voters = {m.seat for m in FLAGSHIP.council.members if m.seat}
    for seat, keys in offered.items():
        assert ("mediate" in keys) == (seat == secretariat)
        assert ("vote" in keys) == (seat in voters)
        assert ("accept" in keys) == (seat == FLAGSHIP.roles.host or seat in FLAGSHIP.roles.parties)


def test_the_table_dialog_offers_each_form_only_the_seats_that_may_give_it() -> None:
    game = Game.start(FLAGSHIP, 1)
    seats = [Choice(s.id, s.name) for s in FLAGSHIP.seats]
    forms = by_key(table_forms(game.view_for(None), FLAGSHIP, seats))
    voters = {m.seat for m in FLAGSHIP.council.members if m.seat}
    assert {c.value for c in forms["table"].fields[0].choices} == voters
    assert [c.value for c in forms["propose"].fields[0].choices] == [FLAGSHIP.roles.secretariat]
    assert FLAGSHIP.roles.host not in {c.value for c in forms["offer"].fields[0].choices}


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        (
            {"pledge": "f1", "asset": "jets", "amount": "", "target": "coalition"},
            "Amount is needed",
        ),
        ({"pledge": "f1", "asset": "jets", "amount": "two", "target": "coalition"}, "whole number"),
        ({"pledge": "f1", "asset": "", "amount": "2", "target": "coalition"}, "Asset is needed"),
    ],
)
def test_missing_or_bad_answers_say_which(answers: dict[str, str], words: str) -> None:
    game = orders_game()
    pledge = by_key(order_forms(game.view_for("fr"), TUTORIAL, "fr"))["pledge"]
    with pytest.raises(FormError, match=words):
        pledge.build(answers)


def test_pledge_id_default_skips_ids_in_use() -> None:
    game = orders_game()
    game.apply("fr pledge fr1 jets 1 to coalition")
    pending = game.orders_of("fr")
    pledge = by_key(order_forms(game.view_for("fr"), TUTORIAL, "fr", pending))["pledge"]
    assert pledge.fields[0].default == "fr2"
    assert [f.name for f in pledge.fields] == ["pledge", "asset", "amount", "target", "condition"]


@pytest.mark.parametrize(
    "line",
    [
        "fr vote cf no",
        "fr pledge f1 jets 2 to coalition if uk.pledged.jets >= 2",
        "fr pledge f2 troops 1000 to un_mission",
        "uk lobby cn cf yes",
        "ua accept g1",
        "ua reject g1",
        "fr withdraw f1",
        "un mediate",
        "un endorse cf",
        'ua argue wedge "They will \\"blink\\" first"',
        "ru pass",
    ],
)
def test_order_values_rebuild_the_same_order(line: str) -> None:
    order = parse_action(line)
    found = order_values(order)
    assert found is not None
    key, values = found
    game = Game.start(FLAGSHIP, 1)
    forms = by_key(order_forms(game.view_for(order.seat), FLAGSHIP, order.seat))
    spec = forms[key]
    names = {f.name for f in spec.fields}
    assert set(values) <= names
    assert spec.build(values) == line


def test_public_actions_and_acts_have_no_order_form() -> None:
    assert order_values(parse_action("fr table cf")) is None
    assert order_values(parse_action('facilitator adjust tension +5 "why"')) is None


def test_facilitator_forms_build_acts_the_engine_accepts() -> None:
    game = orders_game()
    game.apply("fr vote cf yes")
    for seat in game.seats:
        game.apply(f"{seat} submit")
    game.apply("resolve")
    forms = by_key(facilitator_forms(game.view_for(None), TUTORIAL))
    assert {f.verb for f in forms.values()} == {APPLY}
    assert "rate" not in forms  # the tutorial has no arguments
    assert forms["rule_draft"].confirm and forms["rewind"].confirm and forms["end"].confirm
    assert not forms["adjust"].confirm
    lines = [
        forms["inject"].build({"inject": TUTORIAL.injects[0].id, "reason": "practice"}),
        forms["event"].build(
            {"title": "Storm", "effects": "tension += 5; ru.pc -= 1", "reason": 'a "test"'}
        ),
        forms["adjust"].build({"track": "tension", "delta": "-5", "reason": "talks"}),
        forms["rule_draft"].build({"ref": "cf", "result": "failed", "reason": "recount"}),
    ]
    for line in lines:
        assert game.why_not("facilitator", line) is None, line
        game.apply(line)
    rewind = forms["rewind"].build({"round": "1", "reason": 'back to "start"'})
    assert rewind == 'facilitator rewind 1 "back to \\"start\\""'
    game.apply(rewind)
    assert game.state.round == 1
    end = forms["end"].build({"ending": TUTORIAL.default_ending.id, "reason": "time"})
    game.apply(end)
    assert game.state.outcome is not None


def test_facilitator_forms_ask_for_a_reason_and_a_whole_change() -> None:
    game = Game.start(FLAGSHIP, 1)
    forms = by_key(facilitator_forms(game.view_for(None), FLAGSHIP))
    assert "rate" in forms and "rule_argument" in forms
    with pytest.raises(FormError, match=r"^Reason is needed$"):
        forms["adjust"].build({"track": "tension", "delta": "+5", "reason": " "})
    with pytest.raises(FormError, match="whole number"):
        forms["adjust"].build({"track": "tension", "delta": "five", "reason": "r"})
    rate = forms["rate"].build({"target_seat": "ua", "option": "wedge", "rating": "very_strong"})
    assert game.why_not("facilitator", rate) is None
    ruling = forms["rule_argument"].build(
        {"ref": "ua:wedge", "result": "succeeds", "reason": "clear"}
    )
    assert ruling == 'facilitator ruling argument ua:wedge succeeds "clear"'
    assert game.why_not("facilitator", ruling) is None


def test_quote_reads_back_through_the_order_parser() -> None:
    for text in ["plain", 'with "quotes"', "back\\slash", "[bold red]FRANCE VETOES[/]"]:
        line = f"facilitator adjust tension +1 {quote(text)}"
        assert parse_action(line).reason == text  # type: ignore[union-attr]


def test_every_field_kind_is_known() -> None:
    game = Game.start(FLAGSHIP, 1)
    view = game.view_for("fr")
    specs = [
        *order_forms(view, FLAGSHIP, "fr"),
        *table_forms(view, FLAGSHIP, SEATS),
        *facilitator_forms(view, FLAGSHIP),
    ]
    for spec in specs:
        for field in spec.fields:
            assert field.kind in Kind
            if field.kind is Kind.SELECT:
                assert all(c.value for c in field.choices)
