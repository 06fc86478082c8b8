"""Write a file only the user can read, all at once: a crash leaves the old file or the new one.

Profiles, preferences, documents and exports can hold personal data (AVG), so
every file smassist writes for the user goes through here.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: Path, data: str | bytes, *, replace: bool = True) -> Path:
    """Replace path with data (mode 0600) via a temporary file in the same folder; raises OSError.

    With replace=False an existing file is never touched: FileExistsError, decided
    atomically by the link, so two exports racing for one name cannot both win.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            _link_new(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def _link_new(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # file systems without hard links (FAT on a USB stick): check, then rename
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temporary, path)
        return
    temporary.unlink()
