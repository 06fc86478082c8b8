"""Protocols come from the user's data folder, the school's folder and the bundled set."""

from __future__ import annotations

import json
from pathlib import Path

from smassist.cli import main
from smassist.core.catalog_sources import load_user_catalog, protocol_sources
from smassist.core.paths import decision_trees_dir, user_protocols_dir
from smassist.core.profile import Profile, save_profile

BUNDLED = decision_trees_dir() / "protocols"
ASK = ["ask", "befriend", "--role", "staff", "--format", "json",
       "--answer", "staff_with=pupil", "--answer", "staff_account=private", "--answer", "staff_urgent=nee"]


def _own_protocol(folder: Path, protocol_id: str, *, based_on: str = "kopwerk", answer: str | None = None) -> Path:
    """A valid protocol file: a bundled one under another id, optionally with another answer."""
    text = (BUNDLED / f"{based_on}.yaml").read_text(encoding="utf-8")
    text = text.replace(f"id: {based_on}\n", f"id: {protocol_id}\n", 1)
    text = text.replace("organisation: Stichting Kopwerk", "organisation: Onze Eigen School", 1)
    if answer:
        old = "Nee. Je mag als medewerker geen 'vrienden' worden met leerlingen op sociale media,"
        assert old in text
        text = text.replace(old, answer, 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{protocol_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _answer(capsys, protocol_id: str) -> dict:
    assert main([*ASK, "--protocol", protocol_id]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_protocol_dropped_in_the_user_folder_is_listed_and_answers(capsys):
    _own_protocol(user_protocols_dir(), "eigen")
    assert main(["protocols"]) == 0
    out, err = capsys.readouterr()
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "eigen" in rows and "Onze Eigen School" in rows["eigen"]
    assert {"buitengewoon", "kopwerk"} <= set(rows), "the bundled protocols stay"
    assert err == ""
    assert _answer(capsys, "eigen")["verdict"] == "not_allowed"


def test_a_user_file_with_a_bundled_id_never_replaces_the_bundled_protocol_and_is_reported(capsys):
    # written before 'import' and 'protocol add' refused bundled ids: the bundled protocol stays what teachers get
    own = _own_protocol(user_protocols_dir(), "kopwerk", answer="Nee, dat mag niet volgens onze eigen versie,")
    assert "onze eigen versie" not in _answer(capsys, "kopwerk")["answer"]
    catalog = load_user_catalog()
    assert catalog.protocols["kopwerk"].path.parent == BUNDLED
    assert [(p.file, p in catalog.shadowed) for p in catalog.problems] == [(own, True)]
    message = catalog.problems[0].message
    assert "meegeleverde protocol van Stichting Kopwerk" in message and "wordt niet gebruikt" in message and "eigen id" in message
    assert main(["validate"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if str(own) in line]
    assert len(lines) == 1 and "hernoem het bestand" in lines[0]
    # a file whose id (not its name) is a bundled one does not replace it either
    own.rename(own.with_name("anders.yaml"))
    catalog = load_user_catalog()
    assert catalog.protocols["kopwerk"].path.parent == BUNDLED
    assert own.with_name("anders.yaml") in [p.file for p in catalog.shadowed]


def test_a_broken_user_protocol_is_reported_and_the_bundled_one_stays(capsys):
    user_protocols_dir().mkdir(parents=True)
    (user_protocols_dir() / "kopwerk.yaml").write_text("id: kopwerk\ntitle: [\n", encoding="utf-8")
    (user_protocols_dir() / "eigen.yaml").write_text("id: eigen\ntitle: [\n", encoding="utf-8")
    assert main(["protocols"]) == 0
    out, err = capsys.readouterr()
    assert "kopwerk" in out
    assert "2 problemen in de gegevens" in err  # both broken files, counted in Dutch words
    catalog = load_user_catalog()
    assert catalog.protocols["kopwerk"].path.parent == BUNDLED
    assert sorted(p.file.name for p in catalog.problems) == ["eigen.yaml", "kopwerk.yaml"]
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert "eigen.yaml:3" in out and "kopwerk.yaml: dit bestand heeft de id 'kopwerk'" in out


def test_a_folder_named_in_the_profile_is_read_below_the_user_folder(tmp_path, capsys):
    shared = tmp_path / "gedeelde schijf"
    _own_protocol(shared, "school", answer="Nee, zegt de gedeelde schijf,")
    _own_protocol(shared, "kopwerk", answer="Nee, zegt de kopwerk-versie op de schijf,")
    save_profile(Profile(protocol_folder=str(shared)))
    assert "gedeelde schijf" in _answer(capsys, "school")["answer"]
    assert "kopwerk-versie op de schijf" not in _answer(capsys, "kopwerk")["answer"]  # a bundled id: bundled wins
    assert [p.file for p in load_user_catalog().shadowed] == [shared / "kopwerk.yaml"]
    _own_protocol(user_protocols_dir(), "school", answer="Nee, zegt mijn eigen map,")
    assert "mijn eigen map" in _answer(capsys, "school")["answer"]
    assert protocol_sources(Profile(protocol_folder=str(shared))) == [user_protocols_dir(), shared, BUNDLED]


def test_a_missing_profile_folder_is_reported_not_fatal(tmp_path, capsys):
    save_profile(Profile(protocol_folder=str(tmp_path / "niet-verbonden")))
    assert main(["protocols"]) == 0
    out, err = capsys.readouterr()
    assert "buitengewoon" in out and "probleem" in err
    assert main(["validate"]) == 1
    assert "niet gevonden" in capsys.readouterr().out


def test_the_app_and_the_incident_register_use_every_source():
    from smassist.core.incidents.create import result_of
    from smassist.tui.app import make_app

    _own_protocol(user_protocols_dir(), "eigen", answer="Nee, zegt de eigen map,")
    assert "eigen" in make_app().catalog.protocols
    from smassist.core.walk import SCHEMA_VERSION

    walk = {"version": SCHEMA_VERSION, "cursor": 3, "tree": "befriend", "protocol": "eigen", "role": "staff",
            "answers": {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"}}
    assert "eigen map" in result_of(walk).ruling.answer


def test_a_relative_protocol_folder_in_the_profile_names_the_line(tmp_path):
    from smassist.core.problems import DataError
    from smassist.core.profile import load_profile

    path = tmp_path / "profile.yaml"
    path.write_text("school_name: De Regenboog\nprotocol_folder: protocollen\n", encoding="utf-8")
    try:
        load_profile(path)
    except DataError as exc:
        assert exc.problems[0].line == 2 and "volledig pad" in exc.problems[0].message
    else:
        raise AssertionError("a relative folder must be refused")
    path.write_text("protocol_folder: ~/protocollen\n", encoding="utf-8")
    assert load_profile(path).protocol_folder_path() == Path.home() / "protocollen"


def test_a_relative_folder_typed_into_profile_set_is_kept_as_a_full_path(tmp_path, monkeypatch, capsys):
    from smassist.core.profile import load_profile

    (tmp_path / "schijf").mkdir()
    _own_protocol(tmp_path / "schijf", "school")
    monkeypatch.chdir(tmp_path)
    assert main(["profile", "set", "protocol_folder", "schijf"]) == 0
    assert load_profile().protocol_folder == str(tmp_path / "schijf")
    capsys.readouterr()
    assert main(["protocols"]) == 0
    assert "school" in capsys.readouterr().out
