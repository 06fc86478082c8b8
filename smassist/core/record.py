"""Value classes as @dataclass makes them, without importing dataclasses on every command.

`@dataclass` imports `inspect` (with ast, dis, tokenize) and compiles six
generated methods per class at import: ~25 ms of every `smassist ask` for the
~16 classes a command meets. A `Record` subclass declares its fields the same
way (annotations, defaults, `Factory(dict)` for a fresh mutable default) and
gets the same behaviour from methods written once here: an `__init__` taking
the fields by position or name, `__eq__` over the fields (same class only),
`__repr__`, and for `FrozenRecord` no assignment plus a `__hash__` over the
fields. Instances keep a `__dict__`, so `functools.cached_property` and pickling
work as they did. `replace()` stands in for `dataclasses.replace`. Fields are
read through `_values()`, so a subclass may fill some on first use (a protocol
from the catalogue cache, smassist.core.protocol_parts).
"""

from __future__ import annotations

_MISSING = object()


class Factory:
    """A default made fresh for every instance (dataclasses' default_factory)."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record (as dataclasses.FrozenInstanceError)."""


class Record:
    """Fields from the class's annotations, in order; a class attribute of the same name is its default."""

    _fields: tuple[str, ...] = ()
    _defaults: dict[str, object] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        names: list[str] = list(cls._fields)
        defaults = dict(cls._defaults)
        for name in cls.__dict__.get("__annotations__", {}):
            if name not in names:
                names.append(name)
            default = cls.__dict__.get(name, _MISSING)
            if default is not _MISSING:
                defaults[name] = default
                if isinstance(default, Factory):
                    delattr(cls, name)  # as dataclasses: no shared mutable value on the class
        required = [n for n in names if n not in defaults]
        if required and names.index(required[-1]) > min((names.index(n) for n in defaults), default=len(names)):
            raise TypeError(f"{cls.__name__}: a field without a default follows one with a default")
        cls._fields = tuple(names)
        cls._defaults = defaults
        cls.__match_args__ = cls._fields

    def __init__(self, *args, **kwargs):
        names = self._fields
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes {len(names)} arguments but {len(args)} were given")
        values = self.__dict__  # written directly: a frozen record refuses setattr
        values.update(zip(names, args))
        for key in kwargs:
            if key in values:
                raise TypeError(f"{type(self).__name__}() got multiple values for argument '{key}'")
            if key not in names:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument '{key}'")
        values.update(kwargs)
        if len(values) < len(names):
            for name in names:
                if name not in values:
                    default = self._defaults.get(name, _MISSING)
                    if default is _MISSING:
                        raise TypeError(f"{type(self).__name__}() missing required argument: '{name}'")
                    values[name] = default.make() if isinstance(default, Factory) else default

    def _values(self) -> tuple:
        values = self.__dict__
        return tuple([values[name] for name in self._fields])

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    __hash__ = None  # mutable and compared by value, as a dataclass with eq=True

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values()))
        return f"{type(self).__qualname__}({inner})"


class FrozenRecord(Record):
    """A Record whose fields cannot be assigned; hashable when its values are."""

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def __hash__(self) -> int:
        return hash(self._values())


def replace(record: Record, **changes):
    """A copy with some fields changed (dataclasses.replace); cached properties are not carried over."""
    values = dict(zip(record._fields, record._values()))
    values.update(changes)
    return type(record)(**values)


def fields(record_class: type[Record]) -> tuple[str, ...]:
    """The field names in order."""
    return record_class._fields


def asdict(record: Record) -> dict[str, object]:
    """The fields and their values (shallow, unlike dataclasses.asdict: no record here nests in these)."""
    return dict(zip(record._fields, record._values()))
