"""The register's files: created private, moved aside without ever overwriting.

SQLite gives its -wal and -shm files the database file's mode, so creating
the database 0600 before SQLite opens it keeps all three private.
"""

from __future__ import annotations

import os
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal", "-wipe")  # -wipe: a wipe is owed (wiping.py)


def create_private(path: Path) -> None:
    """Create the file 0600 before SQLite does (SQLite would use 0644 minus umask)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(descriptor)
    restrict(path)


def restrict(path: Path) -> None:
    """Make the database and its side files 0600 where something widened them."""
    for candidate in (path, *(Path(f"{path}{side}") for side in SIDE_FILES)):
        try:
            if candidate.stat().st_mode & 0o077:
                candidate.chmod(0o600)
        except FileNotFoundError:
            pass


def identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


def rename_new(source: Path, target: Path) -> bool:
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
