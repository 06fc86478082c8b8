"""Errors of the incident register.

Every message is Dutch, one line, for the user; none ever holds a field's
value, so a message that reaches a log or a bug report leaks nothing personal.
"""

from __future__ import annotations


class IncidentError(Exception):
    """Something the user should be told; the message names no personal data."""


class IncidentNotFound(IncidentError):
    def __init__(self, incident_id: int):
        self.incident_id = incident_id
        super().__init__(f"incident {incident_id} bestaat niet; zie 'smassist incidents list'")


class IncidentDamaged(IncidentError):
    """The incident's own row is damaged (a date, status or number that cannot be)."""

    def __init__(self, incident_id: int):
        self.incident_id = incident_id
        super().__init__(f"incident {incident_id} is beschadigd en kan niet worden gelezen; de andere incidenten "
                         f"zijn er nog, zie 'smassist incidents list'")


class ValidationError(IncidentError):
    """A value that cannot be accepted (e.g. the date of a ticked step lies in the future)."""


class StoreError(IncidentError):
    """The incident database cannot be used (locked, full disk, made by a newer smassist)."""


class FieldConflict:
    """One field another window changed after this window last saw it.

    field: the report field id, or "step:N" for the note of step N.
    theirs: the value now stored (newer); ours: the value this save tried to write.
    """

    __slots__ = ("field", "theirs", "ours")

    def __init__(self, field: str, theirs: object, ours: object):
        self.field, self.theirs, self.ours = field, theirs, ours

    def __repr__(self) -> str:  # never the values: a repr may reach a log
        return f"FieldConflict(field={self.field!r})"


class IncidentConflict(IncidentError):
    """A save based on an older version would overwrite newer text: nothing was written.

    conflicts: every field concerned (field, theirs, ours), in the order saved.
    version: the incident's stored version now. Saving again with this version as
    the base writes "ours" over "theirs" (the user chose to keep their own text).
    field, theirs, ours: those of the first conflict, for the common one-field save.
    The message names the field, never a value.
    """

    def __init__(self, message: str, incident_id: int, conflicts: list[FieldConflict], version: int):
        super().__init__(message)
        self.incident_id = incident_id
        self.conflicts = conflicts
        self.version = version
        self.field, self.theirs, self.ours = conflicts[0].field, conflicts[0].theirs, conflicts[0].ours
