"""Lists of what is on the table: drafts, guarantees, peace terms, red lines, scores.

Every status is written in words (ADOPTED, VETOED by Russia, ACTIVE...), so
the board reads the same without colour (NO_COLOR, monochrome themes).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from wargame.engine import View
from wargame.engine.state import DraftStatus
from wargame.scenario.models import Scenario
from wargame.ui.text import shown

STATUS_WORDS = {
    DraftStatus.PROPOSED: "proposed, needs a sponsor",
    DraftStatus.TABLED: "tabled, voted this round",
    DraftStatus.ADOPTED: "ADOPTED",
    DraftStatus.VETOED: "VETOED",
    DraftStatus.FAILED: "FAILED",
}


def _names(scenario: Scenario) -> dict[str, str]:
    names = {m.id: m.name for m in scenario.council.members}
    names.update({s.id: s.name for s in scenario.seats})
    return names


def drafts_text(view: View, scenario: Scenario) -> Text:
    """Drafts, amendments and motions with their sponsor, status and tags."""
    names = _names(scenario)
    members = {m.id: m.name for m in scenario.council.members}
    out = Text()
    if not view.drafts:
        out.append("No draft has been tabled yet.")
    for d in view.drafts:
        kind = "procedural" if d.procedural else "substantive"
        if d.amends:
            kind = f"amendment to {d.amends}, {kind}"
        elif d.motion_for:
            kind = f"Uniting for Peace motion on {d.motion_for}"
        out.append(f"{d.id} ", "bold")
        out.append(shown(d.title))
        out.append(shown(f"  ({kind}, by {names.get(d.sponsor, d.sponsor)}, round {d.round})  "))
        status = STATUS_WORDS[d.status]
        if d.vetoed_by:
            status += " by " + ", ".join(members.get(m, m) for m in d.vetoed_by)
        if d.recommended:
            status += ", recommended by the Assembly" + (
                " (host consented)" if d.consented else " (waiting for the host's consent)"
            )
        out.append(status, "bold")
        if d.earlier:
            out.append(
                "  earlier: "
                + "; ".join(
                    f"{e.status.value}"
                    + (
                        " by " + ", ".join(members.get(m, m) for m in e.vetoed_by)
                        if e.vetoed_by
                        else ""
                    )
                    + f" in round {e.round}"
                    for e in d.earlier
                )
            )
        tags = list(d.tags) + [f"+{t}" for t in d.add_tags] + [f"-{t}" for t in d.remove_tags]
        if tags:
            out.append("  tags: " + " ".join(tags), "italic")
        out.append("\n")
    out.rstrip()
    return out


def guarantees_text(view: View, scenario: Scenario) -> Text:
    """Offered and active guarantees, peace terms, red lines, the mission."""
    names = _names(scenario)
    out = Text()
    if view.mission:
        m = view.mission
        out.append(
            f"UN mission ({m.draft}): {m.mandate.value} mandate, strength {m.strength_pct}%\n",
            "bold",
        )
    for g in view.guarantees:
        if g.active:
            state = f"ACTIVE (strength {g.strength})"
        elif g.accepted is None:
            state = "offered, waiting for the host's answer"
        elif g.accepted:
            state = "accepted, not active: its backing is not (yet) in place"
        else:
            state = "REJECTED"
        out.append(f"{g.id} ", "bold")
        out.append(
            shown(
                f"guarantee: {g.type.replace('_', ' ')} from {names.get(g.guarantor, g.guarantor)}, "
                f"backed by {', '.join(g.backing) or 'nothing'}"
            )
        )
        if g.backers:
            backed = ", ".join(f"{names.get(w, w)} {pid}" for pid, w in g.backers)
            out.append(f" (committed by {backed})")
        if g.condition:
            out.append(shown(f", if {g.condition}"))
        out.append(f"  {state}\n", "bold")
    for t in view.terms:
        out.append(f"{t.id} ", "bold")
        out.append(shown(f"peace terms by {names.get(t.proposer, t.proposer)}: "))
        out.append(shown(t.title))
        out.append(f"  tags: {' '.join(t.tags)}", "italic")
        if t.accepted_by:
            out.append(
                shown(f"  accepted by {', '.join(names.get(s, s) for s in t.accepted_by)}"), "bold"
            )
        if t.rejected_by:
            out.append(
                shown(f"  REJECTED by {', '.join(names.get(s, s) for s in t.rejected_by)}"), "bold"
            )
        out.append("\n")
    for r in view.red_lines:
        out.append(f"{r.id} ", "bold")
        out.append(shown(f"red line of {names.get(r.seat, r.seat)}: \u201c"))
        out.append(shown(r.text))
        out.append(f"\u201d  tags: {' '.join(r.tags)}")
        if r.crossed_round:
            out.append(f"  CROSSED in round {r.crossed_round}", "bold reverse")
        out.append("\n")
    if view.in_force:
        out.append("In force: " + ", ".join(view.in_force), "italic")
    if not out.plain.strip():
        out.append("No guarantee, peace terms or red line yet.")
    out.rstrip()
    return out


def scores_text(view: View, scenario: Scenario) -> Text:
    """Objectives the viewer may see, with whether each holds if the game ended now."""
    out = Text()
    for seat in scenario.seats:
        mine = [o for o in view.objectives if o.seat == seat.id]
        if not mine:
            continue
        total = sum(o.points for o in mine if o.met_now)
        out.append(
            f"{seat.name}: {total} point{'' if total == 1 else 's'} if it ended now\n", "bold"
        )
        for o in mine:
            mark = "✔ met    " if o.met_now else "· not yet"
            secret = " (secret)" if o.secret else ""
            out.append(f"  {mark} {o.points:+d}  ")
            out.append(shown(o.text))
            out.append(f"{secret}\n")
    out.rstrip()
    return out


class TextPanel(Static):
    """A block of literal text (never markup)."""

    DEFAULT_CSS = """
    TextPanel { height: auto; }
    """
