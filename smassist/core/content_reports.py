"""What `smassist validate` reports about the content beyond loading it, reused while nothing it reads changed.

Three checks read every tree against every protocol: rulings that speak of a
sibling answer's situation (errors), questions a protocol leaves out
(information) and texts that are hard for pupils and parents (warnings).
Together they were a third of a `validate`. They read only the trees, the
protocols and the readability settings, so their result is stored in the
user's cache folder under a digest of exactly those: the path and SHA-256 of
every file in the catalogue, in order, the catalogue folder, and the settings
file. The cache itself is void when smassist's core code changes
(smassist.core.catalog_cache), so a different check never reuses a result.
"""

from __future__ import annotations

import hashlib

from smassist.core.catalog_cache import CatalogCache, content_hash
from smassist.core.paths import user_cache_dir
from smassist.core.problems import Problem

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on every command
if TYPE_CHECKING:
    from smassist.core.catalog import Catalog

CACHE_FILE = "reports.cache"


def _compute(catalog: Catalog) -> tuple[list[Problem], list[str], list[str]]:
    from smassist.core.readability import readability_warnings
    from smassist.core.skip_checks import branch_mentions, skipped_questions

    return (branch_mentions(catalog), [str(s) for s in skipped_questions(catalog)],
            readability_warnings(catalog))


def inputs_digest(catalog: Catalog) -> str:
    from smassist.core.readability import SETTINGS_FILE

    parts = [str(catalog.root)]
    files = [("tree", t.id, t.path) for t in catalog.trees.values()]
    files += [("protocol", p.id, p.path) for p in catalog.protocols.values()]
    files.append(("settings", "", catalog.root / SETTINGS_FILE))
    for kind, item, path in files:
        parts.append(f"{kind} {item} {path} {content_hash(path)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def content_reports(catalog: Catalog) -> tuple[list[Problem], list[str], list[str]]:
    """(branch-mention problems, skipped-question lines, readability warnings), as computed now."""
    cache = CatalogCache(user_cache_dir() / CACHE_FILE)
    reports = cache.remembered("content reports", inputs_digest(catalog), lambda: _compute(catalog))
    cache.save()
    return reports
