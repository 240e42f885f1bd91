"""Copying the engine's frozen records, without `dataclasses.replace`'s cost.

The engine builds every new state and record by copy (`GameState`, `TabledDraft`,
`Pledge`, ...: frozen dataclasses with slots). `dataclasses.replace` walks the class's
fields and calls the generated `__init__`, which sets each field through
`object.__setattr__`: about 57,000 instructions for a `GameState` (19 fields), which
resolution, entering actions and the briefing copy some 50 times a flagship game.
`replace` here reads every field at once (`operator.attrgetter`) and sets each slot
through its own descriptor, bound once per class: about 25,000.

Both are exact only for a class with slots whose fields are all `init` fields and that
has no `__post_init__` (nothing runs in `__init__` but setting the fields): every record
of the engine's state. Any other class goes to `dataclasses.replace`. (Making a record
this way costs about what its `__init__` does: the saving is `replace`'s own walk over
the fields. Python source built for each class, as `dataclasses` builds `__init__`,
would save a third more, but the engine compiles no source: `tests/test_purity.py`.)
"""

from __future__ import annotations

import dataclasses
import operator
import types
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class _Plain:
    """How to read and set the fields of one plain record class (see the module)."""

    __slots__ = ("fields", "index", "kind", "read", "setters")

    def __init__(self, kind: type[Any], slots: list[types.MemberDescriptorType]) -> None:
        self.kind = kind
        self.fields = tuple(f.name for f in dataclasses.fields(kind))
        self.index = {name: i for i, name in enumerate(self.fields)}
        read = operator.attrgetter(*self.fields)
        self.read: Callable[[Any], tuple[Any, ...]] = (
            read if len(self.fields) > 1 else (lambda record: (read(record),))
        )
        self.setters = tuple(slot.__set__ for slot in slots)

    def made(self, values: list[Any] | tuple[Any, ...]) -> Any:
        """A record holding `values`, in field order."""
        made = object.__new__(self.kind)
        for set_slot, value in zip(self.setters, values, strict=True):
            set_slot(made, value)
        return made


_PLAIN: dict[type[Any], _Plain | None] = {}
"""A record class -> how to copy it, or None: not plain (classes are few and live as long
as the program)."""


def _plain(kind: type[Any]) -> _Plain | None:
    if kind in _PLAIN:
        return _PLAIN[kind]
    fields = dataclasses.fields(kind)
    slots = [_slot(kind, f.name) for f in fields]
    found = None
    if fields and not hasattr(kind, "__post_init__") and all(f.init for f in fields):
        present = [slot for slot in slots if slot is not None]
        if len(present) == len(slots):
            found = _Plain(kind, present)
    _PLAIN[kind] = found
    return found


def replace(record: T, /, **changes: Any) -> T:
    """`dataclasses.replace(record, **changes)`: a copy of the frozen record with
    `changes` (TypeError for a name that is not a field, as there)."""
    kind = type(record)
    plain = _PLAIN[kind] if kind in _PLAIN else _plain(kind)
    if plain is None:
        return dataclasses.replace(record, **changes)  # type: ignore[type-var]
    if not changes:
        copied: T = plain.made(plain.read(record))
        return copied
    values = list(plain.read(record))
    index = plain.index
    for name, value in changes.items():
        at = index.get(name)
        if at is None:
            raise TypeError(f"{kind.__name__} has no field {name!r} to replace")
        values[at] = value
    made: T = plain.made(values)
    return made


def _slot(kind: type[Any], name: str) -> types.MemberDescriptorType | None:
    """The slot that holds field `name` of `kind` (its own or a base class's), or None."""
    for klass in kind.__mro__:
        found = klass.__dict__.get(name)
        if found is not None:
            return found if isinstance(found, types.MemberDescriptorType) else None
    return None
