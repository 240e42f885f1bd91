"""The forms players fill in, built from what their view shows.

Each `FormSpec` lists fields (with choices taken from the seat's view) and
builds one action line from the answers. Forms decide nothing: the engine
checks the line and its reason is shown if it is refused. Pure Python, so
the forms are tested without Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from wargame.engine import View
from wargame.engine import orders as o
from wargame.engine.state import DraftStatus, PledgeStatus
from wargame.scenario.models import Scenario, Vote
from wargame.scenario.vocabulary import TARGETS


class FormError(ValueError):
    """An answer the form cannot turn into an order (the message says which)."""


class Kind(StrEnum):
    """How a field is entered."""

    SELECT = "select"
    TEXT = "text"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a form."""

    name: str
    label: str
    kind: Kind
    choices: tuple[Choice, ...] = ()
    optional: bool = False
    default: str = ""
    help: str = ""


@dataclass(frozen=True, slots=True)
class FormSpec:
    """A form that builds one action line."""

    key: str
    title: str
    help: str
    fields: tuple[FieldSpec, ...]
    build: Callable[[Mapping[str, str]], str]


def _select(name: str, label: str, choices: Sequence[Choice], help: str = "") -> FieldSpec:
    return FieldSpec(name, label, Kind.SELECT, tuple(choices), help=help)


def _text(
    name: str, label: str, *, optional: bool = False, default: str = "", help: str = ""
) -> FieldSpec:
    return FieldSpec(name, label, Kind.TEXT, optional=optional, default=default, help=help)


def _need(answers: Mapping[str, str], name: str, label: str) -> str:
    value = answers.get(name, "").strip()
    if not value:
        raise FormError(f"{label} is needed")
    return value


def _number(answers: Mapping[str, str], name: str, label: str) -> int:
    raw = _need(answers, name, label).replace(",", "").replace("_", "")
    if not raw.isdigit() or len(raw) > 9:
        raise FormError(f"{label} must be a whole number, like 2 or 5000")
    return int(raw)


def _ids(answers: Mapping[str, str], name: str) -> tuple[str, ...]:
    raw = answers.get(name, "")
    return tuple(part.strip() for part in raw.replace(" ", ",").split(",") if part.strip())


def _cond(answers: Mapping[str, str]) -> str | None:
    value = answers.get("condition", "").strip()
    return value or None


def _line(build: Callable[[], o.Action]) -> str:
    return build().text()


def _next_id(prefix: str, used: set[str]) -> str:
    n = 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def used_ids(view: View, pending: Sequence[o.Action] = ()) -> set[str]:
    """Ids already taken on the board (and by the seat's own pending orders)."""
    ids = {d.id for d in view.drafts} | {p.id for p in view.pledges}
    ids |= {g.id for g in view.guarantees} | {t.id for t in view.terms}
    ids |= {r.id for r in view.red_lines}
    ids |= {p.pledge for p in pending if isinstance(p, o.MakePledge)}
    return ids


def _draft_choices(view: View, *statuses: DraftStatus) -> list[Choice]:
    return [Choice(d.id, f"{d.id}: {d.title}") for d in view.drafts if d.status in statuses]


VOTES = [Choice(v.value, v.value) for v in (Vote.YES, Vote.NO, Vote.ABSTAIN)]
TAGS_HELP = "comma-separated tags: "


def order_forms(
    view: View, scenario: Scenario, seat: str, pending: Sequence[o.Action] = ()
) -> list[FormSpec]:
    """Forms for the sealed orders a seat may enter."""
    tabled = _draft_choices(view, DraftStatus.TABLED)
    assets = [Choice(a.id, f"{a.name} ({a.unit})") for a in scenario.assets]
    members = [Choice(m.id, m.name) for m in scenario.council.members if m.seat is None]
    targets = [Choice(t, t.replace("_", " ")) for t in TARGETS]
    answerable = [
        Choice(g.id, f"guarantee {g.id}: {g.type.replace('_', ' ')} from {g.guarantor}")
        for g in view.guarantees
        if g.accepted is None
    ]
    answerable += [Choice(t.id, f"peace terms {t.id}: {t.title}") for t in view.terms]
    answerable += [
        Choice(d.id, f"Assembly mission {d.id}: {d.title}")
        for d in view.drafts
        if d.status is DraftStatus.VETOED and d.amends is None and d.motion_for is None
    ]
    own = [
        Choice(p.id, f"{p.id}: {p.amount} {p.asset} to {p.target}")
        for p in view.pledges
        if p.seat == seat and p.status is PledgeStatus.HONOURED
    ]
    arguments = [Choice(a.id, a.name) for a in scenario.arguments.table]
    default_pledge = _next_id(f"{seat}", used_ids(view, pending))
    forms = [
        FormSpec(
            "vote",
            "Vote on a draft",
            "Council members only. No vote means absent.",
            (_select("draft", "Draft", tabled), _select("vote", "Vote", VOTES)),
            lambda a: _line(
                lambda: o.CastVote(
                    seat, _need(a, "draft", "A draft"), Vote(_need(a, "vote", "A vote"))
                )
            ),
        ),
        FormSpec(
            "pledge",
            "Pledge assets",
            "Commit assets to the coalition force or the UN mission, maybe on a condition "
            'such as fr.pledged.troops >= 5000 or adopted("pk").',
            (
                _text("id", "Pledge id", default=default_pledge),
                _select("asset", "Asset", assets),
                FieldSpec("amount", "Amount", Kind.NUMBER),
                _select("target", "To", targets),
                _text("condition", "Only if (optional)", optional=True),
            ),
            lambda a: _line(
                lambda: o.MakePledge(
                    seat,
                    _need(a, "id", "A pledge id"),
                    _need(a, "asset", "An asset"),
                    _number(a, "amount", "The amount"),
                    _need(a, "target", "A target"),
                    _cond(a),
                )
            ),
        ),
        FormSpec(
            "lobby",
            "Lobby a council member",
            "Spend PC to move a non-player member's vote one step on one draft (a chance, not a certainty).",
            (
                _select("member", "Member", members),
                _select("draft", "Draft", tabled),
                _select("toward", "Toward", [Choice("yes", "yes"), Choice("no", "no")]),
            ),
            lambda a: _line(
                lambda: o.Lobby(
                    seat,
                    _need(a, "member", "A member"),
                    _need(a, "draft", "A draft"),
                    Vote(_need(a, "toward", "A direction")),
                )
            ),
        ),
        FormSpec(
            "answer",
            "Accept or reject",
            "The host answers guarantees and Assembly missions; the parties answer peace terms.",
            (
                _select("item", "Offer", answerable),
                _select(
                    "answer", "Answer", [Choice("accept", "accept"), Choice("reject", "reject")]
                ),
            ),
            lambda a: _line(
                lambda: o.Answer(
                    seat, _need(a, "item", "An offer"), _need(a, "answer", "An answer") == "accept"
                )
            ),
        ),
        FormSpec(
            "withdraw",
            "Withdraw a pledge",
            "Ends one of your honoured pledges; costs credibility.",
            (_select("pledge", "Pledge", own),),
            lambda a: _line(lambda: o.Withdraw(seat, _need(a, "pledge", "A pledge"))),
        ),
        FormSpec(
            "mediate",
            "Mediate",
            "UN Secretariat only: mediate between the parties.",
            (),
            lambda a: o.Mediate(seat).text(),
        ),
        FormSpec(
            "endorse",
            "Endorse a draft",
            "UN Secretariat only: sway non-player members toward yes.",
            (_select("draft", "Draft", tabled),),
            lambda a: _line(lambda: o.Endorse(seat, _need(a, "draft", "A draft"))),
        ),
    ]
    if scenario.arguments.enabled:
        forms.append(
            FormSpec(
                "argue",
                "Make an argument",
                "Say what happens and why; the facilitator rates it, the dice decide.",
                (
                    _select("option", "Argument", arguments),
                    _text("argument", "What happens, and why"),
                ),
                lambda a: _line(
                    lambda: o.Argue(
                        seat,
                        _need(a, "option", "An argument"),
                        _need(a, "argument", "The argument"),
                    )
                ),
            )
        )
    forms.append(
        FormSpec("pass", "Pass", "Do nothing this round.", (), lambda a: o.Pass(seat).text())
    )
    return forms


def table_forms(view: View, scenario: Scenario, seats: Sequence[Choice]) -> list[FormSpec]:
    """Forms for the public actions of the negotiation phase (any seat picks itself)."""
    tags = ", ".join(t.id for t in scenario.tags)
    used = used_ids(view)
    prepared = [
        Choice(d.id, f"{d.id}: {d.title}")
        for d in scenario.drafts
        if d.id not in used and not d.concept
    ]
    concepts = [
        Choice(d.id, f"{d.id}: {d.title}")
        for d in scenario.drafts
        if d.id not in used and d.concept
    ]
    proposed = _draft_choices(view, DraftStatus.PROPOSED)
    tabled = [
        Choice(d.id, f"{d.id}: {d.title}")
        for d in view.drafts
        if d.status is DraftStatus.TABLED and d.amends is None and d.motion_for is None
    ]
    vetoed = _draft_choices(view, DraftStatus.VETOED)
    gtypes = [Choice(g.id, g.name) for g in scenario.guarantee_types]
    kinds = [
        Choice("substantive", "substantive (can be vetoed)"),
        Choice("procedural", "procedural (9 votes, no veto)"),
    ]
    seat = _select("seat", "Seat", seats)

    def s(a: Mapping[str, str]) -> str:
        return _need(a, "seat", "The seat")

    return [
        FormSpec(
            "table",
            "Table a prepared draft",
            "Council members put a prepared draft to this round's vote.",
            (seat, _select("draft", "Draft", prepared)),
            lambda a: o.TableDraft(s(a), _need(a, "draft", "A draft")).text(),
        ),
        FormSpec(
            "write",
            "Write a new draft",
            "Council members table a draft of their own.",
            (
                seat,
                _text("id", "Draft id", default=_next_id("d", used)),
                _text("title", "Title"),
                _select("kind", "Kind", kinds),
                _text("tags", "Tags", optional=True, help=TAGS_HELP + tags),
            ),
            lambda a: o.TableDraft(
                s(a),
                _need(a, "id", "An id"),
                _need(a, "title", "A title"),
                _need(a, "kind", "A kind") == "procedural",
                _ids(a, "tags"),
            ).text(),
        ),
        FormSpec(
            "amend",
            "Amend a draft",
            "Council members change a tabled draft's tags; voted before the draft.",
            (
                seat,
                _select("draft", "Draft", tabled),
                _text("id", "Amendment id", default=_next_id("a", used)),
                _text("title", "Title"),
                _text("add", "Add tags", optional=True, help=TAGS_HELP + tags),
                _text("remove", "Remove tags", optional=True),
            ),
            lambda a: o.Amend(
                s(a),
                _need(a, "id", "An id"),
                _need(a, "draft", "A draft"),
                _need(a, "title", "A title"),
                _ids(a, "add"),
                _ids(a, "remove"),
            ).text(),
        ),
        FormSpec(
            "propose",
            "Propose a mission concept",
            "The UN Secretariat proposes; a council member must sponsor it.",
            (seat, _select("draft", "Concept", concepts)),
            lambda a: o.Propose(s(a), _need(a, "draft", "A concept")).text(),
        ),
        FormSpec(
            "sponsor",
            "Sponsor a concept",
            "A council member tables the Secretariat's concept.",
            (seat, _select("draft", "Concept", proposed)),
            lambda a: o.Sponsor(s(a), _need(a, "draft", "A concept")).text(),
        ),
        FormSpec(
            "unite",
            "Uniting for Peace",
            "After a veto: move to take the draft to the General Assembly.",
            (seat, _select("draft", "Vetoed draft", vetoed)),
            lambda a: o.UnitingForPeace(s(a), _need(a, "draft", "A draft")).text(),
        ),
        FormSpec(
            "offer",
            "Offer a guarantee",
            "Offer the host a guarantee backed by pledges (they may be made this round).",
            (
                seat,
                _text("id", "Guarantee id", default=_next_id("g", used)),
                _select("type", "Type", gtypes),
                _text("backing", "Backing pledge ids", help="comma-separated, e.g. uk1, fr2"),
                _text("condition", "Only if (optional)", optional=True),
            ),
            lambda a: o.OfferGuarantee(
                s(a),
                _need(a, "id", "An id"),
                _need(a, "type", "A type"),
                _ids(a, "backing"),
                _cond(a),
            ).text(),
        ),
        FormSpec(
            "terms",
            "Table peace terms",
            "Terms bind once both parties accept them.",
            (
                seat,
                _text("id", "Terms id", default=_next_id("t", used)),
                _text("title", "Title"),
                _text("tags", "Tags", help=TAGS_HELP + tags),
            ),
            lambda a: o.TableTerms(
                s(a), _need(a, "id", "An id"), _need(a, "title", "A title"), _ids(a, "tags")
            ).text(),
        ),
        FormSpec(
            "redline",
            "Declare a red line",
            "A public red line over tags; crossing it costs you credibility.",
            (
                seat,
                _text("id", "Red line id", default=_next_id("r", used)),
                _text("title", "Your words"),
                _text("tags", "Tags", help=TAGS_HELP + tags),
            ),
            lambda a: o.DeclareRedLine(
                s(a), _need(a, "id", "An id"), _need(a, "title", "Your words"), _ids(a, "tags")
            ).text(),
        ),
    ]
