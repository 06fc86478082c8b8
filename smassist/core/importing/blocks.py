"""Classified lines → blocks: headings, numbered or bulleted items and paragraphs, lines re-joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from smassist.core.importing.clean import Line

_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_DOTTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")
_LETTER = re.compile(r"^([A-Za-z])[.)]\s+(\S.*)$")
_STEP = re.compile(r"^(stap|fase)\s+(\d{1,2})\b[.:]?\s*(.*)$", re.I)
_APPENDIX = re.compile(r"^bijlage(?:\s+(\d{1,2}|[A-Z]))?\s*[:.]?\s*(.*)$", re.I)
_TERMINAL = (".", ";", "!", "?", ":", "”", "\"", ")")
_KNOWN_HEADING = re.compile(r"^(inleiding|voorwoord|uitgangspunten|doelstellingen?|begrippen|definities|bijlage( \d+)?)$", re.I)
_KEEP_HYPHEN = {"en", "of", "tot", "en/of"}


@dataclass
class Block:
    kind: str  # heading | item | bullet | paragraph | footnote
    text: str
    number: str = ""  # "3", "3.8", "A", "a", step number, appendix number
    style: str = ""  # for headings: chapter | part | letter | step | appendix | plain; for items: digit | lower
    level: int = 0  # Markdown heading level or bullet indentation
    subs: list[str] = field(default_factory=list)  # nested bullet lines of an item


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def join_lines(first: str, second: str) -> str:
    """Join a hard-wrapped line; a word split with a hyphen is re-joined."""
    if re.search(r"[a-zà-ÿ]-$", first) and re.match(r"[a-zà-ÿ]", second) and second.split()[0] not in _KEEP_HYPHEN:
        return first[:-1] + second
    return f"{first} {second}"


def _looks_like_heading(line: Line, next_line: Line | None) -> bool:
    text = line.text
    if line.heading or _KNOWN_HEADING.match(text.rstrip(": ")):
        return True
    if len(text) > 90 or not text[:1].isupper() and not text[:1].isdigit() and not text.startswith("["):
        return False
    if text.endswith((".", ";", ",", "!", "?")) and not text.endswith("…"):
        return False
    words = text.split()
    if len(words) > 12:
        return False
    if next_line is None:
        return False
    # a heading stands alone: the next line starts a new passage
    return next_line.blank_before or next_line.bullet >= 0 or bool(_NUMBERED.match(next_line.text)) or next_line.heading > 0


def to_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    chapter = 0  # last numbered chapter heading seen
    list_next: int | None = None  # the number the current numbered list expects next
    current: Block | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            blocks.append(current)
        current = None

    for index, line in enumerate(lines):
        next_line = lines[index + 1] if index + 1 < len(lines) else None
        text = line.text
        if index == 0 and next_line is not None and _KNOWN_HEADING.match(next_line.text.rstrip(": ")) and not _ends_sentence(text):
            blocks.append(Block("heading", text.strip(), style="plain", level=line.heading))
            continue
        if current is not None and current.kind == "heading":
            if _continues_heading(current.text, line):
                current.text = join_lines(current.text, text)
                flush()
                continue
            flush()
        if line.footnote:  # set aside; the passage it interrupted goes on after it
            blocks.append(Block("footnote", text, number=line.footnote))
            continue
        if line.bullet >= 0:
            if current is not None and current.kind in ("item", "bullet") and line.bullet > current.level + 1:
                current.subs.append(text)
                continue
            flush()
            current = Block("bullet", text, level=line.bullet)
            continue
        heading_shape = _looks_like_heading(line, next_line)
        dotted = _DOTTED.match(text)
        if dotted and not line.heading and _looks_chapterish(dotted.group(2)):
            flush()
            current = Block("heading", dotted.group(2).strip(), number=dotted.group(1), style="chapter")
            list_next = None
            continue
        numbered = _NUMBERED.match(text)
        if numbered and not line.heading:
            number = int(numbered.group(1))
            title = numbered.group(2).strip()
            wrapped = next_line is not None and not next_line.blank_before and next_line.text[:1].islower()
            if number == chapter + 1 and _looks_chapterish(title) and not wrapped and (number != list_next or heading_shape):
                flush()
                chapter = number
                list_next = None
                current = Block("heading", title.rstrip(":").strip(), number=str(number), style="chapter")
                continue
            flush()
            list_next = number + 1
            current = Block("item", title, number=str(number), style="digit")
            continue
        if line.heading or (heading_shape and _may_start_heading(current, line)):
            heading = _heading_block(text, line.heading)
            if heading is not None:
                flush()
                if heading.style == "chapter" and heading.number.isdigit():
                    chapter = int(heading.number)
                list_next = None
                current = heading
                continue
        letter = _LETTER.match(text)
        if letter and letter.group(1).islower():
            flush()
            current = Block("item", letter.group(2), number=letter.group(1), style="lower")
            continue
        if current is not None and _continues(current, line):
            current.text = join_lines(current.text, text)
            continue
        flush()
        current = Block("paragraph", text)
    flush()
    return blocks


def _may_start_heading(current: Block | None, line: Line) -> bool:
    """A loose heading follows a finished passage; after 'Zie ook :' the next line is a reference, not a heading."""
    if current is None or current.kind == "heading":
        return True
    if _KNOWN_HEADING.match(line.text.rstrip(": ")):
        return True
    if not line.blank_before:
        # a short title right after a finished sentence, with a blank line after it
        return current.text.rstrip().endswith(".") and len(line.text.split()) <= 8 and not line.text.rstrip().endswith(":")
    if current.text.rstrip().endswith(":"):
        return False
    if _ends_sentence(current.text):
        return True
    text = line.text.rstrip()
    part = _LETTER.match(text)
    return text.endswith(":") or bool(part and part.group(1).isupper())


def _looks_chapterish(title: str) -> bool:
    return len(title.split()) <= 8 and not _ends_sentence(title)


def _continues(current: Block, line: Line) -> bool:
    """A line continues the passage unless a blank line and a full stop end it first."""
    text = line.text
    if not line.blank_before:
        return True
    if not _ends_sentence(current.text):
        return True
    return not (text[:1].isupper() or text[:1] in "“\"'‘[" or text[:1].isdigit())


def _continues_heading(heading: str, line: Line) -> bool:
    """A heading printed over two lines ('… (medewerkers, leerlingen en' / 'ouders/verzorgers)')."""
    return heading.count("(") > heading.count(")") or (heading.rstrip().endswith((" en", " of", ",")) and line.text[:1].islower())


def _heading_block(text: str, level: int) -> Block | None:
    text = text.strip().rstrip(":").strip()
    if text.endswith(".") and not text.endswith(("..", "…")):
        text = text[:-1]
    if not text:
        return None
    appendix = _APPENDIX.match(text)
    if appendix and len(text) < 80:
        return Block("heading", appendix.group(2), number=appendix.group(1) or "", style="appendix", level=level)
    step = _STEP.match(text)
    if step:
        return Block("heading", step.group(3), number=step.group(2), style="step", level=level)
    numbered = _NUMBERED.match(text) or _DOTTED.match(text)
    if numbered:
        return Block("heading", numbered.group(2), number=numbered.group(1), style="chapter", level=level)
    letter = _LETTER.match(text)
    if letter:
        style = "part" if letter.group(1).isupper() else "letter"
        return Block("heading", letter.group(2), number=letter.group(1), style=style, level=level)
    return Block("heading", text, style="plain", level=level)
