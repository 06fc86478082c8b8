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


def is_bundled(path: Path) -> bool:
    """A protocol file that comes with smassist (never the user's to change or replace)."""
    try:
        return path.resolve().parent == (decision_trees_dir() / "protocols").resolve()
    except OSError:
        return False


def _home_override() -> Path | None:
    """SMASSIST_HOME puts all user files in one folder (tests, portable use on a USB stick)."""
    import os

    value = os.environ.get("SMASSIST_HOME")
    return Path(value) if value else None


def user_config_dir() -> Path:
    """The school profile and preferences live here."""
    home = _home_override()
    if home:
        return home / "config"
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def user_data_dir() -> Path:
    """Incident drafts live here, readable by the user only."""
    home = _home_override()
    if home:
        return home / "data"
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_protocols_dir() -> Path:
    """Protocols the user imported or added; they take precedence over every other source."""
    return user_data_dir() / "protocols"


def user_cache_dir() -> Path:
    """Things smassist can always rebuild (the loaded catalogue); never personal data."""
    home = _home_override()
    if home:
        return home / "cache"
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def user_documents_dir() -> Path:
    """The default folder for saved documents."""
    home = _home_override()
    if home:
        return home / "documents"
    import platformdirs

    return platformdirs.user_documents_path()


def make_dirs(path: Path) -> Path:
    """Create a folder and its missing parents, each 0700 whatever the umask; existing ones are left as they are.

    mkdir(parents=True) would give new parents (~/.local, ~/.config) the
    umask's mode, 0777 under umask 000.
    """
    missing = []
    folder = path
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by another process at the same moment: not ours to change
        folder.chmod(0o700)  # mkdir's mode is filtered by the umask
    return path


def private_dir(path: Path) -> Path:
    """Create a folder only the user can enter (AVG: personal data stays private)."""
    make_dirs(path)
    path.chmod(0o700)
    return path
