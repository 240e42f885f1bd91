"""The action grammar: every verb reads and writes its line, and the registry is complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from tests.engine.strategies import lines
from tests.engine.support import game
from tests.engine.test_orders import ONE_OF_EACH
from wargame.engine import grammar as g
from wargame.engine import orders as o
from wargame.engine.choices import LISTS, Source
from wargame.engine.grammar import BY_WORD, COST_FIELDS, VERBS, Kind, Nature
from wargame.game import GameError

RULES = Path(__file__).parents[2] / "docs" / "RULES.md"

ONE_OF_EACH_VERB: list[o.Line] = [
    *ONE_OF_EACH,
    o.BeginOrders(),
    o.Submit("fr"),
    o.Retract("fr", 2),
    o.Resolve(),
    o.Rewind(3, 'a "wrong" ruling'),
]


def test_the_examples_cover_every_verb() -> None:
    assert {line.verb for line in ONE_OF_EACH_VERB} == set(BY_WORD)


@pytest.mark.parametrize("line", ONE_OF_EACH_VERB, ids=lambda line: line.text())
def test_each_verb_reads_back_what_it_writes(line: o.Line) -> None:
    assert type(line).from_text(line.text()) == line
    assert g.verb_of(line).line is type(line)


@given(lines)
def test_generated_lines_round_trip(line: o.Line) -> None:
    text = line.text()
    assert type(line).from_text(text) == line
    assert o.parse_line(text) == line
    assert o.parse_line(text).text() == text  # the canonical text is a fixed point


def test_from_text_refuses_a_line_of_another_verb() -> None:
    with pytest.raises(o.OrderSyntaxError, match="is not a vote line"):
        o.CastVote.from_text("fr pass")


def test_control_lines_are_not_orders() -> None:
    with pytest.raises(o.OrderSyntaxError, match="moves the game along"):
        o.parse_action("resolve")


def test_a_seat_may_be_called_orders() -> None:
    """`orders` alone is the control line; with a verb after it, it is a seat."""
    assert o.parse_line("orders pass") == o.Pass("orders")
    assert o.parse_line("  orders ") == o.BeginOrders()


def test_old_rewind_lines_still_read() -> None:
    """Saves written before the grammar logged rewinds with any reason, even an empty one."""
    assert o.parse_line('facilitator rewind 2 ""') == o.Rewind(2, "")
    long = "x" * 3000
    assert o.parse_line(f'facilitator rewind 2 "{long}"') == o.Rewind(2, long)


def test_every_line_type_has_its_verbs_in_the_registry() -> None:
    types = {*o.Action.__args__, *o.Control.__args__}  # type: ignore[attr-defined]
    assert {v.line for v in VERBS} == types
    assert {w for t in types for w in t.VERBS} == set(BY_WORD)


@pytest.mark.parametrize("verb", VERBS, ids=lambda v: v.word)
def test_every_verb_has_a_check_a_cost_entry_and_a_form(verb: g.Verb) -> None:
    assert callable(verb.check)
    assert verb.cost is None or verb.cost in COST_FIELDS
    assert verb.forms
    assert verb.syntax.split()[0] in ("<seat>", "facilitator", verb.word)
    for form in verb.forms:
        attributes = set(verb.line.__dataclass_fields__)  # type: ignore[attr-defined]
        for field in form.fields:
            assert field.name in attributes, (form.key, field.name)
            assert field.label
            assert field.source is None or field.source in LISTS
            if field.kind in (Kind.CHOICE, Kind.VOTE, Kind.RATING, Kind.FLAG):
                assert field.source is not None, (form.key, field.name)
        asked = {f.name for f in form.fields} | {name for name, _ in form.fixed} | {"seat"}
        required = {
            name
            for name, spec in verb.line.__dataclass_fields__.items()  # type: ignore[attr-defined]
            if spec.default is spec.default_factory  # no default: the form must fill it
        }
        assert required <= asked, (form.key, required - asked)


def test_every_cost_of_the_scenario_is_charged_by_some_verb() -> None:
    assert {v.cost for v in VERBS if v.cost} == COST_FIELDS


def test_form_keys_are_unique_and_every_source_has_a_list() -> None:
    keys = [f.key for v in VERBS for f in v.forms]
    assert len(keys) == len(set(keys))
    assert set(LISTS) == set(Source)


def test_the_rules_list_every_verbs_syntax() -> None:
    text = RULES.read_text(encoding="utf-8")
    missing = [v.syntax for v in VERBS if f"`{v.syntax}`" not in text]
    assert not missing


def test_each_seat_is_offered_only_the_verbs_it_can_give() -> None:
    play = game()
    sc = play.scenario
    offered = {
        seat: {v.word for nature in Nature for v in g.verbs(nature, sc, seat)}
        for seat in play.seats
    }
    assert "mediate" in offered["un"] and "endorse" in offered["un"]
    for seat in ("fr", "uk", "ua", "ru"):
        assert not {"mediate", "endorse", "propose"} & offered[seat]
    assert "vote" in offered["fr"] and "vote" in offered["ru"]
    assert "vote" not in offered["ua"] and "table" not in offered["ua"]
    assert "offer" not in offered["ua"]  # the host is not offered a guarantee form
    assert "accept" in offered["ua"] and "accept" not in offered["fr"]
    assert {v.word for v in g.verbs(Nature.FACILITATOR, sc, "fr")} == set()
    assert "rewind" in {v.word for v in g.verbs(Nature.CONTROL, sc, o.FACILITATOR)}
    assert {v.word for v in g.verbs(Nature.CONTROL, sc, None)} == {"orders", "resolve"}


@pytest.mark.parametrize(
    ("setup", "seat", "line", "reason"),
    [
        ((), None, "resolve", "resolution follows the orders phase"),
        (("orders", "fr submit", "ru submit"), None, "resolve",
         "still waiting for orders from: uk, ua, un"),
        (("orders",), None, "orders", "the orders phase can only follow negotiation (now: orders)"),
        ((), "fr", "fr submit", "orders are submitted in the orders phase"),
        (("orders", "fr submit"), "fr", "fr submit", "fr has already submitted"),
        (("orders", "fr pass"), "fr", "fr retract 2", "fr has no order number 2"),
        (("orders", "fr pass", "fr submit"), "fr", "fr retract 1",
         "fr has already submitted its orders"),
        ((), "facilitator", 'facilitator rewind 2 "oops"',
         "cannot rewind to round 2: it has not started"),
        ((), "zz", "zz submit", "unknown seat 'zz'"),
        ((), None, "resolve now", "unexpected 'now' after 'resolve', which stands alone"),
    ],
)  # fmt: skip
def test_why_not_explains_refused_control_lines(
    setup: tuple[str, ...], seat: str | None, line: str, reason: str
) -> None:
    play = game()
    for done in setup:
        play.apply(done)
    assert play.why_not(seat, line) == reason
    before = list(play.log)
    with pytest.raises(GameError) as refused:
        play.apply(line)
    assert reason in str(refused.value)
    assert play.log == before


def test_why_not_accepts_control_lines_the_game_takes() -> None:
    play = game()
    assert play.why_not("uk", "fr submit") == "this order is for fr, not uk"
    assert play.why_not(None, "orders") is None
    play.apply("orders")
    for seat in play.seats:
        assert play.why_not(seat, f"{seat} submit") is None
        play.apply(f"{seat} submit")
    assert play.why_not(None, "resolve") is None
    play.apply("resolve")
    assert play.why_not("facilitator", 'facilitator rewind 1 "again"') is None
