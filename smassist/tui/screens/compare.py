"""Compare: the same answers walked through every protocol, one line per protocol.

Each row is the walk replayed with another protocol (`Walk.from_dict` +
`fast_forward`), so the verdicts come from the core. A protocol that needs one
more question (because under it that question matters) says so; Enter asks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from smassist.core.answer_export import CONCEPT_MARK
from smassist.core.compare import comparable, left_out_line
from smassist.core.models import Protocol
from smassist.core.walk import Result, Walk, WalkError
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce


@dataclass
class Row:
    protocol: Protocol
    walk: Walk | None
    result: Result | None
    message: str  # why there is no result, when there is none


def replay(walk: Walk, protocol: Protocol, trees, protocols) -> Row:
    """The same answers under another protocol (the core decides; this only asks it)."""
    data = dict(walk.to_dict(), protocol=protocol.id)
    try:
        other = Walk.from_dict(data, trees, protocols)
        other.fast_forward()
        if not other.finished:
            return Row(protocol, other, None, f"Nog een vraag nodig: {other.question_text()}")
        return Row(protocol, other, other.result(), "")
    except WalkError as exc:
        return Row(protocol, None, None, f"Geen uitspraak: {exc}")


class CompareScreen(StyledOnce, Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug"),
        Binding("o", "app.topics", "Onderwerpen"),
        Binding("n", "side_by_side", "Naast elkaar", tooltip="Alle protocollen naast elkaar, de verschillen gemarkeerd"),
    ]

    def __init__(self, walk: Walk) -> None:
        super().__init__()
        self.walk = walk
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="intro")
        yield OptionList(id="rows", markup=False)
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Vergelijken"
        catalog = self.app.catalog
        walk = self.walk
        usable, left_out = comparable(catalog, walk.tree)
        self.query_one("#intro", Static).update(Content.assemble(
            (walk.tree.title, "bold"),
            ": dezelfde antwoorden in elk protocol. Enter toont het hele antwoord.",
            *([("\n" + left_out_line(left_out), "italic")] if left_out else [])))
        mine = walk.protocol.id
        protocols = sorted(usable, key=lambda p: (p.id != mine, p.organisation.casefold()))
        self.rows = [replay(walk, p, catalog.trees, catalog.protocols) for p in protocols]
        rows = self.query_one("#rows", OptionList)
        for row in self.rows:
            rows.add_option(Option(self.prompt(row, mine), id=row.protocol.id))
            rows.add_option(None)
        rows.highlighted = 0
        rows.focus()

    def prompt(self, row: Row, mine: str) -> Content:
        protocol = row.protocol
        values = self.app.profile_values
        title = Content.styled(protocol.organisation, "bold")
        if protocol.id == mine:
            title += Content.styled("  (jouw protocol)", "italic")
        if protocol.is_draft:
            title += Content.styled(f"  ⚠ {CONCEPT_MARK}", "italic")
        if row.result is None:
            return Content.assemble(title, "\n  ", (row.message, "italic"))
        ruling = row.result.ruling
        articles = ", ".join(c.article.reference for c in row.result.citations) or "geen artikel"
        return Content.assemble(
            title, "\n  ", (ruling.verdict.display, "bold"), f" · {articles}",
            "\n  ", protocol.fill(ruling.answer, values))

    def action_side_by_side(self) -> None:
        from smassist.tui.screens.compare_all import CompareAllScreen

        walk = self.walk
        self.app.push_screen(CompareAllScreen(walk.tree, walk.role, walk.answers, walk.inputs, mine=walk.protocol.id))

    @on(OptionList.OptionSelected, "#rows")
    def row_selected(self, event: OptionList.OptionSelected) -> None:
        from smassist.tui.screens.answer import AnswerScreen
        from smassist.tui.screens.question import QuestionScreen

        row = next(r for r in self.rows if r.protocol.id == event.option_id)
        if row.result is not None:
            self.app.push_screen(AnswerScreen(row.result, row.walk, comparing=True))
        elif row.walk is not None:
            self.app.push_screen(QuestionScreen(row.walk, comparing=True))
        else:
            self.notify(row.message, severity="warning")
