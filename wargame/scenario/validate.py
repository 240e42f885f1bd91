"""Validate parsed scenario data: structure (pydantic), references, expressions.

`scenario_from_data(data, source, label)` returns a `Scenario` or raises
`ProblemsError` listing every problem it found, each located as
`path:line: key.path: message`. It is pure: the caller reads the file
(:mod:`wargame.scenario_files`).
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from wargame.control_chars import control_message, first_control
from wargame.problems import Loc, Problem, ProblemsError, key_path
from wargame.scenario import expr
from wargame.scenario.models import FORMAT_VERSION, Scenario
from wargame.scenario.vocabulary import DRAFT_FUNCTIONS, DRAFT_NAMES, RESERVED, schema_for
from wargame.toml_lex import KeyLines, key_lines


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _shown(value: Any) -> str:
    """A value from the file as its author wrote it, short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _friendly(error: Any, model_fields: Sequence[str]) -> str:
    """Pydantic's error in words a scenario author understands."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    loc = error["loc"]
    if kind == "extra_forbidden":
        key = loc[-1]
        return f"unknown key {key!r}{_suggest(str(key), model_fields)}"
    if kind == "missing":
        if len(loc) == 1:
            return "this key is required but missing (top-level keys go above the first [table])"
        return "this key is required but missing"
    is_key = loc[-1:] == ("[key]",)  # a key of a table such as `assets = { Troops = 5 }`
    what = f"the key {_shown(value)}" if is_key else _shown(value)
    if kind == "string_pattern_mismatch":
        return (
            f"{what} is not a valid id: use lower-case letters, digits and _, "
            "starting with a letter (at most 32)"
        )
    if kind == "enum":
        expected = ctx.get("expected", "one of the listed values")
        if is_key:
            return f"unknown key {_shown(value)}: the keys here are {expected}"
        return f"must be {expected}, not {_shown(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {_shown(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false (without quotes), not {_shown(value)}"
    if kind == "string_type":
        return f"must be text in quotes, not {_shown(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = f"at least {ctx['ge']}" if "ge" in ctx else f"at most {ctx['le']}"
        return f"must be {bound}, not {_shown(value)}"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return "must not be empty"
        return f"must have at least {ctx.get('min_length')} characters"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters, not {len(value)}"
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        items = "item" if limit == 1 else "items"
        bound = "at least" if kind == "too_short" else "at most"
        return f"needs {bound} {limit} {items}, not {ctx.get('actual_length')}"
    if kind == "list_type":
        if _model_at(loc) is not None:  # a list of tables, such as [[seats]]
            name = key_path(tuple(loc))
            if isinstance(value, dict):
                return f"must be a list of tables: write [[{name}]] above each one, not [{name}]"
            return f"must be a list of tables, each under a [[{name}]] header, not {_shown(value)}"
        return f'must be a list in brackets, like ["a", "b"], not {_shown(value)}'
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a table (a [header] or {{ key = value }}), not {_shown(value)}"
    message: str = error["msg"]
    return message[0].lower() + message[1:] if message else kind


def _model_at(path: Loc) -> Any:
    """The model that the key path leads to (through lists), or None."""
    model: Any = Scenario
    for part in path:
        if isinstance(part, int):
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model


def _fields_at(loc: Loc) -> list[str]:
    """Field names of the model at `loc` (for did-you-mean on unknown keys)."""
    return list(getattr(_model_at(loc[:-1]), "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


class _Collector:
    """Problems found so far, located through the source's key lines."""

    def __init__(self, source: KeyLines | str, label: str) -> None:
        self.source = source
        self.label = label
        self.problems: list[Problem] = []
        self._said: set[tuple[Loc, str]] = set()

    @cached_property
    def lines(self) -> KeyLines:
        """The key lines noted when the file was read; from bare text, found when first needed."""
        return self.source if isinstance(self.source, KeyLines) else key_lines(self.source)

    def add(self, loc: Loc, message: str) -> None:
        if (loc, message) in self._said:  # each problem once, whichever pass finds it
            return
        self._said.add((loc, message))
        line = self.lines.line_of(loc)
        if line is None and len(loc) == 1:  # a missing top-level key: its table starts the file
            line = 1
        self.problems.append(Problem(self.label, message, line, None, key_path(loc)))


def scenario_from_data(data: dict[str, Any], source: KeyLines | str, label: str) -> Scenario:
    """Build and check a scenario; raises ProblemsError listing every problem.

    `source` places the problems: the key lines `wargame.safe_toml` noted while
    reading the file, or its text (lexed only if there is a problem to place).
    """
    found = _Collector(source, label)
    version = data.get("format", FORMAT_VERSION)
    if isinstance(version, int) and version > FORMAT_VERSION:
        found.add(("format",), _future_format(version))
        raise ProblemsError(found.problems)
    for loc, message in control_characters(data):
        found.add(loc, message)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        errors = error.errors()
        for e in errors:
            loc = tuple(e["loc"])
            message = _friendly(e, _fields_at(loc))
            found.add(loc[:-1] if loc[-1:] == ("[key]",) else loc, message)
        partial = _without_refused(data, errors)
        if partial is not None:  # one run lists the reference problems too
            for loc, message in (*_references(partial), *_expressions(partial)):
                found.add(loc, message)
        raise ProblemsError(_sorted(found.problems)) from None
    if found.problems:  # control characters in a document that is otherwise well formed
        raise ProblemsError(_sorted(found.problems))
    for loc, message in _references(scenario):
        found.add(loc, message)
    for loc, message in _expressions(scenario):
        found.add(loc, message)
    if found.problems:
        raise ProblemsError(_sorted(found.problems))
    return scenario


def control_characters(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text and key of a parsed document that holds a control character.

    One generic pass over the whole document, so that no text field (and no
    key: key paths are printed too) can carry a terminal escape to the screen.
    """
    if isinstance(data, str):
        char = first_control(data)
        if char is not None:
            yield loc, control_message(char)
    elif isinstance(data, dict):
        for key, value in data.items():
            char = first_control(key)
            if char is not None:
                yield (*loc, key), control_message(char)
            else:
                yield from control_characters(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from control_characters(item, (*loc, index))


def _without_refused(data: dict[str, Any], errors: Sequence[Any]) -> Scenario | None:
    """The scenario with the refused keys left out, when leaving them out changes no check.

    An unknown key is simply dropped; a refused value falls back to its default
    when it has one and no reference or expression check reads it (a text too
    long, a negative number of points). Anything else (a refused id, a missing
    key, a wrong type in a list) stops here: the later checks would report
    problems that are not in the file.
    """
    kept = copy.deepcopy(data)
    for e in errors:
        loc = tuple(e["loc"])
        parent = _item_at(kept, loc[:-1])
        if not isinstance(parent, dict) or not isinstance(loc[-1], str):
            return None
        if e["type"] != "extra_forbidden" and not _falls_back(loc):
            return None
        parent.pop(loc[-1], None)
    try:
        return Scenario.model_validate(kept)
    except ValidationError:
        return None


_CHECKED_FIELDS = frozenset(
    {"id", "rounds", "majority", "min", "max", "start", "round", "seat", "seats", "enabled"}
    | {"table", "procedural", "tags", "assets", "when", "chance", "effects", "tag"}
)
"""Fields the reference and expression checks read: a refused one is never defaulted."""


def _falls_back(loc: Loc) -> bool:
    """The key at `loc` is a plain value with a default, and no later check reads it."""
    name = loc[-1]
    field = getattr(_model_at(loc[:-1]), "model_fields", {}).get(name)
    if field is None or field.is_required() or name in _CHECKED_FIELDS:
        return False
    kinds = getattr(field.annotation, "__args__", None) or (field.annotation,)
    return all(kind in (str, int, float, bool, type(None)) for kind in kinds)


def _item_at(data: Any, loc: Loc) -> Any:
    """The value at `loc` in plain data, or None if the path does not lead there."""
    for part in loc:
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not in_list and not (isinstance(data, dict) and isinstance(part, str) and part in data):
            return None
        data = data[part]
    return data


def _future_format(version: int) -> str:
    return (
        f"this scenario is written for format {version}; this program reads format "
        f"{FORMAT_VERSION}: update wargame"
    )


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.key))


def _duplicates(items: Sequence[Any], where: Loc) -> Iterator[tuple[Loc, str]]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            yield (*where, i, "id"), f"the id {item.id!r} is used twice in {key_path(where)}"
        seen.add(item.id)


def _known(value: str, known: Sequence[str], what: str, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if value not in known:
        listed = f"known {what}s: {', '.join(known[:10])}" if known else f"no {what}s are defined"
        yield loc, f"unknown {what} {value!r}{_suggest(value, known)}; {listed}"


def _references(sc: Scenario) -> Iterator[tuple[Loc, str]]:
    seats = [s.id for s in sc.seats]
    tags = [t.id for t in sc.tags]
    assets = [a.id for a in sc.assets]
    for where in (
        "seats",
        "tracks",
        "assets",
        "tags",
        "drafts",
        "guarantee_types",
        "injects",
        "rules",
        "friction",
        "endings",
    ):
        yield from _duplicates(getattr(sc, where), (where,))
    yield from _duplicates(sc.council.members, ("council", "members"))
    for i, t in enumerate(sc.tracks):
        if not t.min <= t.start <= t.max:
            yield ("tracks", i, "start"), f"start {t.start} is outside min {t.min} .. max {t.max}"
        if t.id in RESERVED:
            yield ("tracks", i, "id"), f"{t.id!r} is a reserved word; choose another track id"
        elif t.id in seats:
            yield ("tracks", i, "id"), f"{t.id!r} is already a seat id; choose another track id"
    for i, s in enumerate(sc.seats):
        if s.id in RESERVED:
            yield ("seats", i, "id"), f"{s.id!r} is a reserved word; choose another seat id"
        for asset in s.assets:
            yield from _known(asset, assets, "asset", ("seats", i, "assets", asset))
        yield from _duplicates(s.objectives, ("seats", i, "objectives"))
        if s.bot:
            for j, tag in enumerate(s.bot.priorities):
                yield from _known(tag, tags, "tag", ("seats", i, "bot", "priorities", j))
    roles = sc.roles
    yield from _known(roles.host, seats, "seat", ("roles", "host"))
    for j, party in enumerate(roles.parties):
        yield from _known(party, seats, "seat", ("roles", "parties", j))
    if len(set(roles.parties)) < len(roles.parties):
        yield ("roles", "parties"), "the two parties must be different seats"
    if roles.secretariat is not None:
        yield from _known(roles.secretariat, seats, "seat", ("roles", "secretariat"))
    voting: dict[str, str] = {}
    for i, m in enumerate(sc.council.members):
        if m.seat is None:
            continue
        yield from _known(m.seat, seats, "seat", ("council", "members", i, "seat"))
        if m.seat in voting:
            yield (
                ("council", "members", i, "seat"),
                f"seat {m.seat!r} already casts the votes of member {voting[m.seat]!r}; "
                "a seat votes for one member only",
            )
        if m.seat == roles.secretariat:
            yield ("council", "members", i, "seat"), "the Secretariat is not a council member"
        voting[m.seat] = m.id
    if sc.council.majority > len(sc.council.members):
        yield (
            ("council", "majority"),
            (
                f"a majority of {sc.council.majority} is more than the "
                f"{len(sc.council.members)} members"
            ),
        )
    yield from _procedure(sc, tags)
    for i, g in enumerate(sc.guarantee_types):
        for j, tag in enumerate(g.tags):
            yield from _known(tag, tags, "tag", ("guarantee_types", i, "tags", j))
        for j, asset in enumerate(g.backing_assets):
            yield from _known(asset, assets, "asset", ("guarantee_types", i, "backing_assets", j))
    for asset in sc.force.requirement:
        yield from _known(asset, assets, "asset", ("force", "requirement", asset))
    for j, tag in enumerate(sc.force.mission_tags):
        yield from _known(tag, tags, "tag", ("force", "mission_tags", j))
    for i, dep in enumerate(sc.force.deployment_tags):
        yield from _known(dep.tag, tags, "tag", ("force", "deployment_tags", i, "tag"))
        for j, seat in enumerate(dep.seats):
            yield from _known(seat, seats, "seat", ("force", "deployment_tags", i, "seats", j))
        for j, asset in enumerate(dep.assets):
            yield from _known(asset, assets, "asset", ("force", "deployment_tags", i, "assets", j))
    for seat in sc.red_lines.seats:
        yield from _known(seat, seats, "seat", ("red_lines", "seats", seat))
    for i, r in enumerate(sc.red_lines.declared):
        yield from _known(r.seat, seats, "seat", ("red_lines", "declared", i, "seat"))
        for j, tag in enumerate(r.tags):
            yield from _known(tag, tags, "tag", ("red_lines", "declared", i, "tags", j))
    for i, inject in enumerate(sc.injects):
        if inject.round is not None and inject.round > sc.rounds:
            yield (
                ("injects", i, "round"),
                (f"round {inject.round} is after the last round ({sc.rounds})"),
            )
    if sc.arguments.enabled and not sc.arguments.table:
        yield ("arguments", "table"), "arguments are enabled but the argument table is empty"


def _procedure(sc: Scenario, tags: Sequence[str]) -> Iterator[tuple[Loc, str]]:
    """Tags name known tags; nothing procedural carries a tag only a substantive decision can."""
    mission = set(sc.force.mission_tags)
    substantive = set(sc.council.substantive_tags)

    def why_substantive(tag: str) -> str:
        if tag in mission:
            return f"{tag!r} is a mission tag (force.mission_tags): only a substantive decision carries it"
        return f"{tag!r} is listed in council.substantive_tags"

    for j, tag in enumerate(sc.council.substantive_tags):
        yield from _known(tag, tags, "tag", ("council", "substantive_tags", j))
    for j, tag in enumerate(sc.council.procedural_tags or []):
        loc: Loc = ("council", "procedural_tags", j)
        yield from _known(tag, tags, "tag", loc)
        if tag in mission or tag in substantive:
            yield loc, why_substantive(tag) + "; it cannot also be procedural"
    for i, d in enumerate(sc.drafts):
        for j, tag in enumerate(d.tags):
            yield from _known(tag, tags, "tag", ("drafts", i, "tags", j))
            if d.procedural and (tag in mission or tag in substantive):
                yield (
                    ("drafts", i, "tags", j),
                    f"the procedural draft {d.id!r} carries {tag!r}: "
                    + why_substantive(tag)
                    + "; make the draft substantive or drop the tag",
                )


def _expressions(sc: Scenario) -> Iterator[tuple[Loc, str]]:
    general = schema_for(sc)
    council = schema_for(sc, draft_context=True)
    bool_, int_ = expr.ExprType.BOOL, expr.ExprType.INT

    def cond(
        text: str | None, loc: Loc, schema: expr.Schema = general
    ) -> Iterator[tuple[Loc, str]]:
        if text is None:
            return
        try:
            expr.compile_expr(text, schema, bool_)
        except expr.ExprError as error:
            yield loc, _expr_message(text, _draft_only(text, bool_, council) or error)

    def number(text: str, loc: Loc) -> Iterator[tuple[Loc, str]]:
        try:
            expr.compile_expr(text, general, int_)
        except expr.ExprError as error:
            yield loc, _expr_message(text, _draft_only(text, int_, council) or error)

    def effects(items: Sequence[str], loc: Loc) -> Iterator[tuple[Loc, str]]:
        for j, text in enumerate(items):
            try:
                expr.parse_effect(text, general)
            except expr.ExprError as error:
                yield (*loc, j), _expr_message(text, error)

    for i, seat in enumerate(sc.seats):
        for j, o in enumerate(seat.objectives):
            yield from cond(o.when, ("seats", i, "objectives", j, "when"))
    for i, m in enumerate(sc.council.members):
        for j, disposition in enumerate(m.disposition):
            yield from cond(
                disposition.when, ("council", "members", i, "disposition", j, "when"), council
            )
    for i, mod in enumerate(sc.council.general_assembly.modifiers):
        yield from cond(mod.when, ("council", "general_assembly", "modifiers", i, "when"))
    yield from effects(sc.mediate_effects, ("mediate_effects",))
    yield from effects(sc.red_lines.effects, ("red_lines", "effects"))
    for declarer, own in sc.red_lines.seats.items():
        yield from effects(own.effects or [], ("red_lines", "seats", declarer, "effects"))
    for i, inject in enumerate(sc.injects):
        yield from cond(inject.when, ("injects", i, "when"))
        yield from effects(inject.effects, ("injects", i, "effects"))
    for i, rule in enumerate(sc.rules):
        yield from cond(rule.when, ("rules", i, "when"))
        yield from effects(rule.effects, ("rules", i, "effects"))
    for i, f in enumerate(sc.friction):
        yield from number(f.chance, ("friction", i, "chance"))
        yield from effects(f.effects, ("friction", i, "effects"))
    for i, a in enumerate(sc.arguments.table):
        yield from effects(a.effects, ("arguments", "table", i, "effects"))
    for i, e in enumerate(sc.endings):
        yield from cond(e.when, ("endings", i, "when"))


def _draft_only(text: str, kind: expr.ExprType, council: expr.Schema) -> expr.ExprError | None:
    """Explain an expression refused only because it asks about the draft being voted."""
    try:
        node = expr.compile_expr(text, council, kind).node
    except expr.ExprError:
        return None
    used = sorted(f"{fn}()" for fn in expr.calls_in(node) if fn in DRAFT_FUNCTIONS)
    used += sorted(name for name in expr.names_in(node) if name in DRAFT_NAMES)
    if not used:
        return None
    words = " and ".join(used)
    return expr.ExprError(
        f"{words} {'asks' if len(used) == 1 else 'ask'} about the draft being voted, so "
        f"{'it works' if len(used) == 1 else 'they work'} only in a council member's "
        "disposition rules",
        text.find(used[0].removesuffix("()")) + 1,
    )


def _expr_message(text: str, error: expr.ExprError) -> str:
    where = f" at column {error.column}" if error.column else ""
    return f"in {text!r}{where}: {error.message}"
