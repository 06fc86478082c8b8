"""Compare all: one situation in every protocol, side by side, with the differences marked.

The rows come from `smassist.core.compare.compare` (the same answers walked
under each protocol) and the marks from `compare.deviating`; this screen only
lays them out. A protocol whose verdict differs from the most common one gets
"≠ wijkt af" in words, never only a colour. Left/Right (or Tab) move between
the protocols; Enter opens that protocol's whole answer with its articles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from smassist.core.answer_export import CONCEPT_MARK
from smassist.core.compare import Comparison, comparable, compare, deviating, differs, left_out_line
from smassist.core.models import Tree
from smassist.core.quiz import situation_lines
from smassist.core.roles import ROLES
from smassist.core.verdicts import Verdict
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce

DIFFERS_MARK = "≠ wijkt af"
SAME_MARK = "= zoals de meeste"


class ColumnsRow(HorizontalScroll, inherit_bindings=False, can_focus=False):
    """The protocols side by side; scrolls sideways, but the arrow keys move between columns (the screen's)."""


MAX_WORD = 30  # a longer "word" (a URL) may still wrap inside it


class ProtocolColumn(Static, can_focus=True):
    """One protocol's verdict, articles and short answer; Enter opens the whole answer."""

    @dataclass
    class Open(Message):
        protocol: str

    def __init__(self, row: Comparison, content: Content, *, deviates: bool) -> None:
        classes = "column" + (" -deviates" if deviates else "") + ("" if row.result else " -open")
        super().__init__(content, classes=classes, id=f"col-{row.protocol.id}")
        self.row = row
        self.deviates = deviates
        # Never break a word: a column is at least as wide as its longest word (plus its border);
        # where five such columns do not fit, the row scrolls sideways.
        longest = max((len(word) for word in content.plain.split()), default=0)
        self.least = min(longest, MAX_WORD) + 2

    def on_click(self) -> None:
        self.post_message(self.Open(self.row.protocol.id))


class CompareAllScreen(StyledOnce, Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug"),
        Binding("enter", "open", "Hele antwoord", tooltip="Het antwoord van dit protocol met de artikelen"),
        Binding("left", "move(-1)", "Vorige", show=False),
        Binding("right", "move(1)", "Volgende", show=False),
        Binding("o", "app.topics", "Onderwerpen", show=False),
    ]

    def __init__(self, tree: Tree, role: str, answers: dict[str, str], inputs: dict[str, dict[str, str]] | None = None,
                 *, name: str | None = None, mine: str | None = None) -> None:
        super().__init__()
        self.decision_tree = tree
        self.role = role
        self.answers = dict(answers)
        self.inputs = dict(inputs or {})
        self.situation = name
        self.mine = mine
        self.rows: list[Comparison] = []
        self.marked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="page"):
            yield Static(id="situation")
            yield Static(id="differences")
            yield ColumnsRow(id="columns")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Alle protocollen naast elkaar"
        catalog = self.app.catalog
        usable, self.left_out = comparable(catalog, self.decision_tree)
        protocols = sorted(usable, key=lambda p: (p.id != self.mine, p.organisation.casefold()))
        self.rows = compare(self.decision_tree, protocols, self.role, self.answers, self.inputs)
        self.marked = deviating(self.rows, self.mine)
        self.query_one("#situation", Static).update(self.situation_text())
        self.query_one("#differences", Static).update(self.differences_text())
        columns = [ProtocolColumn(row, self.column_text(row), deviates=row.protocol.id in self.marked) for row in self.rows]
        self.query_one("#columns", ColumnsRow).mount_all(columns)
        self.call_after_refresh(self.fit_columns)
        if columns:  # focus without scrolling: the situation and the differences stay in view
            self.call_after_refresh(columns[0].focus, False)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_columns)

    def fit_columns(self) -> None:
        """Share the width, but never below a column's longest word (then the row scrolls sideways)."""
        columns = self.columns()
        if not columns:
            return
        room = self.query_one("#columns", ColumnsRow).scrollable_content_region.width
        share = room // len(columns)
        for column in columns:
            column.styles.width = max(column.least, share)

    # -- text ----------------------------------------------------------------------------

    def situation_text(self) -> Content:
        head = Content.assemble((self.situation or self.decision_tree.title, "bold"),
                                f"  ({self.decision_tree.title} · {ROLES.get(self.role, self.role)})")
        lines = [Content(f"• {line.question} → {line.answer}")
                 for line in situation_lines(self.decision_tree, self.role, {**self.answers, **self.inputs})]
        return Content("\n").join([head, *lines])

    def differences_text(self) -> Content:
        verdicts = Counter(row.result.ruling.verdict for row in self.rows if row.result)
        tally = " · ".join(f"{count}× {verdict.display}" for verdict, count in
                           sorted(verdicts.items(), key=lambda item: (-item[1], list(Verdict).index(item[0]))))
        open_rows = sum(1 for row in self.rows if row.result is None)
        extra = f" · {open_rows}× nog een vraag nodig" if open_rows else ""
        if self.left_out:
            extra += ". " + left_out_line(self.left_out).rstrip(".")
        if differs(self.rows):
            return Content.assemble(("≠ De protocollen verschillen hier: ", "bold"), tally, extra,
                                    f". Gemarkeerd met ‘{DIFFERS_MARK}’: anders dan de meeste.")
        if verdicts:
            return Content.assemble(("= Alle protocollen geven hetzelfde oordeel: ", "bold"), tally, extra,
                                    ". De uitleg en de artikelen verschillen wel.")
        return Content.assemble(("Geen enkel protocol geeft hier al een oordeel", "bold"), extra, ".")

    def column_text(self, row: Comparison) -> Content:
        protocol = row.protocol
        values = self.app.profile_values
        parts = [Content.styled(protocol.organisation, "bold")]
        if protocol.id == self.mine:
            parts.append(Content.styled("(jouw protocol)", "italic"))
        if protocol.is_draft:
            parts.append(Content.styled(f"⚠ {CONCEPT_MARK}", "italic"))
        if row.result is None:
            node = self.decision_tree.nodes.get(row.missing or "")
            question = node.text_for_role(self.role) if node else row.missing or ""
            parts += [Content.styled("? nog een vraag nodig", "bold"), Content(question)]
            return Content("\n").join(parts)
        ruling = row.result.ruling
        mark = DIFFERS_MARK if protocol.id in self.marked else SAME_MARK if differs(self.rows) else "= allemaal gelijk"
        articles = ", ".join(c.article.reference for c in row.result.citations) or "geen artikel"
        parts += [Content.styled(mark, "bold reverse" if protocol.id in self.marked else "bold"),
                  Content.styled(ruling.verdict.display, "bold"),
                  Content.styled(articles, "italic"),
                  Content(protocol.fill(ruling.answer, values))]
        return Content("\n").join(parts)

    # -- moving and opening ----------------------------------------------------------------

    def columns(self) -> list[ProtocolColumn]:
        return list(self.query(ProtocolColumn))

    def action_move(self, step: int) -> None:
        columns = self.columns()
        if not columns:
            return
        index = columns.index(self.focused) if self.focused in columns else -step
        column = columns[(index + step) % len(columns)]
        column.focus(scroll_visible=False)
        self.query_one("#columns", ColumnsRow).scroll_to_widget(column, animate=False)

    def action_open(self) -> None:
        if isinstance(self.focused, ProtocolColumn):
            self.open(self.focused.row.protocol.id)

    @on(ProtocolColumn.Open)
    def column_clicked(self, event: ProtocolColumn.Open) -> None:
        self.open(event.protocol)

    def open(self, protocol_id: str) -> None:
        from smassist.tui.screens.answer import AnswerScreen

        row = next(r for r in self.rows if r.protocol.id == protocol_id)
        if row.result is None:
            self.notify("Dit protocol heeft voor deze situatie nog een antwoord nodig; zie de vraag in de kolom.",
                        severity="warning")
            return
        self.app.push_screen(AnswerScreen(row.result, comparing=True))
