"""Computer players. A bot plays one seat, deciding from what that seat knows.

What a bot is given is all it can read: `known_to(scenario, seat)` (the scenario
with the other seats' secrets taken out) when it is made, and `bot_view(game,
seat)` (the seat's view, its objectives list left out) each time it decides. `take_turn` is the one place a game asks a bot for its
lines and enters them; simulations, the TUI's bot seats and tests all use it.
"""

from wargame.bots.base import LEVELS, Bot, BotMaker, known_to, level_names, make_bot
from wargame.bots.turn import BotTurn, apply_lines, bot_view, play_bots, play_game, take_turn

__all__ = [
    "LEVELS",
    "Bot",
    "BotMaker",
    "BotTurn",
    "apply_lines",
    "bot_view",
    "known_to",
    "level_names",
    "make_bot",
    "play_bots",
    "play_game",
    "take_turn",
]
