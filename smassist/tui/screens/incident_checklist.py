"""Stappen: the protocol's steps for this incident, in its order, ticked off with a date and a note each.

Ticking "gedaan" without a date records today; a date typed (dd-mm-jjjj)
records that day; clearing the date opens the step again. Every change goes to
the register at once (`Store.tick_step`, `Store.save_step_note`).
"""

from __future__ import annotations

import datetime as _dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static

from smassist.core.date_format import DATE_PLACEHOLDER
from smassist.core.incidents.errors import IncidentError, ValidationError
from smassist.core.incidents.fields import parse_date
from smassist.core.incidents.model import ChecklistItem
from smassist.core.references import step_reference
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce
from smassist.tui.widgets import TickBox
from smassist.tui.screens.incident_common import attempt, gone, open_incident, sentence
from smassist.tui.typing_guard import FormKeys

DATE_LABEL = "Datum van de stap"


class DoneBox(TickBox):
    """"Done" for one step: its mark shows only when ticked (never colour alone)."""


def _day(value: _dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


class StepBox(Vertical):
    """One step: its text, who and which article, and the row to tick it off."""

    def __init__(self, item: ChecklistItem, reference: str | None = None, number: int | None = None) -> None:
        super().__init__(id=f"step-{item.position}", classes="step")
        self.item = item
        self.reference = reference  # how a reader finds the article, never its id
        # the protocol's own step number, as the printed report has it; no number of our own,
        # which would put "10." on screen beside the report's "Stap 4"
        self.number = number

    def compose(self) -> ComposeResult:
        yield Static(classes="step-text")
        meta = []
        if self.item.who:
            meta.append(f"wie: {self.item.who}")
        if self.reference:
            meta.append(self.reference)
        if meta:
            yield Static(Content(" · ".join(meta)), classes="step-meta")
        with Horizontal(classes="step-row"):
            yield DoneBox("gedaan", value=self.item.done is not None, classes="done")
            yield Static("op", classes="on")
            yield Input(_day(self.item.done), placeholder=DATE_PLACEHOLDER, classes="date", compact=True,
                        select_on_focus=False)
            yield Input(self.item.note, placeholder="notitie (wat is gedaan, met wie)", classes="note",
                        compact=True, select_on_focus=False)
        yield Static(classes="step-message")

    def on_mount(self) -> None:
        self.show()

    def show(self, message: str = "") -> None:
        item = self.item
        mark = "☑" if item.done else "☐"
        prefix = f"{mark} Stap {self.number}: " if self.number is not None else f"{mark} "
        text = Content.assemble((prefix, "bold"), item.text)
        self.query_one(".step-text", Static).update(text)
        self.set_class(item.done is not None, "-done")
        box = self.query_one(".step-message", Static)
        box.display = bool(message)
        box.update(Content(f"⚠ {message}") if message else "")


class IncidentChecklistScreen(StyledOnce, FormKeys, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Terug", tooltip="Terug; alles is al opgeslagen"),
    ]

    def __init__(self, store, incident_id: int) -> None:
        super().__init__()
        self.store = store
        self.incident_id = incident_id
        self.incident = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        incident = open_incident(self.app, self.store, self.incident_id)
        if incident is None:
            yield from gone(self.incident_id)
            return
        self.incident = incident
        yield Static(id="checklist-status")
        with VerticalScroll(id="checklist"):
            if not incident.checklist:
                yield Static("Het protocol noemt bij dit antwoord geen stappen.", id="no-steps")
            else:
                yield Static(Content("Vink af met spatie (datum van vandaag) of typ de datum; een notitie per stap. "
                                     "Alles wordt meteen opgeslagen."), classes="intro")
            protocol = self.app.catalog.protocols.get(incident.protocol)
            for item in incident.checklist:
                yield StepBox(item, step_reference(protocol, item.article), item.number(protocol))
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Stappen"
        if self.incident is None:
            return
        self.show_status()
        boxes = list(self.query(StepBox))
        first_open = next((b for b in boxes if b.item.done is None), boxes[0] if boxes else None)
        if first_open is not None:
            self.call_after_refresh(lambda: self._focus(first_open))

    @staticmethod
    def _focus(box: StepBox) -> None:
        box.query_one(DoneBox).focus()
        box.scroll_visible(animate=False)

    def show_status(self) -> None:
        items = self.incident.checklist
        done = sum(1 for i in items if i.done)
        protocol = self.app.catalog.protocols.get(self.incident.protocol) if hasattr(self.app, "catalog") else None
        who = protocol.organisation if protocol is not None else self.incident.protocol
        first = Content.assemble((f"Incident {self.incident_id}", "bold"), f" · stappen volgens {who}")
        following = next((i for i in items if i.done is None), None)
        if not items:
            second = Content("")
        elif following is None:
            second = Content(f"✓ Alle {len(items)} stappen zijn gedaan")
        else:
            # named by its words: a position of ours ("stap 10") is not the protocol's step number
            second = Content(f"{done} van {len(items)} gedaan · volgende: {following.short}")
        self.query_one("#checklist-status", Static).update(Content("\n").join([first, second]))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        current = self.box_of(event.widget)
        for box in self.query(StepBox):
            box.set_class(box is current, "-focused")

    # -- ticking off --------------------------------------------------------------------------

    @staticmethod
    def box_of(widget) -> StepBox | None:
        node = widget
        while node is not None and not isinstance(node, StepBox):
            node = node.parent
        return node

    def tick(self, box: StepBox, done: _dt.date | None) -> bool:
        """Save the step's done date (None: open again); False with a message beside it when refused."""
        try:
            self.store.tick_step(self.incident_id, box.item.position, done)
        except ValidationError as exc:
            box.show(sentence(str(exc)))
            return False
        except IncidentError as exc:
            self.notify(sentence(str(exc)), title="Niet opgeslagen", severity="error", timeout=10)
            return False
        box.item.done = done
        box.show()
        self.show_status()
        return True

    @on(Checkbox.Changed, ".done")
    def done_changed(self, event: Checkbox.Changed) -> None:
        box = self.box_of(event.checkbox)
        if box is None or (box.item.done is not None) == event.value:
            return  # nothing new (also when the date field set the box)
        date_input = box.query_one(".date", Input)
        if event.value:
            try:
                day = parse_date(date_input.value, DATE_LABEL) if date_input.value.strip() else _dt.date.today()
            except ValidationError:
                day = _dt.date.today()
            if self.tick(box, day):
                with date_input.prevent(Input.Changed):
                    date_input.value = _day(day)
            else:
                with event.checkbox.prevent(Checkbox.Changed):
                    event.checkbox.value = False
        else:
            if self.tick(box, None):
                with date_input.prevent(Input.Changed):
                    date_input.value = ""
            else:
                with event.checkbox.prevent(Checkbox.Changed):
                    event.checkbox.value = True

    @on(Input.Changed, ".date")
    def date_changed(self, event: Input.Changed) -> None:
        box = self.box_of(event.input)
        if box is None:
            return
        text = event.value.strip()
        checkbox = box.query_one(DoneBox)
        if not text:
            if box.item.done is not None and self.tick(box, None):
                with checkbox.prevent(Checkbox.Changed):
                    checkbox.value = False
            box.show()
            return
        try:
            day = parse_date(text, DATE_LABEL)
        except ValidationError as exc:
            box.show(f"{sentence(str(exc))[:-1]} (nog niet opgeslagen).")
            return
        if day == box.item.done:
            box.show()
            return
        if self.tick(box, day):
            with checkbox.prevent(Checkbox.Changed):
                checkbox.value = True

    @on(Input.Changed, ".note")
    def note_changed(self, event: Input.Changed) -> None:
        box = self.box_of(event.input)
        if box is None or event.value == box.item.note:
            return
        ok, _ = attempt(self.app, lambda: self.store.save_step_note(self.incident_id, box.item.position, event.value),
                        "Notitie niet opgeslagen")
        if ok:
            box.item.note = event.value

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_back(self) -> None:
        self.dismiss(None)
