"""The forms players and the facilitator fill in, built from what a view shows.

Each `FormSpec` lists fields (with choices taken from the seat's view) and
builds one action line from the answers. Forms decide nothing: the engine
checks the line and its reason is shown if it is refused. Pure Python, so
the forms are tested without Textual.

`order_values(order)` goes the other way, from a pending order to the form
and answers that would build it again, so an order can be edited.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from wargame.engine import View
from wargame.engine import orders as o
from wargame.engine.state import DraftStatus, PledgeStatus
from wargame.scenario.models import Rating, Scenario, Vote
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


ADD_ORDER = "Add order"
TABLE = "Table"
APPLY = "Apply"


@dataclass(frozen=True, slots=True)
class FormSpec:
    """A form that builds one action line."""

    key: str
    title: str
    help: str
    fields: tuple[FieldSpec, ...]
    build: Callable[[Mapping[str, str]], str]
    verb: str = ADD_ORDER
    """The submit button's words: "Add order", "Table" or "Apply"."""
    confirm: str = ""
    """A question to ask before the line is sent (irreversible acts); empty: none."""


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
    offers = [
        Choice(g.id, f"{g.id}: {g.type.replace('_', ' ')} from {g.guarantor}, "
               f"backed by {', '.join(g.backing)}")
        for g in view.guarantees
        if g.accepted is not False
    ]  # fmt: skip
    kinds = [
        Choice("substantive", "substantive (can be vetoed)"),
        Choice("procedural", "procedural (9 votes, no veto)"),
    ]
    seat = _select("seat", "Seat", seats)

    def s(a: Mapping[str, str]) -> str:
        return _need(a, "seat", "The seat")

    forms = [
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
            "back",
            "Back a guarantee",
            "Commit your own pledge, named in another seat's offer, to that guarantee: "
            "it counts only once you do.",
            (
                seat,
                _select("guarantee", "Guarantee", offers),
                _text("pledge", "Your pledge id", help="one the offer names"),
            ),
            lambda a: o.BackGuarantee(
                s(a), _need(a, "guarantee", "A guarantee"), _need(a, "pledge", "A pledge id")
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
    return [replace(form, verb=TABLE) for form in forms]


def quote(text: str) -> str:
    """Text in double quotes, as order lines write it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


RATINGS = [Choice(r.value, r.value.replace("_", " ")) for r in Rating]


def facilitator_forms(view: View, scenario: Scenario) -> list[FormSpec]:
    """Forms for the facilitator's acts; each asks for a reason (the log keeps it)."""
    seats = [Choice(s.id, s.name) for s in scenario.seats]
    tracks = [
        Choice(t.id, f"{t.name} (now {view.tracks.get(t.id, t.start)})") for t in scenario.tracks
    ]
    injects = [Choice(i.id, f"{i.id}: {i.title}") for i in scenario.injects]
    arguments = [Choice(a.id, a.name) for a in scenario.arguments.table]
    voted = [
        Choice(d.id, f"{d.id}: {d.title} ({d.status.value})")
        for d in view.drafts
        if d.status not in (DraftStatus.PROPOSED, DraftStatus.TABLED)
    ]
    pledges = [
        Choice(p.id, f"{p.id}: {p.seat} {p.amount} {p.asset} to {p.target} ({p.status.value})")
        for p in view.pledges
    ]
    endings = [Choice(e.id, e.title) for e in scenario.endings]
    endings.append(Choice(scenario.default_ending.id, scenario.default_ending.title))
    rounds = [Choice(str(r), f"round {r}") for r in range(1, view.round + 1)]
    reason = _text("reason", "Reason (kept in the log)")
    effects_help = "separated by ;  e.g. tension += 5; ru.pc -= 1"

    def why(a: Mapping[str, str]) -> str:
        return _need(a, "reason", "A reason")

    def delta(a: Mapping[str, str]) -> int:
        raw = _need(a, "delta", "The change").replace(" ", "")
        if not raw.lstrip("+-").isdigit() or len(raw) > 8:
            raise FormError("The change must be a whole number such as +5 or -5")
        return int(raw)

    forms = [
        FormSpec(
            "inject",
            "Fire an inject",
            "Queue one of the scenario's injects for this round's resolution.",
            (_select("inject", "Inject", injects), reason),
            lambda a: o.FacInject(_need(a, "inject", "An inject"), why(a)).text(),
        ),
        FormSpec(
            "event",
            "Ad hoc event",
            "An event of your own, with effects, applied at this round's resolution.",
            (
                _text("title", "Headline"),
                _text("effects", "Effects", help=effects_help),
                reason,
            ),
            lambda a: o.FacEvent(
                _need(a, "title", "A headline"),
                tuple(e.strip() for e in _need(a, "effects", "Effects").split(";") if e.strip()),
                why(a),
            ).text(),
        ),
        FormSpec(
            "adjust",
            "Adjust a track",
            "Move a track now (kept within its bounds).",
            (
                _select("track", "Track", tracks),
                _text("delta", "Change", help="+5 or -5"),
                reason,
            ),
            lambda a: o.FacAdjust(_need(a, "track", "A track"), delta(a), why(a)).text(),
        ),
        FormSpec(
            "rate",
            "Rate an argument",
            "Rate a seat's argument after hearing it; the rating sets its chance. "
            "Only the facilitator's log shows it.",
            (
                _select("seat", "Seat", seats),
                _select("option", "Argument", arguments),
                _select("rating", "Rating", RATINGS),
            ),
            lambda a: o.FacRate(
                _need(a, "seat", "A seat"),
                _need(a, "option", "An argument"),
                Rating(_need(a, "rating", "A rating")),
            ).text(),
        ),
        FormSpec(
            "rule_draft",
            "Rule on a draft",
            "Override a vote's outcome.",
            (
                _select("draft", "Draft", voted),
                _select(
                    "result", "Ruling", [Choice("adopted", "adopted"), Choice("failed", "failed")]
                ),
                reason,
            ),
            lambda a: o.FacRuling(
                "draft", _need(a, "draft", "A draft"), _need(a, "result", "A ruling"), why(a)
            ).text(),
            confirm="Overrule the council's vote? The ruling is logged and cannot be undone.",
        ),
        FormSpec(
            "rule_pledge",
            "Rule on a pledge",
            "Override whether a pledge holds.",
            (
                _select("pledge", "Pledge", pledges),
                _select(
                    "result",
                    "Ruling",
                    [Choice("honoured", "honoured"), Choice("dropped", "dropped")],
                ),
                reason,
            ),
            lambda a: o.FacRuling(
                "pledge", _need(a, "pledge", "A pledge"), _need(a, "result", "A ruling"), why(a)
            ).text(),
            confirm="Overrule this pledge's outcome? The ruling is logged and cannot be undone.",
        ),
        FormSpec(
            "rule_argument",
            "Rule on an argument",
            "Decide an argument's outcome this round instead of the dice.",
            (
                _select("seat", "Seat", seats),
                _select("option", "Argument", arguments),
                _select(
                    "result", "Ruling", [Choice("succeeds", "succeeds"), Choice("fails", "fails")]
                ),
                reason,
            ),
            lambda a: o.FacRuling(
                "argument",
                f"{_need(a, 'seat', 'A seat')}:{_need(a, 'option', 'An argument')}",
                _need(a, "result", "A ruling"),
                why(a),
            ).text(),
            confirm="Rule on this argument instead of the dice? The ruling is logged.",
        ),
        FormSpec(
            "rewind",
            "Rewind to the start of a round",
            "The game goes back to the start of that round; the log keeps what happened.",
            (_select("round", "Round", rounds), reason),
            lambda a: f"facilitator rewind {_need(a, 'round', 'A round')} {quote(why(a))}",
            confirm="Rewind the game? Everything since the start of that round is undone.",
        ),
        FormSpec(
            "end",
            "End the game",
            "End the game now with one of the scenario's endings; scores are final.",
            (_select("ending", "Ending", endings), reason),
            lambda a: o.FacEnd(_need(a, "ending", "An ending"), why(a)).text(),
            confirm="End the game now? This cannot be undone.",
        ),
    ]
    if not scenario.arguments.enabled:
        forms = [f for f in forms if f.key not in ("rate", "rule_argument")]
    return [replace(form, verb=APPLY) for form in forms]


def order_values(order: o.Action) -> tuple[str, dict[str, str]] | None:
    """The order form's key and the answers that build `order` again (for editing)."""
    if isinstance(order, o.CastVote):
        return "vote", {"draft": order.draft, "vote": order.vote.value}
    if isinstance(order, o.MakePledge):
        return "pledge", {
            "id": order.pledge,
            "asset": order.asset,
            "amount": str(order.amount),
            "target": order.target,
            "condition": order.condition or "",
        }
    if isinstance(order, o.Lobby):
        return "lobby", {"member": order.member, "draft": order.draft, "toward": order.toward.value}
    if isinstance(order, o.Answer):
        return "answer", {"item": order.item, "answer": "accept" if order.accept else "reject"}
    if isinstance(order, o.Withdraw):
        return "withdraw", {"pledge": order.pledge}
    if isinstance(order, o.Mediate):
        return "mediate", {}
    if isinstance(order, o.Endorse):
        return "endorse", {"draft": order.draft}
    if isinstance(order, o.Argue):
        return "argue", {"option": order.option, "argument": order.argument}
    if isinstance(order, o.Pass):
        return "pass", {}
    return None
