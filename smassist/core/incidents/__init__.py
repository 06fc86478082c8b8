"""The incident register: reports about what happened, saved on every change, private to the user.

Small modules, no user interface:
  fields.py     the report form's fields (Dutch labels) and their checks
  model.py      Incident, ChecklistItem, statuses
  create.py     a new incident from a finished walk (checklist from the ruling's steps)
  store.py      the SQLite register in the user's data folder (WAL, 0600, one transaction per change),
                built from schema.py (tables, migrations, is the file ours), opening.py (open, move aside),
                rows.py + decode.py (reading, damaged rows skipped), writes.py (changing, versions),
                corrections.py (corrected facts into the walk copy), wiping.py (deleted text out of the
                files), sqlite_util.py, files.py
  retention.py  "older than 12m" and the cut-off date for purging
  export.py     an incident as JSON (and plain Markdown when the documents module is absent)
  report.py     the printable report (md, txt, html, pdf) through the documents work's incident_report

Errors carry a Dutch message for the user and never a field's value.
"""

from smassist.core.incidents.errors import (
    FieldConflict,
    IncidentConflict,
    IncidentError,
    IncidentNotFound,
    StoreError,
    ValidationError,
)
from smassist.core.incidents.model import STATUSES, ChecklistItem, Incident, Summary

__all__ = [
    "STATUSES", "ChecklistItem", "FieldConflict", "Incident", "IncidentConflict", "IncidentError", "IncidentNotFound", "StoreError", "Summary",
    "ValidationError", "create_incident", "open_store",
]


def __getattr__(name: str):
    # The store and create_incident pull in sqlite3 and the walk; load them when asked (PEP 562).
    if name == "open_store":
        from smassist.core.incidents.store import open_store

        return open_store
    if name == "create_incident":
        from smassist.core.incidents.create import create_incident

        return create_incident
    raise AttributeError(name)
