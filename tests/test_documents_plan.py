"""The protocol's plan on paper: the blank incident form is blank and fits the page, and every checklist
numbers its steps as the protocol numbers them (issue 14)."""

from __future__ import annotations

import pytest

from smassist.core.walk import Walk
from tests.test_documents import flat, pdf_text, render

BLANK_FIELDS = ("Gemeld door (functie) en op (datum, tijd)", "Datum en tijd van het incident",
                "Platform of app", "Betrokken (rollen, geen namen)",
                "Wat is er gebeurd", "Welk bewijs is bewaard (schermafbeeldingen, links)",
                "Is het een strafbaar feit?", "Wie is ingelicht, en wanneer?")
PROTOCOL_STEPS = ["Stap 1 Melding", "Stap 2 Informatie verzamelen", "Stap 3 Strafbaarheid beoordelen",
                  "Stap 4 Sneeuwbal stoppen", "Stap 5 Betrokkenen informeren", "Stap 6 Communicatie",
                  "Stap 7 Evalueer"]


def incident_result(catalog, protocol: str, answers: tuple[str, ...]):
    walk = Walk(catalog.tree("incident"), catalog.protocol(protocol), "staff")
    walk.fill({"date": "01-02-2026", "platform": "WhatsApp", "what_happened": "Een dreigbericht.", "evidence": ""})
    for option in answers:
        walk.answer(option)
    return walk.result()


@pytest.mark.parametrize("protocol", ["buitengewoon", "togtemaar", "edu-ley", "quadraam", "kopwerk"])
def test_the_blank_form_is_blank_even_when_made_from_an_answer(catalog, protocol):
    blank = render(catalog, "incident_form", protocol)
    doubting = incident_result(catalog, protocol, ("threat", "pupil", "mogelijk"))
    assert render(catalog, "incident_form", protocol, result=doubting) == blank
    body = flat(blank)
    assert "geen stappenplan" not in body
    assert "Je twijfelt" not in body and "Je schat in" not in body and "Een dreigbericht" not in body
    for label in BLANK_FIELDS:
        assert label in body, label
    assert "[ ]" in body  # a plan to tick off


@pytest.mark.parametrize("protocol", ["togtemaar", "edu-ley", "kopwerk"])
def test_the_blank_form_fits_on_two_a4_pages_where_the_plan_is_short(catalog, protocol):
    _, pages = pdf_text(render(catalog, "incident_form", protocol, "pdf"))
    assert pages == 2


def test_the_blank_form_has_buitengewoons_own_step_headings_in_order(catalog):
    body = flat(render(catalog, "incident_form", "buitengewoon"))
    positions = [body.index(heading) for heading in PROTOCOL_STEPS]
    assert positions == sorted(positions)


def test_the_report_numbers_its_checklist_as_the_protocol_does(catalog):
    result = incident_result(catalog, "buitengewoon", ("threat", "pupil", "ja", "pupil"))
    body = flat(render(catalog, "incident_report", "buitengewoon", result=result))
    plan = body[body.index("Stappenplan"):body.index("Wie moet erbij betrokken worden?")]
    positions = [plan.index(heading) for heading in PROTOCOL_STEPS]
    assert positions == sorted(positions)
    assert "Stap 8" not in plan and "Stap 10" not in plan
    # 9C.9 is not the protocol's step 1: it stands under its own heading, before step 1
    agreement = plan.index("(artikel 9C.9)")
    assert agreement < positions[0]
    # step 4 of the protocol is under "Stap 4", not numbered after the criminal-offence additions
    snowball = plan.index("Stop de sneeuwbal")
    assert positions[3] < snowball < positions[4]
    # the additions and the sanctions follow the seven steps, each under its own heading
    additions = plan.index("Toevoeging bij strafbaar feit")
    assert additions > positions[6]
    assert "Mogelijke gevolgen voor leerlingen/ouders/verzorgers" in plan[positions[6]:]


def test_the_incident_reports_progress_names_steps_as_the_protocol_does(catalog):
    from smassist.core.incidents.create import create_incident
    from smassist.core.incidents.report import render_report
    from smassist.core.incidents.store import Store
    from tests.incident_helpers import FULL_PROFILE

    result = incident_result(catalog, "buitengewoon", ("threat", "pupil", "ja", "pupil"))
    with Store() as store:
        incident = create_incident(result, store=store)
        snowball = next(i for i in incident.checklist if i.text.startswith("Stop de sneeuwbal"))
        assert snowball.position > 4  # our list puts the criminal-offence steps before it
        store.tick_step(incident.id, snowball.position, "02-02-2026")
        store.save_step_note(incident.id, 1, "Schoolleider gebeld")
        text = render_report(store.get(incident.id), "md", catalog, FULL_PROFILE)
    plan = text[text.index("## Stappenplan"):]
    # the ticked step is ticked where the plan prints it, under the protocol's "Stap 4", with its date
    step_four = plan[plan.index("### Stap 4 Sneeuwbal stoppen"):]
    ticked = next(line for line in step_four.splitlines() if "Stop de sneeuwbal" in line)
    assert ticked.startswith("- [x] ") and ticked.endswith("**gedaan op 02-02-2026**")
    # a note on an open step stands after it; the box stays empty
    noted = next(line for line in plan.splitlines() if "Schoolleider gebeld" in line)
    assert noted.startswith("- [ ] ") and "nog niet gedaan; notitie: Schoolleider gebeld" in noted
    # and neither is repeated as a row of the facts table, nor numbered by its place in our list
    facts = text[:text.index("## Stappenplan")]
    assert "gedaan op 02-02-2026" not in facts and "Schoolleider gebeld" not in facts
    assert f"Stap {snowball.position}" not in text
