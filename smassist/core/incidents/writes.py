"""Changing the register: each function is the body of one transaction on a connection.

The Store wraps each in BEGIN IMMEDIATE … COMMIT; a function raises to roll
its transaction back.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from smassist.core.counting import counted
from smassist.core.incidents import decode
from smassist.core.incidents.corrections import correct
from smassist.core.incidents.decode import Damaged
from smassist.core.incidents.errors import FieldConflict, IncidentConflict, IncidentNotFound, ValidationError
from smassist.core.incidents.fields import BY_ID, Value, check_report, is_empty
from smassist.core.incidents.model import CONCEPT, Incident
from smassist.core.incidents.rows import known_id, report
from smassist.core.incidents.sqlite_util import dump, iso

STEP_PREFIX = "step:"


def touch(conn: sqlite3.Connection, incident_id: int, stamp: str) -> int:
    """Mark the incident changed now; returns its new version."""
    if not known_id(incident_id):
        raise IncidentNotFound(incident_id)
    row = conn.execute("UPDATE incidents SET updated = ?, version = version + 1 WHERE id = ? RETURNING version",
                       (stamp, incident_id)).fetchone()
    if row is None:
        raise IncidentNotFound(incident_id)
    return row[0]


def check_base(conn: sqlite3.Connection, incident_id: int, ours: dict[str, Value], base: int | None,
               version: int) -> None:
    """Refuse the save when it would overwrite text written after `base` (None: no check).

    Only text that would be lost counts: a field changed since base whose stored
    value differs from ours and is not empty. Two windows typing into different
    fields, or the same text, never conflict. Runs inside the write transaction,
    after touch() (so `version` is already this save's).
    """
    if base is None:
        return
    conflicts = []
    for name, value in ours.items():
        theirs, written = _stored(conn, incident_id, name)
        if written > base and not is_empty(theirs) and theirs != value:
            conflicts.append(FieldConflict(name, theirs, value))
    if conflicts:
        labels = ", ".join(f"'{_label(c.field)}'" for c in conflicts)
        raise IncidentConflict(f"{labels} is intussen in een ander venster gewijzigd; je tekst is niet "
                               f"opgeslagen maar staat nog in dit venster: kies welke tekst blijft",
                               incident_id, conflicts, version - 1)


def _stored(conn: sqlite3.Connection, incident_id: int, name: str) -> tuple[Value | None, int]:
    """A field's (or "step:N" note's) stored value and the version that wrote it."""
    if name.startswith(STEP_PREFIX):
        row = conn.execute("SELECT note, version FROM checklist WHERE incident_id = ? AND position = ?",
                           (incident_id, _position(name))).fetchone()
        return (row[0], row[1]) if row and isinstance(row[0], str) and isinstance(row[1], int) else (None, 0)
    row = conn.execute("SELECT value, version FROM report_fields WHERE incident_id = ? AND name = ?",
                       (incident_id, name)).fetchone()
    try:
        return (decode.field_value(name, row[0]), decode.integer(row[1])) if row else (None, 0)
    except Damaged:
        return None, 0  # a damaged value holds no text the user could lose


def step_key(position: int) -> str:
    """The conflict key of a step's note."""
    return f"{STEP_PREFIX}{position}"


def _position(key: str) -> int:
    return int(key[len(STEP_PREFIX):])


def _label(name: str) -> str:
    if name.startswith(STEP_PREFIX):
        return f"Notitie bij stap {_position(name)}"
    spec = BY_ID.get(name)
    return spec.label if spec else "een veld"


def insert(conn: sqlite3.Connection, incident: Incident, fields: dict[str, Value]) -> int:
    """Insert a new incident with its (normalised) report fields and checklist; returns its id."""
    cursor = conn.execute(
        "INSERT INTO incidents (status, created, updated, tree, protocol, role, walk, answer) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (incident.status, iso(incident.created), iso(incident.updated), incident.tree, incident.protocol,
         incident.role, dump(incident.walk), dump(incident.answer)),
    )
    new_id = cursor.lastrowid
    conn.executemany(
        "INSERT INTO report_fields (incident_id, name, value) VALUES (?, ?, ?)",
        [(new_id, name, dump(value)) for name, value in fields.items() if not is_empty(value)],
    )
    conn.executemany(
        "INSERT INTO checklist (incident_id, position, text, who, article, done, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(new_id, item.position, item.text, item.who, item.article,
          item.done.isoformat() if item.done else None, item.note) for item in incident.checklist],
    )
    return new_id


def write_field(conn: sqlite3.Connection, incident_id: int, field_id: str, stored: Value, version: int) -> None:
    """Store one normalised field value as written by `version`; an empty value removes the row."""
    if is_empty(stored):
        conn.execute("DELETE FROM report_fields WHERE incident_id = ? AND name = ?", (incident_id, field_id))
    else:
        conn.execute(
            "INSERT INTO report_fields (incident_id, name, value, version) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (incident_id, name) DO UPDATE SET value = excluded.value, version = excluded.version",
            (incident_id, field_id, dump(stored), version),
        )


def correct_copies(conn: sqlite3.Connection, incident_id: int, values: dict[str, Value]) -> None:
    """Put corrected facts into the saved walk and ruling snapshot too (see corrections.py)."""
    row = conn.execute("SELECT walk, answer FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    if row is None:
        raise IncidentNotFound(incident_id)
    try:
        walk, answer = decode.json_dict(row[0]), decode.json_dict(row[1])
    except Damaged:
        return  # a damaged copy is not made worse; the report fields stay the truth
    corrected = correct(walk, answer, values)
    if corrected is not None:
        conn.execute("UPDATE incidents SET walk = ?, answer = ? WHERE id = ?",
                     (dump(corrected[0]), dump(corrected[1]), incident_id))


def write_status(conn: sqlite3.Connection, incident_id: int, status: str, local_now: datetime) -> None:
    """Concept, gemeld or afgerond; gemeld and afgerond need a complete form."""
    if status != CONCEPT:
        problems = check_report(report(conn, incident_id), local_now)
        if problems:
            count = sum(len(p) for p in problems.values())
            raise ValidationError(f"het formulier is nog niet compleet ({counted(count, 'punt', 'punten')}, eerst: "
                                  f"{next(iter(problems.values()))[0]})")
    conn.execute("UPDATE incidents SET status = ? WHERE id = ?", (status, incident_id))


def write_step(conn: sqlite3.Connection, incident_id: int, position: int, column: str, value: str | None,
               version: int) -> None:
    if column not in ("done", "note"):
        raise ValueError(column)
    if not known_id(position):
        raise ValidationError(f"incident {incident_id} heeft geen stap {position}")
    changed = conn.execute(f"UPDATE checklist SET {column} = ?, version = ? WHERE incident_id = ? AND position = ?",
                           (value, version, incident_id, position)).rowcount
    if not changed:
        raise ValidationError(f"incident {incident_id} heeft geen stap {position}")


def remove(conn: sqlite3.Connection, incident_id: int) -> None:
    if not known_id(incident_id):
        raise IncidentNotFound(incident_id)
    if conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,)).rowcount == 0:
        raise IncidentNotFound(incident_id)


def remove_older(conn: sqlite3.Connection, cutoff: str) -> int:
    return conn.execute("DELETE FROM incidents WHERE updated < ?", (cutoff,)).rowcount
