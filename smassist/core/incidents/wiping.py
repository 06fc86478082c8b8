"""Deleted text out of the files: checkpoint the zeroed pages into the database and empty the WAL.

secure_delete zeroes deleted content in the new page images, but those sit in
the WAL until a checkpoint copies them over the old pages in the database
file. A checkpoint cannot copy pages past the snapshot of another smassist
that is in the middle of a read, so `wipe` retries for a short, bounded
while; when the reader is still busy, a marker file beside the database
(`incidents.db-wipe`) says a wipe is owed, and every Store, after each of its
own transactions, on open and on close, finishes it as soon as no reader is
in the way. The last connection to close checkpoints and removes the WAL too.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from smassist.core.incidents.errors import StoreError
from smassist.core.incidents.files import create_private
from smassist.core.incidents.sqlite_util import BUSY_TIMEOUT_S, is_busy, store_error

WIPE_WAIT_S = 2.0  # how long a delete waits for another window's read to end
_TRY_MS = 50  # one checkpoint attempt waits at most this long for readers
MARKER = "-wipe"


def marker(db: Path) -> Path:
    return Path(f"{db}{MARKER}")


def owed(db: Path) -> bool:
    return marker(db).exists()


def wipe(conn: sqlite3.Connection, db: Path, wait: float = WIPE_WAIT_S) -> bool:
    """Checkpoint and truncate, retrying up to `wait` seconds. True when no old page is left.

    False: another connection is mid-read; the marker is left so a later
    transaction (of any smassist on this file) finishes the job.
    """
    deadline = time.monotonic() + wait
    while True:
        if _checkpoint(conn):
            marker(db).unlink(missing_ok=True)
            return True
        if time.monotonic() >= deadline:
            create_private(marker(db))
            return False
        time.sleep(_TRY_MS / 1000)


def finish(conn: sqlite3.Connection, db: Path) -> None:
    """Finish an owed wipe when nothing is in the way now (one quick attempt, never waits long)."""
    try:
        if owed(db) and _checkpoint(conn):
            marker(db).unlink(missing_ok=True)
    except (StoreError, OSError):
        pass  # opportunistic: the marker stays and the next try, or the last close, does it


def _checkpoint(conn: sqlite3.Connection) -> bool:
    conn.execute(f"PRAGMA busy_timeout = {_TRY_MS}")
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError as exc:
        if not is_busy(exc):
            raise store_error(exc) from None
        return False
    except sqlite3.Error as exc:
        raise store_error(exc) from None
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return busy == 0
