"""Helpers for driving the app with Pilot and reading what it shows."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, RichLog, Select, Static

from wargame.ui.app import WargameApp


def make_app(scenario: str, tmp_path: Path) -> WargameApp:
    return WargameApp(scenario, save_dir=tmp_path / "saves")


def screen_text(app: App[object]) -> str:
    """What the terminal shows now (the top screen over the ones beneath it)."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        record=True,
        color_system=None,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def _plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    if value is None:
        return ""
    plain = getattr(value, "plain", None)
    return plain if isinstance(plain, str) else str(value)


def widget_text(widget: Widget) -> Iterable[str]:
    """Everything a widget holds as text, shown or scrolled away or in a hidden tab."""
    if isinstance(widget, Static):
        yield _plain(widget.content)
    if isinstance(widget, OptionList):
        for option in widget.options:
            yield _plain(option.prompt)
    if isinstance(widget, DataTable):
        for row in range(widget.row_count):
            yield " ".join(_plain(cell) for cell in widget.get_row_at(row))
    if isinstance(widget, RichLog):
        for line in widget.lines:
            yield line.text
        for deferred in getattr(widget, "_deferred_renders", ()):
            yield _plain(deferred.content)
    if isinstance(widget, Input):
        yield widget.value
        yield _plain(widget.placeholder)
    if isinstance(widget, Select):
        for prompt, _ in widget._options:
            yield _plain(prompt)


def all_text(app: App[object]) -> str:
    """The screen as shown, plus every widget's text on every screen of the stack,
    plus the notifications: a secret anywhere in here could reach the room."""
    parts = [screen_text(app)]
    for screen in app.screen_stack:
        for widget in screen.walk_children(with_self=True):
            parts.extend(widget_text(widget))
    parts.extend(n.message for n in app._notifications)
    return "\n".join(parts)


def squeeze(text: str) -> str:
    """Text without whitespace, so a wrapped line still matches its needle."""
    return "".join(text.split())


def contains(haystack: str, needle: str) -> bool:
    return needle in haystack or squeeze(needle) in squeeze(haystack)


async def press(pilot: Pilot[object], *keys: str) -> None:
    """Press keys one at a time, each handled before the next."""
    for key in keys:
        await pilot.press(key)


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Type into the focused input (a real keyboard's characters)."""
    await pilot.press(*list(text))
    await pilot.pause()


async def settled_start(pilot: Pilot[object]) -> None:
    """Let the start screen finish what it does after its first frame (the rest of the
    form, the scenario's validation, the bot levels): bounded turns of the event loop,
    waiting on its state rather than on a number of pauses."""
    from wargame.ui.screens.start import StartScreen

    for _ in range(200):
        screen = pilot.app.screen
        if not isinstance(screen, StartScreen):
            return
        if screen.levels and screen.form_shown:
            await pilot.pause()  # the rows drawn with the levels offered
            return
        await pilot.pause()
    raise AssertionError("the start screen never finished after its first frame")
