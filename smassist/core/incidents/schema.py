"""The register's tables, how a database is brought up to them, and how a file is judged ours.

APPLICATION_ID marks the file as smassist's register; user_version counts the
migrations applied. Every migration runs inside one BEGIN IMMEDIATE, so two
processes opening a new file at once apply it once.
"""

from __future__ import annotations

import functools
import sqlite3
import time

from smassist.core.incidents.errors import StoreError
from smassist.core.incidents.sqlite_util import BUSY_TIMEOUT_S, is_corruption, pragma, until_free

APPLICATION_ID = 0x534D4153  # "SMAS": marks the file as smassist's incident register
SCHEMA_VERSION = 2

CORRUPT, FOREIGN = "beschadigd", "onbekend"

# Each version's statements, applied in order inside one transaction.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE incidents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            status TEXT NOT NULL CHECK (status IN ('concept', 'gemeld', 'afgerond')),
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            tree TEXT NOT NULL,
            protocol TEXT NOT NULL,
            role TEXT NOT NULL,
            walk TEXT NOT NULL,
            answer TEXT NOT NULL
        )""",
        "CREATE INDEX incidents_by_update ON incidents (updated)",
        """CREATE TABLE report_fields (
            incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (incident_id, name)
        ) WITHOUT ROWID""",
        """CREATE TABLE checklist (
            incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            who TEXT,
            article TEXT,
            done TEXT,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (incident_id, position)
        ) WITHOUT ROWID""",
    ),
    # A version per incident, and per field and step the incident version that last wrote it,
    # so a save based on an older version is told apart from one that saw the newest text.
    2: (
        "ALTER TABLE incidents ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE report_fields ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE checklist ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    ),
}

_NEWER = "de incidentendatabase is gemaakt door een nieuwere versie van smassist; werk smassist bij"


def judge(uri: str) -> str | None:
    """CORRUPT, FOREIGN, or None when the database at this URI is ours (or empty). Reads only.

    Ours means: our application_id, a known user_version, quick_check ok, and
    every table and column that version's migrations make. A schema whose text
    is damaged (SQLite then reports it with bytes that are no UTF-8) is CORRUPT.
    """
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        app_id = pragma(conn, "application_id")
        version = pragma(conn, "user_version")
        objects = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if app_id == 0 and version == 0 and objects == 0:
            return None
        if app_id != APPLICATION_ID:
            return FOREIGN
        if version > SCHEMA_VERSION:
            raise StoreError(_NEWER)
        if version < 1 or conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return CORRUPT
        if tables_of(conn) != expected_tables(version):
            return CORRUPT
        return None
    except UnicodeDecodeError:
        return CORRUPT
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return CORRUPT
        raise
    finally:
        conn.close()


def tables_of(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Each table of ours (not SQLite's own) with its column names in order."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
    return {name: tuple(row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,)))
            for name in names}


@functools.cache
def expected_tables(version: int) -> dict[str, tuple[str, ...]]:
    """The tables and columns the migrations up to `version` make, read from a database in memory."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in range(1, version + 1):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
        return tables_of(conn)
    finally:
        conn.close()


def prepare(conn: sqlite3.Connection) -> None:
    """Set the connection's pragmas and bring the schema up to date (retrying while another process holds it)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    until_free(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone(), deadline)
    for setting in (
        "synchronous=FULL",       # fsync the WAL on every commit: durable on power loss too
        "foreign_keys=ON",        # deleting an incident deletes its fields and steps
        "secure_delete=ON",       # deleted and replaced content is overwritten with zeros
        "temp_store=MEMORY",      # no temporary files with personal data
        "fullfsync=ON",           # macOS: a real flush to the disk, not only to its cache
        "checkpoint_fullfsync=ON",
    ):
        conn.execute(f"PRAGMA {setting}")
    until_free(lambda: migrate(conn), deadline)


def migrate(conn: sqlite3.Connection) -> None:
    if pragma(conn, "user_version") == SCHEMA_VERSION and pragma(conn, "application_id") == APPLICATION_ID:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = pragma(conn, "user_version")  # again: another process may have just done it
        if version > SCHEMA_VERSION:
            raise StoreError(_NEWER)
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
