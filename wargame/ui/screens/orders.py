"""One seat's order entry, behind the curtain.

It shows only that seat's view and its own pending orders. Orders are added
through forms (with the cost, the PC left and the engine's reason for a
refusal), reviewed, edited (e or Enter: the order's form opens filled in) and
removed until the seat submits. Beside the forms, the order line takes an
order typed in the one-line syntax the briefings teach, with completion.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, OptionList, TabbedContent, TabPane
from textual.widgets.option_list import Option

from wargame.engine import View
from wargame.engine import orders as o
from wargame.game import GameError
from wargame.scenario.models import Scenario
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.forms import SAVE_ORDER, FormSpec, order_forms, order_values
from wargame.ui.screens.briefing import private_text
from wargame.ui.screens.game_screen import GameScreen
from wargame.ui.text import plain
from wargame.ui.widgets.items import TextPanel, drafts_text, guarantees_text
from wargame.ui.widgets.keybar import KeyBar
from wargame.ui.widgets.order_line import OrderSuggester, order_problem, seat_line
from wargame.ui.widgets.tracks import tracks_text


class OrdersScreen(GameScreen):
    """Enter, review, edit and submit one seat's sealed orders."""

    CSS_PATH = "orders.tcss"
    BINDINGS = [
        Binding("a", "add", "Add order"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "remove", "Remove"),
        Binding("s", "submit", "Submit"),
        Binding("l", "order_line", "Type an order"),
        Binding("h,escape", "hide", "Hide"),
        Binding("1", "tab('tab-orders')", "Orders tab", show=False),
        Binding("2", "tab('tab-board')", "Board tab", show=False),
        Binding("3", "tab('tab-private')", "Briefing tab", show=False),
    ]

    def __init__(self, seat: str) -> None:
        super().__init__()
        self.seat = seat
        self.tab = "tab-orders"

    def compose(self) -> ComposeResult:
        s = self.session
        view = s.view(self.seat)
        scenario = s.game.scenario
        count = len(s.orders(self.seat))
        yield Label(
            plain(f"{s.seat_name(self.seat)}: sealed orders for round {view.round}", "bold"),
            id="heading",
        )
        yield Label(self._pc_text(), id="pc")
        with TabbedContent(id="tabs", initial=self.tab):
            with TabPane("1 Your orders", id="tab-orders"):
                yield Label(self._hint_text(count), id="hint")
                yield OptionList(*self._order_options(), id="order-list")
                yield Label(
                    plain(
                        f"Order line (l): type an order as the briefing writes it, with or "
                        f"without {self.seat} first; → completes, Enter adds it."
                    ),
                    id="line-help",
                )
                yield Input(
                    placeholder="e.g. pass, or vote <draft> yes",
                    id="order-line",
                    suggester=OrderSuggester(self.seat, s.seats, self._state),
                    compact=True,
                )
                yield Label(plain(""), id="line-result")
            with TabPane("2 Board", id="tab-board"), VerticalScroll():
                yield TextPanel(tracks_text(view, scenario))
                yield Label(plain("Drafts", "bold underline"))
                yield TextPanel(drafts_text(view, scenario))
                yield Label(plain("Guarantees, peace terms and red lines", "bold underline"))
                yield TextPanel(guarantees_text(view, scenario))
            with TabPane("3 Your briefing", id="tab-private"), VerticalScroll():
                yield TextPanel(private_text(view, scenario))
        yield KeyBar()

    def _pc_text(self) -> Text:
        s = self.session
        pc = next(x.pc for x in s.view(self.seat).seats if x.id == self.seat)
        return plain(f"PC {pc} now, {s.pc_left(self.seat)} left after these orders")

    @staticmethod
    def _hint_text(count: int) -> Text:
        return plain(
            "No orders yet: a adds one through a form, l types one. A council member "
            "that gives no vote is absent."
            if not count
            else "Enter or e edits the highlighted order, d removes it, s submits them all."
        )

    def _order_options(self) -> list[Option]:
        s = self.session
        options = []
        for i, order in enumerate(s.orders(self.seat), 1):
            price = s.cost(order.text())
            label = plain(f"{i}. {order.text()}")
            label.append(f"   ({price} PC)" if price is not None else "")
            options.append(Option(label, id=str(i)))
        return options

    def on_mount(self) -> None:
        self.query_one("#order-list", OptionList).focus()

    def _state(self) -> tuple[View, Scenario]:
        return self.session.view(self.seat), self.session.game.scenario

    def action_order_line(self) -> None:
        self.action_tab("tab-orders")
        self.query_one("#order-line", Input).focus()

    @on(Input.Submitted, "#order-line")
    async def _typed(self, event: Input.Submitted) -> None:
        """Add the typed order, or show the engine's reason and keep the text to fix."""
        text = event.value.strip()
        if not text:
            return
        result = self.query_one("#line-result", Label)
        line = seat_line(self.seat, text, self.session.seats)
        note = self._describe(line)
        reason = order_problem(line) or self.session.why_not(self.seat, line) or self._attempt(line)
        if reason is not None:
            result.update(plain(f"Refused: {reason}", "bold"))
            return
        event.input.value = ""
        result.update(plain(f"Added: {line} {note}".rstrip()))
        await self._redraw(focus="#order-line")

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        self.tab = tab

    async def _redraw(self, focus: str = "#order-list") -> None:
        """Show the orders as they are now (in place: no recompose); focus `focus`."""
        options = self._order_options()
        self.query_one("#pc", Label).update(self._pc_text())
        self.query_one("#hint", Label).update(self._hint_text(len(options)))
        orders = self.query_one("#order-list", OptionList)
        highlighted = orders.highlighted
        orders.clear_options()
        orders.add_options(options)
        if options:
            orders.highlighted = min(highlighted or 0, len(options) - 1)
        self.action_tab("tab-orders")
        self.query_one(focus).focus()

    def _attempt(self, line: str) -> str | None:
        try:
            self.session.apply(line)
        except GameError as error:
            return str(error)
        return None

    def _describe(self, line: str) -> str:
        s = self.session
        price = s.cost(line)
        if price is None:
            return ""
        left = s.pc_left(self.seat)
        return f"(costs {price} PC: {left} PC left now, {left - price} after it)"

    def _forms(self) -> list[FormSpec]:
        s = self.session
        return order_forms(s.view(self.seat), s.game.scenario, self.seat, s.orders(self.seat))

    @work(exclusive=True, group="orders")
    async def action_add(self) -> None:
        forms = self._forms()
        key = await self.app.push_screen_wait(
            ChooseDialog(
                "Add an order (sealed until resolution)", [(f.key, f.title) for f in forms]
            )
        )
        spec = next((f for f in forms if f.key == key), None)
        if spec is None:
            return
        if await self.app.push_screen_wait(FormDialog(spec, self._attempt, self._describe)):
            await self._redraw()

    def _highlighted(self) -> int | None:
        """The number (1-based) of the highlighted order, or None."""
        orders = self.query_one("#order-list", OptionList)
        if orders.highlighted is None or orders.option_count == 0:
            return None
        return orders.highlighted + 1

    @on(OptionList.OptionSelected, "#order-list")
    def _selected(self) -> None:
        self.action_edit()

    @work(exclusive=True, group="orders")
    async def action_edit(self) -> None:
        """Edit = remove the order, open its form filled in, add the result (at the end)."""
        number = self._highlighted()
        if number is None:
            self.notify("Highlight an order to edit first (a adds one).")
            return
        s = self.session
        old = s.orders(self.seat)[number - 1].text()
        found = order_values(s.orders(self.seat)[number - 1])
        if found is None:
            self.notify("This order cannot be edited: remove it and add it again.")
            return
        key, values = found
        try:
            s.apply(o.Retract(self.seat, number).text())
        except GameError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        spec = next((f for f in self._forms() if f.key == key), None)
        line = None
        if spec is not None:
            spec = replace(spec, title=f"Edit order: {spec.title}", verb=SAVE_ORDER)
            line = await self.app.push_screen_wait(
                FormDialog(spec, self._attempt, self._describe, values=values)
            )
        if line is None:  # backed out: the order goes back as it was
            reason = self._attempt(old)
            if reason is not None:
                self.notify(f"The old order was lost: {reason}", severity="error", markup=False)
        await self._redraw()

    async def action_remove(self) -> None:
        number = self._highlighted()
        if number is None:
            self.notify("Highlight an order to remove first.")
            return
        try:
            self.session.apply(o.Retract(self.seat, number).text())
        except GameError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        await self._redraw()

    @work(exclusive=True, group="orders")
    async def action_submit(self) -> None:
        s = self.session
        count = len(s.orders(self.seat))
        question = (
            f"Submit {count} order{'s' if count != 1 else ''} for {s.seat_name(self.seat)}? "
            "They are sealed until resolution and cannot be changed."
        )
        if not count:
            question += " With no order the seat does nothing (and does not vote)."
        if await self.app.push_screen_wait(ConfirmDialog(question, "Submit")):
            s.apply(o.Submit(self.seat).text())
            self.post_message(self.NextOrders())

    def action_hide(self) -> None:
        """Hide the orders (they stay pending) and go back to the curtain.

        Escape in the order line only leaves the line (back to the list): a player
        stepping out of a text field does not expect the curtain to fall.
        """
        if self.focused is self.query_one("#order-line", Input):
            self.query_one("#order-list", OptionList).focus()
            return
        self.post_message(self.NextOrders())
