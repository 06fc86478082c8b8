"""Reviewing an imported ruling: the new article beside the known one it was carried from, changed words marked."""

from pathlib import Path

import pytest
import yaml

from smassist.core.catalog import load_catalog
from smassist.core.importing.align import word_changes
from smassist.core.importing.pipeline import import_document, to_yaml, write_atomic
from smassist.core.importing.review import ReviewFile
from smassist.core.paths import decision_trees_dir
from smassist.core.record import replace

SEED = Path(__file__).parent / "data" / "seeds" / "001_beab779261fe3bec.txt"
FRIENDS = "Het is medewerkers niet toegestaan om 'vrienden' te worden met leerlingen op sociale media."
STRICTER = "Het is medewerkers niet toegestaan om 'vrienden' te worden of te volgen met leerlingen op sociale media."


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(decision_trees_dir())


@pytest.fixture
def imported(catalog, tmp_path):
    """The togtemaar text whose friends rule also forbids following pupils, imported with togtemaar itself unknown."""
    text = SEED.read_text(encoding="utf-8")
    assert FRIENDS in text
    source = tmp_path / "onzeschool.txt"
    source.write_text(text.replace(FRIENDS, STRICTER), encoding="utf-8")
    sources = [p for p in catalog.protocols.values() if p.id != "togtemaar"]
    result = import_document(source, "onzeschool", list(catalog.trees.values()), sources)
    path = tmp_path / "onzeschool.yaml"
    write_atomic(path, to_yaml(result.data))
    return ReviewFile(path), {p.id: p for p in sources}


def test_word_changes_mark_removed_and_added_words_and_treat_school_names_as_equal():
    diff = word_changes("De leerling van [naam school] mag geen uitlatingen doen.",
                        "De leerling van Basisschool De Ley mag geen uitspraken doen.", [], ["Basisschool De Ley"])
    assert [r[:2] for r in diff.old] == [("De leerling van [naam school] mag geen", False), ("uitlatingen", True), ("doen.", False)]
    assert [r[:2] for r in diff.new] == [("De leerling van Basisschool De Ley mag geen", False), ("uitspraken", True), ("doen.", False)]
    assert not word_changes("Bij twijfel: overleg.", "Bij  twijfel: overleg.").changed

    # the same literal name on both sides is the same text, even when only one side knows it as a name
    same = "Op Togtemaarschool gelden deze regels; zie Togtemaarschool."
    diff = word_changes(same, same, ["Togtemaarschool"], ["Basisschool De Togt"])
    assert not diff.changed
    assert diff.old[0].text == same  # the full stop stays glued to the name it follows


def test_punctuation_is_compared_apart_from_the_word_it_sticks_to():
    # "media." → "media, tenzij …": the word stays shared, only what was added is marked
    diff = word_changes(FRIENDS, FRIENDS.replace("media.", "media, tenzij de schoolleider het goedkeurt."))
    assert [r.text for r in diff.new if r.changed] == [", tenzij de schoolleider het goedkeurt"]
    assert not any(r.changed for r in diff.old)
    assert [(r.text, r.glued) for r in diff.new[1:]] == [(", tenzij de schoolleider het goedkeurt", True), (".", True)]
    assert diff.new[0].text.endswith("op sociale media")  # the word itself stays shared
    assert not word_changes("Zie (bijlage) ... en ‘vrienden’.", "Zie (bijlage) ... en 'vrienden'.").changed


def _changed_friends(review: ReviewFile, sources=None) -> tuple:
    """A changed ruling resting on the changed friends article: (tree, outcome, its entry, its source protocol)."""
    for tree_id, outcome in review.todo():
        entry = review.ruling(tree_id, outcome)
        if entry["review"]["state"] == "changed" and entry["review"].get("source_articles"):
            if any("of te volgen" in review.articles[a] for a in entry["cites"]):
                return tree_id, outcome, entry, (sources or {}).get(entry["review"]["source"])
    raise AssertionError("no changed ruling rests on the changed friends article")


def test_a_changed_ruling_sets_each_cited_article_beside_the_one_it_was_carried_from(imported):
    review, sources = imported
    tree_id, outcome, entry, source = _changed_friends(review, sources)
    comparisons = review.comparisons(tree_id, outcome, source)
    assert [c.article for c in comparisons] == list(entry["cites"])
    changed = next(c for c in comparisons if "of te volgen" in c.text)
    assert changed.source == source.organisation and changed.source_article in source.articles
    assert changed.source_text == " ".join(source.articles[changed.source_article].text.split())
    assert [run.text for run in changed.diff.new if run.changed] == ["of te volgen"]
    assert not any(run.changed for run in changed.diff.old)
    # every other cited article is the known one word for word
    assert all(c.identical for c in comparisons if c is not changed)


def test_files_drafted_before_the_pairs_were_written_still_get_the_comparison(imported):
    review, sources = imported
    tree_id, outcome, entry, source = _changed_friends(review, sources)
    stored = review.comparisons(tree_id, outcome, source)
    del entry["review"]["source_articles"]
    assert review.comparisons(tree_id, outcome, source) == stored


def test_a_new_version_of_the_same_protocol_is_not_compared_with_itself(imported, catalog):
    review, _ = imported
    tree_id, outcome, _, _ = _changed_friends(review)
    itself = replace(catalog.protocols["togtemaar"], id="onzeschool")
    assert all(c.diff is None for c in review.comparisons(tree_id, outcome, itself))


def test_the_pairs_are_part_of_a_valid_protocol_file(imported):
    from smassist.core.protocol_file import read_protocol

    review, _ = imported
    protocol, problems = read_protocol(review.path)
    assert problems == []
    changed = [r for t in protocol.rulings.values() for r in t.values() if r.review.state == "changed" and r.review.source_articles]
    assert changed and all(set(r.review.source_articles.values()) <= set(r.cites) for r in changed)
    data = yaml.safe_load(review.path.read_text())
    entry = next(e for o in data["rulings"].values() for e in o.values() if e["review"].get("source_articles"))
    entry["review"]["source_articles"] = {"A.6": ["A.5"]}
    review.path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = read_protocol(review.path)[1]
    assert len(problems) == 1 and "source_articles" in problems[0].message


def test_the_command_line_colours_the_changed_words_only_on_a_terminal(capsys, monkeypatch):
    import sys

    from smassist.cli_review import _print_comparisons
    from smassist.core.importing.review import Comparison

    item = Comparison("A.5", STRICTER, "Stichting Kopwerk", "A.6", FRIENDS, word_changes(FRIENDS, STRICTER))
    monkeypatch.delenv("NO_COLOR", raising=False)
    _print_comparisons([item])
    assert "{+of te volgen+}" in capsys.readouterr().out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _print_comparisons([item])
    shown = capsys.readouterr().out
    assert "\x1b[4;32m{+of\x1b[0m" in shown and "{+of te volgen+}" not in shown  # coloured, markers kept around the words
    monkeypatch.setenv("NO_COLOR", "1")
    _print_comparisons([item])
    assert "\x1b[" not in capsys.readouterr().out


def _open_ruling(review: ReviewFile) -> tuple[str, str]:
    return review.todo()[0]


@pytest.mark.parametrize("verdict, needs", [("steps", "minstens één stap"), ("allowed_if", "minstens één voorwaarde")])
def test_an_edit_without_what_the_verdict_needs_is_refused_and_changes_nothing(imported, verdict, needs):
    from smassist.core.importing.review import ReviewRefused

    review, _ = imported
    tree_id, outcome = _open_ruling(review)
    before = review.path.read_text(encoding="utf-8")
    entry = dict(review.ruling(tree_id, outcome))
    with pytest.raises(ReviewRefused, match=needs):
        review.edit(tree_id, outcome, verdict, "Zo doe je het.", None, [], [])
    assert review.ruling(tree_id, outcome) == entry
    assert review.path.read_text(encoding="utf-8") == before


def test_an_edit_with_steps_or_conditions_saves_a_file_that_validates(imported):
    from smassist.core.protocol_file import read_protocol

    review, _ = imported
    first, second = review.todo()[:2]
    review.edit(*first, "steps", "Volg deze stappen.", None, [], ["Bel de ouders", "  Meld het bij de directeur "])
    review.edit(*second, "allowed_if", "Ja, als de ouders toestemming geven.", None, ["de ouders geven toestemming"], [])
    review.save()
    protocol, problems = read_protocol(review.path)
    assert problems == []
    assert [s.text for s in protocol.ruling(*first).steps] == ["Bel de ouders", "Meld het bij de directeur"]
    assert protocol.ruling(*second).conditions == ("de ouders geven toestemming",)
    # another verdict leaves no steps or conditions behind
    review.edit(*first, "not_allowed", "Nee.", None, None, None)
    review.save()
    assert read_protocol(review.path)[0].ruling(*first).steps == ()


def test_a_decision_that_would_break_the_file_is_not_written(imported):
    from smassist.core.importing.review import ReviewRefused

    review, _ = imported
    tree_id, outcome = _open_ruling(review)
    before = review.path.read_text(encoding="utf-8")
    review.ruling(tree_id, outcome)["cites"] = {"Z.99": ""}  # e.g. a hand edit gone wrong while reviewing
    with pytest.raises(ReviewRefused, match="Z.99"):
        review.save()
    assert review.path.read_text(encoding="utf-8") == before
    assert "Z.99" not in review.ruling(tree_id, outcome)["cites"]  # the refused change is gone from memory too
    review.accept(tree_id, outcome)
    review.save()  # the next decision is saved as usual
    assert review.path.read_text(encoding="utf-8") != before
