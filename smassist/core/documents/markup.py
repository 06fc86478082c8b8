"""The document markup: the small Markdown dialect the templates write, parsed into blocks.

Every document template (`templates/<id>.md.j2`) renders to this markup; the
text, Markdown, HTML and PDF outputs are all made from the parsed blocks, so
the four formats never say different things.

Lines (one block per line; a blank line ends a paragraph):

    # Titel / ## Kop / ### Subkop
    gewone alinea; een nieuwe regel in een alinea is een nieuwe regel op papier
    - opsomming            1. genummerd            - [ ] afvinken   - [x] afgevinkt
    > citaat (een lege '>'-regel begint een nieuwe alinea in het citaat)
    ::: kader              (ook: klein, let-op) ... :::   een blok met een rand of kleine letters
    @feit Label :: waarde  een gegeven (opeenvolgende feiten vormen een tabel)
    @regel Label           een lijn om met de hand in te vullen
    @vak 4 Label           een vak van 4 regels om in te vullen
    @keuze Label :: ja | nee   hokjes om aan te kruisen
    @handtekening Label    naam, datum en handtekening, bij elkaar gehouden
    @pagina                begin een nieuwe bladzijde

Inline: **vet**, *schuin*, and a backslash before any character makes it plain.

Values inserted by a template (`{{ ... }}`) are escaped by `escape()` (the
Jinja environment's finalize step), so a user's text can never become
markup; a line break inside a value becomes LINE SEPARATOR (U+2028), which
stays inside its block and is printed as a line break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

BREAK = "\u2028"
DIV_STYLES = ("kader", "klein", "let-op")

_LEAD = set("#->@:[+|*`!~_=") | set("0123456789")


def escape(value: str) -> str:
    """Make a value plain text inside the markup (used for every `{{ }}` in a .md.j2 template)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    text = text.replace("\\", "\\\\").replace("*", "\\*")
    text = text.replace("\n", BREAK)
    if text and text[0] in _LEAD:
        text = "\\" + text
    return text


# -- inline ---------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text with one style; `br` is a line break."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    br: bool = False


def parse_inline(source: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    buffer: list[str] = []
    bold = italic = False

    def flush() -> None:
        if buffer:
            runs.append(Run("".join(buffer), bold, italic))
            buffer.clear()

    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source):
            buffer.append(source[index + 1])
            index += 2
            continue
        if char == BREAK or char == "\n":
            flush()
            runs.append(Run(br=True))
        elif source.startswith("**", index):
            flush()
            bold = not bold
            index += 2
            continue
        elif char == "*":
            flush()
            italic = not italic
        else:
            buffer.append(char)
        index += 1
    flush()
    return tuple(runs)


def plain(runs: tuple[Run, ...]) -> str:
    return "".join("\n" if r.br else r.text for r in runs)


# -- blocks ---------------------------------------------------------------------


@dataclass
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    runs: tuple[Run, ...]


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    runs: tuple[Run, ...]


@dataclass
class Item:
    kind: ClassVar[str] = "item"
    runs: tuple[Run, ...]
    number: int | None = None
    checked: bool | None = None  # None: not a checkbox


@dataclass
class ListBlock:
    kind: ClassVar[str] = "list"
    style: str  # "bullet", "number", "check"
    items: list[Item] = field(default_factory=list)


@dataclass
class Quote:
    kind: ClassVar[str] = "quote"
    paragraphs: list[tuple[Run, ...]] = field(default_factory=list)


@dataclass
class Div:
    kind: ClassVar[str] = "div"
    style: str
    blocks: list = field(default_factory=list)


@dataclass
class Facts:
    kind: ClassVar[str] = "facts"
    rows: list[tuple[tuple[Run, ...], tuple[Run, ...]]] = field(default_factory=list)


@dataclass
class Line:
    kind: ClassVar[str] = "line"
    label: tuple[Run, ...]


@dataclass
class Box:
    kind: ClassVar[str] = "box"
    label: tuple[Run, ...]
    lines: int


@dataclass
class Choice:
    kind: ClassVar[str] = "choice"
    label: tuple[Run, ...]
    options: list[tuple[Run, ...]]


@dataclass
class Signature:
    kind: ClassVar[str] = "signature"
    label: tuple[Run, ...]


@dataclass
class PageBreak:
    kind: ClassVar[str] = "pagebreak"


Block = Heading | Paragraph | ListBlock | Quote | Div | Facts | Line | Box | Choice | Signature | PageBreak


class MarkupError(ValueError):
    """A template wrote markup this parser does not know (a template bug)."""


_HEADING = re.compile(r"^(#{1,3}) (.*)$")
_CHECK = re.compile(r"^- \[( |x|X)\] (.*)$")
_BULLET = re.compile(r"^- (.*)$")
_NUMBER = re.compile(r"^(\d+)\. (.*)$")
_DIRECTIVE = re.compile(r"^@([a-z]+)(?: (.*))?$")


def _split_unescaped(text: str, separator: str) -> list[str]:
    """Split on a separator that is not escaped."""
    parts, buffer, index = [], [], 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            buffer.append(text[index : index + 2])
            index += 2
        elif text.startswith(separator, index):
            parts.append("".join(buffer))
            buffer = []
            index += len(separator)
        else:
            buffer.append(text[index])
            index += 1
    parts.append("".join(buffer))
    return parts


def parse(source: str) -> list:
    """Parse rendered markup into blocks; unknown directives are a MarkupError (a template bug)."""
    root: list = []
    stack: list[list] = [root]
    paragraph: list[str] = []
    quote: Quote | None = None
    quote_lines: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            stack[-1].append(Paragraph(parse_inline("\n".join(paragraph))))
            paragraph.clear()

    def close_quote() -> None:
        nonlocal quote
        if quote is not None:
            if quote_lines:
                quote.paragraphs.append(parse_inline("\n".join(quote_lines)))
                quote_lines.clear()
            quote = None

    def close_all() -> None:
        close_paragraph()
        close_quote()

    def add_item(kind: str, item: Item) -> None:
        blocks = stack[-1]
        if not (blocks and isinstance(blocks[-1], ListBlock) and blocks[-1].style == kind):
            blocks.append(ListBlock(kind))
        blocks[-1].items.append(item)

    for number, raw in enumerate(source.replace("\r\n", "\n").split("\n"), 1):  # not splitlines(): it splits on BREAK too
        line = raw.rstrip()
        if not line.strip():
            close_all()
            # a blank line also ends a list, so two lists can follow each other
            stack[-1].append(None)
            continue
        if line.startswith(">"):
            close_paragraph()
            if quote is None:
                quote = Quote()
                stack[-1].append(quote)
            text = line[1:].lstrip(" ") if len(line) > 1 else ""
            if not text:
                if quote_lines:
                    quote.paragraphs.append(parse_inline("\n".join(quote_lines)))
                    quote_lines.clear()
            else:
                quote_lines.append(text)
            continue
        close_quote()
        if line.startswith(":::"):
            close_paragraph()
            style = line[3:].strip()
            if style:
                if style not in DIV_STYLES:
                    raise MarkupError(f"regel {number}: onbekend blok '::: {style}'; bekend: {', '.join(DIV_STYLES)}")
                div = Div(style)
                stack[-1].append(div)
                stack.append(div.blocks)
            else:
                if len(stack) == 1:
                    raise MarkupError(f"regel {number}: ':::' sluit een blok dat niet open is")
                stack.pop()
            continue
        heading = _HEADING.match(line)
        if heading:
            close_paragraph()
            stack[-1].append(Heading(len(heading.group(1)), parse_inline(heading.group(2))))
            continue
        check = _CHECK.match(line)
        if check:
            close_paragraph()
            add_item("check", Item(parse_inline(check.group(2)), checked=check.group(1) != " "))
            continue
        bullet = _BULLET.match(line)
        if bullet:
            close_paragraph()
            add_item("bullet", Item(parse_inline(bullet.group(1))))
            continue
        numbered = _NUMBER.match(line)
        if numbered:
            close_paragraph()
            add_item("number", Item(parse_inline(numbered.group(2)), number=int(numbered.group(1))))
            continue
        directive = _DIRECTIVE.match(line)
        if directive:
            close_paragraph()
            stack[-1].append(_directive(directive.group(1), directive.group(2) or "", number))
            continue
        paragraph.append(line)
    close_all()
    if len(stack) > 1:
        raise MarkupError("een '::: blok' is niet gesloten met ':::'")
    return _tidy(root)


def _directive(name: str, argument: str, number: int):
    if name == "pagina":
        return PageBreak()
    if name == "feit":
        label, _, value = argument.partition(" :: ")
        return Facts([(parse_inline(label), parse_inline(value))])
    if name == "regel":
        return Line(parse_inline(argument))
    if name == "vak":
        count, _, label = argument.partition(" ")
        if not count.isdigit():
            raise MarkupError(f"regel {number}: '@vak' wil een aantal regels, bijvoorbeeld '@vak 4 Wat is er gebeurd?'")
        return Box(parse_inline(label), int(count))
    if name == "keuze":
        label, _, options = argument.partition(" :: ")
        return Choice(parse_inline(label), [parse_inline(o.strip()) for o in _split_unescaped(options, " | ") if o.strip()])
    if name == "handtekening":
        return Signature(parse_inline(argument))
    raise MarkupError(f"regel {number}: onbekende opdracht '@{name}'")


def _tidy(blocks: list) -> list:
    """Drop the blank-line markers and join neighbouring facts into one table."""
    tidy: list = []
    for block in blocks:
        if block is None:
            if tidy and isinstance(tidy[-1], Facts):
                tidy.append(None)
            continue
        if isinstance(block, Div):
            block.blocks = _tidy(block.blocks)
        if isinstance(block, Facts) and tidy and isinstance(tidy[-1], Facts):
            tidy[-1].rows.extend(block.rows)
            continue
        if tidy and tidy[-1] is None:
            tidy.pop()
        tidy.append(block)
    return [b for b in tidy if b is not None]
