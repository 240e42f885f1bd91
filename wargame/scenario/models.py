"""The scenario format: pydantic models of a scenario TOML file.

A scenario is data, never code. Conditions and effects are strings in the
small expression language of :mod:`wargame.scenario.expr`; they are compiled
and checked against the whole scenario by :mod:`wargame.scenario.validate`.
Every field carries a docstring: it becomes the JSON Schema description
(`wargame schema`) and the reference in docs/SCENARIOS.md.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

FORMAT_VERSION = 1
"""The scenario format this code reads."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
"""A short identifier: lower-case letters, digits and _, starting with a letter (at most 32)."""
Name = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(max_length=4000)]
LongText = Annotated[str, StringConstraints(max_length=20000)]
Condition = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
"""A condition in the expression language (true/false); see docs/SCENARIOS.md."""
NumberExpr = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
"""A number in the expression language."""
EffectText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
"""An effect such as "tension += 10" or "ru.credibility -= 5"."""
Percent = Annotated[int, Field(ge=0, le=100)]
Amount = Annotated[int, Field(ge=0, le=10_000_000)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        hide_input_in_errors=True,
        strict=True,
        use_attribute_docstrings=True,
        allow_inf_nan=False,
        str_strip_whitespace=False,
    )


class Vote(StrEnum):
    """A council member's vote on a draft."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"


class Roles(_Model):
    """Which seats play the parts the rules name."""

    host: Id
    """The host state (Ukraine): beneficiary of guarantees, consents to a General Assembly mission."""
    parties: Annotated[list[Id], Field(min_length=2, max_length=2)]
    """The two parties to the conflict; peace terms bind only when both accept them."""
    secretariat: Id | None = None
    """The UN Secretariat seat (mediates, endorses, proposes mission concepts), if played."""


class AssetDef(_Model):
    """A kind of asset seats hold and pledge (troops, jets, air defence...)."""

    id: Id
    """Identifier used in orders and conditions (`uk pledge jets 2 ...`, `uk.assets.jets`)."""
    name: Name
    """Name shown to players."""
    unit: Name = "units"
    """What one unit is (soldiers, squadrons, batteries...)."""
    strength: Annotated[int, Field(ge=0, le=1000)] = 1
    """Strength points that `per` units add to a force or a guarantee."""
    per: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    """How many units give `strength` points (troops: 1 point per 1000)."""


class TagDef(_Model):
    """A tag that drafts, guarantees, peace terms and red lines can carry."""

    id: Id
    """Identifier used in conditions (`in_force("nato_troops")`)."""
    description: Text = ""
    """What the tag means, shown in help."""


class TrackDef(_Model):
    """A public track such as tension or ceasefire stability."""

    id: Id
    """Identifier used in conditions and effects (`tension >= 60`, `tension += 5`)."""
    name: Name
    """Name shown on the board."""
    min: Annotated[int, Field(ge=-1_000_000, le=1_000_000)] = 0
    """Lowest value; the track is clamped to it at the end of each round."""
    max: Annotated[int, Field(ge=-1_000_000, le=1_000_000)] = 100
    """Highest value; the track is clamped to it at the end of each round."""
    start: Annotated[int, Field(ge=-1_000_000, le=1_000_000)] = 0
    """Value at the start of the game."""
    description: Text = ""
    """What the track measures."""


class Objective(_Model):
    """Something a seat scores points for at the end of the game."""

    id: Id
    """Identifier, unique within the seat."""
    text: Text
    """The objective as the seat's players read it."""
    when: Condition
    """Condition checked at the end (and shown as 'if the game ended now')."""
    points: Annotated[int, Field(ge=-100, le=100)]
    """Points scored when the condition holds (may be negative)."""
    secret: bool = False
    """Secret objectives are shown only to their seat until the end."""


class BotPersona(_Model):
    """How a computer player (a bot) plays this seat: read by the `quick` level."""

    cooperation: Percent = 50
    """How readily the bot votes for and pledges to others' initiatives."""
    risk: Percent = 50
    """How readily the bot accepts escalation."""
    priorities: Annotated[list[Id], Field(max_length=16)] = []
    """Tags the bot favours, most important first."""


class SeatDef(_Model):
    """A seat at the table, played by people (or later a bot)."""

    id: Id
    """Identifier used in orders and conditions (`fr`, `uk`, `ua`, `ru`, `un`)."""
    name: Name
    """Name shown to players (France, United Kingdom...)."""
    briefing: LongText = ""
    """Private briefing shown only to this seat behind the curtain."""
    pc: Annotated[int, Field(ge=0, le=1000)] = 10
    """Political capital at the start of the game."""
    income: Annotated[int, Field(ge=0, le=1000)] = 3
    """Political capital gained at the end of every round."""
    credibility: Percent = 50
    """Starting credibility (0-100); lost by withdrawing pledges or failing red lines."""
    assets: dict[Id, Amount] = {}
    """Assets held at the start, by asset id (`{ troops = 10000, jets = 4 }`)."""
    private_assets: bool = False
    """When true, other seats do not see this seat's assets."""
    objectives: Annotated[list[Objective], Field(max_length=32)] = []
    """What this seat scores for."""
    bot: BotPersona | None = None
    """How a bot plays this seat (optional)."""


class DispositionRule(_Model):
    """One rule of a non-player council member's voting: first match wins."""

    when: Condition
    """Condition over the draft (`has_tag("nato_troops")`, `draft.procedural`) and the tracks."""
    vote: Annotated[Vote, Field(strict=False)]
    """The vote cast when the condition holds."""


class MemberDef(_Model):
    """A member of the Security Council."""

    id: Id
    """Identifier used in lobbying orders (`uk lobby us pk yes`)."""
    name: Name
    """The member state's name."""
    permanent: bool = False
    """Permanent members (P5) can veto substantive drafts."""
    seat: Id | None = None
    """The seat that casts this member's votes; empty for a non-player member."""
    disposition: Annotated[list[DispositionRule], Field(max_length=32)] = []
    """Rules for a non-player member's vote, tried in order."""
    default_vote: Annotated[Vote, Field(strict=False)] = Vote.ABSTAIN
    """A non-player member's vote when no disposition rule matches."""
    lobby_chance: Percent = 50
    """Chance (percent) that one lobbying order moves this member's vote one step."""


class GeneralAssembly(_Model):
    """Uniting for Peace: the General Assembly vote after a veto."""

    enabled: bool = True
    """Whether a council seat may call an emergency special session after a veto."""
    base_yes: Percent = 60
    """Share of voting states (percent) supporting a recommendation before modifiers."""
    modifiers: Annotated[list[GaModifier], Field(max_length=16)] = []
    """Conditional changes to the Assembly's yes share."""
    threshold: Percent = 67
    """Yes share (percent of those voting) needed to recommend: two-thirds."""
    mandate_strength: Percent = 60
    """Strength of a recommended mission relative to a Council mandate (percent)."""


class GaModifier(_Model):
    """A conditional change to the General Assembly's yes share."""

    when: Condition
    """When this modifier applies."""
    add: Annotated[int, Field(ge=-100, le=100)]
    """Percentage points added to the yes share."""


class Council(_Model):
    """The Security Council and the practices the scenario follows."""

    members: Annotated[list[MemberDef], Field(min_length=1, max_length=15)]
    """The members, in the order they are shown."""
    majority: Annotated[int, Field(ge=1, le=15)] = 9
    """Yes votes needed to adopt a draft (Art. 27: nine)."""
    endorse_chance: Percent = 50
    """Chance (percent) that the Secretariat's endorsement moves each non-player member one step toward yes."""
    obligatory_abstention: bool = False
    """Art. 27(3): parties to the dispute abstain on substantive drafts."""
    double_veto: bool = False
    """A permanent member's no on a procedural draft also makes it substantive (the double veto).

    Uniting for Peace motions stay procedural whatever this says."""
    substantive_tags: Annotated[list[Id], Field(max_length=64)] = []
    """Tags only a substantive decision can carry: a draft or amendment with one is voted as
    substantive (and can be vetoed), whatever its sponsor says. The force's mission tags always
    count, listed here or not."""
    procedural_tags: Annotated[list[Id], Field(max_length=64)] | None = None
    """Tags a player's new draft may carry and still be declared procedural (all of its tags must
    be listed). Not given: the tags of the scenario's prepared procedural drafts."""
    general_assembly: GeneralAssembly = GeneralAssembly()
    """Uniting for Peace settings."""


class DraftDef(_Model):
    """A prepared draft resolution that a seat can table by its id."""

    id: Id
    """Identifier used in orders and conditions (`adopted("pk")`)."""
    title: Name
    """Short title."""
    text: Text = ""
    """Operative text, for the players to read."""
    procedural: bool = False
    """Procedural drafts need nine votes and cannot be vetoed."""
    tags: Annotated[list[Id], Field(max_length=16)] = []
    """Tags that decide dispositions and what the draft unlocks once adopted."""
    concept: bool = False
    """A Secretariat mission concept: only the Secretariat may propose it, a council seat must sponsor it."""


class GuaranteeType(_Model):
    """A kind of security guarantee a seat can offer."""

    id: Id
    """Identifier used in offers and conditions (`guarantee_active("air_policing")`)."""
    name: Name
    """Name shown to players."""
    tags: Annotated[list[Id], Field(max_length=16)] = []
    """Tags put in force while a guarantee of this type is active."""
    backing_targets: Annotated[
        list[Literal["coalition", "un_mission"]], Field(min_length=1, max_length=2)
    ] = ["coalition"]
    """Pledge targets whose pledges can back it: `coalition` (the default), `un_mission` (blue helmets as a guarantee), or both."""
    backing_assets: Annotated[list[Id], Field(max_length=16)] = []
    """Assets whose pledges can back it; empty: any asset."""


class DeploymentTag(_Model):
    """A tag in force while given seats have given assets pledged and honoured."""

    tag: Id
    """The tag put in force (e.g. `nato_troops`)."""
    seats: Annotated[list[Id], Field(min_length=1, max_length=12)]
    """Seats whose pledges count."""
    assets: Annotated[list[Id], Field(min_length=1, max_length=16)]
    """Assets whose pledges count (e.g. troops)."""


class Force(_Model):
    """What a credible force needs, and where pledges can go."""

    requirement: dict[Id, Amount] = {}
    """Asset amounts a force needs to be credible (`{ troops = 15000, air_defence = 3 }`)."""
    mission_tags: Annotated[list[Id], Field(max_length=16)] = []
    """A draft with any of these tags creates a UN mission when adopted (or recommended and consented)."""
    deployment_tags: Annotated[list[DeploymentTag], Field(max_length=16)] = []
    """Tags that honoured pledges put in force (for red lines such as "no NATO troops")."""


class Costs(_Model):
    """Political capital each order costs."""

    table_draft: Amount = 2
    """Tabling a draft resolution (or sponsoring a concept)."""
    amend: Amount = 1
    """Tabling an amendment."""
    propose: Amount = 1
    """The Secretariat proposing a mission concept."""
    uniting_for_peace: Amount = 2
    """Tabling the procedural motion to call the General Assembly."""
    vote: Amount = 0
    """Casting a vote."""
    lobby: Amount = 2
    """One lobbying order."""
    pledge: Amount = 1
    """One pledge."""
    offer_guarantee: Amount = 2
    """Offering a guarantee."""
    back_guarantee: Amount = 1
    """Backing another seat's guarantee with one's own pledge (`fr back g1 fr2`)."""
    table_terms: Amount = 2
    """Tabling peace terms."""
    accept: Amount = 0
    """Accepting, rejecting or consenting."""
    red_line: Amount = 1
    """Declaring a red line."""
    withdraw: Amount = 1
    """Withdrawing a pledge."""
    mediate: Amount = 2
    """The Secretariat mediating."""
    endorse: Amount = 1
    """The Secretariat endorsing a draft."""
    argue: Amount = 1
    """A matrix-game argument."""


class RedLineDef(_Model):
    """A red line declared before play starts."""

    id: Id
    """Identifier."""
    seat: Id
    """The declaring seat."""
    tags: Annotated[list[Id], Field(min_length=1, max_length=8)]
    """The red line is crossed when any of these tags comes into force."""
    text: Text = ""
    """The declaration as announced."""


class SeatRedLines(_Model):
    """What happens when one seat's red line is crossed, where it differs from the default."""

    effects: Annotated[list[EffectText], Field(max_length=16)] | None = None
    """Effects applied each time one of this seat's red lines is crossed; empty: the default `effects`."""
    credibility_loss: Annotated[int, Field(ge=0, le=100)] | None = None
    """Credibility this seat loses when its red line is crossed; empty: the default."""


class RedLines(_Model):
    """What happens when a declared red line is crossed."""

    effects: Annotated[list[EffectText], Field(max_length=16)] = []
    """Effects applied each time a red line is crossed, unless its declarer has its own in `seats`."""
    credibility_loss: Annotated[int, Field(ge=0, le=100)] = 10
    """Credibility the declarer loses when its red line is crossed (unless set in `seats`)."""
    seats: dict[Id, SeatRedLines] = {}
    """Effects that belong to a declarer, by seat id (`[red_lines.seats.ua]`); other seats use the defaults above."""

    def of(self, seat: str) -> tuple[list[str], int]:
        """The effects and the credibility loss when `seat`'s red line is crossed."""
        own = self.seats.get(seat, SeatRedLines())
        effects = self.effects if own.effects is None else own.effects
        loss = self.credibility_loss if own.credibility_loss is None else own.credibility_loss
        return list(effects), loss

    declared: Annotated[list[RedLineDef], Field(max_length=16)] = []
    """Red lines in place at the start."""


class Inject(_Model):
    """A scripted event: fires at a round and/or when a condition holds."""

    id: Id
    """Identifier (also used by the facilitator to fire it by hand)."""
    title: Name
    """Headline in the news feed."""
    text: Text = ""
    """What happened."""
    round: Annotated[int, Field(ge=1, le=50)] | None = None
    """The round it fires in (with `when`, both must hold); empty for the facilitator's library."""
    when: Condition | None = None
    """Condition for it to fire."""
    effects: Annotated[list[EffectText], Field(max_length=16)] = []
    """Effects when it fires."""
    once: bool = True
    """Fire at most once per game."""


class Rule(_Model):
    """A scenario rule: when its condition holds at resolution, its effects apply."""

    id: Id
    """Identifier."""
    when: Condition
    """Condition checked every round, after red lines."""
    effects: Annotated[list[EffectText], Field(min_length=1, max_length=16)]
    """Effects applied when it holds."""
    text: Text = ""
    """What the rule represents, shown in the news when it fires."""
    once: bool = False
    """Apply at most once per game."""


class Friction(_Model):
    """A random event drawn every round from the game's seeded generator."""

    id: Id
    """Identifier."""
    text: Text
    """What happened, shown in the news."""
    chance: NumberExpr
    """Chance in percent, a number expression (`5 + tension / 5`), clamped to 0-100."""
    effects: Annotated[list[EffectText], Field(max_length=16)] = []
    """Effects when it happens."""


class Rating(StrEnum):
    """The facilitator's rating of a matrix-game argument."""

    VERY_WEAK = "very_weak"
    WEAK = "weak"
    AVERAGE = "average"
    STRONG = "strong"
    VERY_STRONG = "very_strong"


class Chances(_Model):
    """Chance of success (percent) of an argument, by the facilitator's rating."""

    very_weak: Percent = 10
    """Rated very weak."""
    weak: Percent = 30
    """Rated weak."""
    average: Percent = 50
    """Rated average (and unrated arguments)."""
    strong: Percent = 70
    """Rated strong."""
    very_strong: Percent = 90
    """Rated very strong."""

    def of(self, rating: Rating) -> int:
        """The chance for a rating."""
        return int(getattr(self, rating.value))


class ArgumentOption(_Model):
    """An entry of the argument table: what a successful argument does."""

    id: Id
    """Identifier used in the order (`ua argue drones "..."`)."""
    name: Name
    """Short name."""
    effects: Annotated[list[EffectText], Field(min_length=1, max_length=16)]
    """Effects when the argument succeeds."""


class Arguments(_Model):
    """Matrix-game arguments (free text rated by the facilitator)."""

    enabled: bool = False
    """Whether seats may argue."""
    chances: Chances = Chances()
    """Chance of success (percent) for each rating; unrated arguments count as average."""
    table: Annotated[list[ArgumentOption], Field(max_length=32)] = []
    """The argument table."""


class Ending(_Model):
    """A way the game can end."""

    id: Id
    """Identifier."""
    title: Name
    """Headline."""
    text: LongText = ""
    """The narrative read at the end."""
    when: Condition
    """Checked after every round, in file order: the first that holds ends the game."""
    final_only: bool = False
    """Only checked after the last round."""


class DefaultEnding(_Model):
    """The ending that applies when no other holds after the last round."""

    id: Id
    """Identifier."""
    title: Name
    """Headline."""
    text: LongText = ""
    """The narrative read at the end."""


class Scenario(_Model):
    """A scenario: everything the engine needs to run a game."""

    format: Annotated[int, Field(ge=1)] = FORMAT_VERSION
    """Scenario format version; this program reads format 1."""
    id: Id
    """Identifier of the scenario."""
    title: Name
    """Title shown on the start screen."""
    summary: Annotated[str, StringConstraints(max_length=200)] = ""
    """One line describing the scenario."""
    briefing: LongText = ""
    """The public briefing everyone reads before play."""
    rounds: Annotated[int, Field(ge=1, le=50)]
    """Number of rounds; after the last, the endings are checked and the default applies."""
    roles: Roles
    """Which seats are the host, the parties and the Secretariat."""
    assets: Annotated[list[AssetDef], Field(max_length=16)] = []
    """Kinds of assets."""
    tags: Annotated[list[TagDef], Field(max_length=64)] = []
    """Tags used by drafts, guarantees, terms and red lines."""
    tracks: Annotated[list[TrackDef], Field(max_length=16)] = []
    """Public tracks."""
    seats: Annotated[list[SeatDef], Field(min_length=2, max_length=12)]
    """The seats at the table."""
    council: Council
    """The Security Council."""
    drafts: Annotated[list[DraftDef], Field(max_length=64)] = []
    """Prepared drafts seats can table by id."""
    guarantee_types: Annotated[list[GuaranteeType], Field(max_length=16)] = []
    """Kinds of guarantees that can be offered."""
    force: Force = Force()
    """The force requirement and mission tags."""
    costs: Costs = Costs()
    """Order costs in political capital."""
    withdraw_credibility: Annotated[int, Field(ge=0, le=100)] = 10
    """Credibility a seat loses for withdrawing an honoured pledge."""
    mediate_effects: Annotated[list[EffectText], Field(max_length=16)] = []
    """Effects of the Secretariat's mediation."""
    red_lines: RedLines = RedLines()
    """Red-line effects and red lines declared at the start."""
    injects: Annotated[list[Inject], Field(max_length=200)] = []
    """Scripted events and the facilitator's inject library."""
    rules: Annotated[list[Rule], Field(max_length=100)] = []
    """Scenario rules, applied in file order."""
    friction: Annotated[list[Friction], Field(max_length=32)] = []
    """Random events."""
    arguments: Arguments = Arguments()
    """Matrix-game arguments."""
    endings: Annotated[list[Ending], Field(min_length=1, max_length=32)]
    """Endings in priority order."""
    default_ending: DefaultEnding
    """The ending after the last round when no other holds."""


GeneralAssembly.model_rebuild()
