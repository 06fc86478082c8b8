"""Our bundled TrueType fonts, read just far enough to write them into a PDF.

The fonts in `fonts/` are already cut down to the characters Dutch documents
use (see fonts/make_subset.py), so they are embedded whole: no subsetting at
output. What the PDF needs is read from the font's own tables: the character
map (cmap, format 4), the advance widths (hmtx), and the few numbers of the
font descriptor (head, hhea, OS/2, post, name). Widths are scaled to 1/1000 em
and rounded as fpdf2 rounds them, so lines break exactly where they did.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path


class Widths(dict):
    """Character code -> width in 1/1000 em; a character the font lacks has the width of its .notdef glyph."""

    def __init__(self, missing: int):
        super().__init__()
        self.missing = missing

    def __missing__(self, code: int) -> int:
        return self.missing


class TrueTypeFont:
    def __init__(self, path: Path):
        self.data = path.read_bytes()
        self.tables = self._directory()
        head = self._table("head")
        self.units, = struct.unpack_from(">H", head, 18)
        self.bbox = struct.unpack_from(">hhhh", head, 36)
        hhea = self._table("hhea")
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        metrics, = struct.unpack_from(">H", hhea, 34)
        advances = struct.unpack_from(f">{metrics * 2}H", self._table("hmtx"))[::2]
        self.glyphs: dict[int, int] = self._cmap()  # character code -> glyph id
        os2 = self._table("OS/2")
        version, = struct.unpack_from(">H", os2, 0)
        self.weight, = struct.unpack_from(">H", os2, 4)
        self.cap_height = struct.unpack_from(">h", os2, 88)[0] if version >= 2 and len(os2) >= 90 else self.ascent
        post = self._table("post")
        self.italic_angle = struct.unpack_from(">i", post, 4)[0] / 65536
        self.fixed_pitch = struct.unpack_from(">I", post, 12)[0] != 0
        self.name = re.sub(r"[^A-Za-z0-9+-]", "", self._name(6) or path.stem)
        scale = 1000 / self.units

        def advance(glyph: int) -> int:
            width = advances[min(glyph, len(advances) - 1)]
            return 0 if width == 65535 else width

        self.missing = round(scale * advance(0))
        self.cw = Widths(self.missing)
        self.glyph_widths: dict[int, int] = {0: self.missing}
        for code, glyph in self.glyphs.items():
            width = round(scale * advance(glyph) + 0.001)  # as fpdf2: half up
            self.cw[code] = width
            self.glyph_widths[glyph] = width
        self._hex = {code: f"{glyph:04X}" for code, glyph in self.glyphs.items()}  # for str.translate

    # -- tables ------------------------------------------------------------------------------

    def _directory(self) -> dict[str, tuple[int, int]]:
        count, = struct.unpack_from(">H", self.data, 4)
        tables = {}
        for index in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", self.data, 12 + 16 * index)
            tables[tag.decode("latin-1")] = (offset, length)
        return tables

    def _table(self, tag: str) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset:offset + length]

    def _cmap(self) -> dict[int, int]:
        table = self._table("cmap")
        count, = struct.unpack_from(">H", table, 2)
        subtables = {}
        for index in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * index)
            subtables[(platform, encoding)] = offset
        offset = subtables.get((3, 1), subtables.get((0, 3)))
        if offset is None or struct.unpack_from(">H", table, offset)[0] != 4:
            raise ValueError("font without a Unicode format 4 cmap")
        segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", table, offset + 14)
        starts = struct.unpack_from(f">{segments}H", table, offset + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 4 * segments)
        ranges_at = offset + 16 + 6 * segments
        range_offsets = struct.unpack_from(f">{segments}H", table, ranges_at)
        glyphs = {}
        for index, (start, end, delta, range_offset) in enumerate(zip(starts, ends, deltas, range_offsets)):
            for code in range(start, end + 1):
                if code == 0xFFFF:
                    continue
                if range_offset == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    at = ranges_at + 2 * index + range_offset + 2 * (code - start)
                    glyph = struct.unpack_from(">H", table, at)[0]
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                if glyph:
                    glyphs[code] = glyph
        return glyphs

    def _name(self, wanted: int) -> str | None:
        table = self._table("name")
        count, strings = struct.unpack_from(">HH", table, 2)
        for index in range(count):
            platform, encoding, _, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * index)
            if name_id == wanted:
                raw = table[strings + offset:strings + offset + length]
                return raw.decode("utf-16-be" if platform in (0, 3) else "latin-1", "replace")
        return None

    # -- what the PDF writer asks ------------------------------------------------------------------

    def encode(self, text: str, used: set[str]) -> str:
        """The text as hex glyph ids (Identity-H); adds its characters to used (for the subset and ToUnicode)."""
        used.update(text)
        out = text.translate(self._hex)
        if len(out) != 4 * len(text):  # a character the font lacks is left as it was: draw glyph 0 for it
            out = "".join(self._hex.get(ord(char), "0000") for char in text)
        return out

    def glyphs_for(self, chars: set[str]) -> dict[int, int]:
        """Glyph id -> the character it is drawn for (the first one, for glyph 0)."""
        found: dict[int, int] = {}
        for char in sorted(chars):
            found.setdefault(self.glyphs.get(ord(char), 0), ord(char))
        return found

    def subset(self, used: set[int]) -> bytes:
        """The font with only these glyphs' outlines (and their components); glyph ids stay as they are.

        The other glyphs become empty, so a document carries a few kilobytes of
        outlines instead of the whole font; layout and hinting tables are left out
        (a PDF viewer draws glyphs by id and needs neither).
        """
        head = bytearray(self._table("head"))
        long_offsets = struct.unpack_from(">h", head, 50)[0] == 1
        count, = struct.unpack_from(">H", self._table("maxp"), 4)
        loca = struct.unpack_from(f">{count + 1}{'I' if long_offsets else 'H'}", self._table("loca"))
        scale = 1 if long_offsets else 2
        glyf = self._table("glyf")

        def outline(glyph: int) -> bytes:
            return glyf[loca[glyph] * scale:loca[glyph + 1] * scale] if glyph < count else b""

        keep, todo = set(), [0, *used]
        while todo:
            glyph = todo.pop()
            if glyph in keep or glyph >= count:
                continue
            keep.add(glyph)
            data = outline(glyph)
            if len(data) > 10 and struct.unpack_from(">h", data, 0)[0] < 0:  # composite: add its components
                at = 10
                while True:
                    flags, component = struct.unpack_from(">HH", data, at)
                    todo.append(component)
                    at += 4 + (4 if flags & 1 else 2) + (2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0)
                    if not flags & 0x20:
                        break
        outlines, offsets = bytearray(), [0]
        for glyph in range(count):
            if glyph in keep:
                outlines += outline(glyph)
                outlines += b"\0" * (-len(outlines) % 4)
            offsets.append(len(outlines))
        struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment: not checked by viewers
        struct.pack_into(">h", head, 50, 1)  # long loca offsets
        tables = {"head": bytes(head), "loca": struct.pack(f">{count + 1}I", *offsets), "glyf": bytes(outlines)}
        for tag in ("cmap", "hhea", "hmtx", "maxp", "OS/2", "post", "cvt ", "fpgm", "prep"):
            if tag in self.tables and tag not in tables:
                tables[tag] = self._table(tag)
        return _sfnt(tables)

    def flags(self) -> int:
        flags = 4  # symbolic: glyphs are addressed by id, not by a standard encoding
        if self.fixed_pitch:
            flags |= 1
        if self.italic_angle:
            flags |= 64
        if self.weight >= 600:
            flags |= 1 << 18
        return flags


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """A TrueType file of these tables (table directory sorted by tag, each table 4-byte aligned)."""
    tags = sorted(tables)
    power = 1 << (len(tags).bit_length() - 1)
    out = bytearray(struct.pack(">IHHHH", 0x00010000, len(tags), power * 16, power.bit_length() - 1,
                                len(tags) * 16 - power * 16))
    offset = 12 + 16 * len(tags)
    body = bytearray()
    for tag in tags:
        data = tables[tag]
        padded = data + b"\0" * (-len(data) % 4)
        checksum = sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF
        out += struct.pack(">4sIII", tag.encode("latin-1"), checksum, offset + len(body), len(data))
        body += padded
    return bytes(out + body)


def to_unicode(used: dict[int, int]) -> bytes:
    """A ToUnicode CMap: glyph id -> the character it was drawn for, so the text can be copied and searched."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    pairs = sorted(used.items())
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{glyph:04X}> <{chr(code).encode('utf-16-be').hex().upper()}>" for glyph, code in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
