"""The whole import: read → segment → align → draft, into a draft protocol file's data."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from smassist.core.importing.align import PLACEHOLDERS, Match, align, board_names, detect_school_name
from smassist.core.importing.draft import DraftRuling, doubt_article, draft_rulings
from smassist.core.importing.read import read_document
from smassist.core.importing.segment import Segmented, segment
from smassist.core.models import Protocol, Tree
from smassist.core.paths import make_dirs


@dataclass
class ImportResult:
    protocol_id: str
    segmented: Segmented
    matches: dict[str, Match]
    rulings: list[DraftRuling]
    school: str | None
    data: dict = field(default_factory=dict)

    def article_counts(self) -> Counter[str]:
        return Counter(m.state for m in self.matches.values())

    def ruling_counts(self) -> Counter[str]:
        return Counter(r.state for r in self.rulings)


def import_document(path: Path, protocol_id: str, trees: list[Tree], sources: list[Protocol], *,
                    organisation: str | None = None, school_name: str | None = None,
                    progress: Callable[[str], None] = lambda _: None) -> ImportResult:
    progress("lezen")
    lines = read_document(path)
    progress("artikelen herkennen")
    segmented = segment(lines)
    texts = {a.id: a.text for a in segmented.articles}
    school = school_name or detect_school_name(list(texts.values()), sources)
    names = [n for n in (school, organisation) if n]
    names += [n for n in board_names(list(texts.values()), sources, names) if n not in names]
    # a known board this text names itself (the Kopwerk model kept as it stands) is this text's own name too:
    # 'Stichting Kopwerk, de school' here is word for word what Kopwerk's protocol says
    joined = "\n".join(texts.values())
    names += [p.organisation for p in sources if p.organisation and p.organisation in joined and p.organisation not in names]
    progress("vergelijken met de bekende protocollen")
    matches = align(texts, sources, names)
    progress("uitspraken opstellen")
    rulings = draft_rulings(trees, sources, texts, names, school, {a.id: a.section for a in segmented.articles}, matches)
    _normative_from_matches(segmented, matches, sources)
    result = ImportResult(protocol_id, segmented, matches, rulings, school)
    result.data = protocol_data(result, path.name, organisation)
    return result


def _normative_from_matches(segmented: Segmented, matches: dict[str, Match], sources: list[Protocol]) -> None:
    """An article identical to a known one takes its 'normative' flag; for the others the guess is noted for review."""
    known = {p.id: p for p in sources}
    guessed = []
    for article in segmented.articles:
        match = matches.get(article.id)
        if match is not None and match.identical and match.protocol in known:
            article.normative = known[match.protocol].articles[match.source].normative
        else:
            guessed.append(article.id)
    if guessed:
        segmented.notes.append("'normative' geschat (controleer of deze artikelen iets voorschrijven): " + ", ".join(guessed))


def protocol_data(result: ImportResult, source: str, organisation: str | None) -> dict:
    seg = result.segmented
    texts = {a.id: a.text for a in seg.articles}
    articles = []
    for article in seg.articles:
        item: dict = {"id": article.id, "section": article.section}
        if article.unnumbered:
            item["unnumbered"] = True
        if article.label:
            item["label"] = article.label
        if not article.normative:
            item["normative"] = False
        item["text"] = article.text
        articles.append(item)
    rulings: dict = {}
    for draft in result.rulings:
        entry = dict(draft.data)
        review = {"state": draft.state}
        if draft.source:
            review["source"] = draft.source
        if draft.note:
            review["note"] = sentences(draft.note)
        if draft.state == "changed" and draft.pairs:
            review["source_articles"] = dict(draft.pairs)  # what the review screens set side by side
        entry["review"] = review
        rulings.setdefault(draft.tree, {})[draft.outcome] = entry
    counts = result.article_counts()
    notes = [
        f"Geïmporteerd uit {source}: {len(articles)} artikelen ({counts['gelijk']} gelijk aan een bekend protocol, "
        f"{counts['anders']} anders, {counts['nieuw']} nieuw).",
        "Controleer de artikelnummers en de tekst tegen het origineel; lees elke uitspraak met review 'changed' of 'open' na (smassist review).",
        *seg.notes,
    ]
    placeholders = {}
    # a model text that keeps '[naam school]': the school named at the import stands there for every
    # colleague who gets the file (their profile's school name still goes first)
    name = result.school or organisation
    if any(token in text for text in texts.values() for token in PLACEHOLDERS[:1]):
        placeholders["[naam school]"] = {"profile": "school_name", "default": name or "de school"}
    if any(PLACEHOLDERS[1] in text for text in texts.values()):
        placeholders["[Naam school]"] = {"profile": "school_name", "default": name or "De school"}
    # without a name the title stands in, never with a '[naam school]' left in it
    org = organisation or result.school or " ".join(_without_placeholders(seg.title or "").split()) or "Eigen protocol"
    return {
        "id": result.protocol_id,
        "status": "concept",
        "title": seg.title or "Protocol",
        "organisation": org,
        "board": org,
        "date": seg.date,
        "version": seg.version,
        "source": source,
        "doubt_article": doubt_article(texts) or seg.articles[0].id,
        "placeholders": placeholders,
        "notes": "\n".join(notes) + "\n",
        "articles": articles,
        "rulings": rulings,
    }


def sentences(note: str) -> str:
    """Every line of a note for the reviewer starts with a capital letter."""
    return "\n".join(line[:1].upper() + line[1:] for line in note.splitlines())


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def write_atomic(path: Path, text: str) -> None:
    """Write next to the target, then rename: a crash never leaves half a protocol behind."""
    make_dirs(path.parent)  # new folders 0700, as every folder smassist makes in the user's data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _without_placeholders(text: str) -> str:
    for token in PLACEHOLDERS:
        text = text.replace(token, "")
    return text
