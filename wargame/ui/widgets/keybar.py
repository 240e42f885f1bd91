"""The keys of the screen in one line at the bottom: a light footer.

Textual's `Footer` mounts one widget per key and rebuilds them all whenever
the bindings change (each focus change): about 90 ms per screen on a slow
machine, most of a screen switch. This bar is one widget that renders the
same keys as text, styled with the theme's footer colours, and still takes
clicks: a click on a key presses it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


class KeyBar(Widget):
    """Every shown binding of the screen: key, then description; click to press."""

    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-description-foreground;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--disabled { text-style: dim; }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._spans: list[tuple[int, int, str, bool]] = []
        """(start, end, key, enabled) of each key drawn, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def keys(self) -> list[tuple[Binding, bool]]:
        """The bindings shown: one per action, the command palette's last."""
        seen: set[str] = set()
        shown: list[tuple[Binding, bool]] = []
        palette: tuple[Binding, bool] | None = None
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.action == "command_palette":
                palette = (binding, active.enabled)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append((binding, active.enabled))
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            shown.append(palette)
        return shown

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")
        out = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for binding, enabled in self.keys():
            start = out.cell_len
            out.append(f" {self.app.get_key_display(binding)} ", key_style)
            out.append(f"{binding.description} ", text_style)
            if not enabled:
                out.stylize(dim, start)
            self._spans.append((start, out.cell_len, binding.key.split(",")[0], enabled))
        return out

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
