"""The incident register on disk: one SQLite database in the user's data folder.

Durability: WAL with synchronous=FULL, one transaction per change. A change
returns only after its WAL frame is fsynced, so a killed process, a closed
terminal or a flat battery loses at most the change in flight. (NORMAL would be
safe against a killed process but may lose the last commits on power loss.)

Privacy: the folder is 0700, the database and its -wal/-shm files 0600 (SQLite
gives the side files the database file's mode, and the file is created 0600
before SQLite opens it). secure_delete overwrites deleted and replaced content
with zeros; after a delete or purge the WAL is checkpointed and truncated, so
the text is gone from the files. Temporary tables and sorts stay in memory.

Safety: a bad file is moved aside on open (see opening.py); `Store.notice`
says so in Dutch. Two processes share the file through SQLite's locking (busy
timeout, BEGIN IMMEDIATE for every change).

The work is split by concern: schema.py (tables, migrations, judging a file),
opening.py (open, move aside), rows.py (reading), writes.py (changing),
sqlite_util.py and files.py (plumbing). This module is the one public door.

Nothing here logs, and no exception carries a field's value.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TypeVar

from smassist.core.incidents import rows, wiping, writes
from smassist.core.incidents.errors import StoreError, ValidationError
from smassist.core.incidents.fields import normalise, parse_date
from smassist.core.incidents.files import SIDE_FILES
from smassist.core.incidents.files import rename_new as _rename_new  # noqa: F401  (walk_draft uses it)
from smassist.core.incidents.model import STATUSES, Incident, Summary
from smassist.core.incidents.opening import SQLITE_HEADER, open_database, open_readonly
from smassist.core.incidents.retention import Age, parse_age
from smassist.core.incidents.schema import APPLICATION_ID, CORRUPT, FOREIGN, MIGRATIONS, SCHEMA_VERSION
from smassist.core.incidents.sqlite_util import BUSY_TIMEOUT_S, iso, store_error
from smassist.core.paths import user_data_dir

__all__ = [
    "APPLICATION_ID", "BUSY_TIMEOUT_S", "CORRUPT", "DB_NAME", "FOREIGN", "MIGRATIONS", "SCHEMA_VERSION",
    "SIDE_FILES", "SQLITE_HEADER", "Store", "database_path", "open_store", "utc_now",
]

DB_NAME = "incidents.db"

T = TypeVar("T")


def database_path() -> Path:
    return user_data_dir() / DB_NAME


def open_store(path: Path | None = None, *, clock: Callable[[], datetime] | None = None) -> Store:
    return Store(path, clock=clock)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    """The register. Keep one open while the app runs; every method is one transaction.

    clock: returns the current time as an aware datetime (tests pass a fixed one).
    """

    def __init__(self, path: Path | None = None, *, clock: Callable[[], datetime] | None = None,
                 read_only: bool = False):
        self.path = Path(path) if path else database_path()
        self._clock = clock or utc_now
        self._lock = threading.RLock()
        self.read_only = read_only
        self.skipped: list[object] = []  # ids of incidents the last list_incidents() could not read
        if read_only:
            # another register file (e.g. one moved aside as damaged): read what can be read, change nothing
            self.notice, self.moved_aside = None, []
            self._conn: sqlite3.Connection | None = open_readonly(self.path)
            return
        opened = open_database(self.path, self._clock)
        self.notice: str | None = opened.notice  # set when a bad file was moved aside; show it to the user
        self.moved_aside: list[Path] = opened.moved_aside
        self._conn = opened.conn
        wiping.finish(opened.conn, self.path)

    # -- closing -----------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                if not self.read_only:
                    wiping.finish(self._conn, self.path)
                self._conn.close()  # the last connection checkpoints and removes the WAL file
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------

    def _live(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("de incidentendatabase is al gesloten")
        return self._conn

    def _transaction(self, action: Callable[[sqlite3.Connection], T], write: bool = True) -> T:
        """One transaction: committed (and fsynced) before this returns, or rolled back."""
        with self._lock:
            conn = self._live()
            if write and self.read_only:
                raise StoreError("dit incidentenbestand is alleen geopend om te lezen; er is niets gewijzigd")
            try:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    result = action(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise store_error(exc) from None
            if not self.read_only:
                wiping.finish(conn, self.path)
            return result

    def now(self) -> datetime:
        """The store's clock (aware, UTC)."""
        return self._clock()

    def _stamp(self) -> str:
        return iso(self._clock())

    def _today(self) -> date:
        return self._clock().astimezone().date()

    def _change(self, incident_id: int, action: Callable[[sqlite3.Connection, int], object]) -> int:
        """A change to one incident in one transaction: marks it updated, runs action(conn, new_version).

        Returns the incident's new version.
        """
        stamp = self._stamp()

        def both(conn: sqlite3.Connection) -> int:
            version = writes.touch(conn, incident_id, stamp)
            action(conn, version)
            return version

        return self._transaction(both)

    # -- writing -------------------------------------------------------------------------

    def add(self, incident: Incident) -> Incident:
        """Store a new incident (its id is ignored) and return it with its id."""
        if incident.status not in STATUSES:
            raise ValidationError(f"onbekende status; kies uit {', '.join(STATUSES)}")
        fields = {name: normalise(name, value) for name, value in incident.report.items()}
        new_id = self._transaction(lambda conn: writes.insert(conn, incident, fields))
        return self.get(new_id)

    def save_field(self, incident_id: int, field_id: str, value: object, base_version: int | None = None) -> int:
        """Save one form field at once; returns the incident's new version. See save_fields."""
        return self.save_fields(incident_id, {field_id: value}, base_version)

    def save_fields(self, incident_id: int, values: Mapping[str, object], base_version: int | None = None) -> int:
        """Save form fields in one transaction; returns the incident's new version.

        base_version: the version this window last saw of these fields (Incident.version
        when it read the incident, then the version each save of the field returned).
        When another window wrote different, non-empty text into one of them after
        that, nothing is written and IncidentConflict carries both texts. None: no
        check (last writer wins). Any text is kept (a draft never blocks); see
        fields.check_report.
        """
        stored = {field_id: normalise(field_id, value) for field_id, value in values.items()}

        def action(conn: sqlite3.Connection, version: int) -> None:
            writes.check_base(conn, incident_id, stored, base_version, version)
            for field_id, value in stored.items():
                writes.write_field(conn, incident_id, field_id, value, version)
            writes.correct_copies(conn, incident_id, stored)

        return self._change(incident_id, action)

    def set_status(self, incident_id: int, status: str, now: datetime | None = None) -> int:
        """Move between concept, gemeld and afgerond; gemeld and afgerond need a complete form."""
        if status not in STATUSES:
            raise ValidationError(f"onbekende status; kies uit {', '.join(STATUSES)}")
        local_now = now or self._clock().astimezone().replace(tzinfo=None)
        return self._change(incident_id, lambda conn, _: writes.write_status(conn, incident_id, status, local_now))

    def tick_step(self, incident_id: int, position: int, done: date | str | None) -> int:
        """Mark a checklist step done on a date (a date or 'dd-mm-jjjj'); None opens it again."""
        if isinstance(done, str):
            done = parse_date(done, "Datum van de stap")
        if done is not None and done > self._today():
            raise ValidationError("Datum van de stap: deze datum ligt in de toekomst")
        value = done.isoformat() if done else None
        return self._change(incident_id,
                            lambda conn, version: writes.write_step(conn, incident_id, position, "done", value, version))

    def save_step_note(self, incident_id: int, position: int, note: str, base_version: int | None = None) -> int:
        """Save a step's note; base_version as in save_fields (the conflict's field is "step:N")."""
        if not isinstance(note, str):
            raise ValidationError("Notitie bij de stap: verwacht tekst")

        def action(conn: sqlite3.Connection, version: int) -> None:
            writes.check_base(conn, incident_id, {writes.step_key(position): note}, base_version, version)
            writes.write_step(conn, incident_id, position, "note", note, version)

        return self._change(incident_id, action)

    # -- removing ------------------------------------------------------------------------

    def delete(self, incident_id: int) -> bool:
        """Remove an incident for real. True when no copy is left in the files (see wipe())."""
        self._transaction(lambda conn: writes.remove(conn, incident_id))
        return self.wipe()

    def purge(self, older_than: Age | str, now: datetime | None = None) -> int:
        """Remove every incident whose last change is older than the age; returns how many."""
        age = parse_age(older_than) if isinstance(older_than, str) else older_than
        cutoff = iso(age.cutoff(now or self._clock()))
        removed = self._transaction(lambda conn: writes.remove_older(conn, cutoff))
        if removed:
            self.wipe()
        return removed

    def wipe(self, wait: float = wiping.WIPE_WAIT_S) -> bool:
        """Copy the zeroed pages into the database file and empty the WAL.

        False when another smassist is still mid-read after `wait` seconds: the
        wipe is then owed (a marker beside the file) and finished by the next
        transaction of any smassist on this register, or when the last one closes.
        """
        with self._lock:
            return wiping.wipe(self._live(), self.path, wait)

    @property
    def wipe_owed(self) -> bool:
        """True while deleted text may still be in the files (another window was mid-read)."""
        return wiping.owed(self.path)

    # -- reading -------------------------------------------------------------------------

    def get(self, incident_id: int) -> Incident:
        return self._transaction(lambda conn: rows.get_incident(conn, incident_id), write=False)

    def ids(self) -> list[int]:
        """Every incident's id, also of those too damaged to list (for exporting what can be read)."""
        return self._transaction(rows.all_ids, write=False)

    def version(self, incident_id: int) -> int:
        """The incident's stored version (goes up with every change)."""
        return self._transaction(lambda conn: rows.version(conn, incident_id), write=False)

    def list_incidents(self) -> list[Summary]:
        """Every readable incident, the last changed first; `skipped` then holds the ids of unreadable ones."""
        skipped: list[object] = []
        summaries = self._transaction(lambda conn: rows.list_summaries(conn, skipped), write=False)
        self.skipped = skipped
        return summaries

    def integrity(self) -> list[str]:
        """PRAGMA integrity_check: ['ok'] when the file is sound."""
        with self._lock:
            return [row[0] for row in self._live().execute("PRAGMA integrity_check").fetchall()]
