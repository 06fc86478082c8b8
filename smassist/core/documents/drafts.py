"""What was typed into a document's form, kept per document until the document is saved.

Leaving the document screen (Escape, another window, a crash) never loses what
was typed: every change is written to `concepten/<document>.json` in the
user's data folder (0600 in a 0700 folder, replaced whole through
`write_private`), and the form offers it again the next time. Saving the
document removes it (the values are in the document then), so personal data
does not linger. The values are keyed as the form keys its widgets
(`data-<field>`, `profile-<key>`); nothing here logs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from smassist.core.paths import private_dir, user_data_dir
from smassist.core.private_files import write_private
from smassist.core.problems import DataError, Problem
from smassist.core.set_aside import move_aside
from smassist.core.user_files import kind_of, load_json

FOLDER = "concepten"
_SAFE = re.compile(r"^[a-z0-9_-]+$")


def draft_file(document: str) -> Path:
    if not _SAFE.match(document):
        raise ValueError(f"geen geldige documentnaam: {document!r}")
    return user_data_dir() / FOLDER / f"{document}.json"


def save_document_draft(document: str, values: dict[str, str]) -> Path | None:
    """Keep the typed values (raises OSError); an all-empty form removes the draft instead."""
    kept = {str(k): str(v) for k, v in values.items() if str(v).strip()}
    if not kept:
        clear_document_draft(document)
        return None
    private_dir(user_data_dir())
    folder = private_dir(user_data_dir() / FOLDER)
    return write_private(folder / f"{draft_file(document).name}", json.dumps(kept, ensure_ascii=False))


def load_document_draft(document: str, notices: list[str] | None = None) -> dict[str, str]:
    """The values typed earlier for this document ({} when none).

    A file that cannot be used (damaged, not a regular file, too deep) is moved
    aside with a dated name, never overwritten by the next save, and one Dutch
    notice is added to `notices`.
    """
    path = draft_file(document)
    try:
        if kind_of(path) == "missing":
            return {}
        data = load_json(path, limit=1024 * 1024)
        if not isinstance(data, dict):
            raise DataError([Problem(path, 1, "geen JSON-object")])
    except DataError:
        try:
            target = move_aside(path, "beschadigd")
        except FileNotFoundError:
            return {}
        if notices is not None:
            notices.append(f"Wat je eerder voor dit document typte, kon niet worden gelezen; het bestand is bewaard als "
                           f"{target.name} in {target.parent}" if target else
                           f"Wat je eerder voor dit document typte, kon niet worden gelezen; verplaats {path} zelf")
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def clear_document_draft(document: str) -> None:
    try:
        draft_file(document).unlink()
    except FileNotFoundError:
        pass
