"""Lines of a document → classified lines: layout artefacts dropped, Markdown undone, scan errors fixed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
BULLETS = "•§\uf0b7▪●○◦·*-–"

_PAGE_FOOTER = re.compile(r"(\b\d{1,3}\s+van\s+\d{1,3}|\bpagina\s+\d{1,3}(\s+van\s+\d{1,3})?)\s*$", re.I)
_ONLY_NUMBER = re.compile(r"^\s*(-\s*)?\d{1,3}(\s*-)?\s*$")
_TOC = re.compile(r"^\s*\d{1,2}(\.\d{1,2})*\.?\s+\S.*?(\t+|\.{3,}\s*|\s{3,})\d{1,3}\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_SUP = re.compile(r"<sup>\s*(\d+)\s*</sup>")
_FOOTNOTE = re.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*(.+)$")
_BULLET = re.compile(r"^(\s*)([•§\uf0b7▪●○◦·]|[-*–](?=\s))\s*(.*)$")

# Scan errors that recur in Dutch protocols; each fix is reported so a person can check it.
SCAN_FIXES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\bHetis\b"), "Het is", "'Hetis' → 'Het is'"),
    (re.compile(r"\bDerrichtlijnen\b"), "De richtlijnen", "'Derrichtlijnen' → 'De richtlijnen'"),
    (re.compile(r"\b0\.a\."), "o.a.", "'0.a.' → 'o.a.'"),
    (re.compile(r"(?<=[a-z])é(?=(le|len|ren|rt|rd)\b)"), "ë", "'é' → 'ë' (trema)"),
    (re.compile("é\u0301"), "é", "losse accent verwijderd"),
    (re.compile(r"(?<=[a-z]),(?=[a-z])"), ", ", "spatie na komma"),
)


@dataclass
class Line:
    text: str
    blank_before: bool = False
    heading: int = 0  # Markdown heading level, 0 for body text
    bullet: int = -1  # indentation of a bullet item, -1 when the line is not one
    footnote: str | None = None  # the footnote number when the line is a footnote's text
    hard_break: bool = False  # Markdown line ending in two spaces: a new line within the same passage


def fix_scan_errors(text: str) -> tuple[str, list[str]]:
    fixes = []
    for pattern, replacement, label in SCAN_FIXES:
        text, count = pattern.subn(replacement, text)
        if count:
            fixes.append(label)
    return text, fixes


def _inline(text: str) -> str:
    text = _SUP.sub(lambda m: m.group(1).translate(SUPERSCRIPT), text)
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"\*{2,3}", "", text)
    text = text.replace("\\*", "*")
    text = re.sub(r"<[^>]{1,20}>", "", text)
    return text


def _footnote_mark(text: str) -> str:
    """A footnote number glued to a word by the scan ('persoonsgegevens2') becomes a superscript."""
    return re.sub(r"(?<=[a-z]{4})(\d)(?=[\s,.;:]|$)", lambda m: m.group(1).translate(SUPERSCRIPT), text)


def clean_lines(raw: list[str]) -> list[Line]:
    lines: list[Line] = []
    blank = True
    urls: set[str] = set()
    for original in raw:
        text = unicodedata.normalize("NFC", original.replace("\xa0", " ").replace("\u200b", ""))
        hard_break = text.endswith("  ") and bool(text.strip())
        if not text.strip() or set(text.strip()) <= set("-_=*"):
            blank = True
            continue
        if _PAGE_FOOTER.search(text) and len(text.strip()) < 120 and not text.strip().endswith("."):
            continue
        if _ONLY_NUMBER.match(text) or _TOC.match(text):
            continue
        bare = text.strip()
        if re.fullmatch(r"(https?://|www\.)\S+", bare):
            if bare in urls:  # a link printed again on its own line: layout, not text
                continue
            urls.add(bare)
        footnote = _FOOTNOTE.match(text)
        if footnote:
            lines.append(Line(_inline(footnote.group(2)).strip(), True, footnote=footnote.group(1)))
            blank = True
            continue
        heading = 0
        md = _MD_HEADING.match(text)
        if md:
            heading = len(md.group(1))
            text = md.group(2)
        text = _inline(text)
        bullet = -1
        match = _BULLET.match(text)
        if match and not heading:
            bullet = len(match.group(1).expandtabs(4))
            text = match.group(3)
        elif heading:
            text = text.lstrip(BULLETS + " ")
        text = _footnote_mark(" ".join(text.split()))
        if not text:
            blank = True
            continue
        lines.append(Line(text, blank, heading, bullet, hard_break=hard_break))
        blank = False
    return lines
