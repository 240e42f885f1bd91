"""UI tests: Pilot drives the app headless; animations off so screens settle fast."""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
