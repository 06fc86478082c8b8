"""Questions a protocol leaves out, and rulings whose text belongs to another answer's situation."""

from __future__ import annotations

import pytest

from smassist.core.catalog import load_catalog
from smassist.core.skip_checks import branch_mentions, skipped_questions
from smassist.core.walk import Walk
from tests.test_cli import smassist


def _mini_with_keywords(mini, end_q_condition: str):
    """'third' gets keywords per answer; end_q is end_p's verdict with its own condition."""
    tree = mini / "walk.yaml"
    text = tree.read_text(encoding="utf-8")
    text = text.replace("        text: Antwoord P\n", "        text: Antwoord P\n        keywords: [in de klas]\n")
    text = text.replace("        text: Antwoord Q\n", "        text: Antwoord Q\n        keywords: [thuis]\n")
    tree.write_text(text, encoding="utf-8")
    path = mini / "protocols" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    end_q = (f"    end_q:\n      verdict: allowed_if\n      answer: Ja, mits.\n      explanation: Artikel 1.\n"
             f"      conditions: [{end_q_condition}]\n      cites: {{\"1\": \"b7852f22a633\"}}\n")
    path.write_text(text[: text.index("    end_q:")] + end_q, encoding="utf-8")
    catalog = load_catalog(mini)
    assert catalog.problems == []
    return catalog


def test_a_condition_naming_the_other_answers_situation_is_flagged(mini):
    catalog = _mini_with_keywords(mini, "je doet het alleen in de klas")
    problems = branch_mentions(catalog)
    assert len(problems) == 1
    assert "end_q" in problems[0].message and "'in de klas'" in problems[0].message
    assert problems[0].line == catalog.protocol("alpha").ruling("walk", "end_q").line


@pytest.mark.parametrize("condition", ["je doet het thuis, niet in de klas", "je vraagt het eerst"])
def test_a_condition_about_its_own_situation_is_not_flagged(mini, condition):
    assert branch_mentions(_mini_with_keywords(mini, condition)) == []


def test_validate_fails_on_a_condition_from_another_branch(mini):
    _mini_with_keywords(mini, "je doet het alleen in de klas")
    out = smassist("validate", str(mini))
    assert out.returncode == 1
    assert "noemt 'in de klas'" in out.stdout


def test_validate_reports_each_left_out_question_as_information(catalog):
    found = {(s.protocol.id, s.tree.id, s.node.id) for s in skipped_questions(catalog)}
    assert ("buitengewoon", "staff_posting", "clash_when") in found
    # quadraam rules differently on work and free time now, so the question is asked
    assert ("quadraam", "staff_posting", "post_when") not in found
    out = smassist("validate")
    assert out.returncode == 0, out.stdout
    assert "informatie: buitengewoon.yaml: de vraag 'Doe je dit tijdens je werk of daarbuiten?'" in out.stdout
    title = catalog.trees["staff_posting"].title
    info = [line for line in out.stdout.splitlines() if line.startswith("informatie: buitengewoon.yaml")]
    clash = [line for line in info if "'Doe je dit tijdens je werk of daarbuiten?'" in line]
    assert clash and all(f"(onderwerp '{title}', voor " in line for line in clash)
    assert not any("staff_posting" in line for line in out.stdout.splitlines() if line.startswith("informatie:"))
    every = [line for line in out.stdout.splitlines() if line.startswith("informatie:")]
    assert len(every) == len(set(every)), "a question reached by several routes is named once"


def test_bundled_rulings_never_carry_a_condition_of_another_branch(catalog):
    assert [str(p) for p in branch_mentions(catalog)] == []


def test_a_staff_member_posting_in_free_time_gets_no_condition_about_lessons(catalog):
    for outcome_path in (("personal", "nee", "post", "outside"), ("personal", "nee", "discuss", "outside")):
        walk = Walk(catalog.tree("staff_posting"), catalog.protocol("quadraam"), "staff")
        for option in outcome_path:
            walk.answer(option)
        result = walk.result()
        assert result.outcome in ("post_outside", "discuss_outside")
        assert not any("lessen" in c for c in result.ruling.conditions)
