"""A bold label drawn left of a widget's box, by the widget itself.

The start screen's "Ik ben" and "Protocol" rows were a Horizontal with a Label
and the control in it: three widgets to create, style, mount, lay out and draw
for one line of the screen. Here the control keeps the label's columns free
with its left padding, Textual draws the box as always (border, background,
focus, hover and the NO_COLOR/ANSI filters), and the first columns are swapped
for the label on the screen's background, the box's left edge moved to just
after it. To the user it is the row it replaces.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style

LABEL_WIDTH = 10  # the old rows' label column (one space of padding, then the word)


class LabelledBox:
    """Mix in before a Widget whose CSS has `padding-left: LABEL_WIDTH + (its own left padding)`."""

    label_text: str = ""

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.outer_size.width
        strips = super().render_lines(Region(0, crop.y, width, crop.height))
        border = 0 if self.styles.border_left[0] in ("", "none", "hidden") else 1
        base_background, background = self.background_colors
        blank = Style(background=base_background).rich_style
        text = Style(background=base_background, foreground=self.parent.visual_style.foreground, bold=True).rich_style
        middle = self.outer_size.height // 2  # the old label's top padding put the word on the box's middle line
        filters = self.get_line_filters()
        lines: list[Strip] = []
        for y, strip in enumerate(strips, crop.y):
            if y == middle:
                word = self.label_text[:LABEL_WIDTH - 1]
                label = Strip([Segment(" ", blank), Segment(word, text),
                               Segment(" " * (LABEL_WIDTH - 1 - len(word)), blank)], LABEL_WIDTH)
            else:
                label = Strip([Segment(" " * LABEL_WIDTH, blank)], LABEL_WIDTH)
            for line_filter in filters:
                label = label.apply_filter(line_filter, background)
            line = Strip.join([label, strip.crop(0, border), strip.crop(LABEL_WIDTH + border, width)])
            lines.append(line.crop(crop.x, crop.right))
        return lines
