"""Reading the register: rows decoded into Incident and Summary, damaged rows skipped with a notice.

Every value goes through decode.py. A damaged incident row is left out of the
list (and `get` says the incident cannot be read); a damaged field, step,
saved walk or ruling snapshot is left out of its incident, and the incident's
`damaged` list says which part, in Dutch, without the value.
"""

from __future__ import annotations

import sqlite3

from smassist.core.incidents import decode
from smassist.core.incidents.decode import Damaged
from smassist.core.incidents.errors import IncidentDamaged, IncidentNotFound
from smassist.core.incidents.fields import BY_ID, Value
from smassist.core.incidents.model import ChecklistItem, Incident, Summary
from smassist.core.incidents.sqlite_util import is_busy

SQLITE_MAX_INT = 2 ** 63 - 1


def known_id(incident_id: int) -> bool:
    """An id SQLite can hold at all (a larger number is no incident, not an OverflowError)."""
    return isinstance(incident_id, int) and 0 < incident_id <= SQLITE_MAX_INT


def report(conn: sqlite3.Connection, incident_id: int, damaged: list[str] | None = None) -> dict[str, Value]:
    """The report fields that read back sound; the others are named in `damaged`."""
    values = {}
    for name, value in readable(conn, "SELECT name, value FROM report_fields WHERE incident_id = ?", (incident_id,),
                                damaged, "de velden van het formulier"):
        try:
            values[name] = decode.field_value(name, value)
        except Damaged:
            if damaged is not None:
                spec = BY_ID.get(name) if isinstance(name, str) else None
                damaged.append(f"veld '{spec.label}'" if spec else "een onbekend veld")
    return values


def all_ids(conn: sqlite3.Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT id FROM incidents ORDER BY id")]


def version(conn: sqlite3.Connection, incident_id: int) -> int:
    row = conn.execute("SELECT version FROM incidents WHERE id = ?", (incident_id,)).fetchone() \
        if known_id(incident_id) else None
    if row is None:
        raise IncidentNotFound(incident_id)
    return row[0]


def get_incident(conn: sqlite3.Connection, incident_id: int) -> Incident:
    row = conn.execute("SELECT id, status, created, updated, tree, protocol, role, walk, answer, version "
                       "FROM incidents WHERE id = ?", (incident_id,)).fetchone() if known_id(incident_id) else None
    if row is None:
        raise IncidentNotFound(incident_id)
    damaged: list[str] = []
    try:
        status, created, updated = decode.status(row[1]), decode.stamp(row[2]), decode.stamp(row[3])
        tree, protocol, role = decode.text(row[4]), decode.text(row[5]), decode.text(row[6])
        stored_version = decode.integer(row[9])
    except Damaged:
        raise IncidentDamaged(incident_id) from None
    try:
        walk = decode.walk(row[7], tree, protocol, role)
    except Damaged:
        walk = {"tree": tree, "protocol": protocol, "role": role, "answers": {}, "inputs": {}}
        damaged.append("de opgeslagen beslisroute")
    try:
        answer = decode.answer(row[8])
    except Damaged:
        answer = {}
        damaged.append("het opgeslagen advies van het protocol")
    fields = report(conn, incident_id, damaged)
    return Incident(id=incident_id, status=status, created=created, updated=updated, walk=walk, answer=answer,
                    report=fields, checklist=_steps(conn, incident_id, damaged), version=stored_version,
                    damaged=damaged)


def _steps(conn: sqlite3.Connection, incident_id: int, damaged: list[str]) -> list[ChecklistItem]:
    steps = []
    for number, (position, text, who, article, done, note) in enumerate(readable(
            conn, "SELECT position, text, who, article, done, note FROM checklist WHERE incident_id = ? "
            "ORDER BY position", (incident_id,), damaged, "de stappen"), 1):
        try:
            steps.append(ChecklistItem(decode.integer(position), decode.text(text), decode.optional_text(who),
                                       decode.optional_text(article), decode.day(done), decode.text(note)))
        except Damaged:
            damaged.append(f"stap {position if isinstance(position, int) else number}")
    return steps


SUMMARY_QUERY = """SELECT i.id, i.status, i.created, i.updated, i.tree, i.protocol,
       (SELECT value FROM report_fields f WHERE f.incident_id = i.id AND f.name = 'date'),
       (SELECT value FROM report_fields f WHERE f.incident_id = i.id AND f.name = 'platform'),
       (SELECT count(*) FROM checklist c WHERE c.incident_id = i.id AND c.done IS NOT NULL),
       (SELECT count(*) FROM checklist c WHERE c.incident_id = i.id),
       (SELECT text FROM checklist c WHERE c.incident_id = i.id AND c.done IS NULL ORDER BY c.position LIMIT 1)
   FROM incidents i ORDER BY i.updated DESC, i.id DESC"""


def list_summaries(conn: sqlite3.Connection, skipped: list[object] | None = None) -> list[Summary]:
    """Every readable incident, the last changed first; the ids of unreadable ones go to `skipped`."""
    try:
        rows = conn.execute(SUMMARY_QUERY).fetchall()
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise
        # a damaged fields or checklist table: list what the incidents table still holds
        rows = conn.execute("SELECT id, status, created, updated, tree, protocol, NULL, NULL, 0, 0, NULL "
                            "FROM incidents ORDER BY updated DESC, id DESC").fetchall()
    summaries = []
    for r in rows:
        try:
            summaries.append(Summary(
                id=decode.integer(r[0]), status=decode.status(r[1]), created=decode.stamp(r[2]),
                updated=decode.stamp(r[3]), tree=decode.text(r[4]), protocol=decode.text(r[5]),
                incident_date=_listed(r[6]), platform=_listed(r[7]), steps_done=r[8], steps_total=r[9],
                next_step=r[10] if isinstance(r[10], str) else None))
        except Damaged:
            if skipped is not None:
                skipped.append(r[0])
    return summaries


def readable(conn: sqlite3.Connection, sql: str, params: tuple, damaged: list[str] | None, what: str) -> list[tuple]:
    """The rows of a query, or none (with `what` named in `damaged`) when SQLite cannot read that table."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise
        if damaged is not None:
            damaged.append(what)
        return []


def _listed(value: object) -> str:
    """A date or platform as the list shows it: "" when absent or unreadable (the incident itself is listed)."""
    if value is None:
        return ""
    try:
        loaded = decode.json_value(value)
    except Damaged:
        return ""
    return loaded if isinstance(loaded, str) else ""
