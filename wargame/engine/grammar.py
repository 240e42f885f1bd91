"""The action grammar: every verb a log line can hold, in one registry.

For each verb: the type that reads and writes its line (`orders.py`), its
syntax, whether it is a public action, a sealed order, a facilitator act or a
control line, which seats may give it, its cost (a field of the scenario's
`costs`), its check (`checks.py`), and the forms people fill in to write it
(the fields, what kind of value each takes and where its choices come from).
The UI builds its forms from here, docs/RULES.md lists the same syntax, and
`check` and `cost` below dispatch through it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wargame.engine import checks as c
from wargame.engine import orders as o
from wargame.engine.choices import Source
from wargame.engine.state import GameState, Phase
from wargame.scenario.models import Costs, Scenario

IllegalAction = c.IllegalAction


class Nature(StrEnum):
    """When a verb is given and who sees it."""

    PUBLIC = "public action: tabled during negotiation, everyone sees it at once"
    SECRET = "sealed order: entered in the orders phase, revealed at resolution"
    FACILITATOR = "facilitator act: logged with its reason"
    CONTROL = "control line: moves the game along"


class Giver(StrEnum):
    """Which seats may give a verb (the check still decides each case)."""

    ANY_SEAT = "any seat"
    COUNCIL = "council-member seats"
    SECRETARIAT = "the Secretariat"
    NOT_HOST = "any seat but the host"
    ANSWERERS = "the host (guarantees, Assembly missions) and the parties (peace terms)"
    FACILITATOR = "the facilitator"
    TABLE = "the table (whoever runs the game)"

    def may(self, scenario: Scenario, seat: str | None) -> bool:
        """Whether `seat` (None: the table, not a seat) may give verbs of this kind."""
        roles = scenario.roles
        if self is Giver.TABLE:
            return seat is None
        if self is Giver.FACILITATOR:
            return seat == o.FACILITATOR
        if seat is None or seat not in {s.id for s in scenario.seats}:
            return False
        if self is Giver.COUNCIL:
            return any(m.seat == seat for m in scenario.council.members)
        if self is Giver.SECRETARIAT:
            return seat == roles.secretariat
        if self is Giver.NOT_HOST:
            return seat != roles.host
        if self is Giver.ANSWERERS:
            return seat == roles.host or seat in roles.parties
        return True


class Feature(StrEnum):
    """A part of the rules a scenario may switch off."""

    ARGUMENTS = "arguments"
    ASSEMBLY = "Uniting for Peace"

    def on(self, scenario: Scenario) -> bool:
        if self is Feature.ARGUMENTS:
            return scenario.arguments.enabled
        return scenario.council.general_assembly.enabled


class Kind(StrEnum):
    """What kind of value a field takes, and so how a form asks for it."""

    CHOICE = "an id from a list"
    NEW_ID = "a new id (lower-case letters, digits, _)"
    TAGS = "a list of tags, comma-separated"
    IDS = "a list of ids, comma-separated"
    TEXT = "text (written in double quotes in the line)"
    NUMBER = "a whole number"
    DELTA = "a change such as +5 or -5"
    VOTE = "a vote"
    RATING = "a rating"
    FLAG = "one of two words"
    CONDITION = "a condition (optional)"
    EFFECTS = "effects separated by ;"


@dataclass(frozen=True, slots=True)
class Field:
    """One value a form asks for: an attribute of the action it builds."""

    name: str
    """The action's attribute the value goes to."""
    kind: Kind
    """What kind of value it is."""
    label: str
    """The field's label."""
    source: Source | None = None
    """Where its choices come from (a list to pick from), or None: typed."""
    help: str = ""
    """A line under the field."""
    optional: bool = False
    """May be left empty."""
    prefix: str = ""
    """NEW_ID: the default id's prefix (`{seat}` stands for the seat's id)."""


@dataclass(frozen=True, slots=True)
class Form:
    """A form that writes one verb's line."""

    key: str
    """Its name among the forms (unique)."""
    title: str
    """What the list of forms shows."""
    help: str
    """One sentence on what it does."""
    fields: tuple[Field, ...]
    """What it asks, in order."""
    fixed: tuple[tuple[str, Any], ...] = ()
    """Attributes the form sets itself (a ruling's kind, an answer's yes or no)."""
    confirm: str = ""
    """A question asked before the line is sent (irreversible acts); empty: none."""
    needs: Feature | None = None
    """A part of the rules the scenario must have switched on."""

    def available(self, scenario: Scenario) -> bool:
        return self.needs is None or self.needs.on(scenario)


@dataclass(frozen=True, slots=True)
class Verb:
    """One verb of the grammar."""

    word: str
    """The verb's word in the line."""
    line: type[o.Line]
    """The type that reads and writes the line."""
    syntax: str
    """The line's shape, as docs/RULES.md shows it."""
    nature: Nature
    """Public action, sealed order, facilitator act or control line."""
    giver: Giver
    """Who may give it."""
    cost: str | None
    """The field of the scenario's `costs` it is charged; None: free."""
    check: Callable[..., str | None]
    """Why a line is refused now, or None (see `check` and `check_control`)."""
    forms: tuple[Form, ...]
    """The forms that write it."""

    def offered(self, scenario: Scenario, seat: str | None) -> bool:
        """Whether `seat` should be offered this verb in this scenario."""
        return self.giver.may(scenario, seat) and any(f.available(scenario) for f in self.forms)


def _public(fn: Callable[[GameState, Any], str | None]) -> Callable[..., str | None]:
    return lambda state, action, pending: fn(state, action)


def _no_objection(state: GameState, action: o.Action, pending: Sequence[o.Action]) -> None:
    return None


def _pick(name: str, label: str, source: Source, help: str = "") -> Field:
    return Field(name, Kind.CHOICE, label, source, help)


def _new(name: str, label: str, prefix: str) -> Field:
    return Field(name, Kind.NEW_ID, label, prefix=prefix)


def _text(name: str, label: str, help: str = "") -> Field:
    return Field(name, Kind.TEXT, label, help=help)


def _tags(name: str, label: str, optional: bool = True) -> Field:
    return Field(name, Kind.TAGS, label, Source.TAGS, optional=optional)


_CONDITION = Field(
    "condition",
    Kind.CONDITION,
    "Only if (optional)",
    optional=True,
    help='e.g. fr.pledged.troops >= 5000 or adopted("pk")',
)
_REASON = _text("reason", "Reason (kept in the log)")
_DRAFT = _pick("draft", "Draft", Source.TABLED_DRAFTS)
_ITEM = _pick("item", "Offer", Source.ANSWERABLE)
_RULING_ASKS = "The ruling is logged and cannot be undone."


def _verb(
    word: str,
    line: type[o.Line],
    syntax: str,
    nature: Nature,
    giver: Giver,
    cost: str | None,
    check: Callable[..., str | None],
    *forms: Form,
) -> Verb:
    return Verb(word, line, syntax, nature, giver, cost, check, forms)


P, S, F, C = Nature.PUBLIC, Nature.SECRET, Nature.FACILITATOR, Nature.CONTROL

VERBS: tuple[Verb, ...] = (
    # -- public actions -----------------------------------------------------------------
    _verb(
        "table", o.TableDraft,
        '<seat> table <draft> ["<title>" procedural|substantive [tags=<tag>,...]]',
        P, Giver.COUNCIL, "table_draft", _public(c.check_table),
        Form("table", "Table a prepared draft",
             "Council members put a prepared draft to this round's vote.",
             (_pick("draft", "Draft", Source.PREPARED_DRAFTS),), fixed=(("title", None),)),
        Form("write", "Write a new draft", "Council members table a draft of their own.",
             (_new("draft", "Draft id", "d"), _text("title", "Title"),
              Field("procedural", Kind.FLAG, "Kind", Source.DRAFT_KINDS),
              _tags("tags", "Tags"))),
    ),
    _verb(
        "propose", o.Propose,
        '<seat> propose <concept> ["<title>" procedural|substantive [tags=<tag>,...]]',
        P, Giver.SECRETARIAT, "propose", _public(c.check_table),
        Form("propose", "Propose a mission concept",
             "The UN Secretariat proposes; a council member must sponsor it.",
             (_pick("draft", "Concept", Source.CONCEPTS),), fixed=(("title", None),)),
    ),
    _verb(
        "sponsor", o.Sponsor, "<seat> sponsor <concept>",
        P, Giver.COUNCIL, "table_draft", _public(c.check_sponsor),
        Form("sponsor", "Sponsor a concept", "A council member tables the Secretariat's concept.",
             (_pick("draft", "Concept", Source.PROPOSED),)),
    ),
    _verb(
        "amend", o.Amend, '<seat> amend <draft> <amendment> "<title>" [add=<tag>,...] [remove=<tag>,...]',
        P, Giver.COUNCIL, "amend", _public(c.check_amend),
        Form("amend", "Amend a draft",
             "Council members change a tabled draft's tags; voted before the draft.",
             (_pick("draft", "Draft", Source.AMENDABLE_DRAFTS), _new("amendment", "Amendment id", "a"),
              _text("title", "Title"), _tags("add", "Add tags"), _tags("remove", "Remove tags"))),
    ),
    _verb(
        "uniting-for-peace", o.UnitingForPeace, "<seat> uniting-for-peace <vetoed draft>",
        P, Giver.COUNCIL, "uniting_for_peace", _public(c.check_ufp),
        Form("unite", "Uniting for Peace",
             "After a veto: move to take the draft to the General Assembly.",
             (_pick("draft", "Vetoed draft", Source.VETOED),), needs=Feature.ASSEMBLY),
    ),
    _verb(
        "offer", o.OfferGuarantee, "<seat> offer <guarantee> <type> backing=<pledge>,... [if <condition>]",
        P, Giver.NOT_HOST, "offer_guarantee", _public(c.check_offer),
        Form("offer", "Offer a guarantee",
             "Offer the host a guarantee backed by pledges (they may be made this round).",
             (_new("guarantee", "Guarantee id", "g"),
              _pick("type", "Type", Source.GUARANTEE_TYPES),
              Field("backing", Kind.IDS, "Backing pledge ids", Source.PLEDGES,
                    help="comma-separated, e.g. uk1, fr2"),
              _CONDITION)),
    ),
    _verb(
        "back", o.BackGuarantee, "<seat> back <guarantee> <pledge>",
        P, Giver.NOT_HOST, "back_guarantee", _public(c.check_back),
        Form("back", "Back a guarantee",
             "Commit your own pledge, named in another seat's offer, to that guarantee: "
             "it counts only once you do.",
             (_pick("guarantee", "Guarantee", Source.OPEN_OFFERS),
              _pick("pledge", "Your pledge id", Source.NAMED_BACKING,
                    help="one the offer names: yours, or one you will make")),),
    ),
    _verb(
        "terms", o.TableTerms, '<seat> terms <terms> "<title>" [tags=<tag>,...]',
        P, Giver.ANY_SEAT, "table_terms", _public(c.check_terms),
        Form("terms", "Table peace terms", "Terms bind once both parties accept them.",
             (_new("terms", "Terms id", "t"), _text("title", "Title"),
              _tags("tags", "Tags", optional=False))),
    ),
    _verb(
        "redline", o.DeclareRedLine, '<seat> redline <red line> "<words>" tags=<tag>,...',
        P, Giver.ANY_SEAT, "red_line", _public(c.check_red_line),
        Form("redline", "Declare a red line",
             "A public red line over tags; crossing it costs you credibility.",
             (_new("red_line", "Red line id", "r"), _text("title", "Your words"),
              _tags("tags", "Tags", optional=False))),
    ),
    # -- sealed orders ------------------------------------------------------------------
    _verb(
        "vote", o.CastVote, "<seat> vote <draft> yes|no|abstain",
        S, Giver.COUNCIL, "vote", c.check_vote,
        Form("vote", "Vote on a draft", "Council members only. No vote means absent.",
             (_DRAFT, Field("vote", Kind.VOTE, "Vote", Source.VOTES))),
    ),
    _verb(
        "lobby", o.Lobby, "<seat> lobby <member> <draft> yes|no",
        S, Giver.ANY_SEAT, "lobby", c.check_lobby,
        Form("lobby", "Lobby a council member",
             "Spend PC to move a non-player member's vote one step on one draft "
             "(a chance, not a certainty).",
             (_pick("member", "Member", Source.LOBBIED_MEMBERS), _DRAFT,
              Field("toward", Kind.VOTE, "Toward", Source.PUSHES))),
    ),
    _verb(
        "pledge", o.MakePledge, "<seat> pledge <pledge> <asset> <amount> to coalition|un_mission [if <condition>]",
        S, Giver.ANY_SEAT, "pledge", c.check_pledge,
        Form("pledge", "Pledge assets",
             "Commit assets to the coalition force or the UN mission, maybe on a condition.",
             (_new("pledge", "Pledge id", "{seat}"), _pick("asset", "Asset", Source.ASSETS),
              Field("amount", Kind.NUMBER, "Amount"), _pick("target", "To", Source.TARGETS),
              _CONDITION)),
    ),
    _verb(
        "accept", o.Answer, "<seat> accept <guarantee|terms|vetoed draft>",
        S, Giver.ANSWERERS, "accept", c.check_answer,
        Form("accept", "Accept an offer",
             "The host accepts guarantees and consents to Assembly missions; "
             "the parties accept peace terms.",
             (_ITEM,), fixed=(("accept", True),)),
    ),
    _verb(
        "reject", o.Answer, "<seat> reject <guarantee|terms>",
        S, Giver.ANSWERERS, "accept", c.check_answer,
        Form("reject", "Reject an offer",
             "The host rejects guarantees; the parties reject peace terms.",
             (_ITEM,), fixed=(("accept", False),)),
    ),
    _verb(
        "withdraw", o.Withdraw, "<seat> withdraw <pledge>",
        S, Giver.ANY_SEAT, "withdraw", c.check_withdraw,
        Form("withdraw", "Withdraw a pledge",
             "Ends one of your honoured pledges; costs credibility.",
             (_pick("pledge", "Pledge", Source.OWN_PLEDGES),)),
    ),
    _verb(
        "mediate", o.Mediate, "<seat> mediate",
        S, Giver.SECRETARIAT, "mediate", c.check_mediate,
        Form("mediate", "Mediate", "UN Secretariat only: mediate between the parties.", ()),
    ),
    _verb(
        "endorse", o.Endorse, "<seat> endorse <draft>",
        S, Giver.SECRETARIAT, "endorse", c.check_endorse,
        Form("endorse", "Endorse a draft",
             "UN Secretariat only: sway non-player members toward yes.", (_DRAFT,)),
    ),
    _verb(
        "argue", o.Argue, '<seat> argue <argument> "<what happens, and why>"',
        S, Giver.ANY_SEAT, "argue", c.check_argue,
        Form("argue", "Make an argument",
             "Say what happens and why; the facilitator rates it, the dice decide.",
             (_pick("option", "Argument", Source.ARGUMENTS),
              _text("argument", "What happens, and why")), needs=Feature.ARGUMENTS),
    ),
    _verb(
        "pass", o.Pass, "<seat> pass",
        S, Giver.ANY_SEAT, None, _no_objection,
        Form("pass", "Pass", "Do nothing this round.", ()),
    ),
    # -- facilitator acts ---------------------------------------------------------------
    _verb(
        "inject", o.FacInject, 'facilitator inject <inject> "<reason>"',
        F, Giver.FACILITATOR, None, _public(c.check_facilitator),
        Form("inject", "Fire an inject",
             "Queue one of the scenario's injects for this round's resolution.",
             (_pick("inject", "Inject", Source.INJECTS), _REASON)),
    ),
    _verb(
        "event", o.FacEvent, 'facilitator event "<headline>" "<effect>; <effect>" "<reason>"',
        F, Giver.FACILITATOR, None, _public(c.check_facilitator),
        Form("event", "Ad hoc event",
             "An event of your own, with effects, applied at this round's resolution.",
             (_text("title", "Headline"),
              Field("effects", Kind.EFFECTS, "Effects",
                    help="separated by ;  e.g. tension += 5; ru.pc -= 1"),
              _REASON)),
    ),
    _verb(
        "adjust", o.FacAdjust, 'facilitator adjust <track> +<n>|-<n> "<reason>"',
        F, Giver.FACILITATOR, None, _public(c.check_facilitator),
        Form("adjust", "Adjust a track", "Move a track now (kept within its bounds).",
             (_pick("track", "Track", Source.TRACKS),
              Field("delta", Kind.DELTA, "Change", help="+5 or -5"), _REASON)),
    ),
    _verb(
        "rate", o.FacRate, "facilitator rate <seat> <argument> <rating>",
        F, Giver.FACILITATOR, None, _public(c.check_facilitator),
        Form("rate", "Rate an argument",
             "Rate a seat's argument after hearing it; the rating sets its chance. "
             "Only the facilitator's log shows it.",
             (_pick("target_seat", "Seat", Source.SEATS),
              _pick("option", "Argument", Source.ARGUMENTS),
              Field("rating", Kind.RATING, "Rating", Source.RATINGS)),
             needs=Feature.ARGUMENTS),
    ),
    _verb(
        "ruling", o.FacRuling,
        'facilitator ruling draft|pledge|argument <draft|pledge|seat:argument> <result> "<reason>"',
        F, Giver.FACILITATOR, None, _public(c.check_facilitator),
        Form("rule_draft", "Rule on a draft", "Override a vote's outcome.",
             (_pick("ref", "Draft", Source.VOTED),
              _pick("result", "Ruling", Source.DRAFT_RULINGS), _REASON),
             fixed=(("kind", "draft"),),
             confirm=f"Overrule the council's vote? {_RULING_ASKS}"),
        Form("rule_pledge", "Rule on a pledge", "Override whether a pledge holds.",
             (_pick("ref", "Pledge", Source.PLEDGES),
              _pick("result", "Ruling", Source.PLEDGE_RULINGS), _REASON),
             fixed=(("kind", "pledge"),),
             confirm=f"Overrule this pledge's outcome? {_RULING_ASKS}"),
        Form("rule_argument", "Rule on an argument",
             "Decide an argument's outcome this round instead of the dice.",
             (_pick("ref", "Seat and argument", Source.ARGUMENT_REFS),
              _pick("result", "Ruling", Source.ARGUMENT_RULINGS), _REASON),
             fixed=(("kind", "argument"),),
             confirm="Rule on this argument instead of the dice? The ruling is logged.",
             needs=Feature.ARGUMENTS),
    ),
    _verb(
        "end", o.FacEnd, 'facilitator end <ending> "<reason>"',
        F, Giver.FACILITATOR, None, _public(c.check_facilitator),
        Form("end", "End the game",
             "End the game now with one of the scenario's endings; scores are final.",
             (_pick("ending", "Ending", Source.ENDINGS), _REASON),
             confirm="End the game now? This cannot be undone."),
    ),
    # -- control lines ------------------------------------------------------------------
    _verb(
        "orders", o.BeginOrders, "orders",
        C, Giver.TABLE, None, c.check_begin_orders,
        Form("orders", "Start the orders phase",
             "Close the negotiation: nothing more can be tabled this round.", (),
             confirm="Close the negotiation and start the orders phase? "
             "Nothing more can be tabled this round."),
    ),
    _verb(
        "submit", o.Submit, "<seat> submit",
        C, Giver.ANY_SEAT, None, c.check_submit,
        Form("submit", "Submit orders",
             "Seal this seat's orders for the round; they cannot be changed.", ()),
    ),
    _verb(
        "retract", o.Retract, "<seat> retract <n>",
        C, Giver.ANY_SEAT, None, c.check_retract,
        Form("retract", "Remove an order", "Remove the seat's n-th pending order (from 1).",
             (Field("number", Kind.NUMBER, "Order number"),)),
    ),
    _verb(
        "resolve", o.Resolve, "resolve",
        C, Giver.TABLE, None, c.check_resolve,
        Form("resolve", "Resolve the round", "Every seat has submitted: resolve the round.", ()),
    ),
    _verb(
        "rewind", o.Rewind, 'facilitator rewind <round> "<reason>"',
        C, Giver.FACILITATOR, None, c.check_rewind,
        Form("rewind", "Rewind to the start of a round",
             "The game goes back to the start of that round; the log keeps what happened.",
             (Field("round", Kind.NUMBER, "Round", Source.ROUNDS), _REASON),
             confirm="Rewind the game? Everything since the start of that round is undone."),
    ),
)  # fmt: skip
"""Every verb, in the order the rules list them."""

BY_WORD: dict[str, Verb] = {v.word: v for v in VERBS}
"""Verbs by their word."""
COST_FIELDS: frozenset[str] = frozenset(Costs.model_fields)
"""The fields of a scenario's `costs` (every verb's cost is one of them, or free)."""


def verb_of(line: o.Line) -> Verb:
    """The verb a line is given with."""
    return BY_WORD[line.verb]


def verbs(nature: Nature, scenario: Scenario, seat: str | None) -> list[Verb]:
    """The verbs of `nature` that `seat` may give in `scenario` (None: the table)."""
    return [v for v in VERBS if v.nature is nature and v.offered(scenario, seat)]


def forms(nature: Nature, scenario: Scenario, seat: str | None) -> list[tuple[Verb, Form]]:
    """The forms of the verbs `seat` is offered, with their verbs."""
    return [(v, f) for v in verbs(nature, scenario, seat) for f in v.forms if f.available(scenario)]


def form_of(line: o.Line) -> tuple[Form, dict[str, Any]] | None:
    """The form that writes `line`, and the attribute values it would fill in (to edit it)."""
    verb = verb_of(line)
    for form in verb.forms:
        if all(getattr(line, name) == value for name, value in form.fixed):
            return form, {f.name: getattr(line, f.name) for f in form.fields}
    return None


# --- dispatch: cost and checks ------------------------------------------------------


def cost(state: GameState, action: o.Action) -> int:
    """Political capital the action costs."""
    field = BY_WORD[action.verb].cost
    return 0 if field is None else state.rules.costs[field]


def is_public(action: o.Line) -> bool:
    """Whether the line is an action taken openly during negotiation."""
    return verb_of(action).nature is Nature.PUBLIC


def is_secret(action: o.Line) -> bool:
    """Whether the line is a sealed order."""
    return verb_of(action).nature is Nature.SECRET


def check(state: GameState, action: o.Action, pending: Sequence[o.Action] = ()) -> str | None:
    """Why `action` is refused now, or None when it is allowed."""
    if state.phase is Phase.ENDED:
        return "the game is over"
    verb = verb_of(action)
    if verb.nature is Nature.FACILITATOR:
        return verb.check(state, action, pending)
    if action.seat not in state.seats:
        return c.unknown_seat(state, action.seat)
    if verb.nature is Nature.PUBLIC:
        if state.phase is not Phase.NEGOTIATION:
            return "too late in the round: items are tabled during negotiation, before orders"
    elif state.phase is not Phase.ORDERS:
        return "orders are entered in the orders phase, after negotiation"
    reason: str | None = verb.check(state, action, pending)
    if reason:
        return reason
    own = cost(state, action)
    return c.cannot_afford(state, action.seat, own, own + sum(cost(state, p) for p in pending))


def check_control(state: GameState, line: o.Control, progress: c.Progress) -> str | None:
    """Why a control line is refused now, or None."""
    reason: str | None = verb_of(line).check(state, line, progress)
    return reason


def can(state: GameState, action: o.Action, pending: Sequence[o.Action] = ()) -> bool:
    """Whether the action is allowed now."""
    return check(state, action, pending) is None


def require(state: GameState, action: o.Action, pending: Sequence[o.Action] = ()) -> None:
    """Raise IllegalAction with the reason if the action is refused."""
    reason = check(state, action, pending)
    if reason is not None:
        raise IllegalAction(f"{action.text()}: {reason}")
