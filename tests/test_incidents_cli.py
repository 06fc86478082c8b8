"""`smassist incidents …` through the real entry point, on the isolated user folder."""

from __future__ import annotations

import json
import stat
import sys
from datetime import datetime, timezone

import pytest

from smassist.core.catalog import load_catalog
from smassist.core.incidents import create_incident
from smassist.core.incidents.store import Store, database_path
from smassist.core.paths import decision_trees_dir, templates_dir
from smassist.core.profile import Profile, save_profile
from smassist.core.walk import Walk
from tests.incident_helpers import FULL_PROFILE, FixedClock, complete_report, finished_walk, walk_to_the_end
from tests.test_cli import smassist

SECRET = "Zeldzame-naam-Pq3z8Lm"


@pytest.fixture
def two_incidents():
    """Incident 1 complete with a ticked step; incident 2 a bare draft. Both changed today."""
    with Store() as store:
        first = create_incident(finished_walk().result(), store=store)
        for name, value in complete_report().items():
            store.save_field(first.id, name, value)
        store.save_field(first.id, "what_happened", f"Nepaccount met foto's van {SECRET}.")
        store.tick_step(first.id, 1, "02-02-2026")
        store.save_step_note(first.id, 1, "Schermafbeeldingen in map Incidenten.")
        second = create_incident(finished_walk(criminal=False).result(), store=store)
    return first.id, second.id


def test_list_without_incidents():
    out = smassist("incidents", "list")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "Er zijn geen incidenten opgeslagen.\n"


def test_list_shows_status_date_last_change_and_next_step(two_incidents):
    out = smassist("incidents", "list")
    assert out.returncode == 0, out.stderr
    header, *rows = out.stdout.splitlines()
    assert header.split() == ["id", "status", "datum", "platform", "laatst", "gewijzigd", "stappen", "volgende", "stap"]
    assert rows[0].startswith("2 ") and "Concept" in rows[0] and "0/2" in rows[0] and "Stel vast wat er is gebeurd." in rows[0]
    assert rows[1].startswith("1 ") and "01-02-2026" in rows[1] and "TikTok" in rows[1] and "1/3" in rows[1]
    assert "Informeer de schoolleider." in rows[1]
    assert SECRET not in out.stdout


def test_list_as_json(two_incidents):
    out = smassist("incidents", "list", "--format", "json")
    data = json.loads(out.stdout)
    assert [(d["id"], d["status"], d["steps_done"], d["steps_total"]) for d in data] == [(2, "concept", 0, 2), (1, "concept", 1, 3)]
    assert data[1]["next_step"] == "Informeer de schoolleider."


def test_show_prints_the_report_the_steps_and_what_is_still_missing(two_incidents):
    first, second = two_incidents
    out = smassist("incidents", "show", str(first))
    assert out.returncode == 0, out.stderr
    assert f"Nepaccount met foto's van {SECRET}." in out.stdout
    assert "- [x] Leg het bewijs vast (schermafbeeldingen, links). (wie: melder; artikel 1; gedaan op 02-02-2026)" in out.stdout
    assert "Notitie: Schermafbeeldingen in map Incidenten." in out.stdout
    assert "Nog in te vullen" not in out.stdout
    bare = smassist("incidents", "show", str(second))
    assert "Nog in te vullen of te verbeteren:\n  - Datum van het incident: vul dit in\n  - Wie meldt: vul dit in" in bare.stdout


def test_show_unknown_incident_is_one_line_and_exit_1():
    out = smassist("incidents", "show", "42")
    assert out.returncode == 1
    assert out.stderr == "smassist: incident 42 bestaat niet; zie 'smassist incidents list'\n"


def test_an_id_that_is_no_number_is_a_usage_error():
    out = smassist("incidents", "show", "abc")
    assert out.returncode == 2
    assert "geen incidentnummer" in out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_export_json_to_a_private_file_and_never_over_an_existing_one(two_incidents, tmp_path):
    first, _ = two_incidents
    target = tmp_path / "incident.json"
    out = smassist("incidents", "export", str(first), "--format", "json", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"opgeslagen: {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "smassist-incident" and data["id"] == first
    assert data["report"]["what_happened"] == f"Nepaccount met foto's van {SECRET}."
    assert data["checklist"][0]["done"] == "2026-02-02"
    assert data["walk"]["answers"] == {"kind": "criminal"}
    again = smassist("incidents", "export", str(first), "--format", "json", "-o", str(target))
    assert again.returncode == 1 and "bestaat al" in again.stderr and "--force" in again.stderr
    forced = smassist("incidents", "export", str(first), "--format", "json", "-o", str(target), "--force")
    assert forced.returncode == 0


@pytest.fixture
def bundled_incident():
    """An incident on a bundled tree and protocol (the printable report replays the walk), with a profile."""
    catalog = load_catalog(decision_trees_dir(), templates_dir())
    walk = walk_to_the_end(Walk(catalog.trees["befriend"], catalog.protocols["buitengewoon"], "staff"))
    save_profile(Profile(**FULL_PROFILE))
    with Store() as store:
        made = create_incident(walk.result(), store=store, catalog=catalog)
        for name, value in complete_report().items():
            store.save_field(made.id, name, value)
        store.save_field(made.id, "what_happened", f"Nepaccount met foto's van {SECRET}.")
    return made.id


@pytest.fixture
def incident_without_profile():
    """An incident on a bundled tree, on a machine where nobody filled in the school profile yet."""
    catalog = load_catalog(decision_trees_dir(), templates_dir())
    walk = walk_to_the_end(Walk(catalog.trees["incident"], catalog.protocols["togtemaar"], "staff"))
    with Store() as store:
        return create_incident(walk.result(), store=store, catalog=catalog).id


def test_export_without_a_keyboard_names_every_missing_profile_value_at_once(incident_without_profile):
    out = smassist("incidents", "export", str(incident_without_profile), "--format", "md")
    assert out.returncode == 1 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    for label, key in (("Naam van de school", "school_name"), ("Schoolleider", "school_leader")):
        assert f"'{label}' (smassist profile set {key}" in out.stderr
    assert "--met-de-hand" in out.stderr


def test_export_with_lines_by_hand_needs_no_keyboard_and_prints_no_blank(incident_without_profile):
    from smassist.core.incidents.report import BY_HAND
    from smassist.core.profile import load_profile

    out = smassist("incidents", "export", str(incident_without_profile), "--format", "txt", "--met-de-hand")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count(BY_HAND) >= 2  # the school's name and its leader, to be written on paper
    assert not load_profile().values().get("school_name")  # nothing typed, nothing kept


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_export_asks_for_missing_profile_values_keeps_them_and_prints_a_line_by_hand(incident_without_profile, tmp_path):
    """At a keyboard, as the app's export dialog: typed values go into the report and the profile,
    an empty answer becomes a labelled line to fill in on paper (never a blank)."""
    import os
    import pty
    import subprocess

    from smassist.core.incidents.report import BY_HAND
    from smassist.core.profile import load_profile

    main, keyboard = pty.openpty()
    try:
        os.write(main, "Basisschool De Togt\n\n".encode())
        command = [sys.executable, "-m", "smassist", "incidents", "export", str(incident_without_profile),
                   "--format", "md", "-o", str(tmp_path / "verslag.md")]
        out = subprocess.run(command, stdin=keyboard, capture_output=True, text=True, timeout=60,
                             env={**os.environ, "NO_COLOR": "1"})
    finally:
        os.close(main)
        os.close(keyboard)
    assert out.returncode == 0, out.stderr
    report = (tmp_path / "verslag.md").read_text(encoding="utf-8")
    assert "Basisschool De Togt" in report
    assert BY_HAND in report  # the school leader, to be written by hand
    assert load_profile().values().get("school_name") == "Basisschool De Togt"
    assert not load_profile().values().get("school_leader")  # nothing typed, nothing kept
    # asked once: the next export needs only what is still missing
    again = smassist("incidents", "export", str(incident_without_profile), "--format", "md")
    assert again.returncode == 1 and "Naam van de school" not in again.stderr and "Schoolleider" in again.stderr


def test_export_markdown_is_the_documents_incident_report(bundled_incident):
    out = smassist("incidents", "export", str(bundled_incident), "--format", "md")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# Verslag van een social-media-incident")
    assert f"**Wat is er gebeurd:** Nepaccount met foto's van {SECRET}." in out.stdout
    assert "**Datum van het incident:** 1 februari 2026" in out.stdout
    assert "De Linde" in out.stdout and "## Hoe we hier kwamen" in out.stdout


def test_export_html_and_pdf_to_private_files(bundled_incident, tmp_path):
    no_file = smassist("incidents", "export", str(bundled_incident), "--format", "pdf")
    assert no_file.returncode == 1 and "-o" in no_file.stderr
    html = tmp_path / "verslag.html"
    out = smassist("incidents", "export", str(bundled_incident), "--format", "html", "-o", str(html))
    assert out.returncode == 0, out.stderr
    assert SECRET in html.read_text(encoding="utf-8") and "<html" in html.read_text(encoding="utf-8")
    pdf = tmp_path / "verslag.pdf"
    out = smassist("incidents", "export", str(bundled_incident), "--format", "pdf", "-o", str(pdf))
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if sys.platform != "win32":
        assert stat.S_IMODE(html.stat().st_mode) == stat.S_IMODE(pdf.stat().st_mode) == 0o600


def test_export_of_a_walk_the_catalog_no_longer_knows_points_to_json(two_incidents):
    first, _ = two_incidents  # made on the test tree, which the bundled catalog does not have
    out = smassist("incidents", "export", str(first), "--format", "md")
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "exporteer als json" in out.stderr
    assert SECRET not in out.stderr


def test_delete_needs_confirmation_and_then_removes_the_data_for_real(two_incidents):
    first, second = two_incidents
    refused = smassist("incidents", "delete", str(first))  # no terminal to ask on
    assert refused.returncode == 1 and "--yes" in refused.stderr
    out = smassist("incidents", "delete", str(first), "--yes")
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"incident {first} verwijderd\n"
    assert [line.split()[0] for line in smassist("incidents", "list").stdout.splitlines()[1:]] == [str(second)]
    assert smassist("incidents", "show", str(first)).returncode == 1
    stored = b"".join(p.read_bytes() for p in database_path().parent.iterdir())
    assert SECRET.encode() not in stored
    again = smassist("incidents", "delete", str(first), "--yes")
    assert again.returncode == 1 and "bestaat niet" in again.stderr


def test_purge_removes_only_incidents_not_changed_for_longer_than_the_age():
    now = datetime.now(timezone.utc)
    with Store(clock=FixedClock(now.replace(year=now.year - 2))) as old_store:
        old = create_incident(finished_walk().result(), store=old_store)
        old_store.save_field(old.id, "what_happened", f"Oud, over {SECRET}.")
    with Store() as store:
        recent = create_incident(finished_walk().result(), store=store)
    dry = smassist("incidents", "purge", "--older-than", "12m", "--dry-run")
    assert dry.returncode == 0 and dry.stdout == f"1 incident langer dan 12 maanden niet gewijzigd: {old.id}\n"
    out = smassist("incidents", "purge", "--older-than", "12m", "--yes")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "1 incident verwijderd (langer dan 12 maanden niet gewijzigd)\n"
    assert [line.split()[0] for line in smassist("incidents", "list").stdout.splitlines()[1:]] == [str(recent.id)]
    stored = b"".join(p.read_bytes() for p in database_path().parent.iterdir())
    assert SECRET.encode() not in stored
    none_left = smassist("incidents", "purge", "--older-than", "12m", "--yes")
    assert none_left.stdout == "geen incidenten die langer dan 12 maanden niet zijn gewijzigd\n"


def test_purge_with_a_wrong_age_is_a_one_line_error():
    out = smassist("incidents", "purge", "--older-than", "een jaar")
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "12m (maanden)" in out.stderr


def test_a_damaged_register_is_reported_kept_aside_and_replaced():
    path = database_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\x01 geen database " * 300)
    out = smassist("incidents", "list")
    assert out.returncode == 0
    assert out.stdout == "Er zijn geen incidenten opgeslagen.\n"
    assert out.stderr.startswith("let op: het incidentenbestand was niet van smassist")
    assert "nieuw, leeg incidentenbestand" in out.stderr and out.stderr.count("\n") == 1
    [aside] = [p for p in path.parent.iterdir() if ".onbekend-" in p.name]
    assert aside.read_bytes() == b"\x00\x01 geen database " * 300


def test_the_incident_commands_do_not_load_the_app():
    from tests.test_import_hygiene import loaded_after

    modules = loaded_after("from smassist.cli import main\nmain(['incidents', 'list'])")
    assert "smassist.core.incidents.store" in modules
    assert "textual" not in modules


def test_the_report_says_the_walks_own_answers_without_a_stray_semicolon():
    """A description that ends with a full stop is not followed by '.;', and 'Mogelijk, ik twijfel'
    in the walk is not reworded in the report's facts."""
    catalog = load_catalog(decision_trees_dir(), templates_dir())
    walk = Walk(catalog.trees["incident"], catalog.protocols["quadraam"], "staff")
    walk.fill({"date": "01-02-2026", "platform": "Instagram", "what_happened": "Een leerling plaatste een foto van een docent.",
               "evidence": "map Incidenten"})
    walk.answer("defamation")
    walk.answer("pupil")
    walk.answer("mogelijk")
    walk_to_the_end(walk)
    save_profile(Profile(**FULL_PROFILE))
    with Store() as store:
        made = create_incident(walk.result(), store=store, catalog=catalog)
    out = smassist("incidents", "export", str(made.id), "--format", "md")
    assert out.returncode == 0, out.stderr
    assert "Een leerling plaatste een foto van een docent. " in out.stdout and ".;" not in out.stdout
    assert "**Is het een strafbaar feit:** Mogelijk (ik twijfel)" in out.stdout
    assert "Weet ik (nog) niet" not in out.stdout
