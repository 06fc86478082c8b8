"""The walk in progress, kept on disk so a crash never eats an incident draft.

A staff member walking the incident tree first types the facts into a form;
until the incident is created from the answer those facts live only in the
app's memory. This module keeps that walk, and the values still being typed
into the form (`pending`: node id → field id → text), in one small JSON file in
the user's data folder: `onderweg.json`, mode 0600 in a 0700 folder, replaced
whole through a temporary file and fsync (`private_files.write_private`), so a
killed app leaves the previous version or the new one, never half a file.

Only walks that can reach a form (an input node for the walk's role) are
drafted: a walk that only answers questions holds no personal data and is
quickly walked again. There is one draft at a time.

Reading is strict. A file that is not a draft of this version, cannot be
parsed, or names a tree, protocol, question or field that no longer exists is
never used and never deleted: it is renamed beside itself with a reason and a
UTC timestamp (`onderweg.beschadigd-20260301T120000Z.json`), like the incident
register does with a bad database, and a Dutch notice says where it is.

No UI imports; nothing here logs, and no message carries a typed value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from smassist.core.paths import private_dir, user_data_dir
from smassist.core.private_files import write_private
from smassist.core.problems import DataError
from smassist.core.set_aside import move_aside
from smassist.core.user_files import kind_of, load_json
from smassist.core.walk import Walk, WalkError

DRAFT_FILE = "onderweg.json"
FORMAT = "smassist-onderweg"
FORMAT_VERSION = 1
MAX_DRAFT_BYTES = 4 * 1024 * 1024  # a walk and one form; megabytes of typing are not a draft we wrote

Pending = dict[str, dict[str, str]]

DAMAGED, FOREIGN, OUTDATED = "beschadigd", "onbekend", "ongeldig"
_REASONS = {
    DAMAGED: "het bestand is beschadigd",
    FOREIGN: "het bestand is niet van deze versie van smassist",
    OUTDATED: "het verwijst naar een onderwerp, protocol of vraag die er niet meer is",
}


class _Unusable(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Draft:
    """A loaded draft; unpacks as (walk, pending)."""

    walk: Walk
    pending: Pending
    saved_at: datetime  # UTC

    def __iter__(self) -> Iterator:
        yield self.walk
        yield self.pending


def draft_path() -> Path:
    return user_data_dir() / DRAFT_FILE


def drafts(walk: Walk) -> bool:
    """True when this walk can reach a form (an input node) for its role: only such walks are kept."""
    tree, role = walk.tree, walk.role
    seen: set[str] = set()
    todo = [tree.start[role]] if role in tree.start else []
    while todo:
        node_id = todo.pop()
        if node_id in seen or node_id not in tree.nodes:
            continue
        seen.add(node_id)
        node = tree.nodes[node_id]
        if node.kind == "input":
            return True
        todo += [o.next for o in node.options_for(role) if o.next]
    return False


def _has_content(walk: Walk, pending: Pending) -> bool:
    return bool(walk.answers or walk.inputs
                or any(str(v).strip() for values in pending.values() for v in values.values()))


def save_draft(walk: Walk, pending: Pending | None = None, *, now: datetime | None = None) -> Path | None:
    """Keep the walk and the form's values being typed; raises OSError.

    Returns the file, or None when nothing was written: the walk is not drafted
    (see `drafts`), or it holds nothing yet (then an earlier draft is removed,
    as the user has restarted).
    """
    if not drafts(walk):
        return None
    pending = {str(node): {str(f): str(v) for f, v in values.items()} for node, values in (pending or {}).items()}
    if not _has_content(walk, pending):
        clear_draft()
        return None
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "saved_at": moment.isoformat(),
        "walk": walk.to_dict(),
        "pending": pending,
    }
    folder = private_dir(user_data_dir())
    return write_private(folder / DRAFT_FILE, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def load_draft(catalog, notices: list[str] | None = None, *, now: datetime | None = None) -> Draft | None:
    """The draft, or None when there is none or it cannot be used.

    An unusable file, also one that cannot be read or is no regular file, is
    moved aside (see the module text) and a Dutch notice is appended to `notices`.
    """
    path = draft_path()
    try:
        if kind_of(path) == "missing":
            return None
        return _parse(path, catalog)
    except DataError:
        _move_aside(path, DAMAGED, notices, now)
        return None
    except _Unusable as problem:
        _move_aside(path, problem.kind, notices, now)
        return None


def clear_draft() -> bool:
    """Remove the draft; True when there was one. Raises OSError when it cannot be removed."""
    try:
        draft_path().unlink()
    except FileNotFoundError:
        return False
    return True


# -- reading --------------------------------------------------------------------------------


def _parse(path: Path, catalog) -> Draft:
    data = load_json(path, limit=MAX_DRAFT_BYTES)  # DataError: damaged, unreadable or not a file
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Unusable(FOREIGN if isinstance(data, dict) else DAMAGED)
    if data.get("version") != FORMAT_VERSION:
        raise _Unusable(FOREIGN)
    walk_data, pending, stamp = data.get("walk"), data.get("pending"), data.get("saved_at")
    if not isinstance(walk_data, dict) or not isinstance(pending, dict) or not isinstance(stamp, str):
        raise _Unusable(DAMAGED)
    try:
        saved_at = datetime.fromisoformat(stamp)
    except ValueError:
        raise _Unusable(DAMAGED) from None
    if saved_at.tzinfo is None:
        raise _Unusable(DAMAGED)
    for values in pending.values():
        if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
            raise _Unusable(DAMAGED)
    try:
        walk = Walk.from_dict(walk_data, catalog.trees, catalog.protocols)
    except WalkError:
        raise _Unusable(OUTDATED) from None
    if not drafts(walk):
        raise _Unusable(OUTDATED)
    for node_id, values in pending.items():
        node = walk.tree.nodes.get(node_id)
        if node is None or node.kind != "input" or not set(values) <= {f.id for f in node.fields}:
            raise _Unusable(OUTDATED)
    return Draft(walk, {k: dict(v) for k, v in pending.items()}, saved_at.astimezone(timezone.utc))


def _note(notices: list[str] | None, text: str) -> None:
    if notices is not None:
        notices.append(text)


def _move_aside(path: Path, kind: str, notices: list[str] | None, now: datetime | None) -> None:
    try:
        target = move_aside(path, kind, now)
    except FileNotFoundError:
        return  # another window moved it first
    if target is not None:
        _note(notices, f"je onderbroken melding kon niet worden hersteld: {_REASONS[kind]}. Het bestand is "
                       f"ongewijzigd bewaard als {target.name} in {target.parent}")
        return
    _note(notices, f"je onderbroken melding kon niet worden hersteld: {_REASONS[kind]}, en het bestand kan niet "
                   f"apart worden gezet; verplaats {path.name} zelf uit {path.parent}")
