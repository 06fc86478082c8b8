"""Exporteren: one incident as PDF, HTML, Markdown (the documents work's report) or JSON.

The file goes to the user's documents folder under a new name
(incident-3-2026-11-22.pdf; never over an existing file), readable by the
user only, and the screen shows where it went. Rendering runs in a worker.

The printable report needs a few school-profile values (school name, school
leader, FG, communication officer). A teacher mid-incident rarely knows them
all, so the dialog asks for the missing ones right here: a value typed is
saved into the profile; "met de hand" prints the label with a line to fill in
on paper instead. Never a silent blank, never a dead end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from smassist.tui.bars import KeysBar
from smassist.tui.saved_file import BINDINGS as SAVED_FILE_BINDINGS
from smassist.tui.saved_file import SAVED_KEYS_HINT, SavedFileKeys
from smassist.core.incidents.report import BY_HAND
from smassist.tui.screens.incident_common import EXPORT_FORMATS, ExportProblem, export_incident
from smassist.tui.styled_once import StyledOnce
from smassist.tui.typing_guard import FormKeys
from smassist.tui.widgets import TickBox


class IncidentExportScreen(StyledOnce, SavedFileKeys, FormKeys, ModalScreen[Path | None]):
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
        self.missing: list[tuple[str, str]] = []  # (profile key, label) the report still needs

    def compose(self) -> ComposeResult:
        from smassist.core.paths import user_documents_dir

        self.missing = self._missing()
        with VerticalScroll(id="export-dialog"):
            yield Static(Content.styled(f"Incident {self.incident_id} exporteren", "bold"), id="export-title")
            folder = self.folder or user_documents_dir()
            yield Static(Content(f"Kies een formaat en druk op Enter. Het bestand komt in {folder} en is alleen "
                                 "voor jou leesbaar. Het bevat persoonsgegevens: deel het zorgvuldig."),
                         id="export-intro")
            if self.missing:
                yield Static(Content("Het verslag noemt ook deze gegevens. Vul ze in (ze komen in het "
                                     "schoolprofiel) of kies 'met de hand' voor een lijn op papier:"),
                             id="needs-intro")
                for key, label in self.missing:
                    with Horizontal(classes="need"):
                        yield Label(Content(label), classes="need-label")
                        yield Input(id=f"need-{key}", compact=True, select_on_focus=False, placeholder="typ hier")
                        yield TickBox("met de hand", id=f"hand-{key}", compact=True)
            yield OptionList(*(Option(label, id=fmt) for fmt, label, _ in EXPORT_FORMATS), id="formats")
            yield Static(id="export-result")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-result", Static).display = False
        first = self.query("#export-dialog Input")
        (first.first() if first else self.query_one("#formats", OptionList)).focus()

    @property
    def focus_chain(self) -> list:
        """Tab goes from field to field first, then to the 'met de hand' boxes: typing meant for the
        next field never lands on a box (the box still stands beside its field)."""
        chain = super().focus_chain
        boxes = [w for w in chain if isinstance(w, Checkbox)]
        rest = [w for w in chain if not isinstance(w, Checkbox)]
        fields = [n for n, w in enumerate(rest) if isinstance(w, Input)]
        at = fields[-1] + 1 if fields else 0
        return [*rest[:at], *boxes, *rest[at:]]

    @on(Input.Submitted, "#export-dialog Input")
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a field goes to the next one; after the last, to the format list (Enter there exports)."""
        event.stop()
        fields = list(self.query("#export-dialog Input").results(Input))
        at = fields.index(event.input)
        (fields[at + 1] if at + 1 < len(fields) else self.query_one("#formats", OptionList)).focus()

    def _missing(self) -> list[tuple[str, str]]:
        from smassist.core.incidents.report import missing_profile_values

        catalog = getattr(self.app, "catalog", None)
        if catalog is None:
            return []
        from smassist.core.incidents.errors import IncidentError

        try:
            incident = self.store.get(self.incident_id)
        except IncidentError:  # the export itself then says what is wrong
            return []
        return missing_profile_values(incident, catalog, dict(getattr(self.app, "profile_values", {}) or {}))

    def _profile_for_export(self, fmt: str) -> dict[str, str] | None:
        """The profile with what was typed here (saved) and the lines chosen 'met de hand'; None: still open."""
        profile = dict(getattr(self.app, "profile_values", {}) or {})
        typed: dict[str, str] = {}
        still_open = []
        for key, label in self.missing:
            value = self.query_one(f"#need-{key}", Input).value.strip()
            if value:
                typed[key] = value
            elif self.query_one(f"#hand-{key}", Checkbox).value:
                profile[key] = BY_HAND
            else:
                still_open.append(label)
        if still_open and fmt != "json":
            self.show("⚠ Vul nog in, of kies 'met de hand': " + ", ".join(still_open) + ". JSON kan altijd.",
                      problem=True)
            return None
        if typed:
            self._keep_in_profile(typed)
        return {**profile, **typed}

    def _keep_in_profile(self, typed: dict[str, str]) -> None:
        from smassist.core.problems import DataError
        from smassist.core.profile import keep_values

        try:
            keep_values(typed)
        except (OSError, DataError) as exc:
            self.notify(f"Niet in het schoolprofiel bewaard (het verslag gebruikt ze wel): {exc}",
                        severity="warning", timeout=15)
            return
        reload = getattr(self.app, "reload_profile", None)
        if callable(reload):
            reload()

    @on(OptionList.OptionSelected, "#formats")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.busy or not event.option_id:
            return
        profile = self._profile_for_export(event.option_id)
        if profile is None:
            return
        self.busy = True
        self.show("Bezig met opslaan…")
        self.write(event.option_id, getattr(self.app, "catalog", None), profile)

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
        box.scroll_visible(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        saved = self.saved_file_action(action)
        return True if saved is None else saved

    def action_settings(self) -> None:
        settings = getattr(self.app, "action_settings", None)
        if callable(settings):
            settings()

    def action_close(self) -> None:
        self.dismiss(self.saved_path)
