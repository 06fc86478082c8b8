"""The value classes of the data model behave as the dataclasses they replaced (smassist.core.record)."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from smassist.core.catalog import Catalog
from smassist.core.models import Article, Node, Option, Review, Ruling, Step
from smassist.core.problems import Problem
from smassist.core.profile import FIELD_NAMES, Profile
from smassist.core.record import Factory, FrozenRecord, replace
from smassist.core.verdicts import Verdict


def _article(**changes) -> Article:
    values = dict(id="A.1", section="Afspraken", text="Het is niet toegestaan.", label="1")
    return Article(**{**values, **changes})


def test_fields_by_position_or_name_with_their_defaults():
    assert Option("pupil", "Een leerling") == Option(id="pupil", text="Een leerling")
    option = Option("pupil", "Een leerling", "next_q")
    assert (option.next, option.outcome, option.roles, option.line) == ("next_q", None, (), 0)
    assert Problem(Path("a.yaml"), 3, "kapot").line == 3


@pytest.mark.parametrize("make", [
    lambda: Option("pupil"),  # text missing
    lambda: Option("pupil", "x", bogus=1),
    lambda: Option("pupil", "x", id="again"),
    lambda: Step("a", "b", "c", "d"),
])
def test_a_wrong_call_is_a_type_error(make):
    with pytest.raises(TypeError):
        make()


def test_frozen_records_cannot_be_changed():
    article = _article()
    with pytest.raises(AttributeError):
        article.text = "Anders."
    with pytest.raises(AttributeError):
        del article.text
    assert article.text == "Het is niet toegestaan."


def test_equal_by_value_within_one_class_and_hashable():
    assert Step("Meld het", "mentor") == Step("Meld het", "mentor")
    assert Step("Meld het", "mentor") != Step("Meld het", "schoolleider")
    assert len({Step("Meld het"), Step("Meld het"), Step("Bel")}) == 2
    assert Problem(Path("x"), 1, "m") != (Path("x"), 1, "m")
    with pytest.raises(TypeError):
        hash(Node("q", "question", "Vraag?"))  # holds a dict, as before


def test_a_default_factory_gives_each_instance_its_own_value():
    first, second = Review("open"), Review("open")
    first.source_articles["1"] = "A.1"
    assert second.source_articles == {}
    catalog = Catalog(Path("."))
    catalog.problems.append(Problem(Path("x"), None, "m"))
    assert Catalog(Path(".")).problems == []


def test_cached_values_survive_pickling_and_do_not_count_for_equality():
    article = _article()
    digest = article.hash
    again = pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == article == _article() and again.hash == digest
    assert hash(again) == hash(_article())
    assert copy.deepcopy(article) == article


def test_replace_changes_only_the_given_fields():
    ruling = Ruling("befriend", "no", Verdict.NOT_ALLOWED, "Nee.", "Omdat.", {"A.1": "zegt"})
    changed = replace(ruling, documents=("consent_photo",))
    assert changed.documents == ("consent_photo",) and ruling.documents == ()
    assert replace(changed, documents=()) == ruling
    with pytest.raises(TypeError):
        replace(ruling, bogus=1)


def test_mutable_records_take_assignment_and_are_unhashable():
    profile = Profile(school_name="De Regenboog")
    profile.board = "Stichting Boog"
    assert profile == Profile(school_name="De Regenboog", board="Stichting Boog")
    assert profile.values() == {"school_name": "De Regenboog", "board": "Stichting Boog"}
    assert FIELD_NAMES[0] == "school_name" and "protocol_folder" in FIELD_NAMES
    with pytest.raises(TypeError):
        hash(profile)


def test_repr_names_the_class_and_fields():
    assert repr(Step("Bel", None)) == "Step(text='Bel', who=None, article=None)"


def test_a_required_field_after_a_default_is_refused_when_the_class_is_made():
    with pytest.raises(TypeError):
        class Wrong(FrozenRecord):  # noqa: F841
            first: str = ""
            second: str

    class Right(FrozenRecord):
        items: list = Factory(list)

    assert "items" not in Right.__dict__  # no shared list on the class
