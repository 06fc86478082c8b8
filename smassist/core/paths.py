"""Where smassist finds its bundled data and keeps the user's files: decided here only."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
APP_NAME = "smassist"


def bundled_root() -> Path:
    """The folder holding decision_trees/ and templates/.

    An installed wheel carries them inside the package (smassist/_data); a
    checkout or editable install has them beside the package.
    """
    inside = _PACKAGE / "_data"
    if (inside / "decision_trees").is_dir():
        return inside
    return _PACKAGE.parent


def decision_trees_dir() -> Path:
    return bundled_root() / "decision_trees"


def templates_dir() -> Path:
    return bundled_root() / "templates"
