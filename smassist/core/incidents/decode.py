"""Checking stored values as they are read, so a damaged row is skipped, never a traceback.

SQLite keeps whatever bytes a row holds: a flipped bit, another program or an
old bug can leave a date that is no date, JSON that is no JSON, a number where
text belongs, or bytes that are no UTF-8. Every value read goes through one of
these checks; a failure raises `Damaged`, and the reader skips that row (or
that part of an incident) and says so in Dutch, naming the part, never the
value.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from smassist.core.incidents.errors import IncidentError
from smassist.core.incidents.fields import BY_ID, Value, normalise
from smassist.core.incidents.model import STATUSES


class Damaged(Exception):
    """A stored value that cannot be what the register wrote."""


class Garbled:
    """Stands for a stored text that is no UTF-8 (see text_factory)."""

    __slots__ = ()


GARBLED = Garbled()


def text_factory(raw: bytes) -> str | Garbled:
    """The connection's text decoder: bytes that are no UTF-8 become GARBLED instead of an exception."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return GARBLED


def text(value: object) -> str:
    if not isinstance(value, str):
        raise Damaged
    return value


def optional_text(value: object) -> str | None:
    return None if value is None else text(value)


def integer(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Damaged
    return value


def status(value: object) -> str:
    if value not in STATUSES:
        raise Damaged
    return value


def stamp(value: object) -> datetime:
    try:
        moment = datetime.fromisoformat(text(value))
    except ValueError:
        raise Damaged from None
    if moment.tzinfo is None:
        raise Damaged
    return moment


def day(value: object) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(text(value))
    except ValueError:
        raise Damaged from None


def json_value(value: object) -> object:
    try:
        return json.loads(text(value))
    except (ValueError, RecursionError):
        raise Damaged from None


def json_dict(value: object) -> dict:
    loaded = json_value(value)
    if not isinstance(loaded, dict):
        raise Damaged
    return loaded


def field_value(name: object, value: object) -> Value:
    """A report field's stored JSON, in the shape fields.normalise allows."""
    if text(name) not in BY_ID:
        raise Damaged
    try:
        return normalise(name, json_value(value))
    except IncidentError:
        raise Damaged from None


def walk(value: object, tree: object, protocol: object, role: object) -> dict:
    """The saved walk; tree, protocol and role must be the texts the incident row holds."""
    loaded = json_dict(value)
    if any(not isinstance(loaded.get(key), str) for key in ("tree", "protocol", "role")):
        raise Damaged
    inputs = loaded.get("inputs", {})
    if not isinstance(inputs, dict) or not all(
            isinstance(fields, dict) and all(isinstance(v, str) for v in fields.values()) for fields in inputs.values()):
        raise Damaged
    text(tree), text(protocol), text(role)
    return loaded


_TEXT_KEYS = {"path": ("question", "answer"), "citations": ("label", "section", "text")}


def answer(value: object) -> dict:
    """The ruling snapshot; the lists that show and export read must hold the texts they print."""
    loaded = json_dict(value)
    for key in ("verdict_label", "answer"):
        if key in loaded and not isinstance(loaded[key], str):
            raise Damaged
    for key, needed in _TEXT_KEYS.items():
        items = loaded.get(key, [])
        if not isinstance(items, list) or not all(
                isinstance(item, dict) and all(isinstance(item.get(n), str) for n in needed) for item in items):
            raise Damaged
    return loaded
