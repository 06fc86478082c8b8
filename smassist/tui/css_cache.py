"""Textual's parsed CSS kept between runs in the user's cache folder, so a start parses no CSS.

Parsing the widgets' and screens' CSS was about a fifth of showing the start
screen, in every process. Textual keeps parse results per process only
(Stylesheet._parse_cache); CachedStylesheet keeps them per source text, place,
scope and theme variables, and Textual's CSS code, in a file like the
catalogue cache: a magic line, a stamp, a SHA-256 of the payload, or it is
ignored and rebuilt; written atomically, readable by the user only. It holds
CSS only, no personal data. Each source's rules are unpickled when asked.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path

from textual.css.stylesheet import Stylesheet

from smassist.core.checked_pickle import read_checked, write_checked

CACHE_FILE = "css.cache"
_MAGIC = b"smassist-css-cache 1\n"
_LIMIT = 600  # entries kept: every source of every screen in a few themes


def _stamp() -> str:
    """This Python, this smassist, and Textual's CSS code (an upgrade of Textual voids the cache)."""
    import textual

    import smassist

    parts = [sys.version, smassist.__version__]
    folder = Path(textual.__file__).parent / "css"
    for path in sorted(folder.glob("*.py")):
        info = path.stat()
        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ParsedCss:
    """Stored parse results, key -> pickled rules; loaded once, saved when something was added."""

    def __init__(self, path: Path):
        self.path = path
        self.stamp = _stamp()
        self.stored: dict[str, bytes] = {}
        self.added: dict[str, bytes] = {}
        self._load()

    def _load(self) -> None:
        stored = read_checked(self.path, _MAGIC, self.stamp)
        if isinstance(stored, dict) and all(isinstance(blob, bytes) for blob in stored.values()):
            self.stored = stored

    def get(self, key: str) -> list | None:
        blob = self.added.get(key) or self.stored.get(key)
        if blob is None:
            return None
        try:
            rules = pickle.loads(blob)  # noqa: S301 - checked with the whole file
        except Exception:  # noqa: BLE001 - one bad entry: parse that source again
            return None
        return rules if isinstance(rules, list) else None

    def put(self, key: str, rules: list) -> None:
        try:
            self.added[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - rules that cannot be stored are parsed again next time
            pass

    def save(self) -> None:
        """Write the stored and added entries (the added ones kept first); a failure just means no cache."""
        if not self.added:
            return
        entries = dict(self.added)
        for key, blob in self.stored.items():
            if len(entries) >= _LIMIT:
                break
            entries.setdefault(key, blob)
        if write_checked(self.path, _MAGIC, self.stamp, entries):
            self.stored, self.added = entries, {}


class CachedStylesheet(Stylesheet):
    """Textual's Stylesheet, taking each source's parsed rules from a ParsedCss when it has them."""

    def __init__(self, *, variables: dict[str, str] | None = None, store: ParsedCss) -> None:
        super().__init__(variables=variables)
        self.store = store
        self._variables_digest: str | None = None
        self._known: dict[tuple, list] = {}  # this process: Textual parses every source again after each add

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variables_digest = None
        self._known.clear()

    def _parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        place = (css, read_from, is_default_rules, tie_breaker, scope)
        rules = self._known.get(place)
        if rules is not None:
            return rules
        if self._variables_digest is None:
            variables = repr(sorted(self._variables.items())).encode()
            self._variables_digest = hashlib.sha256(variables).hexdigest()
        key = hashlib.sha256(repr((*place, self._variables_digest)).encode()).hexdigest()
        rules = self.store.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                self.store.put(key, rules)
        self._known[place] = rules
        return rules
