"""The board as a quick bot imagines it: a seat's view with changes, and what they are worth.

`Board` reads a `View` the way the engine's evaluator reads a game state, so
the scenario's own conditions (objectives, rules, red lines, dispositions) can
be asked of the board as it is or as it would be ("if this draft were
adopted", "if this guarantee were active"). `Outlook` values such boards for
one seat: its objectives at the end of the game, with the tracks projected to
the last round by the scenario rules that hold, so an objective on a track
counts the rules a change would switch on or off.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import compress
from operator import itemgetter, mul

from wargame.engine.evaluation import Evaluator, tags_with_set
from wargame.engine.records import replace
from wargame.engine.rules import Rules
from wargame.engine.state import (
    DraftStatus,
    Guarantee,
    Mandate,
    Mission,
    Pledge,
    PledgeStatus,
    RedLine,
    SeatState,
    TabledDraft,
    Terms,
)
from wargame.engine.view import View
from wargame.scenario import expr
from wargame.scenario.models import Rule as ScenarioRule
from wargame.scenario.models import Scenario

Change = dict[str, frozenset[Hashable] | None]
"""What hypotheses changed on a board, finely: for each function of the vocabulary that
may answer otherwise (and `pledged` for `SEAT.pledged.ASSET`), the keys of its arguments
(`atoms_of`) whose answer may have moved, or None for any. A function absent did not move."""


def _merged(first: Change | None, then: Change) -> Change | None:
    """What `first` and then `then` changed (neither is changed: a board's `Change` is
    never changed once made)."""
    if first is None:
        return None
    if not first:
        return then
    merged = dict(first)
    for fn, keys in then.items():
        if fn in merged:
            before = merged[fn]
            merged[fn] = None if before is None or keys is None else before | keys
        else:
            merged[fn] = keys
    return merged


def _pledges_change(scenario: Scenario, moved: Sequence[Pledge]) -> Change:
    """What changing the pledges `moved` (put in, replaced or taken out) can change: the
    sums and shares of their targets, their seats' pledges of their assets (and whether
    those back a guarantee), and the tags of the deployments they could make."""
    targets = frozenset(p.target for p in moved)
    holdings = frozenset((p.seat, p.asset) for p in moved)
    return {
        "force": frozenset((p.target, p.asset) for p in moved),
        "force_met": targets,
        "force_pct": targets,
        "contributors": targets,
        "leads": targets,
        "pledged": holdings,
        "backs_guarantee": holdings,
        "in_force": frozenset(
            rule.tag
            for rule in scenario.force.deployment_tags
            if any(p.seat in rule.seats and p.asset in rule.assets for p in moved)
        ),
    }


def _guarantees_change(rules: Rules, moved: Sequence[Guarantee]) -> Change:
    """What changing the guarantees `moved` (put in, replaced, made active or not) can
    change: the totals, their types and those types' tags, and which pledges back an
    active guarantee."""
    types = {g.type for g in moved}
    known = rules.guarantee_types
    return {
        "guarantee_strength": None,
        "guarantees_active": None,
        "guarantee_active": frozenset(types),
        "backs_guarantee": None,
        "in_force": frozenset(tag for t in types if t in known for tag in known[t].tags),
    }


class _Same:
    """The mission a changed board keeps (None is a board without one)."""


SAME = _Same()


class Board:
    """A seat's view as the evaluator's table, optionally changed."""

    __slots__ = (
        "_steady",
        "change",
        "drafts",
        "guarantees",
        "mission",
        "pledges",
        "red_lines",
        "round",
        "rules",
        "scenario",
        "seats",
        "terms",
        "tracks",
    )

    def __init__(
        self,
        rules: Rules,
        round_: int,
        tracks: Mapping[str, int],
        seats: Mapping[str, SeatState],
        drafts: Sequence[TabledDraft],
        pledges: Sequence[Pledge],
        guarantees: Sequence[Guarantee],
        terms: Sequence[Terms],
        red_lines: Sequence[RedLine],
        mission: Mission | None,
        change: Change | None = None,
    ) -> None:
        self.rules = rules
        self.scenario: Scenario = rules.scenario
        self.round = round_
        self.tracks = tracks
        self.seats = seats
        self.drafts = drafts
        self.pledges = pledges
        self.guarantees = guarantees
        self.terms = terms
        self.red_lines = red_lines
        self.mission = mission
        self.change = change
        """What the hypotheses that made this board from a board read off a view changed
        (`Change`); empty for that board itself, None when not known."""
        self._steady: Steady | None = None

    def steady(self) -> Steady:
        """This board's own evaluator (made once: the board does not change)."""
        if self._steady is None:
            self._steady = Steady(self)
        return self._steady

    @classmethod
    def of(cls, rules: Rules, view: View) -> Board:
        """The board `view` shows (another seat's private holdings read as empty)."""
        seats = {s.id: SeatState(s.pc, s.credibility, dict(s.assets or {})) for s in view.seats}
        return cls(
            rules,
            view.round,
            view.tracks,
            seats,
            view.drafts,
            view.pledges,
            view.guarantees,
            view.terms,
            view.red_lines,
            view.mission,
            {},
        )

    def draft(self, draft_id: str) -> TabledDraft | None:
        return next((d for d in self.drafts if d.id == draft_id), None)

    def changed(
        self,
        *,
        tracks: Mapping[str, int] | None = None,
        seats: Mapping[str, SeatState] | None = None,
        drafts: Sequence[TabledDraft] | None = None,
        pledges: Sequence[Pledge] | None = None,
        guarantees: Sequence[Guarantee] | None = None,
        terms: Sequence[Terms] | None = None,
        mission: Mission | _Same | None = SAME,
        rules: Rules | None = None,
        change: Change | None = None,
    ) -> Board:
        """A copy with some fields replaced (`tracks=...`, `drafts=...`; `rules`: the same
        scenario's rules as another seat knows it; `change`: what a hypothesis changed,
        added to this board's)."""
        return Board(
            self.rules if rules is None else rules,
            self.round,
            self.tracks if tracks is None else tracks,
            self.seats if seats is None else seats,
            self.drafts if drafts is None else drafts,
            self.pledges if pledges is None else pledges,
            self.guarantees if guarantees is None else guarantees,
            self.terms if terms is None else terms,
            self.red_lines,
            self.mission if isinstance(mission, _Same) else mission,
            self.change if change is None else _merged(self.change, change),
        )

    # -- hypotheses -----------------------------------------------------------

    def with_draft(self, draft: TabledDraft, *, assembly: bool = False) -> Board:
        """The board with `draft` adopted (or recommended by the Assembly with consent)."""
        if assembly:
            done = replace(draft, recommended=True, consented=True)
        else:
            done = replace(draft, status=DraftStatus.ADOPTED)
        drafts = (*[d for d in self.drafts if d.id != draft.id], done)
        mission = self.mission
        if mission is None and set(draft.tags) & set(self.scenario.force.mission_tags):
            ga = self.scenario.council.general_assembly
            mission = (
                Mission(draft.id, Mandate.ASSEMBLY, ga.mandate_strength)
                if assembly
                else Mission(draft.id, Mandate.COUNCIL, 100)
            )
        # Only the draft of this id changed (the one replaced and the one put in): the
        # questions about that id, the tags either carries, the vetoes (another tabling
        # under a vetoed draft's id clears them), and the mission if one came.
        ids = frozenset((draft.id,))
        tags = frozenset(done.tags).union(*(d.tags for d in self.drafts if d.id == draft.id))
        change: Change = {
            "adopted": ids,
            "vetoed": ids,
            "failed": ids,
            "tabled": ids,
            "adopted_tag": tags,
            "in_force": tags,
            "vetoes": None,
        }
        if mission is not self.mission:
            change["un_mission"] = change["un_mandate"] = None
        return self.changed(drafts=drafts, mission=mission, change=change)

    def with_terms(self, terms: Terms) -> Board:
        """The board with `terms` accepted by both parties."""
        parties = tuple(self.scenario.roles.parties)
        done = replace(terms, accepted_by=parties, rejected_by=())
        # Only the terms of this id changed: the tags either carries.
        tags = frozenset(done.tags).union(*(t.tags for t in self.terms if t.id == terms.id))
        return self.changed(
            terms=(*[t for t in self.terms if t.id != terms.id], done),
            change={"terms_accepted": tags, "in_force": tags},
        )

    def with_pledges(self, pledges: Sequence[Pledge]) -> Board:
        """The board with `pledges` honoured (replacing any of the same id)."""
        ids = {p.id for p in pledges}
        held = [replace(p, status=PledgeStatus.HONOURED) for p in pledges]
        # Only these pledges changed (and those of their ids they replace). No guarantee.
        change = _pledges_change(
            self.scenario, [*pledges, *(p for p in self.pledges if p.id in ids)]
        )
        return self.changed(
            pledges=(*[p for p in self.pledges if p.id not in ids], *held), change=change
        )

    def without_pledge(self, pledge_id: str) -> Board:
        """The board with a pledge withdrawn (its guarantees lose it)."""
        pledges = tuple(p for p in self.pledges if p.id != pledge_id)
        guarantees = tuple(
            replace(g, active=False, strength=0) if pledge_id in g.backing else g
            for g in self.guarantees
        )
        # The pledge of this id went (what `with_pledges` says of it), and so did the
        # guarantees it backed (what `with_guarantee` says of them), if any.
        gone = [p for p in self.pledges if p.id == pledge_id]
        change: Change | None = _pledges_change(self.scenario, gone)
        lost = [g for g in self.guarantees if pledge_id in g.backing]
        if lost:
            change = _merged(change, _guarantees_change(self.rules, lost))
        return self.changed(pledges=pledges, guarantees=guarantees, change=change)

    def with_guarantee(self, guarantee: Guarantee) -> Board:
        """The board with `guarantee` accepted and active, at the strength of its backing."""
        backing = [p for p in self.pledges if p.id in guarantee.backing]
        strength = sum(self.rules.strength(p.asset, p.amount) for p in backing)
        done = replace(guarantee, accepted=True, active=True, strength=strength)
        # Only the guarantee of this id changed (the one replaced and the one put in).
        change = _guarantees_change(
            self.rules, [done, *(g for g in self.guarantees if g.id == guarantee.id)]
        )
        return self.changed(
            guarantees=(*[g for g in self.guarantees if g.id != guarantee.id], done),
            change=change,
        )


class Steady(Evaluator):
    """An evaluator of a board that does not change while it is asked, which works
    out the tags in force once and each condition's answer once. `like` is an
    evaluator of a board with the same drafts, pledges, guarantees and terms (only
    tracks or seats' PC and credibility differ): its honoured pledges and tags in
    force are this one's too."""

    def __init__(
        self, board: Board, like: Steady | None = None, draft: TabledDraft | None = None
    ) -> None:
        super().__init__(
            board, honoured=None if like is None else like.honoured, draft=draft, steady=True
        )
        self._like = like
        self._known: tuple[tuple[str, ...], frozenset[str]] | None = None
        self._moved: tuple[frozenset[str], frozenset[str]] | None = None
        self._answers: dict[str, bool] = {}
        self._draft_answers: dict[str, bool] = {}

    def holds(self, text: str, *, draft: bool = False) -> bool:
        answers = self._draft_answers if draft else self._answers
        found = answers.get(text)
        if found is None:
            found = answers[text] = super().holds(text, draft=draft)
        return found

    def in_force(self) -> tuple[str, ...]:
        return self._tags_known()[0]

    def _tags_known(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """The tags in force, sorted and as a set (worked out once, or the like's)."""
        known = self._known
        if known is None:
            like = self._like
            known = self._known = (
                tags_with_set(self.state, self.honoured) if like is None else like._tags_known()
            )
            self._tags = known[1]
        return known

    def _in_force(self, tag: str) -> bool:
        tags = self._tags
        if tags is None:
            tags = self._tags_known()[1]
        return tag in tags

    def moved_from(self, tags: frozenset[str]) -> frozenset[str]:
        """The tags that come into force or leave it here, from those in force `tags`
        (remembered for the last `tags` asked about)."""
        found = self._moved
        if found is None or found[0] is not tags:
            found = self._moved = (tags, self._tags_known()[1] ^ tags)
        return found[1]


@dataclass(frozen=True, slots=True)
class Weights:
    """How a seat values what is not an objective in itself."""

    tracks: Mapping[str, float]
    """Worth of one point of each track at the end (from the objectives on tracks)."""
    credibility: float
    """Worth of one point of the seat's own credibility."""


def _effect_changes(
    effects: Sequence[expr.Effect], evaluator: Evaluator, seat: str | None
) -> tuple[dict[str, int], int]:
    """Track changes and the seat's own credibility change that `effects` make (no
    seat: the track changes only)."""
    tracks: dict[str, int] = {}
    credibility = 0
    for effect in effects:
        if effect.op == "=":
            continue
        sign = 1 if effect.op == "+=" else -1
        amount = sign * int(evaluator.evaluate(effect.value))
        if effect.target in evaluator.state.tracks:
            tracks[effect.target] = tracks.get(effect.target, 0) + amount
        elif seat is not None and effect.target == f"{seat}.credibility":
            credibility += amount
    return tracks, credibility


DRAFTS = frozenset(
    {"adopted", "vetoed", "failed", "tabled", "adopted_tag", "in_force", "un_mission", "un_mandate"}
)
"""What a draft adopted (or recommended) can change."""
ADOPTION = DRAFTS | frozenset({"vetoes"})
"""Everything a draft adopted (or recommended) can change, every way: a draft
tabled again under a vetoed one's id takes its vetoes off the board too."""
TERMS = frozenset({"terms_accepted", "in_force"})
"""What accepted terms can change."""
GUARANTEES = frozenset(
    {"guarantee_strength", "guarantees_active", "guarantee_active", "backs_guarantee", "in_force"}
)
"""What a guarantee made active can change."""
PLEDGES = GUARANTEES | frozenset(
    {"force", "force_met", "force_pct", "contributors", "leads", "pledged"}
)
"""What a pledge honoured or withdrawn can change (`pledged`: any `SEAT.pledged.ASSET`)."""


def reads(rules: Rules, text: str) -> frozenset[str]:
    """What a condition reads: its functions and names (`pledged` for any pledged amount)."""
    node = rules.node(text)
    names = {"pledged" if ".pledged." in n else n for n in expr.names_in(node)}
    return expr.calls_in(node) | frozenset(names)


_KEY_ARGS: dict[str, tuple[int, ...]] = {
    "adopted": (0,),
    "vetoed": (0,),
    "failed": (0,),
    "tabled": (0,),
    "adopted_tag": (0,),
    "in_force": (0,),
    "terms_accepted": (0,),
    "vetoes": (0,),
    "guarantee_active": (0,),
    "force_met": (0,),
    "force_pct": (0,),
    "contributors": (0,),
    "force": (0, 1),
    "backs_guarantee": (0, 1),
    "leads": (1,),
}
"""The arguments a `Change` keys each function by (one: that argument; two: the pair);
the others are keyed by None (any)."""

Atoms = tuple[tuple[str, Hashable | None], ...]


def atoms_of(rules: Rules, text: str) -> Atoms:
    """What a condition reads that a hypothesis can change, as (function, key) pairs: the
    key is what `_KEY_ARGS` names of its arguments when they are literals, else None (any);
    `SEAT.pledged.ASSET` is ("pledged", (SEAT, ASSET)). Names of tracks and seats' numbers
    are not among them (a hypothesis moves those only through the projection)."""
    atoms: list[tuple[str, Hashable | None]] = []
    for node in expr.walk(rules.node(text)):
        if isinstance(node, expr.Call):
            places = _KEY_ARGS.get(node.fn)
            key: Hashable | None = None
            literal = [a.value if isinstance(a, expr.Str) else None for a in node.args]
            if places is not None and all(i < len(literal) and literal[i] for i in places):
                values = tuple(literal[i] for i in places)
                key = values[0] if len(values) == 1 else values
            atoms.append((node.fn, key))
        elif isinstance(node, expr.Name) and ".pledged." in node.path:
            seat, _, asset = node.path.partition(".pledged.")
            atoms.append(("pledged", (seat, asset)))
    return tuple(dict.fromkeys(atoms))


def in_force_asked(rules: Rules, text: str) -> frozenset[str] | None:
    """The tags a condition asks `in_force` about; None when one is not a literal."""
    tags: set[str] = set()
    for node in expr.walk(rules.node(text)):
        if isinstance(node, expr.Call) and node.fn == "in_force":
            if not all(isinstance(a, expr.Str) for a in node.args):
                return None
            tags.update(a.value for a in node.args if isinstance(a, expr.Str))
    return frozenset(tags)


def plain_names(rules: Rules, text: str) -> tuple[str, ...] | None:
    """The names a condition reads, when tracks and seats' credibility are all it reads
    (its calls, if any, are `min` and `max`): its answer is then a function of their
    values alone. Otherwise None."""
    node = rules.node(text)
    if not expr.calls_in(node) <= _PURE_CALLS:
        return None
    scenario = rules.scenario
    tracks = {t.id for t in scenario.tracks}
    seats = {s.id for s in scenario.seats}
    names = tuple(sorted(expr.names_in(node)))
    for name in names:
        seat, dot, rest = name.partition(".")
        if not (name in tracks or (dot and rest == "credibility" and seat in seats)):
            return None
    return names


IN_FORCE = frozenset({"in_force"})

_PURE_CALLS = frozenset({"min", "max"})


@dataclass(frozen=True, slots=True)
class Reader:
    """A seat's objectives and the scenario's rules, with what each reads (built once)."""

    objectives: tuple[tuple[str, float, frozenset[str]], ...]
    """(condition, points, what it reads) for each objective."""
    rules: tuple[tuple[ScenarioRule, tuple[expr.Effect, ...], frozenset[str]], ...]
    """(rule, its effects, what its condition reads) for each scenario rule."""
    asks: Mapping[str, frozenset[str] | None]
    """The tags each condition (objectives, rules, the other seats' public objectives)
    asks `in_force` about (`in_force_asked`), by its text."""
    plain: tuple[tuple[str, ...] | None, ...] = ()
    """`plain_names` of each objective, in the order of `objectives`."""
    _reading: dict[frozenset[str], tuple[tuple[int, frozenset[str] | None], ...]] = field(
        default_factory=dict, compare=False
    )
    """`rules_reading`'s answers, by what a hypothesis touches."""
    atoms: Mapping[str, Atoms] = field(default_factory=dict)
    """`atoms_of` each condition (objectives, rules, the other seats' public objectives),
    by its text."""
    answers: dict[tuple[str, object], bool] = field(default_factory=dict, compare=False)
    """The answer of an objective whose `plain` names are these values, by its text and
    the values (any board: nothing else is read). Bounded by `_MOST_ANSWERS`."""

    def rules_reading(
        self, touched: frozenset[str]
    ) -> tuple[tuple[int, frozenset[str] | None], ...]:
        """The places of the scenario rules that read some of `touched`, in order, each
        with `only_in_force`'s answer."""
        found = self._reading.get(touched)
        if found is None:
            found = self._reading[touched] = tuple(
                (i, self.only_in_force(rule.when, needs, touched))
                for i, (rule, _, needs) in enumerate(self.rules)
                if needs & touched
            )
        return found

    def only_in_force(
        self, text: str, needs: frozenset[str], touched: frozenset[str]
    ) -> frozenset[str] | None:
        """When `in_force` is all a condition reads of what a hypothesis `touched`, the
        tags it asks about: its answer changes only if one of them comes into force or
        leaves it. Otherwise None."""
        return self.asks.get(text) if needs & touched == IN_FORCE else None

    @classmethod
    def of(
        cls, rules: Rules, objectives: Sequence[tuple[str, float]], others: Sequence[str] = ()
    ) -> Reader:
        texts = [w for w, _ in objectives] + [r.when for r in rules.scenario.rules] + [*others]
        return cls(
            tuple((when, points, reads(rules, when)) for when, points in objectives),
            tuple(
                (r, tuple(rules.effect(e) for e in r.effects), reads(rules, r.when))
                for r in rules.scenario.rules
            ),
            {text: in_force_asked(rules, text) for text in texts},
            plain=tuple(plain_names(rules, when) for when, _ in objectives),
            atoms={text: atoms_of(rules, text) for text in texts},
        )

    def moves(
        self,
        text: str,
        touched: frozenset[str],
        change: Change,
        moved_tags: Callable[[], frozenset[str]],
    ) -> bool:
        """Whether the answer to `text` may differ on a board that `change` made from the
        board as it is, asking again only what `touched` names (a function outside it
        keeps its answer, as before this was asked finely). `moved_tags()`: the tags that
        come into force or leave it on that board."""
        for fn, key in self.atoms[text]:
            if fn not in touched or fn not in change:
                continue
            keys = change[fn]
            if keys is not None and key is not None and key not in keys:
                continue
            if fn == "in_force" and key is not None and key not in moved_tags():
                continue
            return True
        return False


_MOST_ANSWERS = 4096
"""Plain objectives' answers a `Reader` keeps before it starts again."""


def _clamped(tracks: dict[str, int], bounds: Mapping[str, tuple[int, int]]) -> dict[str, int]:
    """`tracks` with each track kept within its bounds (changed in place)."""
    for track, (low, high) in bounds.items():
        if track in tracks:
            value = tracks[track]
            if value > high or value < low:  # max(low, min(high, value))
                tracks[track] = max(low, min(high, value))
    return tracks


class Standing:
    """The board as it is, as every seat deciding on it sees it (worked out once):
    the tags in force, which scenario rules hold, and the tracks projected to the
    last round by the rules that hold.

    None of it depends on the seat asking: the projection moves only tracks (a
    seat's own credibility is its `Outlook`'s business), so the seats deciding on
    one board share it (`quick_shared.Base`).
    """

    def __init__(self, board: Board, reader: Reader, rounds_left: int) -> None:
        self.board = board
        self.rounds_left = max(1, rounds_left)
        self.evaluator = evaluator = board.steady()
        """Asks the board as it is."""
        self.tags = frozenset(evaluator.in_force())
        self.holding = [evaluator.holds(r.when) for r, _, _ in reader.rules]
        """Whether each scenario rule holds, in the order of `Reader.rules`."""
        sc = board.scenario
        self.red = [
            (
                r,
                [board.rules.effect(e) for e in sc.red_lines.of(r.seat)[0]],
                sc.red_lines.of(r.seat)[1],
            )
            for r in board.red_lines
            if r.crossed_round is None
        ]
        """The red lines not yet crossed, each with its effects and the credibility it costs."""
        projected = dict(board.tracks)
        for (rule, effects, _), holds in zip(reader.rules, self.holding, strict=True):
            if holds and not rule.once:
                changes, _ = _effect_changes(effects, evaluator, None)
                for track, amount in changes.items():
                    projected[track] = projected.get(track, 0) + amount * self.rounds_left
        self.bounds = {t.id: (t.min, t.max) for t in sc.tracks}
        self.projected = _clamped(projected, self.bounds)
        """The tracks at the end if the rules that hold now keep holding (not to be changed)."""


class Outlook:
    """What boards are worth to one seat, this decision (built once per decision).

    A hypothesis says what it `touches` (`DRAFTS`, `TERMS`, `PLEDGES`...): only the
    rules and objectives that read those, or a track the rules then move, are
    asked again; the others keep their answer on the board as it is.
    """

    def __init__(
        self,
        seat: str,
        rules: Rules,
        standing: Standing,
        reader: Reader,
        weights: Weights,
        caution: float,
    ) -> None:
        self.seat = seat
        self.rules = rules
        self.board = board = standing.board
        self.objectives = reader.objectives
        self.weights = weights
        self.rounds_left = standing.rounds_left
        self.caution = caution
        """How much a crossed red line's effects weigh (a cautious seat fears them more)."""
        self._reader = reader
        self._rules = reader.rules
        self.evaluator = standing.evaluator
        """Asks the board as it is."""
        self.tags = standing.tags
        self._holding = standing.holding
        self._red = standing.red
        self._bounds = standing.bounds
        self.projected = standing.projected
        self._plain = reader.plain
        self._by_tracks = [
            itemgetter(*names) if names and all(n in board.tracks for n in names) else None
            for names in self._plain
        ]
        """For a plain objective that reads only tracks, the getter of their values (one
        value, or a tuple of them) from the tracks: its key in `Reader.answers`."""
        self._points = [points for _, points, _ in self.objectives]
        self._weights = [weights.tracks.get(t, 0.0) for t in self.projected]
        """The worth of a point of each track, in the order of the tracks (which every
        board asked about keeps: it only moves them)."""
        self.credibility = board.seats[seat].credibility
        judged: Steady | None = None
        met: list[bool] = []
        answers = reader.answers
        for i, (when, _, _) in enumerate(self.objectives):
            values = self._plain_values(i, board, self.projected, self.credibility)
            if values is not None:
                found = answers.get((when, values))
                if found is not None:
                    met.append(found)
                    continue
            judged = judged or self._judged(board, self.projected, self.credibility, self.evaluator)
            held = judged.holds(when)
            if values is not None:
                self._remember(when, values, held)
            met.append(held)
        self._met = met
        self.base = self._sum(self._met, self.projected, self.credibility)

    def asking(self, board: Board) -> Steady:
        """An evaluator of `board` (its own: a candidate's board is asked for the seat's
        gain, then for the other seats' guessed answers)."""
        return board.steady()

    def moved_tags(self, evaluator: Steady) -> frozenset[str]:
        """The tags that come into force or leave it on the board `evaluator` asks."""
        return evaluator.moved_from(self.tags)

    def _clamp(self, tracks: dict[str, int]) -> dict[str, int]:
        return _clamped(tracks, self._bounds)

    def _judged(
        self, board: Board, tracks: dict[str, int], credibility: int, like: Steady
    ) -> Steady:
        seats = dict(board.seats)
        own = seats[self.seat]
        seats[self.seat] = SeatState(own.pc, max(0, min(100, credibility)), own.assets)
        # Asked with the seat's own rules: its objectives (secret ones too) are compiled
        # and remembered there, never in the rules of a board the seats share.
        return Steady(board.changed(tracks=tracks, seats=seats, rules=self.rules), like)

    def _sum(self, met: Sequence[bool], tracks: Mapping[str, int], credibility: int) -> float:
        # The same additions in the same order as summing over the objectives met, then
        # over the tracks: the same float, to the last bit.
        total = float(sum(compress(self._points, met)))
        if len(tracks) == len(self._weights):  # the same tracks, in the same order
            total += sum(map(mul, self._weights, tracks.values()))
        else:
            total += sum(self.weights.tracks.get(t, 0.0) * v for t, v in tracks.items())
        return total + self.weights.credibility * credibility

    def _worth(
        self,
        board: Board,
        tracks: dict[str, int],
        credibility: int,
        touched: frozenset[str],
        like: Steady,
    ) -> float:
        projected = self.projected
        if tracks is projected:
            moved: set[str] = set()
        else:
            moved = {t for t, v in tracks.items() if projected.get(t) != v}
        if credibility != self.credibility:
            moved.add(f"{self.seat}.credibility")
        asked = touched | moved if moved else touched
        judged: Steady | None = None
        met: list[bool] | None = None
        delta: frozenset[str] | None = None
        change = board.change
        for i, (when, _, needs) in enumerate(self.objectives):
            if needs.isdisjoint(asked):
                continue
            values = self._plain_values(i, board, tracks, credibility)
            if values is not None:
                # Read of the values alone (as the judged board would give them).
                found = self._reader.answers.get((when, values))
                if found is None:
                    judged = judged or self._judged(board, tracks, credibility, like)
                    found = judged.holds(when)
                    self._remember(when, values, found)
                held = found
                if held != self._met[i]:
                    met = list(self._met) if met is None else met
                    met[i] = held
                continue
            if change is not None and (not moved or needs.isdisjoint(moved)):
                if not self._reader.moves(when, touched, change, partial(self.moved_tags, like)):
                    continue  # nothing it reads changed: as it was
            else:
                tags = self._reader.only_in_force(when, needs, asked)
                if tags is not None:
                    delta = self.moved_tags(like) if delta is None else delta
                    if tags.isdisjoint(delta):
                        continue  # as it was
            judged = judged or self._judged(board, tracks, credibility, like)
            held = judged.holds(when)
            if held != self._met[i]:
                met = list(self._met) if met is None else met
                met[i] = held
        if met is None and not moved:
            return 0.0  # the board as it is, summed the same way: base - base
        return self._sum(self._met if met is None else met, tracks, credibility) - self.base

    def _plain_values(
        self, i: int, board: Board, tracks: Mapping[str, int], credibility: int
    ) -> object | None:
        """What objective `i` reads when it is plain (`plain_names`: one track's value, or
        a tuple of values), on the board `_judged` would make of these; None when it is
        not plain."""
        by_tracks = self._by_tracks[i]
        if by_tracks is not None:
            values: object = by_tracks(tracks)
            return values
        names = self._plain[i]
        return None if names is None else self._values(names, board, tracks, credibility)

    def _remember(self, when: str, values: object, held: bool) -> None:
        """Keep a plain objective's answer for these values (`Reader.answers`, bounded)."""
        answers = self._reader.answers
        if len(answers) >= _MOST_ANSWERS:
            answers.clear()
        answers[(when, values)] = held

    def _values(
        self, names: tuple[str, ...], board: Board, tracks: Mapping[str, int], credibility: int
    ) -> tuple[int, ...]:
        """The values of `plain_names` on the board `_judged` would make of these."""
        return tuple(
            tracks[n] if n in tracks else self._credibility_of(n, board, credibility) for n in names
        )

    def _credibility_of(self, name: str, board: Board, credibility: int) -> int:
        """A seat's credibility (`name`: `SEAT.credibility`) as `_judged` gives it."""
        seat = name.partition(".")[0]
        if seat == self.seat:
            return max(0, min(100, credibility))
        return board.seats[seat].credibility

    def gain(self, hypo: Board, touched: frozenset[str]) -> float:
        """What `hypo` is worth to the seat beyond the board as it is; `touched` says
        what the hypothesis changed."""
        evaluator = self.asking(hypo)
        tracks = self.projected  # copied before the first change (the projection is kept)
        credibility = hypo.seats[self.seat].credibility
        delta: frozenset[str] | None = None
        holding = self._holding
        change = hypo.change
        reader = self._reader
        moved_tags = partial(self.moved_tags, evaluator)
        for i, asked in reader.rules_reading(touched):
            rule, effects, _ = self._rules[i]
            if change is not None:
                if not reader.moves(rule.when, touched, change, moved_tags):
                    continue  # nothing it reads changed: as it was
            elif asked is not None:
                delta = self.moved_tags(evaluator) if delta is None else delta
                if asked.isdisjoint(delta):
                    continue  # as it was
            now = evaluator.holds(rule.when)
            if now == holding[i]:
                continue
            changes, own = _effect_changes(effects, evaluator, self.seat)
            times = 1 if rule.once else self.rounds_left
            sign = 1 if now else -1
            if tracks is self.projected:
                tracks = dict(tracks)
            for track, amount in changes.items():
                tracks[track] = tracks.get(track, 0) + sign * amount * times
            credibility += sign * own * times
        if self._red and "in_force" in touched and self._may_cross(change):
            new = evaluator._tags_known()[1] - self.tags
            for line, red_effects, loss in self._red:
                if set(line.tags) & new:
                    changes, _ = _effect_changes(red_effects, evaluator, self.seat)
                    if tracks is self.projected:
                        tracks = dict(tracks)
                    for track, amount in changes.items():
                        tracks[track] = tracks.get(track, 0) + round(amount * self.caution)
                    if line.seat == self.seat:
                        credibility -= loss
        if tracks is not self.projected:  # the projection is within bounds already
            tracks = self._clamp(tracks)
        return self._worth(hypo, tracks, credibility, touched, evaluator)

    def _may_cross(self, change: Change | None) -> bool:
        """Whether a hypothesis that made `change` can put in force a tag of a red line not
        yet crossed (the tags that come into force are among the `in_force` it names)."""
        if change is None:
            return True
        if "in_force" not in change:
            return False
        tags = change["in_force"]
        return tags is None or any(not tags.isdisjoint(line.tags) for line, _, _ in self._red)

    def track_gain(self, changes: Mapping[str, int]) -> float:
        """What moving the tracks by `changes` (once) is worth to the seat."""
        tracks = dict(self.projected)
        for track, amount in changes.items():
            if track in tracks:
                tracks[track] += amount
        return self._worth(
            self.board, self._clamp(tracks), self.credibility, frozenset(), self.evaluator
        )

    def effects_gain(self, effects: Sequence[str]) -> float:
        """What a list of scenario effects (an argument's, mediation's) is worth, applied once."""
        changes, own = _effect_changes(
            [self.rules.effect(e) for e in effects], self.evaluator, self.seat
        )
        return self.track_gain(changes) + own * self.weights.credibility
