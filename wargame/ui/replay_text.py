"""The replay viewer's words: where it stands, the round so far, the sealed orders, the force.

Everything from the save (titles, arguments, reasons, names) goes through
`wargame.ui.text` helpers: literal, control characters made visible.
"""

from __future__ import annotations

from rich.text import Text

from wargame.engine import Phase, View
from wargame.engine.narrate import render
from wargame.replay.cursor import Cursor, Lens
from wargame.scenario.models import Scenario
from wargame.ui.text import shown
from wargame.ui.widgets.charts import target_title
from wargame.ui.widgets.news import KIND_STYLE


def lens_name(lens: Lens, scenario: Scenario) -> str:
    """`Public board`, `France's view`, `Omniscient`."""
    if lens.omniscient:
        return "Omniscient"
    if lens.seat is None:
        return "Public board"
    name = next((s.name for s in scenario.seats if s.id == lens.seat), lens.seat)
    return f"{name}'s view"


def segment_label(cursor: Cursor, index: int) -> str:
    """`Round 2`, with `(undone by a later rewind)` or `(played again)` when it applies."""
    seg = cursor.timeline.segments[index]
    label = f"Round {seg.round}"
    if seg.undone:
        return label + " (undone by a later rewind)"
    if any(s.round == seg.round for s in cursor.timeline.segments[:index]):
        return label + " (played again after a rewind)"
    return label


def where_text(cursor: Cursor, scenario: Scenario) -> Text:
    """The position: round, step, phase."""
    step = cursor.step
    number, count = cursor.position
    seg = cursor.segment
    phase = step.state.phase
    if phase is Phase.ENDED:
        stage = "the game is over"
    elif seg.resolved_at is not None and cursor.at >= seg.resolved_at:
        stage = "resolution"
    else:
        stage = phase.value
    out = Text()
    out.append(shown(segment_label(cursor, seg.index)), "bold")
    out.append(f" of {scenario.rounds} · {stage} · step {number} of {count}")
    return out


def step_text(cursor: Cursor, names_view: View) -> Text:
    """The step on screen, in words."""
    step = cursor.step
    if step.event is not None:
        return Text(shown(render(step.event, names_view.names)), "bold")
    if step.index == 0:
        return Text("The game begins: round 1's briefing.", "bold")
    state = step.state
    return Text(
        f"The save stops here: round {state.round}, {state.phase.value} phase "
        "(`wargame play --resume` goes on from here).",
        "bold",
    )


def round_text(cursor: Cursor, view: View) -> Text:
    """This round's events so far that the lens sees, the one on screen marked."""
    out = Text()
    for step in cursor.so_far():
        if step.event is None:
            continue
        if out:
            out.append("\n")
        here = step.index == cursor.at
        out.append("▶ " if here else "  ", "bold")
        style = "reverse" if here else KIND_STYLE.get(step.event.kind, "")
        out.append(shown(render(step.event, view.names)), style)
    if not out:
        out.append("Nothing yet this round.")
    return out


def orders_text(cursor: Cursor, scenario: Scenario, players: dict[str, str]) -> Text | None:
    """The round's sealed orders this lens may see, once revealed; None if it sees none."""
    lens = cursor.lens
    seats = [s for s in scenario.seats if lens.sees_orders_of(s.id)]
    if not seats:
        return None
    seg = cursor.segment
    ended = cursor.timeline.ended
    out = Text()
    if not cursor.orders_shown():
        if seg.resolved_at is not None:
            out.append(f"Sealed until round {seg.round} is resolved.", "italic")
        elif seg.undone:
            out.append("Never resolved: a rewind undid this round first.", "italic")
        elif ended:
            out.append(
                "Sealed: the game ended before this round was resolved (shown at its end).",
                "italic",
            )
        else:
            out.append(
                "Sealed: the save stops before this round is resolved (shown where it stops).",
                "italic",
            )
        return out
    if seg.resolved_at is None and not any(seg.orders.get(s.id) for s in seats):
        out.append(
            f"No orders entered: the game ended before round {seg.round} was resolved."
            if ended
            else f"No orders entered yet: the save stops before round {seg.round} is resolved.",
            "italic",
        )
        return out
    if seg.resolved_at is None:
        out.append(
            "Entered before the game ended, never resolved:\n"
            if ended
            else "Entered so far, sealed: the round is not resolved yet.\n",
            "italic",
        )
    for seat in seats:
        who = seat.name + (f" ({players[seat.id]})" if players.get(seat.id) else "")
        out.append(shown(who) + "\n", "bold")
        orders = seg.orders.get(seat.id, ())
        for order in orders:
            out.append("  ")
            out.append(shown(order.text()))
            out.append("\n")
        if not orders:
            out.append("  no orders\n", "italic")
    out.rstrip()
    return out


def force_text(view: View, scenario: Scenario) -> Text:
    """Units in honoured pledges against the requirement, by force."""
    requirement = scenario.force.requirement
    out = Text()
    if not requirement:
        out.append("This scenario sets no force requirement.")
        return out
    names = {a.id: a.name for a in scenario.assets}
    targets = ["coalition"] + (["un_mission"] if view.mission else [])
    for target in targets:
        if out:
            out.append("\n")
        out.append(shown(target_title(target)) + ": ", "bold")
        have = view.force.get(target, {})
        out.append(
            shown(
                ", ".join(
                    f"{names.get(a, a)} {have.get(a, 0)}/{needed}"
                    for a, needed in requirement.items()
                )
            )
        )
    return out


__all__ = [
    "force_text",
    "lens_name",
    "orders_text",
    "round_text",
    "segment_label",
    "step_text",
    "where_text",
]
