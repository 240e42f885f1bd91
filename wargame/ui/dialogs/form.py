"""A form that builds one action line and shows the engine's verdict on it.

The dialog stays open when the engine refuses the line, showing the reason,
so the player can fix it; it returns the accepted line, or None on Escape.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from wargame.ui.forms import FormError, FormSpec, Kind
from wargame.ui.text import plain


class FormDialog(ModalScreen[str | None]):
    """Fill in a `FormSpec`; `attempt(line)` returns the refusal reason or None."""

    CSS_PATH = "form.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back"), Binding("ctrl+s", "submit", "Add")]

    def __init__(
        self,
        spec: FormSpec,
        attempt: Callable[[str], str | None],
        describe: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self.spec = spec
        self.attempt = attempt
        self.describe = describe

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Label(plain(self.spec.title, "bold"), id="title")
            yield Label(plain(self.spec.help), id="help")
            for field in self.spec.fields:
                yield Label(plain(field.label), classes="field-label")
                if field.kind is Kind.SELECT:
                    options = [(plain(c.label), c.value) for c in field.choices]
                    yield Select(
                        options,
                        id=f"field-{field.name}",
                        prompt="(none available)" if not options else "Choose…",
                        allow_blank=True,
                    )
                else:
                    yield Input(
                        value=field.default,
                        placeholder=field.help or ("optional" if field.optional else ""),
                        id=f"field-{field.name}",
                        type="integer" if field.kind is Kind.NUMBER else "text",
                    )
                if field.help and field.kind is not Kind.SELECT:
                    yield Label(plain(field.help, "dim"), classes="field-help")
            yield Label(plain(""), id="preview")
            yield Label(plain(""), id="error")
            with Horizontal(id="buttons"):
                yield Button(plain("Add"), variant="primary", id="submit")
                yield Button(plain("Back"), id="cancel")

    def on_mount(self) -> None:
        self._refresh_preview()

    def answers(self) -> dict[str, str]:
        """The fields' current values, as text."""
        out: dict[str, str] = {}
        for field in self.spec.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Select):
                value = widget.value
                out[field.name] = "" if value is Select.NULL else str(value)
            elif isinstance(widget, Input):
                out[field.name] = widget.value
        return out

    def _line(self) -> str:
        return self.spec.build(self.answers())

    @on(Input.Changed)
    @on(Select.Changed)
    def _refresh_preview(self) -> None:
        preview = self.query_one("#preview", Label)
        try:
            line = self._line()
        except FormError:
            preview.update(plain(""))
            return
        text = f"Order: {line}"
        if self.describe is not None:
            text += f"   {self.describe(line)}"
        preview.update(plain(text, "dim"))

    @on(Button.Pressed, "#submit")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        error = self.query_one("#error", Label)
        try:
            line = self._line()
        except FormError as problem:
            error.update(plain(str(problem), "bold red"))
            return
        reason = self.attempt(line)
        if reason is not None:
            error.update(plain(f"Refused: {reason}", "bold red"))
            return
        self.dismiss(line)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
