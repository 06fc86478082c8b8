"""The answer's parts that need no screen: a cited article's widget and the texts the answer view shows."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from smassist.core.walk import Result
from smassist.tui.presenting import step_answer
from smassist.tui.widgets import filled_content


class CitationView(Static, can_focus=True):
    """One cited article, verbatim; Enter opens the protocol at this article."""

    BINDINGS = [Binding("enter", "open", "Artikel in protocol", tooltip="Lees het hele protocol vanaf dit artikel")]

    @dataclass
    class Open(Message):
        article: str

    def __init__(self, heading: str, text: str, article: str, passage: str | None = None,
                 filled: list[tuple[int, int, str]] = ()) -> None:
        super().__init__(_citation_content(heading, text, passage, filled), classes="citation")
        self.article = article

    def show(self, heading: str, text: str, article: str, passage: str | None = None,
             filled: list[tuple[int, int, str]] = ()) -> None:
        self.update(_citation_content(heading, text, passage, filled))
        self.article = article

    def action_open(self) -> None:
        self.post_message(self.Open(self.article))

    def on_click(self) -> None:
        self.action_open()


def _citation_content(heading: str, text: str, passage: str | None, filled) -> Content:
    # The passage the answer rests on is bold and underlined (never colour alone).
    body = filled_content(text, filled)
    start = text.find(passage) if passage else -1
    if start >= 0:
        body = body.stylize("bold underline", start, start + len(passage))
    return Content.assemble((heading, "bold"), "\n", body)


def names_focused(selector, node) -> bool:
    """Whether this part of a selector is `:focus` on something the node is (its type, id or a class, or *)."""
    if "focus" not in selector.pseudo_classes:
        return False
    kind = selector.type.name
    return (kind == "UNIVERSAL" or (kind == "TYPE" and selector.name in node._css_types)
            or (kind == "CLASS" and selector.name in node.classes) or (kind == "ID" and selector.name == node.id))


def reasons(result: Result) -> list[tuple[int, Content]]:
    """The questions and the answers given, as indented lines (one widget instead of two per question)."""
    lines = []
    for number, step in enumerate(result.path, 1):
        lines.append((1, Content(f"{number}. {step.node.text_for_role(result.role)}")))
        answer = Content.assemble("→ ", (step_answer(step), "italic" if step.skipped else "bold"))
        lines.append((4, answer.stylize("$text-muted") if step.skipped else answer))
    return lines


def section(heading: str, body: Content) -> Content:
    """A bold heading with its text (in one widget, as the .heading Static above it looked): fewer to mount."""
    return Content.assemble((heading, "bold"), "\n", body)


def free_name(path):
    """The path, or path-2, path-3 … when a file by that name exists (never over another file)."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate
