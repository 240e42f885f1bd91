"""A bot's turn: ask it for its lines from its seat's view, and enter them.

Deciding and entering are separate (`Bot.decide`, then `apply_lines`) so a
screen can decide in a worker thread and enter the lines on its own thread;
`take_turn` does both, and `play_game` (or `play_bots`, with bots already
made) plays a whole game with bots at every seat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wargame.bots.base import Bot, make_bot
from wargame.engine import Phase
from wargame.engine.orders import OrderSyntaxError, PublicAction, SecretOrder, parse_line
from wargame.engine.view import View
from wargame.game import Game, GameError
from wargame.scenario.models import Scenario


@dataclass(frozen=True, slots=True)
class BotTurn:
    """What one bot turn entered."""

    seat: str
    """The seat the bot plays."""
    accepted: tuple[str, ...]
    """The lines the engine accepted, in order."""
    refused: tuple[tuple[str, str], ...]
    """The lines it refused, each with the engine's reason (dropped, as for a person)."""
    submitted: bool
    """Whether the turn ended by submitting the seat's orders (the orders phase)."""


def apply_lines(game: Game, seat: str, lines: Sequence[str]) -> BotTurn:
    """Enter a bot's `lines` for `seat`; in the orders phase, then submit them.

    Lines for another seat, and control lines, are refused like any other line
    the seat may not give: a bot enters only its own seat's actions.
    """
    accepted: list[str] = []
    refused: list[tuple[str, str]] = []
    for line in lines:
        closed = game.state.phase is Phase.ORDERS and seat in game.submitted
        if not closed and _is_seat_action(line, seat):
            # Entering the seat's own action checks it as `why_not` would, and refuses
            # it with the same reason: checked once.
            reason = _enter(game, line)
        else:
            reason = game.why_not(seat, line)
            if reason is None and closed:
                reason = "the seat's orders are already submitted"
            if reason is None and not _is_seat_action(line, seat):
                reason = "a bot gives only its own seat's orders"
            if reason is None:
                reason = _enter(game, line)
        if reason is None:
            accepted.append(line)
        else:
            refused.append((line, reason))
    submitted = False
    if game.state.phase is Phase.ORDERS and seat not in game.submitted:
        game.submit(seat)
        submitted = True
    return BotTurn(seat, tuple(accepted), tuple(refused), submitted)


def _enter(game: Game, line: str) -> str | None:
    """Enter `line`; the engine's reason when it refuses it."""
    try:
        game.apply(line)
    except GameError as error:
        return str(error)
    return None


_SEAT_ACTIONS = (*PublicAction.__args__, *SecretOrder.__args__)
"""The classes of a seat's own actions (a tuple: `isinstance` with the union would build
the union of 18 classes at every call)."""


def _is_seat_action(line: str, seat: str) -> bool:
    try:
        parsed = parse_line(line)
    except OrderSyntaxError:
        return False
    return isinstance(parsed, _SEAT_ACTIONS) and parsed.seat == seat


def take_turn(game: Game, seat: str, bot: Bot) -> BotTurn:
    """The bot decides from `bot_view(game, seat)` and its lines are entered."""
    return apply_lines(game, seat, bot.decide(bot_view(game, seat)))


def bot_view(game: Game, seat: str) -> View:
    """What a bot at `seat` is given: the seat's view without its objectives list (a bot
    reads its objectives from the scenario it knows, `known_to`, and works out what holds
    itself), which spares the engine working them out at every decision."""
    return game.view_for(seat, objectives=False)


def play_game(
    scenario: Scenario,
    seed: int,
    levels: Mapping[str, str],
    *,
    game: Game | None = None,
) -> Game:
    """Play a game to its end with a bot at every seat (`levels`: seat → level).

    `game` continues a game already under way (a resumed save) instead of
    starting a new one.
    """
    game = game if game is not None else Game.start(scenario, seed)
    missing = [s for s in game.seats if s not in levels]
    if missing:
        raise ValueError(f"no bot level for {', '.join(missing)}")
    bots = {seat: make_bot(levels[seat], scenario, seat, seed) for seat in game.seats}
    return play_bots(game, bots)


def play_bots(game: Game, bots: Mapping[str, Bot], *, until_round: int | None = None) -> Game:
    """Play `game` on with `bots` (seat → bot) at every seat, to its end or, with
    `until_round`, until that many rounds are resolved.

    Each round every bot negotiates once, in seat order, then every bot enters
    and submits its orders, and the round is resolved.
    """
    while game.state.phase is not Phase.ENDED:
        if until_round is not None and game.resolved_rounds >= until_round:
            break
        if game.state.phase is Phase.NEGOTIATION:
            for seat in game.seats:
                take_turn(game, seat, bots[seat])
            game.begin_orders()
        for seat in game.seats:
            if seat not in game.submitted:
                take_turn(game, seat, bots[seat])
        game.resolve()
    return game
