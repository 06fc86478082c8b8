"""Where protocols come from: the user's data folder, the school's folder, the bundled ones.

An id in a higher source overrides the same id in a lower one (the user's own
copy of a protocol on the school's drive), except a bundled id: a file that
would replace a protocol smassist comes with is left unused and reported
(Catalog.shadowed), so no stale or mistaken file changes what teachers are
told. Every source is read and validated the same way; a broken file is a
problem in the catalogue, never a crash, and the protocol beneath it stays in use.
"""

from __future__ import annotations

from pathlib import Path

from smassist.core.catalog_cache import CACHE_FILE, CatalogCache
from smassist.core.paths import decision_trees_dir, templates_dir, user_cache_dir, user_protocols_dir
from smassist.core.problems import DataError, Problem
from smassist.core.user_files import kind_of

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on every command
if TYPE_CHECKING:
    from smassist.core.catalog import Catalog
    from smassist.core.profile import Profile


def _user_profile() -> Profile | None:
    """The saved profile; a broken one is reported elsewhere (app, CLI) and read as absent here."""
    from smassist.core.problems import DataError
    from smassist.core.profile import load_profile

    try:
        return load_profile()
    except DataError:
        return None


def protocol_sources(profile: Profile | None = None) -> list[Path]:
    """The protocol folders in order of precedence: user data folder, profile folder, bundled."""
    sources = [user_protocols_dir()]
    folder = profile.protocol_folder_path() if profile is not None else None
    if folder is not None:
        sources.append(folder)
    sources.append(decision_trees_dir() / "protocols")
    unique: list[Path] = []
    for folder in sources:  # a profile may name the bundled or the user's folder itself
        if not any(_same(folder, seen) for seen in unique):
            unique.append(folder)
    return unique


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def source_files(sources: list[Path]) -> list[Path]:
    """Every protocol file of every source, highest precedence first (a missing folder has none)."""
    files: list[Path] = []
    for folder in sources:
        try:
            files.extend(sorted(p for p in folder.glob("*.yaml") if p.is_file()))
        except OSError:
            continue
    return files


def _missing_folder(profile: Profile | None) -> list[Problem]:
    folder = profile.protocol_folder_path() if profile is not None else None
    try:
        if folder is None or kind_of(folder) == "dir":
            return []
    except DataError as exc:
        return [exc.problems[0]]
    return [Problem(folder, None, "de map met protocollen uit het schoolprofiel is niet gevonden; "
                    "controleer 'protocol_folder' met 'smassist profile show' (is de gedeelde schijf verbonden?)")]


def load_user_catalog(*, render_documents: bool = False, profile: Profile | None = None,
                      only: set[str] | None = None) -> Catalog:
    """The bundled trees plus the union of the protocols of every source.

    Unchanged files come from the catalogue cache (smassist.core.catalog_cache):
    an added or changed protocol is read at the next start, and the result is
    always what a load without the cache would give.

    Without a profile the user's saved profile is read (a broken one counts as none).
    With only, protocols known (from the cache) to have another id are left out.
    """
    from smassist.core.catalog import load_catalog

    if profile is None:
        profile = _user_profile()
    sources = protocol_sources(profile)
    cache = CatalogCache(user_cache_dir() / CACHE_FILE)
    catalog = load_catalog(decision_trees_dir(), templates_dir(), protocols=source_files(sources),
                           render_documents=render_documents, layered=True, cache=cache, only=only)
    cache.forget_missing()
    cache.save()
    catalog.problems[:0] = _missing_folder(profile)
    return catalog
