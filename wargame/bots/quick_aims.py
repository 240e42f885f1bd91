"""What a quick bot wants, read once from its seat's objectives and persona.

The objectives' conditions are read for their direction: `tension < 40` wants
tension low, `not in_force("nato_troops")` wants that tag out of force,
`terms_accepted("ceasefire_line")` wants terms carrying that tag. The bot uses
this to choose which candidates to consider (which tags to put in terms or a
new draft, which red lines to draw, which assets to pledge); each candidate
is then valued on the board as it would be (`quick_board.Outlook`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from wargame.bots.quick_board import Weights
from wargame.scenario import expr
from wargame.scenario.models import BotPersona, Scenario, SeatDef

_TRACK_SCALE = 40.0
"""An objective of N points on a track is worth N / this per point of the track."""
_BASE_CREDIBILITY = 0.02
"""Credibility is worth a little to every seat, objective or not."""


@dataclass(slots=True)
class Aims:
    """A seat's wants, by kind of thing, with a sign (+ wanted, - unwanted) and weight."""

    seat: str
    objectives: tuple[tuple[str, float], ...]
    """The seat's objectives as (condition, points), and its persona's priorities as
    `in_force("tag")` worth a point or two each."""
    weights: Weights
    cooperation: float
    """0-1: how readily it backs others' initiatives."""
    risk: float
    """0-1: how readily it accepts escalation."""
    in_force: dict[str, float] = field(default_factory=dict)
    """Tags it wants in force (any way: drafts, guarantees, terms, deployments)."""
    terms: dict[str, float] = field(default_factory=dict)
    """Tags it wants in accepted peace terms."""
    adopted: dict[str, float] = field(default_factory=dict)
    """Tags it wants in adopted drafts."""
    drafts: dict[str, float] = field(default_factory=dict)
    """Drafts it wants adopted, by id."""
    calls: dict[str, float] = field(default_factory=dict)
    """Other functions of the vocabulary it wants to hold or grow (`un_mission`,
    `guarantee_strength`, `force_met`...), summed over their uses."""
    own_assets: dict[str, float] = field(default_factory=dict)
    """Its own assets it wants backing a guarantee (`backs_guarantee(seat, asset)`) or pledged."""

    def tag_wish(self, tag: str) -> float:
        """How much it wants `tag` to be in force, all ways counted."""
        return self.in_force.get(tag, 0.0) + self.terms.get(tag, 0.0) + self.adopted.get(tag, 0.0)


def _arg(node: expr.Node) -> str | None:
    return node.value if isinstance(node, expr.Str) else None


def _atoms(node: expr.Node, sign: float) -> Iterator[tuple[expr.Node, float]]:
    """The leaves of a condition with the direction the condition wants them."""
    if isinstance(node, expr.Unary) and node.op == "not":
        yield from _atoms(node.operand, -sign)
    elif isinstance(node, expr.Binary) and node.op in ("and", "or"):
        yield from _atoms(node.left, sign)
        yield from _atoms(node.right, sign)
    elif isinstance(node, expr.Binary) and node.op in ("<", "<=", ">", ">=", "==", "!="):
        direction = {">": 1, ">=": 1, "<": -1, "<=": -1, "!=": 1}.get(node.op, 0)
        if node.op == "==":
            direction = -1 if isinstance(node.right, expr.Int) and node.right.value == 0 else 0
        if direction:
            yield from _atoms(node.left, sign * direction)
            yield from _atoms(node.right, -sign * direction)
    elif isinstance(node, expr.Binary):
        yield from _atoms(node.left, sign)
        yield from _atoms(node.right, sign if node.op != "-" else -sign)
    else:
        yield node, sign


def _persona(seat: SeatDef) -> BotPersona:
    return seat.bot if seat.bot is not None else BotPersona()


def aims_of(scenario: Scenario, seat_id: str) -> Aims:
    """The wants of `seat_id`, from its objectives and its persona in `scenario`."""
    seat = next(s for s in scenario.seats if s.id == seat_id)
    persona = _persona(seat)
    tracks = {t.id for t in scenario.tracks}
    track_weights: dict[str, float] = {}
    credibility = _BASE_CREDIBILITY
    aims = Aims(
        seat_id,
        tuple((ob.when, ob.points) for ob in seat.objectives),
        Weights({}, 0.0),
        persona.cooperation / 100,
        persona.risk / 100,
    )
    for ob in seat.objectives:
        for atom, sign in _atoms(expr.parse(ob.when), 1.0):
            value = sign * ob.points
            if isinstance(atom, expr.Name):
                if atom.path in tracks:
                    track_weights[atom.path] = (
                        track_weights.get(atom.path, 0.0) + value / _TRACK_SCALE
                    )
                elif atom.path == f"{seat_id}.credibility":
                    credibility += value / _TRACK_SCALE
                elif atom.path.startswith(f"{seat_id}.pledged."):
                    asset = atom.path.rsplit(".", 1)[1]
                    aims.own_assets[asset] = aims.own_assets.get(asset, 0.0) + value
            elif isinstance(atom, expr.Call):
                args = [_arg(a) for a in atom.args]
                first = args[0] if args else None
                table = {
                    "in_force": aims.in_force,
                    "terms_accepted": aims.terms,
                    "adopted_tag": aims.adopted,
                    "adopted": aims.drafts,
                }.get(atom.fn)
                if table is not None and first is not None:
                    table[first] = table.get(first, 0.0) + value
                elif atom.fn == "backs_guarantee" and first == seat_id and args[1]:
                    aims.own_assets[args[1]] = aims.own_assets.get(args[1], 0.0) + value
                    aims.calls["guarantee_strength"] = (
                        aims.calls.get("guarantee_strength", 0.0) + value
                    )
                else:
                    key = atom.fn if atom.fn != "leads" or first != seat_id else "own_lead"
                    aims.calls[key] = aims.calls.get(key, 0.0) + value
    known = {t.id for t in scenario.tags}
    wished = [tag for tag in persona.priorities if tag in known]
    for rank, tag in enumerate(wished):
        bonus = 2.0 * (len(wished) - rank) / len(wished)
        aims.in_force[tag] = aims.in_force.get(tag, 0.0) + bonus
        aims.objectives += ((f'in_force("{tag}")', bonus),)
    aims.weights = Weights(track_weights, credibility)
    return aims
