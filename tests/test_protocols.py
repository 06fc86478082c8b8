"""The five protocols as data: complete, numbered as on paper, verbatim, clean of scan errors."""

from __future__ import annotations

import re

import pytest

IDS = ["buitengewoon", "togtemaar", "edu-ley", "quadraam", "kopwerk"]


def test_the_five_protocols_are_bundled(catalog):
    assert sorted(catalog.protocols) == sorted(IDS)


@pytest.mark.parametrize("protocol_id, article_ids", [
    ("buitengewoon", ["1", "8.p6", "9A.1", "9A.6", "9B.3", "9C.6", "9C.10", "10M.1", "10L.3", "11.1", "11.7", "11.c", "vn2", "vn3", "vn4"]),
    ("togtemaar", ["U.1", "D.2", "A.5", "B.3", "C.4", "S.2", "S.6"]),
    ("edu-ley", ["U.7", "P.d", "A.1", "A.7", "C.3", "S.5"]),
    ("quadraam", ["1", "2.1", "4.5", "5.4", "5.8", "6.1", "7", "8.p6", "B1.p3", "B2.p1", "B3.p1"]),
    ("kopwerk", ["3.8", "U.1", "A.6", "B.3", "C.3", "S.5"]),
])
def test_articles_carry_the_documents_own_numbers(catalog, protocol_id, article_ids):
    articles = catalog.protocol(protocol_id).articles
    assert [a for a in article_ids if a not in articles] == []


def test_footnotes_that_define_terms_are_citable(catalog):
    articles = catalog.protocol("buitengewoon").articles
    assert articles["vn2"].text.startswith("Persoonsgegevens")
    assert articles["vn3"].text.startswith("Werkaccount")
    assert articles["vn4"].text.startswith("Schoolaccount")


def test_an_article_split_by_a_footnote_block_is_joined(catalog):
    text = catalog.protocol("buitengewoon").articles["9A.5"].text
    assert "waarop leerlingen zijn afgebeeld, op social media-accounts te zetten." in " ".join(text.split())


@pytest.mark.parametrize("protocol_id", IDS)
def test_text_is_free_of_layout_and_scan_artefacts(catalog, protocol_id):
    protocol = catalog.protocol(protocol_id)
    for article in protocol.articles.values():
        for artefact in ("**", "<sup>", "](", "Hetis", "0.a.", "Derrichtlijnen", "officiéle", "variéren", "\u0301", "\uf0b7", " van 8"):
            assert artefact not in article.text, f"{protocol_id} {article.id}: {artefact!r}"
        assert not re.search(r"[a-z]{3,}[0-9]\b", article.text), f"{protocol_id} {article.id}: footnote digit glued to a word"


@pytest.mark.parametrize("protocol_id", IDS)
def test_metadata_and_labels(catalog, protocol_id):
    protocol = catalog.protocol(protocol_id)
    assert protocol.title and protocol.organisation and protocol.board and protocol.source.endswith(".txt")
    assert protocol.doubt_article in protocol.articles
    for article in protocol.articles.values():
        if article.unnumbered:
            assert "ongenummerd" in article.label or "leesvolgorde" in article.label, article.id


def test_model_protocol_shows_the_school_name_or_a_neutral_phrase(catalog):
    kopwerk = catalog.protocol("kopwerk")
    raw = kopwerk.articles["D.1"].text
    assert "[naam school]" in raw
    assert kopwerk.fill(raw).endswith("verbonden zijn aan de school.")
    assert kopwerk.fill(raw, {"school_name": "De Regenboog"}).endswith("verbonden zijn aan De Regenboog.")
    assert kopwerk.fill(kopwerk.articles["A.8"].text).startswith("De school besteedt")


def test_every_ruling_pins_the_text_it_was_written_against(catalog):
    for protocol in catalog.protocols.values():
        for ruled in protocol.rulings.values():
            for ruling in ruled.values():
                for article_id, pin in ruling.cites.items():
                    assert pin == protocol.articles[article_id].hash
