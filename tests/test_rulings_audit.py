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
