"""The command line, through the real `smassist` entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI


def smassist(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("smassist", path=str(Path(sys.executable).parent))
    command = [exe, *args] if exe else [sys.executable, "-m", "smassist", *args]
    env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=60)


def test_protocols_lists_the_five_schools_with_article_counts():
    out = smassist("protocols")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    ids = [line.split()[0] for line in lines[1:]]
    assert sorted(ids) == ["buitengewoon", "edu-ley", "kopwerk", "quadraam", "togtemaar"]
    assert "Onderwijsgroep Buitengewoon" in out.stdout
    buitengewoon = next(line for line in lines if line.startswith("buitengewoon"))
    assert int(buitengewoon.split()[3]) >= 60


def test_article_prints_the_verbatim_text_with_number_section_and_protocol():
    out = smassist("article", "togtemaar", "A.5")
    assert out.returncode == 0, out.stderr
    assert "Protocol Sociale Media — Togtemaarschool" in out.stdout
    assert "Artikel A.5 · Sociale media in de school · A. Voor alle gebruikers" in out.stdout
    assert "Het is medewerkers niet toegestaan om 'vrienden' te worden met leerlingen op sociale media." in out.stdout


def test_model_protocol_article_never_shows_a_raw_placeholder():
    out = smassist("article", "kopwerk", "D.1")
    assert out.returncode == 0
    assert "[naam school]" not in out.stdout and "[Naam school]" not in out.stdout
    assert "verbonden zijn aan de school." in out.stdout


def test_unknown_article_is_one_line_and_exit_1():
    out = smassist("article", "buitengewoon", "9Z.1")
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "bestaat niet" in out.stderr


def test_trees_filters_by_role():
    out = smassist("trees", "--role", "pupil")
    assert out.returncode == 0
    assert "befriend" in out.stdout and "photo" in out.stdout


def test_ask_gives_the_cited_answer_as_text():
    out = smassist("ask", "befriend", "--protocol", "buitengewoon", "--role", "staff",
                   "--answer", "staff_with=pupil", "--answer", "staff_account=private", "--answer", "staff_urgent=nee")
    assert out.returncode == 0, out.stderr
    assert "NIET TOEGESTAAN ✗" in out.stdout
    assert "Artikel 9C.6" in out.stdout
    assert "Het is medewerkers niet toegestaan om met een privéaccount 'vrienden' te worden met leerlingen." in out.stdout.replace("\n    │ ", " ")
    assert "Waarom dit antwoord:" in out.stdout


def test_ask_json_carries_verdict_citations_and_path():
    out = smassist("ask", "befriend", "--protocol", "togtemaar", "--role", "staff", "--format", "json",
                   "--answer", "staff_with=pupil", "--answer", "staff_account=work", "--answer", "staff_group=ja")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["verdict"] == "not_allowed"
    assert data["answer"] and data["explanation"]
    [citation] = [c for c in data["citations"] if c["article"] == "A.5"]
    assert citation["protocol"] == "togtemaar"
    assert citation["text"] == "Het is medewerkers niet toegestaan om 'vrienden' te worden met leerlingen op sociale media."
    assert len(citation["hash"]) == 12 and citation["label"]
    assert [step["node"] for step in data["path"]] == ["staff_with", "staff_account", "staff_group"]
    assert data["path"][0]["question"].startswith("Met wie") and data["path"][0]["answer"] == "Een leerling"


def test_ask_with_answers_missing_names_the_next_question_and_exits_1():
    out = smassist("ask", "photo", "--protocol", "quadraam", "--role", "parent", "--answer", "school_related=ja")
    assert out.returncode == 1
    assert "'who'" in out.stderr and "who=pupils" in out.stderr and "who=nobody" in out.stderr


def test_ask_with_a_wrong_option_lists_the_choices():
    out = smassist("ask", "photo", "--protocol", "quadraam", "--role", "parent", "--answer", "school_related=misschien")
    assert out.returncode == 1
    assert "kies uit: ja (Ja, het gaat om iets van school); nee (" in out.stderr


def test_ask_for_an_unknown_protocol_is_exit_1():
    out = smassist("ask", "photo", "--protocol", "nergens", "--role", "staff")
    assert out.returncode == 1 and "onbekend protocol 'nergens'" in out.stderr


def test_usage_errors_exit_2():
    assert smassist("ask", "photo").returncode == 2
    assert smassist("frobnicate").returncode == 2


def test_validate_bundled_data_passes():
    out = smassist("validate")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "in orde: " in out.stdout


def test_validate_a_folder_with_trees_and_protocols(tmp_path):
    target = tmp_path / "eigen"
    shutil.copytree(MINI, target)
    assert smassist("validate", str(target)).returncode == 0
    path = target / "protocols" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("verdict: allowed_if", "verdict: allowd_if"), encoding="utf-8")
    out = smassist("validate", str(target))
    assert out.returncode == 1
    assert f"{path}:24: onbekend oordeel 'allowd_if'" in out.stdout
    assert out.stderr.splitlines()[-1] == "2 problemen gevonden."  # counted in words, not 'probleem/problemen'
    assert "Traceback" not in out.stdout + out.stderr


def test_validate_a_schools_own_protocol_file_against_the_bundled_trees(tmp_path):
    own = tmp_path / "onzeschool.yaml"
    source = Path(__file__).parents[1] / "decision_trees" / "protocols" / "togtemaar.yaml"
    own.write_text(source.read_text(encoding="utf-8").replace("id: togtemaar", "id: onzeschool", 1), encoding="utf-8")
    assert smassist("validate", str(own)).returncode == 0
    own.write_text(own.read_text(encoding="utf-8").replace("niet toegestaan om 'vrienden'", "niet toegestaan om vrienden", 1), encoding="utf-8")
    out = smassist("validate", str(own))
    assert out.returncode == 1
    assert "de tekst van artikel A.5 is veranderd" in out.stdout


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help(args):
    assert smassist(*args).returncode == 0


def test_compare_prints_one_line_per_protocol_and_marks_differences():
    out = smassist("compare", "befriend", "--role", "staff",
                   "--answer", "staff_with=pupil", "--answer", "staff_account=work", "--answer", "staff_group=ja")
    assert out.returncode == 0, out.stderr
    lines = {line.split()[0]: line for line in out.stdout.splitlines()[1:] if line and not line.startswith("De ")}
    assert set(lines) == {"buitengewoon", "togtemaar", "edu-ley", "quadraam", "kopwerk"}
    assert "Toegestaan, mits" in lines["buitengewoon"] and "9C.6" in lines["buitengewoon"]
    assert "Niet toegestaan ✗" in lines["togtemaar"] and "A.5" in lines["togtemaar"]
    assert "Niet geregeld" in lines["quadraam"]
    assert "De protocollen verschillen hier." in out.stdout


def test_coverage_lists_articles_no_ruling_cites():
    out = smassist("coverage", "togtemaar")
    assert out.returncode == 0, "every normative article of togtemaar is cited"
    rows = {line.split()[0]: line.split()[1] for line in out.stdout.splitlines()[2:] if line.strip()}
    assert "A.5" not in rows
    assert rows["slot"] == "nee"


def test_output_into_a_closed_pipe_is_not_a_traceback():
    out = subprocess.run(f"{sys.executable} -m smassist articles buitengewoon | head -1", shell=True, capture_output=True, text=True)
    assert "Traceback" not in out.stderr


def test_diagram_mermaid_shows_a_roles_questions_and_the_protocols_verdicts():
    out = smassist("diagram", "befriend", "--protocol", "togtemaar", "--role", "pupil")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("flowchart TD")
    assert 'pupil_account["Je wilt vrienden worden met een leraar' in out.stdout
    assert "staff_account" not in out.stdout
    assert 'out_pupil_teacher_private(["Niet toegestaan ✗ (A.5)"])' in out.stdout


def test_diagram_dot_is_a_graph_with_every_question():
    out = smassist("diagram", "photo", "--format", "dot")
    assert out.returncode == 0
    assert out.stdout.startswith('digraph "photo" {') and out.stdout.rstrip().endswith("}")
    for node in ("school_related", "who", "pupil_consent", "age", "adult_consent"):
        assert f'"{node}" [label=' in out.stdout
