"""A small dialog: which protocol does your school use?"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from smassist.core.models import Protocol


class ChooseProtocolScreen(ModalScreen[str | None]):
    CSS_PATH = "choose_protocol.tcss"
    BINDINGS = [Binding("escape", "cancel", "Annuleren")]

    def __init__(self, protocols: list[Protocol], current: str | None, values: dict[str, str]) -> None:
        super().__init__()
        self.protocols = protocols
        self.current = current
        self.values = values

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Welk protocol gebruikt je school?", id="dialog-title")
            yield OptionList(*(
                Option(Content.assemble((p.organisation, "bold"), "\n", (p.fill(p.title, self.values), "dim")), id=p.id)
                for p in self.protocols
            ), id="choices", markup=False)
            yield Static("Enter: kiezen · Escape: annuleren", classes="dim")

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        ids = [p.id for p in self.protocols]
        choices.highlighted = ids.index(self.current) if self.current in ids else 0
        choices.focus()

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
