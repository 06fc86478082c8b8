"""The school profile: school name, board, chosen protocol, the user's function and contacts.

Documents draw on it and a model protocol's "[naam school]" shows the school's
name. Bundled protocols work without one. Stored as YAML in the user's config
folder, readable by the user only, with a parsed copy beside it (profile_copy.py)
so an unchanged profile is read without importing YAML.
"""

from __future__ import annotations

from pathlib import Path

from smassist.core.paths import private_dir, user_config_dir
from smassist.core.problems import DataError
from smassist.core.profile_copy import drop_copy, read_copy, write_copy
from smassist.core.user_files import kind_of, read_bytes
from smassist.core.private_files import write_private
from smassist.core.record import Record

PROFILE_FILE = "profile.yaml"
MAX_BYTES = 1024 * 1024  # eight short values and comments

# Dutch labels for every field, in the order a form shows them.
LABELS: dict[str, str] = {
    "school_name": "Naam van de school",
    "board": "Bestuur (stichting)",
    "protocol": "Protocol van de school",
    "function": "Jouw functie",
    "school_leader": "Schoolleider",
    "privacy_officer": "Functionaris Gegevensbescherming (FG)",
    "communication_officer": "Communicatiemedewerker",
    "confidential_adviser": "Vertrouwenspersoon",
    "protocol_folder": "Map met protocollen van de school (bijv. de gedeelde schijf)",
}


class Profile(Record):
    """The school's own names and contacts that documents and answers fill in."""

    school_name: str = ""
    board: str = ""
    protocol: str = ""
    function: str = ""
    school_leader: str = ""
    privacy_officer: str = ""
    communication_officer: str = ""
    confidential_adviser: str = ""
    # A folder with the school's own protocol files (e.g. a shared drive); read
    # after the user's own protocols and before the bundled ones. Absolute, "~" allowed.
    protocol_folder: str = ""

    def values(self) -> dict[str, str]:
        """Every filled-in value, for templates and placeholders."""
        return {k: v for k in self._fields if (v := getattr(self, k))}

    def protocol_folder_path(self) -> Path | None:
        return Path(self.protocol_folder).expanduser() if self.protocol_folder.strip() else None

    def missing(self, needed: list[str]) -> list[str]:
        return [key for key in needed if not getattr(self, key, "")]


FIELD_NAMES = Profile._fields


def profile_path() -> Path:
    return user_config_dir() / PROFILE_FILE


def load_profile(path: Path | None = None) -> Profile:
    """The saved profile, or an empty one; a broken file raises DataError naming the line.

    Unchanged since it was last parsed, it comes from its copy (smassist.core.profile_copy)
    without importing YAML.
    """
    path = path or profile_path()
    if kind_of(path) == "missing":
        drop_copy(path)
        return Profile()
    raw = read_bytes(path, limit=MAX_BYTES)
    values = read_copy(path, raw, FIELD_NAMES)
    if values is None or not _absolute_folder(values):  # the folder check depends on $HOME too
        try:
            values = _parse(path, raw)
        except DataError:
            drop_copy(path)
            raise
        write_copy(path, raw, values)
    return Profile(**values)


def _absolute_folder(values: dict[str, str]) -> bool:
    folder = values.get("protocol_folder", "").strip()
    return not folder or Path(folder).expanduser().is_absolute()


def _parse(path: Path, raw: bytes) -> dict[str, str]:
    """The profile's values from its YAML; DataError naming the line of every problem."""
    from smassist.core.schema import Reader
    from smassist.core.yaml_source import load_yaml

    data = load_yaml(path, limit=MAX_BYTES, raw=raw)
    if data is None:
        return {}
    reader = Reader(path)
    data = reader.mapping(data, 1, "het schoolprofiel")
    if data is None:
        raise DataError(reader.problems)
    reader.keys(data, "het schoolprofiel", (), FIELD_NAMES)
    values = {key: reader.get(data, key, str, "het schoolprofiel", default="") for key in FIELD_NAMES if key in data}
    if not _absolute_folder(values):
        reader.problem(data.line_of("protocol_folder"), f"protocol_folder '{values['protocol_folder'].strip()}' is geen "
                       "volledig pad; geef de hele map op, bijvoorbeeld /Volumes/Schijf/protocollen of ~/protocollen")
    if reader.problems:
        raise DataError(reader.problems)
    return values


def save_profile(profile: Profile, path: Path | None = None) -> Path:
    path = path or profile_path()
    import yaml

    private_dir(path.parent)
    text = "# smassist schoolprofiel\n" + yaml.safe_dump(profile.values(), allow_unicode=True, sort_keys=False)
    written = write_private(path, text)
    raw = text.encode("utf-8")
    try:  # the copy from what was written, read back as any start reads it: the next start needs no YAML
        write_copy(path, raw, _parse(path, raw))
    except DataError:
        drop_copy(path)
    return written


def set_value(profile: Profile, key: str, value: str) -> Profile:
    if key not in FIELD_NAMES:
        raise KeyError(key)
    value = value.strip()
    if key == "protocol_folder" and value:
        # typed on the command line or in a form: a folder relative to where you are is meant
        value = str(Path(value).expanduser().absolute())
    setattr(profile, key, value)
    return profile


def keep_values(values: dict[str, str]) -> Path:
    """Add values typed where a document asked for them to the saved profile (OSError, DataError on failure)."""
    profile = load_profile()
    for key, value in values.items():
        set_value(profile, key, value)
    return save_profile(profile)
