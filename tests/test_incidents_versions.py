"""A version per incident: a save based on an older version never overwrites newer text.

Two Store objects on the same file stand for two app windows.
"""

from __future__ import annotations

import sqlite3

import pytest

from smassist.core.incidents import IncidentConflict, create_incident
from smassist.core.incidents.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from smassist.core.incidents.store import Store, database_path
from tests.incident_helpers import finished_walk


@pytest.fixture
def windows():
    """Two windows on the one register, and an incident both have open."""
    with Store() as first, Store() as second:
        incident = create_incident(finished_walk().result(), store=first)
        yield first, second, incident.id


def clash(windows, field: str, theirs: str, ours: str) -> IncidentConflict:
    """Both windows saw the same version; the second saves `theirs`, then the first tries `ours`."""
    first, second, incident_id = windows
    seen = first.get(incident_id).version
    second.save_field(incident_id, field, theirs, seen)
    with pytest.raises(IncidentConflict) as caught:
        first.save_field(incident_id, field, ours, seen)
    return caught.value


def test_every_change_raises_the_version(windows):
    first, _, incident_id = windows
    start = first.get(incident_id).version
    after_field = first.save_field(incident_id, "platform", "Instagram")
    after_status = first.set_status(incident_id, "concept")
    after_step = first.tick_step(incident_id, 1, None)
    after_note = first.save_step_note(incident_id, 1, "gebeld")
    assert start < after_field < after_status < after_step < after_note == first.get(incident_id).version


def test_the_window_whose_save_would_overwrite_newer_text_gets_both_texts(windows):
    first, second, incident_id = windows
    seen = first.get(incident_id).version
    assert second.get(incident_id).version == seen
    newer = second.save_field(incident_id, "what_happened", "Tekst uit venster twee", seen)

    with pytest.raises(IncidentConflict) as caught:
        first.save_field(incident_id, "what_happened", "Tekst uit venster een", seen)

    conflict = caught.value
    assert (conflict.field, conflict.theirs, conflict.ours) == (
        "what_happened", "Tekst uit venster twee", "Tekst uit venster een")
    assert conflict.version == newer == first.version(incident_id)
    assert first.get(incident_id).report["what_happened"] == "Tekst uit venster twee"  # not overwritten
    assert "Wat is er gebeurd" in str(conflict) and "venster" in str(conflict)


def test_keeping_ones_own_text_after_a_conflict_saves_it(windows):
    first, second, incident_id = windows
    conflict = clash(windows, "what_happened", "twee", "een")
    first.save_field(incident_id, "what_happened", "een", conflict.version)  # the user keeps their own
    assert second.get(incident_id).report["what_happened"] == "een"


def test_windows_typing_into_different_fields_or_the_same_text_do_not_conflict(windows):
    first, second, incident_id = windows
    seen = first.get(incident_id).version
    second.save_field(incident_id, "what_happened", "twee", seen)
    first.save_field(incident_id, "reporter", "mentor", seen)
    first.save_field(incident_id, "what_happened", "twee", seen)  # the same text: nothing lost
    report = second.get(incident_id).report
    assert (report["reporter"], report["what_happened"]) == ("mentor", "twee")


def test_clearing_a_field_someone_else_just_filled_is_a_conflict_too(windows):
    first, _, incident_id = windows
    clash(windows, "reporter", "mentor", "")
    assert first.get(incident_id).report["reporter"] == "mentor"


def test_a_save_of_several_fields_with_one_conflict_writes_none(windows):
    first, second, incident_id = windows
    seen = first.get(incident_id).version
    second.save_field(incident_id, "reporter", "mentor", seen)
    with pytest.raises(IncidentConflict) as caught:
        first.save_fields(incident_id, {"time": "10:00", "reporter": "conciërge"}, seen)
    assert [c.field for c in caught.value.conflicts] == ["reporter"]
    assert "time" not in first.get(incident_id).report
    assert first.version(incident_id) == caught.value.version


def test_step_notes_are_protected_the_same_way(windows):
    first, second, incident_id = windows
    seen = first.get(incident_id).version
    second.save_step_note(incident_id, 1, "ouders gebeld", seen)
    with pytest.raises(IncidentConflict) as caught:
        first.save_step_note(incident_id, 1, "mail gestuurd", seen)
    assert (caught.value.field, caught.value.theirs, caught.value.ours) == ("step:1", "ouders gebeld", "mail gestuurd")
    assert first.get(incident_id).step(1).note == "ouders gebeld"


def test_a_conflict_never_shows_a_value_in_its_message_or_repr(windows):
    conflict = clash(windows, "what_happened", "Geheim-Xq7", "Geheim-Kw9")
    shown = str(conflict) + repr(conflict) + repr(conflict.conflicts)
    assert "Geheim" not in shown


def test_a_register_from_before_versions_is_migrated_and_keeps_its_incidents():
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO incidents (status, created, updated, tree, protocol, role, walk, answer) VALUES "
                 "('concept', '2026-01-01T00:00:00.000000+00:00', '2026-01-01T00:00:00.000000+00:00', "
                 "'incident', 'school', 'staff', '{\"tree\": \"incident\"}', '{}')")
    conn.execute("INSERT INTO report_fields VALUES (1, 'platform', '\"TikTok\"')")
    conn.close()

    with Store() as store:
        incident = store.get(1)
        assert store.notice is None
        assert incident.report == {"platform": "TikTok"} and incident.version == 1
        assert store.save_field(1, "platform", "Instagram", incident.version) == 2
        with sqlite3.connect(path) as check:
            assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
