"""Topic search finds the topic a teacher, pupil or parent means, in the words they type."""

from __future__ import annotations

import pytest

from smassist.core.paths import decision_trees_dir
from smassist.core.topic_search import load_topic_words, search_topics

# query → the topic a person typing it means (first in the list)
EVERYDAY = {
    "mobiel": "lessons", "gsm": "lessons", "smartphone": "lessons", "telefoon in de klas": "lessons",
    "mobieltje pauze": "lessons", "tablet": "lessons", "gamen": "lessons", "iphone": "lessons",
    "docent": "befriend", "juf": "befriend", "meester": "befriend", "leerkracht volgen": "befriend",
    "WhatsApp": "befriend", "app": "befriend", "groepsapp": "befriend", "snapchat": "befriend",
    "vriendschapsverzoek": "befriend", "mentor appen": "befriend", "followen": "befriend",
    "Instagram": "photo", "TikTok": "photo", "filmpje": "photo", "video": "photo", "selfie": "photo",
    "YouTube": "photo", "foto plaatsen": "photo", "filmen": "photo",
    "pesten": "incident", "gepest": "incident", "bedreiging": "incident", "gehackt": "incident",
    "nepaccount": "incident", "sexting": "incident", "datalek": "incident", "nudes": "incident",
    "werkaccount": "accounts", "schoolaccount aanmaken": "accounts", "wachtwoord": "accounts",
    "straf": "consequences", "schorsing": "consequences", "sanctie": "consequences",
    "ruzie": "doubt", "boze ouder": "doubt", "twijfel": "doubt",
    "cijfers doorsturen": "sharing", "screenshot": "sharing", "roosters": "sharing",
    "disclaimer": "staff_posting", "LinkedIn": "staff_posting", "mijn mening": "staff_posting",
    "foto van mijn kind": "own_questions", "weghalen": "own_questions",
}


@pytest.fixture(scope="module")
def words(tmp_path_factory):
    return load_topic_words(decision_trees_dir(), cache=tmp_path_factory.mktemp("cache") / "words.cache")


def test_there_are_at_least_forty_everyday_queries():
    assert len(EVERYDAY) >= 40


@pytest.mark.parametrize("query,topic", EVERYDAY.items())
def test_an_everyday_word_finds_the_topic_a_person_means(catalog, words, query, topic):
    found = search_topics(list(catalog.trees.values()), query, words)
    assert found, f"'{query}' finds nothing"
    assert found[0].id == topic, f"'{query}' → {[t.id for t in found]}"


def test_the_words_name_only_topics_that_exist(catalog, words):
    assert set(words.topics) <= set(catalog.trees)
    assert words.synonyms and words.topics


def test_a_word_nobody_means_finds_nothing(catalog, words):
    assert search_topics(list(catalog.trees.values()), "xyzzy", words) == []
    assert len(search_topics(list(catalog.trees.values()), "", words)) == len(catalog.trees)


def test_the_command_line_searches_topics_in_everyday_words(capsys):
    from tests.test_cli_dutch import run

    code, out, _ = run(capsys, "trees", "juf", "--role", "leerling")
    assert code == 0 and out.splitlines()[1].startswith("befriend")
    code, _, err = run(capsys, "trees", "xyzzy")
    assert code == 1 and "geen onderwerp gevonden" in err


def test_the_search_words_are_read_from_the_cache_until_the_file_changes(tmp_path, monkeypatch):
    import shutil

    import smassist.core.topic_search as topic_search

    root = tmp_path / "data"
    (root / "search").mkdir(parents=True)
    words_file = root / topic_search.WORDS_FILE
    shutil.copy(decision_trees_dir() / topic_search.WORDS_FILE, words_file)
    cache = tmp_path / "words.cache"
    first = load_topic_words(root, cache)
    assert first.topics

    def no_yaml(path):
        raise AssertionError("the words were parsed again")

    monkeypatch.setattr(topic_search, "_read_words", no_yaml)
    assert load_topic_words(root, cache) == first
    monkeypatch.undo()
    words_file.write_text("topics:\n  lessons: [rekenmachine]\n", encoding="utf-8")
    assert load_topic_words(root, cache).topics == {"lessons": ("rekenmachine",)}
    cache.write_bytes(b"damaged")
    assert load_topic_words(root, cache).topics == {"lessons": ("rekenmachine",)}
