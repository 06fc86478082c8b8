"""Small widgets shared by the screens."""

from __future__ import annotations

from textual.widgets import RadioButton


class ChoiceButton(RadioButton):
    """A radio button whose dot shows only when chosen, so the choice never depends on colour (NO_COLOR)."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - overrides Textual's class attribute
        return "●" if self.value else " "
