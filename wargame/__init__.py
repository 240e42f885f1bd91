"""wargame: a terminal tabletop wargame about peacekeeping and security guarantees for Ukraine."""

__version__ = "0.1.0"
