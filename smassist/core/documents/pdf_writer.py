"""A small PDF writer: the part of fpdf2's interface our documents use, and nothing else.

fpdf2 cost 260-570 ms to import (PIL, fontTools) plus parsing four fonts and
subsetting them at every render; a document needs a few hundred text pieces,
lines and rectangles. This writes them directly: A4 pages in millimetres, text
as glyph ids of our bundled TrueType fonts (Type0 / CIDFontType2, Identity-H)
with a ToUnicode map so the text stays selectable and searchable, page
contents and fonts compressed. Positions follow fpdf2's rules (cell padding,
the baseline of a text in its cell, page breaks, `{nb}` for the page count), so
documents look as they did. Only what smassist.core.documents.pdf_output calls
is here; anything else is an AttributeError, not a silent difference.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import datetime, timezone
from pathlib import Path

from smassist.core.documents.pdf_font import TrueTypeFont, to_unicode

K = 72 / 25.4  # points per millimetre
A4 = (595.28, 841.89)  # points, as fpdf2
PAGE_COUNT = "{nb}"
_FONTS: dict[str, TrueTypeFont] = {}  # path -> parsed font: parsed once per process


def _font(path: str) -> TrueTypeFont:
    if path not in _FONTS:
        _FONTS[path] = TrueTypeFont(Path(path))
    return _FONTS[path]


def _gray(level) -> tuple[float, ...]:
    return (level / 255,)


def _colour(value: tuple[float, ...], stroke: bool) -> str:
    op = "G" if stroke else "g"
    return f"{value[0]:.3f} {op}"


def _pdf_string(text: str) -> str:
    """A text string for the document information: UTF-16 with a byte-order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class PDF:
    def __init__(self):
        self.k = K
        self.w, self.h = A4[0] / K, A4[1] / K
        self.c_margin = 28.35 / K / 10  # fpdf2's cell padding: a tenth of its default 1 cm margin
        self.l_margin = self.t_margin = self.r_margin = 28.35 / K
        self.x, self.y = self.l_margin, self.t_margin
        self.fonts: dict[str, TrueTypeFont] = {}  # family+style, as fpdf2 names them ("dejavuB")
        self.page = 0
        self.pages: list[list] = []
        self.in_footer = False
        self.font_key, self.font_style, self.font_size_pt = "", "", 12.0
        self._last_h = 0.0
        self.text_color = self.draw_color = self.fill_color = (0.0,)
        self.line_width = 0.2
        self.info: dict[str, str] = {}
        self.lang = ""
        self._used: dict[str, set[str]] = {}  # font key -> the characters drawn with it
        self.set_auto_page_break(True, 2 * 28.35 / K)

    # -- settings ---------------------------------------------------------------------------

    def add_font(self, family: str, style: str, path: str) -> None:
        self.fonts[family.lower() + style] = _font(str(path))

    def set_font(self, family: str, style: str = "", size: float | None = None) -> None:
        self.font_key, self.font_style = family.lower() + style, style
        if size is not None:
            self.font_size_pt = size

    @property
    def font_size(self) -> float:
        return self.font_size_pt / self.k

    def set_margins(self, left: float, top: float, right: float = -1) -> None:
        self.set_left_margin(left)
        if self.y < top or self.y == self.t_margin:
            self.y = top
        self.t_margin = top
        self.r_margin = left if right == -1 else right

    def set_left_margin(self, margin: float) -> None:
        if self.x < margin or self.x == self.l_margin:
            self.x = margin
        self.l_margin = margin

    def set_right_margin(self, margin: float) -> None:
        self.r_margin = margin

    def set_auto_page_break(self, auto: bool, margin: float = 0) -> None:
        self.auto_page_break = auto
        self.b_margin = margin
        self.page_break_trigger = self.h - margin

    def set_title(self, title: str) -> None:
        self.info["Title"] = title

    def set_author(self, author: str) -> None:
        self.info["Author"] = author

    def set_creator(self, creator: str) -> None:
        self.info["Creator"] = creator

    def set_lang(self, lang: str) -> None:
        self.lang = lang

    def set_text_color(self, level) -> None:
        self.text_color = _gray(level)

    def set_draw_color(self, level) -> None:
        self.draw_color = _gray(level)

    def set_fill_color(self, level) -> None:
        self.fill_color = _gray(level)

    def set_line_width(self, width: float) -> None:
        self.line_width = width

    @property
    def epw(self) -> float:
        return self.w - self.l_margin - self.r_margin

    # -- position -----------------------------------------------------------------------------

    def get_x(self) -> float:
        return self.x

    def get_y(self) -> float:
        return self.y

    def set_x(self, x: float) -> None:
        self.x = x if x >= 0 else self.w + x

    def set_y(self, y: float) -> None:
        self.x = self.l_margin
        self.y = y if y >= 0 else self.h + y

    def set_xy(self, x: float, y: float) -> None:
        self.set_y(y)
        self.set_x(x)

    def ln(self, h: float | None = None) -> None:
        self.x = self.l_margin
        self.y += (self._last_h or self.font_size) if h is None else h

    def page_no(self) -> int:
        return self.page

    # -- pages --------------------------------------------------------------------------------

    def footer(self) -> None:
        """Drawn at the end of every page; a subclass fills it in."""

    def add_page(self) -> None:
        if self.page:
            self._footer()
        self.page += 1
        self.pages.append([])
        self.x, self.y = self.l_margin, self.t_margin

    def _footer(self) -> None:
        self.in_footer = True
        font, size, colour = (self.font_key, self.font_style), self.font_size_pt, self.text_color
        self.footer()
        (self.font_key, self.font_style), self.font_size_pt, self.text_color = font, size, colour
        self.in_footer = False

    def _break_if_needed(self, h: float) -> None:
        if self.y + h > self.page_break_trigger and not self.in_footer and self.auto_page_break:
            x = self.x
            self.add_page()
            self.x = x

    # -- drawing ------------------------------------------------------------------------------

    def get_string_width(self, text: str) -> float:
        font = self.fonts[self.font_key]
        return sum(map(font.cw.__getitem__, map(ord, text))) * self.font_size_pt * 0.001 / self.k

    def cell(self, w: float | None = None, h: float | None = None, text: str = "", align: str = "L",
             new_x: str = "RIGHT", new_y: str = "TOP") -> None:
        """One line of text in a box w wide (None: the text's width; 0: to the right margin), as fpdf2's cell()."""
        width = self.get_string_width(text.replace(PAGE_COUNT, "000")) if text else 0.0
        if w is None:
            w = width + 2 * self.c_margin
        elif w == 0:
            w = self.w - self.r_margin - self.x
        h = self.font_size if h is None else h
        self._break_if_needed(h)
        if text:
            dx = w - self.c_margin - width if align == "R" else (w - width) / 2 if align == "C" else self.c_margin
            self.pages[-1].append(("text", self.font_key, self.font_size_pt, self.text_color, self.x + dx,
                                   self.y + 0.5 * h + 0.3 * self.font_size, text))
        self._last_h = h
        if new_x == "RIGHT":
            self.x += w
        elif new_x == "WCONT":
            self.x += (self.c_margin + width - self.c_margin) if text else self.c_margin
        elif new_x == "LMARGIN":
            self.x = self.l_margin
        elif new_x == "LEFT":
            pass
        else:
            raise ValueError(f"new_x={new_x!r} is not supported")
        if new_y == "NEXT":
            self.y += h
        elif new_y != "TOP":
            raise ValueError(f"new_y={new_y!r} is not supported")

    def multi_cell(self, w: float, h: float, text: str, align: str = "L", new_x: str = "RIGHT",
                   new_y: str = "NEXT") -> None:
        """Text wrapped to lines of w (less the padding), one cell per line, as fpdf2's multi_cell()."""
        from smassist.core.documents.markup import Run
        from smassist.core.documents.pdf_text import wrapped

        x = self.x
        if w == 0:
            w = self.w - self.r_margin - x
        lines: list[str] = []
        saved = self.l_margin, self.r_margin
        try:
            self.l_margin, self.r_margin = x, self.w - x - w
            bold = "B" in self.font_style
            for paragraph in text.split("\n"):
                self.x = x
                lines += ["".join(t for _, t in line) for line in wrapped(self, (Run(paragraph),), self.font_size_pt, bold)
                          if line is not None]
        finally:
            self.l_margin, self.r_margin = saved
        for line in lines:
            self.x = x
            self.cell(w, h, line, align=align, new_x="LEFT", new_y="NEXT")
        if new_x == "RIGHT":
            self.x = x + w
        elif new_x == "LMARGIN":
            self.x = self.l_margin
        else:
            self.x = x
        if new_y == "TOP":
            self.y -= h * len(lines)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.pages[-1].append(("line", self.draw_color, self.line_width, x1, y1, x2, y2))

    def rect(self, x: float, y: float, w: float, h: float, style: str = "D") -> None:
        self.pages[-1].append(("rect", self.draw_color, self.fill_color, self.line_width, x, y, w, h, style))

    # -- output -------------------------------------------------------------------------------

    def output(self) -> bytes:
        if self.page:
            self._footer()
        total = str(len(self.pages))
        writer = _Objects()
        catalog, pages_ref = writer.reserve(), writer.reserve()
        contents = [self._content(ops, total) for ops in self.pages]
        used_fonts = set().union(*(fonts for _, fonts in contents))
        font_refs = {key: writer.reserve() for key in self.fonts if key in used_fonts}
        kids = []
        for stream, fonts in contents:
            content = writer.stream(stream)
            resources = " ".join(f"/F{list(self.fonts).index(k) + 1} {font_refs[k]} 0 R" for k in sorted(fonts))
            kids.append(writer.add(f"<< /Type /Page /Parent {pages_ref} 0 R /Contents {content} 0 R "
                                   f"/Resources << /Font << {resources} >> /ProcSet [/PDF /Text] >> >>"))
        for key, ref in font_refs.items():
            self._embed(writer, ref, key)
        writer.set(pages_ref, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} "
                              f"/MediaBox [0 0 {A4[0]:.2f} {A4[1]:.2f}] >>")
        lang = f" /Lang {_pdf_string(self.lang)}" if self.lang else ""
        writer.set(catalog, f"<< /Type /Catalog /Pages {pages_ref} 0 R{lang} >>")
        now = datetime.now(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
        fields = " ".join(f"/{key} {_pdf_string(value)}" for key, value in self.info.items())
        info = writer.add(f"<< {fields} /Producer {_pdf_string('smassist')} /CreationDate ({now}) >>")
        return writer.finish(catalog, info)

    def _content(self, ops: list, total: str) -> tuple[bytes, set[str]]:
        out = [f"2 J {0.2 * self.k:.2f} w"]
        fonts: set[str] = set()
        names = {key: index + 1 for index, key in enumerate(self.fonts)}
        h = self.h
        for op in ops:
            if op[0] == "text":
                _, key, size, colour, x, baseline, text = op
                font = self.fonts[key]
                # laid out with "000" for the count, drawn from the same place (as fpdf2 does)
                text = text.replace(PAGE_COUNT, total)
                fonts.add(key)
                glyphs = font.encode(text, self._used.setdefault(key, set()))
                out.append(f"q {_colour(colour, False)} BT /F{names[key]} {size:.2f} Tf "
                           f"{x * self.k:.2f} {(h - baseline) * self.k:.2f} Td <{glyphs}> Tj ET Q")
            elif op[0] == "line":
                _, colour, width, x1, y1, x2, y2 = op
                out.append(f"q {_colour(colour, True)} {width * self.k:.2f} w {x1 * self.k:.2f} {(h - y1) * self.k:.2f} m "
                           f"{x2 * self.k:.2f} {(h - y2) * self.k:.2f} l S Q")
            else:
                _, draw, fill, width, x, y, w, rh, style = op
                paint = "f" if style == "F" else "B" if style in ("DF", "FD") else "S"
                out.append(f"q {_colour(draw, True)} {_colour(fill, False)} {width * self.k:.2f} w "
                           f"{x * self.k:.2f} {(h - y) * self.k:.2f} {w * self.k:.2f} {-rh * self.k:.2f} re {paint} Q")
        return "\n".join(out).encode("ascii"), fonts

    def _embed(self, writer: _Objects, ref: int, key: str) -> None:
        font = self.fonts[key]
        used = font.glyphs_for(self._used.get(key, set()))
        data = font.subset(set(used))
        file = writer.stream(data, extra=f"/Length1 {len(data)}")
        digest = hashlib.sha256(data).digest()  # a subset's tag: six capitals, different for different subsets
        name = "".join(chr(65 + b % 26) for b in digest[:6]) + "+" + font.name
        scale = 1000 / font.units
        bbox = " ".join(f"{v * scale:.0f}" for v in font.bbox)
        descriptor = writer.add(
            f"<< /Type /FontDescriptor /FontName /{name} /Flags {font.flags()} /FontBBox [{bbox}] "
            f"/ItalicAngle {int(font.italic_angle)} /Ascent {round(font.ascent * scale)} "
            f"/Descent {round(font.descent * scale)} /CapHeight {round(font.cap_height * scale)} "
            f"/StemV {round(50 + int(pow(font.weight / 65, 2)))} /MissingWidth {font.missing} /FontFile2 {file} 0 R >>")
        widths = " ".join(f"{glyph} [{font.glyph_widths.get(glyph, font.missing)}]" for glyph in sorted(used))
        cid = writer.add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                         f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                         f"/FontDescriptor {descriptor} 0 R /DW {font.missing} /W [{widths}] /CIDToGIDMap /Identity >>")
        unicode_map = writer.stream(to_unicode(used))
        writer.set(ref, f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                        f"/DescendantFonts [{cid} 0 R] /ToUnicode {unicode_map} 0 R >>")


class _Objects:
    """Numbered PDF objects, written in order with a cross-reference table."""

    def __init__(self):
        self.bodies: list[bytes | None] = []

    def reserve(self) -> int:
        self.bodies.append(None)
        return len(self.bodies)

    def set(self, ref: int, body: str) -> None:
        self.bodies[ref - 1] = body.encode("ascii")

    def add(self, body: str) -> int:
        ref = self.reserve()
        self.set(ref, body)
        return ref

    def stream(self, data: bytes, level: int = 6, extra: str = "") -> int:
        packed = zlib.compress(data, level)
        ref = self.reserve()
        head = f"<< /Filter /FlateDecode /Length {len(packed)}{' ' + extra if extra else ''} >>\nstream\n"
        self.bodies[ref - 1] = head.encode("ascii") + packed + b"\nendstream"
        return ref

    def finish(self, root: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.bodies, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.bodies) + 1}\n0000000000 65535 f \n".encode("ascii")
        out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
        out += (f"trailer\n<< /Size {len(self.bodies) + 1} /Root {root} 0 R /Info {info} 0 R >>\n"
                f"startxref\n{xref}\n%%EOF\n").encode("ascii")
        return bytes(out)
