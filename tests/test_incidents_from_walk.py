"""What the incident walk already asked reaches the incident form, and the report shows it once."""

from __future__ import annotations

from smassist.core.catalog_sources import load_user_catalog
from smassist.core.incidents import create_incident
from smassist.core.incidents.report import render_report, report_facts
from smassist.core.incidents.store import Store
from smassist.core.walk import Walk
from tests.incident_helpers import FULL_PROFILE, FixedClock

EVIDENCE = "Drie schermafbeeldingen\nmap Incidenten op de schoolschijf"


def made_from(*answers: str):
    catalog = load_user_catalog()
    walk = Walk(catalog.trees["incident"], catalog.protocols["buitengewoon"], "staff")
    walk.fill({"date": "01-02-2026", "platform": "WhatsApp", "what_happened": "Een bewerkte foto.", "evidence": EVIDENCE})
    for option in answers:
        walk.answer(option)
    with Store(clock=FixedClock()) as store:
        return create_incident(walk.result(), store=store, profile=FULL_PROFILE), catalog


def test_evidence_doubt_and_offender_fill_the_form():
    incident, _ = made_from("bullying", "pupil", "mogelijk")
    assert incident.report["evidence_location"] == "Drie schermafbeeldingen; map Incidenten op de schoolschijf"
    assert incident.report["criminal"] == "onbekend"  # "Mogelijk, ik twijfel"
    assert incident.report["involved"] == [{"role": "leerling", "part": "pleger", "name": ""}]


def test_a_criminal_offence_with_a_victim_names_both_people():
    incident, _ = made_from("threat", "staff", "ja", "pupil")
    assert incident.report["criminal"] == "ja"
    assert incident.report["involved"] == [{"role": "medewerker", "part": "pleger", "name": ""},
                                           {"role": "leerling", "part": "slachtoffer", "name": ""}]


def test_an_unknown_offender_is_someone_else_or_unknown():
    incident, _ = made_from("data_leak", "unknown")
    assert incident.report["involved"] == [{"role": "anders", "part": "pleger", "name": ""}]
    assert "criminal" not in incident.report  # the data-leak route does not ask


def test_the_report_shows_the_evidence_once_with_the_forms_correction():
    incident, catalog = made_from("bullying", "pupil", "mogelijk")
    with Store(clock=FixedClock()) as store:
        store.save_field(incident.id, "evidence_location", "kluis van de directeur")
        incident = store.get(incident.id)
    assert "Waar is het bewijs bewaard" not in report_facts(incident)  # printed through the walk's question
    text = render_report(incident, "md", catalog, FULL_PROFILE)
    facts = text.split("## Wat er is gebeurd", 1)[1].split("\n## ", 1)[0]
    assert facts.count("kluis van de directeur") == 1
    assert "Waar is het bewijs bewaard" not in text and "Drie schermafbeeldingen" not in text
