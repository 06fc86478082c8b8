"""Small widgets shared by the screens."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton

# Words smassist filled into a model protocol's verbatim text ("[naam school]" → the school's
# name) look different from the document's own words: italic and underlined, not colour alone.
FILLED_STYLE = "italic underline"


def filled_content(text: str, filled=()) -> Content:
    content = Content(text)
    for start, end, _ in filled:
        content = content.stylize(FILLED_STYLE, start, end)
    return content


class ChoiceButton(RadioButton):
    """A radio button whose dot shows only when chosen, so the choice never depends on colour (NO_COLOR)."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - overrides Textual's class attribute
        return "●" if self.value else " "


class TickBox(Checkbox):
    """A checkbox whose mark shows only when ticked, so its state never depends on colour (NO_COLOR)."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - overrides Textual's class attribute
        return "✓" if self.value else " "

