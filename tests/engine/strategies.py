"""Hypothesis strategies for the engine tests, in one place.

- `actions`, `controls`, `lines`: any action, control line or log line value
  with a canonical text form (for round trips);
- `order_lines(draw, game)`: a plausible order line for a game as it stands
  (every id drawn from that game's scenario),
  legal or not (the state machine asks `game.why_not` which it is);
- `conditions()`: canonical condition texts over pledges and drafts, which
  stay constant from the pledge step to the end of a round.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from tests.engine.builders import scenario
from wargame.control_chars import BIDI as _BIDI
from wargame.engine import orders as o
from wargame.engine.state import DraftStatus, PledgeStatus
from wargame.game import Game, GameError
from wargame.scenario import expr
from wargame.scenario.models import Rating, Scenario, Vote

Draw = Callable[[st.SearchStrategy[Any]], Any]
"""A draw function: `data.draw` in a stateful rule, or a composite's `draw`."""

SEATS = ("fr", "uk", "ua", "ru", "un")
ASSETS = ("troops", "jets", "air_defence")
"""Ids of the builder's scenario, for strategies that do not depend on a game."""

ids = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True).filter(lambda s: s != "facilitator")
"""Identifiers as orders use them."""
_typed = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=_BIDI)
"""A character a player can type into an order: no control characters (the grammar refuses them)."""
texts = st.text(_typed, min_size=1, max_size=40).filter(lambda s: bool(s.strip()))
"""Free text for titles, reasons and arguments (anything but blank)."""
id_lists = st.lists(ids, max_size=3).map(tuple)
nonempty_id_lists = st.lists(ids, min_size=1, max_size=3).map(tuple)


def _canonical(text: str) -> str:
    return expr.unparse(expr.parse(text))


# -- conditions -------------------------------------------------------------------------

_pledged = st.builds(
    lambda seat, asset, n: f"{seat}.pledged.{asset} >= {n}",
    st.sampled_from(SEATS),
    st.sampled_from(ASSETS),
    st.sampled_from([1, 2, 1000, 5000]),
)
_draft_state = st.builds(
    lambda fn, draft: f'{fn}("{draft}")',
    st.sampled_from(["adopted", "vetoed", "failed", "tabled"]),
    st.sampled_from(["pk", "cf", "d1"]),
)
_atoms = st.one_of(_pledged, _draft_state, st.just("un_mission()"), st.just("true"))
stable_conditions = st.recursive(
    _atoms,
    lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a}) and ({b})", inner, inner),
        st.builds(lambda a, b: f"({a}) or ({b})", inner, inner),
        st.builds(lambda a: f"not ({a})", inner),
    ),
    max_leaves=3,
).map(_canonical)
"""Conditions whose value cannot change after the pledge step of a round (builder ids)."""

conditions = st.one_of(
    stable_conditions,
    st.builds(
        lambda name, op, n: f"{name} {op} {n}",
        st.sampled_from(["tension", "cohesion", "round", "fr.pc", "ru.credibility"]),
        st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
        st.integers(-5, 200),
    ).map(_canonical),
)
"""Any condition a player could type (canonical text)."""

effects = st.builds(
    lambda target, op, n: f"{target} {op} {n}",
    st.sampled_from(["tension", "cohesion", "fr.pc", "ru.credibility", "uk.assets.jets"]),
    st.sampled_from(["+=", "-=", "="]),
    st.integers(0, 50),
)


# -- actions (for round trips) ----------------------------------------------------------

_kinds = st.booleans()
_votes = st.sampled_from([Vote.YES, Vote.NO, Vote.ABSTAIN])
_push = st.sampled_from([Vote.YES, Vote.NO])
_maybe_cond = st.none() | conditions
_amount = st.integers(0, 999_999_999)

_public = st.one_of(
    st.builds(o.TableDraft, ids, ids),
    st.builds(o.TableDraft, ids, ids, st.text(_typed, max_size=30), _kinds, id_lists),
    st.builds(o.Propose, ids, ids),
    st.builds(o.Propose, ids, ids, st.text(_typed, max_size=30), _kinds, id_lists),
    st.builds(o.Sponsor, ids, ids),
    st.builds(o.Amend, ids, ids, ids, texts, nonempty_id_lists, id_lists),
    st.builds(o.Amend, ids, ids, ids, texts, st.just(()), nonempty_id_lists),
    st.builds(o.UnitingForPeace, ids, ids),
    st.builds(o.OfferGuarantee, ids, ids, ids, id_lists, _maybe_cond),
    st.builds(o.BackGuarantee, ids, ids, ids),
    st.builds(o.TableTerms, ids, ids, texts, id_lists),
    st.builds(o.DeclareRedLine, ids, ids, texts, nonempty_id_lists),
)
_secret = st.one_of(
    st.builds(o.CastVote, ids, ids, _votes),
    st.builds(o.Lobby, ids, ids, ids, _push),
    st.builds(
        o.MakePledge,
        ids,
        ids,
        ids,
        _amount,
        st.sampled_from(["coalition", "un_mission"]) | ids,
        _maybe_cond,
    ),
    st.builds(o.Answer, ids, ids, st.booleans()),
    st.builds(o.Withdraw, ids, ids),
    st.builds(o.Mediate, ids),
    st.builds(o.Endorse, ids, ids),
    st.builds(o.Argue, ids, ids, texts),
    st.builds(o.Pass, ids),
)
_ruling = st.sampled_from(
    [("draft", "adopted"), ("draft", "failed"), ("pledge", "honoured"), ("pledge", "dropped")]
)
_facilitator = st.one_of(
    st.builds(o.FacInject, ids, texts),
    st.builds(
        o.FacEvent,
        texts,
        st.lists(effects, min_size=1, max_size=3).map(tuple),
        texts,
    ),
    st.builds(o.FacAdjust, ids, st.integers(-9_999_999, 9_999_999), texts),
    st.builds(o.FacRate, ids, ids, st.sampled_from(list(Rating))),
    st.builds(lambda kr, ref, reason: o.FacRuling(kr[0], ref, kr[1], reason), _ruling, ids, texts),
    st.builds(
        lambda seat, opt, ok, reason: o.FacRuling(
            "argument", f"{seat}:{opt}", "succeeds" if ok else "fails", reason
        ),
        ids,
        ids,
        st.booleans(),
        texts,
    ),
    st.builds(o.FacEnd, ids, texts),
)
actions = st.one_of(_public, _secret, _facilitator)
"""Every kind of action, with arbitrary ids and text."""
controls = st.one_of(
    st.just(o.BeginOrders()),
    st.just(o.Resolve()),
    st.builds(o.Submit, ids),
    st.builds(o.Retract, ids, st.integers(0, 999)),
    st.builds(o.Rewind, st.integers(0, 999), st.text(_typed, max_size=40)),
)
"""Every kind of control line (a rewind's reason may be empty, as old saves have it)."""
lines = st.one_of(actions, controls)
"""Every kind of log line."""


# -- a scenario for random games -------------------------------------------------------------


def game_scenario() -> Scenario:
    """The builder's scenario with every mechanism switched on: deployment tags, a red
    line, injects that take assets away, rules, friction, arguments, a generous Assembly."""
    return scenario(
        rounds=4,
        force={
            "requirement": {"troops": 10000, "jets": 2},
            "mission_tags": ["un_peacekeeping"],
            "deployment_tags": [{"tag": "nato_troops", "seats": ["fr", "uk"], "assets": ["troops"]}],
        },
        red_lines={
            "effects": ["tension += 10"],
            "declared": [{"id": "rl_nato", "seat": "ru", "tags": ["nato_troops"], "text": "No NATO"}],
        },
        injects=[
            {"id": "losses", "title": "Losses", "round": 2, "effects": ["fr.assets.troops -= 4000"]},
            {"id": "raid", "title": "Raid", "when": "tension >= 60", "once": False,
             "effects": ["uk.assets.jets -= 1", "cohesion -= 5"]},
            {"id": "aid", "title": "Aid arrives", "effects": ["ua.assets.air_defence += 2"]},
        ],
        rules=[
            {"id": "strain", "when": "tension >= 70", "effects": ["cohesion -= 10", "fr.pc -= 3"]},
            {"id": "hope", "when": 'adopted("cf")', "effects": ["tension -= 15"], "once": True},
        ],
        friction=[{"id": "violation", "text": "Violation", "chance": "tension / 2",
                   "effects": ["tension += 8"]}],
        mediate_effects=["tension -= 5"],
        arguments={"enabled": True, "table": [{"id": "drones", "name": "Drones",
                                               "effects": ["tension += 5"]}]},
        drafts=[
            {"id": "pk", "title": "UN peacekeeping mission", "tags": ["un_peacekeeping"]},
            {"id": "cf", "title": "Call for a ceasefire", "procedural": True, "tags": ["ceasefire"]},
            {"id": "obs", "title": "Observers", "tags": ["un_peacekeeping", "dmz"], "concept": True},
        ],
        council={
            "members": scenario().council.model_dump(mode="json")["members"],
            "general_assembly": {"base_yes": 70},
        },
    )  # fmt: skip


# -- order lines for a game as it stands -------------------------------------------------------


def _pick(draw: Draw, known: list[str], junk: str = "zz") -> str:
    """Mostly something that exists, sometimes something that does not."""
    return draw(st.sampled_from([*known, junk])) if known else junk


_likely = st.integers(0, 6)
_fresh = st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h"])
_amounts = st.sampled_from([1, 2, 500, 1000, 3000, 5000, 9000])
_targets = st.sampled_from(["coalition", "coalition", "un_mission"])
_kind_words = st.sampled_from(["procedural", "substantive"])
_vote_words = st.sampled_from(["yes", "yes", "no", "abstain"])
_push_words = st.sampled_from(["yes", "no"])
_answer_words = st.sampled_from(["accept", "accept", "reject"])
_ratings = st.sampled_from([r.value for r in Rating])
_deltas = st.integers(-40, 40)
_results = st.sampled_from(["adopted", "failed"])
_pledge_results = st.sampled_from(["honoured", "dropped"])


class Vocabulary:
    """The ids of one scenario, as strategies (built once per scenario)."""

    def __init__(self, sc: Scenario) -> None:
        seats = tuple(s.id for s in sc.seats)
        council = tuple(m.seat for m in sc.council.members if m.seat)
        self.seats = seats
        self.council_seats = council or seats
        self.asset_seats = tuple(s.id for s in sc.seats if any(s.assets.values())) or seats
        self.secretariat = (sc.roles.secretariat,) if sc.roles.secretariat else seats
        self.host = (sc.roles.host,)
        self.parties = tuple(sc.roles.parties)
        self.guarantors = tuple(x for x in seats if x != sc.roles.host)
        self.any_seat = st.sampled_from(seats)
        assets = [a.id for a in sc.assets] or ["troops"]
        self.assets = st.sampled_from(assets)
        self.tags = st.sampled_from([t.id for t in sc.tags] or ["none"])
        self.prepared = st.sampled_from([d.id for d in sc.drafts if not d.concept] + ["zz"])
        self.concepts = st.sampled_from([d.id for d in sc.drafts if d.concept] + ["zz"])
        self.types = st.sampled_from([g.id for g in sc.guarantee_types] + ["zz"])
        self.members = st.sampled_from([m.id for m in sc.council.members] + ["zz"])
        self.arguments = st.sampled_from([a.id for a in sc.arguments.table] + ["zz"])
        library = [i.id for i in sc.injects if i.round is None and i.when is None]
        self.injects = st.sampled_from([*library, "zz"])
        self.tracks = st.sampled_from([t.id for t in sc.tracks] + ["zz"])
        drafts = [d.id for d in sc.drafts] + ["d1"]
        pledged = st.builds(
            lambda seat, asset, n: f"{seat}.pledged.{asset} >= {n}",
            self.any_seat,
            self.assets,
            st.sampled_from([1, 2, 1000, 5000]),
        )
        draft_state = st.builds(
            lambda fn, draft: f'{fn}("{draft}")',
            st.sampled_from(["adopted", "vetoed", "failed", "tabled"]),
            st.sampled_from(drafts),
        )
        atoms = st.one_of(pledged, draft_state, st.just("un_mission()"), st.just("true"))
        self.stable_conditions = st.recursive(
            atoms,
            lambda inner: st.one_of(
                st.builds(lambda a, b: f"({a}) and ({b})", inner, inner),
                st.builds(lambda a, b: f"({a}) or ({b})", inner, inner),
                st.builds(lambda a: f"not ({a})", inner),
            ),
            max_leaves=3,
        ).map(_canonical)
        self.tails = st.sampled_from([None, None, None]) | self.stable_conditions
        self.effects = st.builds(
            lambda target, op, n: f"{target} {op} {n}",
            st.sampled_from(
                [t.id for t in sc.tracks]
                + [f"{x}.pc" for x in seats]
                + [f"{x}.assets.{a}" for x in seats for a in assets]
            ),
            st.sampled_from(["+=", "-=", "="]),
            st.integers(0, 50),
        )


_VOCABULARIES: dict[int, tuple[Scenario, Vocabulary]] = {}


def vocabulary(sc: Scenario) -> Vocabulary:
    """The scenario's vocabulary (cached)."""
    found = _VOCABULARIES.get(id(sc))
    if found is None or found[0] is not sc:
        found = _VOCABULARIES[id(sc)] = (sc, Vocabulary(sc))
    return found[1]


def order_lines(draw: Draw, g: Game) -> str:
    """A plausible line for `g` now: legal often, illegal sometimes.

    The verb is drawn first (mostly one that fits the phase), then a seat that
    could plausibly give it (sometimes any seat), then its arguments (mostly
    things that exist, sometimes not). Every id comes from the game's scenario.
    """
    state = g.state
    v = vocabulary(g.scenario)

    def seat(likely: tuple[str, ...] | None = None) -> str:
        if likely and draw(_likely):
            return str(draw(st.sampled_from(likely)))
        return str(draw(v.any_seat))

    def fresh() -> str:
        return f"{draw(_fresh)}{state.round}{len(g.log)}"

    def tail() -> str:
        cond = draw(v.tails)
        return f" if {cond}" if cond else ""

    def drafts(status: DraftStatus | None = None) -> list[str]:
        return [d.id for d in state.drafts if status is None or d.status is status]

    def honoured(who: str) -> str:
        mine = [p.id for p in state.pledges if p.seat == who and p.status is PledgeStatus.HONOURED]
        return _pick(draw, mine, "p0")

    def answerable() -> list[str]:
        return (
            [x.id for x in state.guarantees]
            + [t.id for t in state.terms]
            + drafts(DraftStatus.VETOED)
        )

    def backing(gid: str) -> list[str]:
        found = state.guarantee(gid)
        return list(found.backing) if found else []

    tabled = DraftStatus.TABLED
    council = v.council_seats
    public: list[Callable[[], str]] = [
        lambda: f"{seat(council)} table {draw(v.prepared)}",
        lambda: f"{seat(council)} table {draw(v.prepared)}",
        lambda: (
            f'{seat(council)} table {fresh()} "A draft" {draw(_kind_words)} tags={draw(v.tags)}'
        ),
        lambda: f"{seat(v.secretariat)} propose {draw(v.concepts)}",
        lambda: f"{seat(council)} sponsor {_pick(draw, drafts(DraftStatus.PROPOSED))}",
        lambda: (
            f"{seat(council)} amend {_pick(draw, drafts(tabled))} {fresh()} "
            f'"Amend" add={draw(v.tags)}'
        ),
        lambda: f"{seat(council)} uniting-for-peace {_pick(draw, drafts(DraftStatus.VETOED))}",
        lambda: (
            f"{seat(v.guarantors)} offer {fresh()} {draw(v.types)} "
            f"backing={_pick(draw, [p.id for p in state.pledges], 'j' + fresh())}{tail()}"
        ),
        lambda: (
            lambda g: f"{seat(v.guarantors)} back {g} {_pick(draw, backing(g), 'j' + fresh())}"
        )(_pick(draw, [x.id for x in state.guarantees])),
        lambda: f'{seat()} terms {fresh()} "Terms" tags={draw(v.tags)}',
        lambda: f'{seat()} redline {fresh()} "Red line" tags={draw(v.tags)}',
    ]
    secret: list[Callable[[], str]] = [
        lambda: f"{seat(council)} vote {_pick(draw, drafts(tabled))} {draw(_vote_words)}",
        lambda: f"{seat(council)} vote {_pick(draw, drafts(tabled))} {draw(_vote_words)}",
        lambda: (
            f"{seat()} lobby {draw(v.members)} {_pick(draw, drafts(tabled))} {draw(_push_words)}"
        ),
        lambda: (
            f"{seat(v.asset_seats)} pledge {fresh()} {draw(v.assets)} {draw(_amounts)} "
            f"to {draw(_targets)}{tail()}"
        ),
        lambda: (
            f"{seat(v.asset_seats)} pledge {fresh()} {draw(v.assets)} {draw(_amounts)} "
            f"to {draw(_targets)}{tail()}"
        ),
        lambda: (
            f"{seat(v.asset_seats)} pledge j{fresh()} {draw(v.assets)} {draw(_amounts) % 3 + 1} "
            f"to coalition{tail()}"
        ),
        lambda: f"{seat(v.host + v.parties)} {draw(_answer_words)} {_pick(draw, answerable())}",
        lambda: (lambda who: f"{who} withdraw {honoured(who)}")(seat(v.asset_seats)),
        lambda: f"{seat(v.secretariat)} mediate",
        lambda: f"{seat(v.secretariat)} endorse {_pick(draw, drafts(tabled))}",
        lambda: f'{seat()} argue {draw(v.arguments)} "This will turn the tide"',
        lambda: f"{seat()} pass",
    ]
    facilitator: list[Callable[[], str]] = [
        lambda: f'facilitator inject {draw(v.injects)} "help"',
        lambda: f'facilitator adjust {draw(v.tracks)} {draw(_deltas):+d} "why"',
        lambda: f'facilitator event "Storm" "{draw(v.effects)}" "weather"',
        lambda: f"facilitator rate {seat()} {draw(v.arguments)} {draw(_ratings)}",
        lambda: (
            f"facilitator ruling draft {_pick(draw, [d.id for d in state.drafts if d.votes])} "
            f'{draw(_results)} "ruling"'
        ),
        lambda: (
            f"facilitator ruling pledge {_pick(draw, [p.id for p in state.pledges])} "
            f'{draw(_pledge_results)} "ruling"'
        ),
    ]
    fits, misfits = (secret, public) if state.phase.value == "orders" else (public, secret)
    pool = draw(st.sampled_from([fits] * 8 + [facilitator, misfits]))
    line: str = draw(st.sampled_from(pool))()
    return line


def apply_quietly(g: Game, line: str) -> bool:
    """Apply the line if the game accepts it; whether it did."""
    with contextlib.suppress(GameError):
        g.apply(line)
        return True
    return False
