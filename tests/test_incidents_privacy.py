"""Corrected and deleted text is gone: from every stored copy, from show/export, and from the file's bytes."""

from __future__ import annotations

import json
import sqlite3
import stat

import pytest

from smassist.core.incidents import create_incident, wiping
from smassist.core.incidents.corrections import answer_text
from smassist.core.incidents.export import incident_json
from smassist.core.incidents.store import Store, database_path
from smassist.core.walk import Walk
from tests.incident_helpers import finished_walk, incident_catalog
from tests.test_cli import smassist

OLD_PLATFORM = "Platform-Oud-Zq4"  # typed in the walk, then corrected in the form
OLD_DATE = "03-02-2026"


def raw_register() -> bytes:
    """Every byte SQLite keeps for the register: the database and its side files."""
    path = database_path()
    return b"".join(p.read_bytes() for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm")))
                    if p.exists())


@pytest.fixture
def corrected():
    """An incident whose walk had the old platform and date; the form corrected both."""
    catalog = incident_catalog()
    walk = Walk(catalog.trees["incident"], catalog.protocols["school"], "staff")
    walk.answer("criminal")
    walk.fill({"date": OLD_DATE, "platform": OLD_PLATFORM, "remark": ""})
    with Store() as store:
        incident = create_incident(walk.result(), store=store)
        assert OLD_PLATFORM in json.dumps(incident.walk) + json.dumps(incident.answer)
        store.save_field(incident.id, "platform", "Instagram")
        store.save_field(incident.id, "date", "")  # cleared: the old date must go too
        yield store, incident.id


def test_a_corrected_fact_replaces_the_walk_and_ruling_copies(corrected):
    store, incident_id = corrected
    incident = store.get(incident_id)
    exported = json.dumps(incident_json(incident), ensure_ascii=False)
    assert OLD_PLATFORM not in exported and OLD_DATE not in exported
    assert incident.inputs["details"]["platform"] == "Instagram" and incident.inputs["details"]["date"] == ""
    facts_step = next(step for step in incident.answer["path"] if step["node"] == "details")
    assert facts_step["answer"] == "platform: Instagram"


def test_show_and_json_export_print_only_the_corrected_value(corrected):
    store, incident_id = corrected
    store.close()
    for args in (("show", str(incident_id)), ("show", str(incident_id), "--format", "json"),
                 ("export", str(incident_id), "--format", "json")):
        out = smassist("incidents", *args)
        assert out.returncode == 0, out.stderr
        assert "Instagram" in out.stdout
        assert OLD_PLATFORM not in out.stdout and OLD_DATE not in out.stdout


def test_corrected_text_is_gone_from_the_files_once_the_app_closes(corrected):
    store, _ = corrected
    store.close()
    data = raw_register()
    assert b"Instagram" in data
    assert OLD_PLATFORM.encode() not in data


def test_corrected_text_is_gone_from_the_files_after_a_wipe_while_open(corrected):
    store, _ = corrected
    assert store.wipe()
    assert OLD_PLATFORM.encode() not in raw_register()


def test_the_register_overwrites_deleted_content():
    with Store() as store:
        assert store._live().execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_an_input_answer_keeps_the_order_the_user_saw():
    old = "platform: TikTok; date: 01-02-2026"
    assert answer_text({"date": "02-02-2026", "platform": "X", "remark": "later"}, old) == \
        "platform: X; date: 02-02-2026; remark: later"


# -- deleting while another window is mid-read ---------------------------------------------

SECRET = "Verwijder-Mij-Hk5"


def secret_incident(store: Store) -> int:
    incident = create_incident(finished_walk().result(), store=store)
    store.save_field(incident.id, "what_happened", f"Bericht over {SECRET}.")
    return incident.id


def hold_read(conn: sqlite3.Connection) -> None:
    """Start a read transaction that keeps its snapshot, as a window in the middle of a read does."""
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM report_fields").fetchone()


def test_a_delete_during_another_windows_read_is_finished_by_that_window_afterwards():
    with Store() as mine, Store() as other:
        incident_id = secret_incident(mine)
        hold_read(other._live())
        try:
            assert mine.delete(incident_id) is False  # gives up after a short wait, not the 10 s lock wait
            assert mine.wipe_owed
            owed = wiping.marker(mine.path)
            assert stat.S_IMODE(owed.stat().st_mode) == 0o600 and owed.stat().st_size == 0  # names nothing
        finally:
            other._live().execute("COMMIT")
        assert [s.id for s in other.list_incidents()] == []  # the other window's next step finishes it
        assert not mine.wipe_owed
        assert SECRET.encode() not in raw_register()


def test_a_read_that_ends_while_the_delete_waits_lets_the_delete_complete(monkeypatch):
    with Store() as mine, Store() as other:
        incident_id = secret_incident(mine)
        hold_read(other._live())
        attempts = []
        original = wiping._checkpoint

        def end_read_after_first_attempt(conn):
            done = original(conn)
            attempts.append(done)
            if other._live().in_transaction:
                other._live().execute("COMMIT")  # the other window finishes its read meanwhile
            return done

        monkeypatch.setattr(wiping, "_checkpoint", end_read_after_first_attempt)
        assert mine.delete(incident_id) is True
        assert attempts[0] is False and attempts[-1] is True
        assert not mine.wipe_owed
        assert SECRET.encode() not in raw_register()


def test_cli_delete_with_another_reader_says_so_and_the_text_goes_when_it_closes():
    with Store() as store:
        incident_id = secret_incident(store)
    reader = sqlite3.connect(database_path(), isolation_level=None)
    hold_read(reader)
    out = smassist("incidents", "delete", str(incident_id), "--yes")  # subprocess with a time limit
    assert out.returncode == 0, out.stderr
    assert f"incident {incident_id} verwijderd" in out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "zodra dat venster klaar is of sluit" in lines[0]
    reader.execute("COMMIT")
    reader.close()  # the other window closes
    with Store() as store:
        assert not store.wipe_owed
        assert store.list_incidents() == []
    assert SECRET.encode() not in raw_register()
