"""A form that builds one action line and shows the engine's verdict on it.

The dialog stays open when the engine refuses the line, showing the reason,
so the player can fix it; it returns the accepted line, or None on Escape.
The fields scroll; the preview, the verdict and the buttons stay in sight.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from wargame.control_chars import WITHOUT_CONTROL, visible
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.forms import FieldSpec, FormError, FormSpec, Kind
from wargame.ui.text import plain
from wargame.ui.widgets.keybar import KeyBar


class FormDialog(ModalScreen[str | None]):
    """Fill in a `FormSpec`; `attempt(line)` returns the refusal reason or None."""

    CSS_PATH = "form.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Back"),
        Binding("ctrl+s", "submit", "Submit"),
    ]

    def __init__(
        self,
        spec: FormSpec,
        attempt: Callable[[str], str | None],
        describe: Callable[[str], str] | None = None,
        values: Mapping[str, str] | None = None,
    ) -> None:
        """`values` prefills fields by name (to edit an order); `describe(line)` adds a note."""
        super().__init__()
        self.spec = spec
        self.attempt = attempt
        self.describe = describe
        self.values = dict(values or {})
        self.busy = False

    def _field(self, field: FieldSpec) -> Select[str] | Input:
        wid = f"field-{field.name}"
        value = self.values.get(field.name, field.default)
        if field.kind is Kind.SELECT:
            options = [(plain(c.label), c.value) for c in field.choices]
            legal = {c.value for c in field.choices}
            if value not in legal and len(options) == 1 and not field.optional:
                value = options[0][1]
            return Select(
                options,
                id=wid,
                prompt="(none available)" if not options else "Choose… (Enter opens the list)",
                allow_blank=True,
                value=value if value in legal else Select.NULL,
                compact=True,
            )
        return Input(
            restrict=WITHOUT_CONTROL,
            value=visible(value),  # an order from an old save may hold an escape: show it inert
            placeholder="optional" if field.optional else "type here",
            id=wid,
            type="integer" if field.kind is Kind.NUMBER else "text",
            compact=True,
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(self.spec.title, "bold"), id="title")
            if self.spec.help:
                yield Label(plain(self.spec.help), id="help")
            with VerticalScroll(id="fields"):
                for field in self.spec.fields:
                    yield Label(plain(field.label, "bold"), classes="field-label")
                    yield self._field(field)
                    if field.help and field.kind is not Kind.SELECT:
                        yield Label(plain(field.help), classes="field-help")
                if not self.spec.fields:
                    yield Label(plain("Nothing to fill in."), classes="field-help")
            yield Label(plain(""), id="preview")
            yield Label(plain(""), id="error")
            with Horizontal(id="buttons"):
                yield Button(plain(self.spec.verb), variant="primary", id="submit", compact=True)
                yield Button(plain("Back"), id="cancel", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self._refresh_preview()
        answers = self.answers()
        empty = [
            self.query_one(f"#field-{f.name}")
            for f in self.spec.fields
            if not answers.get(f.name) and not f.optional
        ]
        fields = list(self.query("#fields Input, #fields Select"))
        (empty or fields or [self.query_one("#submit", Button)])[0].focus()

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
        text = f"{self.spec.verb}: {line}"
        if self.describe is not None:
            text += f"   {self.describe(line)}"
        preview.update(plain(text))

    @on(Input.Submitted)
    def _enter_in_field(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; in the last field it submits."""
        fields = list(self.query("#fields Input, #fields Select"))
        if event.input in fields and fields.index(event.input) < len(fields) - 1:
            self.focus_next()
        else:
            self.action_submit()

    def _show_error(self, text: str) -> None:
        self.query_one("#error", Label).update(plain(text, "bold"))

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        if not self.busy:
            self._submit()

    @work(exclusive=True)
    async def _submit(self) -> None:
        try:
            line = self._line()
        except FormError as problem:
            self._show_error(f"Not ready: {problem}.")
            return
        self.busy = True
        try:
            if self.spec.confirm and not await self.app.push_screen_wait(
                ConfirmDialog(f"{self.spec.confirm}\n\n{line}", self.spec.verb)
            ):
                return
            reason = self.attempt(line)
        finally:
            self.busy = False
        if reason is not None:
            self._show_error(f"Refused: {reason}")
            return
        self.dismiss(line)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
