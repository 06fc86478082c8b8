"""Opening the register file: check it, move a bad one aside (kept, never deleted), connect.

A file that is not ours (another program's database, or not a database at
all) or that fails its checks is never written to: it is moved aside under a
new name with a timestamp and a fresh database is made; the returned notice
says so in Dutch, once.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from smassist.core.incidents.decode import text_factory
from smassist.core.incidents.errors import StoreError
from smassist.core.incidents.files import SIDE_FILES, create_private, identity, rename_new, restrict
from smassist.core.incidents.schema import CORRUPT, FOREIGN, judge, prepare
from smassist.core.incidents.sqlite_util import (
    BUSY_TIMEOUT_S,
    SQLITE_READONLY_ROLLBACK,
    is_busy,
    store_error,
)
from smassist.core.paths import private_dir

SQLITE_HEADER = b"SQLite format 3\x00"

REASONS = {
    CORRUPT: "het incidentenbestand was beschadigd",
    FOREIGN: "het incidentenbestand was niet van smassist (een ander programma of geen database)",
}


@dataclass
class Opened:
    conn: sqlite3.Connection
    notice: str | None = None  # set when a bad file was moved aside; show it to the user
    moved_aside: list[Path] = field(default_factory=list)


def open_database(path: Path, clock: Callable[[], datetime]) -> Opened:
    try:
        return _open_file(path, clock)
    except OSError as exc:
        raise StoreError(f"de incidentendatabase in {path.parent} kan niet worden geopend: "
                         f"{exc.strerror or 'onbekende fout'}") from None


def _open_file(path: Path, clock: Callable[[], datetime]) -> Opened:
    private_dir(path.parent)
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    notice, moved = None, []
    while True:
        create_private(path)
        before = identity(path)
        try:
            problem = inspect(path)
        except sqlite3.Error as exc:
            # another process holds a lock the read-only check cannot wait for (creating the file)
            if not is_busy(exc) or time.monotonic() > deadline:
                raise store_error(exc) from None
            time.sleep(0.01)
            continue
        if problem is None:
            conn = connect(path)
            try:
                prepare(conn)
            except sqlite3.Error as exc:
                conn.close()
                raise store_error(exc) from None
            except BaseException:
                conn.close()
                raise
            restrict(path)
            return Opened(conn, notice, moved)
        if identity(path) == before:  # not replaced by another process meanwhile
            target = move_aside(path, problem, clock)
            if target is not None:
                moved.append(target)
                notice = moved_notice(problem, target)
        if time.monotonic() > deadline:
            raise StoreError("de incidentendatabase kan niet worden geopend; sluit andere smassist-vensters "
                             "en probeer het opnieuw")


def moved_notice(problem: str, target: Path) -> str:
    """One Dutch line: what happened, where the old file is, and (when damaged) how to get out what is readable."""
    notice = (f"{REASONS[problem]}; het is ongewijzigd bewaard als {target.name} in {target.parent}, "
              f"en er is een nieuw, leeg incidentenbestand gemaakt")
    if problem == CORRUPT:
        where = f'"{target}"' if " " in str(target) else str(target)
        notice += (f"; wat nog leesbaar is, haal je eruit met: smassist incidents export --all --from {where} "
                   f"--format json -o incidenten.json")
    return notice


def inspect(path: Path) -> str | None:
    """CORRUPT, FOREIGN, or None when the file is ours or empty.

    Reads only. The connection is read-only, so closing it never checkpoints
    a foreign WAL into its file; only a hot rollback journal (a process died
    mid-transaction on a non-WAL file) needs a writable connection, which
    rolls it back exactly as its owner would.
    """
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head and head != SQLITE_HEADER:
        return CORRUPT if len(head) < len(SQLITE_HEADER) else FOREIGN
    if not head:
        return None
    try:
        return judge(f"{path.as_uri()}?mode=ro")
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", None) != SQLITE_READONLY_ROLLBACK:
            raise
    return judge(f"{path.as_uri()}?mode=rw")


def connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise store_error(exc) from None
    conn.text_factory = text_factory  # a stored text that is no UTF-8 is a damaged row, not an exception
    return conn


def open_readonly(path: Path) -> sqlite3.Connection:
    """A register file opened to read what is still readable; nothing in it is changed (query_only)."""
    if not path.is_file():
        raise StoreError(f"'{path}' bestaat niet of is geen bestand")
    for query in ("mode=ro", "immutable=1"):  # immutable: when the -shm cannot be made (read-only folder)
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?{query}", uri=True, timeout=BUSY_TIMEOUT_S,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            continue
        conn.text_factory = text_factory
        try:
            conn.execute("PRAGMA query_only=ON")
            conn.execute("PRAGMA writable_schema=ON")  # a table whose schema entry is damaged is skipped, not fatal
            conn.execute("SELECT count(*) FROM incidents").fetchone()
            return conn
        except (sqlite3.Error, UnicodeDecodeError):
            conn.close()
    raise StoreError(f"in '{path}' zijn geen incidenten meer te lezen (geen incidentenbestand, of te zwaar beschadigd)")


def move_aside(path: Path, problem: str, clock: Callable[[], datetime]) -> Path | None:
    """Rename the bad file (and its side files) with a timestamp; never overwrite, never delete.

    Returns the new name, or None when another process moved it first.
    """
    stamp = clock().astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(1, 100):
        tag = f".{problem}-{stamp}" + (f"-{attempt}" if attempt > 1 else "")
        target = path.with_name(f"{path.stem}{tag}{path.suffix}")
        if any(Path(f"{target}{side}").exists() for side in ("", *SIDE_FILES)):
            continue
        try:
            if not rename_new(path, target):
                return None
        except FileExistsError:
            continue
        except OSError:
            raise StoreError(f"{REASONS[problem]}, en het kan niet apart worden gezet; "
                             f"verplaats het zelf uit {path.parent}") from None
        for side in SIDE_FILES:
            source = Path(f"{path}{side}")
            if source.exists():
                try:
                    rename_new(source, Path(f"{target}{side}"))
                except OSError:
                    pass  # the database itself is safe; a stray side file is recreated as needed
        return target
    raise StoreError(f"{REASONS[problem]}, en het kan niet apart worden gezet; verplaats het zelf uit {path.parent}")
