"""A cache of read and checked data files in the user's cache folder, so a start parses no YAML.

Parsing ~15k lines of YAML into located nodes is most of a start. The cache
keeps, per tree or protocol file, what reading and checking it gave, keyed on
the file's path, size, mtime_ns and SHA-256, and per protocol the result of the
checks across files, keyed on everything those checks read (the protocol, every
tree, the template folder, and for validation the templates' contents). The
whole cache is void when smassist's version or its core code changes. Each
file's result is pickled on its own inside the cache, with the id it holds, so
a command about one protocol (`load_catalog(only=...)`) unpickles just that one;
a protocol's articles and rulings are pickled apart again and unpickled only
when first used (smassist.core.protocol_parts), so a start that lists the
protocols and uses one pays for that one.

The file is a pickle, so it is trusted only as far as it is checked: a magic
line, the stamp of this smassist and a SHA-256 of the payload must match, or
the cache is ignored and rebuilt. It is written atomically, readable by the
user only, and holds no personal data (protocols and trees only). Loading from
it imports no YAML.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

from smassist.core.checked_pickle import read_checked, write_checked
from smassist.core.problems import Problem
from smassist.core.protocol_parts import cached, for_cache

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on every command
if TYPE_CHECKING:
    from smassist.core.catalog import Catalog
    from smassist.core.models import Protocol

CACHE_FILE = "catalog.cache"
_MAGIC = b"smassist-catalog-cache 3\n"
_CORE = Path(__file__).resolve().parent


def code_stamp() -> str:
    """This smassist: its version, the Python it runs on, and the core code that reads and checks."""
    import smassist

    parts = [smassist.__version__, sys.version]
    core = str(_CORE)
    for folder, subfolders, names in os.walk(core):  # os.walk, not Path.rglob: a third of the cost per start
        subfolders.sort()
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            try:
                info = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            parts.append(f"{folder[len(core):]}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _fingerprint(path: Path) -> tuple[int, int, str] | None:
    from smassist.core.problems import DataError
    from smassist.core.user_files import read_bytes

    try:
        info = path.stat()
        data = read_bytes(path)  # regular files within the cap only: the load then reports the rest
    except (OSError, DataError):
        return None
    return info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest()


def content_hash(path: Path) -> str:
    """The file's SHA-256, or "missing" for a file that cannot be read."""
    found = _fingerprint(path)
    return found[2] if found else "missing"


def _templates_key(templates: Path | None, contents: bool) -> str:
    """The template folder as the checks see it: its names, and for rendering their contents too."""
    if templates is None:
        return ""
    try:
        paths = sorted(p for p in templates.iterdir() if p.name.endswith(".j2"))
    except OSError:
        return "missing"
    parts = [str(templates)]
    for path in paths:
        parts.append(path.name)
        if contents:
            found = _fingerprint(path)
            parts.append(found[2] if found else "unreadable")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _id_of(result) -> str | None:
    item = result[0] if isinstance(result, tuple) and result else None
    return getattr(item, "id", None)


class CatalogCache:
    """Per-file read results and per-protocol check results, loaded once and saved if anything changed."""

    def __init__(self, path: Path, stamp: str | None = None):
        self.path = path
        self.stamp = stamp or code_stamp()
        self.files: dict[str, tuple] = {}
        self.checks: dict[tuple[str, bool], tuple[str, list[Problem]]] = {}
        self.hashes: dict[str, str] = {}  # path -> content hash of the files read in this load
        self._found: dict[str, tuple[int, int, str] | None] = {}  # path -> fingerprint, taken once per load
        self.changed = False
        self._load()

    # -- the file on disk ----------------------------------------------------------

    def _load(self) -> None:
        """Take the stored entries only when every check passes; anything else is an empty cache."""
        stored = read_checked(self.path, _MAGIC, self.stamp)
        if isinstance(stored, tuple) and len(stored) == 2 and all(isinstance(part, dict) for part in stored):
            self.files, self.checks = stored

    def save(self) -> None:
        """Write the cache atomically (0600); a folder that cannot be written just means no cache."""
        if self.changed and write_checked(self.path, _MAGIC, self.stamp, (self.files, self.checks)):
            self.changed = False

    # -- what load_catalog asks --------------------------------------------------------

    def read(self, path: Path, kind: str, reader: Callable[[Path], object] | None = None):
        """What reader (default smassist.core.catalog.read_file) gives for this file, from the cache while it is unchanged."""
        if reader is None:
            from smassist.core.catalog import read_file

            def reader(path: Path):
                return read_file(path, kind)

        found = self._fingerprint(path)
        key = str(path)
        if found is None:
            self.files.pop(key, None)
            return reader(path)
        self.hashes[key] = found[2]
        entry = self.files.get(key)
        if entry is not None and entry[:4] == (*found, kind):
            try:
                return cached(pickle.loads(entry[4]), self.path)  # noqa: S301 - inside the checked cache file
            except Exception:  # noqa: BLE001 - a damaged entry is read again
                pass
        result = reader(path)
        # each file's result pickled on its own, so a load unpickles only the files it reads, and a
        # protocol's articles and rulings apart from the rest, so they are unpickled only when used
        self.files[key] = (*found, kind, pickle.dumps(for_cache(result), protocol=pickle.HIGHEST_PROTOCOL), _id_of(result))
        self.changed = True
        return result

    def known_id(self, path: Path, kind: str) -> str | None:
        """The id of the tree or protocol in this file when it was last read, while the file is unchanged."""
        found = self._fingerprint(path)
        entry = self.files.get(str(path))
        if found is None or entry is None or entry[:4] != (*found, kind):
            return None
        return entry[5]

    def _fingerprint(self, path: Path) -> tuple[int, int, str] | None:
        key = str(path)
        if key not in self._found:
            self._found[key] = _fingerprint(path)
        return self._found[key]

    def checked(self, catalog: Catalog, templates: Path | None,
                render_documents: bool) -> Callable[[Protocol, Callable[[], list[Problem]]], list[Problem]]:
        """A memo for smassist.core.ruling_checks.check_rulings, keyed on everything a protocol's checks read."""
        trees = sorted(f"{t.path}:{self.hashes.get(str(t.path), '?')}" for t in catalog.trees.values())
        shared = "\n".join([
            *trees, str(catalog.root), _templates_key(templates, render_documents),
            str(any(p.file.parent == catalog.root for p in catalog.problems)),
        ])

        def memo(protocol: Protocol, compute: Callable[[], list[Problem]]) -> list[Problem]:
            path = str(protocol.path)
            own = self.hashes.get(path)
            if own is None:  # not read through this cache: nothing to key on
                return compute()
            key = hashlib.sha256(f"{own}\n{shared}".encode()).hexdigest()
            entry = self.checks.get((path, render_documents))
            if entry is not None and entry[0] == key:
                return list(entry[1])
            problems = compute()
            self.checks[(path, render_documents)] = (key, list(problems))
            self.changed = True
            return problems

        return memo

    def remembered(self, name: str, key: str, compute: Callable[[], object]):
        """compute(), or what it gave before under the same key (a digest of everything it reads)."""
        entry = self.checks.get((name, True))
        if entry is not None and entry[0] == key:
            return entry[1]
        value = compute()
        self.checks[(name, True)] = (key, value)
        self.changed = True
        return value

    def forget_missing(self) -> None:
        """Drop entries of files that no longer exist, so the cache does not grow without end."""
        for key in [k for k in self.files if k not in self.hashes and not Path(k).exists()]:
            del self.files[key]
            self.changed = True
        for key in [k for k in self.checks if k[0] not in self.files]:
            del self.checks[key]
            self.changed = True
