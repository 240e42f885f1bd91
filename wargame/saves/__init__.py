"""Saves: the TOML save format, writing without loss, loading by replay, listing, forks.

    data = save_bytes(game, meta, updated=now)        # pure, deterministic
    session = SaveSession.create(folder, meta, scenario.id)   # or .open(path, meta)
    error = session.write(game)                       # after every accepted action
    loaded = load_save(path, force=False)             # LoadedSave(game, meta, warnings, ...)

The names below are imported on first use, so that `wargame play` can parse
its options (`wargame.saves.options`) without loading the engine and pydantic
before the first screen is drawn. See docs/DECISIONS.md, "Saves".
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wargame.saves.format import (
        FORMAT,
        Control,
        SaveDocument,
        SaveFork,
        SaveMeta,
        SaveSeat,
        default_seats,
        override_entry,
        save_bytes,
        scenario_source,
    )
    from wargame.saves.listing import SaveSummary, list_saves, newest_save
    from wargame.saves.load import (
        MIGRATIONS,
        LoadedSave,
        load_save,
        load_save_bytes,
        read_save,
    )
    from wargame.saves.store import (
        SaveInterrupted,
        SaveLocked,
        SaveSession,
        atomic_write,
        cleanup_temps,
        default_saves_dir,
    )

_WHERE = {
    "format": (
        "FORMAT Control SaveDocument SaveFork SaveMeta SaveSeat default_seats override_entry "
        "save_bytes scenario_source"
    ),
    "listing": "SaveSummary list_saves newest_save",
    "load": "MIGRATIONS LoadedSave load_save load_save_bytes read_save",
    "store": (
        "SaveInterrupted SaveLocked SaveSession atomic_write cleanup_temps default_saves_dir"
    ),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names.split()}

__all__ = [
    "FORMAT",
    "MIGRATIONS",
    "Control",
    "LoadedSave",
    "SaveDocument",
    "SaveFork",
    "SaveInterrupted",
    "SaveLocked",
    "SaveMeta",
    "SaveSeat",
    "SaveSession",
    "SaveSummary",
    "atomic_write",
    "cleanup_temps",
    "default_saves_dir",
    "default_seats",
    "list_saves",
    "load_save",
    "load_save_bytes",
    "newest_save",
    "override_entry",
    "read_save",
    "save_bytes",
    "scenario_source",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'wargame.saves' has no attribute {name!r}")
    return getattr(importlib.import_module(f"wargame.saves.{module}"), name)
