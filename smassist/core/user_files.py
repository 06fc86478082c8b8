"""Read any file a user, a school or a damaged disk hands us: one clear Dutch line, never a hang.

Every file smassist reads that is not part of the installed package goes
through here: trees and protocols, the school profile, preferences, the saved
walk, `render --data/--walk`, scenarios and quiz sets. The rules:

- only a regular file is read: a FIFO would block forever, `/dev/zero` never
  ends and a folder cannot be read; the file is opened non-blocking and checked
  with fstat on the open descriptor, so a swap after the check cannot fool it;
- at most `limit` bytes (a 2 GiB file is refused, not loaded into memory);
- invalid UTF-8 and control characters are reported with their line;
- JSON nested deeper than `MAX_DEPTH` is refused (code that walks the data
  recursively stays far from Python's recursion limit);
- an OSError (a 5,000-character path, no permission) becomes a Dutch line.

Problems are raised as DataError naming the file; the caller decides the words
around them.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from smassist.core.problems import DataError, Problem

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on every command
if TYPE_CHECKING:
    from typing import Any

MAX_BYTES = 16 * 1024 * 1024  # far above any protocol (the largest bundled one is ~0.2 MB)
MAX_DEPTH = 64  # nesting levels of lists and mappings; the bundled data needs 8

_OS_ERRORS = {
    errno.ENOENT: "bestaat niet",
    errno.EACCES: "geen toegang (controleer de rechten)",
    errno.EPERM: "geen toegang (controleer de rechten)",
    errno.ENAMETOOLONG: "de naam van het bestand of de map is te lang",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ELOOP: "het pad verwijst in een kring naar zichzelf (symbolische koppelingen)",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EEXIST: "bestaat al",
    errno.ENXIO: "dit is geen gewoon bestand",
}

# Characters YAML refuses and that no text file of ours should hold: C0/C1
# controls other than tab and newlines, and the non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def os_reason(exc: OSError) -> str:
    """A Dutch reason for an OSError (the system's own text is English)."""
    return _OS_ERRORS.get(exc.errno or 0, exc.strerror or "onbekende fout")


def kind_of(path: Path) -> str:
    """'file', 'dir', 'missing' or 'other' (FIFO, device, socket); a bad path raises DataError."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            return "missing"
        raise DataError([Problem(shown(path), None, os_reason(exc))]) from None
    if stat.S_ISREG(mode):
        return "file"
    return "dir" if stat.S_ISDIR(mode) else "other"


def read_bytes(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes; else DataError."""
    where = shown(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise DataError([Problem(where, None, "bestand niet gevonden")]) from None
    except OSError as exc:
        raise DataError([Problem(where, None, f"kan het bestand niet lezen: {os_reason(exc)}")]) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise DataError([Problem(where, None, "dit is een map; geef een bestand")])
        if not stat.S_ISREG(info.st_mode):
            raise DataError([Problem(where, None, "dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of "
                                                 "een pijp); geef een gewoon bestand")])
        if info.st_size > limit:
            raise DataError([Problem(where, None, f"het bestand is te groot ({_size(info.st_size)}; hoogstens "
                                                 f"{_size(limit)}); is dit het goede bestand?")])
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=True) as handle:
            descriptor = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DataError([Problem(where, None, f"kan het bestand niet lezen: {os_reason(exc)}")]) from None
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    if len(data) > limit:  # it grew while we read
        raise DataError([Problem(where, None, f"het bestand is te groot (hoogstens {_size(limit)})")])
    return data


def read_text(path: Path, *, limit: int = MAX_BYTES) -> str:
    """The file as UTF-8 text without control characters; DataError names the line of a problem."""
    return decode_text(read_bytes(path, limit=limit), path)


def decode_text(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(path, line, "geen geldige UTF-8-tekst op deze regel; sla het bestand op als "
                                             "UTF-8 (in Kladblok: Opslaan als, codering UTF-8)")]) from None
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise DataError([Problem(path, line, f"onzichtbaar stuurteken (U+{ord(found.group()):04X}) op deze regel; "
                                             "haal het weg of typ de regel opnieuw")])
    return text


def load_json(path: Path, *, limit: int = MAX_BYTES, raw: bytes | None = None) -> Any:
    """Parse a JSON file strictly: finite numbers only, nesting capped; DataError names the line."""
    import json

    text = decode_text(read_bytes(path, limit=limit) if raw is None else raw, path)
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(path, exc.lineno, f"geen geldige JSON: {_JSON_DUTCH.get(exc.msg, exc.msg)}")]) from None
    except _NotFinite:
        raise DataError([Problem(path, None, "geen geldige JSON: een getal is oneindig of geen getal")]) from None
    except RecursionError:
        raise DataError([_too_deep(path, None)]) from None
    check_depth(data, path)
    return data


_JSON_DUTCH = {
    "Expecting value": "hier hoort een waarde",
    "Expecting ',' delimiter": "hier ontbreekt een komma",
    "Expecting ':' delimiter": "hier ontbreekt een dubbele punt",
    "Expecting property name enclosed in double quotes": "een sleutel hoort tussen dubbele aanhalingstekens",
    "Unterminated string starting at": "een tekst tussen aanhalingstekens wordt niet afgesloten",
    "Invalid control character at": "een stuurteken in een tekst",
    "Invalid \\escape": "een ongeldige \\-code",
    "Invalid \\uXXXX escape": "een ongeldige \\u-code",
    "Extra data": "na het einde staat nog meer",
}


def check_depth(data: Any, path: Path, line: int | None = None) -> None:
    """Refuse lists and mappings nested deeper than MAX_DEPTH (walked without recursion)."""
    todo: list[tuple[Any, int]] = [(data, 1)]
    while todo:
        value, depth = todo.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise DataError([_too_deep(path, line)])
            children = value.values() if isinstance(value, dict) else value
            todo.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


def _too_deep(path: Path, line: int | None) -> Problem:
    return Problem(path, line, f"de gegevens zijn te diep genest (meer dan {MAX_DEPTH} niveaus); "
                               "is dit het goede bestand?")


class _NotFinite(ValueError):
    pass


def _no_constant(name: str) -> float:
    raise _NotFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return value


def shown(path: Path) -> Path:
    """A path short enough for a one-line message (a 5,000-character path is cut in the middle)."""
    text = str(path)
    return path if len(text) <= 120 else Path(f"{text[:50]}…{text[-50:]}")


def _size(n: int) -> str:
    text = f"{n / 1024 ** 3:.1f} GB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:.0f} MB"
    return text.replace(".", ",")
