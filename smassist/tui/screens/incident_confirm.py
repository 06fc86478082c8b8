"""A yes/no question before something that cannot be undone (deleting, purging incidents).

"Annuleren" has the focus, so Enter alone never deletes; `j` or the button
"Verwijderen" confirms, `n` or Escape cancels.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from smassist.tui.bars import KeysBar
from smassist.tui.styled_once import StyledOnce


class IncidentConfirmScreen(StyledOnce, ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Annuleren"),
        # not in the footer: the button names what "j" does here (verwijderen, weggooien, opruimen)
        Binding("j", "answer(True)", "Ja", show=False),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Verwijderen") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(Content.styled(self.question, "bold"), id="confirm-question")
            if self.detail:
                yield Static(Content(self.detail), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button("Annuleren", id="no")
                yield Button(f"{self.yes} (j)", id="yes", variant="error")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
