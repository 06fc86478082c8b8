"""A protocol from the catalogue cache whose articles and rulings are unpickled on first use.

A start shows each protocol's id, organisation and title and then uses one
protocol (or none): unpickling the articles and rulings of all of them was
~2 % of a start. The cache therefore stores a protocol as a shell (every
other field) with its articles and rulings pickled apart; `Protocol` unpacks
them when they are first asked for (`Protocol.__getattr__`), so every use sees
the same protocol as one read from its file.

The pickled parts sit inside the checked cache file (magic, stamp, SHA-256),
so they are as trusted as the rest of it. Should they still fail to unpickle,
the protocol's file is read again instead and the cache file removed, so the
next start rebuilds it: a damaged cache never changes an answer.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from smassist.core.models import Protocol

_LAZY = ("articles", "rulings")


class LazyParts:
    """A protocol's (articles, rulings), pickled; `cache` is the file they came from."""

    def __init__(self, blob: bytes, cache: Path | None = None):
        self.blob = blob
        self.cache = cache

    def load(self, path: Path) -> tuple[dict, dict]:
        try:
            parts = pickle.loads(self.blob)  # noqa: S301 - inside the checked cache file
            if isinstance(parts, tuple) and len(parts) == 2 and all(isinstance(part, dict) for part in parts):
                return parts
        except Exception:  # noqa: BLE001 - damaged parts are read from the file again, never trusted
            pass
        return _read_again(path, self.cache)


def _read_again(path: Path, cache: Path | None) -> tuple[dict, dict]:
    from smassist.core.problems import DataError
    from smassist.core.protocol_file import read_protocol

    if cache is not None:
        cache.unlink(missing_ok=True)  # the next load rebuilds it
    protocol, problems = read_protocol(path)
    if protocol is None:
        raise DataError(problems)
    return protocol.articles, protocol.rulings


def shell(protocol: Protocol) -> Protocol:
    """The protocol for the cache: its fields, the articles and rulings pickled apart (derived values dropped)."""
    lazy = Protocol.__new__(Protocol)
    values = {name: getattr(protocol, name) for name in Protocol._fields if name not in _LAZY}
    values["_parts"] = LazyParts(pickle.dumps(tuple(getattr(protocol, name) for name in _LAZY), protocol=pickle.HIGHEST_PROTOCOL))
    lazy.__dict__.update(values)
    return lazy


def cached(result, cache: Path):
    """A result unpickled from the cache, with its protocol's parts told which cache file they came from."""
    item = result[0] if isinstance(result, tuple) and result else None
    parts = item.__dict__.get("_parts") if isinstance(item, Protocol) else None
    if isinstance(parts, LazyParts):
        parts.cache = cache
    return result


def for_cache(result):
    """A read result as the cache stores it: a protocol as its shell."""
    if isinstance(result, tuple) and result and isinstance(result[0], Protocol):
        return (shell(result[0]), *result[1:])
    return result
