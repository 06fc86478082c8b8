"""Every validation rule: a broken copy of the small data set gives one clear line naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from smassist.core.catalog import load_catalog

TREE = "walk.yaml"
PROTOCOL = "protocols/alpha.yaml"

# (rule, file, text to replace, replacement, text on the line the message must name, words the message must hold)
CASES = [
    ("yaml syntax", TREE, "    text: Eerste vraag?", "    text: Eerste: vraag?", "Eerste: vraag?", "YAML-fout"),
    ("duplicate key", TREE, "  second:\n", "  first:\n    text: x\n    options: []\n  second:\n", "  first:\n    text: x", "tweede keer"),
    ("unknown key with suggestion", TREE, "    options:\n      - id: x", "    optoins:\n      - id: x", "optoins", "bedoel je 'options'"),
    ("missing required key", TREE, "start: first\n", "", "id: walk", "'start'"),
    ("next does not resolve", TREE, "        next: third\n      - id: c", "        next: thrid\n      - id: c", "id: b", "'thrid'"),
    ("unreachable node", TREE, "  second:\n", "  orphan:\n    text: Wees?\n    options:\n      - {id: o, text: O, outcome: end_y}\n  second:\n", "  orphan:", "niet te bereiken"),
    ("cycle", TREE, "        text: Antwoord P\n        outcome: end_p", "        text: Antwoord P\n        next: first", "  third:", "kringloop"),
    ("question without options for a role", TREE, "        text: Antwoord P\n        outcome: end_p", "        text: Antwoord P\n        outcome: end_p\n        roles: [staff]", "  third:", "geen antwoorden voor de rol 'pupil'"),
    ("option needs next or outcome", TREE, "        text: Antwoord Y\n        outcome: end_y", "        text: Antwoord Y", "id: y", "precies één van 'next'"),
    ("duplicate option id", TREE, "      - id: q", "      - id: p", "      - id: p\n        text: Antwoord Q", "twee keer"),
    ("unknown role", TREE, "roles: [staff, pupil]", "roles: [staff, leerling]", "roles:", "onbekende rol 'leerling'"),
    ("tree id differs from file name", TREE, "id: walk", "id: wandeling", "id: wandeling", "bestandsnaam"),
    ("missing ruling", PROTOCOL, "    end_q:", "    end_z:", "rulings:", "geen uitspraak voor uitkomst 'walk/end_q'"),
    ("ruling for unknown outcome", PROTOCOL, "    end_q:", "    end_q_old:\n      verdict: allowed\n      answer: Ja.\n      explanation: x\n      cites: {\"2\": \"x\"}\n    end_q:", "end_q_old:", "hoort bij geen enkele uitkomst"),
    ("cited article does not exist", PROTOCOL, "cites: {\"2\":", "cites: {\"9\":", "    end_q:", "'9', dat niet in dit protocol staat"),
    ("pin no longer matches the text", PROTOCOL, "text: Bij twijfel overleg je met je leidinggevende.", "text: Bij twijfel overleg je met de directeur.", "    end_q:", "is veranderd"),
    ("pin missing", PROTOCOL, "cites: {\"2\": \"", "cites: {\"2\": \"\", \"1\": \"", "    end_q:", "pin van artikel 2 ontbreekt"),
    ("duplicate article id", PROTOCOL, "  - id: \"2\"", "  - id: \"1\"", "  - id: \"1\"\n    section: Regels\n    text: Bij", "twee keer"),
    ("unknown key in a ruling", PROTOCOL, "      explanation: Artikel 1 staat", "      explenation: Artikel 1 staat", "explenation", "bedoel je 'explanation'"),
    ("unknown verdict", PROTOCOL, "verdict: not_regulated", "verdict: maybe", "verdict: maybe", "onbekend oordeel 'maybe'"),
    ("allowed_if without conditions", PROTOCOL, "      conditions: [je vraagt het eerst]\n", "", "    end_p:", "noemt geen voorwaarden"),
    ("ruling cites nothing", PROTOCOL, "      cites: {\"2\":", "      cites: {}\n      documents: []\n      #", "cites: {}", "noemt geen artikel"),
    ("number where text is expected", PROTOCOL, "  - id: \"2\"", "  - id: 2.10", "  - id: 2.10", "tussen aanhalingstekens"),
    ("doubt article does not exist", PROTOCOL, "doubt_article: \"2\"", "doubt_article: \"7\"", "doubt_article", "doubt_article '7' bestaat niet"),
    ("document without template", PROTOCOL, "      cites: {\"2\":", "      documents: [brief_zonder_sjabloon]\n      cites: {\"2\":", "    end_q:", "geen sjabloon"),
]


def line_of(path: Path, marker: str) -> int:
    text = path.read_text(encoding="utf-8")
    index = text.index(marker)
    return text.count("\n", 0, index) + 1


@pytest.mark.parametrize("rule, file, old, new, marker, words", CASES, ids=[c[0] for c in CASES])
def test_each_rule_names_file_line_and_fix(mini: Path, tmp_path: Path, rule, file, old, new, marker, words):
    path = mini / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test case '{rule}' does not apply to the fixture"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()

    problems = load_catalog(mini, templates).problems

    matching = [p for p in problems if words in p.message]
    assert matching, f"no problem mentions {words!r}; got: {[str(p) for p in problems]}"
    problem = matching[0]
    assert problem.file == path
    if marker is not None:
        assert problem.line == line_of(path, marker), str(problem)
    line = str(problem)
    assert line.startswith(f"{path}:") and "\n" not in line and "Traceback" not in line


def test_the_valid_fixture_has_no_problems(mini: Path, tmp_path: Path):
    assert load_catalog(mini, tmp_path).problems == []


def test_a_broken_file_leaves_the_rest_usable(mini: Path):
    (mini / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    catalog = load_catalog(mini)
    assert "walk" in catalog.trees and "alpha" in catalog.protocols
    assert [p.file.name for p in catalog.problems] == ["broken.yaml"]
