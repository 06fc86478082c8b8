"""No internal article id in anything a person reads: answers, JSON labels, documents."""

from __future__ import annotations

import re

import pytest

from smassist.core.answer_export import result_json, result_text
from smassist.core.documents import DocumentError, make
from smassist.core.documents.checks import SAMPLE_PROFILE, sample_facts
from smassist.core.documents.registry import DOCUMENTS, sample_data
from smassist.core.references import human_label
from smassist.core.walk import Citation, Result

IDS = ["buitengewoon", "edu-ley", "kopwerk", "quadraam", "togtemaar"]

# Our own ids for unnumbered or composite articles ("8.p5", "B1.p3", "Inl.p2", "11.b", "10L.1", "vn3"),
# the old step mark "[artikel …]" and the maintainers' notes on how an article was counted.
RAW = re.compile(
    r"(?<![\w.])(?:\d+(?:\.\d+)*\.p\d+|Inl\.p\d+|B\d\.p\d+|\d+\.[a-z]|\d+[LM]\.\d+|vn\d)(?![\w])"
    r"|\[artikel |ongenummerd|leesvolgorde"
)


def _results(catalog, protocol):
    for tree_id, rulings in protocol.rulings.items():
        tree = catalog.trees.get(tree_id)
        if tree is None:
            continue
        for outcome, ruling in rulings.items():
            citations = tuple(Citation(protocol, protocol.articles[a]) for a in ruling.cites if a in protocol.articles)
            yield Result(tree, protocol, tree.roles[0], ruling, citations, (), (outcome,))


def _raw(text: str) -> list[str]:
    return [m.group(0) for m in RAW.finditer(text)]


@pytest.mark.parametrize("protocol_id", IDS)
def test_answers_and_json_labels_carry_no_raw_id(catalog, protocol_id):
    protocol = catalog.protocol(protocol_id)
    found = {}
    for result in _results(catalog, protocol):
        data = result_json(result)
        readable = [result_text(result), data["answer"], data["explanation"], *data["conditions"],
                    *(c["label"] for c in data["citations"]), *(s["article_label"] or "" for s in data["steps"])]
        raw = _raw("\n".join(readable))
        if raw:
            found[f"{result.tree.id}/{result.outcome}"] = raw
    assert found == {}


@pytest.mark.parametrize("protocol_id", IDS)
def test_every_offered_document_carries_no_raw_id(catalog, protocol_id):
    protocol = catalog.protocol(protocol_id)
    found, made = {}, 0
    for tree_id, rulings in protocol.rulings.items():
        for outcome, ruling in rulings.items():
            for document in ruling.documents:
                spec = DOCUMENTS[document]
                data = {**sample_data(spec), "outcome": f"{tree_id}/{outcome}"}
                if spec.field("facts") is not None:
                    data["facts"] = sample_facts(catalog.trees.get(tree_id)) or data.get("facts", {})
                try:
                    text = make(document, protocol, SAMPLE_PROFILE, trees=catalog.trees, data=data).output("txt")
                except DocumentError:
                    continue  # validation reports documents that do not render
                made += 1
                raw = _raw(text)
                if raw:
                    found[f"{document} ({tree_id}/{outcome})"] = raw
    assert made and found == {}


@pytest.mark.parametrize("label,human", [
    ("Hoofdstuk 8, opsomming, punt 6 (ongenummerd; geteld in leesvolgorde)", "Hoofdstuk 8, zesde punt van de opsomming"),
    ("Bijlage 1, punt 3 (ongenummerd; geteld in leesvolgorde)", "Bijlage 1, derde punt"),
    ("Inleiding, alinea 2 (ongenummerd)", "Inleiding, tweede alinea"),
    ("Slotzin (ongenummerd)", "Slotzin"),
    ("Bijlage 3, punt 1 (ongenummerd; geteld in leesvolgorde; vervolg op „Bedenk dat…”)", "Bijlage 3, eerste punt na „Bedenk dat…”"),
    ("Uitgangspunten, punt 4", "Uitgangspunten, punt 4"),
    ("Artikel 9C.6", "Artikel 9C.6"),
])
def test_a_label_names_the_article_as_a_reader_finds_it(label, human):
    assert human_label(label) == human


@pytest.mark.parametrize("protocol_id", IDS)
def test_articles_stay_verbatim(catalog, protocol_id):
    """Replacing ids in prose never touches an article's own words (only placeholders are filled)."""
    protocol = catalog.protocol(protocol_id)
    for article in protocol.articles.values():
        if not protocol.placeholders:
            assert protocol.fill(article.text) == article.text, article.id


def test_an_explanation_cites_an_unnumbered_article_by_its_place(catalog):
    protocol = catalog.protocol("buitengewoon")
    assert protocol.fill("Volgens de grondregels (8.p6) mag dat niet.") == (
        "Volgens de grondregels (Hoofdstuk 8, zesde punt van de opsomming) mag dat niet.")


def test_saved_documents_have_dutch_file_names():
    import datetime as dt

    from smassist.core.documents import file_name

    assert file_name("consent_photo", "pdf", dt.date(2026, 12, 1)) == "toestemming-foto-2026-12-01.pdf"
    for document in DOCUMENTS:
        assert "_" not in file_name(document, "txt"), document


def test_the_profile_asks_for_the_protocol_without_saying_id():
    from smassist.core.profile import LABELS

    assert "id" not in LABELS["protocol"].lower().split()
    assert "(id)" not in LABELS["protocol"]
