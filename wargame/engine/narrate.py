"""The one place where events become words.

Payloads hold ids and numbers; `render(event, names)` writes the line a
person reads, with display names from the scenario (`Names.of(scenario)`,
cached on `Rules.names`). Nothing else in the program writes event prose;
the news feed, the reveal and the report call `render`.
"""

from __future__ import annotations

from wargame.engine import events as ev
from wargame.engine.names import Names
from wargame.engine.state import DraftStatus, Mandate
from wargame.scenario.vocabulary import TARGET_NAMES


def with_changes(text: str, changes: ev.Changes, names: Names) -> str:
    """A news line with the changes it caused in brackets."""
    text = text.strip()
    if not text.endswith((".", "!", "?", ")")):
        text += "."
    return f"{text} [{changes_text(changes, names)}]" if changes else text


def changes_text(changes: ev.Changes, names: Names) -> str:
    """`Tension 40 → 45; France PC 8 → 6`."""
    return "; ".join(change_text(c, names) for c in changes)


def change_text(change: ev.Change, names: Names) -> str:
    """One change: the track's name or the seat's attribute, before → after."""
    if change.target in names.tracks:
        what = names.tracks[change.target]
    else:
        seat, _, attr = change.target.partition(".")
        label = {"pc": "PC", "credibility": "credibility"}.get(attr, attr.partition(".")[2])
        what = f"{names.seat(seat)} {label}"
    return f"{what} {change.before} → {change.after}"


def target_name(target: str) -> str:
    """How the news names a pledge target."""
    return TARGET_NAMES.get(target, target)


def drop_text(drop: ev.Drop, seat: str, asset: str, target: str, names: Names) -> str:
    """Why a pledge dropped, in words (also kept on the pledge for the board)."""
    if drop.reason is ev.DropReason.NO_TARGET:
        return f"there is no {target_name(target)} to pledge to"
    if drop.reason is ev.DropReason.CONDITION_NOT_MET:
        return f"its condition is not met: {drop.condition}"
    return (
        f"{names.seat(seat)} cannot cover it: {drop.pledged} {asset} would be pledged, "
        f"{drop.held} held"
    )


def vote_words(p: ev.CouncilVoted, names: Names) -> str:
    """The outcome as the council's record would say it: `vetoed by Russia (14-1-0)`."""
    count = f"{p.yes}-{p.no}-{p.abstain}"
    if p.outcome is DraftStatus.ADOPTED:
        return f"adopted {count}"
    if p.outcome is DraftStatus.VETOED:
        return f"vetoed by {', '.join(names.member(m) for m in p.vetoed_by)} ({count})"
    return f"failed: insufficient votes ({count})"


def _again(earlier: DraftStatus | None, round_: int) -> str:
    return "" if earlier is None else f" again ({earlier.value} in round {round_})"


def _inactive(p: ev.GuaranteeChanged, names: Names) -> str:
    reason = p.reason
    if reason is ev.InactiveReason.NOT_ANSWERED:
        return "not accepted by the host"
    if reason is ev.InactiveReason.REJECTED:
        return "rejected by the host"
    if reason is ev.InactiveReason.BACKING_MISSING:
        return f"backing pledge {', '.join(p.pledges)} was never made"
    if reason is ev.InactiveReason.BACKING_NOT_ALLOWED and p.misfit is not None:
        m = p.misfit
        return (
            f"backing pledge {', '.join(p.pledges)} ({m.amount} {m.asset} to the "
            f"{target_name(m.target)}) cannot back it: {p.detail}"
        )
    if reason is ev.InactiveReason.BACKING_NOT_COMMITTED:
        owner = names.seat(p.owner or "")
        (pledge,) = p.pledges
        return (
            f"backing pledge {pledge} is {owner}'s and counts only once {owner} backs "
            f"{p.guarantee} with it ({p.owner} back {p.guarantee} {pledge})"
        )
    if reason is ev.InactiveReason.BACKING_NOT_HONOURED:
        return f"backing pledge {', '.join(p.pledges)} is not honoured"
    return f"its condition is not met: {p.condition}"


def render(event: ev.Event | ev.Payload, names: Names) -> str:
    """The line the news shows for `event` (or a bare payload)."""
    return _render(event.payload if isinstance(event, ev.Event) else event, names)


def _render(p: ev.Payload, n: Names) -> str:
    q = "\u201c"
    e = "\u201d"
    if isinstance(p, ev.DraftTabled):
        kind = "procedural" if p.procedural else "substantive"
        tags = f" [{', '.join(p.tags)}]" if p.tags else ""
        return (
            f"{n.seat(p.seat)} tables {kind} draft {p.draft} {q}{p.title}{e}"
            f"{_again(p.earlier, p.earlier_round)}{tags}"
        )
    if isinstance(p, ev.ConceptProposed):
        return (
            f"{n.seat(p.seat)} proposes the concept {p.draft} {q}{p.title}{e}"
            f"{_again(p.earlier, p.earlier_round)}; a council member must sponsor it"
        )
    if isinstance(p, ev.ConceptSponsored):
        return f"{n.seat(p.seat)} sponsors {p.draft} {q}{p.title}{e}: it goes before the council"
    if isinstance(p, ev.AmendmentTabled):
        change = " ".join([*(f"+{t}" for t in p.add), *(f"-{t}" for t in p.remove)])
        return (
            f"{n.seat(p.seat)} tables amendment {p.amendment} to {p.draft} "
            f"{q}{p.title}{e} ({change})"
        )
    if isinstance(p, ev.MotionTabled):
        return (
            f"{n.seat(p.seat)} moves to call an emergency special session of the "
            f"General Assembly on {p.draft}"
        )
    if isinstance(p, ev.GuaranteeOffered):
        cond = f" if {p.condition}" if p.condition else ""
        kind = n.guarantee_types.get(p.type, p.type)
        return (
            f"{n.seat(p.seat)} offers {n.seat(p.host)} a guarantee {p.guarantee} ({kind}), "
            f"backed by {', '.join(p.backing)}{cond}"
        )
    if isinstance(p, ev.GuaranteeBacked):
        return (
            f"{n.seat(p.seat)} backs {n.seat(p.guarantor)}'s guarantee {p.guarantee} "
            f"with its pledge {p.pledge}"
        )
    if isinstance(p, ev.TermsTabled):
        return (
            f"{n.seat(p.seat)} tables peace terms {p.terms} {q}{p.title}{e} [{', '.join(p.tags)}]"
        )
    if isinstance(p, ev.RedLineDeclared):
        return (
            f"{n.seat(p.seat)} declares a red line {p.red_line}: {q}{p.title}{e} "
            f"[{', '.join(p.tags)}]"
        )
    if isinstance(p, ev.InjectFired):
        text = f"{p.title}. {p.text}" if p.text.strip() else p.title
        if p.reason is not None:
            text = f"{text} (facilitator: {p.reason})"
        return with_changes(text, p.changes, n)
    if isinstance(p, ev.OrderRefused):
        return f"{p.order} was refused at {p.stage.value}: {p.reason}"
    if isinstance(p, ev.PledgeWithdrawn):
        return (
            f"{n.seat(p.seat)} withdrew pledge {p.pledge} ({p.amount} {p.asset} to the "
            f"{target_name(p.target)}) and lost {p.credibility_loss} credibility"
        )
    if isinstance(p, ev.Lobbied):
        member = n.member(p.member)
        if p.succeeded:
            result = f"succeeded (rolled {p.roll} under {p.chance})"
        else:
            result = f"failed (rolled {p.roll}, needed under {p.chance})"
        if p.final is None:
            effect = f"{p.draft} was not voted"
        elif not p.succeeded:
            effect = f"{member} voted {p.final.value}"
        elif p.moved and p.without is not None:
            effect = (
                f"it changed {member}'s vote: {p.final.value}, "
                f"where it would have voted {p.without.value}"
            )
        else:
            effect = f"it did not change {member}'s vote ({p.final.value})"
        return (
            f"{n.seat(p.seat)} lobbied {member} toward {p.toward.value} "
            f"on {p.draft}: {result}; {effect}"
        )
    if isinstance(p, ev.Endorsed):
        moved = (
            f"moved toward yes: {', '.join(n.member(m) for m in p.moved)}"
            if p.moved
            else "no member's vote was moved"
        )
        return f"The Secretary-General endorsed {p.draft}; {moved}"
    if isinstance(p, ev.Mediated):
        return with_changes("The Secretariat mediated between the parties", p.changes, n)
    if isinstance(p, ev.CouncilVoted):
        note = " (the double veto made it substantive)" if p.made_substantive else ""
        abstention = " (parties abstained under Art. 27(3))" if p.parties_abstained else ""
        return f"The {p.form.value} {p.draft} {q}{p.title}{e}: {vote_words(p, n)}{note}{abstention}"
    if isinstance(p, ev.AssemblyVoted):
        if p.recommended:
            return (
                f"Emergency special session of the General Assembly: {p.share}% in favour "
                f"(needed {p.threshold}%): it recommends {p.draft}, subject to the host's consent"
            )
        return (
            f"Emergency special session of the General Assembly: only {p.share}% in favour "
            f"(needed {p.threshold}%): no recommendation on {p.draft}"
        )
    if isinstance(p, ev.MissionEstablished):
        source = (
            "a Council mandate" if p.mandate is Mandate.COUNCIL else "an Assembly recommendation"
        )
        return (
            f"A UN mission is established under {source} "
            f"({p.draft}, mandate strength {p.strength}%)"
        )
    if isinstance(p, ev.ConsentGiven):
        who = n.seat(p.seat)
        if p.answer is ev.ConsentAnswer.LAPSED:
            return f"{who}'s consent to {p.draft} lapses: the Assembly made no recommendation"
        if p.answer is ev.ConsentAnswer.CONSENTS:
            return f"{who} consents to the recommended {p.draft}"
        return f"{who} refuses consent to {p.draft}"
    if isinstance(p, ev.PledgeHonoured):
        cond = f" (condition met: {p.condition})" if p.condition else ""
        return (
            f"{n.seat(p.seat)}'s pledge {p.pledge} of {p.amount} {p.asset} to the "
            f"{target_name(p.target)} holds{cond}"
        )
    if isinstance(p, ev.PledgeDropped):
        was = "released" if p.released else "dropped"
        return (
            f"{n.seat(p.seat)}'s pledge {p.pledge} of {p.amount} {p.asset} to the "
            f"{target_name(p.target)} is {was}: "
            f"{drop_text(p.drop, p.seat, p.asset, p.target, n)}"
        )
    if isinstance(p, ev.GuaranteeAnswered):
        verb = "accepts" if p.accepted else "rejects"
        return f"{n.seat(p.seat)} {verb} guarantee {p.guarantee}"
    if isinstance(p, ev.GuaranteeChanged):
        who = n.seat(p.seat)
        if p.active:
            kind = n.guarantee_types.get(p.type, p.type)
            return f"{who}'s guarantee {p.guarantee} ({kind}) is active (strength {p.strength})"
        if p.accepted_now:
            return f"{who}'s guarantee {p.guarantee} is accepted but not active: {_inactive(p, n)}"
        return f"{who}'s guarantee {p.guarantee} is not active: {_inactive(p, n)}"
    if isinstance(p, ev.TermsAnswered):
        verb = "accepts" if p.accepted else "rejects"
        text = f"{n.seat(p.seat)} {verb} peace terms {p.terms} {q}{p.title}{e}"
        return text + (": both parties have accepted, the terms bind" if p.binding else "")
    if isinstance(p, ev.RedLineCrossed):
        who = n.seat(p.seat)
        return with_changes(
            f"{who}'s red line {p.red_line} {q}{p.title}{e} is crossed "
            f"({', '.join(p.tags)} in force); {who} loses {p.credibility_loss} credibility",
            p.changes,
            n,
        )
    if isinstance(p, ev.ArgumentMade):
        verdict = "succeeds" if p.success else "fails"
        if p.ruled or p.rating is None:
            how = "by the facilitator's ruling"
        else:
            how = f"rated {p.rating.value.replace('_', ' ')}, rolled {p.roll} against {p.chance}"
        option = n.options.get(p.option, p.option)
        return with_changes(
            f"{n.seat(p.seat)} argues {q}{p.argument}{e} ({option}): {verdict}, {how}",
            p.changes,
            n,
        )
    if isinstance(p, ev.RuleApplied):
        return with_changes(p.text or f"The scenario rule {p.rule} applies", p.changes, n)
    if isinstance(p, ev.FrictionStruck):
        return with_changes(f"{p.text} (chance {p.chance}%, rolled {p.roll})", p.changes, n)
    if isinstance(p, ev.IncomePaid):
        parts = ", ".join(f"{n.seat(s)} +{amount}" for s, amount in p.amounts)
        return f"Political capital income: {parts}"
    if isinstance(p, ev.ArgumentRated):
        option = n.options.get(p.option, p.option)
        rating = p.rating.value.replace("_", " ")
        text = f"Facilitator rates {n.seat(p.seat)}'s argument {option}: {rating}"
        if p.replaces is not None:
            text += f" (replacing the earlier rating, {p.replaces.value.replace('_', ' ')})"
        return text
    if isinstance(p, ev.TrackAdjusted):
        text = f"Facilitator adjusts {p.track} by {p.delta:+d} ({p.reason})"
        return text + (f" [{changes_text(p.changes, n)}]" if p.changes else "")
    if isinstance(p, ev.Ruled):
        if p.subject is ev.RulingSubject.ARGUMENT:
            seat, _, option = p.item.partition(":")
            return f"Facilitator rules that {seat}'s argument {option} {p.result}: {p.reason}"
        return f"Facilitator rules {p.subject.value} {p.item} {p.result}: {p.reason}"
    if isinstance(p, ev.Rewound):
        return f"Facilitator rewinds to the start of round {p.to_round} ({p.reason})"
    if isinstance(p, ev.GameEnded):
        return f"The game ends: {p.title}" + (f" (facilitator: {p.reason})" if p.reason else "")
    raise TypeError(f"no words for {type(p).__name__}")  # pragma: no cover - test_narrate
