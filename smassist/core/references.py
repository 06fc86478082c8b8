"""How a reader finds an article: a human label, never an internal id.

Article ids ("8.p6", "B1.p3", "10L.1") are ours, for the command line and the
files; a parent holding the printed protocol cannot find them. `human_label`
turns the data's label (which documents for maintainers how an unnumbered
article was counted) into what a reader looks for ("Bijlage 1, derde punt").
`readable_references` replaces such ids where a ruling's prose cites one.
"""

from __future__ import annotations

import re

ORDINALS = ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
            "tiende", "elfde", "twaalfde", "dertiende", "veertiende", "vijftiende", "zestiende",
            "zeventiende", "achttiende", "negentiende", "twintigste")

# A maintainer's note at the end of a label: "(ongenummerd; geteld in leesvolgorde; vervolg op „…”)".
_NOTE = re.compile(r"\s*\(([^()]*(?:ongenummerd|leesvolgorde)[^()]*)\)\s*$")
_COUNTED = re.compile(r"(?P<list>,? ?opsomming)?, (?P<kind>punt|alinea) (?P<n>\d+)$")


def ordinal(number: int) -> str:
    return ORDINALS[number - 1] if 0 < number <= len(ORDINALS) else f"{number}e"


def human_label(label: str) -> str:
    """'Hoofdstuk 8, opsomming, punt 6 (ongenummerd; geteld in leesvolgorde)' → 'Hoofdstuk 8, zesde punt van de opsomming'."""
    note_match = _NOTE.search(label)
    if not note_match:
        return label
    note = note_match.group(1)
    text = label[: note_match.start()].rstrip()
    counted = _COUNTED.search(text)
    if counted:
        head = text[: counted.start()]
        where = f"{ordinal(int(counted.group('n')))} {counted.group('kind')}"
        if counted.group("list"):
            where += " van de opsomming"
        text = f"{head}, {where}" if head else where[0].upper() + where[1:]
    after = re.search(r"vervolg op (.+)$", note)
    if after:
        text += f" na {after.group(1).strip()}"
    return text


def in_sentence(label: str) -> str:
    """A label inside a sentence or brackets: '(artikel 3.1)', but '(Bijlage 1, derde punt)'."""
    return "artikel" + label[len("Artikel"):] if label.startswith("Artikel ") else label


def step_reference(protocol, article_id: str | None) -> str | None:
    """A step's article for a reader: its human label, or (protocol gone) 'artikel ID' as a last resort."""
    if not article_id:
        return None
    article = protocol.articles.get(article_id) if protocol is not None else None
    return in_sentence(human_label(article.label)) if article is not None else f"artikel {article_id}"


def raw_ids(articles: dict) -> list[str]:
    """Ids a reader cannot find in the document: not part of the article's own label, with a digit in them."""
    found = [a.id for a in articles.values() if a.id not in human_label(a.label) and re.search(r"\d", a.id)]
    return sorted(found, key=len, reverse=True)


def reference_pattern(articles: dict) -> re.Pattern | None:
    """One pattern for every raw id of a protocol (compiled once per protocol)."""
    ids = raw_ids(articles)
    words = [re.escape(i) for i in ids if not i.isdigit()]
    digits = [re.escape(i) for i in ids if i.isdigit()]
    parts = []
    if words:
        parts.append(r"(?<![\w.])(?P<id>" + "|".join(words) + r")(?![\w]|\.\w)")
    if digits:  # a bare number is only an id where it stands alone in brackets: "(6)"
        parts.append(r"(?<=\()(?P<num>" + "|".join(digits) + r")(?=\))")
    return re.compile("|".join(parts)) if parts else None


def readable_references(text: str, articles: dict, pattern: re.Pattern | None = None) -> str:
    """Replace raw article ids in prose ('(8.p6)', 'artikel B1.p3') by the article's human label."""
    pattern = pattern if pattern is not None else reference_pattern(articles)
    if pattern is None or not text:
        return text
    return pattern.sub(lambda m: human_label(articles[m.group("id") or m.group("num")].label), text)
