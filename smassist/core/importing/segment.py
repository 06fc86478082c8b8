"""Blocks → numbered articles, with the document's own numbering (docs/transcription-guide.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from smassist.core.importing.blocks import Block, to_blocks
from smassist.core.importing.clean import clean_lines, fix_scan_errors
from smassist.core.importing.read import ImportProblem

MAX_ARTICLES = 1500  # far beyond any protocol; keeps a wrong file from a long comparison run
_SLOT = re.compile(r"\b(instemming|vastgesteld|tot stand gekomen)\b", re.I)
_START = re.compile(r"^(inleiding|voorwoord|aanleiding|doel|inhoud)\b", re.I)


@dataclass
class DraftArticle:
    id: str
    section: str
    text: str
    label: str | None = None
    unnumbered: bool = False
    normative: bool = True
    fixes: list[str] = field(default_factory=list)  # scan errors fixed, for the notes and the review


@dataclass
class Segmented:
    title: str
    articles: list[DraftArticle]
    notes: list[str] = field(default_factory=list)
    date: str | None = None  # as the document prints it, e.g. "21 januari 2014"
    version: str | None = None


@dataclass
class _Context:
    top: Block | None = None  # a chapter, appendix or unnumbered heading
    part: Block | None = None  # "A. Voor leerlingen"
    sub: Block | None = None  # an unnumbered sub-heading, a step or a lettered heading under a chapter

    def section(self) -> str:
        names = []
        for block in (self.top, self.part, self.sub):
            if block is None:
                continue
            if block.style == "appendix":
                names.append(f"Bijlage {block.number}".strip() + (f" · {block.text}" if block.text else ""))
            elif block.style == "step":
                names.append(f"Stap {block.number}" + (f" · {block.text}" if block.text else ""))
            elif block.number:
                names.append(f"{block.number}. {block.text}" if block.style in ("chapter", "part", "letter") and "." not in block.number else f"{block.number} {block.text}")
            else:
                names.append(block.text)
        return " · ".join(names) or "Tekst"


def segment(lines: list[str]) -> Segmented:
    """Split a document's lines into articles; raises ImportProblem when no structure is found."""
    cleaned = clean_lines(lines)
    blocks = to_blocks(cleaned)
    title, blocks = _front_matter(blocks)
    title = _title(cleaned) or title
    footnotes = [b for b in blocks if b.kind == "footnote"]
    blocks = [b for b in blocks if b.kind != "footnote"]
    sections = _sections(blocks)
    notes: list[str] = []
    sections = _drop_duplicates(sections, notes)
    slot = None
    if sections and sections[-1][1] and sections[-1][1][-1].kind == "paragraph" and _SLOT.search(sections[-1][1][-1].text):
        slot = sections[-1][1].pop()
    articles: list[DraftArticle] = []
    used: dict[str, int] = {}
    for context, content in sections:
        if content:
            articles.extend(_articles(context, content, sections, used))
    if slot is not None:
        articles.append(DraftArticle("slot", sections[-1][0].section(), slot.text, "Slotzin (ongenummerd)", True, False))
    for note in footnotes:
        articles.append(DraftArticle(f"vn{note.number}", "Voetnoten", note.text, f"Voetnoot {note.number}", True, False))
    _unique(articles)
    for article in articles:
        article.text, article.fixes = fix_scan_errors(article.text)
        for fix in article.fixes:
            notes.append(f"{article.id}: scanfout hersteld: {fix}")
    if len(articles) > MAX_ARTICLES:
        raise ImportProblem(f"het document heeft {len(articles)} passages; een protocol heeft er hooguit een paar honderd; kies het bestand met het protocol")
    numbered = sum(1 for a in articles if not a.unnumbered)
    if len(articles) < 3 or numbered == 0:
        raise ImportProblem("geen genummerde artikelen gevonden; is dit een protocol met genummerde regels (1., 2., A.1, …)?")
    if not _looks_dutch(" ".join(a.text for a in articles)):
        raise ImportProblem("de tekst lijkt niet Nederlands; smassist leest alleen Nederlandstalige protocollen")
    everything = " ".join(line.text for line in cleaned)
    date = _DATE.search(everything)
    # a version often stands only in the page footer ("Protocol v 1.0.docx  2 van 8"), which cleaning drops
    version = _VERSION.search(everything) or _VERSION.search(" ".join(lines))
    return Segmented(title, articles, notes, date.group(0) if date else None, version.group(1) if version else None)


def _looks_dutch(text: str) -> bool:
    words = re.findall(r"[a-zë]+", text.lower())
    common = {"de", "het", "een", "en", "van", "is", "op", "te", "niet", "dat", "met", "voor", "zijn", "in"}
    return bool(words) and sum(w in common for w in words) / len(words) > 0.08


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = re.compile(rf"\b(\d{{1,2}} )?({_MONTHS}) (19|20)\d\d\b", re.I)
_VERSION = re.compile(r"\b(?:versie|v)\.?\s?(\d{1,2}\.\d{1,2})\b", re.I)
_TITLE = re.compile(r"^((social|sociale) media\s*)?protocol\b", re.I)


def _title(lines) -> str | None:
    """The document's own title: a short line that starts with 'Protocol' (or 'Social Media Protocol')."""
    short = [line.text.strip() for line in lines if len(line.text.split()) <= 8]
    return next((text for text in short if _TITLE.match(text)), None) or next(
        (text for text in short if "protocol" in text.lower() and not text[:1].isdigit()), None)


def _front_matter(blocks: list[Block]) -> tuple[str, list[Block]]:
    """Title page, document control and table of contents come before the first real heading."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and (block.style == "chapter" or _START.match(block.text)):
            front = blocks[:index]
            title = next((b.text for b in front if "protocol" in b.text.lower()), "")
            if not title:
                title = next((b.text for b in front if b.kind in ("heading", "paragraph")), "Protocol")
            return title, [b for b in front if b.kind == "footnote"] + blocks[index:]
    return "Protocol", blocks


def _sections(blocks: list[Block]) -> list[tuple[_Context, list[Block]]]:
    sections: list[tuple[_Context, list[Block]]] = []
    context = _Context()
    for block in blocks:
        if block.kind != "heading":
            if not sections or sections[-1][0] is not context:
                sections.append((context, []))
            sections[-1][1].append(block)
            continue
        context = _next_context(context, block)
    return sections


def _next_context(context: _Context, heading: Block) -> _Context:
    top = context.top
    in_container = top is not None and top.style in ("chapter", "appendix") and (top.style != "appendix" or top.number)
    if heading.style in ("chapter",) or (heading.style == "appendix"):
        if heading.style == "appendix" and not heading.number:
            return _Context()  # an unnumbered "Bijlage" holds a whole document: its headings are top level
        return _Context(top=heading)
    if heading.style == "part":
        return _Context(top=top, part=heading)
    if heading.style in ("step", "letter"):
        return _Context(top=top, part=context.part, sub=heading)
    # an unnumbered heading
    if context.sub is not None and context.sub.style == "step" and not context.sub.text:
        context.sub.text = heading.text
        return context
    if in_container and (not heading.level or not top.level or heading.level > top.level):
        return _Context(top=top, part=context.part if heading.level > (context.part.level if context.part else 0) else None, sub=heading)
    return _Context(top=heading)


def _drop_duplicates(sections, notes: list[str]):
    """A passage printed twice (once under a loose heading, once as its own chapter) is kept once."""
    later_titles = {}
    for index, (context, _) in enumerate(sections):
        if context.top is not None and context.top.style == "chapter":
            later_titles.setdefault(context.top.text.lower(), index)
    result = []
    for index, (context, content) in enumerate(sections):
        sub = context.sub
        if sub is not None and sub.style == "plain" and later_titles.get(sub.text.lower(), -1) > index:
            notes.append(f"'{sub.text}' staat twee keer in het document; alleen het hoofdstuk met die titel is overgenomen")
            continue
        result.append((context, content))
    return result


def _initial(title: str) -> str:
    return (re.sub(r"[^A-Za-z]", "", title)[:1] or "X").upper()


def _distinguishing_initial(sub: Block, sections) -> str:
    siblings = [c.sub.text for c, _ in sections if c.sub is not None and c.sub.style == "plain" and c.top is not None and c.top is _top_of(sub, sections)]
    words = sub.text.split()
    for position, word in enumerate(words):
        if any(len(s.split()) <= position or s.split()[position] != word for s in siblings if s != sub.text):
            return _initial(word)
    return _initial(sub.text)


def _top_of(sub: Block, sections) -> Block | None:
    return next((c.top for c, _ in sections if c.sub is sub), None)


def _articles(context: _Context, content: list[Block], sections, used: dict[str, int]) -> list[DraftArticle]:
    section = context.section()
    top, part, sub = context.top, context.part, context.sub
    chapter = top.number if top is not None and top.style == "chapter" else ""
    if sub is not None and sub.style in ("step", "letter") and chapter:
        text = _join(content, always_mark=True)
        label = f"Hoofdstuk {chapter}, Stap {sub.number}" + (f": {sub.text}" if sub.text else "") if sub.style == "step" else None
        return [DraftArticle(f"{chapter}.{sub.number}", section, text, label)]
    if top is not None and top.style == "appendix":
        prefix, where = f"B{top.number}", f"Bijlage {top.number}"
    elif chapter and part is not None:
        prefix, where = f"{chapter}{part.number}", None
    elif chapter and sub is not None:
        prefix, where = chapter + _distinguishing_initial(sub, sections), f"Hoofdstuk {chapter}, {sub.text}"
    elif chapter:
        prefix, where = chapter, f"Hoofdstuk {chapter}"
    elif part is not None:
        prefix, where = part.number, None
    elif top is not None:
        prefix, where = _initial(top.text), top.text
    else:
        prefix, where = "T", "Tekst"
    prefix = _claim(prefix, top, used)
    articles: list[DraftArticle] = []
    pending: list[Block] = list(content)
    # text before the first item: the chapter's own article, or paragraphs of an unnumbered heading
    lead: list[Block] = []
    while pending and pending[0].kind == "paragraph":
        lead.append(pending.pop(0))
    if lead and pending and pending[0].kind == "bullet" and lead[-1].text.rstrip().endswith((":", ";")):
        while pending and pending[0].kind == "bullet":
            lead.append(pending.pop(0))
    if not lead and pending and pending[0].kind == "bullet" and pending[0].text.rstrip().endswith(":") and chapter and "." in chapter:
        lead.append(pending.pop(0))
    if lead:
        if chapter and part is None and sub is None:
            articles.append(DraftArticle(chapter, section, _join(lead), None if pending else None))
            if pending:
                articles[-1].unnumbered = len(lead) == 1 and bool(pending) and any(b.kind == "item" for b in pending)
                if articles[-1].unnumbered:
                    articles[-1].label = f"Hoofdstuk {chapter}, eerste alinea (ongenummerd)"
        else:
            stem = top.text[:3] if top is not None and top.style == "plain" and not pending else prefix
            for count, block in enumerate(lead, 1):
                articles.append(DraftArticle(f"{stem}.p{count}", section, _join([block]), f"{where or section}, alinea {count} (ongenummerd)", True,
                                             normative=not (top is not None and _START.match(top.text))))
    bullet_count = 0
    while pending:
        block = pending.pop(0)
        if block.kind == "item":
            body = [block]
            while pending and pending[0].kind == "paragraph" and any(b.kind == "item" for b in pending[1:]):
                body.append(pending.pop(0))
            label = f"{where}, punt {block.number}" if where and not chapter or (where and sub is not None) else None
            articles.append(DraftArticle(f"{prefix}.{block.number}", section, _join(body), label))
        elif block.kind == "bullet":
            body = [block]
            while pending and pending[0].kind == "paragraph" and any(b.kind == "bullet" for b in pending[1:]):
                body.append(pending.pop(0))
            block = Block("paragraph", "\n\n".join(b.text for b in body), subs=block.subs)
            bullet_count += 1
            label = f"{where or section}, opsomming, punt {bullet_count} (ongenummerd; geteld in leesvolgorde)"
            if top is not None and top.style == "appendix":
                label = f"{where}, punt {bullet_count} (ongenummerd; geteld in leesvolgorde)"
            articles.append(DraftArticle(f"{prefix}.p{bullet_count}", section, _join([block]), label, True))
        else:
            bullet_count += 1
            articles.append(DraftArticle(f"{prefix}.p{bullet_count}", section, _join([block]), f"{where or section}, alinea (ongenummerd; geteld in leesvolgorde)", True))
    return articles


def _claim(prefix: str, top: Block | None, used: dict[str, int]) -> str:
    """Two unnumbered headings with the same initial get longer prefixes, never the same one."""
    owner = id(top)
    if used.get(prefix, owner) != owner and top is not None:
        prefix = re.sub(r"[^A-Za-z]", "", top.text)[:3].capitalize() or prefix
    used.setdefault(prefix, owner)
    return prefix


def _join(blocks: list[Block], always_mark: bool = False) -> str:
    parts: list[str] = []
    for block in blocks:
        text = block.text
        if block.subs:
            text += "".join(f"\n- {s}" for s in block.subs)
        if block.kind == "bullet" and (len(blocks) > 1 or always_mark):
            parts.append(f"- {text}")
        else:
            parts.append(text)
    out = ""
    for previous, part in zip([None, *parts], parts):
        if previous is None:
            out = part
        elif part.startswith("- "):
            out += "\n" + part
        else:
            out += "\n\n" + part
    return out


def _unique(articles: list[DraftArticle]) -> None:
    seen: dict[str, int] = {}
    for article in articles:
        if article.id in seen:
            seen[article.id] += 1
            article.id = f"{article.id}-{seen[article.id]}"
        else:
            seen[article.id] = 1
