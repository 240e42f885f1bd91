"""A scenario compiled for play: its expressions parsed once, looked up by text."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from functools import cached_property

from wargame.engine.names import Names
from wargame.scenario import expr
from wargame.scenario.models import (
    AssetDef,
    GuaranteeType,
    MemberDef,
    Scenario,
    SeatDef,
    Vote,
)
from wargame.scenario.vocabulary import TARGET_NAMES, schema_for


class Rules:
    """The scenario plus caches of its compiled conditions and effects.

    Scenario expressions were checked when the scenario loaded; compiling them
    here again cannot fail for a validated scenario.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._nodes: dict[tuple[str, bool], expr.Node] = {}
        self._effects: dict[str, expr.Effect] = {}
        self._schemas: dict[frozenset[str], expr.Schema] = {}
        self._problems: dict[tuple[str, frozenset[str]], str | None] = {}
        self.conditions: dict[str, expr.Bound] = {}
        """Text -> the condition (or number) as a function of an evaluator
        (`evaluation.bound`), filled as the evaluator first asks."""
        self.draft_conditions: dict[str, expr.Bound] = {}
        """The same for conditions asked about a draft (disposition rules)."""
        self.dispositions: dict[int, tuple[MemberDef, tuple[tuple[expr.Bound, Vote], ...]]] = {}
        """Id of a council member -> (the member, its disposition rules bound to an evaluator,
        with their votes): `council.disposition` fills it."""

    @cached_property
    def schema(self) -> expr.Schema:
        """The schema of conditions outside the council."""
        return _schema_of(self.scenario, draft=False)[0]

    @cached_property
    def draft_schema(self) -> expr.Schema:
        """The schema of disposition rules (which may ask about the draft)."""
        return _schema_of(self.scenario, draft=True)[0]

    def schema_with(self, drafts: Iterable[str]) -> expr.Schema:
        """The schema for conditions typed during play, knowing the tabled drafts."""
        key = frozenset(drafts)
        found = self._schemas.get(key)
        if found is None:
            found = schema_for(self.scenario, extra_drafts=sorted(key))
            self._schemas[key] = found
        return found

    def condition_problem(self, text: str, drafts: Iterable[str]) -> str | None:
        """Why a condition typed during play is not valid with these drafts tabled, or None."""
        key = (text, frozenset(drafts))
        if key not in self._problems:
            self._problems[key] = self._typed(key)[0]
        return self._problems[key]

    def _typed(self, key: tuple[str, frozenset[str]]) -> tuple[str | None, expr.Node | None]:
        """A condition typed during play, with these drafts tabled: why it is not valid
        (or None) and its compiled form (or None), shared by every `Rules` whose schema
        has the same contents (the drafts tabled only add to the schema's draft ids)."""
        shared = (self._schema_token, *key)
        found = _TYPED.get(shared)
        if found is None:
            try:
                found = (None, expr.compile_expr(key[0], self.schema_with(key[1]), _BOOL).node)
            except expr.ExprError as error:
                found = (str(error), None)
            if len(_TYPED) >= _MOST_SHARED:
                _TYPED.clear()
            _TYPED[shared] = found
        return found

    @cached_property
    def _schema_token(self) -> int:
        return _schema_of(self.scenario, draft=False)[1]

    @cached_property
    def _draft_schema_token(self) -> int:
        return _schema_of(self.scenario, draft=True)[1]

    def node(self, text: str, *, draft: bool = False, number: bool = False) -> expr.Node:
        """The compiled form of a condition (or number, when `number`)."""
        key = (text, draft)
        found = self._nodes.get(key)
        if found is None:
            token = self._draft_schema_token if draft else self._schema_token
            want = expr.ExprType.INT if number else expr.ExprType.BOOL
            shared = (token, text, want)
            found = _NODES.get(shared)
            if found is None:
                schema = self.draft_schema if draft else self.schema
                found = expr.compile_expr(text, schema, want).node
                if len(_NODES) >= _MOST_SHARED:
                    _NODES.clear()
                _NODES[shared] = found
            self._nodes[key] = found
        return found

    def order_condition(self, text: str, drafts: Iterable[str]) -> expr.Node:
        """The compiled form of a condition typed by a player (checked at entry)."""
        key = (text, False)
        found = self._nodes.get(key)
        if found is None:
            typed = frozenset(drafts)
            found = self._typed((text, typed))[1]
            if found is None:  # not valid: raise its error
                found = expr.compile_expr(text, self.schema_with(typed), _BOOL).node
            self._nodes[key] = found
        return found

    def effect(self, text: str) -> expr.Effect:
        """The compiled form of an effect."""
        found = self._effects.get(text)
        if found is None:
            shared = (self._schema_token, text)
            found = _EFFECTS.get(shared)
            if found is None:
                found = expr.parse_effect(text, self.schema)
                if len(_EFFECTS) >= _MOST_SHARED:
                    _EFFECTS.clear()
                _EFFECTS[shared] = found
            self._effects[text] = found
        return found

    @cached_property
    def costs(self) -> dict[str, int]:
        """What each field of the scenario's `costs` charges (`grammar.cost` reads it)."""
        costs = self.scenario.costs
        return {name: int(getattr(costs, name)) for name in type(costs).model_fields}

    @cached_property
    def names(self) -> Names:
        """Display names by id, for the news."""
        return Names.of(self.scenario)

    @cached_property
    def seats(self) -> dict[str, SeatDef]:
        """Seats by id, in scenario order."""
        return {s.id: s for s in self.scenario.seats}

    @cached_property
    def track_bounds(self) -> dict[str, tuple[int, int]]:
        """Each track's (min, max) by id, in scenario order."""
        return {t.id: (t.min, t.max) for t in self.scenario.tracks}

    @cached_property
    def income(self) -> tuple[tuple[str, int], ...]:
        """Each seat's PC income, in scenario order."""
        return tuple((s.id, s.income) for s in self.scenario.seats)

    @cached_property
    def members(self) -> dict[str, MemberDef]:
        """Council members by id, in council order."""
        return {m.id: m for m in self.scenario.council.members}

    @cached_property
    def voters(self) -> tuple[tuple[str, str | None, MemberDef], ...]:
        """Each council member as (its id, the seat that votes for it or None, the member),
        in council order."""
        return tuple((m.id, m.seat, m) for m in self.scenario.council.members)

    @cached_property
    def permanent_members(self) -> frozenset[str]:
        """The permanent members' ids."""
        return frozenset(m.id for m in self.scenario.council.members if m.permanent)

    @cached_property
    def party_members(self) -> frozenset[str]:
        """The ids of the members whose seat is a party to the conflict."""
        parties = self.scenario.roles.parties
        return frozenset(m.id for m in self.scenario.council.members if m.seat in parties)

    @cached_property
    def member_of_seat(self) -> dict[str, str]:
        """The council member each council-member seat votes for."""
        return {m.seat: m.id for m in self.scenario.council.members if m.seat}

    @cached_property
    def assets(self) -> dict[str, AssetDef]:
        """Asset kinds by id."""
        return {a.id: a for a in self.scenario.assets}

    @cached_property
    def parties(self) -> frozenset[str]:
        """The parties to the conflict (both must accept peace terms)."""
        return frozenset(self.scenario.roles.parties)

    @cached_property
    def requirement(self) -> dict[str, int]:
        """The force requirement's assets that count (more than 0 needed), in scenario order."""
        return {k: v for k, v in self.scenario.force.requirement.items() if v > 0}

    @cached_property
    def strengths(self) -> tuple[tuple[str, int, int], ...]:
        """Each asset's id, strength and units per strength, in scenario order: all that
        `strength` reads (a pledge book's contributions are remembered by it)."""
        return tuple((a.id, a.strength, a.per) for a in self.scenario.assets)

    def strength(self, asset: str, amount: int) -> int:
        """Strength points that `amount` units of `asset` give."""
        a = self.assets[asset]
        return amount * a.strength // a.per

    @cached_property
    def substantive_tags(self) -> frozenset[str]:
        """Tags only a substantive decision can carry: the council's list and the mission tags."""
        sc = self.scenario
        return frozenset(sc.council.substantive_tags) | frozenset(sc.force.mission_tags)

    @cached_property
    def procedural_tags(self) -> tuple[str, ...]:
        """Tags a new draft declared procedural may carry, in scenario tag order."""
        sc = self.scenario
        listed = sc.council.procedural_tags
        if listed is None:
            listed = [t for d in sc.drafts if d.procedural for t in d.tags]
        return tuple(t.id for t in sc.tags if t.id in listed and t.id not in self.substantive_tags)

    def votes_as_procedural(self, procedural: bool, tags: Iterable[str]) -> bool:
        """Whether a draft declared `procedural` with `tags` is voted as procedural."""
        return procedural and self.substantive_tags.isdisjoint(tags)

    @cached_property
    def guarantee_types(self) -> dict[str, GuaranteeType]:
        """Guarantee types by id."""
        return {g.id: g for g in self.scenario.guarantee_types}

    def backing_misfit(self, gtype: str, asset: str, target: str) -> str | None:
        """Why a pledge of `asset` to `target` cannot back a `gtype` guarantee, or None."""
        t = self.guarantee_types[gtype]
        if target in t.backing_targets and (not t.backing_assets or asset in t.backing_assets):
            return None
        assets = f"of {_either(t.backing_assets)} " if t.backing_assets else ""
        targets = " or the ".join(TARGET_NAMES[x] for x in t.backing_targets)
        return f"{t.name} guarantees are backed only by pledges {assets}to the {targets}"


_TOKENS: dict[Hashable, int] = {}
"""A schema's contents -> a small number standing for them (schemas with the same
contents check every expression alike)."""
_NODES: dict[tuple[int, str, expr.ExprType], expr.Node] = {}
"""(schema token, text, type) -> the compiled expression, shared by every `Rules` whose
schema has those contents: each bot compiles its seat's knowledge of the scenario, and
each game makes new bots, but the expressions and their schema are the same."""
_TYPED: dict[tuple[int, str, frozenset[str]], tuple[str | None, expr.Node | None]] = {}
"""(schema token, text, drafts tabled) -> a condition typed during play: why it is not
valid, or its compiled form (`Rules._typed`), shared likewise."""
_BOOL = expr.ExprType.BOOL
_EFFECTS: dict[tuple[int, str], expr.Effect] = {}
"""(schema token, text) -> the compiled effect, shared likewise."""
_MOST_SHARED = 20_000
_SCENARIO_SCHEMAS: dict[tuple[int, bool], tuple[Scenario, expr.Schema, int]] = {}
"""(id of a scenario, draft context) -> (the scenario, its schema, the schema's token). A
scenario is frozen, and so is a schema: every `Rules` of one scenario object (each game of a
batch makes its own) shares them; holding the scenario keeps its id its own."""
_MOST_SCENARIOS = 32


def _schema_of(scenario: Scenario, *, draft: bool) -> tuple[expr.Schema, int]:
    """The scenario's schema (with the draft's names, when `draft`) and its token."""
    key = (id(scenario), draft)
    found = _SCENARIO_SCHEMAS.get(key)
    if found is None or found[0] is not scenario:
        schema = schema_for(scenario, draft_context=True) if draft else schema_for(scenario)
        found = (scenario, schema, _token(schema))
        if len(_SCENARIO_SCHEMAS) >= _MOST_SCENARIOS:
            _SCENARIO_SCHEMAS.clear()
        _SCENARIO_SCHEMAS[key] = found
    return found[1], found[2]


def _token(schema: expr.Schema) -> int:
    """The number standing for `schema`'s contents."""
    contents = (
        tuple(sorted(schema.names.items())),
        tuple(sorted(schema.functions.items())),
        tuple(sorted(schema.domains.items())),
        schema.assignable,
    )
    return _TOKENS.setdefault(contents, len(_TOKENS))


def _either(words: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
