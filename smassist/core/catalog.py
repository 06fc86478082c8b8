"""Load every tree and protocol from a folder and check that they fit together."""

from __future__ import annotations

from pathlib import Path

from smassist.core.models import Protocol, Tree
from smassist.core.problems import DataError, Problem
from smassist.core.record import Factory, Record

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on every command
if TYPE_CHECKING:
    from smassist.core.catalog_cache import CatalogCache


class Catalog(Record):
    """All usable trees and protocols, plus every problem found while loading them."""

    root: Path
    trees: dict[str, Tree] = Factory(dict)
    protocols: dict[str, Protocol] = Factory(dict)
    problems: list[Problem] = Factory(list)
    # files left unused because they carry the id of a bundled protocol (also in problems)
    shadowed: list[Problem] = Factory(list)

    def tree(self, tree_id: str) -> Tree:
        try:
            return self.trees[tree_id]
        except KeyError:
            raise LookupError(f"onbekende beslisboom '{tree_id}'; kies uit: {', '.join(sorted(self.trees)) or '(geen)'}") from None

    def protocol(self, protocol_id: str) -> Protocol:
        try:
            return self.protocols[protocol_id]
        except KeyError:
            raise LookupError(f"onbekend protocol '{protocol_id}'; kies uit: {', '.join(sorted(self.protocols)) or '(geen)'}") from None

    def problems_in(self, *paths: Path) -> list[Problem]:
        return [p for p in self.problems if p.file in paths]

    def trees_for(self, role: str) -> list[Tree]:
        return [t for t in self.trees.values() if role in t.roles]


def protocol_files(root: Path) -> list[Path]:
    return sorted((root / "protocols").glob("*.yaml"))


def tree_files(root: Path) -> list[Path]:
    return sorted(root.glob("*.yaml"))


def load_catalog(root: Path, templates: Path | None = None, protocols: list[Path] | None = None,
                 *, render_documents: bool = False, layered: bool = False,
                 cache: CatalogCache | None = None, only: set[str] | None = None) -> Catalog:
    """Read the trees in root and the protocols in root/protocols (or the given protocol files).

    Broken files are left out and their problems kept, so the rest stays usable.
    With templates, every document a ruling offers must have a template; with
    render_documents (what `smassist validate` asks) each is also rendered with
    sample data, which is too slow to do at every start of the app.
    With layered, the protocol files come from several folders in order of
    precedence: an id already read from an earlier folder overrides a later
    file with that id (see smassist.core.catalog_sources). A broken file does
    not override, so the protocol beneath it stays usable.
    With a cache, a file whose contents are unchanged is not read again and a
    protocol's checks are reused while nothing they depend on changed; the
    result is the same as without. With only (and a cache), a protocol file the
    cache knows to hold another protocol is not read: a command about one
    protocol unpickles just that one (the others are then missing from the catalogue).
    """
    read = cache.read if cache is not None else read_file
    catalog = Catalog(root=root)
    if not root.is_dir():
        catalog.problems.append(Problem(root, None, "map niet gevonden; geef de map met de beslisbomen (en protocols/) op"))
        return catalog
    for path in tree_files(root):
        tree, problems, usable = read(path, "tree")
        catalog.problems.extend(problems)
        if tree is None:
            continue
        if tree.id in catalog.trees:
            catalog.problems.append(Problem(path, tree.line, f"de beslisboom-id '{tree.id}' wordt al gebruikt in {catalog.trees[tree.id].path.name}"))
        elif usable:
            catalog.trees[tree.id] = tree
    unread: dict[str, Path] = {}  # id -> folder of a protocol left unread (only): it still overrides lower ones

    def overridden(protocol_id: str, path: Path) -> bool:
        folder = unread.get(protocol_id)
        return _overridden(catalog, protocol_id, path) or (folder is not None and folder != path.parent)

    files = protocol_files(root) if protocols is None else protocols
    # a protocol that comes with smassist is never replaced by a file of the same id elsewhere (a stale
    # import from before 'import' refused bundled ids, a copy on the shared drive): it is reported instead
    bundled = root / "protocols"
    bundled_ids = {p.stem for p in files if p.parent == bundled} if layered else set()
    shadowing: list[tuple[Path, str]] = []
    for path in files:
        if path.stem in bundled_ids and path.parent != bundled:
            shadowing.append((path, path.stem))
            continue
        if layered and overridden(path.stem, path):
            continue
        known = cache.known_id(path, "protocol") if only is not None and cache is not None else None
        if known is not None and known not in only:
            unread.setdefault(known, path.parent)
            continue
        protocol, problems, _ = read(path, "protocol")
        catalog.problems.extend(problems)
        if protocol is None:
            continue
        if protocol.id in bundled_ids and path.parent != bundled:
            shadowing.append((path, protocol.id))
            continue
        if layered and overridden(protocol.id, path):
            continue
        if protocol.id in catalog.protocols:
            catalog.problems.append(Problem(path, 1, f"de protocol-id '{protocol.id}' wordt al gebruikt in {catalog.protocols[protocol.id].path.name}"))
            continue
        catalog.protocols[protocol.id] = protocol
    catalog.shadowed = [_shadowing(path, protocol_id, catalog.protocols.get(protocol_id)) for path, protocol_id in shadowing]
    catalog.problems.extend(catalog.shadowed)
    if only is not None and cache is not None:
        catalog.protocols = {k: v for k, v in catalog.protocols.items() if k in only}
    if not catalog.trees and not any(p.file.parent == root for p in catalog.problems):
        catalog.problems.append(Problem(root, None, "geen beslisbomen (*.yaml) gevonden in deze map"))
    if not catalog.protocols and not unread and not any(p.file.parent.name == "protocols" for p in catalog.problems):
        catalog.problems.append(Problem(root / "protocols", None, "geen protocollen (*.yaml) gevonden; zet ze in de map protocols/"))

    from smassist.core.ruling_checks import check_rulings  # noqa: PLC0415 - avoids an import cycle

    memo = cache.checked(catalog, templates, render_documents) if cache is not None else None
    catalog.problems.extend(check_rulings(catalog, templates, render_documents, memo))
    return catalog


def _shadowing(path: Path, protocol_id: str, bundled: Protocol | None) -> Problem:
    whose = f" van {bundled.organisation}" if bundled is not None else ""
    return Problem(path, None, f"dit bestand heeft de id '{protocol_id}' van het meegeleverde protocol{whose} en wordt niet "
                               "gebruikt (het meegeleverde geldt); is het het protocol van je school, geef het dan een eigen id: "
                               "hernoem het bestand, bijvoorbeeld naar onzeschool.yaml, en zet daarin 'id: onzeschool'; anders kun je het weggooien")


def _overridden(catalog: Catalog, protocol_id: str, path: Path) -> bool:
    higher = catalog.protocols.get(protocol_id)
    return higher is not None and higher.path.parent != path.parent


def read_file(path: Path, kind: str) -> tuple[Tree | Protocol | None, list[Problem], bool]:
    """One tree ("tree") or protocol file with its own problems; usable is False when it must be left out."""
    if kind == "tree":
        from smassist.core.tree_checks import check_tree
        from smassist.core.tree_file import read_tree

        tree, problems = _guarded(read_tree, path)
        structural = check_tree(tree) if tree is not None else []
        return tree, problems + structural, tree is not None and not structural
    from smassist.core.protocol_file import read_protocol

    protocol, problems = _guarded(read_protocol, path)
    return protocol, problems, protocol is not None


def _guarded(read, path: Path):
    try:
        return read(path)
    except DataError as exc:
        return None, exc.problems
