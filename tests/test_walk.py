"""The walk: answering, going back, restarting, results and saving."""

from __future__ import annotations

import json

import pytest

from smassist.core.walk import Walk, WalkError


def make_walk(mini_catalog, role="staff") -> Walk:
    return Walk(mini_catalog.tree("walk"), mini_catalog.protocol("alpha"), role)


def test_answers_lead_to_the_ruling_with_its_citation(mini_catalog):
    walk = make_walk(mini_catalog)
    walk.answer("a")
    walk.answer("y")
    assert walk.finished
    result = walk.result()
    assert result.ruling.verdict.value == "allowed"
    assert [c.article.id for c in result.citations] == ["1"]
    assert [(s.node.id, s.option.id) for s in result.path] == [("first", "a"), ("second", "y")]


def test_unknown_answer_is_refused_with_the_choices(mini_catalog):
    walk = make_walk(mini_catalog)
    with pytest.raises(WalkError, match="kies uit: a, b"):
        walk.answer("z")


def test_role_only_sees_its_own_options(mini_catalog):
    walk = make_walk(mini_catalog, role="pupil")
    walk.answer("a")
    assert walk.current.id == "second"
    assert [o.id for o in walk.options()] == ["x", "y"]
    assert [o.id for o in make_walk(mini_catalog, role="staff").options()] == ["a", "b", "c"]


def test_a_question_whose_answers_all_give_the_same_advice_is_not_asked(mini_catalog):
    walk = make_walk(mini_catalog, role="pupil")
    walk.answer("b")  # "third" offers pupils only one answer
    assert walk.finished
    assert walk.result().ruling.outcome == "end_p"
    skipped = walk.path[-1]
    assert skipped.node.id == "third" and skipped.skipped
    assert "niet gevraagd" in skipped.answer_text()
    assert walk.back() and walk.current.id == "first"


def test_identical_rulings_make_a_question_unnecessary(mini, tmp_path):
    from smassist.core.catalog import load_catalog

    path = mini / "protocols" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    end_p = text[text.index("    end_p:"):text.index("    end_q:")]
    path.write_text(text[: text.index("    end_q:")] + end_p.replace("end_p:", "end_q:"), encoding="utf-8")
    catalog = load_catalog(mini)
    assert catalog.problems == []
    walk = Walk(catalog.tree("walk"), catalog.protocol("alpha"), "staff")
    walk.answer("b")
    assert walk.finished and walk.path[-1].skipped


def test_role_the_tree_does_not_serve_is_refused(mini_catalog):
    with pytest.raises(WalkError, match="niet voor de rol"):
        make_walk(mini_catalog, role="parent")


def test_back_keeps_later_answers_that_still_apply(mini_catalog):
    walk = make_walk(mini_catalog)
    walk.answer("a")
    walk.answer("x")
    walk.answer("p")
    assert walk.finished
    walk.back()
    walk.back()
    assert walk.current.id == "second"
    assert walk.remembered() == "x"
    walk.answer("x")
    # the answer to the third question is still there, offered again
    assert walk.current.id == "third"
    assert walk.remembered() == "p"


def test_changing_an_answer_keeps_answers_still_on_the_new_path(mini_catalog):
    walk = make_walk(mini_catalog)
    for option in ("a", "x", "p"):
        walk.answer(option)
    walk.back()
    walk.back()
    walk.back()
    walk.answer("b")  # skips "second", goes straight to "third"
    assert walk.current.id == "third"
    assert walk.remembered() == "p"
    walk.fast_forward()
    assert walk.finished
    assert [s.node.id for s in walk.path] == ["first", "third"]
    assert walk.result().ruling.outcome == "end_p"


def test_back_at_the_start_stays_at_the_start(mini_catalog):
    walk = make_walk(mini_catalog)
    assert walk.back() is False
    assert walk.current.id == "first"


def test_restart_forgets_everything(mini_catalog):
    walk = make_walk(mini_catalog)
    walk.answer("a")
    walk.restart()
    assert walk.current.id == "first"
    assert walk.remembered() is None
    assert walk.path == ()


def test_result_before_the_end_is_an_error(mini_catalog):
    walk = make_walk(mini_catalog)
    with pytest.raises(WalkError, match="beantwoord eerst"):
        walk.result()


def test_walk_survives_a_round_trip_through_json(mini_catalog):
    walk = make_walk(mini_catalog)
    for option in ("a", "x", "p"):
        walk.answer(option)
    walk.back()
    saved = json.loads(json.dumps(walk.to_dict()))
    again = Walk.from_dict(saved, mini_catalog.trees, mini_catalog.protocols)
    assert again.current.id == "third"
    assert again.remembered() == "p"
    assert [s.option.id for s in again.path] == ["a", "x"]
    again.answer("p")
    assert again.result().ruling.outcome == "end_p"


@pytest.mark.parametrize("broken", [
    {"version": 99},
    {"version": 1, "tree": "nope", "protocol": "alpha", "role": "staff"},
    {"version": 1, "tree": "walk", "protocol": "alpha", "role": "staff", "answers": "not a mapping"},
])
def test_a_damaged_saved_walk_gives_a_clear_error(mini_catalog, broken):
    with pytest.raises(WalkError):
        Walk.from_dict(broken, mini_catalog.trees, mini_catalog.protocols)


def test_input_node_collects_details_and_checks_required_fields(mini_catalog):
    walk = make_walk(mini_catalog)
    walk.answer("c")
    assert walk.current.kind == "input"
    with pytest.raises(WalkError, match="vul nog in: Wat er gebeurde"):
        walk.fill({"when": "2026-11-20"})
    with pytest.raises(WalkError, match="onbekend veld"):
        walk.fill({"when": "2026-11-20", "what": "x", "who": "y"})
    walk.fill({"when": "2026-11-20", "what": "Een bericht werd gedeeld"})
    assert walk.finished
    result = walk.result()
    assert result.inputs == {"details": {"when": "2026-11-20", "what": "Een bericht werd gedeeld", "note": ""}}
    saved = Walk.from_dict(walk.to_dict(), mini_catalog.trees, mini_catalog.protocols)
    assert saved.result().inputs == result.inputs


def _twin_catalog(mini, change: str = ""):
    """alpha with end_q a copy of end_p, so 'third' is not asked; `change` edits end_q's copy."""
    from smassist.core.catalog import load_catalog

    path = mini / "protocols" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    end_p = text[text.index("    end_p:"):text.index("    end_q:")].replace("end_p:", "end_q:")
    if change:
        end_p = end_p.replace("      cites:", change + "      cites:")
    path.write_text(text[: text.index("    end_q:")] + end_p, encoding="utf-8")
    catalog = load_catalog(mini)
    assert catalog.problems == []
    return catalog


def test_an_answer_the_user_gave_to_a_question_that_is_not_asked_is_kept(mini):
    from smassist.core.answer_export import result_json

    catalog = _twin_catalog(mini)
    walk = Walk(catalog.tree("walk"), catalog.protocol("alpha"), "staff")
    walk.answers.update({"first": "b", "third": "q"})  # as `smassist ask --answer third=q` does
    walk.fast_forward()
    result = walk.result()
    assert [(s.node.id, s.option.id, s.skipped) for s in result.path] == [("first", "b", False), ("third", "q", False)]
    data = result_json(result)
    assert data["outcome"] == "end_q" and data["outcomes"] == ["end_q"]
    assert data["path"][-1]["option"] == "q" and data["path"][-1]["asked"] is True


def test_a_left_out_question_reports_every_outcome_not_an_arbitrary_one(mini):
    from smassist.core.answer_export import result_json

    catalog = _twin_catalog(mini)
    walk = Walk(catalog.tree("walk"), catalog.protocol("alpha"), "staff")
    walk.answer("b")
    data = result_json(walk.result())
    assert data["outcome"] is None
    assert data["outcomes"] == ["end_p", "end_q"]
    assert data["path"][-1]["asked"] is False


@pytest.mark.parametrize("change", [
    "      documents: [incident_report]\n",
    "      steps: [{text: Bel de schoolleider.}]\n",
])
def test_a_question_is_asked_when_any_text_the_user_reads_differs(mini, change):
    catalog = _twin_catalog(mini, change)
    walk = Walk(catalog.tree("walk"), catalog.protocol("alpha"), "staff")
    walk.answer("b")
    assert not walk.finished and walk.current.id == "third"
