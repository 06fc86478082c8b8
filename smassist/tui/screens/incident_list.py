"""Incidenten: every saved incident with its status, last change and next open step.

Open (resume) the form, tick steps, export, delete for real, and purge
incidents that have not changed for 12 months (offered here when there are
any). Every removal asks first.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from smassist.core.counting import counted
from smassist.core.incidents.export import local_time
from smassist.core.incidents.model import Summary
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.screens.incident_common import PURGE_AGE, attempt
from smassist.tui.styled_once import StyledOnce

COLUMNS = ("Nr", "Status", "Datum", "Laatst gewijzigd", "Stappen", "Volgende stap")


def _short(text: str | None, width: int) -> str:
    if not text:
        return "—"
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


class IncidentListScreen(StyledOnce, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Terug"),
        Binding("enter", "open", "Openen", priority=True, tooltip="Het formulier openen en verder invullen"),
        Binding("s", "steps", "Stappen", tooltip="De stappen van het protocol afvinken"),
        Binding("e", "export", "Exporteren", tooltip="PDF, HTML, Markdown of JSON"),
        Binding("x,delete", "delete", "Verwijderen", tooltip="Definitief verwijderen (eerst een vraag)"),
        Binding("p", "purge", "Opruimen", tooltip=f"Incidenten die {PURGE_AGE[:-1]} maanden niet zijn gewijzigd"),
    ]

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.summaries: list[Summary] = []
        self.due: list[Summary] = []  # not changed for 12 months: offered for purging

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="purge-offer")
        yield DataTable(id="incidents", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield Static(id="empty")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Incidenten"
        table = self.query_one("#incidents", DataTable)
        table.add_columns(*COLUMNS)
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.query_one("#incidents", DataTable).columns:
            self.reload()  # back from the form, the steps or a dialog: status and steps may have changed

    # -- showing ------------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        from smassist.core.incidents.retention import parse_age

        table = self.query_one("#incidents", DataTable)
        if keep is None:
            keep = self.selected_id()
        ok, summaries = attempt(self.app, self.store.list_incidents)
        self.summaries = summaries or []
        skipped = getattr(self.store, "skipped", [])
        if skipped and not getattr(self, "_told_skipped", False):
            self._told_skipped = True  # once per visit: the list reloads after every change
            self.notify(f"{counted(len(skipped), 'beschadigd incident wordt', 'beschadigde incidenten worden')} niet getoond (nummer "
                        f"{', '.join(str(i) for i in skipped)}); wat nog leesbaar is, haal je eruit met "
                        f"'smassist incidents export --all --format json'.", severity="warning", timeout=20)
        cutoff = parse_age(PURGE_AGE).cutoff(self.store.now())
        self.due = [s for s in self.summaries if s.updated < cutoff]
        table.clear()
        # what is left of the width for the next step: margins, borders, cell padding, the other columns
        room = max(16, (self.size.width or self.app.size.width or 80) - 60)
        for s in self.summaries:
            steps = f"{s.steps_done}/{s.steps_total}" if s.steps_total else "—"
            next_step = _short(s.next_step, room) if s.steps_total else "—"
            if s.steps_total and s.next_step is None:
                next_step = "alles gedaan"
            # rich Text, never markup: the date is typed by the user
            table.add_row(*(Text(cell) for cell in (str(s.id), s.status_label, s.incident_date or "—",
                                                    local_time(s.updated), steps, next_step)), key=str(s.id))
        if keep is not None and str(keep) in {str(s.id) for s in self.summaries}:
            table.move_cursor(row=table.get_row_index(str(keep)))
        empty = self.query_one("#empty", Static)
        empty.display = not self.summaries
        table.display = bool(self.summaries)
        empty.update(Content("Er zijn nog geen incidenten opgeslagen. Een melding begin je als medewerker bij het "
                             "onderwerp 'Er is iets gebeurd op social media': op het antwoord druk je i."))
        offer = self.query_one("#purge-offer", Static)
        offer.display = bool(self.due)
        if self.due:
            count = len(self.due)
            offer.update(Content(f"⚠ {count} incident{'en zijn' if count != 1 else ' is'} langer dan 12 maanden "
                                 "niet gewijzigd. Bewaar persoonsgegevens niet langer dan nodig: opruimen met p."))
        self.show_detail()

    def selected(self) -> Summary | None:
        table = self.query_one("#incidents", DataTable)
        if not self.summaries or table.cursor_row is None or not (0 <= table.cursor_row < len(self.summaries)):
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((s for s in self.summaries if str(s.id) == key), None)

    def selected_id(self) -> int | None:
        chosen = self.selected()
        return chosen.id if chosen else None

    @on(DataTable.RowHighlighted, "#incidents")
    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        chosen = self.selected()
        detail.display = chosen is not None
        if chosen is None:
            return
        lines = [Content.assemble((f"Incident {chosen.id}", "bold"),
                                  f" · {chosen.status_label} · platform: {chosen.platform or '—'}"
                                  f" · aangemaakt {local_time(chosen.created)}")]
        if chosen.steps_total:
            if chosen.next_step:
                lines.append(Content.assemble(("Volgende stap: ", "bold"), " ".join(chosen.next_step.split())))
            else:
                lines.append(Content("Alle stappen zijn gedaan."))
        detail.update(Content("\n").join(lines))

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "steps", "export", "delete"):
            return bool(self.summaries)
        if action == "purge":
            return bool(self.due)  # offered (footer, banner) when something is due; the palette always has it
        return True

    @on(DataTable.RowSelected, "#incidents")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # a click on a row (Enter is the screen's own key)
        self.action_open()

    def action_open(self) -> None:
        from smassist.tui.screens.incident_form import IncidentFormScreen

        chosen = self.selected()
        if chosen is not None:
            self.app.push_screen(IncidentFormScreen(self.store, chosen.id))

    def action_steps(self) -> None:
        from smassist.tui.screens.incident_checklist import IncidentChecklistScreen

        chosen = self.selected()
        if chosen is not None:
            self.app.push_screen(IncidentChecklistScreen(self.store, chosen.id))

    def action_export(self) -> None:
        from smassist.tui.screens.incident_export import IncidentExportScreen

        chosen = self.selected()
        if chosen is not None:
            self.app.push_screen(IncidentExportScreen(self.store, chosen.id))

    def action_delete(self) -> None:
        from smassist.tui.screens.incident_confirm import IncidentConfirmScreen

        chosen = self.selected()
        if chosen is None:
            return
        incident_id = chosen.id

        def answered(yes: bool | None) -> None:
            if not yes:
                self.notify("Er is niets verwijderd.", title="Verwijderen")
                return
            ok, wiped = attempt(self.app, lambda: self.store.delete(incident_id), "Niet verwijderd")
            if not ok:
                return
            self.notify(f"Incident {incident_id} is verwijderd.", title="Verwijderen")
            if wiped is False:
                self.notify("Een ander smassist-venster leest nog in het register; de tekst wordt ook uit het "
                            "databasebestand gewist zodra dat venster klaar is of sluit (dat gebeurt vanzelf).",
                            severity="warning", timeout=15)
            self.reload()

        self.app.push_screen(IncidentConfirmScreen(
            f"Incident {incident_id} definitief verwijderen?",
            "Het formulier, de stappen en de notities worden gewist. Dit kan niet ongedaan worden gemaakt. "
            "Exporteer het eerst als je het wilt bewaren."), callback=answered)

    def action_purge(self) -> None:
        self.run_purge()

    def run_purge(self) -> None:
        from smassist.core.incidents.retention import parse_age
        from smassist.tui.screens.incident_confirm import IncidentConfirmScreen

        self.reload()
        if not self.due:
            self.notify("Er zijn geen incidenten die langer dan 12 maanden niet zijn gewijzigd.", title="Opruimen")
            return
        count = len(self.due)
        numbers = ", ".join(str(s.id) for s in self.due)

        def answered(yes: bool | None) -> None:
            if not yes:
                self.notify("Er is niets verwijderd.", title="Opruimen")
                return
            ok, removed = attempt(self.app, lambda: self.store.purge(parse_age(PURGE_AGE)), "Niet opgeruimd")
            if ok:
                self.notify(f"{removed} incident{'en' if removed != 1 else ''} verwijderd "
                            "(langer dan 12 maanden niet gewijzigd).", title="Opruimen")
            self.reload()

        self.app.push_screen(IncidentConfirmScreen(
            f"{count} incident{'en' if count != 1 else ''} definitief verwijderen?",
            f"Langer dan 12 maanden niet gewijzigd: {numbers}. Dit kan niet ongedaan worden gemaakt."),
            callback=answered)

    def action_back(self) -> None:
        self.dismiss(None)

    def commands(self):
        if self.summaries:
            yield SystemCommand("Incident openen", "Het formulier verder invullen (Enter)", self.action_open)
            yield SystemCommand("Stappen afvinken", "De stappen van het protocol (s)", self.action_steps)
            yield SystemCommand("Incident exporteren", "PDF, HTML, Markdown of JSON (e)", self.action_export)
            yield SystemCommand("Incident verwijderen", "Definitief, na een vraag (x)", self.action_delete)
        yield SystemCommand("Oude incidenten opruimen", "Langer dan 12 maanden niet gewijzigd (p)", self.run_purge)
