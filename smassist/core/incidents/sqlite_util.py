"""SQLite plumbing shared by the register's modules: error codes, Dutch error messages, stored forms.

Nothing here knows the register's tables; it turns SQLite's errors into one
Dutch line (never SQLite's own text, which may echo SQL and so values) and
keeps the stored forms of timestamps and values in one place.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TypeVar

from smassist.core.incidents.errors import StoreError

T = TypeVar("T")

BUSY_TIMEOUT_S = 10.0

_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
SQLITE_READONLY_ROLLBACK = 8 | (3 << 8)


def code(exc: sqlite3.Error) -> int | None:
    """The primary result code of a SQLite error (extended codes folded)."""
    value = getattr(exc, "sqlite_errorcode", None)
    return value & 0xFF if isinstance(value, int) else None


def is_busy(exc: sqlite3.Error) -> bool:
    return code(exc) in _BUSY_CODES


def is_corruption(exc: sqlite3.Error) -> bool:
    return code(exc) in _CORRUPT_CODES


def until_free(action: Callable[[], T], deadline: float) -> T:
    """Run an action, retrying while another process holds a lock SQLite does not wait for itself."""
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def store_error(exc: sqlite3.Error) -> StoreError:
    """A Dutch message for a database error; SQLite's own text is left out (it may echo SQL)."""
    primary = code(exc)
    if primary in _BUSY_CODES:
        return StoreError("de incidentendatabase is bezet door een ander smassist-venster; probeer het zo opnieuw")
    if primary in _CORRUPT_CODES:
        return StoreError("de incidentendatabase is beschadigd geraakt; start smassist opnieuw, "
                          "dan wordt het bestand apart gezet en een nieuw gemaakt")
    if primary == 13:  # SQLITE_FULL
        return StoreError("de schijf is vol: de wijziging is niet opgeslagen")
    if primary in (3, 8, 14, 23):  # PERM, READONLY, CANTOPEN, AUTH
        return StoreError("de incidentendatabase kan niet worden geopend of geschreven (rechten of een alleen-lezen schijf)")
    if primary == 10:  # IOERR
        return StoreError("de incidentendatabase kan niet worden gelezen of geschreven (schijffout)")
    name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return StoreError(f"fout in de incidentendatabase ({name})")


def pragma(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def iso(moment: datetime) -> str:
    """UTC, fixed width, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_stamp(text: str) -> datetime:
    return datetime.fromisoformat(text)
