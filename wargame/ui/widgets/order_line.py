"""The order line: a seat types an order in the one-line syntax, beside the forms.

`vote cf yes` and `fr vote cf yes` are the same order behind France's curtain:
the seat's id may be typed or left out. The line is read by the grammar
(`parse_line`) and checked by the engine (`why_not`), so it accepts exactly
what the forms accept and refuses with the same reasons. Completion offers the
seat's order verbs first, then the ids its forms would list (drafts, pledges,
members, assets...), and the words a field takes (yes, no, abstain...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.suggester import Suggester

from wargame.engine import View
from wargame.engine import orders as o
from wargame.engine.choices import choices
from wargame.engine.grammar import BY_WORD, Nature, is_secret, verbs
from wargame.scenario.models import Scenario


def seat_line(seat: str, text: str, seats: Sequence[str]) -> str:
    """The line as the log holds it: the typed seat id kept, or this seat's id put first."""
    text = text.strip()
    words = text.split()
    if words and words[0] in seats:
        return text
    return f"{seat} {text}"


def order_problem(line: str) -> str | None:
    """Why `line` is not a sealed order the grammar reads (None: it is one)."""
    try:
        parsed = o.parse_line(line)
    except o.OrderSyntaxError as error:
        return str(error)
    if not is_secret(parsed):
        return (
            f"{parsed.verb!r} is not a sealed order: it is given at the table, "
            "not behind the curtain"
        )
    return None


def completions(words: Sequence[str], view: View, scenario: Scenario, seat: str) -> list[str]:
    """What may come next after `words` (the seat's id, if typed, left out)."""
    offered = verbs(Nature.SECRET, scenario, seat)
    if not words:
        return [v.word for v in offered]
    verb = BY_WORD.get(words[0])
    if verb is None or verb not in offered:
        return []
    found: list[str] = []
    for form in verb.forms:
        for field in form.fields:
            if field.source is None:
                continue
            for choice in choices(field.source, view, scenario, seat):
                if choice.value not in found:
                    found.append(choice.value)
    return found


class OrderSuggester(Suggester):
    """Completes the word being typed: a verb, then ids (→ or End accepts it)."""

    def __init__(
        self, seat: str, seats: Sequence[str], state: Callable[[], tuple[View, Scenario]]
    ) -> None:
        """`state()` gives the seat's view and the scenario now (ids change as orders go in)."""
        super().__init__(use_cache=False, case_sensitive=True)
        self.seat = seat
        self.seats = tuple(seats)
        self.state = state

    async def get_suggestion(self, value: str) -> str | None:
        words = value.split()
        typing = "" if not words or value.endswith(" ") else words.pop()
        if words and words[0] in self.seats:
            words.pop(0)
        elif not words and typing in self.seats:
            return None  # a seat id typed in full: the verb comes after a space
        view, scenario = self.state()
        for candidate in completions(words, view, scenario, self.seat):
            if candidate.startswith(typing) and candidate != typing:
                return value + candidate[len(typing) :]
        return None
