"""The incident register on disk: round trip, file modes, bad files, deleting for real."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
from datetime import date, datetime, timezone

import pytest

from smassist.core.incidents import IncidentNotFound, StoreError, ValidationError, create_incident
from smassist.core.incidents.create import new_incident
from smassist.core.incidents.export import incident_json
from smassist.core.incidents.store import APPLICATION_ID, SCHEMA_VERSION, Store, database_path
from smassist.core.paths import user_data_dir
from smassist.core.walk import Walk
from tests.incident_helpers import FixedClock, complete_report, finished_walk, incident_catalog
from tests.test_import_hygiene import loaded_after

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")

SECRET = "Zeldzame-naam-Xq7v9Kw"


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def file_bytes(store: Store) -> bytes:
    """Every byte SQLite keeps for the register: the database and its side files."""
    data = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = store.path.with_name(store.path.name + suffix)
        if path.exists():
            data += path.read_bytes()
    return data


@pytest.fixture
def store():
    with Store() as opened:
        yield opened


@pytest.fixture
def incident(store):
    return create_incident(finished_walk().result(), store=store, profile={"school_name": "De Linde"})


# -- creating and reading back ------------------------------------------------------------


def test_the_register_lives_in_the_user_data_folder(isolated_home, store):
    assert store.path == database_path() == user_data_dir() / "incidents.db"
    assert store.path.is_relative_to(isolated_home)
    assert store.notice is None


def test_a_new_incident_keeps_the_walk_the_ruling_and_the_protocol_steps(incident):
    assert incident.id == 1 and incident.status == "concept"
    assert incident.walk == {"version": 1, "tree": "incident", "protocol": "school", "role": "staff",
                             "answers": {"kind": "criminal"},
                             "inputs": {"details": {"date": "01-02-2026", "platform": "TikTok", "remark": ""}},
                             "cursor": 2}
    assert incident.answer["outcome"] == "police" and incident.answer["verdict"] == "steps"
    assert [(i.position, i.text, i.who, i.article, i.done) for i in incident.checklist] == [
        (1, "Leg het bewijs vast (schermafbeeldingen, links).", "melder", "1", None),
        (2, "Informeer de schoolleider.", "melder", "1", None),
        (3, "Doe aangifte bij de politie.", "schoolleider", "2", None),
    ]
    # details the walk collected fill the matching report fields
    assert incident.report == {"date": "01-02-2026", "platform": "TikTok"}
    assert incident.created == incident.updated and incident.created.tzinfo is not None


def test_steps_show_the_schools_name_from_the_profile(store):
    made = create_incident(finished_walk(criminal=False).result(), store=store, profile={"school_name": "De Linde"})
    assert [i.text for i in made.checklist] == ["Stel vast wat er is gebeurd.", "Informeer de schoolleider van De Linde."]


def test_saved_walk_replays_to_the_same_answer(incident):
    catalog = incident_catalog()
    walk = Walk.from_dict(incident.walk, catalog.trees, catalog.protocols)
    assert walk.result().ruling.outcome == incident.outcome == "police"


def test_create_from_a_walk_or_a_saved_walk_dict(store):
    catalog = incident_catalog()
    walk = finished_walk(catalog)
    from_walk = create_incident(walk, store=store, catalog=catalog)
    from_dict = create_incident(walk.to_dict(), store=store, catalog=catalog)
    assert from_walk.walk == from_dict.walk == walk.to_dict()
    assert from_walk.answer == from_dict.answer


def test_an_unfinished_walk_is_refused_with_a_dutch_message(store):
    catalog = incident_catalog()
    walk = Walk(catalog.trees["incident"], catalog.protocols["school"], "staff")
    with pytest.raises(ValidationError, match="beantwoord eerst alle vragen"):
        create_incident(walk, store=store)


def test_round_trip_every_field_step_and_note_through_a_new_store(store, incident):
    report = complete_report()
    for name, value in report.items():
        store.save_field(incident.id, name, value)
    store.tick_step(incident.id, 1, "02-02-2026")
    store.save_step_note(incident.id, 1, "Schermafbeeldingen in de map Incidenten.")
    store.tick_step(incident.id, 2, date(2026, 2, 3))
    store.set_status(incident.id, "gemeld")
    before = store.get(incident.id)
    store.close()
    with Store() as again:
        after = again.get(incident.id)
    assert after == before
    assert after.report == report
    assert after.status == "gemeld"
    assert [(i.done, i.note) for i in after.checklist] == [
        (date(2026, 2, 2), "Schermafbeeldingen in de map Incidenten."), (date(2026, 2, 3), ""), (None, "")]
    assert after.next_step().position == 3
    exported = incident_json(after)
    assert json.loads(json.dumps(exported)) == exported
    assert exported["report"] == report and exported["open_points"] == []


def test_clearing_a_field_removes_it(store, incident):
    store.save_field(incident.id, "reporter", "iemand")
    store.save_field(incident.id, "reporter", "  ")
    store.save_field(incident.id, "involved", [])
    assert "reporter" not in store.get(incident.id).report
    assert "involved" not in store.get(incident.id).report


def test_every_change_moves_the_last_change_time(incident):
    clock = FixedClock(datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc))
    with Store(clock=clock) as store:
        for change in (lambda: store.save_field(incident.id, "reporter", "x"),
                       lambda: store.tick_step(incident.id, 1, "01-03-2026"),
                       lambda: store.save_step_note(incident.id, 1, "n")):
            clock.advance(minutes=5)
            change()
            assert store.get(incident.id).updated == clock.moment


def test_list_shows_status_last_change_and_next_open_step(incident):
    clock = FixedClock()
    with Store(clock=clock) as store:
        other = store.add(new_incident(finished_walk(criminal=False).result(), now=clock.moment))
        clock.advance(hours=1)
        store.tick_step(incident.id, 1, "01-03-2026")
        clock.advance(hours=1)
        store.save_field(other.id, "platform", "Instagram")
        summaries = store.list_incidents()
    assert [s.id for s in summaries] == [other.id, incident.id]  # last changed first
    newest, older = summaries
    assert (newest.status_label, newest.platform, newest.steps_done, newest.steps_total) == ("Concept", "Instagram", 0, 2)
    assert newest.next_step == "Stel vast wat er is gebeurd."
    assert (older.incident_date, older.steps_done, older.next_step) == ("01-02-2026", 1, "Informeer de schoolleider.")


def test_unknown_incident_and_step_give_dutch_messages(store, incident):
    with pytest.raises(IncidentNotFound, match="incident 99 bestaat niet"):
        store.get(99)
    with pytest.raises(IncidentNotFound):
        store.save_field(99, "reporter", SECRET)
    with pytest.raises(ValidationError, match="heeft geen stap 7"):
        store.tick_step(incident.id, 7, "01-02-2026")
    with pytest.raises(ValidationError, match="onbekend veld 'naam'"):
        store.save_field(incident.id, "naam", SECRET)


def test_a_refused_change_leaves_the_incident_as_it_was(store, incident):
    before = store.get(incident.id)
    with pytest.raises(ValidationError):
        store.tick_step(incident.id, 7, "01-02-2026")
    with pytest.raises(ValidationError):
        store.set_status(incident.id, "afgerond")
    assert store.get(incident.id) == before


def test_error_messages_never_hold_the_value(store, incident):
    failures = []
    for call in (
        lambda: store.save_field(incident.id, "involved", [{"naam": SECRET}]),
        lambda: store.save_field(incident.id, "reporter", [SECRET]),
        lambda: store.save_field(incident.id, "involved", SECRET),
        lambda: store.save_step_note(incident.id, 9, SECRET),
        lambda: store.tick_step(incident.id, 1, SECRET),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        failures.append(str(caught.value))
    assert all(SECRET not in message for message in failures)


def test_new_database_gets_the_schema_version_and_the_smassist_mark(store):
    raw = sqlite3.connect(store.path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_store_connection_is_durable_and_private():
    with Store() as store:
        conn = store._conn
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_a_database_from_a_newer_smassist_is_left_alone(store):
    store.close()
    raw = sqlite3.connect(store.path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="nieuwere versie van smassist"):
        Store()
    assert not [p for p in store.path.parent.iterdir() if not p.name.startswith("incidents.db")]  # nothing moved
    raw = sqlite3.connect(store.path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    raw.close()


def test_the_core_register_does_not_import_textual():
    modules = loaded_after("import smassist.core.incidents.store, smassist.core.incidents.create, "
                           "smassist.core.incidents.export, smassist.core.incidents.retention")
    assert "smassist.core.incidents.store" in modules
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


# -- file modes ---------------------------------------------------------------------------


@posix_only
def test_folder_is_0700_and_database_wal_and_shm_are_0600_whatever_the_umask():
    old = os.umask(0)  # the most permissive umask: the modes must not depend on it
    try:
        folder = user_data_dir()
        with Store(folder / "incidents.db") as store:
            made = store.add(new_incident(finished_walk().result(), now=store.now()))
            store.save_field(made.id, "reporter", "x")
            files = {p.name: mode(p) for p in folder.iterdir()}
            assert files == {"incidents.db": 0o600, "incidents.db-wal": 0o600, "incidents.db-shm": 0o600}
            assert mode(folder) == 0o700
    finally:
        os.umask(old)


@posix_only
def test_an_existing_database_that_others_can_read_is_made_private(store, incident):
    store.close()
    user_data_dir().chmod(0o755)
    store.path.chmod(0o644)
    with Store() as again:
        assert again.get(incident.id).id == incident.id
        assert mode(again.path) == 0o600
        assert mode(again.path.parent) == 0o700


# -- bad files ----------------------------------------------------------------------------


def _assert_moved_aside(store: Store, original: bytes, kind: str) -> None:
    assert store.notice is not None
    assert kind in store.notice and "nieuw, leeg incidentenbestand" in store.notice
    [aside] = store.moved_aside
    assert aside.name in store.notice
    assert aside.parent == store.path.parent
    assert aside.name.startswith(f"incidents.{'beschadigd' if 'beschadigd' in kind else 'onbekend'}-")
    assert aside.read_bytes() == original, "the file set aside must be exactly what was there"
    assert store.list_incidents() == []
    assert store.integrity() == ["ok"]


def test_a_file_that_is_no_database_is_kept_aside_and_a_fresh_one_made():
    path = database_path()
    path.parent.mkdir(parents=True)
    original = f"dit is geen database maar een notitie over {SECRET}\n".encode() * 200
    path.write_bytes(original)
    with Store() as store:
        _assert_moved_aside(store, original, "niet van smassist")
        assert SECRET not in store.notice
        made = create_incident(finished_walk().result(), store=store)
        assert store.get(made.id).id == made.id


def test_a_truncated_file_is_kept_aside_as_damaged():
    path = database_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"SQLite fo")
    with Store() as store:
        _assert_moved_aside(store, b"SQLite fo", "beschadigd")


def test_a_foreign_sqlite_database_is_kept_aside_unchanged():
    path = database_path()
    path.parent.mkdir(parents=True)
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE contacts (name TEXT)")
    raw.execute("INSERT INTO contacts VALUES (?)", (SECRET,))
    raw.commit()
    raw.close()
    original = path.read_bytes()
    with Store() as store:
        _assert_moved_aside(store, original, "niet van smassist")
    check = sqlite3.connect(store.moved_aside[0])
    assert check.execute("SELECT name FROM contacts").fetchall() == [(SECRET,)]
    check.close()


def test_a_damaged_smassist_database_is_kept_aside_and_a_fresh_one_made(incident, store):
    for _ in range(40):
        made = create_incident(finished_walk().result(), store=store)
        store.save_field(made.id, "what_happened", "lange tekst " * 200)
    store.close()
    data = bytearray(database_path().read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page: 4 * page] = bytes([0xA5]) * (2 * page)  # scribble over two b-tree pages
    database_path().write_bytes(bytes(data))
    with Store() as fresh:
        _assert_moved_aside(fresh, bytes(data), "beschadigd")


def test_moving_aside_never_overwrites_an_earlier_one():
    clock = FixedClock()
    names = set()
    for attempt in range(3):
        path = database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"kapot {attempt}".encode() * 10)
        with Store(clock=clock) as store:  # same second each time
            names.add(store.moved_aside[0].name)
            assert store.moved_aside[0].read_bytes() == f"kapot {attempt}".encode() * 10
    assert len(names) == 3


# -- deleting for real --------------------------------------------------------------------


def test_delete_removes_the_incident_and_its_text_from_the_files(store):
    keep = create_incident(finished_walk().result(), store=store)
    store.save_field(keep.id, "reporter", "blijft staan")
    gone = create_incident(finished_walk().result(), store=store)
    store.save_field(gone.id, "what_happened", f"Bericht over {SECRET} in de klassenapp.")
    store.save_field(gone.id, "involved", [{"role": "leerling", "part": "slachtoffer", "name": SECRET + "-naam"}])
    store.save_step_note(gone.id, 2, f"Gebeld met de ouders van {SECRET}.")
    assert SECRET.encode() in file_bytes(store)
    assert store.delete(gone.id) is True
    with pytest.raises(IncidentNotFound):
        store.get(gone.id)
    assert [s.id for s in store.list_incidents()] == [keep.id]
    assert SECRET.encode() not in file_bytes(store)  # while the register is still open
    assert b"blijft staan" in file_bytes(store)
    store.close()
    assert SECRET.encode() not in file_bytes(store)
    raw = sqlite3.connect(store.path)
    assert raw.execute("SELECT count(*) FROM report_fields WHERE incident_id = ?", (gone.id,)).fetchone()[0] == 0
    assert raw.execute("SELECT count(*) FROM checklist WHERE incident_id = ?", (gone.id,)).fetchone()[0] == 0
    raw.close()


def test_an_overwritten_value_is_gone_from_the_files_after_a_wipe(store, incident):
    store.save_field(incident.id, "reporter", f"{SECRET}, mentor")
    store.save_field(incident.id, "reporter", "A. Jansen, mentor")
    store.wipe()
    assert SECRET.encode() not in file_bytes(store)


def test_purge_removes_what_was_not_changed_for_longer_than_the_age():
    clock = FixedClock(datetime(2024, 1, 15, 9, 0, tzinfo=timezone.utc))
    with Store(clock=clock) as old_store:
        old = create_incident(finished_walk().result(), store=old_store)
        old_store.save_field(old.id, "what_happened", f"Oud incident over {SECRET}.")
        clock.advance(days=200)  # 2 August 2024
        kept_by_change = create_incident(finished_walk().result(), store=old_store)
        clock.moment = datetime(2025, 12, 1, 9, 0, tzinfo=timezone.utc)
        old_store.save_field(kept_by_change.id, "reporter", "nog bezig")  # a recent change keeps it
        recent = create_incident(finished_walk().result(), store=old_store)
        now = datetime(2026, 1, 20, 9, 0, tzinfo=timezone.utc)
        assert old_store.purge("12m", now=now) == 1
        assert {s.id for s in old_store.list_incidents()} == {kept_by_change.id, recent.id}
        assert old_store.purge("12m", now=now) == 0
        assert SECRET.encode() not in file_bytes(old_store)
        assert old_store.purge("1m", now=now) == 2
        assert old_store.list_incidents() == []


@posix_only
def test_a_foreign_database_left_mid_transaction_is_rolled_back_as_its_owner_would_and_kept_aside():
    import subprocess

    path = database_path()
    path.parent.mkdir(parents=True)
    child = (
        "import os, signal, sqlite3\n"
        f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA cache_size=5')\n"  # spill the open transaction into the file
        "c.execute('CREATE TABLE t (x TEXT)')\n"
        "c.execute(\"INSERT INTO t VALUES ('committed')\")\n"
        "c.execute('BEGIN')\n"
        "for i in range(2000):\n"
        "    c.execute('INSERT INTO t VALUES (?)', ('y' * 500,))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", child], check=False)
    assert path.with_name("incidents.db-journal").exists()  # a hot journal: a read-only check cannot open it
    with Store() as store:
        assert "niet van smassist" in store.notice
        [aside] = store.moved_aside
        assert store.list_incidents() == []
    raw = sqlite3.connect(aside)
    assert raw.execute("SELECT x FROM t").fetchall() == [("committed",)]
    raw.close()


def test_a_register_path_that_cannot_be_a_file_is_a_dutch_error():
    database_path().mkdir(parents=True)  # a folder where the database should be
    with pytest.raises(StoreError, match="kan niet worden geopend"):
        Store()
