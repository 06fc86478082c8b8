"""`smassist render`, `smassist documents` and `smassist profile`, through the real entry point."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from tests.test_cli import smassist


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def run(home: Path, *args: str, env: dict | None = None):
    return smassist(*args, env={"SMASSIST_HOME": str(home), **(env or {})})


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def school(home):
    for key, value in (("school_name", "De Regenboog"), ("school_leader", "A. Jansen"), ("function", "docent")):
        out = run(home, "profile", "set", key, value)
        assert out.returncode == 0, out.stderr
    return home


def test_profile_set_and_show(home):
    out = run(home, "profile", "set", "school_name", "De Regenboog")
    assert out.returncode == 0 and "Naam van de school: De Regenboog" in out.stdout
    shown = run(home, "profile", "show")
    assert "De Regenboog" in shown.stdout and "[school_name]" in shown.stdout
    assert "Schoolleider:" in shown.stdout and "(leeg)" in shown.stdout
    assert run(home, "profile").stdout == shown.stdout


def test_profile_set_rejects_an_unknown_key_and_protocol(home):
    out = run(home, "profile", "set", "school_nam", "X")
    assert out.returncode == 1 and "bedoel je 'school_name'" in out.stderr and out.stderr.count("\n") == 1
    out = run(home, "profile", "set", "protocol", "nergens")
    assert out.returncode == 1 and "onbekend protocol 'nergens'" in out.stderr


def test_profile_edit_uses_the_editor_and_checks_the_result(home, tmp_path):
    editor = write(tmp_path / "editor.py", "import sys\nopen(sys.argv[1], 'a').write('board: Stichting Regenboog\\n')\n")
    out = run(home, "profile", "edit", env={"VISUAL": f"{sys.executable} {editor}"})
    assert out.returncode == 0, out.stderr
    assert "Stichting Regenboog" in run(home, "profile", "show").stdout
    profile = home / "config" / "profile.yaml"
    assert stat.S_IMODE(profile.stat().st_mode) == 0o600
    bad = write(tmp_path / "bad.py", "import sys\nopen(sys.argv[1], 'a').write('schoolnaam: X\\n')\n")
    out = run(home, "profile", "edit", env={"VISUAL": f"{sys.executable} {bad}"})
    assert out.returncode == 1 and "onbekende sleutel 'schoolnaam'" in out.stderr


def test_render_text_from_a_data_file_to_the_screen(school, tmp_path):
    data = write(tmp_path / "data.yaml", "purpose: Voor de nieuwsbrief.\naccounts: [Instagram]\nage: 16\n")
    out = run(school, "render", "consent_photo", "--protocol", "quadraam", "--data", str(data))
    assert out.returncode == 0, out.stderr
    assert "Toestemming voor foto's, films en geluidsopnamen" in out.stdout
    assert "Aan de ouders/verzorgers van de leerling" in out.stdout and "De Regenboog" in out.stdout


def test_render_a_walk_to_a_pdf_in_a_folder(school, tmp_path):
    walk = write(tmp_path / "walk.json", json.dumps({
        "tree": "photo", "protocol": "buitengewoon", "role": "staff",
        "answers": {"school_related": "ja", "who": "pupils", "pupil_consent": "written", "age": "sixteen"},
    }))
    data = write(tmp_path / "data.json", json.dumps({"purpose": "Schoolgids.", "accounts": ["Website"]}))
    folder = tmp_path / "uit"
    folder.mkdir()
    out = run(school, "render", "consent_photo", "--walk", str(walk), "--data", str(data), "--format", "pdf", "-o", str(folder))
    assert out.returncode == 0, out.stderr
    [pdf] = folder.glob("toestemming-foto-*.pdf")
    assert out.stdout.strip() == f"opgeslagen: {pdf}"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_render_html_chooses_the_format_from_the_file_name(school, tmp_path):
    target = tmp_path / "formulier.html"
    out = run(school, "render", "incident_form", "--protocol", "buitengewoon", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_missing_value_is_one_line_naming_document_value_and_how(home, tmp_path):
    run(home, "profile", "set", "school_name", "De Regenboog")
    data = write(tmp_path / "data.yaml", "purpose: x\naccounts: [y]\nage: 12\n")
    out = run(home, "render", "consent_photo", "--protocol", "quadraam", "--data", str(data))
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == ("smassist: document 'consent_photo' heeft 'Schoolleider' (school_leader) nodig; "
                          "stel het in met: smassist profile set school_leader \"...\"\n")


def test_render_errors_are_one_line_with_exit_1(school, tmp_path):
    out = run(school, "render", "consent_foto", "--protocol", "quadraam")
    assert out.returncode == 1 and "bedoel je 'consent_photo'" in out.stderr
    out = run(school, "render", "incident_form", "--protocol", "quadraam", "--format", "pdf")
    assert out.returncode == 1 and "geef -o BESTAND.pdf" in out.stderr
    out = run(school, "render", "incident_form")
    assert out.returncode == 1 and "geef --protocol" in out.stderr
    bad = write(tmp_path / "bad.yaml", "purpose: [x\n")
    out = run(school, "render", "consent_photo", "--protocol", "quadraam", "--data", str(bad))
    assert out.returncode == 1 and str(bad) in out.stderr and out.stderr.count("\n") == 1
    walk = write(tmp_path / "walk.yaml", "tree: photo\nprotocol: quadraam\nrole: staff\nanswers: {school_related: ja}\n")
    out = run(school, "render", "consent_photo", "--walk", str(walk))
    assert out.returncode == 1 and "niet af" in out.stderr


def test_render_usage_error_is_exit_2(home):
    out = run(home, "render", "consent_photo", "--format", "docx")
    assert out.returncode == 2


def test_the_protocol_can_come_from_the_profile(school):
    run(school, "profile", "set", "protocol", "togtemaar")
    out = run(school, "render", "disclaimer")
    assert out.returncode == 0, out.stderr
    assert "officiële standpunten van de Togtemaarschool" in " ".join(out.stdout.split())


def test_documents_lists_the_documents_and_their_values(home):
    out = run(home, "documents")
    assert out.returncode == 0
    ids = [line.split()[0] for line in out.stdout.splitlines() if line and not line.startswith("Meer")]
    assert ids == ["disclaimer", "identification", "consent_photo", "consent_account", "incident_report",
                   "incident_form", "incident_letter", "account_checklist"]
    detail = run(home, "documents", "incident_letter")
    assert "summary: Wat er bekend is (noem geen namen van leerlingen) (verplicht)" in detail.stdout
    assert "school_leader: Schoolleider" in detail.stdout


def test_saved_documents_are_private(school, tmp_path):
    target = tmp_path / "verslag.md"
    out = run(school, "render", "incident_form", "--protocol", "buitengewoon", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
