"""The rules engine: pure, deterministic, no I/O, no clock, no global random.

state = new_game(scenario)
state, events = act(state, parse_action('fr table pk'))      # public, at once
state = begin_orders(state)
state, events = resolve_round(state, {"fr": [...], ...}, random.Random(seed))
view_for(state, "fr", events)                                  # what France may see
"""

from wargame.engine.acts import act, new_game, start
from wargame.engine.checks import IllegalAction
from wargame.engine.events import Event, EventKind
from wargame.engine.grammar import can, check, cost, is_public, is_secret, require
from wargame.engine.orders import Action, Line, OrderSyntaxError, parse_action, parse_line
from wargame.engine.resolve import begin_orders, resolve_round
from wargame.engine.rules import Rules
from wargame.engine.scoring import scores
from wargame.engine.state import RULES_VERSION, GameState, Outcome, Phase, state_hash
from wargame.engine.view import View, view_for

__all__ = [
    "RULES_VERSION",
    "Action",
    "Event",
    "EventKind",
    "GameState",
    "IllegalAction",
    "Line",
    "OrderSyntaxError",
    "Outcome",
    "Phase",
    "Rules",
    "View",
    "act",
    "begin_orders",
    "can",
    "check",
    "cost",
    "is_public",
    "is_secret",
    "new_game",
    "parse_action",
    "parse_line",
    "require",
    "resolve_round",
    "scores",
    "start",
    "state_hash",
    "view_for",
]
