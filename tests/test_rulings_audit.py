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


def _result(catalog, tree, protocol, role, *options):
    from smassist.core.walk import Walk

    walk = Walk(catalog.tree(tree), catalog.protocol(protocol), role)
    for option in options:
        walk.answer(option)
    return walk.result()


def test_staff_may_reach_a_parent_urgently_with_a_messaging_app_under_buitengewoon(catalog):
    result = _result(catalog, "befriend", "buitengewoon", "staff", "parent", "ja")
    assert result.ruling.verdict.value == "allowed_if"
    citation = next(c for c in result.citations if c.article.id == "9C.6")
    assert "leerlingen en/of ouders" in citation.passage
    assert _result(catalog, "befriend", "buitengewoon", "staff", "parent", "nee").ruling.verdict.value == "discouraged"


def test_pupil_data_in_an_account_or_e_mail_rests_on_the_pseudonymisation_rule(catalog):
    result = _result(catalog, "accounts", "buitengewoon", "staff", "pupil_data")
    # e-mail included: the same answer for both places, so the question is not asked
    assert result.outcomes == ("staff_pupil_data_social", "staff_pupil_data_email")
    assert result.ruling.verdict.value == "not_allowed"
    law = next(c for c in result.citations if c.article.id == "8.p6")
    assert law.passage.startswith("Regeling pseudonimisering onderwijsdeelnemers")
    assert "Regeling pseudonimisering" in result.ruling.answer
    # a protocol about social media only is silent on e-mail, and says so
    assert _result(catalog, "accounts", "quadraam", "staff", "pupil_data", "email").ruling.verdict.value == "not_regulated"
    assert _result(catalog, "accounts", "quadraam", "staff", "pupil_data", "social").ruling.verdict.value == "not_allowed"


def test_an_age_threshold_other_than_the_avgs_gets_a_note_beside_the_protocols_own_answer(catalog):
    from smassist.core.answer_export import result_json

    result = _result(catalog, "photo", "quadraam", "staff", "ja", "pupils", "written", "sixteen")
    assert result.ruling.verdict.value == "allowed_if"
    assert "ouders/verzorgers" in result.ruling.conditions[0]  # the protocol's rule stays
    data = result_json(result)
    assert "AVG" in data["note"] and "4.5" in data["note"]
    assert "4.5" in [c["article"] for c in data["citations"]]
    # the same threshold as the AVG needs no note
    assert not _result(catalog, "photo", "buitengewoon", "staff", "ja", "pupils", "written", "sixteen").ruling.note
