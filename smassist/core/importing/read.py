"""Read a protocol document (.txt, .md, .docx, text .pdf) into plain lines of text."""

from __future__ import annotations

import logging
import re
import warnings
import zipfile
from contextlib import contextmanager
from pathlib import Path

from smassist.core.problems import DataError
from smassist.core.user_files import read_bytes

MAX_BYTES = 20 * 1024 * 1024  # a protocol is a few pages; anything this big is not one


class ImportProblem(Exception):
    """A document that cannot be imported; the message is one Dutch line for the user."""


def read_document(path: Path) -> list[str]:
    """The document's text as lines, in reading order; raises ImportProblem with a Dutch reason."""
    try:
        data = read_bytes(path, limit=MAX_BYTES)  # regular files only: a FIFO or /dev/zero never hangs the import
    except DataError as exc:
        reason = str(exc.problems[0])
        # "dit is een map; geef een bestand" already says what to do: say it once
        hint = "" if "geef" in reason else "; geef het pad naar het protocol (.txt, .md, .docx of .pdf)"
        raise ImportProblem(f"{reason}{hint}") from None
    suffix = path.suffix.lower()
    if suffix == ".docx":
        lines = _read_docx(path)
    elif suffix == ".pdf":
        lines = _read_pdf(path)
    elif suffix in (".txt", ".md", ".markdown", ".text", ""):
        lines = _read_text(path, data)
    else:
        raise ImportProblem(f"{path}: bestandssoort '{suffix}' wordt niet ondersteund; sla het protocol op als .txt, .md, .docx of .pdf")
    if not any(line.strip() for line in lines):
        raise ImportProblem(f"{path}: het bestand bevat geen tekst; kies het bestand met de tekst van het protocol")
    return lines


def _read_text(path: Path, data: bytes) -> list[str]:
    utf16 = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_without_mark(data)
    if utf16:  # Notepad's "Unicode" (with a byte order mark); some Windows exports leave the mark out
        try:
            return data.decode(utf16).lstrip("\ufeff").splitlines()
        except UnicodeDecodeError:
            raise ImportProblem(f"{path}: de tekst is beschadigd; sla het bestand opnieuw op als UTF-8") from None
    if b"\x00" in data[:4096]:
        raise ImportProblem(f"{path}: dit is geen tekstbestand; sla het protocol op als .txt, .md, .docx of .pdf")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    raise ImportProblem(f"{path}: de tekencodering is onbekend; sla het bestand op als UTF-8")


def _utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 saved without a byte order mark, told by its NUL bytes: Dutch text is almost all characters
    below U+0100, so nearly every second byte is NUL (the odd ones little-endian, the even ones big-endian)
    and almost none of the others; a binary file has NULs anywhere."""
    sample = data[:4096]
    sample = sample[:len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0) / (len(sample) / 2), sample[1::2].count(0) / (len(sample) / 2)
    if odd >= 0.6 and even <= 0.02:
        return "utf-16-le"
    if even >= 0.6 and odd <= 0.02:
        return "utf-16-be"
    return None


def _read_docx(path: Path) -> list[str]:
    """Paragraphs of word/document.xml; numbered-list paragraphs get their number back."""
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo("word/document.xml").file_size > MAX_BYTES:
                raise ImportProblem(f"{path}: de tekst in dit Word-bestand is te groot voor een protocol; kies het juiste bestand")
            with archive.open("word/document.xml") as member:
                xml = member.read(MAX_BYTES + 1)  # the size in the header may lie (a zip bomb)
            if len(xml) > MAX_BYTES:
                raise ImportProblem(f"{path}: de tekst in dit Word-bestand is te groot voor een protocol; kies het juiste bestand")
    except ImportProblem:
        raise
    except Exception:  # noqa: BLE001 - a damaged zip fails in zipfile, zlib or struct with many exception types
        raise ImportProblem(f"{path}: dit is geen geldig Word-bestand (.docx); open het in Word en sla het opnieuw op als .docx") from None
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise ImportProblem(f"{path}: het Word-bestand is beschadigd; open het in Word en sla het opnieuw op") from None
    lines: list[str] = []
    counters: dict[str, list[int]] = {}  # per numbering: the counter of each level
    for paragraph in root.iter(f"{w}p"):
        text = "".join(node.text or ("\t" if node.tag == f"{w}tab" else "") for node in paragraph.iter()
                       if node.tag in (f"{w}t", f"{w}tab"))
        style = paragraph.find(f"{w}pPr/{w}pStyle")
        name = (style.get(f"{w}val", "") if style is not None else "").lower()
        heading = re.match(r"(heading|kop)\s*(\d)", name)
        num = paragraph.find(f"{w}pPr/{w}numPr")
        if num is not None and text.strip() and not heading:
            num_id = num.find(f"{w}numId")
            level_node = num.find(f"{w}ilvl")
            key = num_id.get(f"{w}val", "") if num_id is not None else ""
            raw_level = level_node.get(f"{w}val", "0") if level_node is not None else "0"
            level = min(int(raw_level), 8) if raw_level.isascii() and raw_level.isdigit() else 0
            levels = counters.setdefault(key, [0] * 9)
            levels[level] += 1
            levels[level + 1:] = [0] * (8 - level)  # a new item restarts the levels below it
            text = f"{'  ' * level}{levels[level]}. {text}"
        elif heading and text.strip():
            text = f"{'#' * int(heading.group(2))} {text}"
        lines.append(text)
        lines.append("")
    return lines


def _read_pdf(path: Path) -> list[str]:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise ImportProblem("PDF lezen lukt niet: pypdf ontbreekt; installeer smassist opnieuw") from None
    try:
        with _quiet_pypdf():
            reader = PdfReader(path)
        if reader.is_encrypted:
            raise ImportProblem(f"{path}: de PDF is beveiligd met een wachtwoord; sla een onbeveiligde versie op en importeer die")
        with _quiet_pypdf():
            pages = [_page_text(page) for page in reader.pages]
    except ImportProblem:
        raise
    except Exception:  # noqa: BLE001 - pypdf meets every kind of damage with its own exception type
        raise ImportProblem(f"{path}: dit is geen leesbare PDF; sla het protocol opnieuw op als PDF of als .docx") from None
    if sum(len(p.strip()) for p in pages) < 40:
        raise ImportProblem(f"{path}: de PDF bevat geen tekst (waarschijnlijk een scan); gebruik een PDF met tekst of het Word-bestand")
    lines: list[str] = []
    for page in pages:
        lines.extend(page.splitlines())
        lines.append("")
    return lines


@contextmanager
def _quiet_pypdf():
    """pypdf reports damage in English on stderr ('invalid pdf header'); the user gets one Dutch line instead."""
    logger = logging.getLogger("pypdf")  # its modules log to children of this one, which take its level
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _page_text(page) -> str:
    """Layout mode keeps the blank space between paragraphs, which is how passages are told apart."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - pypdf's layout mode fails on some odd pages; plain text still helps
        return page.extract_text() or ""
