"""What the PDF's blocks and its form parts both draw with: styled text that wraps, a tick box.

Sizes in mm on A4; the text's lines are broken by pdf_text on the embedded
font's widths.
"""

from __future__ import annotations

from smassist.core.documents.pdf_text import FONT
from smassist.core.documents.pdf_text import wrapped as _wrapped

SIZE = 10.5
LINE = 5.0  # mm per line of body text


def write(pdf, runs, size: float = SIZE, line: float = LINE, bold: bool = False, indent: float | None = None) -> None:
    """Write styled text that wraps back to `indent` (default: the left margin).

    The lines are broken here, on word widths from the font's width table, and
    each piece is drawn as a cell exactly where fpdf2's write() would put it
    (a run continues where the previous one ended). fpdf2's own line breaking
    re-measures the whole line for every character: most of a PDF's time.
    """
    left = pdf.l_margin
    if indent is not None:
        pdf.set_left_margin(indent)
        pdf.set_x(max(pdf.get_x(), indent))
    try:
        for pieces in _wrapped(pdf, runs, size, bold):
            if pieces is None:
                pdf.ln(line)
                continue
            for style, text in pieces:
                pdf.set_font(FONT, style, size)
                pdf.cell(text=text, h=line, new_x="WCONT", new_y="TOP")
        pdf.ln(line)
    finally:
        pdf.set_left_margin(left)
        pdf.set_font(FONT, "", SIZE)


def tick(pdf, x: float, y: float, checked: bool = False) -> None:
    pdf.set_line_width(0.25)
    pdf.rect(x, y, 3.4, 3.4, style="F" if checked else "D")
