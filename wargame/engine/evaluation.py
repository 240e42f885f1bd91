"""Evaluating scenario expressions against a game state.

`Evaluator` answers every name and function of
:mod:`wargame.scenario.vocabulary`. Pledge resolution evaluates conditions
under an *assumption* (the set of pledges taken to hold), so everything that
depends on pledges reads `honoured` rather than the pledges' statuses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from wargame.engine.rules import Rules
from wargame.engine.state import (
    DraftStatus,
    GameState,
    Guarantee,
    Mission,
    Pledge,
    PledgeStatus,
    RedLine,
    SeatState,
    TabledDraft,
    Terms,
)
from wargame.scenario import expr
from wargame.scenario.models import Scenario


class Table(Protocol):
    """What an evaluator reads: a frozen `GameState`, or the `Board` of a resolution
    in progress (read as it stands, without freezing a copy)."""

    @property
    def rules(self) -> Rules: ...

    @property
    def scenario(self) -> Scenario: ...

    @property
    def round(self) -> int: ...

    @property
    def tracks(self) -> Mapping[str, int]: ...

    @property
    def seats(self) -> Mapping[str, SeatState]: ...

    @property
    def drafts(self) -> Sequence[TabledDraft]: ...

    @property
    def pledges(self) -> Sequence[Pledge]: ...

    @property
    def guarantees(self) -> Sequence[Guarantee]: ...

    @property
    def terms(self) -> Sequence[Terms]: ...

    @property
    def red_lines(self) -> Sequence[RedLine]: ...

    @property
    def mission(self) -> Mission | None: ...

    def draft(self, draft_id: str) -> TabledDraft | None: ...


_HONOURED: dict[int, tuple[tuple[Pledge, ...], frozenset[str]]] = {}
"""Id of a tuple of pledges -> (the tuple, the ids honoured in it). A tuple of frozen
records never changes, and holding it keeps its id its own while remembered."""

_TAGS: dict[tuple[object, ...], tuple[tuple[object, ...], _Tags]] = {}
"""(id of the scenario, the ids of the drafts, guarantees, terms and pledges, the pledges
honoured) -> (those records, the tags in force). The records are frozen, so the same
records give the same tags; holding them keeps their ids their own while remembered.
The same board, or one that differs only in numbers (tracks, PC, assets), is asked
about again and again (each state's views, a bot's hypotheses): its tags are worked
out once."""

_Tags = tuple[tuple[str, ...], frozenset[str]]
"""The tags in force, sorted and as a set."""

_MOST_REMEMBERED = 4096
"""Entries each of those keeps before it starts again."""


def honoured_ids(state: Table) -> frozenset[str]:
    """Ids of the pledges currently honoured."""
    pledges = state.pledges
    if type(pledges) is not tuple:
        return frozenset(p.id for p in pledges if p.status is PledgeStatus.HONOURED)
    found = _HONOURED.get(id(pledges))
    if found is not None and found[0] is pledges:
        return found[1]
    held = frozenset(p.id for p in pledges if p.status is PledgeStatus.HONOURED)
    if len(_HONOURED) >= _MOST_REMEMBERED:
        _HONOURED.clear()
    _HONOURED[id(pledges)] = (pledges, held)
    return held


def is_resolution(draft: TabledDraft) -> bool:
    """A draft resolution proper (not an amendment or a Uniting for Peace motion)."""
    return draft.amends is None and draft.motion_for is None


def deployment_tags(state: Table, honoured: frozenset[str]) -> set[str]:
    """Tags put in force by honoured pledges (the scenario's deployment tags)."""
    found: set[str] = set()
    for rule in state.scenario.force.deployment_tags:
        if any(
            p.id in honoured and p.seat in rule.seats and p.asset in rule.assets and p.amount > 0
            for p in state.pledges
        ):
            found.add(rule.tag)
    return found


def tags_in_force(state: Table, honoured: frozenset[str] | None = None) -> tuple[str, ...]:
    """Every tag in force: adopted drafts, consented recommendations, active
    guarantees, accepted terms and deployments; sorted.

    Remembered by the identity of the records that count (drafts, guarantees, terms
    and pledges are frozen records; nothing else counts but the scenario)."""
    held = honoured_ids(state) if honoured is None else honoured
    return _remembered_tags(state, held)[0]


def tags_with_set(state: Table, honoured: frozenset[str]) -> _Tags:
    """`tags_in_force` under `honoured`, and the same tags as a set (remembered alike)."""
    return _remembered_tags(state, honoured)


def _remembered_tags(state: Table, held: frozenset[str]) -> _Tags:
    drafts, guarantees, terms, pledges = state.drafts, state.guarantees, state.terms, state.pledges
    if (
        type(drafts) is tuple
        and type(guarantees) is tuple
        and type(terms) is tuple
        and type(pledges) is tuple
        and type(held) is frozenset
    ):
        # Frozen tuples of frozen records (views, a bot's boards): each kind of record's
        # tags are remembered by the tuple itself, so a board that differs from another
        # in its drafts only works out its drafts' tags.
        parts = _tags_by_part(state, drafts, guarantees, terms, pledges, held)
        found_union = _UNIONS.get(parts)
        if found_union is None:
            union = parts[0].union(*parts[1:])
            if len(_UNIONS) >= _MOST_REMEMBERED:
                _UNIONS.clear()
            found_union = _UNIONS[parts] = (tuple(sorted(union)), union)
        return found_union
    scenario = state.scenario
    key = (
        id(scenario),
        tuple(map(id, drafts)),
        tuple(map(id, guarantees)),
        tuple(map(id, terms)),
        tuple(map(id, pledges)),
        held if type(held) is frozenset else frozenset(held),  # an assumption may be a set
    )
    found = _TAGS.get(key)
    if found is not None:
        return found[1]
    tags = _tags_in_force(state, held)
    entry = (tags, frozenset(tags))
    if len(_TAGS) >= _MOST_REMEMBERED:
        _TAGS.clear()
    records = (scenario, tuple(drafts), tuple(guarantees), tuple(terms), tuple(pledges))
    _TAGS[key] = (records, entry)
    return entry


def _tags_in_force(state: Table, held: frozenset[str]) -> tuple[str, ...]:
    tags = _draft_tags(state.drafts)
    tags.update(_guarantee_tags(state.guarantees, state.rules))
    tags.update(_terms_tags(state.terms, state.rules))
    tags.update(deployment_tags(state, held))
    return tuple(sorted(tags))


def _draft_tags(drafts: Iterable[TabledDraft]) -> set[str]:
    """Tags of the adopted drafts and the consented recommendations."""
    tags: set[str] = set()
    for d in drafts:
        if is_resolution(d) and (
            d.status is DraftStatus.ADOPTED or (d.recommended and d.consented)
        ):
            tags.update(d.tags)
    return tags


def _guarantee_tags(guarantees: Iterable[Guarantee], rules: Rules) -> set[str]:
    """Tags of the active guarantees."""
    tags: set[str] = set()
    types = rules.guarantee_types
    for g in guarantees:
        if g.active and g.type in types:
            tags.update(types[g.type].tags)
    return tags


def _terms_tags(terms: Iterable[Terms], rules: Rules) -> set[str]:
    """Tags of the terms both parties accepted."""
    tags: set[str] = set()
    parties = rules.parties
    for t in terms:
        if parties.issubset(t.accepted_by):
            tags.update(t.tags)
    return tags


_PARTS: dict[
    tuple[str, int, int, frozenset[str] | None], tuple[tuple[object, ...], Rules, frozenset[str]]
] = {}
"""(kind of record, id of a tuple of them, id of the rules, the pledges honoured for
deployments) -> (the tuple, the rules, the tags they put in force). Frozen records give
the same tags; holding them keeps their ids their own while remembered."""


_Parts = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]

_UNIONS: dict[_Parts, _Tags] = {}
"""The tags in force of each kind of record (drafts, guarantees, terms, deployments) ->
their union, sorted and as a set: boards alike in each kind's tags share it. Keyed by
value (a frozenset keeps its hash), so nothing of a board is held."""

_INTERNED: dict[frozenset[str], frozenset[str]] = {}
"""One frozenset for each set of tags a kind of record puts in force, so the parts of
`_UNIONS`' keys compare by identity first."""


def _tags_by_part(
    state: Table,
    drafts: tuple[TabledDraft, ...],
    guarantees: tuple[Guarantee, ...],
    terms: tuple[Terms, ...],
    pledges: tuple[Pledge, ...],
    held: frozenset[str],
) -> _Parts:
    """`_tags_in_force` of a state whose records are these tuples, each kind remembered
    apart: the tags each kind puts in force."""
    rules = state.rules
    in_drafts = _remembered_part("drafts", drafts, rules, None)
    if in_drafts is None:
        in_drafts = _kept("drafts", drafts, rules, None, _draft_tags(drafts))
    in_guarantees = _remembered_part("guarantees", guarantees, rules, None)
    if in_guarantees is None:
        tags = _guarantee_tags(guarantees, rules)
        in_guarantees = _kept("guarantees", guarantees, rules, None, tags)
    in_terms = _remembered_part("terms", terms, rules, None)
    if in_terms is None:
        in_terms = _kept("terms", terms, rules, None, _terms_tags(terms, rules))
    in_pledges = _remembered_part("pledges", pledges, rules, held)
    if in_pledges is None:
        in_pledges = _kept("pledges", pledges, rules, held, deployment_tags(state, held))
    return in_drafts, in_guarantees, in_terms, in_pledges


def _remembered_part(
    kind: str, records: tuple[object, ...], rules: Rules, held: frozenset[str] | None
) -> frozenset[str] | None:
    """The tags `records` of `kind` put in force, if remembered (`_PARTS`), else None."""
    found = _PARTS.get((kind, id(records), id(rules), held))
    if found is not None and found[0] is records and found[1] is rules:
        return found[2]
    return None


def _kept(
    kind: str,
    records: tuple[object, ...],
    rules: Rules,
    held: frozenset[str] | None,
    tags: set[str],
) -> frozenset[str]:
    """Remember `tags`, what `records` of `kind` put in force (`_PARTS`)."""
    frozen = frozenset(tags)
    frozen = _INTERNED.setdefault(frozen, frozen)
    if len(_INTERNED) >= _MOST_REMEMBERED:
        _INTERNED.clear()
    if len(_PARTS) >= _MOST_REMEMBERED:
        _PARTS.clear()
    _PARTS[(kind, id(records), id(rules), held)] = (records, rules, frozen)
    return frozen


class _PledgeBook:
    """The pledges honoured among one sequence of pledges, and the sums asked of them,
    each worked out once."""

    __slots__ = ("_contributions", "_sums", "held", "pledges")

    def __init__(self, pledges: Sequence[Pledge], honoured: frozenset[str]) -> None:
        self.pledges = pledges
        """The pledges (held, so a remembered book's key stays its own)."""
        self.held = tuple(p for p in pledges if p.id in honoured)
        """The honoured ones, in order."""
        self._sums: dict[tuple[str | None, str | None, str | None], int] = {}
        self._contributions: dict[tuple[str, _Strengths], dict[str, int]] = {}

    def pledged(self, seat: str | None, asset: str | None, target: str | None) -> int:
        """Units honoured, for a seat, an asset, a target (None: any)."""
        key = (seat, asset, target)
        found = self._sums.get(key)
        if found is None:
            found = self._sums[key] = sum(
                p.amount
                for p in self.held
                if (seat is None or p.seat == seat)
                and (asset is None or p.asset == asset)
                and (target is None or p.target == target)
            )
        return found

    def contribution(self, target: str, rules: Rules) -> dict[str, int]:
        """Strength by seat of the honoured pledges to `target`, by `rules`' assets.

        Remembered by what `rules.strength` reads (each asset's strength and units), not
        by the rules: a book shared by evaluators of several seats' rules holds none."""
        key = (target, rules.strengths)
        found = self._contributions.get(key)
        if found is not None:
            return found
        out: dict[str, int] = {}
        for p in self.held:
            if p.target == target:
                out[p.seat] = out.get(p.seat, 0) + rules.strength(p.asset, p.amount)
        self._contributions[key] = out
        return out


_Strengths = tuple[tuple[str, int, int], ...]
"""Each asset's id, strength and units per strength (`Rules.strengths`)."""


_BOOKS: dict[tuple[int, frozenset[str]], _PledgeBook] = {}
"""(id of a tuple of pledges, the ids honoured) -> its book (which holds the tuple)."""


def _book_of(pledges: Sequence[Pledge], honoured: frozenset[str]) -> _PledgeBook:
    """The book of `pledges` under `honoured`: shared for a tuple (it cannot change).
    (Pledge resolution's assumptions may come as a plain set: those are not shared.)"""
    if type(pledges) is not tuple or type(honoured) is not frozenset:
        return _PledgeBook(pledges, honoured)
    key = (id(pledges), honoured)
    found = _BOOKS.get(key)
    if found is not None and found.pledges is pledges:
        return found
    book = _PledgeBook(pledges, honoured)
    if len(_BOOKS) >= _MOST_REMEMBERED:
        _BOOKS.clear()
    _BOOKS[key] = book
    return book


class Evaluator:
    """An `expr.Env` over one game state (or a board as it stands).

    `honoured` overrides which pledges count (the fixpoint's assumption);
    `draft` is the draft being voted, for disposition rules.
    """

    def __init__(
        self,
        state: Table,
        *,
        honoured: frozenset[str] | None = None,
        draft: TabledDraft | None = None,
        steady: bool = False,
    ) -> None:
        self.state = state
        self.honoured = honoured_ids(state) if honoured is None else honoured
        self.draft = draft
        self._steady = steady or isinstance(state, GameState)
        """The tags in force cannot change while this evaluator is used (a frozen
        state; or a board whose caller only changes tracks, PC, credibility or
        assets meanwhile): they are worked out once."""
        self._tags: frozenset[str] | None = None
        self._book: _PledgeBook | None = None

    # -- helpers -----------------------------------------------------------

    def _pledge_book(self) -> _PledgeBook:
        """The honoured pledges and their sums (kept while steady: pledges cannot change)."""
        book = self._book
        if book is None:
            book = _book_of(self.state.pledges, self.honoured)
            if self._steady:
                self._book = book
        return book

    def _held(self) -> Iterable[Pledge]:
        return self._pledge_book().held

    def _pledged(self, seat: str | None, asset: str | None, target: str | None) -> int:
        return self._pledge_book().pledged(seat, asset, target)

    def _contribution(self, target: str) -> dict[str, int]:
        """Strength by seat of the honoured pledges to `target` (not to be changed)."""
        return self._pledge_book().contribution(target, self.state.rules)

    def force_pct(self, target: str) -> int:
        """How far honoured pledges to `target` meet the requirement (0-100)."""
        requirement = self.state.rules.requirement
        if not requirement:
            return 100 if self._contribution(target) else 0
        total = 0
        for asset, needed in requirement.items():
            total += min(100, self._pledged(None, asset, target) * 100 // needed)
        return total // len(requirement)

    def in_force(self) -> tuple[str, ...]:
        """Tags in force under this evaluator's assumption."""
        return tags_in_force(self.state, self.honoured)

    def _in_force(self, tag: str) -> bool:
        if not self._steady:
            return tag in self.in_force()
        tags = self._tags
        if tags is None:
            if type(self).in_force is Evaluator.in_force:
                tags = _remembered_tags(self.state, self.honoured)[1]
            else:  # a subclass says what is in force (a bot's evaluator reusing another's)
                tags = frozenset(self.in_force())
            self._tags = tags
        return tag in tags

    def evaluate(self, node: expr.Node) -> int | bool:
        """Evaluate a compiled expression here."""
        return bound(node)(self)

    def holds(self, text: str, *, draft: bool = False) -> bool:
        """Whether a condition of the scenario (or of an order) holds."""
        rules = self.state.rules
        functions = rules.draft_conditions if draft else rules.conditions
        function = functions.get(text)
        if function is None:
            function = functions[text] = bound(rules.node(text, draft=draft))
        return bool(function(self))

    def number(self, text: str) -> int:
        """The value of a number expression of the scenario."""
        rules = self.state.rules
        function = rules.conditions.get(text)
        if function is None:
            function = rules.conditions[text] = bound(rules.node(text, number=True))
        return int(function(self))

    # -- expr.Env ----------------------------------------------------------

    def name(self, path: str) -> int | bool:
        state = self.state
        if path == "round":
            return state.round
        if path == "rounds":
            return state.scenario.rounds
        if path in state.tracks:
            return state.tracks[path]
        if path.startswith("draft."):
            return self._draft_name(path)
        seat, _, rest = path.partition(".")
        seat_state = state.seats[seat]
        if rest == "pc":
            return seat_state.pc
        if rest == "credibility":
            return seat_state.credibility
        kind, _, asset = rest.partition(".")
        if kind == "assets":
            return seat_state.assets.get(asset, 0)
        return self._pledged(seat, asset, None)

    def _draft_name(self, path: str) -> bool:
        d = self.draft
        if d is None:
            return False
        return {
            "draft.procedural": d.procedural,
            "draft.substantive": not d.procedural,
            "draft.endorsed": d.endorsed,
            "draft.amendment": d.amends is not None,
        }[path]

    def call(self, fn: str, args: tuple[int | bool | str, ...]) -> int | bool:
        handler = _CALLS.get(fn)
        if handler is None:
            raise KeyError(fn)
        return handler(self, args)

    # -- the functions of the vocabulary, one method each ----------------------

    def _draft_status(self, fn: str, draft_id: str) -> bool:
        d = self.state.draft(draft_id)
        if d is None:
            return False
        if fn == "tabled":
            return d.status is not DraftStatus.PROPOSED or bool(d.earlier)
        return d.ever(DraftStatus(fn))  # any of its votes

    def _adopted_tag(self, tag: str) -> bool:
        return any(
            is_resolution(d) and d.status is DraftStatus.ADOPTED and tag in d.tags
            for d in self.state.drafts
        )

    def _terms_accepted(self, tag: str) -> bool:
        parties = self.state.rules.parties
        return any(tag in t.tags and parties.issubset(t.accepted_by) for t in self.state.terms)

    def _vetoes(self, seat: str) -> int:
        member = self.state.rules.member_of_seat.get(seat, seat)  # vetoes are by member id
        return sum(
            (member in d.vetoed_by) + sum(member in e.vetoed_by for e in d.earlier)
            for d in self.state.drafts
        )

    def _backs_guarantee(self, seat: str, asset: str) -> bool:
        backing = {b for g in self.state.guarantees if g.active for b in g.backing}
        return any(p.seat == seat and p.asset == asset and p.id in backing for p in self._held())

    def _leads(self, seat: str, target: str) -> bool:
        shares = self._contribution(target)
        mine = shares.get(seat, 0)
        return mine > 0 and all(v < mine for s, v in shares.items() if s != seat)


Args = tuple[int | bool | str, ...]
_CALLS: dict[str, Callable[[Evaluator, Args], int | bool]] = {
    "adopted": lambda ev, a: ev._draft_status("adopted", str(a[0])),
    "vetoed": lambda ev, a: ev._draft_status("vetoed", str(a[0])),
    "failed": lambda ev, a: ev._draft_status("failed", str(a[0])),
    "tabled": lambda ev, a: ev._draft_status("tabled", str(a[0])),
    "adopted_tag": lambda ev, a: ev._adopted_tag(str(a[0])),
    "in_force": lambda ev, a: ev._in_force(str(a[0])),
    "terms_accepted": lambda ev, a: ev._terms_accepted(str(a[0])),
    "vetoes": lambda ev, a: ev._vetoes(str(a[0])),
    "guarantee_active": lambda ev, a: any(
        g.active and g.type == str(a[0]) for g in ev.state.guarantees
    ),
    "guarantees_active": lambda ev, a: sum(1 for g in ev.state.guarantees if g.active),
    "guarantee_strength": lambda ev, a: sum(g.strength for g in ev.state.guarantees if g.active),
    "backs_guarantee": lambda ev, a: ev._backs_guarantee(str(a[0]), str(a[1])),
    "force": lambda ev, a: ev._pledged(None, str(a[1]), str(a[0])),
    "force_met": lambda ev, a: ev.force_pct(str(a[0])) >= 100,
    "force_pct": lambda ev, a: ev.force_pct(str(a[0])),
    "contributors": lambda ev, a: len(ev._contribution(str(a[0]))),
    "leads": lambda ev, a: ev._leads(str(a[0]), str(a[1])),
    "un_mission": lambda ev, a: ev.state.mission is not None,
    "un_mandate": lambda ev, a: 0 if ev.state.mission is None else ev.state.mission.strength_pct,
    "red_lines_crossed": lambda ev, a: sum(
        1 for r in ev.state.red_lines if r.seat == str(a[0]) and r.crossed_round
    ),
    "min": lambda ev, a: min(int(a[0]), int(a[1])),
    "max": lambda ev, a: max(int(a[0]), int(a[1])),
    "has_tag": lambda ev, a: ev.draft is not None and str(a[0]) in ev.draft.tags,
    "sponsored_by": lambda ev, a: ev.draft is not None and ev.draft.sponsor == str(a[0]),
}
"""Each function of the vocabulary (`wargame.scenario.vocabulary.FUNCTIONS`), by name."""


# --- expressions bound to the evaluator ------------------------------------------

_BOUND: dict[int, tuple[expr.Node, expr.Bound]] = {}
"""Node id -> (the node, its function of an evaluator); holding the node keeps its id
its own."""
_MOST_BOUND = 50_000


def bound(node: expr.Node) -> expr.Bound:
    """A checked expression as a function of an `Evaluator`, built once per node: its names
    and calls read the evaluator directly (`expr.bind`), with the same values as
    `expr.evaluate(node, evaluator)`."""
    found = _BOUND.get(id(node))
    if found is not None and found[0] is node:
        return found[1]
    function = expr.bind(node, _BINDER)
    if len(_BOUND) >= _MOST_BOUND:
        _BOUND.clear()
    _BOUND[id(node)] = (node, function)
    return function


def _read_name(path: str) -> expr.Bound:
    """The function reading `path` as `Evaluator.name` does."""
    if path == "round":
        return lambda ev: ev.state.round
    if path == "rounds":
        return lambda ev: ev.state.scenario.rounds
    if "." not in path:  # a track (ids hold no dot, so a dotted name is never one)

        def track(ev: Evaluator) -> int | bool:
            tracks = ev.state.tracks
            return tracks[path] if path in tracks else ev.name(path)

        return track
    if path.startswith("draft."):
        return _DRAFT_NAMES.get(path) or (lambda ev: ev._draft_name(path))
    seat, _, rest = path.partition(".")
    if rest == "pc":
        return lambda ev: ev.state.seats[seat].pc
    if rest == "credibility":
        return lambda ev: ev.state.seats[seat].credibility
    kind, _, asset = rest.partition(".")
    if kind == "assets":
        return lambda ev: ev.state.seats[seat].assets.get(asset, 0)
    return lambda ev: ev._pledged(seat, asset, None)


_DRAFT_NAMES: dict[str, expr.Bound] = {
    "draft.procedural": lambda ev: False if ev.draft is None else ev.draft.procedural,
    "draft.substantive": lambda ev: False if ev.draft is None else not ev.draft.procedural,
    "draft.endorsed": lambda ev: False if ev.draft is None else ev.draft.endorsed,
    "draft.amendment": lambda ev: False if ev.draft is None else ev.draft.amends is not None,
}
"""The draft's names (`Evaluator._draft_name`), read without building a table each time."""


def _constant_call(fn: str, args: tuple[str, ...]) -> expr.Bound | None:
    """The hot functions with quoted arguments, read without the dispatch of `call`."""
    if fn == "in_force":
        tag = args[0]
        return lambda ev: ev._in_force(tag)
    if fn in ("adopted", "vetoed", "failed", "tabled"):
        draft_id = args[0]
        return lambda ev: ev._draft_status(fn, draft_id)
    if fn == "has_tag":
        tag = args[0]
        return lambda ev: ev.draft is not None and tag in ev.draft.tags
    if fn == "sponsored_by":
        seat = args[0]
        return lambda ev: ev.draft is not None and ev.draft.sponsor == seat
    return None


class _EvaluatorBinder:
    """`expr.Binder` for `Evaluator`: the vocabulary's names and functions."""

    def name(self, path: str) -> expr.Bound:
        return _read_name(path)

    def call(
        self, fn: str, args: tuple[expr.Argument, ...], constant: tuple[str, ...] | None
    ) -> expr.Bound:
        if constant is not None:
            special = _constant_call(fn, constant)
            if special is not None:
                return special
        handler = _CALLS.get(fn)
        if handler is None:  # as `Evaluator.call`: raised when evaluated
            return lambda ev: ev.call(fn, constant or ())
        if constant is not None:
            return lambda ev: handler(ev, constant)
        if len(args) == 2:
            first, second = args
            return lambda ev: handler(ev, (first(ev), second(ev)))
        return lambda ev: handler(ev, tuple(arg(ev) for arg in args))


_BINDER = _EvaluatorBinder()
