"""Incidentmelding: the report form, saved on every change, with its checks beside each field.

Every field of `smassist.core.incidents.fields.FIELDS` gets a widget; each
change is written at once with `Store.save_field` (one small transaction), so
a killed app loses at most the keystroke in flight. A draft keeps whatever is
typed; the core's checks (`check_report`, the same as `check_field` per field)
say what is still wrong, beside the field. "Melden" asks the store for the
status `gemeld`, which it refuses while the form is incomplete.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioSet, Select, Static, TextArea

from smassist.core.incidents.fields import FIELDS, ReportField, check_report, is_empty, normalise
from smassist.core.incidents.model import CLOSED, CONCEPT, REPORTED, STATUSES
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.screens.incident_common import attempt, gone, open_incident, sentence
from smassist.tui.screens.incident_conflict import ConflictBox, resolve, show_conflict
from smassist.tui.screens.incident_rows import PLACEHOLDERS, RowEditor, RowsEditor
from smassist.tui.styled_once import StyledOnce
from smassist.tui.widgets import ChoiceButton
from smassist.tui.typing_guard import FormKeys

class FieldBox(Vertical):
    """A field: its label, the widget, the help text (shown while the field has focus) and its messages."""

    def __init__(self, spec: ReportField) -> None:
        super().__init__(id=f"box-{spec.id}", classes="field-box" + (" -list" if spec.is_list else ""))
        self.spec = spec


class IncidentFormScreen(StyledOnce, FormKeys, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Terug", tooltip="Terug; alles is al opgeslagen"),
        Binding("f7,ctrl+t", "checklist", "Stappen", tooltip="De stappen van het protocol afvinken"),
        Binding("f8,ctrl+g", "report", "Melden", tooltip="Status 'gemeld' (het formulier moet compleet zijn)"),
        Binding("f9,ctrl+r", "finish", "Afronden", tooltip="Status 'afgerond'"),
        Binding("ctrl+o", "export", "Exporteren", tooltip="Opslaan als PDF, HTML, Markdown of JSON"),
        Binding("ctrl+s", "saved", "Opslaan", show=False, tooltip="Alles wordt al meteen opgeslagen"),
    ]

    def __init__(self, store, incident_id: int) -> None:
        super().__init__()
        self.store = store
        self.incident_id = incident_id
        self.incident = None
        self.report: dict = {}
        self.status = CONCEPT
        self.touched: set[str] = set()  # fields the user changed or left: their "vul dit in" shows
        self.reveal_all = False  # after a refused "Melden": every message shows
        self.problems: dict[str, list[str]] = {}
        self.widgets: dict[str, Widget] = {}
        self.saved_at: str = ""
        self.save_problem: str = ""
        self.base = 0  # the version read when the form opened
        self.bases: dict[str, int] = {}  # per field: the version its last save returned
        self.conflicts: dict[str, Widget] = {}  # fields whose save lost to another window, until resolved

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        incident = open_incident(self.app, self.store, self.incident_id)
        if incident is None:
            yield from gone(self.incident_id)
            return
        self.incident = incident
        self.base = incident.version
        self.report = dict(incident.report)
        self.status = incident.status
        yield Static(id="incident-status")
        with VerticalScroll(id="incident-form"):
            yield Static(Content("Alles wat je invult wordt meteen opgeslagen. * = nodig om te melden. "
                                 "Tab: volgend veld."), classes="intro")
            for spec in FIELDS:
                with FieldBox(spec):
                    label = spec.label + (" *" if spec.required else "")
                    if spec.is_list:
                        yield Label(Content(label), classes="field-label")
                        widget: Widget = RowsEditor(spec, self.report.get(spec.id) or [])
                        yield widget
                    else:
                        with Horizontal(classes="field-line"):
                            yield Label(Content(label), classes="field-label")
                            widget = self._widget_for(spec, self.report.get(spec.id) or "")
                            yield widget
                    self.widgets[spec.id] = widget
                    if spec.help:
                        yield Static(Content(spec.help), classes="field-help")
                    yield Static(id=f"msg-{spec.id}", classes="field-message")
            yield Static("Status", classes="heading")
            with Horizontal(classes="buttons"):
                yield Button("Melden (F8)", id="to-gemeld", variant="primary")
                yield Button("Afronden (F9)", id="to-afgerond")
                yield Button("Terug naar concept", id="to-concept")
            with Horizontal(classes="buttons"):
                yield Button("Stappen (F7)", id="open-checklist")
                yield Button("Exporteren (Ctrl+O)", id="open-export")
        yield KeysBar(compact=True)

    def _widget_for(self, spec: ReportField, value: str) -> Widget:
        wid = f"field-{spec.id}"
        if spec.kind == "choice":
            return RadioSet(*(ChoiceButton(Content(label), value=key == value, name=key)
                              for key, label in spec.choices), id=wid, classes="choice")
        if spec.kind == "longtext":
            area = TextArea(value, id=wid, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            area.cursor_blink = self.app.animation_level != "none"
            return area
        suggester = SuggestFromList(spec.suggestions, case_sensitive=False) if spec.suggestions else None
        field_input = Input(value, id=wid, placeholder=PLACEHOLDERS.get(spec.kind, ""), suggester=suggester,
                            select_on_focus=False, classes=f"-{spec.kind}")
        field_input.cursor_blink = self.app.animation_level != "none"
        return field_input

    def on_mount(self) -> None:
        self.sub_title = "Incidentmelding"
        if self.incident is None:
            return
        self.refresh_messages()
        self.call_after_refresh(self.focus_first_open)

    def focus_first_open(self) -> None:
        """Focus the first field still empty (the walk may have filled the first ones)."""
        for spec in FIELDS:
            if is_empty(self.report.get(spec.id)):
                self.focus_field(spec.id)
                return
        self.focus_field(FIELDS[0].id)

    def focus_field(self, field_id: str) -> None:
        widget = self.widgets.get(field_id)
        if isinstance(widget, RowsEditor):
            first = widget.query(".cell").first() if widget.query(".cell") else None
            widget = first
        if widget is not None:
            widget.focus()
            widget.scroll_visible(animate=False)

    # -- values ----------------------------------------------------------------------------

    def field_of(self, widget: Widget | None) -> str | None:
        node = widget
        while node is not None and node is not self:
            if isinstance(node, FieldBox):
                return node.spec.id
            node = node.parent
        return None

    def value_of(self, field_id: str):
        widget = self.widgets[field_id]
        if isinstance(widget, RowsEditor):
            return widget.values()
        if isinstance(widget, RadioSet):
            pressed = widget.pressed_button
            return (pressed.name or "") if pressed is not None else ""
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Input):
            return widget.value
        return ""

    def save(self, field_id: str) -> None:
        """Write the field's current value at once (nothing happens when it did not change)."""
        if self.incident is None or field_id not in self.widgets:
            return
        value = normalise(field_id, self.value_of(field_id))
        stored = self.report.get(field_id)
        if value == stored or (is_empty(value) and is_empty(stored)):
            return
        if field_id in self.conflicts:
            return  # the user chooses first (see incident_conflict); the text stays in the field
        if self.write(field_id, value, self.bases.get(field_id, self.base)):
            self.saved(field_id, value)

    def saved(self, field_id: str, value) -> None:
        """The field's value is in the register now."""
        if is_empty(value):
            self.report.pop(field_id, None)
        else:
            self.report[field_id] = value
        self.touched.add(field_id)
        self.saved_at = self.store.now().astimezone().strftime("%H:%M:%S")
        self.refresh_messages()

    def write(self, field_id: str, value, base: int) -> bool:
        """Save one field on top of the version this window last saw of it; a lost save shows a ConflictBox."""
        from smassist.core.incidents.errors import IncidentConflict

        conflict: list[IncidentConflict] = []

        def save_it():
            try:
                return self.store.save_field(self.incident_id, field_id, value, base_version=base)
            except IncidentConflict as exc:
                conflict.append(exc)
                return None

        ok, version = attempt(self.app, save_it, "Niet opgeslagen")
        if conflict:
            show_conflict(self, field_id, conflict[0])
            return False
        if not ok:
            self.save_problem = "Let op: de laatste wijziging is niet opgeslagen."
            self.show_status()
            return False
        self.save_problem = ""
        self.bases[field_id] = version
        return True

    @on(ConflictBox.Chosen)
    async def conflict_chosen(self, message: ConflictBox.Chosen) -> None:
        await resolve(self, message)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(RadioSet.Changed)
    def value_changed(self, event) -> None:
        field_id = self.field_of(event.control)
        if field_id is not None:
            self.save(field_id)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Mark the field being filled in (its help shows); a class, as :focus-within is not always redone."""
        field_id = self.field_of(event.widget)
        for box in self.query(FieldBox):
            box.set_class(box.spec.id == field_id, "-focused")

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        field_id = self.field_of(event.widget)
        if field_id is not None and field_id not in self.touched:
            self.touched.add(field_id)
            self.refresh_messages()

    @on(Button.Pressed, ".add-row")
    async def add_row(self, event: Button.Pressed) -> None:
        event.stop()
        rows = event.button.parent
        if isinstance(rows, RowsEditor):
            row = await rows.add_row()
            first = row.query(".cell").first()
            first.focus()
            first.scroll_visible(animate=False)

    @on(Button.Pressed, ".remove-row")
    async def remove_row(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        if not isinstance(row, RowEditor):
            return
        rows = row.parent
        field_id = row.spec.id
        if isinstance(rows, RowsEditor) and len(rows.query(RowEditor)) == 1:
            # the last row is emptied instead of removed, so there is always a line to type in
            for cell in row.cells.values():
                if isinstance(cell, Select):
                    cell.clear()
                elif isinstance(cell, Input):
                    cell.value = ""
            self.save(field_id)
            return
        await row.remove()
        self.save(field_id)
        if isinstance(rows, RowsEditor):
            rows.query_one(".add-row").focus()

    # -- messages ----------------------------------------------------------------------------

    def refresh_messages(self) -> None:
        self.problems = check_report(self.report)
        for spec in FIELDS:
            messages = self.problems.get(spec.id, [])
            show = self.reveal_all or spec.id in self.touched or not is_empty(self.report.get(spec.id))
            box = self.query_one(f"#msg-{spec.id}", Static)
            shown = [_beside(spec, m) for m in messages] if show else []
            box.display = bool(shown)
            box.update(Content("\n").join(Content(f"⚠ {m}") for m in shown))
            self.query_one(f"#box-{spec.id}", FieldBox).set_class(bool(shown), "-problem")
        self.show_status()

    def show_status(self) -> None:
        if self.incident is None:
            return
        label = STATUSES.get(self.status, self.status)
        protocol = self.app.catalog.protocols.get(self.incident.protocol) if hasattr(self.app, "catalog") else None
        who = protocol.organisation if protocol is not None else self.incident.protocol
        first = Content.assemble((f"Incident {self.incident_id}", "bold"), " · status ", (label, "bold"), f" · {who}")
        count = sum(len(m) for m in self.problems.values())
        if self.save_problem:
            second = Content.styled(f"⚠ {self.save_problem}", "bold")
        else:
            saved = f"Opgeslagen om {self.saved_at}" if self.saved_at else "Alles is opgeslagen"
            if count:
                todo = f"nog {count} punt{'en' if count != 1 else ''} voor je kunt melden"
            else:
                todo = "compleet: melden kan met F8" if self.status == CONCEPT else "compleet"
            second = Content(f"✓ {saved} · {todo}")
        self.query_one("#incident-status", Static).update(Content("\n").join([first, second]))

    # -- status, checklist, export ---------------------------------------------------------------

    def change_status(self, status: str) -> None:
        from smassist.core.incidents.errors import IncidentError, ValidationError

        if self.incident is None:
            return
        if status == self.status:
            self.notify(f"De status is al '{STATUSES[status]}'.", title="Status")
            return
        try:
            self.store.set_status(self.incident_id, status)
        except ValidationError as exc:
            self.reveal_all = True
            self.refresh_messages()
            self.notify(f"Nog niet {STATUSES[status].lower()}: {str(exc).rstrip('.')}.", title="Status",
                        severity="error", timeout=10)
            first = next((spec.id for spec in FIELDS if self.problems.get(spec.id)), None)
            if first is not None:
                self.focus_field(first)
            return
        except IncidentError as exc:
            self.notify(sentence(str(exc)), title="Status", severity="error", timeout=10)
            return
        self.status = status
        self.show_status()
        self.notify(f"Incident {self.incident_id} heeft nu de status '{STATUSES[status]}'.", title="Status")

    @on(Button.Pressed, "#to-gemeld")
    def action_report(self) -> None:
        self.change_status(REPORTED)

    @on(Button.Pressed, "#to-afgerond")
    def action_finish(self) -> None:
        self.change_status(CLOSED)

    @on(Button.Pressed, "#to-concept")
    def action_concept(self) -> None:
        self.change_status(CONCEPT)

    @on(Button.Pressed, "#open-checklist")
    def action_checklist(self) -> None:
        from smassist.tui.screens.incident_checklist import IncidentChecklistScreen

        if self.incident is not None:
            self.app.push_screen(IncidentChecklistScreen(self.store, self.incident_id))

    @on(Button.Pressed, "#open-export")
    def action_export(self) -> None:
        from smassist.tui.screens.incident_export import IncidentExportScreen

        if self.incident is not None:
            self.app.push_screen(IncidentExportScreen(self.store, self.incident_id))

    def action_saved(self) -> None:
        self.notify("Alles is al opgeslagen: elke wijziging wordt meteen bewaard.", title="Opslaan")

    def action_back(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.incident is None and action in ("checklist", "report", "finish", "export"):
            return False
        return True

    def commands(self):
        if self.incident is None:
            return
        yield SystemCommand("Melden", "Status 'gemeld' (F8); het formulier moet compleet zijn", self.action_report)
        yield SystemCommand("Afronden", "Status 'afgerond' (F9)", self.action_finish)
        yield SystemCommand("Terug naar concept", "Status 'concept'", self.action_concept)
        yield SystemCommand("Stappen afvinken", "De stappen van het protocol (F7)", self.action_checklist)
        yield SystemCommand("Incident exporteren", "PDF, HTML, Markdown of JSON (Ctrl+O)", self.action_export)


def _beside(spec: ReportField, message: str) -> str:
    """A core message without the field's own label in front (the label is right beside it)."""
    for prefix in (f"{spec.label}: ", f"{spec.label}, "):
        if message.startswith(prefix):
            rest = message[len(prefix):]
            return rest[:1].upper() + rest[1:]
    return message
