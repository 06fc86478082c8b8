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
from smassist.core.user_files import MAX_BYTES, MAX_DEPTH, decode_text, read_text


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


class _Refused(yaml.MarkedYAMLError):
    """A construct we do not accept; its problem text is the whole message."""


MAX_EXPANDED = 200_000  # nodes after aliases are expanded; the largest bundled file has ~6,000


_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# libyaml's parser and composer when PyYAML was built with it (several times
# faster); the constructors below stay ours, so behaviour is the same either way.
class _Loader(_BASE):
    allow_aliases = False

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            self._check_shape(node)
        return node

    def _check_shape(self, root: yaml.Node) -> None:
        """Refuse shared nodes (aliases) where not allowed, too deep nesting and too large an expansion.

        Runs over the composed graph before anything is constructed: an alias
        is the same node object reached twice, so sizes and heights are
        computed once per node (post-order, no recursion) and a "billion
        laughs" file costs as little to refuse as it costs to read.
        """
        done: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded size, height)
        busy: set[int] = set()
        todo: list[tuple[yaml.Node, bool]] = [(root, False)]
        while todo:
            node, children_done = todo.pop()
            key = id(node)
            kids = _children(node)
            if children_done:
                busy.discard(key)
                size = 1 + sum(done[id(k)][0] for k in kids)
                height = 1 + max((done[id(k)][1] for k in kids), default=0)
                if height > MAX_DEPTH:
                    raise _Refused(problem=f"te diep genest (meer dan {MAX_DEPTH} niveaus); is dit het goede "
                                           "bestand?", problem_mark=node.start_mark)
                if size > MAX_EXPANDED:
                    raise _Refused(problem=f"de verwijzingen (*) maken het bestand te groot (meer dan "
                                           f"{MAX_EXPANDED} waarden); verwijs minder vaak",
                                   problem_mark=node.start_mark)
                done[key] = (size, height)
                continue
            if key in busy:
                raise _Refused(problem="een verwijzing (*) staat binnen haar eigen anker (&) en verwijst zo naar "
                                       "zichzelf; schrijf de waarde voluit", problem_mark=node.start_mark)
            if key in done:
                if not self.allow_aliases:
                    raise _Refused(problem="ankers (&) en verwijzingen (*) zijn in dit bestand niet toegestaan; "
                                           "schrijf de waarde voluit", problem_mark=node.start_mark)
                continue
            if kids:
                busy.add(key)
            todo.append((node, True))
            todo.extend((k, False) for k in kids if id(k) not in done or not self.allow_aliases)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _AliasLoader(_Loader):
    allow_aliases = True


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(problem="een sleutel moet een gewone tekst zijn, geen lijst of blok",
                           problem_mark=key_node.start_mark)
        key = key_node.value
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


for _loader in (_Loader, _AliasLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, *, aliases: bool = False, limit: int = MAX_BYTES, raw: bytes | None = None) -> Any:
    """Parse one YAML (or JSON) file; raise DataError naming file and line on any failure.

    Anchors and aliases (`&a` / `*a`) are refused unless `aliases` is set (trees
    and protocols, where the bundled files share rulings that way); even then
    their expansion is capped, so a "billion laughs" file is an error, not a hang.
    `raw`: the file's bytes, already read (and checked against `limit`) by the caller.
    """
    text = read_text(path, limit=limit) if raw is None else decode_text(raw, path)
    try:
        data = yaml.load(text, Loader=_AliasLoader if aliases else _Loader)  # noqa: S506 - built on SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "ongeldige YAML"
        if exc.context and not isinstance(exc, (_DuplicateKey, _Refused)):
            what = f"{exc.context}: {what}"
        hint = "" if isinstance(exc, (_DuplicateKey, _Refused)) else _hint(what)
        raise DataError([Problem(path, line, f"YAML-fout: {_dutch(what)}{hint}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, None, f"YAML-fout: {_one_line(str(exc))}")]) from None
    except RecursionError:
        raise DataError([Problem(path, None, f"YAML-fout: te diep genest (meer dan {MAX_DEPTH} niveaus)")]) from None
    return data


def _one_line(text: str) -> str:
    return " ".join(text.replace('in "<unicode string>"', "").split())


# PyYAML's words for the problems a hand-edited file has most; the rest stays as PyYAML says it.
_DUTCH = (
    ("while parsing a block mapping", "in dit blok"),
    ("while parsing a block collection", "in deze lijst"),
    ("while parsing a flow mapping", "in dit {…}-blok"),
    ("while parsing a flow sequence", "in deze […]-lijst"),
    ("while parsing a flow node", "in deze waarde"),
    ("while parsing a block node", "in deze waarde"),
    ("while scanning a simple key", "bij deze sleutel"),
    ("while scanning a quoted scalar", "in deze tekst tussen aanhalingstekens"),
    ("while scanning a plain scalar", "in deze tekst"),
    ("while scanning a block scalar", "in dit tekstblok"),
    ("while scanning an alias", "bij deze verwijzing (*)"),
    ("while scanning an anchor", "bij dit anker (&)"),
    ("while scanning a tag", "bij deze tag (!)"),
    ("while scanning a directive", "bij deze %-regel"),
    ("while composing a mapping", "in dit blok"),
    ("mapping values are not allowed here", "hier mag geen dubbele punt staan"),
    ("mapping values are not allowed in this context", "hier mag geen dubbele punt staan"),
    ("did not find expected <document start>", "na het einde van het document staat nog iets"),
    ("could not find expected ':'", "de dubbele punt (:) ontbreekt"),
    ("did not find expected key", "hier hoort een sleutel"),
    ("did not find expected '-' indicator", "hier hoort een lijstitem (-)"),
    ("did not find expected ',' or ']'", "hier hoort een komma of ]"),
    ("did not find expected ',' or '}'", "hier hoort een komma of }"),
    ("did not find expected node content", "hier hoort een waarde"),
    ("found unexpected end of stream", "het bestand houdt op voordat de tekst is afgesloten"),
    ("found undefined alias", "onbekende verwijzing"),
    ("found unknown escape character", "onbekende \\-code"),
    ("found character that cannot start any token", "een teken waarmee niets kan beginnen"),
    ("found character '\\t' that cannot start any token", "een tab waar een spatie hoort"),
    ("could not determine a constructor for the tag", "onbekende tag"),
    ("expected <block end>, but found", "het inspringen klopt niet; gevonden:"),
    ("expected <document start>, but found", "na het einde van het document staat nog iets:"),
    ("expected a single document in the stream", "er staat meer dan één document (---) in het bestand"),
    ("but found another document", "maar er volgt nog een (---)"),
    ("found duplicate anchor", "dit anker (&) staat er twee keer"),
)


def _dutch(what: str) -> str:
    for english, dutch in _DUTCH:
        what = what.replace(english, dutch)
    return what


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
