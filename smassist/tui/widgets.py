"""Small widgets shared by the screens."""

from __future__ import annotations

from dataclasses import replace

from textual.content import Content
from textual.strip import Strip
from textual.visual import RenderOptions, Visual

# Words smassist filled into a model protocol's verbatim text ("[naam school]" → the school's
# name) look different from the document's own words: italic and underlined, not colour alone.
FILLED_STYLE = "italic underline"


def filled_content(text: str, filled=()) -> Content:
    content = Content(text)
    for start, end, _ in filled:
        content = content.stylize(FILLED_STYLE, start, end)
    return content


class Indented(Visual):
    """Lines of text in one widget, each wrapped at its own left indent (what a padded widget per line did).

    Wrapped lines keep their indent, as they did in a widget with padding-left:
    one widget for a list that took two per item to mount, style and lay out.
    """

    def __init__(self, lines: list[tuple[int, Content]]) -> None:
        self.lines = lines

    def render_strips(self, width: int, height: int | None, style, options: RenderOptions) -> list[Strip]:
        blank = style.rich_style
        options = replace(options, selection=None, selection_style=None)  # its lines are not the text's lines
        strips: list[Strip] = []
        for indent, content in self.lines:
            for strip in content.render_strips(max(1, width - indent), None, style, options):
                strips.append(Strip.join([Strip.blank(indent, blank), strip]) if indent else strip)
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules, container_width: int) -> int:
        return max((indent + content.get_optimal_width(rules, container_width) for indent, content in self.lines),
                   default=0)

    def get_height(self, rules, width: int) -> int:
        return sum(content.get_height(rules, max(1, width - indent)) for indent, content in self.lines)


def __getattr__(name: str):
    """ChoiceButton and TickBox come from smassist.tui.toggles when first asked for.

    The start screen needs neither, so a start does not import Textual's toggle
    buttons' code for them.
    """
    if name in ("ChoiceButton", "TickBox"):
        from smassist.tui import toggles

        return getattr(toggles, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
