"""One decision of a quick bot: its candidate lines, valued, and the ones it gives.

Every candidate is a line and a score: what the change is worth to the seat
(`Outlook.gain` on the board as it would be) times a rough chance it happens,
less its cost in political capital, plus a little seeded noise. The best ones
the seat can afford are given, best first.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from wargame.bots.quick_aims import Aims
from wargame.bots.quick_board import (
    ADOPTION,
    DRAFTS,
    GUARANTEES,
    PLEDGES,
    TERMS,
    Board,
    Outlook,
    Reader,
)
from wargame.bots.quick_council import Forecast, as_voted
from wargame.bots.quick_shared import Base, Public
from wargame.engine.orders import quote
from wargame.engine.records import replace
from wargame.engine.rules import Rules
from wargame.engine.state import (
    DraftStatus,
    Guarantee,
    Pledge,
    PledgeStatus,
    TabledDraft,
    Terms,
)
from wargame.engine.view import View
from wargame.scenario.models import Vote

PC_WORTH = 0.3
"""Objective points one unit of political capital is worth spending."""
NOISE = 0.25
"""Spread of the seeded noise added to each candidate's score."""
MOST_PUBLIC = 3
"""At most this many public actions in one negotiation."""
MOST_ORDERS = 8
"""At most this many sealed orders besides votes and answers."""


@dataclass(frozen=True, slots=True)
class Seat:
    """What a quick bot knows of its seat and the table, fixed for the game."""

    id: str
    rules: Rules
    aims: Aims
    reader: Reader
    others: dict[str, tuple[tuple[str, int, frozenset[str]], ...]]
    """The other seats' public objectives (condition, points, what it reads): a guess at
    their wants."""
    council: frozenset[str]
    """Seats that sit on the Council."""
    permanent: frozenset[str]
    """Seats that are permanent members (their no is a veto)."""
    terms_tags: tuple[str, ...]
    """Tags worth considering for peace terms: those its objectives ask of accepted terms
    or want in force, and those the scenario rules read in accepted terms or in force."""
    assets: tuple[str, ...]
    """Assets worth considering for pledges: those its objectives name, or all of them
    when its objectives ask about the force or the guarantees."""
    public: Public
    """The scenario as every seat knows it: seats deciding on equal boards share
    their `Base`, worked out with these rules."""


@dataclass(slots=True)
class Candidate:
    """A line the seat could give, and what it is worth."""

    score: float
    cost: int
    line: str


class Turn:
    """One decision: the board, the seat's outlook on it, and the candidates."""

    def __init__(self, seat: Seat, view: View, rng: random.Random) -> None:
        self.seat = seat
        self.me = seat.id
        self.view = view
        self.rng = rng
        self.rules = seat.rules
        self.sc = seat.rules.scenario
        base = Base.of(seat.public, seat.reader, view)
        self.board = base.board
        aims = seat.aims
        self.outlook = Outlook(
            seat.id, seat.rules, base.standing, seat.reader, aims.weights, 1.5 - aims.risk
        )
        mine = next(s for s in view.seats if s.id == self.me)
        self.assets: dict[str, int] = mine.assets or {}
        self.pc = mine.pc
        self._fresh = 0
        # Shared with the other seats deciding on this board (`quick_shared.Base`):
        self._others = base.others
        self.council = base.council
        self._adopted = base.adopted
        self._guessed = base.guessed
        self._others_sum: dict[str, int] = {}
        """The points of a seat's public objectives met on the board as it is, by seat."""
        # Remembered for the rest of the decision (the board does not change in it):
        self._worths: dict[TabledDraft, float] = {}
        """What a draft adopted is worth to the seat, by draft."""
        self._amounts_of: dict[str, list[int]] = {}
        """`_amounts` of each asset asked about."""
        self._missions: dict[TabledDraft, float] = {}
        """What a mission's draft adopted as it stands is worth to the seat (`_pledges`)."""

    # -- helpers ------------------------------------------------------------------

    def _id(self, kind: str) -> str:
        self._fresh += 1
        return f"{self.me}{self.view.round}{kind}{self._fresh}"

    def _cost(self, field: str) -> int:
        return int(getattr(self.sc.costs, field))

    def _noise(self) -> float:
        return self.rng.gauss(0.0, NOISE)

    def _candidate(self, worth: float, field: str, line: str) -> Candidate:
        cost = self._cost(field)
        if worth <= 0.1:
            return Candidate(-1.0, cost, line)
        return Candidate(worth - cost * PC_WORTH + self._noise(), cost, line)

    def other_gain(self, seat: str, hypo: Board, touched: frozenset[str]) -> float:
        """A guess at what `hypo` is worth to another seat: its public objectives.

        `touched` says what the hypothesis changed, every way (`ADOPTION`, `TERMS`,
        `PLEDGES`, `GUARANTEES`): an objective that reads none of it keeps its answer
        on the board as it is."""
        objectives = self.seat.others.get(seat, ())
        before = self._others.get(seat)
        if before is None:
            evaluator = self.outlook.evaluator
            before = self._others[seat] = [evaluator.holds(when) for when, _, _ in objectives]
        was = self._others_sum.get(seat)
        if was is None:
            was = self._others_sum[seat] = sum(
                p for (_, p, _), held in zip(objectives, before, strict=True) if held
            )
        # One evaluator per board asked about: the seats on the Council are asked in turn.
        evaluator = self.outlook.asking(hypo)
        now = 0
        delta: frozenset[str] | None = None
        change = hypo.change
        reader = self.seat.reader
        moved_tags = partial(self.outlook.moved_tags, evaluator)
        for (when, p, needs), held in zip(objectives, before, strict=True):
            if needs.isdisjoint(touched):
                pass
            elif change is not None:
                # Asked again only when something it reads changed.
                if reader.moves(when, touched, change, moved_tags):
                    held = evaluator.holds(when)
            else:
                tags = reader.only_in_force(when, needs, touched)
                if tags is None:
                    held = evaluator.holds(when)
                else:
                    delta = moved_tags() if delta is None else delta
                    if not tags.isdisjoint(delta):
                        held = evaluator.holds(when)
            if held:
                now += p
        return now - was

    def _pick(self, candidates: Iterable[Candidate], budget: int, most: int) -> list[str]:
        chosen: list[str] = []
        for c in sorted(candidates, key=lambda c: -c.score):
            if c.score <= 0 or len(chosen) >= most:
                break
            if c.cost <= budget:
                chosen.append(c.line)
                budget -= c.cost
        return chosen

    # -- the Council ----------------------------------------------------------------

    def _with_draft(self, draft: TabledDraft) -> Board:
        """The board with `draft` adopted (built once per draft in a decision)."""
        found = self._adopted.get(draft)
        if found is None:
            found = self._adopted[draft] = self.board.with_draft(draft)
        return found

    def _guess_vote(self, draft: TabledDraft, my_vote: Vote) -> Callable[[str], Vote]:
        """How each seat on the Council will vote on `draft`: a guess."""
        tags = set(draft.tags)
        # The seats whose declared red line the draft carries.
        against = {r.seat for r in self.view.red_lines if tags & set(r.tags)}

        def vote(seat: str) -> Vote:
            if seat == self.me:
                return my_vote
            if seat == draft.sponsor:
                return Vote.YES
            if seat in against:
                return Vote.NO
            found = self._guessed.get((seat, draft))
            if found is None:
                gain = self.other_gain(seat, self._with_draft(draft), ADOPTION)
                found = Vote.YES if gain > 0 else (Vote.NO if gain < 0 else Vote.ABSTAIN)
                self._guessed[(seat, draft)] = found
            return found

        return vote

    def _forecast(self, draft: TabledDraft, my_vote: Vote = Vote.YES) -> Forecast:
        return self.council.forecast(draft, self._guess_vote(draft, my_vote))

    def _draft_worth(self, draft: TabledDraft) -> float:
        found = self._worths.get(draft)
        if found is None:
            voted = as_voted(self.board, draft)
            found = self._worths[draft] = self.outlook.gain(self._with_draft(voted), DRAFTS)
        return found

    def _new_draft(self, draft_id: str, tags: Iterable[str], procedural: bool) -> TabledDraft:
        return TabledDraft(draft_id, draft_id, self.me, procedural, tuple(tags), self.view.round)

    def _tabled(self) -> list[TabledDraft]:
        return [d for d in self.view.drafts if d.status is DraftStatus.TABLED]

    # -- negotiation ------------------------------------------------------------------

    def negotiate(self) -> list[str]:
        """The public actions to take now."""
        candidates: list[Candidate] = []
        on_council = self.me in self.seat.council
        secretariat = self.me == self.sc.roles.secretariat
        if on_council or secretariat:
            candidates += self._drafts_to_table(secretariat and not on_council)
        if on_council:
            candidates += self._amendments()
            candidates += self._uniting_for_peace()
        if self.me != self.sc.roles.host:
            candidates += self._offers()
            candidates += self._backing()
        candidates += self._terms()
        candidates += self._red_lines()
        reserve = 2 if (on_council or self.assets) else 1
        return self._pick(candidates, max(0, self.pc - reserve), MOST_PUBLIC)

    def _drafts_to_table(self, propose: bool) -> list[Candidate]:
        out: list[Candidate] = []
        standing = {d.id: d for d in self.view.drafts}
        verb, field = ("propose", "propose") if propose else ("table", "table_draft")
        for prepared in self.sc.drafts:
            now = standing.get(prepared.id)
            if now is not None and now.status is DraftStatus.PROPOSED:
                if not propose:
                    draft = replace(now, sponsor=self.me, status=DraftStatus.TABLED)
                    line = f"{self.me} sponsor {now.id}"
                    # Sponsoring the Secretariat's concept is a courtesy a cooperative seat pays.
                    bonus = self.seat.aims.cooperation - 0.4
                    out.append(self._table_candidate(draft, line, "table_draft", bonus))
                continue
            if now is not None and (
                now.status in (DraftStatus.TABLED, DraftStatus.ADOPTED) or now.recommended
            ):
                continue
            if prepared.concept != propose:
                continue
            draft = self._new_draft(prepared.id, prepared.tags, prepared.procedural)
            out.append(self._table_candidate(draft, f"{self.me} {verb} {prepared.id}", field))
        # A draft of its own: the tags it most wants in force, if none of the prepared
        # ones carries them.
        wished = sorted(
            (t for t, w in self.seat.aims.in_force.items() if w > 0 and t not in self.outlook.tags),
            key=lambda t: -self.seat.aims.in_force[t],
        )[:2]
        mission = set(self.sc.force.mission_tags)
        if wished and self.view.round <= self.view.rounds - 1 and not mission & set(wished):
            draft_id = self._id("d")
            procedural = not self.rules.substantive_tags & set(wished)
            draft = self._new_draft(draft_id, wished, procedural)
            kind = "procedural" if procedural else "substantive"
            line = (
                f'{self.me} {verb} {draft_id} "Draft of {self.me}" {kind} tags={",".join(wished)}'
            )
            out.append(self._table_candidate(draft, line, field))
        return out

    def _table_candidate(
        self, draft: TabledDraft, line: str, field: str, bonus: float = 0.0
    ) -> Candidate:
        worth = self._draft_worth(draft) + bonus
        if worth <= 0:
            return Candidate(-1.0, 0, line)
        chance = self._forecast(draft).chance
        return self._candidate(worth * chance, field, line)

    def _amendments(self) -> list[Candidate]:
        out: list[Candidate] = []
        wished = [t for t, w in self.seat.aims.in_force.items() if w > 0]
        for draft in self._tabled():
            if draft.amends is not None or draft.motion_for is not None:
                continue
            if any(d.amends == draft.id for d in self.view.drafts if d.sponsor == self.me):
                continue
            base = self._forecast(draft)
            base_worth = self._draft_worth(draft) * base.chance
            changes: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
                ((), (t,)) for t in draft.tags
            ]
            changes += [((t,), ()) for t in wished if t not in draft.tags]
            changes += [((t,), ()) for t in self._pacifiers(draft) if t not in draft.tags]
            for add, remove in changes[:8]:
                tags = tuple(t for t in draft.tags if t not in remove) + add
                amended = replace(
                    draft,
                    tags=tags,
                    procedural=self.rules.votes_as_procedural(draft.procedural, tags),
                )
                worth = self._draft_worth(amended) * self._forecast(amended).chance
                if worth - base_worth <= 0.3:
                    continue
                amendment = replace(amended, id=self._id("am"), sponsor=self.me, amends=draft.id)
                chance = self._forecast(amendment).chance
                words = (f" add={','.join(add)}" if add else "") + (
                    f" remove={','.join(remove)}" if remove else ""
                )
                title = quote(f"{self.view.names.seat(self.me)}'s amendment to {draft.id}")
                line = f"{self.me} amend {draft.id} {amendment.id} {title}{words}"
                out.append(self._candidate((worth - base_worth) * chance, "amend", line))
        return out

    def _pacifiers(self, draft: TabledDraft) -> list[str]:
        """Tags that would win a permanent member's yes (its disposition asks for them)."""
        found: list[str] = []
        for member in self.sc.council.members:
            if member.seat is None and member.permanent:
                for rule in member.disposition:
                    if rule.vote is Vote.YES and "has_tag" in rule.when:
                        for part in rule.when.split('has_tag("')[1:]:
                            tag = part.split('"', 1)[0]
                            if tag not in found:
                                found.append(tag)
        return found[:3]

    def _uniting_for_peace(self) -> list[Candidate]:
        out: list[Candidate] = []
        ga = self.sc.council.general_assembly
        if not ga.enabled:
            return out
        motions = {d.motion_for for d in self.view.drafts if d.motion_for}
        evaluator = self.outlook.evaluator
        share = ga.base_yes + sum(m.add for m in ga.modifiers if evaluator.holds(m.when))
        if share < ga.threshold:
            return out
        for draft in self.view.drafts:
            if draft.status is not DraftStatus.VETOED or draft.recommended:
                continue
            if draft.id in motions and any(
                d.motion_for == draft.id and d.status is DraftStatus.TABLED
                for d in self.view.drafts
            ):
                continue
            worth = self.outlook.gain(self.board.with_draft(draft, assembly=True), DRAFTS)
            if worth > 0:
                line = f"{self.me} uniting-for-peace {draft.id}"
                out.append(self._candidate(worth * 0.7, "uniting_for_peace", line))
        return out

    # -- guarantees -----------------------------------------------------------------

    def _free(self, asset: str) -> int:
        """Units of `asset` the seat holds beyond its standing pledges."""
        held = self.assets.get(asset, 0)
        pledged = sum(
            p.amount
            for p in self.view.pledges
            if p.seat == self.me
            and p.asset == asset
            and p.status in (PledgeStatus.HONOURED, PledgeStatus.PENDING)
        )
        return max(0, held - pledged)

    def _amounts(self, asset: str) -> list[int]:
        """The amounts of `asset` worth pledging (worked out once per asset in a decision;
        not to be changed)."""
        found = self._amounts_of.get(asset)
        if found is None:
            found = self._amounts_of[asset] = self._amounts_now(asset)
        return found

    def _amounts_now(self, asset: str) -> list[int]:
        free = self._free(asset)
        if free <= 0:
            return []
        definition = self.rules.assets[asset]
        unit = definition.per
        amounts = {free, max(unit, (free // 2) // unit * unit), unit * 2}
        return sorted(a for a in amounts if 0 < a <= free)

    def _committed(self) -> set[str]:
        """Pledge ids that back a live guarantee (offered and not rejected)."""
        return {b for g in self.view.guarantees if g.accepted is not False for b in g.backing}

    def _host_accepts(self, hypo: Board, touched: frozenset[str]) -> float:
        host = self.sc.roles.host
        if host == self.me:
            return 1.0
        return 0.85 if self.other_gain(host, hypo, touched) >= 0 else 0.2

    def _asset_cost(self, asset: str, amount: int) -> float:
        strength = self.rules.strength(asset, amount)
        return strength * 0.12 * (1.3 - self.seat.aims.cooperation)

    def _offers(self) -> list[Candidate]:
        out: list[Candidate] = []
        mine_live = [
            g for g in self.view.guarantees if g.guarantor == self.me and g.accepted is not False
        ]
        if len(mine_live) >= 2:
            return out
        live_types = {g.type for g in mine_live}
        committed = self._committed()
        free_pledges = [
            p
            for p in self.view.pledges
            if p.status is PledgeStatus.HONOURED and p.id not in committed
        ]
        types = [g for g in self.sc.guarantee_types if g.id not in live_types]
        for gtype in self.rng.sample(types, min(2, len(types))):
            own = [
                p
                for p in free_pledges
                if p.seat == self.me and not self.rules.backing_misfit(gtype.id, p.asset, p.target)
            ]
            options: list[tuple[list[Pledge], list[str]]] = []
            if own:
                options.append(([own[0]], []))
            target = gtype.backing_targets[0]
            for asset in gtype.backing_assets or list(self.rules.assets):
                amounts = self._amounts(asset)
                if amounts:
                    amount = self.rng.choice(amounts)
                    new = Pledge(self._id("p"), self.me, asset, amount, target, self.view.round)
                    options.append(([new], [new.id]))
            partners = [
                p
                for p in free_pledges
                if p.seat not in (self.me, self.sc.roles.host)
                and not self.rules.backing_misfit(gtype.id, p.asset, p.target)
            ]
            if partners and options:
                pledges, made = options[-1]
                options.append(([*pledges, partners[0]], made))
            for pledges, made in options:
                gid = self._id("g")
                offer = Guarantee(
                    gid, self.me, gtype.id, tuple(p.id for p in pledges), self.view.round
                )
                hypo = self.board.with_pledges(pledges).with_guarantee(offer)
                worth = self.outlook.gain(hypo, PLEDGES) * self._host_accepts(hypo, PLEDGES)
                if any(p.seat != self.me for p in pledges):
                    worth *= 0.8
                worth -= sum(self._asset_cost(p.asset, p.amount) for p in pledges if p.id in made)
                backing = ",".join(p.id for p in pledges)
                line = f"{self.me} offer {gid} {gtype.id} backing={backing}"
                out.append(self._candidate(worth, "offer_guarantee", line))
        return sorted(out, key=lambda c: -c.score)[:1]

    def _backing(self) -> list[Candidate]:
        out: list[Candidate] = []
        mine = {p.id: p for p in self.view.pledges if p.seat == self.me}
        committed_elsewhere = {
            b
            for g in self.view.guarantees
            if g.accepted is not False
            for b in g.backing
            if g.guarantor == self.me or (b, self.me) in g.backers
        }
        for g in self.view.guarantees:
            if g.guarantor == self.me or g.accepted is False:
                continue
            for pid in g.backing:
                pledge = mine.get(pid)
                if pledge is None or (pid, self.me) in g.backers or pid in committed_elsewhere:
                    continue
                if self.rules.backing_misfit(g.type, pledge.asset, pledge.target):
                    continue
                hypo = self.board.with_guarantee(g)
                worth = self.outlook.gain(hypo, GUARANTEES) * self._host_accepts(hypo, GUARANTEES)
                worth += 0.3 * self.seat.aims.cooperation
                out.append(self._candidate(worth, "back_guarantee", f"{self.me} back {g.id} {pid}"))
        return out

    # -- terms and red lines -------------------------------------------------------------

    def _terms(self) -> list[Candidate]:
        parties = list(self.sc.roles.parties)
        if not parties:
            return []
        pending = [
            t
            for t in self.view.terms
            if t.proposer == self.me and not t.rejected_by and set(t.accepted_by) != set(parties)
        ]
        if pending:
            return []
        pool = list(self.seat.terms_tags)
        self.rng.shuffle(pool)
        if not pool:
            return []
        sets: list[tuple[str, ...]] = [tuple(pool[:3]), tuple(pool[:2]), (pool[0],)]
        out: list[Candidate] = []
        seen: set[tuple[str, ...]] = set()
        title = quote(f"Terms of {self.view.names.seat(self.me)}")
        for tags in sets:
            key = tuple(sorted(tags))
            if key in seen:
                continue
            seen.add(key)
            tid = self._id("t")
            hypo = self.board.with_terms(self._terms_of(tid, key))
            worth = self.outlook.gain(hypo, TERMS)
            chance = 1.0
            for party in parties:
                if party != self.me:
                    chance *= 0.7 if self.other_gain(party, hypo, TERMS) >= 0 else 0.15
            line = f"{self.me} terms {tid} {title} tags={','.join(key)}"
            out.append(self._candidate(worth * chance, "table_terms", line))
        return sorted(out, key=lambda c: -c.score)[:1]

    def _terms_of(self, tid: str, tags: tuple[str, ...]) -> Terms:
        return Terms(tid, self.me, tid, tags, self.view.round)

    def _red_lines(self) -> list[Candidate]:
        mine = [r for r in self.view.red_lines if r.seat == self.me]
        if len(mine) >= 2 or self.view.round > 3:
            return []
        drawn = {t for r in mine for t in r.tags}
        worst = [
            (w, t)
            for t, w in self.seat.aims.in_force.items()
            if w < -1.5 and t not in drawn and t not in self.outlook.tags
        ]
        if not worst:
            return []
        weight, tag = min(worst)
        rid = self._id("r")
        worth = -weight * 0.25 * (0.5 + self.seat.aims.risk)
        line = f'{self.me} redline {rid} "No {tag} under any terms" tags={tag}'
        return [self._candidate(worth, "red_line", line)]

    # -- orders ---------------------------------------------------------------------------

    def orders(self) -> list[str]:
        """The sealed orders to give now."""
        lines = self._votes() + self._answers()
        budget = self.pc
        candidates: list[Candidate] = []
        candidates += self._pledges()
        candidates += self._lobbying()
        candidates += self._withdrawals()
        candidates += self._arguments()
        if self.me == self.sc.roles.secretariat:
            candidates += self._secretariat()
        lines += self._pick(candidates, budget, MOST_ORDERS)
        return lines or [f"{self.me} pass"]

    def _votes(self) -> list[str]:
        if self.me not in self.seat.council:
            return []
        lines: list[str] = []
        aims = self.seat.aims
        drafts = {d.id: d for d in self.view.drafts}
        for draft in self._tabled():
            if draft.amends is not None:
                parent = drafts.get(draft.amends)
                if parent is None:
                    continue
                tags = tuple(t for t in parent.tags if t not in draft.remove_tags)
                tags += tuple(t for t in draft.add_tags if t not in tags)
                amended = replace(parent, tags=tags)
                worth = self._draft_worth(amended) - self._draft_worth(parent)
            elif draft.motion_for is not None:
                target = drafts.get(draft.motion_for)
                if target is None:
                    continue
                worth = self.outlook.gain(self.board.with_draft(target, assembly=True), DRAFTS)
            else:
                worth = self._draft_worth(draft)
            if draft.sponsor == self.me:
                worth += 1.0
            else:
                worth += (aims.cooperation - 0.5) * 0.8
            worth += self._noise()
            # A permanent member's no is a veto: it takes more to cast it.
            against = -0.8 - (1 - aims.risk) if self.me in self.seat.permanent else -0.5
            if worth > 0.1:
                vote = "yes"
            elif worth < against:
                vote = "no"
            else:
                vote = "abstain"
            lines.append(f"{self.me} vote {draft.id} {vote}")
        return lines

    def _answers(self) -> list[str]:
        lines: list[str] = []
        roles = self.sc.roles
        if self.me == roles.host:
            for g in self.view.guarantees:
                if g.accepted is None:
                    worth = (
                        self.outlook.gain(self.board.with_guarantee(g), GUARANTEES)
                        + self._noise() * 0.5
                    )
                    verb = "accept" if worth >= -0.2 else "reject"
                    lines.append(f"{self.me} {verb} {g.id}")
            for d in self.view.drafts:
                if (
                    d.recommended
                    and not d.consented
                    and self.outlook.gain(self.board.with_draft(d, assembly=True), DRAFTS) >= 0
                ):
                    lines.append(f"{self.me} accept {d.id}")
            motions = [d for d in self._tabled() if d.motion_for is not None]
            for m in motions:
                target = self.board.draft(m.motion_for or "")
                if (
                    target is not None
                    and self.outlook.gain(self.board.with_draft(target, assembly=True), DRAFTS) > 0
                ):
                    lines.append(f"{self.me} accept {target.id}")
        if self.me in roles.parties:
            for t in self.view.terms:
                if self.me in t.accepted_by or self.me in t.rejected_by:
                    continue
                worth = self.outlook.gain(self.board.with_terms(t), TERMS)
                worth += (self.seat.aims.cooperation - 0.5) + self._noise()
                if t.proposer == self.me:
                    worth += 1.0
                verb = "accept" if worth > 0 else "reject"
                lines.append(f"{self.me} {verb} {t.id}")
        return lines

    def _pledges(self) -> list[Candidate]:
        out: list[Candidate] = []
        existing = {p.id for p in self.view.pledges}
        # Pledges its own offers named: made now, or the offer is hollow.
        for g in self.view.guarantees:
            if g.guarantor != self.me or g.accepted is False:
                continue
            for pid in g.backing:
                if pid in existing or not pid.startswith(self.me):
                    continue
                gtype = self.rules.guarantee_types[g.type]
                assets = gtype.backing_assets or list(self.rules.assets)
                for asset in assets:
                    amounts = self._amounts(asset)
                    if amounts:
                        amount = amounts[-1] if len(amounts) < 3 else amounts[1]
                        line = (
                            f"{self.me} pledge {pid} {asset} {amount} to {gtype.backing_targets[0]}"
                        )
                        out.append(Candidate(5.0 + self._noise(), self._cost("pledge"), line))
                        break
        mission_coming = self.view.mission is not None or any(
            set(d.tags) & set(self.sc.force.mission_tags) for d in self._tabled()
        )
        targets = ["coalition"] + (["un_mission"] if mission_coming else [])
        aims = self.seat.aims
        partners = [
            s.id for s in self.view.seats if s.id not in (self.me, self.sc.roles.host) and s.assets
        ]
        assets = [a for a in self.seat.assets if self._free(a) > 0]
        for asset in self.rng.sample(assets, min(3, len(assets))):
            for target in targets:
                amounts = self._amounts(asset)
                for amount in self.rng.sample(amounts, min(1, len(amounts))):
                    pid = self._id("p")
                    pledge = Pledge(pid, self.me, asset, amount, target, self.view.round)
                    hypo = self.board.with_pledges([pledge])
                    if target == "un_mission" and self.view.mission is None:
                        mission = next(
                            d
                            for d in self._tabled()
                            if set(d.tags) & set(self.sc.force.mission_tags)
                        )
                        hypo = hypo.with_draft(mission)
                        worth = self.outlook.gain(hypo, PLEDGES | DRAFTS) - self._mission_worth(
                            mission
                        )
                    else:
                        worth = self.outlook.gain(hypo, PLEDGES)
                    worth -= self._asset_cost(asset, amount)
                    condition = ""
                    if target == "coalition" and partners and self.rng.random() > aims.risk:
                        partner = self.rng.choice(partners)
                        condition = (
                            f' if {partner}.pledged.{asset} >= 1 or force_pct("{target}") >= 50'
                        )
                    line = f"{self.me} pledge {pid} {asset} {amount} to {target}{condition}"
                    out.append(self._candidate(worth, "pledge", line))
        return out

    def _mission_worth(self, mission: TabledDraft) -> float:
        """What the mission's draft adopted as it stands is worth (once per decision)."""
        found = self._missions.get(mission)
        if found is None:
            found = self._missions[mission] = self.outlook.gain(
                self.board.with_draft(mission), DRAFTS
            )
        return found

    def _lobbying(self) -> list[Candidate]:
        out: list[Candidate] = []
        members = [m for m in self.sc.council.members if m.seat is None]
        for draft in self._tabled():
            if draft.amends is not None or draft.motion_for is not None:
                continue
            worth = self._draft_worth(draft)
            if abs(worth) < 0.5:
                continue
            base = self._forecast(draft, Vote.YES if worth > 0 else Vote.NO)
            if base.vetoers and worth > 0:
                continue
            toward = 1 if worth > 0 else -1
            voted = as_voted(self.board, draft)
            for member in members:
                vote = self.council.dispositions(voted)[member.id]
                if (toward > 0 and vote is Vote.YES) or (toward < 0 and vote is not Vote.YES):
                    continue
                moved = self.council.forecast(
                    draft,
                    self._guess_vote(draft, Vote.YES if worth > 0 else Vote.NO),
                    {member.id: toward},
                )
                change = (moved.chance - base.chance) * toward
                if change <= 0:
                    continue
                word = "yes" if toward > 0 else "no"
                line = f"{self.me} lobby {member.id} {draft.id} {word}"
                value = abs(worth) * change * member.lobby_chance / 100
                out.append(self._candidate(value, "lobby", line))
        return out

    def _withdrawals(self) -> list[Candidate]:
        out: list[Candidate] = []
        loss = self.sc.withdraw_credibility
        for p in self.view.pledges:
            if p.seat != self.me or p.status is not PledgeStatus.HONOURED:
                continue
            if p.round >= self.view.round - 1:
                continue  # too fresh to withdraw (it draws nothing, so nothing else moves)
            hypo = self.board.without_pledge(p.id)
            seats = dict(hypo.seats)
            own = seats[self.me]
            seats[self.me] = replace(own, credibility=max(0, own.credibility - loss))
            worth = self.outlook.gain(hypo.changed(seats=seats), PLEDGES)
            worth -= 1.0 - self.seat.aims.risk
            out.append(self._candidate(worth, "withdraw", f"{self.me} withdraw {p.id}"))
        return out

    def _arguments(self) -> list[Candidate]:
        arguments = self.sc.arguments
        if not arguments.enabled:
            return []
        chance = arguments.chances.average / 100
        out = []
        for option in arguments.table:
            worth = self.outlook.effects_gain(option.effects) * chance
            line = f'{self.me} argue {option.id} "The case for {option.id}, as {self.me} sees it"'
            out.append(self._candidate(worth, "argue", line))
        return sorted(out, key=lambda c: -c.score)[:1]

    def _secretariat(self) -> list[Candidate]:
        out = [
            self._candidate(
                self.outlook.effects_gain(self.sc.mediate_effects), "mediate", f"{self.me} mediate"
            )
        ]
        for draft in self._tabled():
            if draft.amends is not None or draft.motion_for is not None or draft.endorsed:
                continue
            worth = self._draft_worth(draft)
            if worth <= 0:
                continue
            base = self._forecast(draft).chance
            endorsed = self._forecast(replace(draft, endorsed=True)).chance
            value = worth * max(0.05, endorsed - base + 0.1)
            out.append(self._candidate(value, "endorse", f"{self.me} endorse {draft.id}"))
        return out
