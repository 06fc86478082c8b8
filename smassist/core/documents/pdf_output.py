"""PDF made from the parsed document blocks with our own small writer (pdf_writer.py; pure Python).

A4, the bundled DejaVu Sans Condensed (so every Dutch character and the
protocols' curly quotes print, and the text can be copied out of the PDF),
page numbers in the footer, and blocks that belong together (a quote, a box to
fill in, a signature) kept on one page. The wrapped text and tick boxes every
part draws are in pdf_draw.py, the form parts (facts, lines to fill in, boxes,
choices, signatures) in pdf_forms.py.
"""

from __future__ import annotations

from pathlib import Path

from smassist.core.documents import markup as m
from smassist.core.documents.pdf_draw import LINE, SIZE, tick, write
from smassist.core.documents.pdf_forms import box, choice, fact, fill_line, signature
from smassist.core.documents.pdf_text import FONT
from smassist.core.documents.pdf_text import text_width as _text_width
from smassist.core.documents.pdf_text import wrapped as _wrapped

FONT_DIR = Path(__file__).parent / "fonts"
FONT_FILES = {"": "DejaVuSansCondensed.ttf", "B": "DejaVuSansCondensed-Bold.ttf",
              "I": "DejaVuSansCondensed-Oblique.ttf", "BI": "DejaVuSansCondensed-BoldOblique.ttf"}
MARGIN = 18


def preload() -> None:
    """Read the fonts ahead of time (the TUI does this on a thread when a document screen opens)."""
    from smassist.core.documents.pdf_writer import PDF  # noqa: PLC0415

    pdf = PDF()
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(FONT_DIR / name))


def to_pdf(blocks: list, title: str, author: str = "", footer: str = "") -> bytes:
    from smassist.core.documents.pdf_writer import PDF  # noqa: PLC0415 - only loaded when a PDF is asked for

    class Document(PDF):
        def footer(self) -> None:
            self.set_y(-16)
            self.set_font(FONT, "", 7.5)
            self.set_text_color(90)
            top = self.get_y()
            # a long footer (e.g. with the concept mark) wraps instead of running into the page number
            self.multi_cell(self.epw - 24, 3.5, footer, align="L")
            self.set_xy(self.l_margin, top)
            self.cell(0, 3.5, f"blad {self.page_no()} van {{nb}}", align="R")
            self.set_text_color(0)

    pdf = Document()
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(FONT_DIR / name))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(title)
    pdf.set_lang("nl")
    pdf.set_creator("smassist")
    if author:
        pdf.set_author(author)
    pdf.add_page()
    pdf.set_font(FONT, "", SIZE)
    _blocks(pdf, blocks)
    return bytes(pdf.output())


# -- measuring, keeping together, paragraphs -------------------------------------------


def _lines(pdf, runs, width: float, size: float = SIZE) -> int:
    """How many lines a text takes at this width: greedy word wrap on measured word widths (not drawn)."""
    text = m.plain(runs) if not isinstance(runs, str) else runs
    space = _text_width(pdf, "", size, " ")
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split(" "):
            word_width = _text_width(pdf, "", size, word)
            if used and used + space + word_width > width:
                count += 1
                used = word_width
            else:
                used += (space if used else 0) + word_width
    return max(1, count)


def _height(pdf, block) -> float:
    """A close estimate of the height a block needs, to keep it on one page."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    if isinstance(block, m.Item):
        return _lines(pdf, block.runs, width - 8) * LINE + 1.2
    if isinstance(block, m.Quote):
        return sum(_lines(pdf, p, width - 6) * LINE + 1.5 for p in block.paragraphs) + 2
    if isinstance(block, tuple):  # a fact: (label, value)
        label, value = block
        return max(_lines(pdf, label, width * 0.36 - 3), _lines(pdf, value, width * 0.64 - 1)) * LINE + 2.2
    if isinstance(block, m.Line):
        return 10.5
    if isinstance(block, m.Box):
        return _lines(pdf, block.label, width) * LINE + 1 + 8 * block.lines + 4
    if isinstance(block, m.Choice):
        return 2 * LINE + 4
    if isinstance(block, m.Signature):
        return 2 + (LINE if block.label else 0) + 8 + 8 + 16 + 3 * (LINE + 2.5) - 3 * LINE + 2
    if isinstance(block, m.Div):
        return sum(_height(pdf, b) if not isinstance(b, m.Paragraph) else _lines(pdf, b.runs, width - 8) * LINE + 2
                   for b in block.blocks) + 8
    if isinstance(block, m.Paragraph):
        return _lines(pdf, block.runs, width) * LINE + 2
    return LINE


def _keep_together(pdf, height: float, draw) -> None:
    """Draw a block on one page: start a new page first when it would not fit on this one."""
    at_top = pdf.get_y() <= pdf.t_margin + 1
    room = pdf.page_break_trigger - pdf.get_y()
    if not at_top and height > room and height < pdf.page_break_trigger - pdf.t_margin:
        pdf.add_page()
    draw(pdf)


# the footer starts 16 mm above the page's foot: small print ends 2 mm above it
SMALL_PRINT_FLOOR = 18
SHORT = 6  # lines: a paragraph this short moves whole rather than leave one line alone on a page


def _paragraph(pdf, runs, size: float = SIZE, line: float = LINE) -> None:
    """A paragraph without a widow or an orphan: a short one that would leave a single line at the foot
    of this page or the top of the next starts on the next page (a closing note split as 'Controleer
    dit document voordat je het' / 'gebruikt: …' made a page of its own). Counted only near the foot."""
    room = int((pdf.page_break_trigger - pdf.get_y()) // line)
    if room < SHORT and pdf.get_y() > pdf.t_margin + 1:
        count = _lines_exact(pdf, runs, size)
        if room < count <= SHORT and (room < 2 or count - room < 2):
            pdf.add_page()
    write(pdf, runs, size=size, line=line)


def _small_print(pdf, block: m.Div, last: bool) -> None:
    """Small print; at the end of a document it may take the space above the footer (less its own lead-in)
    rather than a page of its own for a line or two."""
    pdf.ln(0)
    small = [inner.runs for inner in block.blocks if isinstance(inner, m.Paragraph)]
    height = sum(_lines_exact(pdf, runs, 8) * 3.8 + 1 for runs in small)
    floor = pdf.h - SMALL_PRINT_FLOOR
    squeeze = last and len(small) == len(block.blocks) and pdf.get_y() + 3 + height > pdf.page_break_trigger \
        and pdf.get_y() + height <= floor
    trigger = pdf.page_break_trigger
    if squeeze:
        pdf.page_break_trigger = floor
    pdf.ln(min(3, floor - height - pdf.get_y()) if squeeze else 3)
    pdf.set_text_color(70)
    try:
        for inner in block.blocks:
            if isinstance(inner, m.Paragraph):
                _paragraph(pdf, inner.runs, size=8, line=3.8)
                pdf.ln(1)
            else:
                _block(pdf, inner)
    finally:
        pdf.page_break_trigger = trigger
        pdf.set_text_color(0)


def _lines_exact(pdf, runs, size: float) -> int:
    """The lines a text takes from here, broken as _write breaks them."""
    return sum(pieces is not None for pieces in _wrapped(pdf, runs, size, False))


def _space(pdf, mm: float) -> None:
    if pdf.get_y() > pdf.t_margin + 1:
        pdf.ln(mm)


# -- blocks -----------------------------------------------------------------------------


def _blocks(pdf, blocks: list) -> None:
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        _block(pdf, block, following)


def _block(pdf, block, following=None) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin
    if isinstance(block, m.Heading):
        size = {1: 16, 2: 12.5, 3: SIZE}[block.level]
        # a heading never ends a page: keep room for a few lines after it
        if pdf.get_y() > pdf.page_break_trigger - (30 if block.level > 1 else 45):
            pdf.add_page()
        _space(pdf, {1: 0, 2: 4, 3: 2.5}[block.level])
        write(pdf, block.runs, size=size, line=size * 0.5, bold=True)
        if block.level == 2:
            pdf.set_draw_color(140)
            pdf.set_line_width(0.2)
            pdf.line(pdf.l_margin, pdf.get_y() + 0.6, pdf.l_margin + width, pdf.get_y() + 0.6)
            pdf.set_draw_color(0)
            pdf.ln(2.5)
        else:
            pdf.ln(1.5)
    elif isinstance(block, m.Paragraph):
        _paragraph(pdf, block.runs)
        pdf.ln(2)
    elif isinstance(block, m.ListBlock):
        for item in block.items:
            _keep_together(pdf, _height(pdf, item), lambda p, item=item: _item(p, block.style, item))
        pdf.ln(1.5)
    elif isinstance(block, m.Quote):
        _keep_together(pdf, _height(pdf, block), lambda p: _quote(p, block))
        pdf.ln(2)
    elif isinstance(block, m.Div):
        if block.style == "kader":
            _keep_together(pdf, _height(pdf, block), lambda p: _framed(p, block))
        elif block.style == "let-op":
            _keep_together(pdf, _height(pdf, block), lambda p: _framed(p, block, bar=True))
        else:
            _small_print(pdf, block, last=following is None)
    elif isinstance(block, m.Facts):
        for label, value in block.rows:
            _keep_together(pdf, _height(pdf, (label, value)), lambda p, label=label, value=value: fact(p, label, value))
        pdf.ln(3)
    elif isinstance(block, m.Line):
        _keep_together(pdf, _height(pdf, block), lambda p: fill_line(p, block.label))
    elif isinstance(block, m.Box):
        _keep_together(pdf, _height(pdf, block), lambda p: box(p, block))
    elif isinstance(block, m.Choice):
        _keep_together(pdf, _height(pdf, block), lambda p: choice(p, block))
    elif isinstance(block, m.Signature):
        _keep_together(pdf, _height(pdf, block), lambda p: signature(p, block))
    elif isinstance(block, m.PageBreak):
        pdf.add_page()


def _item(pdf, style: str, item: m.Item) -> None:
    x = pdf.l_margin
    y = pdf.get_y()
    if style == "check":
        tick(pdf, x + 0.5, y + 0.8, bool(item.checked))
        indent = x + 6.5
    else:
        mark = f"{item.number}." if style == "number" else "•"
        pdf.set_font(FONT, "", SIZE)
        pdf.set_xy(x + 1.5, y)
        pdf.cell(5, LINE, mark)
        indent = x + 7
    pdf.set_xy(indent, y)
    write(pdf, item.runs, indent=indent)
    pdf.ln(1.2)


def _quote(pdf, block: m.Quote) -> None:
    x = pdf.l_margin
    top = pdf.get_y()
    pdf.set_text_color(35)
    for index, paragraph in enumerate(block.paragraphs):
        if index:
            pdf.ln(1.5)
        pdf.set_x(x + 5)
        write(pdf, paragraph, indent=x + 5)
    pdf.set_text_color(0)
    pdf.set_draw_color(170)
    pdf.set_line_width(1.1)
    pdf.line(x + 1.2, top + 0.6, x + 1.2, pdf.get_y() - 0.6)
    pdf.set_draw_color(0)
    pdf.set_line_width(0.2)


def _framed(pdf, block: m.Div, bar: bool = False) -> None:
    x, top = pdf.l_margin, pdf.get_y()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.ln(3)
    left, right = pdf.l_margin, pdf.r_margin
    pdf.set_left_margin(x + 4)
    pdf.set_right_margin(right + 4)
    pdf.set_x(x + 4)
    try:
        for inner in block.blocks:
            _block(pdf, inner)
    finally:
        pdf.set_left_margin(left)
        pdf.set_right_margin(right)
    pdf.ln(0.5)
    bottom = pdf.get_y()
    if bar:
        pdf.set_fill_color(120)
        pdf.rect(x, top, 1.2, bottom - top, style="F")
        pdf.set_fill_color(0)
    else:
        pdf.set_line_width(0.3)
        pdf.rect(x, top, width, bottom - top)
        pdf.set_line_width(0.2)
    pdf.ln(4)
