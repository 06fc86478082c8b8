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


class ValidationError(IncidentError):
    """A value that cannot be accepted (e.g. the date of a ticked step lies in the future)."""


class StoreError(IncidentError):
    """The incident database cannot be used (locked, full disk, made by a newer smassist)."""
