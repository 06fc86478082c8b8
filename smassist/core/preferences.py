"""What the app remembers between sessions: the user's role, protocol and theme.

Not personal data, but kept private like the school profile (the folder is the
user's only). Stored as JSON in the user's config folder; written whole and
atomically, read strictly: a broken or unknown file raises DataError naming the
file; the app then moves it aside, says so once and starts with nothing remembered.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from smassist.core.paths import private_dir, user_config_dir
from smassist.core.problems import DataError, Problem
from smassist.core.private_files import write_private
from smassist.core.set_aside import move_aside
from smassist.core.user_files import kind_of, load_json

MAX_BYTES = 64 * 1024  # three short choices

PREFERENCES_FILE = "preferences.json"


@dataclass
class Preferences:
    role: str = ""  # "staff", "pupil" or "parent"
    protocol: str = ""  # a protocol id
    theme: str = ""  # a Textual theme name


FIELD_NAMES = tuple(f.name for f in fields(Preferences))


def preferences_path() -> Path:
    return user_config_dir() / PREFERENCES_FILE


def load_preferences(path: Path | None = None) -> Preferences:
    """The remembered choices, or none; a broken file raises DataError."""
    path = path or preferences_path()
    if kind_of(path) == "missing":
        return Preferences()
    data = load_json(path, limit=MAX_BYTES)
    if not isinstance(data, dict):
        raise DataError([Problem(path, 1, "de voorkeuren moeten een JSON-object zijn")])
    problems = [Problem(path, None, f"onbekende sleutel '{key}'; toegestaan zijn: {', '.join(FIELD_NAMES)}")
                for key in data if key not in FIELD_NAMES]
    problems += [Problem(path, None, f"'{key}' moet een tekst zijn")
                 for key in FIELD_NAMES if key in data and not isinstance(data[key], str)]
    if problems:
        raise DataError(problems)
    return Preferences(**{key: data[key] for key in FIELD_NAMES if key in data})


def read_preferences(notices: list[str]) -> Preferences:
    """The remembered choices for the app, which must start whatever the file holds.

    A damaged file is moved aside (kept, see `set_aside`) and one Dutch notice
    is added to `notices`; the next start finds no file and says nothing.
    """
    path = preferences_path()
    try:
        return load_preferences(path)
    except DataError as exc:
        problem = exc.problems[0]
    try:
        target = move_aside(path, "beschadigd")
    except FileNotFoundError:
        return Preferences()  # another window moved it first and told the user
    if target is None:
        notices.append(f"Je eerdere keuzes zijn niet gelezen: {problem}. Het bestand kan niet apart worden gezet; "
                       f"verplaats {path.name} zelf uit {path.parent}")
    else:
        notices.append(f"Je eerdere keuzes zijn niet gelezen: {problem}. Het bestand is ongewijzigd bewaard als "
                       f"{target.name}; je kiest ze opnieuw")
    return Preferences()


def save_preferences(preferences: Preferences, path: Path | None = None) -> Path:
    path = path or preferences_path()
    private_dir(path.parent)
    text = json.dumps({k: v for k, v in asdict(preferences).items() if v}, ensure_ascii=False, indent=2) + "\n"
    return write_private(path, text)
