"""The start screen's "Ik ben" choice: the three roles on one line, drawn as a RadioSet of radio buttons.

One widget instead of Textual's RadioSet with a RadioButton per role: styling,
mounting and drawing those four widgets was about a sixth of showing the start
screen. It looks and works as the RadioSet did: arrows move the highlight,
Enter or Space chooses, a click chooses; the chosen role's dot (●) shows only
when chosen, so the choice never depends on colour (NO_COLOR), and the
highlighted role is drawn in the block cursor's style when the choice has focus.
It draws its own "Ik ben" label left of its box (labelled.py), where a Horizontal
with a Label was.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from smassist.tui.labelled import LABEL_WIDTH, LabelledBox


class RoleChoice(LabelledBox, Widget, can_focus=True):
    """Choose one of `choices` (key -> label); posts RoleChoice.Changed with the key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"role--button", "role--button-on", "role--label", "role--label-selected"}
    DEFAULT_CSS = """
    RoleChoice {
        border: tall $border-blurred;
        background: $surface;
        padding: 0 1 0 11;  /* LABEL_WIDTH for the label, then the box's own padding */
        height: auto;
        width: 1fr;
        pointer: pointer;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .role--button { color: $panel-darken-2; background: $panel; }
        & > .role--button-on { color: $text-success; background: $panel; }
        &:ansi {
            & > .role--button { background: $ansi-background; color: $ansi-foreground; text-style: dim; }
            & > .role--button-on { color: $accent; background: $ansi-background; text-style: bold not dim; }
        }
        &:blur > .role--label-selected { background: $block-cursor-blurred-background; }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .role--label-selected {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS = [
        Binding("down,right", "move(1)", "Volgende", show=False),
        Binding("enter,space", "choose", "Kiezen", show=False),
        Binding("up,left", "move(-1)", "Vorige", show=False),
    ]

    highlighted: reactive[int] = reactive(0)
    value: reactive[str | None] = reactive(None)

    class Changed(Message):
        """The user chose a role (not sent when the screen sets one)."""

        def __init__(self, choice: RoleChoice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> RoleChoice:
            return self.choice

    def __init__(self, choices: dict[str, str], *, label: str, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.label_text = label
        self.choices = dict(choices)
        self.keys = list(self.choices)

    def show(self, value: str | None) -> None:
        """Mark a remembered choice, without posting Changed."""
        self.value = value if value in self.choices else None
        if self.value is not None:
            self.highlighted = self.keys.index(self.value)

    def action_move(self, step: int) -> None:
        self.highlighted = (self.highlighted + step) % len(self.keys)

    def action_choose(self) -> None:
        self._choose(self.highlighted)

    def _choose(self, index: int) -> None:
        self.highlighted = index
        if self.keys[index] != self.value:
            self.value = self.keys[index]
            self.post_message(self.Changed(self, self.value))

    def _columns(self, width: int) -> list[tuple[int, int]]:
        """(start, width) of each choice: equal shares of the line, as Textual gives 1fr each."""
        count = len(self.keys)
        edges = [width * n // count for n in range(count + 1)]
        return [(edges[n], edges[n + 1] - edges[n]) for n in range(count)]

    async def _on_click(self, event: events.Click) -> None:
        if event.x < LABEL_WIDTH:  # the label, as the old row's Label: not the choice
            return
        self.focus()
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for index, (start, width) in enumerate(self._columns(self.content_region.width)):
            if start <= offset.x < start + width:
                self._choose(index)
                return

    def get_content_width(self, container, viewport) -> int:
        return sum(len(label) + 5 for label in self.choices.values())

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1

    def render(self) -> Content:
        background = self.background_colors[1]
        parts: list[Content] = []
        for index, ((start, width), key) in enumerate(zip(self._columns(self.content_region.width), self.keys)):
            on = key == self.value
            button = self.get_visual_style("role--button-on" if on else "role--button")
            side = Style(foreground=button.background, background=background)
            label = self.get_visual_style("role--label-selected" if index == self.highlighted else "role--label")
            cell = Content.assemble(("▐", side), ("●" if on else " ", button), ("▌", side),
                                    Content(self.choices[key]).pad(1, 1).stylize_before(label))
            parts.append(cell.truncate(width, ellipsis=True, pad=True))
        return Content("").join(parts)
