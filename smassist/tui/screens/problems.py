"""Problems in the data: every broken file with its line and what to do; the rest keeps working."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from smassist.core.catalog import Catalog
from smassist.core.problems import count_problems
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce


class ProblemsScreen(StyledOnce, Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Terug")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        problems = self.catalog.problems
        yield TitleBar()
        with VerticalScroll(id="problems"):
            yield Static(Content(
                f"{count_problems(len(problems))} in de gegevens. "
                "Bestanden met een fout zijn weggelaten; de rest werkt gewoon. "
                "Controleer alles met: smassist validate"), id="intro")
            for problem in problems:
                yield Static(Content(str(problem)), classes="problem")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Problemen in de gegevens"
        self.query_one("#problems").focus()
