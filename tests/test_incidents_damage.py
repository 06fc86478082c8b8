"""A damaged register never ends in a traceback: bad files are kept aside, bad rows are skipped and named."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smassist.core.incidents import IncidentError, IncidentNotFound, create_incident
from smassist.core.incidents.schema import SCHEMA_VERSION, expected_tables
from smassist.core.incidents.store import Store, database_path
from tests.incident_helpers import complete_report, finished_walk
from tests.test_bad_input import cli

WHAT = "Wat-er-gebeurde-Rt6"


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Error" not in err, err


@pytest.fixture
def register() -> list[int]:
    """Three incidents with a full form and a ticked step; the register closed again."""
    with Store() as store:
        ids = []
        for _ in range(3):
            incident = create_incident(finished_walk().result(), store=store)
            store.save_fields(incident.id, {**complete_report(), "what_happened": WHAT})
            store.tick_step(incident.id, 1, "02-02-2026")
            ids.append(incident.id)
    return ids


def tamper(*statements: str) -> None:
    """Change the closed register the way a bad bit, another program or an old bug could."""
    conn = sqlite3.connect(database_path(), isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_kept_aside_and_told(capsys, original: bytes) -> None:
    code, out, err = cli(capsys, "incidents", "list")
    assert code == 0 and out == "Er zijn geen incidenten opgeslagen.\n"
    no_traceback(err)
    assert err.count("\n") == 1 and err.startswith("let op: het incidentenbestand was beschadigd")
    kept = sorted(database_path().parent.glob("incidents.beschadigd-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == original  # kept unchanged, never deleted
    assert kept[0].name in err and f"export --all --from {kept[0]} --format json" in err
    code, _, err = cli(capsys, "incidents", "list")
    assert code == 0 and err == ""  # told once


# -- the file as a whole -----------------------------------------------------------------


def test_a_flipped_byte_in_the_schema_is_detected_and_the_readable_part_exported(capsys, register, tmp_path):
    data = bytearray(database_path().read_bytes())
    at = data.find(b"CREATE TABLE report_fields")
    data[at + 3] ^= 0xFF  # the table's schema text is no longer UTF-8, nor SQL
    database_path().write_bytes(bytes(data))
    assert_kept_aside_and_told(capsys, bytes(data))

    kept = next(database_path().parent.glob("incidents.beschadigd-*.db"))
    before = digest(kept)
    target = tmp_path / "gered.json"
    code, out, err = cli(capsys, "incidents", "export", "--all", "--from", str(kept), "--format", "json",
                         "-o", str(target))
    assert code == 0, err
    no_traceback(err)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert [i["id"] for i in saved["incidents"]] == register  # the incidents and their steps are still there
    assert all(i["checklist"][0]["done"] == "2026-02-02" for i in saved["incidents"])
    assert "de velden van het formulier" in err  # the unreadable part is named
    assert digest(kept) == before  # reading it changed nothing


@pytest.mark.parametrize("damage", [
    "DROP TABLE checklist",
    "ALTER TABLE report_fields DROP COLUMN version",
    "PRAGMA user_version = 0",
])
def test_a_schema_that_is_not_ours_under_our_mark_is_damage(capsys, register, damage):
    tamper(damage)
    assert_kept_aside_and_told(capsys, database_path().read_bytes())


# -- single rows ------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", [
    "UPDATE incidents SET created = 'gisteren' WHERE id = 2",
    "UPDATE incidents SET updated = X'3132' WHERE id = 2",
    "UPDATE incidents SET status = 'weg' WHERE id = 2",
    "UPDATE incidents SET tree = CAST(X'FFFE' AS TEXT) WHERE id = 2",
])
def test_a_damaged_incident_row_is_skipped_in_the_list_and_named_by_show(capsys, register, damage):
    tamper(damage)
    code, out, err = cli(capsys, "incidents", "list")
    assert code == 0
    no_traceback(err)
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["3", "1"]
    assert err == "let op: 1 beschadigd incident overgeslagen: 2\n"
    code, out, err = cli(capsys, "incidents", "show", "2")
    assert code == 1 and out == ""
    assert err == ("smassist: incident 2 is beschadigd en kan niet worden gelezen; de andere incidenten zijn er "
                   "nog, zie 'smassist incidents list'\n")
    code, out, err = cli(capsys, "incidents", "export", "--all", "--format", "json")
    assert code == 0 and '"id": 1' in out and '"id": 2' not in out
    no_traceback(err)


@pytest.mark.parametrize(("damage", "named"), [
    ("UPDATE incidents SET walk = '{\"tree\": ' WHERE id = 2", "de opgeslagen beslisroute"),
    ("UPDATE incidents SET answer = '[1, 2]' WHERE id = 2", "het opgeslagen advies van het protocol"),
    ("UPDATE incidents SET answer = '{\"path\": [{\"question\": 5}]}' WHERE id = 2",
     "het opgeslagen advies van het protocol"),
    ("UPDATE report_fields SET value = '{kapot' WHERE incident_id = 2 AND name = 'reporter'", "veld 'Wie meldt'"),
    ("UPDATE report_fields SET value = '42' WHERE incident_id = 2 AND name = 'reporter'", "veld 'Wie meldt'"),
    ("UPDATE report_fields SET value = CAST(X'22FF22' AS TEXT) WHERE incident_id = 2 AND name = 'reporter'",
     "veld 'Wie meldt'"),
    ("UPDATE checklist SET done = '31-31-2026' WHERE incident_id = 2 AND position = 1", "stap 1"),
    ("UPDATE checklist SET note = X'07' WHERE incident_id = 2 AND position = 2", "stap 2"),
    ("UPDATE checklist SET position = 'een' WHERE incident_id = 2 AND position = 3", "stap 3"),
])
def test_a_damaged_part_is_left_out_and_named_and_the_rest_is_shown(capsys, register, damage, named):
    tamper(damage)
    for args in (("show", "2"), ("show", "2", "--format", "json"), ("export", "2", "--format", "json")):
        code, out, err = cli(capsys, "incidents", *args)
        assert code == 0, err
        no_traceback(err)
        assert err == f"let op: incident 2 is deels beschadigd; weggelaten: {named}\n"
        assert WHAT in out or named == "de opgeslagen beslisroute" or "veld" in named
    code, out, _ = cli(capsys, "incidents", "list")
    assert code == 0 and len(out.splitlines()) == 4


def test_a_damaged_value_can_be_typed_over_in_the_form(register):
    tamper("UPDATE report_fields SET value = '{kapot' WHERE incident_id = 1 AND name = 'reporter'")
    with Store() as store:
        seen = store.get(1)
        assert "reporter" not in seen.report
        store.save_field(1, "reporter", "mentor", seen.version)  # no conflict with a value nobody can read
        assert store.get(1).report["reporter"] == "mentor" and store.get(1).damaged == []


# -- numbers beyond any register ----------------------------------------------------------------


def test_an_incident_number_beyond_sqlite_is_not_found_not_an_overflow(capsys, register):
    code, out, err = cli(capsys, "incidents", "show", "9" * 20)
    assert (code, out) == (1, "")
    assert err == f"smassist: incident {'9' * 20} bestaat niet; zie 'smassist incidents list'\n"
    with Store() as store:
        for call in (store.get, store.version, store.delete, lambda i: store.save_field(i, "time", "10:00"),
                     lambda i: store.set_status(i, "concept")):
            with pytest.raises(IncidentNotFound):
                call(10 ** 20)
        with pytest.raises(IncidentError):
            store.tick_step(1, 10 ** 20, None)


def test_from_a_file_that_is_no_register_is_one_line(capsys, tmp_path):
    other = tmp_path / "iets.db"
    other.write_bytes(b"dit is geen database" * 100)
    code, out, err = cli(capsys, "incidents", "list", "--from", str(other))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "geen incidenten meer te lezen" in err


# -- fuzz: any value in any column of the register ------------------------------------------

ODD_TEXTS = ["{", "[]", "null", '{"tree": 1}', '"x"', "[" * 5000, "9999-99-99", "2026-13-01T00:00:00+00:00",
             "1e999", "-1", "gemeld", '{"path": "x", "citations": [{}]}', '[{"role": 5}]']
values = st.one_of(st.none(), st.integers(-2 ** 63, 2 ** 63 - 1), st.floats(allow_nan=True), st.text(max_size=40),
                   st.binary(max_size=16), st.sampled_from(ODD_TEXTS))
columns = st.sampled_from([(table, column) for table, names in expected_tables(SCHEMA_VERSION).items()
                           for column in names])


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A register with three filled-in incidents, made once and copied for every example."""
    path = tmp_path_factory.mktemp("template") / "incidents.db"
    with Store(path) as store:
        for _ in range(3):
            incident = create_incident(finished_walk().result(), store=store)
            store.save_fields(incident.id, {**complete_report(), "what_happened": WHAT})
            store.tick_step(incident.id, 1, "02-02-2026")
    return path.read_bytes()


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=columns, value=values, rows=st.sampled_from(["incident_id = 2", "1", "rowid % 2 = 0"]))
def test_any_value_in_any_column_ends_in_output_or_one_dutch_line(capsys, template, column, value, rows):
    table, name = column
    database_path().parent.mkdir(parents=True, exist_ok=True)
    database_path().write_bytes(template)
    where = rows.replace("incident_id", "id") if table == "incidents" else rows
    if table != "incidents" and "rowid" in rows:
        where = "position % 2 = 0"
    try:
        tamper(f"UPDATE {table} SET {name} = ? WHERE {where}".replace("?", _literal(value)))
    except sqlite3.DatabaseError:
        return  # the database itself refuses the value (NOT NULL, a key): nothing to read back
    for args in (("list",), ("show", "2"), ("show", "2", "--format", "json"), ("export", "--all", "--format", "json"),
                 ("export", "1", "--format", "md")):
        code, out, err = cli(capsys, "incidents", *args)
        no_traceback(err)
        assert code in (0, 1), (args, err)
        assert all(line.startswith(("let op:", "smassist:")) for line in err.splitlines()), err
    for path in database_path().parent.glob("incidents*.db"):
        path.unlink()  # next example starts from the template (also after a move aside)


def _literal(value: object) -> str:
    """An SQL literal for the tamper statement (tamper takes statements, not parameters)."""
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        return f"X'{value.hex()}'"
    if isinstance(value, float):
        return "'NaN'" if value != value else repr(value) if abs(value) != float("inf") else "9e999"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''").replace("\x00", "") + "'"
