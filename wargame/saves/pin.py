"""The facilitator's PIN: a salted scrypt hash in the save, never the PIN itself.

A PIN is 4 to 12 digits. It keeps the facilitator's desk (ratings of sealed
arguments, every act) and the replay's omniscient view (every seat's sealed
orders, secret objectives) from a player who sits down at the keyboard; it is
not encryption: the save itself is plain text and holds every secret.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from wargame.saves.format import SavePin

MIN_DIGITS = 4
MAX_DIGITS = 12
_SCRYPT = {"n": 1 << 14, "r": 8, "p": 1, "dklen": 32}
"""About 16 MiB and a few tens of milliseconds per try: slow to guess by the million."""


def pin_problem(pin: str) -> str | None:
    """Why this text cannot be a PIN, or None."""
    if not (pin.isascii() and pin.isdigit()) or not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits"
    return None


def _digest(pin: str, salt: bytes) -> str:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, **_SCRYPT).hex()


def hash_pin(pin: str, salt: bytes | None = None) -> SavePin:
    """The stored form of a PIN (a fresh random salt unless one is given)."""
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = os.urandom(16) if salt is None else salt
    return SavePin(salt=salt.hex(), hash=_digest(pin, salt))


def pin_matches(pin: str, stored: SavePin) -> bool:
    """Whether `pin` is the PIN `stored` was made from (compared in constant time)."""
    if pin_problem(pin) is not None:
        return False
    return hmac.compare_digest(_digest(pin, bytes.fromhex(stored.salt)), stored.hash)


__all__ = ["MAX_DIGITS", "MIN_DIGITS", "hash_pin", "pin_matches", "pin_problem"]
