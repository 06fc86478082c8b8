"""The start screen's "Protocol" row: one button that draws its own label.

A Button (its look, focus, hover and press are Textual's) with the word
"Protocol" left of it (labelled.py), where a Horizontal held a Label and the
Button. Enter, Space or a click posts Button.Pressed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button

from smassist.tui.labelled import LABEL_WIDTH, LabelledBox

if TYPE_CHECKING:
    from smassist.core.models import Protocol


class ProtocolChoice(LabelledBox, Button):
    # Its look beyond the label's room is the start screen's (start.tcss, #protocol): a type rule
    # here would lose to Button's own `Button.-style-default`.
    DEFAULT_CSS = """
    ProtocolChoice {
        padding-left: 10;  /* LABEL_WIDTH for the label; line-pad keeps one space before the text */
    }
    """
    BINDINGS = [Binding("space", "press", "Kiezen", show=False)]

    def __init__(self, *, label: str, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.label_text = label

    async def _on_click(self, event: events.Click) -> None:
        if event.x < LABEL_WIDTH:  # the label, as the old row's Label: not the button
            event.prevent_default()  # Textual calls Button's own handler too unless told not to

    def show(self, protocol: Protocol | None) -> None:
        """The chosen protocol's organisation, or the ask to choose one."""
        if protocol is None:
            self.label = Content("Kies het protocol van je school  ▼")
        else:
            self.label = Content(f"{protocol.organisation}  ▼ wijzigen")
