"""Small strict readers for mappings: unknown keys, missing keys and wrong types become problems."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from smassist.core.problems import Problem
from smassist.core.yaml_source import LocatedDict, LocatedList

_TYPE_NAMES = {str: "een tekst", bool: "true of false", list: "een lijst", dict: "een mapping (sleutel: waarde)"}


class Reader:
    """Collects the problems of one file while its parts are read."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def mapping(self, value: Any, line: int, what: str) -> LocatedDict | None:
        if isinstance(value, LocatedDict):
            return value
        self.problem(line, f"{what} moet {_TYPE_NAMES[dict]} zijn, niet {_describe(value)}")
        return None

    def keys(self, data: LocatedDict, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> bool:
        """Report unknown and missing keys; True when all required keys are there."""
        known = required + optional
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                fix = f"bedoel je '{close[0]}'?" if close else f"toegestaan zijn: {', '.join(known)}"
                self.problem(data.line_of(key), f"onbekende sleutel '{key}' in {what}; {fix}")
        missing = [key for key in required if key not in data]
        for key in missing:
            self.problem(data.line, f"{what} mist de verplichte sleutel '{key}'; voeg '{key}:' toe")
        return not missing

    def get(self, data: LocatedDict, key: str, kind: type, what: str, default: Any = None) -> Any:
        """Read one value of the expected type, or report it and return the default."""
        if key not in data or data[key] is None:
            return default
        value = data[key]
        if kind is list and isinstance(value, LocatedList):
            return value
        if kind is dict and isinstance(value, LocatedDict):
            return value
        if kind is bool and isinstance(value, bool):
            return value
        if kind is str and isinstance(value, str):
            if not value.strip():
                self.problem(data.line_of(key), f"'{key}' in {what} is leeg; vul een tekst in")
                return default
            return value
        fix = ""
        if kind is str and isinstance(value, (int, float, bool)):
            fix = f"; zet de waarde tussen aanhalingstekens, bijvoorbeeld {key}: \"{value}\""
        self.problem(data.line_of(key), f"'{key}' in {what} moet {_TYPE_NAMES[kind]} zijn, niet {_describe(value)}{fix}")
        return default

    def text_list(self, data: LocatedDict, key: str, what: str) -> tuple[str, ...]:
        items = self.get(data, key, list, what, default=LocatedList())
        result = []
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                result.append(item)
            else:
                self.problem(items.line_of(index), f"elk item van '{key}' in {what} moet een tekst zijn")
        return tuple(result)


def _describe(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return f"de waarde {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een mapping"
    return f"'{value}'"
