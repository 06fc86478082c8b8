"""The report form's checks: required fields, dates, times, in Dutch, never echoing a value."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from smassist.core.incidents import ValidationError, create_incident
from smassist.core.incidents.fields import FIELDS, check_field, check_report, parse_date, parse_time
from smassist.core.incidents.retention import Age, parse_age
from smassist.core.incidents.store import Store
from tests.incident_helpers import FixedClock, complete_report, finished_walk

NOW = datetime(2026, 3, 10, 15, 0)  # local wall-clock time


def problems_of(**changes) -> dict[str, list[str]]:
    report = complete_report()
    for name, value in changes.items():
        if value is None:
            report.pop(name, None)
        else:
            report[name] = value
    return check_report(report, NOW)


def test_a_complete_report_has_no_problems():
    assert check_report(complete_report(), NOW) == {}


def test_an_empty_report_names_every_required_field():
    problems = check_report({}, NOW)
    assert problems == {
        "date": ["Datum van het incident: vul dit in"],
        "reporter": ["Wie meldt: vul dit in"],
        "platform": ["Platform: vul dit in"],
        "what_happened": ["Wat is er gebeurd: vul dit in"],
        "involved": ["Betrokkenen: vul dit in"],
        "evidence_screenshots": ["Schermafbeeldingen gemaakt: vul dit in"],
        "criminal": ["Is het een strafbaar feit: vul dit in"],
    }


def test_whitespace_is_not_an_answer():
    assert problems_of(reporter="   ")["reporter"] == ["Wie meldt: vul dit in"]
    assert problems_of(involved=[{"role": "", "part": "", "name": ""}])["involved"] == ["Betrokkenen: vul dit in"]


@pytest.mark.parametrize("typed, message", [
    ("11-03-2026", "Datum van het incident: deze datum ligt in de toekomst"),
    ("2027-01-01", "Datum van het incident: deze datum ligt in de toekomst"),
    ("31-02-2026", "Datum van het incident: deze datum bestaat niet"),
    ("00-01-2026", "Datum van het incident: deze datum bestaat niet"),
    ("gisteren", "Datum van het incident: schrijf dag-maand-jaar, bijvoorbeeld 22-11-2026"),
    ("10-3-26", "Datum van het incident: schrijf dag-maand-jaar, bijvoorbeeld 22-11-2026"),
])
def test_wrong_dates(typed, message):
    problems = problems_of(date=typed)
    assert problems == {"date": [message]}
    assert typed not in message


@pytest.mark.parametrize("typed, message", [
    ("25:61", "Tijdstip: dit tijdstip bestaat niet (uren 0–23, minuten 0–59)"),
    ("24:00", "Tijdstip: dit tijdstip bestaat niet (uren 0–23, minuten 0–59)"),
    ("12:60", "Tijdstip: dit tijdstip bestaat niet (uren 0–23, minuten 0–59)"),
    ("half drie", "Tijdstip: schrijf uu:mm, bijvoorbeeld 14:30"),
    ("1430", "Tijdstip: schrijf uu:mm, bijvoorbeeld 14:30"),
])
def test_impossible_times(typed, message):
    assert problems_of(time=typed) == {"time": [message]}
    assert problems_of(time=typed, date=None)["time"] == [message]  # checked without a date too


def test_a_time_later_today_is_in_the_future_but_earlier_today_is_fine():
    assert problems_of(date="10-03-2026", time="15:01") == {"time": ["Tijdstip: dit tijdstip ligt vandaag nog in de toekomst"]}
    assert problems_of(date="10-03-2026", time="15:00") == {}
    assert problems_of(date="2026-03-10", time="9.05") == {}


def test_time_may_stay_empty():
    assert problems_of(time=None) == {}


def test_choices_must_be_one_of_the_offered_values():
    assert problems_of(criminal="misschien") == {"criminal": ["Is het een strafbaar feit: kies uit ja, nee, mogelijk (ik twijfel)"]}


def test_screenshots_need_a_place_where_they_are_kept():
    assert problems_of(evidence_location=None) == {
        "evidence_location": ["Waar is het bewijs bewaard: vul in waar de schermafbeeldingen bewaard zijn"]}
    assert problems_of(evidence_location=None, evidence_screenshots="nee") == {}


def test_involved_people_need_a_role_and_names_are_optional():
    rows = [{"role": "leerling", "part": "", "name": ""}, {"role": "", "part": "getuige", "name": "Sam"},
            {"role": "buurman", "part": "", "name": ""}]
    assert problems_of(involved=rows)["involved"] == [
        "Betrokkenen, regel 2: vul 'Rol' in",
        "Betrokkenen, regel 3: kies bij 'Rol' uit leerling, medewerker, ouder/verzorger, de school, iemand anders of onbekend",
    ]


def test_who_was_informed_needs_who_and_a_possible_date():
    rows = [{"who": "", "date": "02-03-2026", "time": ""}, {"who": "politie", "date": "12-03-2026", "time": ""},
            {"who": "FG", "date": "03-03-2026", "time": "25:00"}]
    assert problems_of(informed=rows)["informed"] == [
        "Wie is geïnformeerd en wanneer, regel 1: vul 'Wie' in",
        "Wie is geïnformeerd en wanneer, regel 2, datum: deze datum ligt in de toekomst",
        "Wie is geïnformeerd en wanneer, regel 3, tijdstip: dit tijdstip bestaat niet (uren 0–23, minuten 0–59)",
    ]


def test_check_field_gives_the_messages_for_one_field():
    assert check_field("time", "25:61", {"date": "01-03-2026"}, NOW) == [
        "Tijdstip: dit tijdstip bestaat niet (uren 0–23, minuten 0–59)"]
    assert check_field("reporter", "", {}, NOW) == ["Wie meldt: vul dit in"]
    assert check_field("platform", "TikTok", {}, NOW) == []


def test_every_field_has_a_dutch_label_and_the_required_ones_are_the_issues():
    assert [f.id for f in FIELDS if f.required] == [
        "date", "reporter", "platform", "what_happened", "involved", "evidence_screenshots", "criminal"]
    assert all(f.label and f.label[0].isupper() for f in FIELDS)


def test_parsers():
    assert parse_date("22-11-2026") == parse_date("22/11/2026") == parse_date("2026-11-22") == date(2026, 11, 22)
    assert parse_time("9:05").hour == 9
    with pytest.raises(ValidationError):
        parse_date("29-02-2025")


def test_a_draft_keeps_what_was_typed_even_when_it_is_wrong():
    """Saving never blocks: the form shows the problem, the draft keeps the text."""
    with Store() as store:
        made = create_incident(finished_walk().result(), store=store)
        store.save_field(made.id, "time", "25:61")
        assert store.get(made.id).report["time"] == "25:61"


def test_filing_needs_a_complete_form_and_closing_too():
    clock = FixedClock()
    with Store(clock=clock) as store:
        made = create_incident(finished_walk().result(), store=store)
        with pytest.raises(ValidationError, match=r"het formulier is nog niet compleet \(\d+ punten?, eerst: Wie meldt: vul dit in\)"):
            store.set_status(made.id, "gemeld")
        for name, value in complete_report().items():
            store.save_field(made.id, name, value)
        store.set_status(made.id, "gemeld")
        store.set_status(made.id, "afgerond")
        store.set_status(made.id, "concept")  # reopening is allowed
        with pytest.raises(ValidationError, match="onbekende status"):
            store.set_status(made.id, "klaar")


def test_a_step_cannot_be_done_in_the_future_or_on_an_impossible_date():
    clock = FixedClock()  # 1 March 2026
    with Store(clock=clock) as store:
        made = create_incident(finished_walk().result(), store=store)
        with pytest.raises(ValidationError, match="Datum van de stap: deze datum ligt in de toekomst"):
            store.tick_step(made.id, 1, "02-03-2026")
        with pytest.raises(ValidationError, match="Datum van de stap: deze datum bestaat niet"):
            store.tick_step(made.id, 1, "30-02-2026")
        store.tick_step(made.id, 1, "01-03-2026")
        store.tick_step(made.id, 1, None)  # open again
        assert store.get(made.id).step(1).done is None


@pytest.mark.parametrize("text, age", [("12m", Age(12, "m")), ("2j", Age(2, "j")), ("2Y", Age(2, "j")),
                                       ("6w", Age(6, "w")), (" 90d ", Age(90, "d"))])
def test_ages(text, age):
    assert parse_age(text) == age


@pytest.mark.parametrize("text", ["12", "m", "0m", "12 maanden", "-1m", "1.5m"])
def test_wrong_ages(text):
    with pytest.raises(ValidationError, match="12m \\(maanden\\)"):
        parse_age(text)


def test_month_cutoffs_follow_the_calendar():
    assert Age(1, "m").cutoff(datetime(2026, 3, 31, 10)) == datetime(2026, 2, 28, 10)
    assert Age(12, "m").cutoff(datetime(2024, 2, 29)) == datetime(2023, 2, 28)
    assert Age(2, "j").cutoff(datetime(2026, 1, 15)) == datetime(2024, 1, 15)
    assert Age(13, "m").cutoff(datetime(2026, 1, 15)) == datetime(2024, 12, 15)
