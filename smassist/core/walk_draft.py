"""The walk in progress, kept on disk so a crash never eats an incident draft.

A staff member walking the incident tree first types the facts into a form;
until the incident is created from the answer those facts live only in the
app's memory. This module keeps that walk, and the values still being typed
into the form (`pending`: node id → field id → text), in one small JSON file in
the user's data folder: `onderweg.json`, mode 0600 in a 0700 folder, replaced
whole through a temporary file and fsync (`private_files.write_private`), so a
killed app leaves the previous version or the new one, never half a file.
The app writes through `DraftWriter`, on a thread of its own, so a key typed
into the form never waits for that fsync; only the newest queued draft is
written, and removing a draft waits for a write in progress.

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

import atexit
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from smassist.core.paths import private_dir, user_data_dir
from smassist.core.private_files import write_private
from smassist.core.problems import DataError
from smassist.core.set_aside import move_aside
from smassist.core.user_files import kind_of, load_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from smassist.core.walk import Walk

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


def draft_text(walk: Walk, pending: Pending | None = None, *, now: datetime | None = None) -> str | None:
    """The file's text for this walk; None when the walk is not drafted, "" when it holds nothing yet."""
    if not drafts(walk):
        return None
    pending = {str(node): {str(f): str(v) for f, v in values.items()} for node, values in (pending or {}).items()}
    if not _has_content(walk, pending):
        return ""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "saved_at": moment.isoformat(),
        "walk": walk.to_dict(),
        "pending": pending,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _write(text: str) -> Path:
    folder = private_dir(user_data_dir())
    return write_private(folder / DRAFT_FILE, text)


def save_draft(walk: Walk, pending: Pending | None = None, *, now: datetime | None = None) -> Path | None:
    """Keep the walk and the form's values being typed, now; raises OSError.

    Returns the file, or None when nothing was written: the walk is not drafted
    (see `drafts`), or it holds nothing yet (then an earlier draft is removed,
    as the user has restarted).
    """
    text = draft_text(walk, pending, now=now)
    if not text:
        if text == "":
            clear_draft()
        return None
    return _write(text)


class DraftWriter:
    """Saves drafts on a background thread, so a key typed into a form never waits for the disk.

    Each draft holds the whole walk, so only the newest unsaved one is written.
    Every write is whole or not at all (temporary file, fsync, rename): a killed
    app leaves the last draft that was written completely. `clear()` and
    `flush()` wait for a write in progress, so a draft written later can never
    bring back one that was removed. `on_error(exc)` is called on the writer's
    thread when a write fails after one that did not (once, not on every key).
    """

    def __init__(self, on_error: Callable[[OSError], None] | None = None):
        self.on_error = on_error
        self._cond = threading.Condition()
        self._next: str | None = None
        self._busy = False
        self._failing = False
        self._thread: threading.Thread | None = None

    def save(self, walk: Walk, pending: Pending | None = None, *, now: datetime | None = None) -> bool:
        """Queue the draft (the text is made here, from the walk as it is now); False when none is kept."""
        text = draft_text(walk, pending, now=now)
        if not text:
            if text == "":
                self.clear()
            return False
        with self._cond:
            self._next = text
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="smassist-draft", daemon=True)
                self._thread.start()
                atexit.register(self.flush, 10.0)
            self._cond.notify_all()
        return True

    def clear(self) -> bool:
        """Drop a queued draft, wait for a write in progress, remove the file; raises OSError."""
        with self._cond:
            self._next = None
            self._cond.wait_for(lambda: not self._busy)
            return clear_draft()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued draft is on disk; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._next is None and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._next is not None)
                text, self._next, self._busy = self._next, None, True
            error = None
            try:
                _write(text)
            except OSError as exc:
                error = exc
            with self._cond:
                self._busy = False
                report = error is not None and not self._failing
                self._failing = error is not None
                self._cond.notify_all()
            if report and self.on_error is not None:
                self.on_error(error)


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
    from smassist.core.walk import Walk, WalkError  # only when there is a draft: a start without one needs no walk

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
