"""A model protocol ("[naam school]") read with and without a school profile."""

from __future__ import annotations

import pytest

from smassist.core.documents import make
from smassist.core.documents.checks import SAMPLE_PROFILE
from tests.test_cli_dutch import run


def test_without_a_profile_a_sentence_still_starts_with_a_capital(catalog):
    kopwerk = catalog.protocol("kopwerk")
    assert kopwerk.fill(kopwerk.articles["U.1"].text).startswith("De school onderkent")
    assert "medewerker is van de school." in kopwerk.fill(kopwerk.articles["C.2"].text)


def test_titles_and_headings_have_no_placeholder_and_no_dangling_default(catalog):
    kopwerk = catalog.protocol("kopwerk")
    assert kopwerk.heading(kopwerk.title) == "Protocol Sociale Media"
    assert kopwerk.heading(kopwerk.articles["slot"].section) == "Bijlage · Protocol Sociale Media"
    school = {"school_name": "De Regenboog"}
    assert kopwerk.heading(kopwerk.title, school) == "Protocol Sociale Media De Regenboog"
    for article in kopwerk.articles.values():
        assert "[" not in kopwerk.heading(article.section) + kopwerk.heading(article.section, school)


def test_filled_words_are_known_by_position(catalog):
    kopwerk = catalog.protocol("kopwerk")
    text, spans = kopwerk.filled(kopwerk.articles["C.2"].text, {"school_name": "De Regenboog"})
    assert [(text[s:e], token) for s, e, token in spans] == [("De Regenboog", "[naam school]")]


def test_protocols_lists_the_title_with_the_profiles_school_name(capsys):
    code, out, _ = run(capsys, "protocols")
    kopwerk = next(line for line in out.splitlines() if line.startswith("kopwerk"))
    assert kopwerk.rstrip().endswith("Protocol Sociale Media")
    assert run(capsys, "profile", "set", "school_name", "De Regenboog")[0] == 0
    code, out, _ = run(capsys, "protocols")
    kopwerk = next(line for line in out.splitlines() if line.startswith("kopwerk"))
    assert kopwerk.rstrip().endswith("Protocol Sociale Media De Regenboog")


def test_article_heading_fills_the_section(capsys):
    code, out, _ = run(capsys, "article", "kopwerk", "slot")
    assert code == 0 and "[naam school]" not in out and "Bijlage · Protocol Sociale Media" in out


@pytest.mark.parametrize("document", ["identification", "disclaimer"])
def test_a_printed_quote_marks_the_filled_name_with_a_note(catalog, document):
    kopwerk = catalog.protocol("kopwerk")
    text = make(document, kopwerk, SAMPLE_PROFILE, trees=catalog.trees).output("txt")
    assert "Voorbeeldschool*" in text
    assert "* Ingevuld door smassist: het modelprotocol laat hier open de naam van de school." in " ".join(text.split())


def test_on_screen_the_filled_name_has_its_own_style_not_colour(catalog):
    from smassist.tui.widgets import FILLED_STYLE, filled_content

    kopwerk = catalog.protocol("kopwerk")
    text, spans = kopwerk.filled(kopwerk.articles["C.2"].text, {"school_name": "De Regenboog"})
    content = filled_content(text, spans)
    [span] = [s for s in content.spans if s.style == FILLED_STYLE]
    assert text[span.start:span.end] == "De Regenboog"
    assert "underline" in FILLED_STYLE and "italic" in FILLED_STYLE  # visible under NO_COLOR
