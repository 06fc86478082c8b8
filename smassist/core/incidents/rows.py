"""Reading the register: rows decoded into Incident and Summary."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from smassist.core.incidents.errors import IncidentNotFound
from smassist.core.incidents.model import ChecklistItem, Incident, Summary
from smassist.core.incidents.sqlite_util import parse_stamp


def report(conn: sqlite3.Connection, incident_id: int) -> dict:
    rows = conn.execute("SELECT name, value FROM report_fields WHERE incident_id = ?", (incident_id,)).fetchall()
    return {name: json.loads(value) for name, value in rows}


def version(conn: sqlite3.Connection, incident_id: int) -> int:
    row = conn.execute("SELECT version FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    if row is None:
        raise IncidentNotFound(incident_id)
    return row[0]


def get_incident(conn: sqlite3.Connection, incident_id: int) -> Incident:
    row = conn.execute("SELECT id, status, created, updated, walk, answer, version FROM incidents WHERE id = ?",
                       (incident_id,)).fetchone()
    if row is None:
        raise IncidentNotFound(incident_id)
    steps = conn.execute(
        "SELECT position, text, who, article, done, note FROM checklist WHERE incident_id = ? ORDER BY position",
        (incident_id,),
    ).fetchall()
    return Incident(
        id=row[0], status=row[1], created=parse_stamp(row[2]), updated=parse_stamp(row[3]),
        walk=json.loads(row[4]), answer=json.loads(row[5]), report=report(conn, incident_id),
        checklist=[ChecklistItem(p, text, who, article, date.fromisoformat(done) if done else None, note)
                   for p, text, who, article, done, note in steps],
        version=row[6],
    )


def list_summaries(conn: sqlite3.Connection) -> list[Summary]:
    """Every incident, the last changed first."""
    rows = conn.execute(
        """SELECT i.id, i.status, i.created, i.updated, i.tree, i.protocol,
               (SELECT value FROM report_fields f WHERE f.incident_id = i.id AND f.name = 'date'),
               (SELECT value FROM report_fields f WHERE f.incident_id = i.id AND f.name = 'platform'),
               (SELECT count(*) FROM checklist c WHERE c.incident_id = i.id AND c.done IS NOT NULL),
               (SELECT count(*) FROM checklist c WHERE c.incident_id = i.id),
               (SELECT text FROM checklist c WHERE c.incident_id = i.id AND c.done IS NULL
                ORDER BY c.position LIMIT 1)
           FROM incidents i ORDER BY i.updated DESC, i.id DESC"""
    ).fetchall()
    return [
        Summary(id=r[0], status=r[1], created=parse_stamp(r[2]), updated=parse_stamp(r[3]), tree=r[4],
                protocol=r[5], incident_date=json.loads(r[6]) if r[6] else "",
                platform=json.loads(r[7]) if r[7] else "", steps_done=r[8], steps_total=r[9], next_step=r[10])
        for r in rows
    ]
