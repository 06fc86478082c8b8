"""Changing the register: each function is the body of one transaction on a connection.

The Store wraps each in BEGIN IMMEDIATE … COMMIT; a function raises to roll
its transaction back.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from smassist.core.incidents.errors import IncidentNotFound, ValidationError
from smassist.core.incidents.fields import Value, check_report, is_empty
from smassist.core.incidents.model import CONCEPT, Incident
from smassist.core.incidents.rows import report
from smassist.core.incidents.sqlite_util import dump, iso


def touch(conn: sqlite3.Connection, incident_id: int, stamp: str) -> None:
    if conn.execute("UPDATE incidents SET updated = ? WHERE id = ?", (stamp, incident_id)).rowcount == 0:
        raise IncidentNotFound(incident_id)


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


def write_field(conn: sqlite3.Connection, incident_id: int, field_id: str, stored: Value) -> None:
    """Store one normalised field value; an empty value removes the row."""
    if is_empty(stored):
        conn.execute("DELETE FROM report_fields WHERE incident_id = ? AND name = ?", (incident_id, field_id))
    else:
        conn.execute(
            "INSERT INTO report_fields (incident_id, name, value) VALUES (?, ?, ?) "
            "ON CONFLICT (incident_id, name) DO UPDATE SET value = excluded.value",
            (incident_id, field_id, dump(stored)),
        )


def write_status(conn: sqlite3.Connection, incident_id: int, status: str, local_now: datetime) -> None:
    """Concept, gemeld or afgerond; gemeld and afgerond need a complete form."""
    if status != CONCEPT:
        problems = check_report(report(conn, incident_id), local_now)
        if problems:
            count = sum(len(p) for p in problems.values())
            raise ValidationError(f"het formulier is nog niet compleet ({count} punt(en), eerst: "
                                  f"{next(iter(problems.values()))[0]})")
    conn.execute("UPDATE incidents SET status = ? WHERE id = ?", (status, incident_id))


def write_step(conn: sqlite3.Connection, incident_id: int, position: int, column: str, value: str | None) -> None:
    if column not in ("done", "note"):
        raise ValueError(column)
    changed = conn.execute(f"UPDATE checklist SET {column} = ? WHERE incident_id = ? AND position = ?",
                           (value, incident_id, position)).rowcount
    if not changed:
        raise ValidationError(f"incident {incident_id} heeft geen stap {position}")


def remove(conn: sqlite3.Connection, incident_id: int) -> None:
    if conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,)).rowcount == 0:
        raise IncidentNotFound(incident_id)


def remove_older(conn: sqlite3.Connection, cutoff: str) -> int:
    return conn.execute("DELETE FROM incidents WHERE updated < ?", (cutoff,)).rowcount
