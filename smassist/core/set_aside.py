"""Move a damaged state file out of the way, keeping it: never overwrite, never delete.

A state file the app writes for itself (the saved walk `onderweg.json`,
`preferences.json`) that cannot be used must not stop the app at every start,
and must not be thrown away either: it may hold typed text. It is renamed
beside itself with a reason and a UTC timestamp
(`voorkeuren.beschadigd-20260301T120000Z.json`), and the caller tells the user
once where it is; the next start finds no file and starts clean.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path


def move_aside(path: Path, reason: str, now: datetime | None = None) -> Path | None:
    """Rename path to `<stem>.<reason>-<UTC time>[-n]<suffix>`; the new path, or None when it cannot be moved.

    Raises FileNotFoundError when the file is already gone (another window moved it).
    """
    from smassist.core.incidents.files import rename_new  # only for a damaged file: the register's code stays unloaded

    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(1, 100):
        target = path.with_name(f"{path.stem}.{reason}-{stamp}{'' if attempt == 1 else f'-{attempt}'}{path.suffix}")
        if target.exists():
            continue
        try:
            moved = rename_new(path, target)
        except FileExistsError:
            continue
        except OSError:
            return None
        if not moved:
            raise FileNotFoundError(str(path))
        return target
    return None
