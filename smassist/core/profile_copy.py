"""A copy of the parsed school profile beside it, so a start with a profile imports no YAML.

profile.yaml is YAML (schools edit it by hand); reading it needs PyYAML, whose
import costs more than the rest of `smassist ask`. After a successful parse the
values are kept in `profile.kopie` in the same folder — 0600 like the profile,
and never in the cache folder, since they name staff — with the key they were
read under: the profile's size, mtime_ns and the SHA-256 of the very bytes that
were parsed, plus a SHA-256 of the copy's own lines. A copy whose key or checksum
does not match, or that cannot be read, is not used: the YAML is parsed again and
the copy rewritten. So a hand-edited profile is always read as it is now, and a
broken one gives the YAML route's error. The copy is removed with the profile,
and when the profile is broken, so no old name outlives what the user wrote.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from smassist.core.private_files import write_private

_NOTE = "# smassist: kopie van het schoolprofiel om sneller te starten; gaat vanzelf mee. Pas profile.yaml aan, niet dit bestand.\n"
_MAGIC = "smassist-profielkopie 1"


def copy_path(profile: Path) -> Path:
    return profile.with_name(f"{profile.stem}.kopie")


def _key(profile: Path, raw: bytes) -> str | None:
    try:
        info = profile.stat()
    except OSError:
        return None
    return f"{info.st_size} {info.st_mtime_ns} {hashlib.sha256(raw).hexdigest()}"


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def read_copy(profile: Path, raw: bytes, names: tuple[str, ...]) -> dict[str, str] | None:
    """The values parsed from exactly these bytes of the profile, or None (then parse the YAML)."""
    try:
        text = copy_path(profile).read_bytes().decode("ascii")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    if len(lines) < 5 or lines[0] != _NOTE[:-1] or lines[1] != _MAGIC or lines[-1] != "":
        return None
    body = "\n".join(lines[4:])
    if lines[2] != _key(profile, raw) or lines[3] != _digest(body):
        return None
    values: dict[str, str] = {}
    for line in lines[4:-1]:
        name, tab, escaped = line.partition("\t")
        if not tab or name not in names or name in values:
            return None
        try:
            values[name] = escaped.encode("ascii").decode("unicode_escape")
        except (UnicodeError, ValueError):
            return None
    return values


def write_copy(profile: Path, raw: bytes, values: dict[str, str]) -> None:
    """Keep the values parsed from raw; a copy that cannot be written just means parsing next time."""
    key = _key(profile, raw)
    if key is None:
        return
    # unicode_escape: one ASCII line per value whatever it holds (newlines, tabs, any character)
    body = "".join(f"{name}\t{value.encode('unicode_escape').decode('ascii')}\n" for name, value in values.items())
    try:
        write_private(copy_path(profile), f"{_NOTE}{_MAGIC}\n{key}\n{_digest(body)}\n{body}")
    except OSError:
        pass


def drop_copy(profile: Path) -> None:
    try:
        copy_path(profile).unlink(missing_ok=True)
    except OSError:
        pass
