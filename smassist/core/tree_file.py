"""Read one decision-tree file into a Tree, reporting every problem."""

from __future__ import annotations

from pathlib import Path

from smassist.core.models import ID_PATTERN, Field, Node, Option, Tree
from smassist.core.problems import Problem
from smassist.core.roles import ROLES
from smassist.core.schema import Reader
from smassist.core.yaml_source import LocatedDict, LocatedList, load_yaml

_TOP_REQUIRED = ("id", "title", "summary", "roles", "start", "nodes")
_QUESTION_KEYS = ("type", "text", "text_for", "help", "options")
_INPUT_KEYS = ("type", "text", "text_for", "help", "fields", "next", "outcome")
_OPTION_KEYS = ("id", "text", "next", "outcome", "roles", "keywords")
_FIELD_KINDS = ("text", "longtext", "date", "time", "choice")


def read_tree(path: Path) -> tuple[Tree | None, list[Problem]]:
    reader = Reader(path)
    data = reader.mapping(load_yaml(path, aliases=True), 1, "een beslisboombestand")
    if data is None or not reader.keys(data, "de beslisboom", _TOP_REQUIRED):
        return None, reader.problems
    tree_id = reader.get(data, "id", str, "de beslisboom", default=path.stem)
    if tree_id != path.stem:
        reader.problem(data.line_of("id"), f"id '{tree_id}' hoort gelijk te zijn aan de bestandsnaam '{path.stem}'; hernoem het bestand of pas de id aan")
    roles = _read_roles(reader, data)
    nodes = _read_nodes(reader, data)
    start = _read_start(reader, data, roles)
    tree = Tree(
        id=tree_id,
        title=reader.get(data, "title", str, "de beslisboom", default=tree_id),
        summary=reader.get(data, "summary", str, "de beslisboom", default=""),
        roles=roles,
        start=start,
        nodes=nodes,
        path=path,
        line=data.line,
    )
    return tree, reader.problems


def _read_roles(reader: Reader, data: LocatedDict) -> tuple[str, ...]:
    roles = reader.text_list(data, "roles", "de beslisboom")
    for role in roles:
        if role not in ROLES:
            reader.problem(data.line_of("roles"), f"onbekende rol '{role}'; kies uit: {', '.join(ROLES)}")
    if not roles:
        reader.problem(data.line_of("roles"), "de beslisboom noemt geen rollen; vul 'roles' in (staff, pupil, parent)")
    return tuple(r for r in roles if r in ROLES)


def _read_start(reader: Reader, data: LocatedDict, roles: tuple[str, ...]) -> dict[str, str]:
    raw = data.get("start")
    if isinstance(raw, str):
        return {role: raw for role in roles}
    start = reader.mapping(raw, data.line_of("start"), "'start'")
    if start is None:
        return {}
    result = {}
    for role in roles:
        node = start.get(role)
        if not isinstance(node, str):
            reader.problem(start.line, f"'start' noemt geen beginvraag voor de rol '{role}'; voeg '{role}: <vraag-id>' toe")
        else:
            result[role] = node
    for role in start:
        if role not in roles:
            reader.problem(start.line_of(role), f"'start' noemt de rol '{role}', maar die staat niet in 'roles'")
    return result


def _read_nodes(reader: Reader, data: LocatedDict) -> dict[str, Node]:
    raw_nodes = reader.get(data, "nodes", dict, "de beslisboom", default=LocatedDict())
    nodes: dict[str, Node] = {}
    for node_id, raw in raw_nodes.items():
        line = raw_nodes.line_of(node_id)
        if not ID_PATTERN.match(node_id):
            reader.problem(line, f"vraag-id '{node_id}' mag alleen kleine letters, cijfers, '_' en '-' bevatten")
        raw = reader.mapping(raw, line, f"vraag '{node_id}'")
        if raw is None:
            continue
        node = _read_node(reader, node_id, raw, line)
        if node:
            nodes[node_id] = node
    return nodes


def _read_node(reader: Reader, node_id: str, raw: LocatedDict, line: int) -> Node | None:
    what = f"vraag '{node_id}'"
    kind = raw.get("type", "question")
    if kind not in ("question", "input"):
        reader.problem(raw.line_of("type"), f"onbekend type '{kind}' in {what}; kies 'question' of 'input'")
        return None
    if kind == "question":
        ok = reader.keys(raw, what, ("text", "options"), tuple(k for k in _QUESTION_KEYS if k not in ("text", "options")))
    else:
        ok = reader.keys(raw, what, ("text", "fields"), tuple(k for k in _INPUT_KEYS if k not in ("text", "fields")))
    if not ok:
        return None
    text_for = reader.get(raw, "text_for", dict, what, default=LocatedDict())
    for role, value in text_for.items():
        if role not in ROLES or not isinstance(value, str):
            reader.problem(text_for.line_of(role), f"'text_for' in {what}: gebruik een rol ({', '.join(ROLES)}) met een tekst")
    node = Node(
        id=node_id,
        kind=kind,
        text=reader.get(raw, "text", str, what, default=""),
        text_for={r: v for r, v in text_for.items() if r in ROLES and isinstance(v, str)},
        help=reader.get(raw, "help", str, what),
        options=_read_options(reader, raw, what) if kind == "question" else (),
        fields=_read_fields(reader, raw, what) if kind == "input" else (),
        next=reader.get(raw, "next", str, what),
        outcome=reader.get(raw, "outcome", str, what),
        line=line,
    )
    if kind == "input" and bool(node.next) == bool(node.outcome):
        reader.problem(line, f"{what} heeft precies één van 'next' of 'outcome' nodig")
    return node


def _read_options(reader: Reader, raw: LocatedDict, what: str) -> tuple[Option, ...]:
    items = reader.get(raw, "options", list, what, default=LocatedList())
    options: list[Option] = []
    for index, item in enumerate(items):
        line = items.line_of(index)
        item = reader.mapping(item, line, f"een antwoord van {what}")
        if item is None or not reader.keys(item, f"een antwoord van {what}", ("id", "text"), ("next", "outcome", "roles", "keywords")):
            continue
        option_id = reader.get(item, "id", str, f"een antwoord van {what}", default="")
        if any(o.id == option_id for o in options):
            reader.problem(line, f"antwoord '{option_id}' staat twee keer in {what}; geef elk antwoord een eigen id")
            continue
        option = Option(
            id=option_id,
            text=reader.get(item, "text", str, f"antwoord '{option_id}'", default=""),
            next=reader.get(item, "next", str, f"antwoord '{option_id}'"),
            outcome=reader.get(item, "outcome", str, f"antwoord '{option_id}'"),
            roles=reader.text_list(item, "roles", f"antwoord '{option_id}'"),
            keywords=reader.text_list(item, "keywords", f"antwoord '{option_id}'"),
            line=line,
        )
        if bool(option.next) == bool(option.outcome):
            reader.problem(line, f"antwoord '{option_id}' van {what} heeft precies één van 'next' (volgende vraag) of 'outcome' (uitkomst) nodig")
        for role in option.roles:
            if role not in ROLES:
                reader.problem(line, f"onbekende rol '{role}' bij antwoord '{option_id}'; kies uit: {', '.join(ROLES)}")
        options.append(option)
    if not options and isinstance(items, LocatedList):
        reader.problem(raw.line, f"{what} heeft geen antwoorden; voeg 'options' toe")
    return tuple(options)


def _read_fields(reader: Reader, raw: LocatedDict, what: str) -> tuple[Field, ...]:
    items = reader.get(raw, "fields", list, what, default=LocatedList())
    fields: list[Field] = []
    for index, item in enumerate(items):
        line = items.line_of(index)
        item = reader.mapping(item, line, f"een veld van {what}")
        if item is None or not reader.keys(item, f"een veld van {what}", ("id", "label"), ("kind", "required", "help", "choices")):
            continue
        kind = reader.get(item, "kind", str, "een veld", default="text")
        if kind not in _FIELD_KINDS:
            reader.problem(item.line_of("kind"), f"onbekende veldsoort '{kind}'; kies uit: {', '.join(_FIELD_KINDS)}")
        field_id = reader.get(item, "id", str, "een veld", default="")
        if any(f.id == field_id for f in fields):
            reader.problem(line, f"veld '{field_id}' staat twee keer in {what}")
            continue
        choices = reader.text_list(item, "choices", f"veld '{field_id}'")
        if kind == "choice" and not choices:
            reader.problem(line, f"veld '{field_id}' is een keuzeveld maar heeft geen 'choices'")
        fields.append(Field(
            id=field_id,
            label=reader.get(item, "label", str, f"veld '{field_id}'", default=field_id),
            kind=kind,
            required=reader.get(item, "required", bool, f"veld '{field_id}'", default=True),
            help=reader.get(item, "help", str, f"veld '{field_id}'"),
            choices=choices,
        ))
    return tuple(fields)
