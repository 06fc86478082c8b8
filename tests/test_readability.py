"""Pupils and parents get texts at their level: a Dutch readability check in `smassist validate`."""

from __future__ import annotations


import pytest

from smassist.core.readability import flesch_douma, load_settings, readability_warnings, syllables
from smassist.core.record import replace


@pytest.mark.parametrize("word,count", [
    ("school", 1), ("leerling", 2), ("ouders", 2), ("bedreiging", 3), ("vriendschapsverzoek", 4),
    ("mediawijsheid", 5), ("privé", 2), ("ijs", 1),
])
def test_dutch_syllables_count_double_vowels_and_diphthongs_once(word, count):
    assert syllables(word) == count


def test_short_plain_sentences_score_higher_than_official_language():
    plain = "Je mag geen foto van een klasgenoot plaatsen. Vraag het eerst. Zegt hij nee, dan doe je het niet."
    official = ("Het is niet toegestaan om beeldmateriaal van medeleerlingen te publiceren zonder voorafgaande "
                "schriftelijke toestemming van de betrokkene of diens wettelijke vertegenwoordigers.")
    assert flesch_douma(plain) > 70 > 30 > flesch_douma(official)


def test_the_topics_own_texts_for_pupils_and_parents_pass(catalog):
    trees = [w for w in readability_warnings(catalog) if "/protocols/" not in w]
    assert trees == []


def test_the_answers_pupils_and_parents_get_from_every_protocol_pass(catalog):
    # The rulings' short answers are what a pupil or parent reads first; the
    # articles themselves stay verbatim and are not scored.
    answers = [w for w in readability_warnings(catalog) if "/protocols/" in w]
    assert answers == []


def test_a_hard_word_in_a_pupils_topic_description_is_reported(catalog):
    accounts = catalog.trees["accounts"]
    hard = replace(accounts, summary="Mag ik een werkaccount maken voor mijn klas en mijn vrienden?")
    changed = replace(catalog, trees={**catalog.trees, "accounts": hard})
    [warning] = [w for w in readability_warnings(changed) if "accounts.yaml" in w and "samenvatting" in w]
    assert f"{accounts.path}:{accounts.line}: waarschuwing:" in warning and "'werkaccount'" in warning


def test_a_long_official_sentence_for_parents_is_reported(catalog):
    photo = catalog.trees["photo"]
    node = photo.nodes["adult_consent"]
    official = ("Is door de betrokken volwassenen voorafgaand aan de publicatie ondubbelzinnig en aantoonbaar "
                "toestemming verleend voor de openbaarmaking van het beeldmateriaal?")
    hard = replace(photo, nodes={**photo.nodes, "adult_consent": replace(node, text=official)})
    changed = replace(catalog, trees={**catalog.trees, "photo": hard})
    found = [w for w in readability_warnings(changed) if "vraag 'adult_consent'" in w]
    assert any("voor ouders (Flesch-Douma" in w for w in found)


def test_thresholds_and_words_come_from_the_data(catalog):
    settings = load_settings(catalog.root)
    assert settings.minimum["pupil"] > settings.minimum["parent"] > 0
    assert "werkaccount" in settings.hard_words


def test_validate_shows_readability_as_warnings_and_still_passes(capsys):
    from tests.test_cli_dutch import run

    code, out, _ = run(capsys, "validate")
    assert code == 0 and "in orde:" in out
    assert all("waarschuwing:" in line for line in out.splitlines() if "Flesch-Douma" in line)
