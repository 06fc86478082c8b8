"""Plain text and Markdown made from the parsed document blocks."""

from __future__ import annotations

import re
import textwrap

from smassist.core.documents import markup as m

WIDTH = 78


def _colon(label: str) -> str:
    """'Naam' becomes 'Naam:'; a label ending in a question mark or colon keeps it."""
    return label if label.endswith(("?", ":", "…")) else label + ":"


# -- plain text -------------------------------------------------------------------


def _lines(runs, width: int, first: str = "", rest: str = "") -> list[str]:
    """Wrap inline text; every line break in the runs is kept."""
    out: list[str] = []
    prefix = first
    for part in m.plain(runs).split("\n"):
        wrapped = textwrap.wrap(part, width, initial_indent=prefix, subsequent_indent=rest,
                                break_long_words=True, break_on_hyphens=False)
        out += wrapped or [prefix.rstrip()]
        prefix = rest
    return out


def to_text(blocks: list, width: int = WIDTH) -> str:
    lines: list[str] = []
    _text_blocks(blocks, lines, width)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _gap(lines: list[str]) -> None:
    if lines and lines[-1] != "":
        lines.append("")


def _text_blocks(blocks: list, lines: list[str], width: int) -> None:
    for block in blocks:
        if isinstance(block, m.Heading):
            _gap(lines)
            title = _lines(block.runs, width)
            lines += title
            if block.level < 3:
                lines.append(("=" if block.level == 1 else "-") * min(width, max(len(t) for t in title)))
            lines.append("")
        elif isinstance(block, m.Paragraph):
            lines += _lines(block.runs, width)
            lines.append("")
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                mark = _list_mark(block.style, item)
                lines += _lines(item.runs, width, "  " + mark, "  " + " " * len(mark))
            lines.append("")
        elif isinstance(block, m.Quote):
            for index, paragraph in enumerate(block.paragraphs):
                if index:
                    lines.append("    │")
                lines += _lines(paragraph, width, "    │ ", "    │ ")
            lines.append("")
        elif isinstance(block, m.Div):
            inner: list[str] = []
            _text_blocks(block.blocks, inner, width - 4 if block.style == "kader" else width)
            while inner and not inner[-1]:
                inner.pop()
            if block.style == "kader":
                rule = "+" + "-" * (width - 2) + "+"
                lines += [rule, *("  " + line if line else "" for line in inner), rule, ""]
            else:
                lines += inner
                lines.append("")
        elif isinstance(block, m.Facts):
            label_width = min(28, max(len(_colon(m.plain(label))) for label, _ in block.rows))
            for label, value in block.rows:
                head = _colon(m.plain(label)).ljust(label_width) + " "
                lines += _lines(value, width, head, " " * len(head))
            lines.append("")
        elif isinstance(block, m.Line):
            label = _colon(m.plain(block.label)) + " "
            if width - len(label) >= 10:
                lines.append(label + "_" * (width - len(label)))
            else:  # too narrow for the label and a line to write on: the line goes below it
                lines += _lines((m.Run(label.rstrip()),), width)
                lines.append("_" * width)
            lines.append("")
        elif isinstance(block, m.Box):
            lines += _lines(block.label, width)
            lines += ["_" * width] * block.lines
            lines.append("")
        elif isinstance(block, m.Choice):
            options = "   ".join(f"[ ] {m.plain(o)}" for o in block.options)
            lines += _lines((m.Run(f"{_colon(m.plain(block.label))}   {options}"),), width)
            lines.append("")
        elif isinstance(block, m.Signature):
            lines += _lines(block.label, width)
            for label in ("Naam", "Datum", "Handtekening"):
                lines.append(f"{label}: ".ljust(14) + "_" * min(40, width - 14))
            lines.append("")
        elif isinstance(block, m.PageBreak):
            _gap(lines)


# -- Markdown -----------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def _md_inline(runs) -> str:
    out: list[str] = []
    for run in runs:
        if run.br:
            out.append("\\\n")
            continue
        text = _MD_SPECIAL.sub(r"\\\1", run.text)
        if run.bold and run.italic:
            text = f"***{text}***"
        elif run.bold:
            text = f"**{text}**"
        elif run.italic:
            text = f"*{text}*"
        out.append(text)
    joined = "".join(out)
    # a line that would start a list or a heading in Markdown is escaped
    return "\n".join(_MD_LINE_START.sub(lambda g: g.group(1) + "\\" + g.group(2), line) for line in joined.split("\n"))


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.split("\n"))


def to_markdown(blocks: list) -> str:
    parts: list[str] = []
    _md_blocks(blocks, parts)
    return "\n\n".join(p for p in parts if p) + "\n"


def _md_blocks(blocks: list, parts: list[str]) -> None:
    for block in blocks:
        if isinstance(block, m.Heading):
            parts.append("#" * block.level + " " + _md_inline(block.runs).replace("\\\n", " "))
        elif isinstance(block, m.Paragraph):
            parts.append(_md_inline(block.runs))
        elif isinstance(block, m.ListBlock):
            items = []
            for item in block.items:
                mark = ("- " if block.style == "check" else "") + _list_mark(block.style, item)
                body = _md_inline(item.runs)
                items.append(mark + _indent(body, " " * len(mark))[len(mark):])
            parts.append("\n".join(items))
        elif isinstance(block, m.Quote):
            parts.append("\n>\n".join(_indent(_md_inline(p), "> ") for p in block.paragraphs))
        elif isinstance(block, m.Div):
            inner: list[str] = []
            _md_blocks(block.blocks, inner)
            body = "\n\n".join(p for p in inner if p)
            parts.append(_indent(body, "> ") if block.style == "kader" else body)
        elif isinstance(block, m.Facts):
            rows = []
            for label, value in block.rows:
                rows.append("- " + _indent(f"**{_colon(_md_inline(label))}** {_md_inline(value)}", "  ")[2:])
            parts.append("\n".join(rows))
        elif isinstance(block, m.Line):
            parts.append(f"{_colon(_md_inline(block.label))} ______________________________")
        elif isinstance(block, m.Box):
            parts.append(_colon(_md_inline(block.label)) + "\\\n" + "\\\n".join(["…" * 40] * block.lines))
        elif isinstance(block, m.Choice):
            options = " ".join(f"☐ {_md_inline(o)}" for o in block.options)
            parts.append(f"{_colon(_md_inline(block.label))} {options}")
        elif isinstance(block, m.Signature):
            lines = [f"**{_md_inline(block.label)}**"] if block.label else []
            lines += [f"{label}: ______________________________" for label in ("Naam", "Datum", "Handtekening")]
            parts.append("\\\n".join(lines))
        elif isinstance(block, m.PageBreak):
            parts.append("---")


def _list_mark(style: str, item) -> str:
    """The mark before a list item: a tick box, a number or a dash."""
    if style == "check":
        return "[x] " if item.checked else "[ ] "
    if style == "number":
        return f"{item.number}. "
    return "- "
