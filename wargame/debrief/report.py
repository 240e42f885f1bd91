"""The after-action report: a saved game's facts laid out as a document.

`report(facts)` builds the `doc.Document`; `markdown.render` and `html.render`
write it. Event prose comes from the facts (`narrate`); the sentences here only
say what the facts hold.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.debrief import doc
from wargame.debrief.doc import Code, Heading, Para, Strong, line
from wargame.debrief.facts import ForceFacts, ReportFacts, SeatFacts, VoteFacts
from wargame.engine.events import DraftForm
from wargame.engine.state import DraftStatus, PledgeStatus


def report(f: ReportFacts) -> doc.Document:
    """The whole after-action report."""
    blocks: list[doc.Block] = [Heading(1, line(f"After-action report: {f.scenario_title}"))]
    if f.summary:
        blocks.append(doc.Prose(f.summary))
    blocks.append(doc.table(["", ""], [[k, v] for k, v in head(f)]))
    for section in (
        _seats,
        _ending,
        _charts,
        _votes,
        _amendments,
        _assembly,
        _pledges,
        _guarantees,
        _red_lines,
        _injects,
        _facilitator,
        _timeline,
        _pending,
    ):
        blocks += section(f)
    return doc.Document(f"After-action report: {f.scenario_title}", tuple(blocks))


def head(f: ReportFacts) -> list[tuple[str, str]]:
    """The report's head: (label, value) rows."""
    if f.ending is not None:
        stands = f"ended in round {f.ending.round} of {f.rounds}: {f.ending.title}"
    else:
        stands = f"not ended: round {f.round} of {f.rounds} ({f.phase.value})"
    rows = [
        ("Scenario", f"{f.scenario_title} ({f.scenario_id})"),
        ("Seed", str(f.seed)),
        ("Game", f"{stands}; {f.resolved} round(s) resolved"),
        ("Save", f"created {f.created}, last written {f.updated} by wargame {f.app_version}"),
    ]
    if f.fork is not None:
        rows.append(("What-if game", f"forked from round {f.fork[1]} of {f.fork[0]}"))
    rows.append(("Facilitator overrides", overrides_line(f)))
    return rows


def overrides_line(f: ReportFacts) -> str:
    """Whether the facilitator overrode anything, in one line."""
    steering = [a for a in f.facilitator if a.overrides]
    parts = []
    if steering:
        parts.append(f"{len(steering)} act(s) that steered the game (see Facilitator acts)")
    if f.save_overrides:
        parts.append(f"checks overridden with --force {len(f.save_overrides)} time(s)")
    return "yes: " + "; ".join(parts) if parts else "none"


def played_by(s: SeatFacts) -> str:
    """Who played a seat: the players' names, or the bot."""
    if s.control == "bot":
        return f"bot ({s.bot})" if s.bot else "bot"
    return s.player or "people (no names given)"


def _seats(f: ReportFacts) -> list[doc.Block]:
    rows = [[s.name, played_by(s), s.member or "—"] for s in f.seats]
    return [
        Heading(2, line("Seats and players")),
        doc.table(["Seat", "Played by", "Council member"], rows),
    ]


def _ending(f: ReportFacts) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("The ending and the scores"))]
    if f.ending is None:
        out.append(
            Para(
                line(
                    f"The game has not ended: it stands at round {f.round} ({f.phase.value}). "
                    "The scores below are as the board stands."
                )
            )
        )
    else:
        e = f.ending
        out.append(Para(line(Strong(e.title), " (", Code(e.ending), f"), round {e.round}.")))
        if e.text:
            out.append(doc.Prose(e.text))
        if e.reason:
            out.append(Para(line(f"Ended by the facilitator: {e.reason}")))
    out.append(doc.table(["Seat", "Points"], [[s.name, str(s.points)] for s in f.scores]))
    for s in f.scores:
        out.append(Heading(3, line(f"{s.name}: {s.points} points")))
        if not s.objectives:
            out.append(Para(line("No objectives.")))
            continue
        rows = [
            [
                o.text,
                Code(o.id),
                f"{o.points:+d}",
                Strong("met") if o.met else "not met",
                "secret" if o.secret else "public",
            ]
            for o in s.objectives
        ]
        out.append(doc.table(["Objective", "Id", "Points", "Result", "Known to"], rows))
    return out


def _charts(f: ReportFacts) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("Charts"))]
    out += [doc.Chart(t.name, t.values, t.min, t.max) for t in f.tracks]
    if not f.requirement:
        return [*out, Para(line("This scenario sets no force requirement."))]
    for target in dict.fromkeys(x.target for x in f.force):
        points = [x for x in f.force if x.target == target]
        out.append(
            doc.Chart(
                f"{points[0].target_name}: honoured pledges, % of the force requirement",
                tuple(x.percent for x in points),
                0,
                100,
                first_round=points[0].round,
                goal=100,
                suffix="%",
            )
        )
    return out


_FORMS = {DraftForm.DRAFT: "draft", DraftForm.AMENDMENT: "amendment", DraftForm.MOTION: "motion"}


def vote_title(v: VoteFacts) -> str:
    """One line on a vote: what, by whom, how voted, the outcome and who vetoed."""
    what = _FORMS[v.form]
    if v.form is DraftForm.AMENDMENT and v.amends:
        what += f" to {v.amends}"
    if v.form is DraftForm.MOTION:
        what = "Uniting for Peace motion"
    kind = "procedural" if v.procedural else "substantive"
    count = f"{v.yes} yes, {v.no} no, {v.abstain} abstaining, {v.absent} absent"
    if v.outcome is DraftStatus.VETOED:
        result = f"VETOED by {', '.join(v.vetoed_by)}"
    else:
        result = v.outcome.value.upper()
    notes = []
    if v.made_substantive:
        notes.append("the double veto made it substantive")
    if v.parties_abstained:
        notes.append("parties abstained under Art. 27(3)")
    tail = f" ({'; '.join(notes)})" if notes else ""
    return f"{what} “{v.title}”, sponsored by {v.sponsor}, {kind}: {result} ({count}){tail}"


def _votes(f: ReportFacts) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("Council votes"))]
    if not f.votes:
        return [*out, Para(line("The council voted on nothing."))]
    for round_ in sorted({v.round for v in f.votes}):
        voted = [v for v in f.votes if v.round == round_]
        out.append(Heading(3, line(f"Round {round_}")))
        out.append(doc.items([line(Code(v.draft), f": {vote_title(v)}") for v in voted]))
        out.append(vote_matrix(voted))
        lobbying = [x for v in voted for x in v.lobbying]
        if lobbying:
            out.append(Para(line("Lobbying and endorsement:")))
            out.append(doc.items([line(x) for x in lobbying]))
    return out


def vote_matrix(voted: Sequence[VoteFacts]) -> doc.Table:
    """Members × the items voted: each member's vote, the veto marked, then the outcome."""
    rows: list[list[doc.Span | doc.Inline]] = []
    for i, member in enumerate(voted[0].votes):
        row: list[doc.Span | doc.Inline] = [
            member.name + (" (permanent)" if member.permanent else "")
        ]
        for v in voted:
            mv = v.votes[i] if i < len(v.votes) else None
            if mv is None:
                row.append("—")
            elif mv.name in v.vetoed_by:
                row.append(line(Strong(mv.vote.value), " (veto)"))
            else:
                row.append(mv.vote.value)
        rows.append(row)
    rows.append(
        [
            Strong("Outcome"),
            *(line(Strong(v.outcome.value), f" {v.yes}-{v.no}-{v.abstain}") for v in voted),
        ]
    )
    return doc.table(["Member", *(Code(v.draft) for v in voted)], rows)


def _amendments(f: ReportFacts) -> list[doc.Block]:
    if not f.amendments:
        return []
    rows = [
        [
            str(a.round),
            Code(a.amendment),
            Code(a.draft),
            a.title,
            a.seat,
            " ".join([*(f"+{t}" for t in a.add), *(f"-{t}" for t in a.remove)]),
            a.outcome.value if a.outcome else "not voted",
        ]
        for a in f.amendments
    ]
    return [
        Heading(2, line("Amendments")),
        doc.table(["Round", "Amendment", "Draft", "Title", "By", "Change", "Outcome"], rows),
    ]


def _assembly(f: ReportFacts) -> list[doc.Block]:
    if not f.assembly:
        return []
    return [
        Heading(2, line("The UN mission, Uniting for Peace and the Assembly")),
        doc.items([line(f"Round {a.round}: {a.text}") for a in f.assembly]),
    ]


_RESULT = {
    PledgeStatus.HONOURED: "held",
    PledgeStatus.DROPPED: "dropped",
    PledgeStatus.WITHDRAWN: "withdrawn",
    PledgeStatus.PENDING: "pending",
}


def force_line(x: ForceFacts) -> str:
    """`20% (Troops 4000/10000, Jet squadrons 0/2)`."""
    held = ", ".join(f"{name} {have}/{need}" for name, have, need in x.held)
    return f"{x.percent}% ({held})"


def _pledges(f: ReportFacts) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("Pledges and the force"))]
    if f.requirement:
        need = ", ".join(f"{n} {name}" for name, n in f.requirement)
        out.append(Para(line(f"The force requirement: {need}.")))
    if not f.pledges:
        out.append(Para(line("No pledge was made.")))
    for round_ in sorted({p.round for p in f.pledges}):
        out.append(Heading(3, line(f"Round {round_}")))
        rows = [
            [
                Code(p.pledge),
                p.seat,
                f"{p.amount} {p.asset}",
                p.target,
                Code(p.condition) if p.condition else "—",
                _RESULT[p.status],
                p.why or "—",
            ]
            for p in f.pledges
            if p.round == round_
        ]
        out.append(doc.table(["Pledge", "Seat", "What", "To", "Condition", "Result", "Why"], rows))
    if f.requirement and f.force:
        out.append(Heading(3, line("Honoured pledges against the requirement, after each round")))
        targets = list(dict.fromkeys(x.target for x in f.force))
        names = [next(x.target_name for x in f.force if x.target == t) for t in targets]
        rows2 = [
            [str(r), *(force_line(x) for x in f.force if x.round == r)]
            for r in sorted({x.round for x in f.force})
        ]
        out.append(doc.table(["After round", *names], rows2))
    return out


def _guarantees(f: ReportFacts) -> list[doc.Block]:
    if not f.guarantees:
        return []
    out: list[doc.Block] = [Heading(2, line("Security guarantees"))]
    for g in f.guarantees:
        answer = {None: "not answered", True: "accepted", False: "rejected"}[g.accepted]
        active = f"active, strength {g.strength}" if g.active else "not active"
        out.append(Heading(3, line(Code(g.id), f": {g.guarantor}, {g.type}")))
        lines = [
            line(f"Offered in round {g.round}; {answer}; at the end: {active}."),
            line(f"Backing: {'; '.join(g.backing) or 'none'}"),
        ]
        if g.condition:
            lines.append(line("Condition: ", Code(g.condition)))
        lines += [line(f"Round {r}: {text}") for r, text in g.history]
        out.append(doc.items(lines))
    return out


def _red_lines(f: ReportFacts) -> list[doc.Block]:
    if not f.red_lines:
        return []
    items = []
    for r in f.red_lines:
        when = f"declared in round {r.round}" if r.round else "declared by the scenario"
        crossed = f"crossed {len(r.crossed)} time(s)" if r.crossed else "never crossed"
        items.append(
            doc.Item(
                line(
                    Code(r.id),
                    f" ({r.seat}): “{r.title}” over {', '.join(r.tags)}; {when}; {crossed}",
                ),
                tuple(line(f"Round {n}: {text}") for n, text in r.crossed),
            )
        )
    return [Heading(2, line("Red lines")), doc.Items(tuple(items))]


def _injects(f: ReportFacts) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("Injects"))]
    if not f.injects:
        return [*out, Para(line("No inject fired."))]
    lines = []
    for i in f.injects:
        who = f" (fired by the facilitator: {i.reason})" if i.reason is not None else ""
        text = f": {i.text}" if i.text.strip() else ""
        changes = f" [{i.changes}]" if i.changes else ""
        lines.append(line(f"Round {i.round}: ", Strong(i.title), f"{who}{text}{changes}"))
    return [*out, doc.items(lines)]


def _facilitator(f: ReportFacts) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("Facilitator acts"))]
    if not f.facilitator and not f.save_overrides:
        return [*out, Para(line("The facilitator did not intervene."))]
    lines = [line(f"Round {a.round}: {a.text}") for a in f.facilitator]
    lines += [line(f"Loaded with --force: {o}") for o in f.save_overrides]
    return [*out, doc.items(lines)]


def _timeline(f: ReportFacts) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("Timeline"))]
    for r in f.timeline:
        out.append(Heading(3, line(f"Round {r.round}")))
        out.append(
            doc.items(
                [
                    line(
                        e.text, f" (seen by {', '.join(e.private_to)} only)" if e.private_to else ""
                    )
                    for e in r.entries
                ]
            )
        )
    return out


def _pending(f: ReportFacts) -> list[doc.Block]:
    if not f.pending:
        return []
    return [
        Heading(2, line(f"Round {f.round}: sealed orders not yet resolved")),
        doc.Items(
            tuple(
                doc.Item(
                    line(p.seat, ": submitted" if p.submitted else ": not submitted"),
                    tuple(line(Code(order)) for order in p.orders),
                )
                for p in f.pending
            )
        ),
    ]
