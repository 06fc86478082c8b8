"""Drafting rulings on the seeds with their own protocol left out: carried 'same' only where that is safe."""

from pathlib import Path

import pytest

from smassist.core.catalog import load_catalog
from smassist.core.importing.align import board_names, normalise
from smassist.core.importing.draft import situation, stale_quotes
from smassist.core.importing.pipeline import import_document
from smassist.core.paths import decision_trees_dir

SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(decision_trees_dir())


@pytest.fixture(scope="module")
def imported(catalog):
    """Each seed imported once, its own protocol unknown: (result, drafts by (tree, outcome))."""
    cache = {}

    def get(protocol_id: str):
        if protocol_id not in cache:
            sources = [p for p in catalog.protocols.values() if p.id != protocol_id]
            result = import_document(SEEDS / catalog.protocols[protocol_id].source, protocol_id, list(catalog.trees.values()), sources)
            cache[protocol_id] = result, {(d.tree, d.outcome): d for d in result.rulings}
        return cache[protocol_id]

    return get


def test_a_board_named_beside_the_school_placeholder_is_the_schools_name(catalog, imported):
    result, drafts = imported("kopwerk")
    sources = [p for p in catalog.protocols.values() if p.id != "kopwerk"]
    texts = [a.text for a in result.segmented.articles]
    assert board_names(texts, sources, []) == ["Stichting Kopwerk"]
    # "door Stichting Kopwerk of [naam school] aangifte" is the model's "door [de school] aangifte", word for word
    draft = drafts[("incident", "staff_criminal_victim_pupil_by_outsider")]
    assert draft.state == "same" and "S.5" in draft.data["cites"]


def test_an_article_quoted_whole_is_quoted_as_this_protocol_has_it(catalog, imported):
    result, drafts = imported("kopwerk")
    own = {a.id: a.text for a in result.segmented.articles}
    draft = drafts[("consequences", "staff_crime")]
    assert draft.state == "same"
    assert own["S.5"] in draft.data["explanation"] and "Togtemaarschool" not in draft.data["explanation"]


def test_text_a_protocol_ruling_the_same_way_has_weighed_is_no_reason_for_review(imported):
    # togtemaar's friends rule (A.5) is not in edu-ley, whose ruling is carried, but kopwerk has it
    # word for word and rules the same: it stays 'same'
    _, drafts = imported("togtemaar")
    draft = drafts[("accounts", "staff_pupil_data_email")]
    assert draft.state == "same" and draft.data["verdict"] == "not_regulated"


def test_a_passage_that_stands_inside_a_known_article_is_weighed_too(imported):
    # edu-ley splits togtemaar's first paragraph in two; the second half is no new rule
    _, drafts = imported("edu-ley")
    assert drafts[("sharing", "general")].state == "same"


def test_a_variant_of_an_article_another_protocol_cites_here_sends_the_ruling_to_review(imported):
    # edu-ley P.d (parents' consent for photos) resembles quadraam's 4.5, which quadraam cites for photos
    _, drafts = imported("edu-ley")
    draft = drafts[("photo", "pupils_written_under16")]
    assert draft.state == "changed" and "artikel P.d" in draft.note


def test_shared_boilerplate_alone_does_not_make_an_article_bear_on_the_situation(imported):
    # kopwerk A.1 (no social media during lessons) shares "Het is medewerkers … niet toegestaan om … op
    # sociale media" with the friends rule, but not one telling word: befriending stays 'same'
    _, drafts = imported("kopwerk")
    draft = drafts[("befriend", "pupil_teacher_private")]
    assert draft.state == "same" and draft.data["verdict"] == "not_allowed"


def test_a_known_protocol_imported_again_carries_its_own_rulings(catalog):
    """The edu-ley text imported while edu-ley is known: the seed's P.f has a scan error ('voorhebben'), so edu-ley's
    consent ruling is not word for word; it must still be the draft, never Togtemaarschool's opposite verdict."""
    sources = [p for p in catalog.protocols.values() if not p.is_draft]
    result = import_document(SEEDS / catalog.protocols["edu-ley"].source, "onzeley", list(catalog.trees.values()), sources,
                             organisation="Stichting Edu Ley Test")
    drafts = {(d.tree, d.outcome): d for d in result.rulings}
    for outcome in ("personal_consent", "staff_personal_consent"):
        draft = drafts["sharing", outcome]
        assert (draft.data["verdict"], draft.source, draft.state) == ("allowed_if", "edu-ley", "changed")
        # "; " between protocols: a label may hold a comma ("Toegestaan, mits")
        assert "Edu-Ley: Toegestaan, mits; " in draft.note and "gelijkenis 99,8%" in draft.note
    # what is ruled on text identical to edu-ley's is carried from edu-ley and needs no review
    assert sum(d.state == "same" for d in result.rulings) >= 119
    assert all(entry["review"]["note"][:1].isupper()
               for outcomes in result.data["rulings"].values() for entry in outcomes.values() if entry["review"].get("note"))


def test_a_school_name_given_at_the_import_never_replaces_a_name_the_text_keeps(catalog):
    """The Kopwerk model imported as 'De Waaier': where the text says 'Stichting Kopwerk' or '[naam school]', a
    carried quote says so too, and an article equal word for word is never reported as differing."""
    sources = [p for p in catalog.protocols.values() if not p.is_draft]
    result = import_document(SEEDS / catalog.protocols["kopwerk"].source, "dewaaier", list(catalog.trees.values()), sources,
                             school_name="De Waaier")
    own = " ".join(a.text for a in result.segmented.articles)
    drafts = {(d.tree, d.outcome): d for d in result.rulings}
    quoted = drafts["sharing", "staff_harm_school"].data["explanation"]
    assert "goede naam van Stichting Kopwerk, de school" in quoted and "De Waaier" not in quoted
    for draft in result.rulings:
        assert "De Waaier" not in draft.data["explanation"], (draft.tree, draft.outcome)
        assert "niet zo in dit protocol staat" not in draft.note and "wijkt af" not in draft.note, draft.note
    # read literally, names and all: every quote stands in this text (headings and topic titles aside)
    corpus = normalise(" ".join([own, *(a.section for a in result.segmented.articles), *(t.title for t in catalog.trees.values())]), []).lower()
    assert not [q for d in result.rulings for q in stale_quotes(d.data["explanation"], corpus, [])]
    assert sum(d.state == "same" for d in result.rulings) >= 121


def test_every_situation_a_reviewer_reads_is_told_apart_from_the_others(catalog):
    """Two rulings behind the same last question ('strafbaar? → Ja') for staff and for pupils are two situations."""
    labels = {(t.id, o): situation(t, o) for t in catalog.trees.values() for o in t.outcomes()}
    assert len(set(labels.values())) == len(labels)
    staff, pupils = labels["consequences", "staff_crime"], labels["consequences", "pupil_parent_crime"]
    assert "Een medewerker" in staff and "Een leerling" in pupils and staff.endswith("→ Ja, misschien wel")
    # each role its own way through the tree: the role is named
    assert "(als medewerker)" in labels["sharing", "staff_personal_consent"]
    assert "(als ouder/verzorger)" in labels["sharing", "parent_personal_consent"]
    assert not any(o in label for (_, o), label in labels.items())  # never an internal key
