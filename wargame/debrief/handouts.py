"""Handouts: a printable page per seat, and the facilitator's sheet, from a scenario.

A seat's page holds what that seat may know before play: the situation, its
own briefing, assets and objectives (its secret ones included, and no other
seat's), its red lines, and the orders it may give with their cost and syntax,
from the grammar registry (`wargame.engine.grammar`), which knows who may give
each verb. The facilitator's sheet holds everything: every seat, the council
and its dispositions in words, the inject library, the endings and how to
reach them, and the facilitator's acts. Pure: documents in, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from wargame.debrief import doc
from wargame.debrief.doc import Code, Heading, PageBreak, Para, Strong, line
from wargame.engine.grammar import Nature, Verb, verbs
from wargame.engine.orders import FACILITATOR
from wargame.scenario.models import MemberDef, Scenario, SeatDef


@dataclass(frozen=True, slots=True)
class Handouts:
    """Every page of a scenario's handouts, as documents."""

    seats: tuple[tuple[str, doc.Document], ...]
    """(seat id, its page), in scenario order."""
    facilitator: doc.Document
    """The facilitator's sheet."""

    def all_pages(self) -> doc.Document:
        """Every seat's page, then the facilitator's sheet, a page break between each."""
        blocks: list[doc.Block] = []
        for _, page in self.seats:
            blocks += [*page.blocks, PageBreak()]
        blocks += self.facilitator.blocks
        return doc.Document(f"Handouts: {self.facilitator.title}", tuple(blocks))


def handouts(scenario: Scenario) -> Handouts:
    """The handouts of a scenario."""
    return Handouts(
        tuple((s.id, seat_page(scenario, s)) for s in scenario.seats),
        facilitator_sheet(scenario),
    )


# --- a seat's page ----------------------------------------------------------------------


def seat_page(scenario: Scenario, seat: SeatDef) -> doc.Document:
    """What one seat's players read before play: nothing another seat keeps secret."""
    blocks: list[doc.Block] = [
        Heading(1, line(f"{seat.name}: {scenario.title}")),
        Para(line(f"For {seat.name}'s players only{_holds_secrets(seat)}.")),
    ]
    if scenario.briefing:
        blocks += [Heading(2, line("The situation")), doc.Prose(scenario.briefing)]
    if seat.briefing:
        blocks += [Heading(2, line("Your briefing")), doc.Prose(seat.briefing)]
    blocks += _standing(scenario, seat)
    blocks += _assets(scenario, seat)
    blocks += [Heading(2, line("Your objectives")), _objectives(seat)]
    red = [r for r in scenario.red_lines.declared if r.seat == seat.id]
    if red:
        blocks.append(Heading(2, line("Your red lines, declared from the start")))
        blocks.append(
            doc.items([line(Code(r.id), f": {r.text} (over {', '.join(r.tags)})") for r in red])
        )
    blocks += _orders(scenario, seat.id)
    blocks += _tracks(scenario)
    return doc.Document(f"{seat.name}: {scenario.title}", tuple(blocks))


def _holds_secrets(seat: SeatDef) -> str:
    return ": it holds your secret objectives" if any(o.secret for o in seat.objectives) else ""


def _role(scenario: Scenario, seat_id: str) -> str:
    roles = scenario.roles
    parts = []
    if seat_id == roles.host:
        parts.append("the host state (guarantees and UN missions need your answer)")
    if seat_id in roles.parties:
        parts.append("a party to the conflict (peace terms need your answer)")
    if seat_id == roles.secretariat:
        parts.append("the UN Secretariat (you propose mission concepts, mediate and endorse)")
    member = _member_of(scenario, seat_id)
    if member is not None:
        kind = "a permanent member, with a veto" if member.permanent else "an elected member"
        parts.append(f"{member.name} on the Security Council, {kind}")
    return "; ".join(parts) or "no special role"


def _member_of(scenario: Scenario, seat_id: str) -> MemberDef | None:
    return next((m for m in scenario.council.members if m.seat == seat_id), None)


def _standing(scenario: Scenario, seat: SeatDef) -> list[doc.Block]:
    return [
        Heading(2, line("Your seat")),
        doc.table(
            ["", ""],
            [
                ["Role", _role(scenario, seat.id)],
                ["Political capital (PC)", f"{seat.pc} at the start, +{seat.income} each round"],
                ["Credibility", f"{seat.credibility} (0 to 100)"],
            ],
        ),
    ]


def _assets(scenario: Scenario, seat: SeatDef) -> list[doc.Block]:
    if not seat.assets:
        return []
    known = {a.id: a for a in scenario.assets}
    rows: list[list[doc.Span]] = []
    for asset_id, amount in seat.assets.items():
        a = known.get(asset_id)
        name, unit = (a.name, a.unit) if a else (asset_id, "units")
        rows.append([name, f"{amount} {unit}", Code(asset_id)])
    hidden = (
        [Para(line("Your holdings are private: other seats do not see them."))]
        if seat.private_assets
        else []
    )
    return [
        Heading(2, line("Your assets")),
        doc.table(["Asset", "You hold", "Id in orders"], rows),
        *hidden,
    ]


def _objectives(seat: SeatDef) -> doc.Block:
    if not seat.objectives:
        return Para(line("No objectives."))
    return doc.table(
        ["Objective", "Points", "Known to"],
        [
            [
                o.text,
                f"{o.points:+d}",
                Strong("secret: yours alone") if o.secret else "everyone",
            ]
            for o in seat.objectives
        ],
    )


def _cost(scenario: Scenario, verb: Verb) -> str:
    if verb.cost is None:
        return "free"
    amount = int(getattr(scenario.costs, verb.cost))
    return f"{amount} PC" if amount else "free"


def _help(scenario: Scenario, verb: Verb) -> str:
    return next((f.help for f in verb.forms if f.available(scenario)), "")


def order_rows(scenario: Scenario, nature: Nature, seat_id: str) -> list[list[doc.Span]]:
    """(verb, cost, syntax, what it does) of every verb of `nature` the seat may give."""
    return [
        [
            Code(v.word),
            _cost(scenario, v),
            Code(
                seat_id + v.syntax.removeprefix("<seat>")
                if v.syntax.startswith("<seat>")
                else v.syntax
            ),
            _help(scenario, v),
        ]
        for v in verbs(nature, scenario, seat_id)
    ]


def _orders(scenario: Scenario, seat_id: str) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("What you may do"))]
    for nature, title in (
        (Nature.PUBLIC, "In negotiation, in the open"),
        (Nature.SECRET, "Sealed orders, revealed at resolution"),
    ):
        rows = order_rows(scenario, nature, seat_id)
        if rows:
            out.append(Heading(3, line(title)))
            out.append(doc.table(["Order", "Cost", "Syntax", "What it does"], rows))
    return out


def _tracks(scenario: Scenario) -> list[doc.Block]:
    if not scenario.tracks:
        return []
    rows = [
        [t.name, str(t.start), f"{t.min} to {t.max}", t.description or "—"] for t in scenario.tracks
    ]
    return [
        Heading(2, line("The tracks")),
        doc.table(["Track", "Start", "Range", "What it measures"], rows),
    ]


# --- the facilitator's sheet ------------------------------------------------------------


def facilitator_sheet(scenario: Scenario) -> doc.Document:
    """Everything the facilitator needs at the table, secrets included."""
    roles = scenario.roles
    names = {s.id: s.name for s in scenario.seats}
    blocks: list[doc.Block] = [
        Heading(1, line(f"Facilitator's sheet: {scenario.title}")),
        Para(line("For the facilitator only: it holds every seat's secret objectives.")),
        doc.table(
            ["", ""],
            [
                ["Scenario", line(scenario.title, " (", Code(scenario.id), ")")],
                ["Rounds", str(scenario.rounds)],
                ["Host", names.get(roles.host, roles.host)],
                ["Parties", ", ".join(names.get(p, p) for p in roles.parties)],
                [
                    "Secretariat",
                    names.get(roles.secretariat, roles.secretariat) if roles.secretariat else "—",
                ],
            ],
        ),
    ]
    blocks += _seats_overview(scenario)
    blocks += _council(scenario)
    blocks += _injects(scenario)
    blocks += _endings(scenario)
    rows = order_rows(scenario, Nature.FACILITATOR, FACILITATOR)
    blocks += [
        Heading(2, line("Your acts (each is logged with its reason)")),
        doc.table(["Act", "Cost", "Syntax", "What it does"], rows),
    ]
    return doc.Document(f"Facilitator's sheet: {scenario.title}", tuple(blocks))


def _seats_overview(scenario: Scenario) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("The seats"))]
    known = {a.id: a.name for a in scenario.assets}
    for seat in scenario.seats:
        assets = ", ".join(f"{n} {known.get(a, a)}" for a, n in seat.assets.items()) or "none"
        private = " (private)" if seat.private_assets else ""
        out.append(Heading(3, line(seat.name, " (", Code(seat.id), ")")))
        out.append(
            doc.items(
                [
                    line(f"Role: {_role(scenario, seat.id)}"),
                    line(f"PC {seat.pc} (+{seat.income} a round), credibility {seat.credibility}"),
                    line(f"Assets{private}: {assets}"),
                ]
            )
        )
        out.append(
            doc.table(
                ["Objective", "Points", "Known to", "Met when"],
                [
                    [
                        o.text,
                        f"{o.points:+d}",
                        Strong("secret") if o.secret else "everyone",
                        Code(o.when),
                    ]
                    for o in seat.objectives
                ],
            )
            if seat.objectives
            else Para(line("No objectives."))
        )
    return out


def disposition_words(member: MemberDef) -> doc.Inline:
    """How a member not played by a seat votes, in words (the first rule that holds)."""
    if not member.disposition:
        return line(f"always votes {member.default_vote.value}")
    spans: list[doc.Span] = []
    for i, rule in enumerate(member.disposition):
        spans += ["if " if i == 0 else "; else if ", Code(rule.when), f": {rule.vote.value}"]
    spans.append(f"; otherwise {member.default_vote.value}")
    return line(*spans)


def _council(scenario: Scenario) -> list[doc.Block]:
    council = scenario.council
    names = {s.id: s.name for s in scenario.seats}
    rules = [
        f"{len(council.members)} members; a draft needs {council.majority} yes votes",
        "a permanent member's no is a veto on a substantive draft",
    ]
    if council.double_veto:
        rules.append("double veto: a permanent member's no can make a procedural draft substantive")
    if council.obligatory_abstention:
        rules.append("parties to the dispute abstain under Art. 27(3)")
    ga = council.general_assembly
    if ga.enabled:
        rules.append(
            f"Uniting for Peace: the Assembly starts at {ga.base_yes}% in favour and recommends "
            f"at {ga.threshold}% (mission strength {ga.mandate_strength}%)"
        )
    else:
        rules.append("Uniting for Peace is switched off")
    rows = [
        [
            m.name + (" (permanent)" if m.permanent else ""),
            f"played by {names.get(m.seat, m.seat)}" if m.seat else disposition_words(m),
            "—" if m.seat else f"{m.lobby_chance}%",
        ]
        for m in council.members
    ]
    out: list[doc.Block] = [
        Heading(2, line("The Security Council")),
        doc.items([line(r) for r in rules]),
        Para(
            line(
                "Members not played by a seat vote by the first rule that holds, else their "
                "default; lobbying and endorsement then move that vote one step."
            )
        ),
        doc.table(["Member", "How it votes", "Lobbying chance"], rows),
    ]
    if ga.enabled and ga.modifiers:
        out.append(Para(line("The Assembly's share in favour moves:")))
        out.append(doc.items([line(f"{m.add:+d}% if ", Code(m.when)) for m in ga.modifiers]))
    return out


def _injects(scenario: Scenario) -> list[doc.Block]:
    out: list[doc.Block] = [Heading(2, line("Injects"))]
    if not scenario.injects:
        return [*out, Para(line("This scenario has no injects."))]
    rows: list[list[doc.Span | doc.Inline]] = []
    for i in scenario.injects:
        if i.round is None and i.when is None:
            when: doc.Inline = line(
                "the facilitator's library: fire it with ",
                Code(f'facilitator inject {i.id} "reason"'),
            )
        else:
            parts: list[doc.Span] = []
            if i.round is not None:
                parts.append(f"round {i.round}")
            if i.when is not None:
                parts += [" if " if parts else "when ", Code(i.when)]
            if not i.once:
                parts.append(" (every round it holds)")
            when = line(*parts)
        effects = line(Code("; ".join(i.effects))) if i.effects else line("—")
        rows.append([line(Strong(i.title), " (", Code(i.id), ")"), when, i.text or "—", effects])
    return [*out, doc.table(["Inject", "When", "Text", "Effects"], rows)]


def _endings(scenario: Scenario) -> list[doc.Block]:
    rows: list[list[doc.Span | doc.Inline]] = [
        [
            line(Strong(e.title), " (", Code(e.id), ")"),
            line(
                "after the last round, if " if e.final_only else "after any round, if ",
                Code(e.when),
            ),
            e.text or "—",
        ]
        for e in scenario.endings
    ]
    d = scenario.default_ending
    rows.append(
        [
            line(Strong(d.title), " (", Code(d.id), ")"),
            "after the last round, if no ending above holds",
            d.text or "—",
        ]
    )
    return [
        Heading(2, line("Endings")),
        Para(
            line(
                "Checked after every round in this order; the first that holds ends the game. "
                "You may also end it with any ending's id: ",
                Code('facilitator end <ending> "reason"'),
            )
        ),
        doc.table(["Ending", "How to reach it", "Narrative"], rows),
    ]
