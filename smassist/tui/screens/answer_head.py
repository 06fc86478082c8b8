"""The answer's top parts (where, concept mark, verdict box, short answer, note, conditions, steps, the
cited heading) drawn by one widget: each was a widget of its own, and Textual's cost of showing an answer
is mostly per widget it lays out and renders.

The parts keep their looks from the stylesheet: each part's style is a component class of `AnswerHead`
(answer.tcss), and the verdict box is drawn with the styles of the component "verdict -<value>", which the
rules for `.verdict.-<value>` (app.tcss, the presenter theme) style as they styled the verdict widget.
"""

from __future__ import annotations

from dataclasses import replace

from rich.segment import Segment
from textual._border import get_box
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from smassist.core.verdicts import Verdict

VERDICT_COMPONENTS = {verdict: f"verdict -{verdict.value}" for verdict in Verdict}


class Box:
    """The verdict: its word in a bordered box, as wide as the word (at least min-width)."""

    def __init__(self, text: Content) -> None:
        self.text = text


class AnswerHead(Static):
    """The answer's top parts in one widget; `parts` are (margin above, component, Content or Box)."""

    COMPONENT_CLASSES = {"answer-head--where", "answer-head--concept", "answer-head--short", "answer-head--note",
                         "answer-head--conditions", "answer-head--steps", "answer-head--heading",
                         *VERDICT_COMPONENTS.values()}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.parts: list[tuple[int, str, Content | Box]] = []

    def show_parts(self, parts: list[tuple[int, str, Content | Box]]) -> None:
        self.parts = parts
        self.refresh(layout=True)

    def text(self, component: str) -> str | None:
        """The plain text of the part with this component class (None when the answer lacks that part)."""
        for _, name, part in self.parts:
            if name == component:
                return (part.text if isinstance(part, Box) else part).plain
        return None

    def render(self) -> Visual:
        return HeadVisual(self)


class HeadVisual(Visual):
    def __init__(self, head: AnswerHead) -> None:
        self.head = head
        self.parts = head.parts
        self._styles = {}  # each box's component styles, read once (every read merges the rules anew)

    def _box_styles(self, component: str):
        if component not in self._styles:
            self._styles[component] = self.head.get_component_styles(component)
        return self._styles[component]

    def _box_size(self, component: str, box: Box, rules, width: int) -> tuple[int, int]:
        """The box's outer width, and the width its text wraps at."""
        styles = self._box_styles(component)
        padding = styles.padding
        sides = (1 if styles.border_left[0] else 0) + (1 if styles.border_right[0] else 0)
        gutter = padding.left + padding.right + sides
        wanted = box.text.get_optimal_width(rules, width) + gutter
        minimum = styles.min_width
        if minimum is not None:
            wanted = max(wanted, int(minimum.resolve(Size(width, width), Size(width, width))))
        outer = min(width, wanted)
        return outer, max(1, outer - gutter)

    def _render_box(self, component: str, box: Box, width: int, options: RenderOptions) -> list[Strip]:
        head = self.head
        styles = self._box_styles(component)
        text_style = head.get_visual_style(component)
        outer, inner = self._box_size(component, box, styles, width)
        _, background = head.background_colors
        back = Style(background=background)
        padding = styles.padding
        (top_type, top_color), (_, right_color) = styles.border_top, styles.border_right
        (bottom_type, bottom_color), (left_type, left_color) = styles.border_bottom, styles.border_left

        def edge(kind, color, row: int, place: int) -> Segment:
            return get_box(kind, back, back, Style(foreground=background + color))[row][place]

        blank = back.rich_style
        strips = []
        if top_type:
            left, middle, right = (edge(top_type, top_color, 0, place) for place in range(3))
            strips.append(Strip([left, Segment(middle.text * (outer - 2), middle.style), right]))
        side_left = edge(left_type, left_color, 1, 0) if left_type else None
        side_right = edge(styles.border_right[0], right_color, 1, 2) if styles.border_right[0] else None
        lines = box.text.render_strips(inner, None, text_style, options)
        pad_style = blank
        for _ in range(padding.top):
            lines.insert(0, Strip.blank(inner, pad_style))
        lines += [Strip.blank(inner, pad_style) for _ in range(padding.bottom)]
        for line in lines:
            segments = [side_left] if side_left else []
            segments += [Segment(" " * padding.left, pad_style)] if padding.left else []
            segments += list(line.adjust_cell_length(inner, pad_style))
            segments += [Segment(" " * padding.right, pad_style)] if padding.right else []
            segments += [side_right] if side_right else []
            strips.append(Strip(segments))
        if bottom_type:
            left, middle, right = (edge(bottom_type, bottom_color, 2, place) for place in range(3))
            strips.append(Strip([left, Segment(middle.text * (outer - 2), middle.style), right]))
        return strips

    def render_strips(self, width: int, height: int | None, style, options: RenderOptions) -> list[Strip]:
        head = self.head
        options = replace(options, selection=None, selection_style=None)  # its lines are not one text's lines
        blank = Strip.blank(width, style.rich_style)
        strips: list[Strip] = []
        for margin, component, part in self.parts:
            strips += [blank] * margin
            if isinstance(part, Box):
                strips += self._render_box(component, part, width, options)
            else:
                strips += part.render_strips(width, None, head.get_visual_style(component), options)
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules, container_width: int) -> int:
        return max((self._box_size(component, part, rules, container_width)[0] if isinstance(part, Box)
                    else part.get_optimal_width(rules, container_width) for _, component, part in self.parts),
                   default=0)

    def get_height(self, rules, width: int) -> int:
        height = 0
        for margin, component, part in self.parts:
            height += margin
            if isinstance(part, Box):
                styles = self._box_styles(component)
                inner = self._box_size(component, part, rules, width)[1]
                height += part.text.get_height(rules, inner) + styles.padding.top + styles.padding.bottom
                height += bool(styles.border_top[0]) + bool(styles.border_bottom[0])
            else:
                height += part.get_height(rules, width)
        return height
