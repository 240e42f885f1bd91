"""Lists of what is on the table: drafts, guarantees, peace terms, red lines, scores."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from wargame.engine import View
from wargame.engine.state import DraftStatus
from wargame.scenario.models import Scenario

STATUS_STYLE = {
    DraftStatus.PROPOSED: "italic",
    DraftStatus.TABLED: "bold",
    DraftStatus.ADOPTED: "green",
    DraftStatus.VETOED: "bold red",
    DraftStatus.FAILED: "yellow",
}


def drafts_text(view: View) -> Text:
    """Drafts, amendments and motions with their status and tags."""
    out = Text()
    if not view.drafts:
        out.append("No draft has been tabled yet.", "dim")
    for d in view.drafts:
        kind = "procedural" if d.procedural else "substantive"
        if d.amends:
            kind = f"amendment to {d.amends}"
        elif d.motion_for:
            kind = "Uniting for Peace motion"
        out.append(f"{d.id} ", "bold")
        out.append(d.title)
        out.append(f"  [{kind}] ", "dim")
        status = d.status.value
        if d.vetoed_by:
            status += " by " + ", ".join(d.vetoed_by)
        if d.recommended:
            status += ", recommended by the Assembly" + (" (consented)" if d.consented else "")
        out.append(status, STATUS_STYLE[d.status])
        tags = list(d.tags) + [f"+{t}" for t in d.add_tags] + [f"-{t}" for t in d.remove_tags]
        if tags:
            out.append("  " + " ".join(tags), "cyan")
        out.append("\n")
    return out


def guarantees_text(view: View) -> Text:
    """Offered and active guarantees, peace terms, red lines, the mission."""
    out = Text()
    if view.mission:
        m = view.mission
        out.append(
            f"UN mission ({m.draft}): {m.mandate.value} mandate, strength {m.strength_pct}%\n",
            "bold green",
        )
    for g in view.guarantees:
        state = (
            "ACTIVE"
            if g.active
            else {None: "offered", True: "accepted", False: "rejected"}[g.accepted]
        )
        out.append(f"{g.id} ", "bold")
        out.append(
            f"{g.type.replace('_', ' ')} from {g.guarantor}, backed by {', '.join(g.backing)}: "
        )
        out.append(state, "bold green" if g.active else "")
        if g.active:
            out.append(f" (strength {g.strength})")
        out.append("\n")
    for t in view.terms:
        out.append(f"{t.id} ", "bold")
        out.append(f"peace terms: {t.title} [{', '.join(t.tags)}]")
        if t.accepted_by:
            out.append(f" accepted by {', '.join(t.accepted_by)}", "green")
        if t.rejected_by:
            out.append(f" rejected by {', '.join(t.rejected_by)}", "red")
        out.append("\n")
    for r in view.red_lines:
        out.append(f"{r.id} ", "bold")
        out.append(f"red line of {r.seat}: \u201c{r.text}\u201d [{', '.join(r.tags)}]")
        if r.crossed_round:
            out.append(f" CROSSED in round {r.crossed_round}", "bold red")
        out.append("\n")
    if view.in_force:
        out.append("In force: " + ", ".join(view.in_force), "cyan")
    if not out.plain:
        out.append("No guarantee, terms or red line yet.", "dim")
    return out


def scores_text(view: View, scenario: Scenario) -> Text:
    """Objectives the viewer may see, with whether each holds if the game ended now."""
    out = Text()
    names = {s.id: s.name for s in scenario.seats}
    for seat in scenario.seats:
        mine = [o for o in view.objectives if o.seat == seat.id]
        if not mine:
            continue
        total = sum(o.points for o in mine if o.met_now)
        out.append(f"{names[seat.id]}: {total} pts if it ended now\n", "bold")
        for o in mine:
            mark = "✔" if o.met_now else "·"
            secret = " (secret)" if o.secret else ""
            out.append(f"  {mark} {o.points:+d} {o.text}{secret}\n", "green" if o.met_now else "")
    return out


class TextPanel(Static):
    """A block of literal text (never markup)."""

    DEFAULT_CSS = """
    TextPanel { height: auto; }
    """
