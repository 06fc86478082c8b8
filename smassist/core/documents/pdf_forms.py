"""The PDF's form parts: a fact row, a line to fill in, a box to write in, a choice of tick boxes, a signature.

Each draws from the current position and leaves it below itself; pdf_output
keeps each on one page.
"""

from __future__ import annotations

from smassist.core.documents import markup as m
from smassist.core.documents.pdf_draw import LINE, SIZE, tick, write
from smassist.core.documents.pdf_text import FONT


def fact(pdf, label, value) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    label_width = width * 0.36
    pdf.set_xy(x, y)
    pdf.set_font(FONT, "B", SIZE)
    pdf.multi_cell(label_width - 2, LINE, m.plain(label), align="L", new_x="LMARGIN", new_y="NEXT")
    label_bottom = pdf.get_y()
    pdf.set_xy(x + label_width, y)
    write(pdf, value, indent=x + label_width)
    bottom = max(label_bottom, pdf.get_y()) + 0.8
    pdf.set_draw_color(200)
    pdf.set_line_width(0.2)
    pdf.line(x, bottom, x + width, bottom)
    pdf.set_draw_color(0)
    pdf.set_xy(x, bottom + 1.2)


def label_text(label) -> str:
    text = m.plain(label)
    return text if text.endswith(("?", ":", "…")) else text + ":"


def fill_line(pdf, label, height: float = 8.0) -> None:
    x = pdf.l_margin
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(FONT, "", SIZE)
    text = label_text(label)
    text_width = pdf.get_string_width(text) + 2
    y = pdf.get_y() + height - LINE
    pdf.set_xy(x, y)
    pdf.cell(text_width, LINE, text)
    pdf.set_line_width(0.25)
    pdf.line(x + text_width, y + LINE - 0.8, x + width, y + LINE - 0.8)
    pdf.set_xy(x, y + LINE + 2.5)


def box(pdf, block: m.Box) -> None:
    x = pdf.l_margin
    width = pdf.w - pdf.l_margin - pdf.r_margin
    write(pdf, block.label)
    pdf.ln(1)
    top = pdf.get_y()
    row = 8.0
    pdf.set_line_width(0.25)
    pdf.rect(x, top, width, row * block.lines)
    pdf.set_draw_color(185)
    pdf.set_line_width(0.15)
    for n in range(1, block.lines):
        pdf.line(x + 3, top + n * row, x + width - 3, top + n * row)
    pdf.set_draw_color(0)
    pdf.set_line_width(0.2)
    pdf.set_xy(x, top + row * block.lines + 4)


def choice(pdf, block: m.Choice) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_font(FONT, "", SIZE)
    text = label_text(block.label)
    pdf.set_xy(x, y)
    pdf.cell(pdf.get_string_width(text) + 4, LINE, text)
    for option in block.options:
        label = m.plain(option)
        needed = 5 + pdf.get_string_width(label) + 6
        if pdf.get_x() + needed > pdf.w - pdf.r_margin:
            pdf.ln(LINE + 1)
            pdf.set_x(x + 4)
        tick(pdf, pdf.get_x(), pdf.get_y() + 0.8)
        pdf.set_x(pdf.get_x() + 5)
        pdf.cell(pdf.get_string_width(label) + 6, LINE, label)
    pdf.ln(LINE + 3)


def signature(pdf, block: m.Signature) -> None:
    pdf.ln(2)
    if block.label:
        write(pdf, block.label, bold=True)
    for label, height in (("Naam", 8.0), ("Datum", 8.0), ("Handtekening", 16.0)):
        fill_line(pdf, (m.Run(label),), height)
    pdf.ln(2)
