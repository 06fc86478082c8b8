"""Every ruling of a protocol under review in one list: pick the one to look at or change."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from smassist.core.importing.draft import situation
from smassist.core.importing.review import ReviewFile
from smassist.core.models import UNREVIEWED
from smassist.tui.styled_once import StyledOnce

ONLY_TODO = "todo"
# in words, never by colour alone
STATE_LABELS = {"same": ("gelijk overgenomen", "dim"), "reviewed": ("nagekeken", "$text-success"),
                "changed": ("na te kijken: verschil", "bold $warning"), "open": ("na te kijken: geen basis", "bold $warning")}


class RulingListScreen(StyledOnce, ModalScreen[str | None]):
    """Dismissed with 'tree/outcome' of the chosen ruling, ONLY_TODO, or None (Escape)."""

    BINDINGS = [Binding("escape", "cancel", "Terug")]

    def __init__(self, review: ReviewFile, trees: dict, current: tuple[str, str] | None) -> None:
        super().__init__()
        self.review = review
        self.trees = trees
        self.current = current

    def compose(self) -> ComposeResult:
        entries = self.review.todo(everything=True)
        left = sum(self.review.state(*key) in UNREVIEWED for key in entries)
        options = [Option(Content.styled(f"Alleen wat nog na te kijken is ({left})", "bold"), id=ONLY_TODO)]
        for tree_id, outcome in entries:
            tree = self.trees.get(tree_id)
            label, style = STATE_LABELS.get(self.review.state(tree_id, outcome) or "", ("", ""))
            # a ruling written by hand (no review record) has no state to name
            options.append(Option(Content.assemble((label, style), " · " if label else "", situation(tree, outcome) if tree else tree_id),
                                  id=f"{tree_id}/{outcome}"))
        with Vertical(id="dialog"):
            yield Static(Content.assemble(("Alle uitspraken", "bold"), (f"  {len(entries)} · Enter: bekijken · Escape: terug", "dim")),
                         id="dialog-title")
            yield OptionList(*options, id="rulings", markup=False)

    def on_mount(self) -> None:
        rulings = self.query_one("#rulings", OptionList)
        if self.current is not None:
            rulings.highlighted = rulings.get_option_index("/".join(self.current))
        rulings.focus()

    @on(OptionList.OptionSelected, "#rulings")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
