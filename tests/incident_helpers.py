"""Shared pieces for the incident register tests (not a test module)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from smassist.core.catalog import Catalog, load_catalog
from smassist.core.walk import Walk

INCIDENT_DATA = Path(__file__).parent / "data" / "incident"


def incident_catalog() -> Catalog:
    catalog = load_catalog(INCIDENT_DATA)
    assert not catalog.problems, catalog.problems
    return catalog


def finished_walk(catalog: Catalog | None = None, criminal: bool = True) -> Walk:
    """A walk through the test incident tree that ends in a ruling with steps."""
    catalog = catalog or incident_catalog()
    walk = Walk(catalog.trees["incident"], catalog.protocols["school"], "staff")
    if criminal:
        walk.answer("criminal")
        walk.fill({"date": "01-02-2026", "platform": "TikTok", "remark": ""})
    else:
        walk.answer("other")
    return walk


def complete_report() -> dict:
    """A report that passes every check."""
    return {
        "date": "01-02-2026",
        "time": "14:30",
        "reporter": "J. de Vries, mentor",
        "platform": "TikTok",
        "what_happened": "Een nepaccount met foto's van een docent.\nGemeld door een leerling.",
        "involved": [{"role": "medewerker", "part": "slachtoffer", "name": ""},
                     {"role": "leerling", "part": "onbekend", "name": ""}],
        "evidence_screenshots": "ja",
        "evidence_links": "https://example.invalid/account",
        "evidence_location": "map Incidenten op de schoolschijf",
        "criminal": "ja",
        "informed": [{"who": "schoolleider", "date": "02-02-2026", "time": "09:00"}],
    }


class FixedClock:
    """A clock for the store that tests can move."""

    def __init__(self, moment: datetime | None = None):
        self.moment = moment or datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


def walk_to_the_end(walk: Walk) -> Walk:
    """Answer every open question with its first option and fill every input (for bundled trees,
    whose content changes while the knowledge base grows)."""
    while not walk.finished:
        node = walk.current
        if node.kind == "question":
            walk.answer(walk.options()[0].id)
        else:
            walk.fill({f.id: ("01-02-2026" if f.kind == "date" else f.choices[0] if f.choices else "x")
                       for f in node.fields})
    return walk


FULL_PROFILE = {
    "school_name": "De Linde", "board": "Stichting Linde", "function": "mentor", "school_leader": "A. Bakker",
    "privacy_officer": "F. de Groot", "communication_officer": "C. Smit", "confidential_adviser": "V. Mulder",
}
