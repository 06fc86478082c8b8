"""Settings: the school profile (school name, board, protocol, your function, contacts).

Documents draw on it and a model protocol's "[naam school]" shows the school's
name. Saved in the user's config folder, readable by the user only.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from smassist.core.problems import DataError
from smassist.core.profile import FIELD_NAMES, LABELS, Profile, load_profile, profile_path, save_profile, set_value
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce
from smassist.tui.typing_guard import FormKeys

HELP = {
    "school_name": "Komt op elk document en in de plaats van [naam school] in een modelprotocol.",
    "function": "Bijvoorbeeld: docent Nederlands. Sommige protocollen vragen je functie te noemen.",
    "privacy_officer": "Naam en e-mailadres; komt in incidentverslagen.",
}


class SettingsScreen(StyledOnce, FormKeys, Screen[bool]):
    BINDINGS = [
        Binding("escape", "back", "Terug", tooltip="Terug; vraagt eerst als er iets niet is opgeslagen"),
        Binding("ctrl+s", "save", "Opslaan", tooltip="Sla het schoolprofiel op"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.problem = ""
        try:
            self.profile = load_profile()
        except DataError as exc:
            self.profile = Profile()
            self.problem = f"Het opgeslagen profiel klopt niet en is niet gebruikt: {exc.problems[0]}"

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="settings"):
            yield Static("Schoolprofiel", classes="title")
            yield Static("Documenten gebruiken deze gegevens. Wat een document nodig heeft en hier ontbreekt, "
                         "wordt gevraagd als je het document maakt.", classes="intro")
            if self.problem:
                yield Static(self.problem, id="problem", markup=False)
            for key in FIELD_NAMES:
                yield Label(LABELS[key], classes="field-label")
                value = getattr(self.profile, key)
                protocols = self._protocols()
                if key == "protocol" and protocols:
                    options = [(title, pid) for pid, title in protocols]
                    yield Select(options, id=f"field-{key}", prompt="(geen)", allow_blank=True,
                                 value=value if value in dict(protocols) else Select.NULL)
                else:
                    yield Input(value, id=f"field-{key}")
                if key in HELP:
                    yield Static(HELP[key], classes="field-help", markup=False)
            yield Button("Opslaan", id="save", variant="primary")
            yield Static("", id="saved", markup=False)
        yield KeysBar()

    def on_mount(self) -> None:
        self.sub_title = "Instellingen"
        self.query_one("#field-school_name", Input).focus()

    def _protocols(self) -> list[tuple[str, str]]:
        catalog = getattr(self.app, "catalog", None)
        if catalog is None:
            return []
        return [(p.id, p.organisation) for p in catalog.protocols.values()]

    def _value_of(self, key: str) -> str:
        widget = self.query_one(f"#field-{key}")
        if isinstance(widget, Select):
            return widget.value if isinstance(widget.value, str) else ""
        return widget.value

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        profile = Profile()
        for key in FIELD_NAMES:
            set_value(profile, key, self._value_of(key))
        try:
            path = save_profile(profile)
        except OSError as exc:
            self.query_one("#saved", Static).update(f"Niet opgeslagen: {exc.strerror or exc}")
            self.notify(f"Het schoolprofiel is niet opgeslagen: {exc.strerror or exc}", severity="error")
            return
        self.profile = profile
        self.query_one("#saved", Static).update(f"Opgeslagen in {path}")
        self.notify("Het schoolprofiel is opgeslagen.", title="Instellingen")

    def changed_labels(self) -> list[str]:
        """The fields typed here and not saved yet."""
        return [LABELS[key] for key in FIELD_NAMES
                if self._value_of(key).strip() != (getattr(self.profile, key) or "").strip()]

    def action_back(self) -> None:
        changed = self.changed_labels()
        if not changed:
            self.dismiss(True)
            return
        from smassist.tui.screens.incident_confirm import IncidentConfirmScreen

        detail = ("Niet opgeslagen: " + ", ".join(changed) + ". Kies Annuleren en druk op Ctrl+S om ze te "
                  "bewaren, of gooi de wijzigingen weg.")
        self.app.push_screen(IncidentConfirmScreen("Terug zonder op te slaan?", detail, yes="Wijzigingen weggooien"),
                             callback=lambda yes: self.dismiss(True) if yes else None)

    @staticmethod
    def path() -> str:
        return str(profile_path())
