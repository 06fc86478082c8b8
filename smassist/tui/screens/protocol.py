"""Protocol: the whole text of one protocol, article by article; search in it and
jump straight to an article (from a citation)."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from smassist.core.models import Article, Protocol
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce
from smassist.tui.widgets import filled_content


class ArticleView(Static):
    def __init__(self, article: Article, text: str, index: int, filled: list[tuple[int, int, str]] = ()) -> None:
        super().__init__(id=f"article-{index}", classes="article")
        self.article = article
        self.body = text
        self.filled = filled

    def on_mount(self) -> None:
        self.paint()

    def paint(self, query: str = "") -> None:
        content = Content.assemble((self.article.reference, "bold"), "\n", filled_content(self.body, self.filled))
        if query:
            content = content.highlight_regex(re.compile(re.escape(query), re.IGNORECASE), style="reverse")
        self.update(content)

    def matches(self, query: str) -> bool:
        needle = query.casefold()
        return needle in self.body.casefold() or needle in self.article.reference.casefold()


class ProtocolScreen(StyledOnce, Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug"),
        Binding("slash,ctrl+f", "search", "Zoeken"),
        Binding("n", "next_match", "Volgende"),
        Binding("N,shift+n", "previous_match", "Vorige", show=False),
        Binding("o", "app.topics", "Onderwerpen", show=False),
    ]

    def __init__(self, protocol: Protocol, values: dict[str, str], article: str | None = None) -> None:
        super().__init__()
        self.protocol = protocol
        self.values = values
        self.target = article
        self.views: list[ArticleView] = []
        self.matches: list[int] = []
        self.current: int | None = None  # index of the article shown at the top

    @property
    def current_article(self) -> str | None:
        return self.views[self.current].article.id if self.current is not None else None

    def compose(self) -> ComposeResult:
        protocol = self.protocol
        yield TitleBar()
        facts = " · ".join(x for x in (protocol.organisation, protocol.date, f"versie {protocol.version}"
                                           if protocol.version else None) if x)
        yield Static(Content.assemble((protocol.heading(protocol.title, self.values), "bold"), f"  ({facts})"),
                     id="title")
        yield Input(placeholder="Zoek in de tekst; Enter: volgende treffer", id="search", select_on_focus=False)
        yield Static(id="status")
        with VerticalScroll(id="text"):
            section = None
            for index, article in enumerate(protocol.articles.values()):
                if article.section != section:
                    section = article.section
                    yield Static(Content(protocol.heading(section, self.values)), classes="section")
                text, filled = protocol.filled(article.text, self.values)
                view = ArticleView(article, text, index, filled)
                self.views.append(view)
                yield view
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Protocol"
        self.query_one("#search", Input).cursor_blink = self.app.animation_level != "none"
        text = self.query_one("#text", VerticalScroll)
        text.focus()
        ids = [view.article.id for view in self.views]
        if self.target in ids:
            self.call_after_refresh(self.jump, ids.index(self.target))
        elif self.target:
            self.status(f"Artikel {self.target} staat niet in dit protocol.")
        else:
            self.status(f"{len(self.views)} artikelen. Zoeken: / of Ctrl+F.")

    def status(self, text: str) -> None:
        self.query_one("#status", Static).update(Content(text))

    def jump(self, index: int) -> None:
        """Show this article at the top of the text and mark it."""
        if self.current is not None:
            self.views[self.current].remove_class("-current")
        self.current = index
        view = self.views[index]
        view.add_class("-current")
        self.query_one("#text", VerticalScroll).scroll_to_widget(view, top=True, animate=False)
        article = view.article
        where = f"{article.reference} · {self.protocol.heading(article.section, self.values)}"
        if self.matches and index in self.matches:
            where = f"Treffer {self.matches.index(index) + 1} van {len(self.matches)}: {where}"
        self.status(where)

    # -- searching ------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.matches = [i for i, view in enumerate(self.views) if query and view.matches(query)]
        for view in self.views:
            view.paint(query)
        if not query:
            self.status(f"{len(self.views)} artikelen.")
        elif not self.matches:
            self.status(f"Geen treffers voor ‘{query}’.")
        else:
            self.jump(self.matches[0])

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.action_next_match()

    def action_next_match(self) -> None:
        self.step_match(+1)

    def action_previous_match(self) -> None:
        self.step_match(-1)

    def step_match(self, direction: int) -> None:
        if not self.matches:
            self.status("Geen treffers; typ eerst een zoekwoord (/).")
            return
        if self.current in self.matches:
            position = (self.matches.index(self.current) + direction) % len(self.matches)
        else:
            after = [m for m in self.matches if self.current is None or m > self.current]
            position = self.matches.index(after[0]) if after and direction > 0 else (0 if direction > 0 else -1)
        self.jump(self.matches[position])

    def commands(self):
        yield SystemCommand("Zoeken in het protocol", "Zoek een woord in de tekst (/)", self.action_search)
