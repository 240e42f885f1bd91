"""The names and functions that conditions and effects may use in a scenario.

One place defines them: the loader checks scenario expressions against these
schemas, the engine evaluates the same names (:mod:`wargame.engine.evaluation`),
and docs/SCENARIOS.md lists them. `FUNCTIONS` is the whole vocabulary of calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from wargame.scenario.expr import ExprType, Growth, Param, Schema, Signature
from wargame.scenario.models import Scenario

INT, BOOL = ExprType.INT, ExprType.BOOL
TARGETS = ("coalition", "un_mission")
TARGET_NAMES = {"coalition": "coalition force", "un_mission": "UN mission"}
"""How the news names each pledge target."""
"""Where pledges can go."""
PLEDGE_GROWTH = Growth(
    rising_name=lambda path: path.split(".")[1:2] == ["pledged"],
    rising_calls=frozenset(
        {"force", "force_pct", "force_met", "contributors", "backs_guarantee", "in_force"}
    ),
    wild_calls=frozenset({"leads"}),
)
"""What a pledge's condition reads that moves with the pledges assumed to hold: each of these
only rises as more pledges hold, except `leads`, which may go either way."""

RESERVED = frozenset({"round", "rounds", "draft", "coalition", "un_mission", "facilitator"})
"""Words a track, seat or member id may not use."""


def _p(name: str, domain: str | None = None, type_: ExprType | None = None) -> Param:
    return Param(name, type_, domain)


FUNCTIONS: MappingProxyType[str, Signature] = MappingProxyType(
    {
        "adopted": Signature(
            (_p("draft", "draft"),), BOOL, "the draft was adopted by the Council (any of its votes)"
        ),
        "vetoed": Signature(
            (_p("draft", "draft"),), BOOL, "the draft was vetoed (at any of its votes)"
        ),
        "failed": Signature(
            (_p("draft", "draft"),),
            BOOL,
            "the draft failed for lack of votes (at any of its votes)",
        ),
        "tabled": Signature(
            (_p("draft", "draft"),), BOOL, "the draft has been tabled (at any time)"
        ),
        "adopted_tag": Signature((_p("tag", "tag"),), BOOL, "some adopted draft carries the tag"),
        "in_force": Signature(
            (_p("tag", "tag"),),
            BOOL,
            "the tag is in force: an adopted draft, a consented Assembly recommendation, "
            "an active guarantee, accepted peace terms or a deployment carries it",
        ),
        "terms_accepted": Signature(
            (_p("tag", "tag"),), BOOL, "peace terms carrying the tag were accepted by both parties"
        ),
        "vetoes": Signature((_p("seat", "seat"),), INT, "vetoes the seat has cast this game"),
        "guarantee_active": Signature(
            (_p("type", "guarantee_type"),), BOOL, "a guarantee of this type is active"
        ),
        "guarantees_active": Signature((), INT, "number of active guarantees"),
        "guarantee_strength": Signature((), INT, "total strength of the active guarantees"),
        "backs_guarantee": Signature(
            (_p("seat", "seat"), _p("asset", "asset")),
            BOOL,
            "the seat's honoured pledges of the asset back an active guarantee",
        ),
        "force": Signature(
            (_p("target", "target"), _p("asset", "asset")),
            INT,
            "units of the asset in honoured pledges to the target",
        ),
        "force_met": Signature(
            (_p("target", "target"),), BOOL, "the target's honoured pledges meet the requirement"
        ),
        "force_pct": Signature(
            (_p("target", "target"),),
            INT,
            "how far the target meets the requirement, 0-100 (average over required assets)",
        ),
        "contributors": Signature(
            (_p("target", "target"),), INT, "seats with honoured pledges to the target"
        ),
        "leads": Signature(
            (_p("seat", "seat"), _p("target", "target")),
            BOOL,
            "the seat contributes the most strength to the target (ties do not lead)",
        ),
        "un_mission": Signature((), BOOL, "a UN mission has a mandate"),
        "un_mandate": Signature(
            (), INT, "the mission's mandate strength: 100 from the Council, less from the Assembly"
        ),
        "red_lines_crossed": Signature(
            (_p("seat", "seat"),), INT, "how many of the seat's red lines have been crossed"
        ),
        "min": Signature((_p("a", type_=INT), _p("b", type_=INT)), INT, "the smaller number"),
        "max": Signature((_p("a", type_=INT), _p("b", type_=INT)), INT, "the larger number"),
    }
)

DRAFT_FUNCTIONS: MappingProxyType[str, Signature] = MappingProxyType(
    {
        "has_tag": Signature(
            (_p("tag", "tag"),), BOOL, "the draft being voted carries the tag (after amendments)"
        ),
        "sponsored_by": Signature(
            (_p("seat", "seat"),), BOOL, "the draft being voted was tabled by the seat"
        ),
    }
)
"""Functions that only disposition rules may use: they ask about the draft being voted."""

DRAFT_NAMES = {
    "draft.procedural": BOOL,
    "draft.substantive": BOOL,
    "draft.endorsed": BOOL,
    "draft.amendment": BOOL,
}
"""Names that only disposition rules may use."""


def _seat_names(seat: str, assets: Iterable[str]) -> dict[str, ExprType]:
    names = {f"{seat}.pc": INT, f"{seat}.credibility": INT}
    for asset in assets:
        names[f"{seat}.assets.{asset}"] = INT
        names[f"{seat}.pledged.{asset}"] = INT
    return names


def schema_for(
    scenario: Scenario, *, draft_context: bool = False, extra_drafts: Iterable[str] = ()
) -> Schema:
    """The schema that expressions in this scenario are checked against.

    `draft_context` adds what disposition rules may ask about the draft being
    voted; `extra_drafts` adds ids of drafts tabled during play (for conditions
    typed by players).
    """
    assets = [a.id for a in scenario.assets]
    names: dict[str, ExprType] = {"round": INT, "rounds": INT}
    assignable: set[str] = set()
    for track in scenario.tracks:
        names[track.id] = INT
        assignable.add(track.id)
    for seat in scenario.seats:
        seat_names = _seat_names(seat.id, assets)
        names.update(seat_names)
        assignable.update(n for n in seat_names if ".pledged." not in n)
    functions = dict(FUNCTIONS)
    if draft_context:
        names.update(DRAFT_NAMES)
        functions.update(DRAFT_FUNCTIONS)
    domains = {
        "draft": frozenset([d.id for d in scenario.drafts] + list(extra_drafts)),
        "tag": frozenset(t.id for t in scenario.tags),
        "seat": frozenset(s.id for s in scenario.seats),
        "asset": frozenset(assets),
        "guarantee_type": frozenset(g.id for g in scenario.guarantee_types),
        "target": frozenset(TARGETS),
    }
    return Schema(
        names=names, functions=functions, domains=domains, assignable=frozenset(assignable)
    )
