"""Read YAML safely while keeping the line of every key and list item.

Error messages must name the line, and PyYAML's plain dicts forget it. Mapping
keys are always read as text: an article id like 5.10 must never become the
number 5.1, and an option id like `ja` must never become a boolean.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from smassist.core.problems import DataError, Problem


class LocatedDict(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A list that remembers its own line and the line of each item."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


# libyaml's parser when PyYAML was built with it (several times faster); the
# constructors below stay ours, so behaviour is the same either way.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = key_node.value
        else:
            key = str(loader.construct_object(key_node, deep=True))
        if key in result:
            raise _DuplicateKey(
                problem=f"de sleutel '{key}' staat hier een tweede keer (eerst op regel "
                f"{result.key_lines[key]}); elke sleutel mag maar één keer voorkomen: "
                "voeg de twee samen of geef deze een andere naam",
                problem_mark=key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList()
    result.line = node.start_mark.line + 1
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; raise DataError naming file and line on any failure."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(path, None, "bestand niet gevonden")]) from None
    except UnicodeDecodeError as exc:
        raise DataError(
            [Problem(path, None, f"geen geldige UTF-8-tekst (byte {exc.start}); sla het bestand op als UTF-8")]
        ) from None
    except OSError as exc:
        raise DataError([Problem(path, None, f"kan het bestand niet lezen: {exc.strerror}")]) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is built on SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "ongeldige YAML"
        if exc.context and not isinstance(exc, _DuplicateKey):
            what = f"{exc.context}: {what}"
        hint = "" if isinstance(exc, _DuplicateKey) else _hint(what)
        raise DataError([Problem(path, line, f"YAML-fout: {what}{hint}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, None, f"YAML-fout: {exc}")]) from None


def _hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return " (staat er een dubbele punt in een tekst? Zet de tekst tussen aanhalingstekens of gebruik |-)"
    if "found character '\\t'" in what or "tab" in what:
        return " (gebruik spaties voor inspringen, geen tabs)"
    if "expected <block end>, but found '<scalar>'" in what:
        return " (begint een tekst met een aanhalingsteken maar gaat hij daarna verder? Zet de hele tekst tussen dubbele aanhalingstekens)"
    if "could not find expected ':'" in what or "expected <block end>" in what:
        return " (controleer het inspringen van deze en de vorige regel)"
    return ""
