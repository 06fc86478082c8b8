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


def load_document_draft(document: str) -> dict[str, str]:
    """The values typed earlier for this document ({} when none, or when the file cannot be used)."""
    try:
        data = json.loads(draft_file(document).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def clear_document_draft(document: str) -> None:
    try:
        draft_file(document).unlink()
    except FileNotFoundError:
        pass
