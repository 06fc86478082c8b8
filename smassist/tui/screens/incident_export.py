"""Exporteren: one incident as PDF, HTML, Markdown (the documents work's report) or JSON.

The file goes to the user's documents folder under a new name
(incident-3-2026-11-22.pdf; never over an existing file), readable by the
user only, and the screen shows where it went. Rendering runs in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from smassist.tui.saved_file import BINDINGS as SAVED_FILE_BINDINGS
from smassist.tui.saved_file import SAVED_KEYS_HINT, SavedFileKeys
from smassist.tui.screens.incident_common import EXPORT_FORMATS, ExportProblem, export_incident


class IncidentExportScreen(SavedFileKeys, ModalScreen[Path | None]):
    CSS_PATH = "incident_export.tcss"
    BINDINGS = [
        Binding("escape", "close", "Sluiten"),
        Binding("f2", "settings", "Instellingen", tooltip="Het schoolprofiel aanvullen (het verslag heeft het nodig)"),
        *SAVED_FILE_BINDINGS,
    ]

    @dataclass
    class Saved(Message):
        path: Path

    @dataclass
    class Failed(Message):
        reason: str

    def __init__(self, store, incident_id: int, folder: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.incident_id = incident_id
        self.folder = folder
        self.saved_path: Path | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        from smassist.core.paths import user_documents_dir

        with Vertical(id="export-dialog"):
            yield Static(Content.styled(f"Incident {self.incident_id} exporteren", "bold"), id="export-title")
            folder = self.folder or user_documents_dir()
            yield Static(Content(f"Kies een formaat en druk op Enter. Het bestand komt in {folder} en is alleen "
                                 "voor jou leesbaar. Het bevat persoonsgegevens: deel het zorgvuldig."),
                         id="export-intro")
            yield OptionList(*(Option(label, id=fmt) for fmt, label, _ in EXPORT_FORMATS), id="formats")
            yield Static(id="export-result")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-result", Static).display = False
        self.query_one("#formats", OptionList).focus()

    @on(OptionList.OptionSelected, "#formats")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.busy or not event.option_id:
            return
        self.busy = True
        self.show("Bezig met opslaan…")
        app = self.app
        self.write(event.option_id, getattr(app, "catalog", None), dict(getattr(app, "profile_values", {}) or {}))

    @work(thread=True, exclusive=True, group="incident-export")
    def write(self, fmt: str, catalog, profile: dict[str, str]) -> None:
        try:
            path = export_incident(self.store, self.incident_id, fmt, catalog, profile, self.folder)
        except ExportProblem as exc:
            self.post_message(self.Failed(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - a bug in rendering must not end the app; the data is saved
            # only the type: an exception's text could quote what the user typed
            self.post_message(self.Failed(f"Onverwachte fout bij het maken van het bestand ({type(exc).__name__}); "
                                          "probeer een ander formaat, JSON kan altijd."))
            return
        self.post_message(self.Saved(path))

    @on(Saved)
    def saved(self, message: Saved) -> None:
        self.busy = False
        self.saved_path = message.path
        self.show(f"✓ Opgeslagen: {message.path}\n{SAVED_KEYS_HINT} · kies nog een formaat, of sluit met Escape.")
        self.notify(f"Opgeslagen als {message.path.name}", title="Exporteren")
        self.refresh_bindings()

    @on(Failed)
    def failed(self, message: Failed) -> None:
        self.busy = False
        self.show(f"⚠ Niet opgeslagen. {message.reason}", problem=True)

    def show(self, text: str, problem: bool = False) -> None:
        box = self.query_one("#export-result", Static)
        box.display = True
        box.set_class(problem, "-problem")
        box.update(Content(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        saved = self.saved_file_action(action)
        return True if saved is None else saved

    def action_settings(self) -> None:
        settings = getattr(self.app, "action_settings", None)
        if callable(settings):
            settings()

    def action_close(self) -> None:
        self.dismiss(self.saved_path)
