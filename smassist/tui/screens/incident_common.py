"""What the incident screens share: the one register per app session, starting an incident, exporting.

The register (`smassist.core.incidents.store.Store`) is opened the first time
an incident screen needs it and kept on the app until the app ends
(`close_store`). When the store had to move a bad database file aside, its
`notice` is shown once. Register errors become messages on screen; none of
them carries a value the user typed (the core's messages never do).

Nothing here decides anything about an incident: the core does.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual.app import App

INCIDENT_TREE = "incident"
STAFF = "staff"
PURGE_AGE = "12m"
_STORE = "_smassist_incident_store"

T = TypeVar("T")

# The export formats in the order the dialog offers them: (format, label, suffix).
EXPORT_FORMATS: tuple[tuple[str, str, str], ...] = (
    ("pdf", "PDF (om te printen of te mailen)", "pdf"),
    ("html", "Webpagina om te printen (HTML)", "html"),
    ("md", "Markdown (tekst met opmaak)", "md"),
    ("json", "JSON (alle gegevens, voor een ander programma)", "json"),
)


def sentence(text: str) -> str:
    """A core message ("het formulier is …") as a sentence on screen."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# -- the register for this app session ---------------------------------------------------


def store_for(app: App):
    """The app's register, opened on first use; None (after a message) when it cannot be opened."""
    store = getattr(app, _STORE, None)
    if store is not None:
        return store
    from smassist.core.incidents.errors import IncidentError
    from smassist.core.incidents.store import Store

    try:
        store = Store()
    except IncidentError as exc:
        app.notify(f"Het incidentenregister kan niet worden geopend: {sentence(str(exc))}",
                   title="Incidenten", severity="error", timeout=15)
        return None
    setattr(app, _STORE, store)
    if store.notice:
        app.notify(sentence(store.notice), title="Let op: incidentenbestand apart gezet", severity="warning",
                   timeout=30)
    return store


def close_store(app: App) -> None:
    """Close the register when the app ends (the last close also removes the WAL file)."""
    store = getattr(app, _STORE, None)
    if store is not None:
        setattr(app, _STORE, None)
        store.close()


def attempt(app: App, action: Callable[[], T], what: str = "") -> tuple[bool, T | None]:
    """Run a register call; an IncidentError becomes an error notification. (ok, result)."""
    from smassist.core.incidents.errors import IncidentError

    try:
        return True, action()
    except IncidentError as exc:
        prefix = f"{what}: " if what else ""
        app.notify(prefix + sentence(str(exc)), title="Incidenten", severity="error", timeout=10)
        return False, None


# -- starting an incident from the incident tree's answer ----------------------------------


def can_start(result, comparing: bool = False) -> bool:
    """The incident tree's answer for staff, in the user's own protocol (not a comparison)."""
    return not comparing and result.tree.id == INCIDENT_TREE and result.role == STAFF


def start_incident(app: App, result, existing: int | None = None) -> int | None:
    """Create the incident for this answer (or reopen the one made from it before) and open its form."""
    from smassist.core.incidents.create import create_incident
    from smassist.core.incidents.errors import IncidentNotFound
    from smassist.tui.screens.incident_form import IncidentFormScreen

    store = store_for(app)
    if store is None:
        return existing
    if existing is not None:
        try:
            store.get(existing)
        except IncidentNotFound:
            existing = None  # deleted meanwhile: start a new one
        else:
            app.notify(f"Incident {existing} is al gestart vanuit dit antwoord; het wordt geopend.",
                       title="Incidentmelding")
            app.push_screen(IncidentFormScreen(store, existing))
            return existing
    profile = getattr(app, "profile_values", None)
    ok, incident = attempt(app, lambda: create_incident(result, store=store, profile=profile or None),
                           "De melding is niet gestart")
    if not ok or incident is None:
        return None
    app.notify(f"Incident {incident.id} is aangemaakt; alles wat je invult wordt meteen opgeslagen.",
               title="Incidentmelding")
    app.push_screen(IncidentFormScreen(store, incident.id))
    return incident.id


# -- exporting ------------------------------------------------------------------------------


class ExportProblem(Exception):
    """Why an export could not be written (Dutch, for the screen; no personal data)."""


def export_name(incident_id: int, suffix: str, folder: Path, today: _dt.date | None = None) -> Path:
    """incident-3-2026-11-22.pdf in the folder, with -2, -3 … so no existing file is replaced."""
    stem = f"incident-{incident_id}-{(today or _dt.date.today()).isoformat()}"
    candidate = folder / f"{stem}.{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.{suffix}"
        number += 1
    return candidate


def export_incident(store, incident_id: int, fmt: str, catalog, profile: dict[str, str],
                    folder: Path | None = None) -> Path:
    """Write one incident in one format to the documents folder (0600, never over another file).

    Runs in a worker thread: the store is thread-safe, rendering touches no widget.
    """
    from smassist.core.incidents.errors import IncidentError
    from smassist.core.incidents.export import incident_json
    from smassist.core.paths import make_dirs, user_documents_dir
    from smassist.core.private_files import write_private

    suffix = dict((f, s) for f, _, s in EXPORT_FORMATS).get(fmt)
    if suffix is None:
        raise ExportProblem(f"Onbekend formaat '{fmt}'.")
    try:
        incident = store.get(incident_id)
        if fmt == "json":
            data: str | bytes = json.dumps(incident_json(incident), ensure_ascii=False, indent=2) + "\n"
        else:
            from smassist.core.incidents.report import missing_profile_values

            missing = missing_profile_values(incident, catalog, profile)
            if missing:
                raise ExportProblem("Voor het verslag mist het schoolprofiel nog: "
                                    + ", ".join(label for _, label in missing)
                                    + ". Vul het hierboven in of kies 'met de hand'; JSON kan altijd.")
            from smassist.core.incidents.report import render_report

            data = render_report(incident, fmt, catalog, profile)
    except IncidentError as exc:
        raise ExportProblem(sentence(str(exc))) from None
    target_folder = folder or user_documents_dir()
    try:
        make_dirs(target_folder)
        return write_private(export_name(incident_id, suffix, target_folder), data)
    except OSError as exc:
        raise ExportProblem(f"Het bestand kan niet worden geschreven in {target_folder}: "
                            f"{exc.strerror or 'onbekende fout'}.") from None


def open_incident(app: App, store, incident_id: int):
    """The incident, or None when it cannot be read (deleted in another window, register error)."""
    ok, incident = attempt(app, lambda: store.get(incident_id))
    return incident if ok else None


def gone(incident_id: int) -> list:
    """What a screen shows instead of an incident that cannot be opened."""
    from textual.content import Content
    from textual.widgets import Static

    from smassist.tui.bars import KeysBar

    return [Static(Content(f"Incident {incident_id} kan niet worden geopend. Ga terug met Escape."), id="gone"),
            KeysBar(compact=True)]
