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

Safety: a file that is not ours (another program's database, or not a
database at all) or that fails its quick_check is never written to: it is
moved aside under a new name with a timestamp and a fresh database is made;
`Store.notice` says so in Dutch. Two processes share the file through SQLite's
locking (busy timeout, BEGIN IMMEDIATE for every change).

Nothing here logs, and no exception carries a field's value.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TypeVar

from smassist.core.incidents.errors import IncidentNotFound, StoreError, ValidationError
from smassist.core.incidents.fields import check_report, is_empty, normalise, parse_date
from smassist.core.incidents.model import CONCEPT, STATUSES, ChecklistItem, Incident, Summary
from smassist.core.incidents.retention import Age, parse_age
from smassist.core.paths import private_dir, user_data_dir

DB_NAME = "incidents.db"
APPLICATION_ID = 0x534D4153  # "SMAS": marks the file as smassist's incident register
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 10.0
SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")

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
}

T = TypeVar("T")

CORRUPT, FOREIGN = "beschadigd", "onbekend"
_REASONS = {
    CORRUPT: "het incidentenbestand was beschadigd",
    FOREIGN: "het incidentenbestand was niet van smassist (een ander programma of geen database)",
}


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

    def __init__(self, path: Path | None = None, *, clock: Callable[[], datetime] | None = None):
        self.path = Path(path) if path else database_path()
        self._clock = clock or utc_now
        self._lock = threading.RLock()
        self.notice: str | None = None  # set when a bad file was moved aside; show it to the user
        self.moved_aside: list[Path] = []
        self._conn: sqlite3.Connection | None = self._open()

    # -- opening ---------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_file()
        except OSError as exc:
            raise StoreError(f"de incidentendatabase in {self.path.parent} kan niet worden geopend: "
                             f"{exc.strerror or 'onbekende fout'}") from None

    def _open_file(self) -> sqlite3.Connection:
        private_dir(self.path.parent)
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            _create_private(self.path)
            identity = _identity(self.path)
            try:
                problem = self._inspect()
            except sqlite3.Error as exc:
                # another process holds a lock the read-only check cannot wait for (creating the file)
                if _code(exc) not in _BUSY_CODES or time.monotonic() > deadline:
                    raise _store_error(exc) from None
                time.sleep(0.01)
                continue
            if problem is None:
                conn = self._connect()
                try:
                    self._prepare(conn)
                except BaseException:
                    conn.close()
                    raise
                _restrict(self.path)
                return conn
            if _identity(self.path) == identity:  # not replaced by another process meanwhile
                self._move_aside(problem)
            if time.monotonic() > deadline:
                raise StoreError("de incidentendatabase kan niet worden geopend; sluit andere smassist-vensters "
                                 "en probeer het opnieuw")

    def _inspect(self) -> str | None:
        """CORRUPT, FOREIGN, or None when the file is ours or empty.

        Reads only. The connection is read-only, so closing it never checkpoints
        a foreign WAL into its file; only a hot rollback journal (a process died
        mid-transaction on a non-WAL file) needs a writable connection, which
        rolls it back exactly as its owner would.
        """
        with open(self.path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
        if head and head != SQLITE_HEADER:
            return CORRUPT if len(head) < len(SQLITE_HEADER) else FOREIGN
        if not head:
            return None
        try:
            return self._inspect_with(f"{self.path.as_uri()}?mode=ro")
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) != SQLITE_READONLY_ROLLBACK:
                raise
        return self._inspect_with(f"{self.path.as_uri()}?mode=rw")

    def _inspect_with(self, uri: str) -> str | None:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            objects = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
            if app_id == 0 and version == 0 and objects == 0:
                return None
            if app_id != APPLICATION_ID:
                return FOREIGN
            if version > SCHEMA_VERSION:
                raise StoreError("de incidentendatabase is gemaakt door een nieuwere versie van smassist; werk smassist bij")
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return CORRUPT
            return None
        except sqlite3.DatabaseError as exc:
            if _is_corruption(exc):
                return CORRUPT
            raise
        finally:
            conn.close()

    def _connect(self) -> sqlite3.Connection:
        try:
            return sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise _store_error(exc) from None

    def _prepare(self, conn: sqlite3.Connection) -> None:
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        try:
            _until_free(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone(), deadline)
            for pragma in (
                "synchronous=FULL",       # fsync the WAL on every commit: durable on power loss too
                "foreign_keys=ON",        # deleting an incident deletes its fields and steps
                "secure_delete=ON",       # deleted and replaced content is overwritten with zeros
                "temp_store=MEMORY",      # no temporary files with personal data
                "fullfsync=ON",           # macOS: a real flush to the disk, not only to its cache
                "checkpoint_fullfsync=ON",
            ):
                conn.execute(f"PRAGMA {pragma}")
            _until_free(lambda: self._migrate(conn), deadline)
        except sqlite3.Error as exc:
            raise _store_error(exc) from None

    def _migrate(self, conn: sqlite3.Connection) -> None:
        if _pragma(conn, "user_version") == SCHEMA_VERSION and _pragma(conn, "application_id") == APPLICATION_ID:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _pragma(conn, "user_version")  # again: another process may have just done it
            if version > SCHEMA_VERSION:
                raise StoreError("de incidentendatabase is gemaakt door een nieuwere versie van smassist; werk smassist bij")
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

    def _move_aside(self, problem: str) -> None:
        """Rename the bad file (and its side files) with a timestamp; never overwrite, never delete."""
        stamp = self._clock().astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        for attempt in range(1, 100):
            tag = f".{problem}-{stamp}" + (f"-{attempt}" if attempt > 1 else "")
            target = self.path.with_name(f"{self.path.stem}{tag}{self.path.suffix}")
            if any(Path(f"{target}{side}").exists() for side in ("", *SIDE_FILES)):
                continue
            try:
                if not _rename_new(self.path, target):
                    return  # another process moved it first
            except FileExistsError:
                continue
            except OSError:
                raise StoreError(f"{_REASONS[problem]}, en het kan niet apart worden gezet; "
                                 f"verplaats het zelf uit {self.path.parent}") from None
            for side in SIDE_FILES:
                source = Path(f"{self.path}{side}")
                if source.exists():
                    try:
                        _rename_new(source, Path(f"{target}{side}"))
                    except OSError:
                        pass  # the database itself is safe; a stray side file is recreated as needed
            self.moved_aside.append(target)
            self.notice = (f"{_REASONS[problem]}; het is ongewijzigd bewaard als {target.name} "
                           f"in {target.parent}, en er is een nieuw, leeg incidentenbestand gemaakt")
            return
        raise StoreError(f"{_REASONS[problem]}, en het kan niet apart worden gezet; verplaats het zelf uit {self.path.parent}")

    # -- closing -----------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
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
                raise _store_error(exc) from None
            return result

    def now(self) -> datetime:
        """The store's clock (aware, UTC)."""
        return self._clock()

    def _stamp(self) -> str:
        return _iso(self._clock())

    def _today(self) -> date:
        return self._clock().astimezone().date()

    @staticmethod
    def _touch(conn: sqlite3.Connection, incident_id: int, stamp: str) -> None:
        if conn.execute("UPDATE incidents SET updated = ? WHERE id = ?", (stamp, incident_id)).rowcount == 0:
            raise IncidentNotFound(incident_id)

    # -- writing -------------------------------------------------------------------------

    def add(self, incident: Incident) -> Incident:
        """Store a new incident (its id is ignored) and return it with its id."""
        if incident.status not in STATUSES:
            raise ValidationError(f"onbekende status; kies uit {', '.join(STATUSES)}")
        report = {name: normalise(name, value) for name, value in incident.report.items()}

        def action(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO incidents (status, created, updated, tree, protocol, role, walk, answer) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (incident.status, _iso(incident.created), _iso(incident.updated), incident.tree, incident.protocol,
                 incident.role, _dump(incident.walk), _dump(incident.answer)),
            )
            new_id = cursor.lastrowid
            conn.executemany(
                "INSERT INTO report_fields (incident_id, name, value) VALUES (?, ?, ?)",
                [(new_id, name, _dump(value)) for name, value in report.items() if not is_empty(value)],
            )
            conn.executemany(
                "INSERT INTO checklist (incident_id, position, text, who, article, done, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(new_id, item.position, item.text, item.who, item.article,
                  item.done.isoformat() if item.done else None, item.note) for item in incident.checklist],
            )
            return new_id

        new_id = self._transaction(action)
        return self.get(new_id)

    def save_field(self, incident_id: int, field_id: str, value: object) -> None:
        """Save one form field at once. Any text is kept (a draft never blocks); see fields.check_report."""
        stored = normalise(field_id, value)
        stamp = self._stamp()

        def action(conn: sqlite3.Connection) -> None:
            self._touch(conn, incident_id, stamp)
            if is_empty(stored):
                conn.execute("DELETE FROM report_fields WHERE incident_id = ? AND name = ?", (incident_id, field_id))
            else:
                conn.execute(
                    "INSERT INTO report_fields (incident_id, name, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (incident_id, name) DO UPDATE SET value = excluded.value",
                    (incident_id, field_id, _dump(stored)),
                )

        self._transaction(action)

    def set_status(self, incident_id: int, status: str, now: datetime | None = None) -> None:
        """Move between concept, gemeld and afgerond; gemeld and afgerond need a complete form."""
        if status not in STATUSES:
            raise ValidationError(f"onbekende status; kies uit {', '.join(STATUSES)}")
        stamp = self._stamp()
        local_now = now or self._clock().astimezone().replace(tzinfo=None)

        def action(conn: sqlite3.Connection) -> None:
            self._touch(conn, incident_id, stamp)
            if status != CONCEPT:
                problems = check_report(_report(conn, incident_id), local_now)
                if problems:
                    count = sum(len(p) for p in problems.values())
                    raise ValidationError(f"het formulier is nog niet compleet ({count} punt(en), eerst: "
                                          f"{next(iter(problems.values()))[0]})")
            conn.execute("UPDATE incidents SET status = ? WHERE id = ?", (status, incident_id))

        self._transaction(action)

    def tick_step(self, incident_id: int, position: int, done: date | str | None) -> None:
        """Mark a checklist step done on a date (a date or 'dd-mm-jjjj'); None opens it again."""
        if isinstance(done, str):
            done = parse_date(done, "Datum van de stap")
        if done is not None and done > self._today():
            raise ValidationError("Datum van de stap: deze datum ligt in de toekomst")
        self._update_step(incident_id, position, "done", done.isoformat() if done else None)

    def save_step_note(self, incident_id: int, position: int, note: str) -> None:
        if not isinstance(note, str):
            raise ValidationError("Notitie bij de stap: verwacht tekst")
        self._update_step(incident_id, position, "note", note)

    def _update_step(self, incident_id: int, position: int, column: str, value: str | None) -> None:
        stamp = self._stamp()

        def action(conn: sqlite3.Connection) -> None:
            self._touch(conn, incident_id, stamp)
            changed = conn.execute(f"UPDATE checklist SET {column} = ? WHERE incident_id = ? AND position = ?",
                                   (value, incident_id, position)).rowcount
            if not changed:
                raise ValidationError(f"incident {incident_id} heeft geen stap {position}")

        self._transaction(action)

    # -- removing ------------------------------------------------------------------------

    def delete(self, incident_id: int) -> bool:
        """Remove an incident for real. True when no copy is left in the files (see wipe())."""
        def action(conn: sqlite3.Connection) -> None:
            if conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,)).rowcount == 0:
                raise IncidentNotFound(incident_id)

        self._transaction(action)
        return self.wipe()

    def purge(self, older_than: Age | str, now: datetime | None = None) -> int:
        """Remove every incident whose last change is older than the age; returns how many."""
        age = parse_age(older_than) if isinstance(older_than, str) else older_than
        cutoff = _iso(age.cutoff(now or self._clock()))

        def action(conn: sqlite3.Connection) -> int:
            return conn.execute("DELETE FROM incidents WHERE updated < ?", (cutoff,)).rowcount

        removed = self._transaction(action)
        if removed:
            self.wipe()
        return removed

    def wipe(self) -> bool:
        """Copy the zeroed pages into the database file and empty the WAL.

        False when another smassist still reads an older snapshot: the old pages
        then stay in the WAL until that one closes (the last close removes the WAL).
        """
        with self._lock:
            try:
                busy, _, _ = self._live().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error as exc:
                raise _store_error(exc) from None
        return busy == 0

    # -- reading -------------------------------------------------------------------------

    def get(self, incident_id: int) -> Incident:
        def action(conn: sqlite3.Connection) -> Incident:
            row = conn.execute("SELECT id, status, created, updated, walk, answer FROM incidents WHERE id = ?",
                               (incident_id,)).fetchone()
            if row is None:
                raise IncidentNotFound(incident_id)
            steps = conn.execute(
                "SELECT position, text, who, article, done, note FROM checklist WHERE incident_id = ? ORDER BY position",
                (incident_id,),
            ).fetchall()
            return Incident(
                id=row[0], status=row[1], created=_parse_stamp(row[2]), updated=_parse_stamp(row[3]),
                walk=json.loads(row[4]), answer=json.loads(row[5]), report=_report(conn, incident_id),
                checklist=[ChecklistItem(p, text, who, article, date.fromisoformat(done) if done else None, note)
                           for p, text, who, article, done, note in steps],
            )

        return self._transaction(action, write=False)

    def list_incidents(self) -> list[Summary]:
        """Every incident, the last changed first."""
        def action(conn: sqlite3.Connection) -> list[Summary]:
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
                Summary(id=r[0], status=r[1], created=_parse_stamp(r[2]), updated=_parse_stamp(r[3]), tree=r[4],
                        protocol=r[5], incident_date=json.loads(r[6]) if r[6] else "",
                        platform=json.loads(r[7]) if r[7] else "", steps_done=r[8], steps_total=r[9], next_step=r[10])
                for r in rows
            ]

        return self._transaction(action, write=False)

    def integrity(self) -> list[str]:
        """PRAGMA integrity_check: ['ok'] when the file is sound."""
        with self._lock:
            return [row[0] for row in self._live().execute("PRAGMA integrity_check").fetchall()]


# -- helpers -----------------------------------------------------------------------------


def _report(conn: sqlite3.Connection, incident_id: int) -> dict:
    rows = conn.execute("SELECT name, value FROM report_fields WHERE incident_id = ?", (incident_id,)).fetchall()
    return {name: json.loads(value) for name, value in rows}


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _iso(moment: datetime) -> str:
    """UTC, fixed width, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _parse_stamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _pragma(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def _create_private(path: Path) -> None:
    """Create the file 0600 before SQLite does (SQLite would use 0644 minus umask)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(descriptor)
    _restrict(path)


def _restrict(path: Path) -> None:
    for candidate in (path, *(Path(f"{path}{side}") for side in SIDE_FILES)):
        try:
            if candidate.stat().st_mode & 0o077:
                candidate.chmod(0o600)
        except FileNotFoundError:
            pass


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


def _rename_new(source: Path, target: Path) -> bool:
    """Rename without ever replacing an existing target; False when the source is gone."""
    try:
        os.link(source, target)  # fails with FileExistsError instead of overwriting
    except FileNotFoundError:
        return False
    except FileExistsError:
        raise
    except OSError:
        # file systems without hard links (FAT on a USB stick): check, then rename
        if target.exists():
            raise FileExistsError(str(target)) from None
        try:
            os.rename(source, target)
        except FileNotFoundError:
            return False
        return True
    try:
        os.unlink(source)
    except FileNotFoundError:
        pass
    return True


_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
SQLITE_READONLY_ROLLBACK = 8 | (3 << 8)


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _is_corruption(exc: sqlite3.Error) -> bool:
    return _code(exc) in _CORRUPT_CODES


def _until_free(action: Callable[[], T], deadline: float) -> T:
    """Run an action, retrying while another process holds a lock SQLite does not wait for itself."""
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if _code(exc) not in _BUSY_CODES or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _store_error(exc: sqlite3.Error) -> StoreError:
    """A Dutch message for a database error; SQLite's own text is left out (it may echo SQL)."""
    code = _code(exc)
    if code in _BUSY_CODES:
        return StoreError("de incidentendatabase is bezet door een ander smassist-venster; probeer het zo opnieuw")
    if code in _CORRUPT_CODES:
        return StoreError("de incidentendatabase is beschadigd geraakt; start smassist opnieuw, "
                          "dan wordt het bestand apart gezet en een nieuw gemaakt")
    if code == 13:  # SQLITE_FULL
        return StoreError("de schijf is vol: de wijziging is niet opgeslagen")
    if code in (3, 8, 14, 23):  # PERM, READONLY, CANTOPEN, AUTH
        return StoreError("de incidentendatabase kan niet worden geopend of geschreven (rechten of een alleen-lezen schijf)")
    if code == 10:  # IOERR
        return StoreError("de incidentendatabase kan niet worden gelezen of geschreven (schijffout)")
    name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return StoreError(f"fout in de incidentendatabase ({name})")
