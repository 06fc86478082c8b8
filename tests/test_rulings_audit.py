"""Verdict words and the normative flag follow the protocols' own words."""

from __future__ import annotations

import re

BINDING = re.compile(
    r"\bhet is verboden\b|\b(is|zijn) (het )?(\w+ )?niet (toegestaan|geoorloofd)\b|\bdient\b[^.]*\bte worden\b"
    r"|\bzullen alle scholen\b|\bnooit\b|\bhet is (\w+ )+toegestaan\b",
    re.IGNORECASE,
)


def test_every_sentence_that_obliges_or_forbids_is_normative(catalog):
    flagged = [f"{p.id} {a.id}" for p in catalog.protocols.values() for a in p.articles.values()
               if not a.normative and BINDING.search(a.text)]
    assert flagged == []


def test_obligations_on_the_school_are_normative_and_say_why_no_ruling_cites_them(catalog):
    from smassist.core.coverage import uncited

    for protocol_id, article_id in (("kopwerk", "3.8.p2"), ("quadraam", "7"), ("edu-ley", "U.6")):
        protocol = catalog.protocol(protocol_id)
        article = protocol.articles[article_id]
        assert article.normative and article.uncited
        assert article not in uncited(protocol, normative_only=True)
        assert article in uncited(protocol)


def test_a_ruling_on_one_law_of_a_bundled_article_highlights_that_law(catalog):
    from smassist.core.answer_export import result_json, result_text
    from smassist.core.walk import Walk

    walk = Walk(catalog.tree("photo"), catalog.protocol("buitengewoon"), "staff")
    for option in ("ja", "pupils", "none"):
        walk.answer(option)
    result = walk.result()
    data = result_json(result)
    law = next(c for c in data["citations"] if c["article"] == "8.p6")
    assert law["passage"].startswith("Portretrecht (een foto van de geportretteerde mag niet zonder toestemming")
    assert law["passage"] in law["text"]
    assert "Het antwoord rust op: “Portretrecht" in result_text(result, width=400)
    assert "portretrecht" in (result.ruling.answer + result.ruling.explanation).lower()


def test_a_passage_that_is_not_verbatim_in_the_article_is_refused(mini):
    from smassist.core.catalog import load_catalog

    path = mini / "protocols" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('      explanation: Artikel 1 staat het toe.\n',
                                 '      explanation: Artikel 1 staat het toe.\n      passages: {"1": "iets wat er niet staat"}\n'), encoding="utf-8")
    problems = [p.message for p in load_catalog(mini).problems]
    assert any("staat niet letterlijk in het artikel" in m for m in problems), problems
