"""Radio buttons and checkboxes whose mark, not its colour, shows the state (NO_COLOR)."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


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
