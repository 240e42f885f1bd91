"""The forms players and the facilitator fill in, built from the action grammar.

Every form comes from a verb of `wargame.engine.grammar`: its fields (what
kind of value, the label, the help, where the choices come from) become
`FieldSpec`s with choices read from the seat's view, and the answers become
the verb's action, whose text is the line sent to the game. Forms decide
nothing: the engine checks the line and its reason is shown if it is
refused. Pure Python, so the forms are tested without Textual.

`order_values(order)` goes the other way, from a pending order to the form
and answers that would build it again, so an order can be edited.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wargame.engine import View
from wargame.engine import grammar as g
from wargame.engine import orders as o
from wargame.engine.choices import Choice, choices, next_id, used_ids
from wargame.scenario.models import Rating, Scenario, Vote

__all__ = [
    "ADD_ORDER",
    "APPLY",
    "TABLE",
    "Choice",
    "FieldSpec",
    "FormError",
    "FormSpec",
    "Kind",
    "facilitator_forms",
    "order_forms",
    "order_values",
    "table_forms",
]


class FormError(ValueError):
    """An answer the form cannot turn into an order (the message says which)."""


class Kind(StrEnum):
    """How a field is entered."""

    SELECT = "select"
    TEXT = "text"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a form, as the dialog shows it."""

    name: str
    """The answer's key (the action's attribute, or `seat`)."""
    label: str
    """The field's label."""
    kind: Kind
    """Which widget enters it."""
    choices: tuple[Choice, ...] = ()
    """SELECT: what may be chosen."""
    optional: bool = False
    """May be left empty."""
    default: str = ""
    """The value it starts with."""
    help: str = ""
    """A line under the field."""


ADD_ORDER = "Add order"
SAVE_ORDER = "Save order"
TABLE = "Table"
APPLY = "Apply"


@dataclass(frozen=True, slots=True)
class FormSpec:
    """A form that builds one action line."""

    key: str
    """The grammar form's key."""
    title: str
    """What the list of forms shows."""
    help: str
    """One sentence on what it does."""
    fields: tuple[FieldSpec, ...]
    """What it asks, in order."""
    build: Callable[[Mapping[str, str]], str]
    """The line the answers make (raises FormError)."""
    verb: str = ADD_ORDER
    """The submit button's words: "Add order", "Save order" (editing), "Table" or "Apply"."""
    confirm: str = ""
    """A question to ask before the line is sent (irreversible acts); empty: none."""


# --- answers to values and back -----------------------------------------------------


def _need(answers: Mapping[str, str], field: g.Field) -> str:
    value = answers.get(field.name, "").strip()
    if not value:
        raise FormError(f"{field.label.split(' (')[0]} is needed")
    return value


def _list(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.replace(" ", ",").split(",") if part.strip())


def _value(field: g.Field, answers: Mapping[str, str]) -> Any:
    """The action's attribute value for `field` from the typed or chosen answer."""
    raw = answers.get(field.name, "").strip()
    kind = field.kind
    if kind in (g.Kind.TAGS, g.Kind.IDS):
        return _list(raw)
    if kind is g.Kind.CONDITION:
        return raw or None
    value = _need(answers, field)
    if kind is g.Kind.NUMBER:
        clean = value.replace(",", "").replace("_", "")
        if not clean.isdigit() or len(clean) > 9:
            raise FormError(f"{field.label} must be a whole number, like 2 or 5000")
        return int(clean)
    if kind is g.Kind.DELTA:
        clean = value.replace(" ", "")
        if not clean.lstrip("+-").isdigit() or len(clean) > 8:
            raise FormError(f"{field.label} must be a whole number such as +5 or -5")
        return int(clean)
    if kind is g.Kind.VOTE:
        return Vote(value)
    if kind is g.Kind.RATING:
        return Rating(value)
    if kind is g.Kind.FLAG:
        return value == field.name
    if kind is g.Kind.EFFECTS:
        return tuple(e.strip() for e in value.split(";") if e.strip())
    return value


def _answer(field: g.Field, value: Any) -> str:
    """The answer that gives `value` back (to fill in a form for editing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return field.name if value else ""
    if isinstance(value, Vote | Rating):
        return value.value
    if isinstance(value, tuple):
        sep = "; " if field.kind is g.Kind.EFFECTS else ", "
        return sep.join(value)
    return str(value)


def _builder(
    verb: g.Verb, form: g.Form, seat: Callable[[Mapping[str, str]], str | None]
) -> Callable[[Mapping[str, str]], str]:
    def build(answers: Mapping[str, str]) -> str:
        values = {f.name: _value(f, answers) for f in form.fields}
        values.update(form.fixed)
        who = seat(answers)
        if who is not None:
            values["seat"] = who
        return verb.line(**values).text()

    return build


# --- fields from the grammar --------------------------------------------------------


def _field(
    field: g.Field, view: View, scenario: Scenario, seat: str | None, used: set[str]
) -> FieldSpec:
    listed = tuple(choices(field.source, view, scenario, seat)) if field.source is not None else ()
    if field.kind in (g.Kind.TAGS, g.Kind.IDS):
        help = field.help
        if field.kind is g.Kind.TAGS:
            help = "comma-separated tags: " + ", ".join(c.value for c in listed)
        return FieldSpec(field.name, field.label, Kind.TEXT, optional=field.optional, help=help)
    if field.source is not None:
        return FieldSpec(field.name, field.label, Kind.SELECT, listed, field.optional)
    default = ""
    if field.kind is g.Kind.NEW_ID:
        default = next_id(field.prefix.replace("{seat}", seat or ""), used)
    kind = Kind.NUMBER if field.kind is g.Kind.NUMBER else Kind.TEXT
    return FieldSpec(field.name, field.label, kind, (), field.optional, default, field.help)


def _spec(
    verb: g.Verb,
    form: g.Form,
    fields: Sequence[FieldSpec],
    seat: Callable[[Mapping[str, str]], str | None],
    button: str,
) -> FormSpec:
    return FormSpec(
        form.key,
        form.title,
        form.help,
        tuple(fields),
        _builder(verb, form, seat),
        button,
        form.confirm,
    )


def order_forms(
    view: View, scenario: Scenario, seat: str, pending: Sequence[o.Action] = ()
) -> list[FormSpec]:
    """Forms for the sealed orders `seat` may give."""
    used = used_ids(view, pending)
    return [
        _spec(
            verb,
            form,
            [_field(f, view, scenario, seat, used) for f in form.fields],
            lambda answers: seat,
            ADD_ORDER,
        )
        for verb, form in g.forms(g.Nature.SECRET, scenario, seat)
    ]


def table_forms(view: View, scenario: Scenario, seats: Sequence[Choice]) -> list[FormSpec]:
    """Forms for the public actions of the negotiation phase; each asks which seat acts.

    A form offers only the seats that may give its verb, and is left out if none may.
    """
    used = used_ids(view)

    def chosen(answers: Mapping[str, str]) -> str:
        value = answers.get("seat", "").strip()
        if not value:
            raise FormError("The seat is needed")
        return value

    out = []
    for verb in g.VERBS:
        givers = tuple(s for s in seats if verb.offered(scenario, s.value))
        if verb.nature is not g.Nature.PUBLIC or not givers:
            continue
        for form in verb.forms:
            if not form.available(scenario):
                continue
            fields = [FieldSpec("seat", "Seat", Kind.SELECT, givers)]
            fields += [_field(f, view, scenario, None, used) for f in form.fields]
            out.append(_spec(verb, form, fields, chosen, TABLE))
    return out


def facilitator_forms(view: View, scenario: Scenario) -> list[FormSpec]:
    """Forms for the facilitator's acts and rewind; each asks for a reason (the log keeps it)."""
    return [
        _spec(
            verb,
            form,
            [_field(f, view, scenario, None, set()) for f in form.fields],
            lambda answers: None,
            APPLY,
        )
        for nature in (g.Nature.FACILITATOR, g.Nature.CONTROL)
        for verb, form in g.forms(nature, scenario, o.FACILITATOR)
    ]


def order_values(order: o.Line) -> tuple[str, dict[str, str]] | None:
    """The order form's key and the answers that build `order` again (for editing)."""
    if not g.is_secret(order):
        return None
    found = g.form_of(order)
    if found is None:
        return None
    form, values = found
    fields = {f.name: f for f in form.fields}
    return form.key, {name: _answer(fields[name], value) for name, value in values.items()}
