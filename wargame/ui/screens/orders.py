"""One seat's order entry, behind the curtain.

It shows only that seat's view and its own pending orders. Orders can be
added (through forms, with the cost and the engine's reason for a refusal),
reviewed and removed until the seat submits.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, TabbedContent, TabPane
from textual.widgets.option_list import Option

from wargame.game import GameError
from wargame.ui.dialogs.choose import ChooseDialog
from wargame.ui.dialogs.confirm import ConfirmDialog
from wargame.ui.dialogs.form import FormDialog
from wargame.ui.forms import order_forms
from wargame.ui.screens.briefing import private_text
from wargame.ui.text import plain
from wargame.ui.widgets.items import TextPanel, drafts_text, guarantees_text


class OrdersScreen(Screen[None]):
    """Enter, review and submit one seat's sealed orders."""

    CSS_PATH = "orders.tcss"
    BINDINGS = [
        Binding("a", "add", "Add order"),
        Binding("d,delete", "remove", "Remove order"),
        Binding("s", "submit", "Submit orders"),
        Binding("h", "hide", "Hide"),
    ]

    def __init__(self, seat: str) -> None:
        super().__init__()
        self.seat = seat

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.app.session  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        s = self.session
        view = s.view(self.seat)
        scenario = s.game.scenario
        orders = s.orders(self.seat)
        yield Header()
        yield Label(
            plain(f"{s.seat_name(self.seat)}: orders for round {view.round}", "bold"), id="heading"
        )
        yield Label(plain(f"PC left after these orders: {s.pc_left(self.seat)}"), id="pc")
        with TabbedContent(id="tabs"):
            with TabPane("Your orders", id="tab-orders"):
                if not orders:
                    yield Label(
                        plain("No orders yet: press a to add one (no vote means absent).", "dim")
                    )
                yield OptionList(
                    *[
                        Option(plain(f"{i}. {order.text()}"), id=str(i))
                        for i, order in enumerate(orders, 1)
                    ],
                    id="order-list",
                )
            with TabPane("Board", id="tab-board"), VerticalScroll():
                yield TextPanel(drafts_text(view))
                yield TextPanel(guarantees_text(view))
            with TabPane("Your briefing", id="tab-private"), VerticalScroll():
                yield TextPanel(private_text(view, scenario))
        yield Footer()

    @work
    async def action_add(self) -> None:
        s = self.session
        forms = order_forms(s.view(self.seat), s.game.scenario, self.seat, s.orders(self.seat))
        key = await self.app.push_screen_wait(
            ChooseDialog("Add an order", [(f.key, f.title) for f in forms])
        )
        spec = next((f for f in forms if f.key == key), None)
        if spec is None:
            return

        def attempt(line: str) -> str | None:
            try:
                s.apply(line)
            except GameError as error:
                return str(error)
            return None

        def describe(line: str) -> str:
            price = s.cost(line)
            if price is None:
                return ""
            return f"(cost {price} PC; {s.pc_left(self.seat)} PC left before it)"

        if await self.app.push_screen_wait(FormDialog(spec, attempt, describe)) is not None:
            await self.recompose()

    async def action_remove(self) -> None:
        orders = self.query_one("#order-list", OptionList)
        if orders.highlighted is None or orders.option_count == 0:
            self.notify("Select an order to remove first.", severity="warning")
            return
        number = orders.highlighted + 1
        try:
            self.session.apply(f"{self.seat} retract {number}")
        except GameError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        await self.recompose()

    @work
    async def action_submit(self) -> None:
        s = self.session
        count = len(s.orders(self.seat))
        question = (
            f"Submit {count} order(s) for {s.seat_name(self.seat)}? "
            "They are sealed until resolution and cannot be changed."
        )
        if await self.app.push_screen_wait(ConfirmDialog(question, "Submit")):
            s.apply(f"{self.seat} submit")
            self.app.next_orders()  # type: ignore[attr-defined]

    def action_hide(self) -> None:
        self.app.next_orders()  # type: ignore[attr-defined]
