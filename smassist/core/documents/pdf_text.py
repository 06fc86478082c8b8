"""Line breaking for the PDF writer: word widths from the embedded font's width table.

fpdf2's own write() re-measures the whole line for every character, which was most
of a PDF's time; breaking the lines here keeps its greedy look at a fraction of the cost.
"""

from __future__ import annotations

import re

FONT = "DejaVu"

_TOKENS = re.compile(r" +|[^ ]+")


def wrapped(pdf, runs, size: float, bold: bool):
    """The lines of the text: lists of (style, text) pieces, one per run on the line, None between lines.

    Greedy like fpdf2: a line ends at the last space that fits; the space is
    dropped; a word longer than a whole line is broken between characters.
    """
    right = pdf.w - pdf.r_margin - 2 * pdf.c_margin
    widths: dict[tuple[str, str], float] = {}

    def width(style: str, text: str) -> float:
        key = (style, text)
        if key not in widths:
            widths[key] = text_width(pdf, style, size, text)
        return widths[key]

    line: list[list] = []  # [run index, style, text, width]
    x = pdf.get_x()

    def add(index: int, style: str, text: str, w: float) -> None:
        nonlocal x
        if line and line[-1][0] == index:
            line[-1][2] += text
            line[-1][3] += w
        else:
            line.append([index, style, text, w])
        x += w

    def finish() -> list[tuple[str, str]]:
        while line and line[-1][2].endswith(" "):  # the space at a break is dropped
            kept = line[-1][2].rstrip(" ")
            if kept:
                line[-1][3] -= width(line[-1][1], line[-1][2][len(kept):])
                line[-1][2] = kept
            else:
                line.pop()
        pieces = [(style, text) for _, style, text, _ in line]
        line.clear()
        return pieces

    for index, run in enumerate(runs):
        if run.br:
            yield finish()
            yield None
            x = pdf.l_margin
            continue
        style = ("B" if run.bold or bold else "") + ("I" if run.italic else "")
        for token in _TOKENS.findall(run.text.replace("\n", " ")):
            w = width(style, token)
            if x + w <= right + 1e-6:
                add(index, style, token, w)
                continue
            if token.startswith(" "):  # a break at this space
                yield finish()
                yield None
                x = pdf.l_margin
                continue
            carried = carry(line, width)  # a word split over runs moves as a whole
            if line:
                yield finish()
                yield None
                x = pdf.l_margin
            elif x > pdf.l_margin + 1e-6 and pdf.l_margin + w <= right:
                yield []
                yield None
                x = pdf.l_margin
            for piece in carried:
                add(*piece)
            if x + w <= right + 1e-6:
                add(index, style, token, w)
                continue
            for char in token:  # longer than a line: break between characters
                cw = width(style, char)
                if x + cw > right + 1e-6 and line:
                    yield finish()
                    yield None
                    x = pdf.l_margin
                add(index, style, char, cw)
    yield finish()


def text_width(pdf, style: str, size: float, text: str) -> float:
    """Width in mm from the font's own width table (what fpdf2 sums too, without its per-call overhead)."""
    font = pdf.fonts.get(f"{FONT.lower()}{style}")
    try:
        return sum(map(font.cw.__getitem__, map(ord, text))) * size * 0.001 / pdf.k
    except (AttributeError, IndexError, TypeError):
        pdf.set_font(FONT, style, size)
        return pdf.get_string_width(text)


def carry(line: list[list], width) -> list[tuple]:
    """Take the pieces after the line's last space off the line (they start the next one)."""
    carried: list[tuple] = []
    while line and not line[-1][2].endswith(" "):
        index, style, text, w = line[-1]
        cut = text.rfind(" ") + 1
        if cut == 0:
            carried.insert(0, tuple(line.pop()))
            continue
        tail = text[cut:]
        line[-1][2] = text[:cut]
        tail_w = width(style, tail)
        line[-1][3] = w - tail_w
        carried.insert(0, (index, style, tail, tail_w))
        break
    if not line:  # no space on the line at all: nothing to carry, the word stays where it is
        line.extend(list(piece) for piece in carried)
        return []
    return carried
