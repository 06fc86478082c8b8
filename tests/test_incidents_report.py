"""The bridge to the documents work's incident report: facts from the form, the walk replayed."""

from __future__ import annotations

import pytest

from smassist.core.incidents import IncidentError, create_incident
from smassist.core.incidents.report import render_report, replay_walk, report_facts
from smassist.core.incidents.store import Store
from tests.incident_helpers import FULL_PROFILE, FixedClock, complete_report, finished_walk, incident_catalog


@pytest.fixture
def filled():
    with Store(clock=FixedClock()) as store:
        made = create_incident(finished_walk().result(), store=store, profile=FULL_PROFILE)
        for name, value in complete_report().items():
            store.save_field(made.id, name, value)
        store.save_field(made.id, "platform", "Instagram")  # changed in the form after the walk said TikTok
        store.save_field(made.id, "what_happened", "Er stond <script>alert(1)</script> in een bericht.")
        store.tick_step(made.id, 1, "02-02-2026")
        store.save_step_note(made.id, 1, "Bewaard in map Incidenten.")
        store.save_step_note(made.id, 3, "Afspraak bij de politie gemaakt.")
        return store.get(made.id)


def test_the_forms_values_replace_the_walks_inputs_of_the_same_field(filled):
    walk = replay_walk(filled)
    assert walk["inputs"]["details"] == {"date": "01-02-2026", "platform": "Instagram", "remark": ""}
    assert filled.walk["inputs"]["details"]["platform"] == "Instagram"  # the correction reached the saved walk too


def test_facts_hold_the_form_and_the_checklist_progress_once(filled):
    facts = report_facts(filled)
    assert list(facts)[:2] == ["Incidentnummer", "Status"]
    assert "Datum van het incident" not in facts and "Platform" not in facts  # shown through the walk
    assert facts["Wie meldt"] == "J. de Vries, mentor"
    assert facts["Betrokkenen"] == "Medewerker, Slachtoffer\nLeerling, Nog onbekend"
    assert facts["Schermafbeeldingen gemaakt"] == "Ja"
    assert facts["Stap 1"] == "gedaan op 02-02-2026; notitie: Bewaard in map Incidenten."
    assert facts["Stap 3"] == "nog niet gedaan; notitie: Afspraak bij de politie gemaakt."
    assert "Stap 2" not in facts


def test_markdown_report_from_the_documents_templates(filled):
    text = render_report(filled, "md", incident_catalog(), FULL_PROFILE)
    assert text.startswith("# Verslag van een social-media-incident")
    assert "Instagram" in text and "TikTok" not in text
    assert "- [ ] Doe aangifte bij de politie." in text
    assert "gedaan op 02-02-2026" in text
    assert "None" not in text and "{{" not in text


def test_html_report_escapes_what_the_user_typed(filled):
    page = render_report(filled, "html", incident_catalog(), FULL_PROFILE)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_pdf_report_is_a_pdf(filled):
    assert render_report(filled, "pdf", incident_catalog(), FULL_PROFILE).startswith(b"%PDF")


def test_a_missing_profile_value_is_named_not_printed_blank(filled):
    with pytest.raises(IncidentError, match="school_name"):
        render_report(filled, "md", incident_catalog(), {})


def test_unknown_format(filled):
    with pytest.raises(IncidentError, match="onbekend formaat"):
        render_report(filled, "docx", incident_catalog(), FULL_PROFILE)


def test_exported_steps_carry_the_protocols_own_numbers_never_positions():
    """`incidents show` / the Markdown export: buitengewoon's plan step 4 reads "Stap 4", wherever it stands."""
    from smassist.core.catalog_sources import load_user_catalog
    from smassist.core.documents.plan import step_heading
    from smassist.core.incidents.export import incident_markdown
    from smassist.core.walk import Walk
    from tests.incident_helpers import walk_to_the_end

    catalog = load_user_catalog()
    protocol = catalog.protocols["buitengewoon"]
    walk = walk_to_the_end(Walk(catalog.trees["incident"], protocol, "staff"))
    with Store(clock=FixedClock()) as store:
        made = create_incident(walk.result(), store=store, profile=FULL_PROFILE)
    text = incident_markdown(made, protocol)
    numbered = [(i, step_heading(protocol.articles.get(i.article))[0]) for i in made.checklist]
    assert any(n is not None and n != i.position for i, n in numbered)  # a position that is not the number
    for item, number in numbered:
        expected = f"- [ ] Stap {number}: {item.text}" if number is not None else f"- [ ] {item.text}"
        assert expected in text
    assert "- [ ] 1. " not in text
