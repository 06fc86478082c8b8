"""Training core: quiz cases from the scenario files, the story, choices, drawing, a fixed set, the score;
the side-by-side marks (compare.deviating) and the tree map's outline."""

from __future__ import annotations

from pathlib import Path

import pytest

from smassist.core.compare import compare, deviating, differs
from smassist.core.diagram import outline
from smassist.core.paths import decision_trees_dir
from smassist.core.problems import DataError
from smassist.core.quiz import (
    Quiz,
    QuizError,
    case_pool,
    draw,
    load_scenarios,
    read_quiz_set,
    reachable_outcomes,
    set_cases,
    situation_lines,
    situations,
    story,
    verdict_choices,
)
from smassist.core.scenarios import Scenario
from smassist.core.verdicts import Verdict
from smassist.core.walk import Walk

SCENARIOS = decision_trees_dir() / "scenarios"
PRIVATE = "Leraar wil met zijn privé-account vrienden worden met een leerling"


@pytest.fixture(scope="module")
def scenarios():
    found, problems = load_scenarios(SCENARIOS)
    assert problems == []
    return found


@pytest.fixture(scope="module")
def pool(scenarios, catalog):
    return case_pool(scenarios, catalog, "buitengewoon")


def test_every_scenario_of_a_protocol_becomes_a_case_with_the_protocols_own_verdict(pool, scenarios, catalog):
    expected = [s for s in scenarios if s.protocol == "buitengewoon"]
    assert pool.problems == []
    assert [c.scenario for c in pool.cases] == expected
    for case in pool.cases:
        assert case.answer.value == case.scenario.verdict
        assert case.answer in case.choices
        cited = [c.article.id for c in case.result.citations]
        assert all(a in cited for a in case.scenario.cites)


def test_a_pool_for_one_role_holds_only_that_roles_cases(scenarios, catalog):
    pool = case_pool(scenarios, catalog, "togtemaar", "pupil")
    assert pool.cases and {c.scenario.role for c in pool.cases} == {"pupil"}


def test_a_scenario_the_protocol_no_longer_answers_is_left_out_and_reported(scenarios, catalog):
    good = next(s for s in scenarios if s.protocol == "buitengewoon" and s.name == PRIVATE)
    wrong = Scenario(**{**good.__dict__, "verdict": "allowed", "name": "klopt niet meer"})
    pool = case_pool([good, wrong], catalog, "buitengewoon")
    assert [c.name for c in pool.cases] == [PRIVATE]
    assert len(pool.problems) == 1
    assert pool.problems[0].file == good.path and "niet in de quiz" in pool.problems[0].message


def test_the_story_is_plain_dutch_from_name_role_and_the_questions_on_the_path(catalog):
    tree = catalog.tree("befriend")
    answers = {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"}
    text = story(PRIVATE, tree, "staff", answers)
    assert text.startswith("Een collega komt bij je met een vraag over ‘vrienden worden op social media’.")
    assert f"{PRIVATE}." in text
    for line in situation_lines(tree, "staff", answers):
        assert f"• {line.question} — {line.answer}" in text
    assert [line.answer for line in situation_lines(tree, "staff", answers)] == [
        "Een leerling", "Met mijn privé-account", "Nee"]


def test_the_story_does_not_depend_on_the_protocol_and_skips_details_for_documents(catalog, scenarios):
    incident = next(s for s in scenarios if s.tree == "incident" and any(isinstance(v, dict) for v in s.answers.values()))
    lines = situation_lines(catalog.tree("incident"), incident.role, incident.answers)
    asked = [k for k, v in incident.answers.items() if isinstance(v, str)]
    assert len(lines) == len(asked)
    assert "Zie de beschrijving" not in story(incident.name, catalog.tree("incident"), incident.role, incident.answers)


def test_choices_are_the_verdicts_any_protocol_gives_in_that_tree_at_least_three(catalog):
    tree = catalog.tree("befriend")
    protocols = list(catalog.protocols.values())
    choices = verdict_choices(tree, "staff", protocols)
    given = {p.ruling(tree.id, o).verdict for p in protocols for o in reachable_outcomes(tree, "staff")}
    assert set(choices) == given | set(choices) and given <= set(choices)
    assert list(choices) == [v for v in Verdict if v in choices]  # always the vocabulary's order
    assert len(choices) >= 3
    narrow = verdict_choices(tree, "staff", [])
    assert narrow == (Verdict.ALLOWED, Verdict.NOT_ALLOWED, Verdict.NOT_REGULATED)


def test_the_same_code_draws_the_same_cases_in_the_same_order(pool):
    first = draw(pool.cases, 5, "teamdag")
    assert [c.name for c in first] == [c.name for c in draw(pool.cases, 5, "teamdag")]
    assert [c.name for c in first] != [c.name for c in draw(pool.cases, 5, "andere code")]
    assert len(first) == 5 and len({c.name for c in first}) == 5
    assert len(draw(pool.cases, None)) == len(pool.cases)
    assert len(draw(pool.cases, 10_000, 1)) == len(pool.cases)


def test_a_quiz_picks_reveals_scores_and_goes_on(pool):
    cases = pool.cases[:3]
    quiz = Quiz(cases)
    assert quiz.current is cases[0] and not quiz.revealed
    with pytest.raises(QuizError, match="kies eerst"):
        quiz.next()
    assert quiz.pick(cases[0].answer) is True
    assert quiz.revealed and quiz.score_text() == "1 van 1 goed"
    with pytest.raises(QuizError, match="al beantwoord"):
        quiz.pick(cases[0].answer)
    quiz.next()
    wrong = next(v for v in cases[1].choices if v != cases[1].answer)
    assert quiz.pick(wrong.value) is False
    quiz.next()
    quiz.pick(cases[2].answer)
    assert quiz.next() is None and quiz.finished
    assert (quiz.right, quiz.answered) == (2, 3)
    with pytest.raises(QuizError, match="afgelopen"):
        quiz.pick(Verdict.ALLOWED)
    quiz.restart()
    assert quiz.index == 0 and quiz.answered == 0


def test_a_choice_that_is_not_offered_is_refused(pool):
    case = pool.cases[0]
    absent = next((v for v in Verdict if v not in case.choices), None)
    if absent is None:
        pytest.skip("every verdict is offered for this case")
    with pytest.raises(QuizError, match="geen keuze"):
        Quiz([case]).pick(absent)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_quiz_set_runs_its_cases_in_the_files_order(tmp_path, pool):
    names = [pool.cases[4].name, pool.cases[0].name, pool.cases[2].name]
    quiz_set = read_quiz_set(write(tmp_path / "reeks.yaml", "title: Teamdag\nprotocol: buitengewoon\ncases:\n"
                                   + "".join(f"  - \"{n}\"\n" for n in names)))
    assert quiz_set.title == "Teamdag" and quiz_set.protocol == "buitengewoon" and quiz_set.role is None
    assert [c.name for c in set_cases(quiz_set, pool)] == names


def test_a_quiz_set_with_an_unknown_case_names_the_line_and_suggests_one(tmp_path, pool):
    path = write(tmp_path / "reeks.yaml", f"cases:\n  - \"{PRIVATE}\"\n  - \"{PRIVATE[:-3]}xyz\"\n")
    with pytest.raises(DataError) as caught:
        set_cases(read_quiz_set(path), pool)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (path, 3)
    assert f"bedoel je ‘{PRIVATE}’?" in problem.message


@pytest.mark.parametrize("text, message", [
    ("cases: []\n", "noemt geen gevallen"),
    ("case:\n  - x\n", "onbekende sleutel 'case'"),
    ("role: directeur\ncases:\n  - x\n", "onbekende rol 'directeur'"),
    ("cases:\n  - 12\n", "moet de naam van een scenario zijn"),
    ("- x\n", "moet"),
])
def test_a_broken_quiz_set_is_reported_with_file_and_line(tmp_path, text, message):
    path = write(tmp_path / "reeks.yaml", text)
    with pytest.raises(DataError) as caught:
        read_quiz_set(path)
    assert any(message in p.message for p in caught.value.problems)
    assert all(p.file == path for p in caught.value.problems)


def test_situations_are_the_distinct_cases_across_the_scenario_files(scenarios, catalog):
    found = situations(scenarios, catalog.trees)
    keys = [(s.tree, s.role, tuple(sorted(s.answers.items()))) for s in found]
    assert len(keys) == len(set(keys))
    assert any(s.name == PRIVATE for s in found)
    assert len(found) < len(scenarios)


def test_deviating_marks_the_protocols_that_differ_from_the_most_common_verdict(catalog):
    protocols = list(catalog.protocols.values())
    rows = compare(catalog.tree("befriend"), protocols, "staff",
                   {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})
    verdicts = {r.protocol.id: r.result.ruling.verdict for r in rows}
    assert differs(rows)
    marked = deviating(rows)
    common = max(set(verdicts.values()), key=list(verdicts.values()).count)
    assert marked == {p for p, v in verdicts.items() if v != common}
    assert marked == {"quadraam"}  # the architecture's table: quadraam leaves it unregulated


def test_deviating_is_empty_when_all_agree_and_prefers_the_own_protocol_on_a_tie(catalog):
    tree = catalog.tree("befriend")
    buiten, togtemaar = catalog.protocol("buitengewoon"), catalog.protocol("togtemaar")
    answers = {"staff_with": "pupil", "staff_account": "work", "staff_group": "ja"}
    rows = compare(tree, [buiten, togtemaar], "staff", answers)
    assert rows[0].result.ruling.verdict != rows[1].result.ruling.verdict
    assert deviating(rows, prefer="buitengewoon") == {"togtemaar"}
    assert deviating(rows, prefer="togtemaar") == {"buitengewoon"}
    same = compare(tree, [buiten, buiten], "staff", answers)
    assert deviating(same) == set()


def test_compare_takes_details_for_trees_that_collect_them(catalog, scenarios):
    incident = next(s for s in scenarios if s.tree == "incident" and any(isinstance(v, dict) for v in s.answers.values()))
    answers = {k: v for k, v in incident.answers.items() if isinstance(v, str)}
    inputs = {k: v for k, v in incident.answers.items() if isinstance(v, dict)}
    tree = catalog.tree("incident")
    protocol = catalog.protocol(incident.protocol)
    assert compare(tree, [protocol], incident.role, answers)[0].result is None  # the details are missing
    row = compare(tree, [protocol], incident.role, answers, inputs)[0]
    assert row.result is not None and row.result.ruling.verdict.value == incident.verdict


def test_the_outline_follows_a_role_through_the_tree_with_the_protocols_verdicts(catalog):
    tree, protocol = catalog.tree("befriend"), catalog.protocol("buitengewoon")
    root = outline(tree, "staff", protocol)
    assert root.kind == "question" and root.id == tree.start["staff"]
    assert [o.text for o in root.children] == [o.text for o in tree.nodes[root.id].options_for("staff")]

    def leaves(item):
        return [item] if item.kind == "outcome" else [x for c in item.children for x in leaves(c)]

    found = leaves(root)
    assert {leaf.id for leaf in found} == reachable_outcomes(tree, "staff")
    for leaf in found:
        assert leaf.ruling == protocol.ruling(tree.id, leaf.id)
    # every path in the outline is a walk the core accepts, ending in that outcome
    walk = Walk(tree, protocol, "staff")
    item = root
    while item.kind != "outcome":
        option = item.children[-1]
        walk.answers[item.id] = option.id.split("=", 1)[1]
        item = option.children[0]
    walk.fast_forward()
    assert walk.result().ruling == item.ruling
    assert all(leaf.ruling is None for leaf in leaves(outline(tree, "staff")))
