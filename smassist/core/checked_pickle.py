"""A cache file holding a pickle, trusted only as far as it is checked.

Layout: a magic line, a stamp line (what made it: versions, code), the SHA-256
of the payload, then the payload. Anything that does not match is no cache at
all, never an error; writing is atomic and readable by the user only. Used for
things smassist can always rebuild (the loaded catalogue, parsed CSS), never
for personal data.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path


def read_checked(path: Path, magic: bytes, stamp: str) -> object | None:
    """The stored object, or None when the file is missing, foreign, stale or damaged."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    first = blob.find(b"\n") + 1
    second = blob.find(b"\n", first) + 1
    third = blob.find(b"\n", second) + 1
    if not 0 < first < second < third or blob[:first] != magic or blob[first:second - 1].decode("ascii", "replace") != stamp:
        return None
    payload = memoryview(blob)[third:]  # a view: the payload is not copied
    if hashlib.sha256(payload).hexdigest().encode() != blob[second:third - 1]:
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 - our own file, checked by stamp and hash above
    except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, never trusted
        return None


def write_checked(path: Path, magic: bytes, stamp: str, value: object) -> bool:
    """Write atomically (0600, folder 0700); False when it cannot be written (then there is just no cache)."""
    from smassist.core.paths import private_dir

    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    blob = magic + stamp.encode("ascii") + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        private_dir(path.parent)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True
