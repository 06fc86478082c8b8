"""The bundled content: real cases per protocol, every path answered, citations that exist."""

from __future__ import annotations

import itertools

import pytest

from smassist.core.paths import decision_trees_dir
from smassist.core.scenarios import read_scenarios, run_scenario, scenario_files
from smassist.core.walk import Walk

SCENARIO_FILES = scenario_files(decision_trees_dir() / "scenarios")
SCENARIOS = [s for path in SCENARIO_FILES for s in read_scenarios(path)]


def test_bundled_data_has_no_problems(catalog):
    assert [str(p) for p in catalog.problems] == []


def test_every_protocol_has_a_scenario_file(catalog):
    assert sorted(p.stem for p in SCENARIO_FILES) == sorted(catalog.protocols)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"{s.protocol}: {s.name}" for s in SCENARIOS])
def test_scenario(scenario, catalog):
    outcome = run_scenario(scenario, catalog)
    assert outcome.failure is None, str(outcome)


def test_a_wrong_expectation_is_reported(catalog):
    right = next(s for s in SCENARIOS if s.protocol == "togtemaar" and s.verdict == "not_allowed")
    wrong = type(right)(**{**right.__dict__, "verdict": "allowed"})
    assert "verwacht oordeel 'allowed'" in run_scenario(wrong, catalog).failure


def all_paths(tree, role):
    """Every sequence of answers from the start to an outcome, for one role.

    Input nodes get a value in every field; their key maps to that mapping.
    """
    def extend(node_id, answers):
        node = tree.nodes[node_id]
        if node.kind == "input":
            filled = {**answers, node_id: {f.id: f"voorbeeld {f.id}" for f in node.fields}}
            if node.outcome:
                yield filled
            else:
                yield from extend(node.next, filled)
            return
        for option in node.options_for(role):
            chosen = {**answers, node_id: option.id}
            if option.outcome:
                yield chosen
            else:
                yield from extend(option.next, chosen)
    yield from extend(tree.start[role], {})


def test_every_path_of_every_tree_gets_a_cited_ruling_in_every_protocol(catalog):
    checked = 0
    for tree, protocol in itertools.product(catalog.trees.values(), catalog.protocols.values()):
        for role in tree.roles:
            for answers in all_paths(tree, role):
                walk = Walk(tree, protocol, role)
                walk.answers.update({k: v for k, v in answers.items() if isinstance(v, str)})
                walk.inputs.update({k: v for k, v in answers.items() if isinstance(v, dict)})
                walk.fast_forward()
                result = walk.result()
                assert result.citations, f"{protocol.id} {tree.id} {answers}"
                for citation in result.citations:
                    assert citation.article.id in protocol.articles
                assert result.ruling.answer.strip() and result.ruling.explanation.strip()
                checked += 1
    assert checked >= 1000


def test_the_architecture_table_holds(catalog):
    """Staff befriending a pupil from a private account, in each of the five protocols."""
    expected = {
        "buitengewoon": ("not_allowed", "9C.6"),
        "togtemaar": ("not_allowed", "A.5"),
        "edu-ley": ("not_allowed", "A.7"),
        "quadraam": ("not_regulated", "5.8"),
        "kopwerk": ("not_allowed", "A.6"),
    }
    for protocol_id, (verdict, article) in expected.items():
        walk = Walk(catalog.tree("befriend"), catalog.protocol(protocol_id), "staff")
        for option in ("pupil", "private", "nee"):
            walk.answer(option)
        result = walk.result()
        assert (result.ruling.verdict.value, article in [c.article.id for c in result.citations]) == (verdict, True), protocol_id


def test_every_normative_article_is_cited_by_a_ruling(catalog):
    from smassist.core.coverage import uncited

    gaps = {p.id: [a.id for a in uncited(p, normative_only=True)] for p in catalog.protocols.values()}
    assert gaps == {p: [] for p in catalog.protocols}


def test_scenarios_cover_every_tree_and_every_verdict_of_each_protocol(catalog):
    for protocol in catalog.protocols.values():
        mine = [s for s in SCENARIOS if s.protocol == protocol.id]
        assert len(mine) >= 15, protocol.id
        assert {s.tree for s in mine} >= set(catalog.trees), protocol.id
        given = {r.verdict.value for ruled in protocol.rulings.values() for r in ruled.values()}
        assert {s.verdict for s in mine} >= given, protocol.id


def test_scenario_files_cover_every_outcome_of_every_tree_under_every_protocol(catalog):
    for protocol in catalog.protocols.values():
        reached = set()
        for scenario in (s for s in SCENARIOS if s.protocol == protocol.id):
            walk = Walk(catalog.tree(scenario.tree), protocol, scenario.role)
            walk.answers.update({k: v for k, v in scenario.answers.items() if isinstance(v, str)})
            walk.inputs.update({k: v for k, v in scenario.answers.items() if isinstance(v, dict)})
            walk.fast_forward()
            reached.update((scenario.tree, o) for o in walk.result().outcomes)
        expected = {(t.id, o) for t in catalog.trees.values() for o in t.outcomes()}
        assert sorted(expected - reached) == [], protocol.id


def test_every_forbidding_or_discouraging_scenario_records_its_audit():
    missing = [f"{s.protocol}: {s.name}" for s in SCENARIOS if s.verdict in ("not_allowed", "discouraged") and s.audit is None]
    assert missing == []


def test_an_audit_whose_words_do_not_forbid_is_reported(catalog):
    right = next(s for s in SCENARIOS if s.protocol == "buitengewoon" and s.verdict == "not_allowed" and s.audit)
    article = catalog.protocol("buitengewoon").articles[right.audit[0]]
    harmless = next(w for w in article.text.split() if w.lower() not in ("niet", "geen", "verboden", "nooit", "alleen"))
    weak = type(right)(**{**right.__dict__, "audit": (right.audit[0], harmless, "")})
    assert "moeten de woorden een van deze bevatten" in run_scenario(weak, catalog).failure
    invented = type(right)(**{**right.__dict__, "audit": (right.audit[0], "dit staat er niet", "")})
    assert "staan niet letterlijk" in run_scenario(invented, catalog).failure
