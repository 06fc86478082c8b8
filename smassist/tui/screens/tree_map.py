"""Tree map: a topic as a collapsible tree — questions → answers → the outcome with
the active protocol's verdict (word and symbol) and articles.

The outline comes from `smassist.core.diagram.outline` (the same reading of
the tree as `smassist diagram`); this screen only turns it into Textual Tree
nodes. Enter or Space folds a branch, E unfolds all, C folds all, R switches
the role, P the protocol whose verdicts are shown.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from smassist.core.diagram import OutlineItem, outline
from smassist.core.models import Protocol, Tree as DecisionTree
from smassist.core.roles import ROLES
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce

MARKS = {"question": "Vraag: ", "input": "Gegevens: ", "option": "→ "}


class TreeMapScreen(StyledOnce, Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug"),
        Binding("e", "expand_all", "Alles open"),
        Binding("c", "collapse_all", "Alles dicht"),
        Binding("r", "next_role", "Rol"),
        Binding("p", "choose_protocol", "Protocol"),
    ]

    def __init__(self, tree: DecisionTree, role: str, protocol: Protocol | None) -> None:
        super().__init__()
        self.decision_tree = tree
        self.role = role if role in tree.roles else tree.roles[0]
        self.protocol = protocol
        self.root_item: OutlineItem | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="map-where")
        yield Tree(self.decision_tree.title, id="map")
        yield Static(id="map-detail")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Boomkaart"
        self.build()
        self.query_one("#map", Tree).focus()

    # -- building the tree ------------------------------------------------------------------

    def build(self) -> None:
        protocol = self.protocol
        self.query_one("#map-where", Static).update(Content.assemble(
            (self.decision_tree.title, "bold"), f" · {ROLES.get(self.role, self.role)} · ",
            (protocol.organisation if protocol else "geen protocol gekozen (P)", "italic")))
        self.root_item = outline(self.decision_tree, self.role, protocol)
        widget = self.query_one("#map", Tree)
        widget.clear()
        widget.root.label = Text(self.decision_tree.title, style="bold")
        widget.root.data = None
        self.add(widget.root, self.root_item)
        widget.root.expand()
        for child in widget.root.children:  # the first question with its answers open
            child.expand()
            for answer in child.children:
                answer.expand()
        widget.move_cursor(widget.root)
        self.show_detail(None)
        self.call_after_refresh(self.fit_labels)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_labels)

    def fit_labels(self) -> None:
        """Cut a line that does not fit at a word, with '…' (the whole text shows below when highlighted)."""
        widget = self.query_one("#map", Tree)
        width = widget.scrollable_content_region.width

        def fit(node: TreeNode, depth: int) -> None:
            for child in node.children:
                if child.data is not None:
                    child.set_label(self.label(child.data, width - depth * widget.guide_depth - 2))
                fit(child, depth + 1)

        if width > 0:
            fit(widget.root, 1)

    def add(self, parent: TreeNode, item: OutlineItem) -> None:
        if item.kind == "outcome":
            parent.add_leaf(self.label(item), data=item)
            return
        node = parent.add(self.label(item), data=item)
        for child in item.children:
            self.add(node, child)

    def label(self, item: OutlineItem, room: int | None = None) -> Text:
        """A node's line (Textual's Tree draws Rich text): what kind of step, and its words."""
        if item.kind != "outcome":
            style = "bold" if item.kind in ("question", "input") else ""
            return _fit(Text.assemble((MARKS[item.kind], "bold"), (item.text, style)), room)
        if self.protocol is None:
            return Text.assemble(("● uitkomst", "bold"), " (kies een protocol: P)")
        ruling = item.ruling
        if ruling is None:
            return Text.assemble(("● geen uitspraak in dit protocol", "bold"))
        cited = ", ".join(self.protocol.articles[a].reference for a in ruling.cites if a in self.protocol.articles)
        return _fit(Text.assemble(("● ", "bold"), (ruling.verdict.display, "bold"), f" · {cited or 'geen artikel'}"), room)

    # -- the detail line under the tree ------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#map")
    def highlighted(self, event: Tree.NodeHighlighted) -> None:
        self.show_detail(event.node.data)

    def show_detail(self, item: OutlineItem | None) -> None:
        detail = self.query_one("#map-detail", Static)
        if item is not None and item.kind != "outcome":
            detail.update(Content(item.text))  # the whole question or answer, however long
            return
        if item is None:
            detail.update(Content.assemble(("Enter/Spatie", "bold"), " tak open/dicht · ", ("E", "bold"), " alles open · ",
                                           ("C", "bold"), " alles dicht · ", ("R", "bold"), " rol · ",
                                           ("P", "bold"), " protocol"))
            return
        if item.ruling is None or self.protocol is None:
            detail.update("Kies een protocol (P) om het oordeel te zien.")
            return
        detail.update(Content.assemble((item.ruling.verdict.display, "bold"), ": ",
                                       self.protocol.fill(item.ruling.answer, self.app.profile_values)))

    # -- actions -------------------------------------------------------------------------------------

    def action_expand_all(self) -> None:
        self.query_one("#map", Tree).root.expand_all()

    def action_collapse_all(self) -> None:
        widget = self.query_one("#map", Tree)
        for child in widget.root.children:
            child.collapse_all()
        widget.move_cursor(widget.root)

    def action_next_role(self) -> None:
        roles = list(self.decision_tree.roles)
        if len(roles) < 2:
            self.notify(f"Dit onderwerp is alleen voor {ROLES.get(self.role, self.role)}.")
            return
        self.role = roles[(roles.index(self.role) + 1) % len(roles)]
        self.build()

    def action_choose_protocol(self) -> None:
        self.app.choose_protocol(self.protocol.id if self.protocol else None, self.protocol_chosen)

    def protocol_chosen(self, protocol_id: str | None) -> None:
        if protocol_id:
            self.protocol = self.app.catalog.protocols[protocol_id]
            self.build()


def _fit(text: Text, room: int | None) -> Text:
    """The line as it is when it fits; else cut between words with '…' so a reader sees it goes on."""
    if room is None or text.cell_len <= room or room < 8:
        return text
    plain = text.plain
    cut = plain.rfind(" ", 0, room - 1)
    cut = cut if cut > room // 2 else room - 1
    shorter = text[:cut]
    shorter.rstrip()
    shorter.append("…")
    return shorter

