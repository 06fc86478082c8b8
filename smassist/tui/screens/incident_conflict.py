"""Two windows, one incident field: the window whose save lost keeps its text and says so.

The register refuses a save based on an older version of a field another
window changed since (`IncidentConflict`, nothing written). This box, under
the field, shows the other window's text; the field keeps this window's text
and is not saved again until the user chooses: keep mine, take theirs, or
(for text) keep both, one after the other. Until then both texts exist: the
other one in the register, this one on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from smassist.core.incidents.export import display_value

KEEP_MINE, TAKE_THEIRS, KEEP_BOTH = "mine", "theirs", "both"


def both(ours: str, theirs: str, longtext: bool) -> str:
    """This window's text, then the other window's: nothing typed in either is lost."""
    return f"{ours}\n\n{theirs}" if longtext else f"{ours} / {theirs}"


class ConflictBox(Vertical):
    """Under a field whose save lost: the other window's text and the three ways out."""

    @dataclass
    class Chosen(Message):
        box: ConflictBox
        field_id: str
        choice: str

    def __init__(self, field_id: str, label: str, theirs: object, version: int, text_field: bool) -> None:
        super().__init__(id=f"conflict-{field_id}", classes="conflict")
        self.field_id = field_id
        self.label = label
        self.theirs = theirs
        self.version = version
        self.text_field = text_field

    def compose(self) -> ComposeResult:
        other = "\n".join(display_value(self.field_id, self.theirs)) or "(leeg)"
        yield Static(Content.assemble(
            ("⚠ Niet opgeslagen: ", "bold"),
            f"een ander venster heeft '{self.label}' intussen veranderd in:\n",
            (other, "italic"),
            "\nJouw tekst staat nog in het veld. Kies wat blijft:"), classes="conflict-text")
        with Horizontal(classes="conflict-buttons"):
            yield Button("Mijn tekst", classes="keep-mine", compact=True)
            yield Button("Andere tekst", classes="take-theirs", compact=True)
            if self.text_field:
                yield Button("Allebei", classes="keep-both", compact=True)

    @on(Button.Pressed, ".keep-mine")
    def _mine(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Chosen(self, self.field_id, KEEP_MINE))

    @on(Button.Pressed, ".take-theirs")
    def _theirs(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Chosen(self, self.field_id, TAKE_THEIRS))

    @on(Button.Pressed, ".keep-both")
    def _both(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Chosen(self, self.field_id, KEEP_BOTH))


def show_conflict(form, field_id: str, exc) -> None:
    """Under the field: the other window's text and the choice; the field keeps this window's text."""
    from smassist.core.incidents.fields import FIELDS

    spec = next(s for s in FIELDS if s.id == field_id)
    box = ConflictBox(field_id, spec.label, exc.theirs, exc.version, spec.kind in ("text", "longtext"))
    form.conflicts[field_id] = box
    form.query_one(f"#box-{field_id}").mount(box)
    form.save_problem = f"Let op: '{spec.label}' is niet opgeslagen; een ander venster veranderde het ook."
    form.show_status()


async def resolve(form, message: ConflictBox.Chosen) -> None:
    """Carry out the user's choice on the form (an IncidentFormScreen): save it on top of the newer version."""
    from smassist.core.incidents.fields import normalise
    from smassist.tui.screens.incident_rows import RowsEditor

    box, field_id = message.box, message.field_id
    ours = normalise(field_id, form.value_of(field_id))
    if message.choice == TAKE_THEIRS:
        value = box.theirs
    elif message.choice == KEEP_BOTH:
        value = both(str(ours), str(box.theirs or ""), form.widgets[field_id].__class__.__name__ == "TextArea")
    else:
        value = ours
    form.conflicts.pop(field_id, None)
    await box.remove()
    if not form.write(field_id, value, box.version):
        return  # lost again (a third window): a new box says so
    form.saved(field_id, value)
    widget = form.widgets[field_id]
    if value == ours:
        return
    if isinstance(widget, RowsEditor):
        replacement = RowsEditor(widget.spec, value if isinstance(value, list) else [])
        await widget.parent.mount(replacement, after=widget)
        await widget.remove()
        form.widgets[field_id] = replacement
    elif hasattr(widget, "load_text"):
        widget.load_text(str(value))
    elif hasattr(widget, "pressed_button"):
        for button in widget.query("RadioButton"):
            button.value = button.name == value
    else:
        widget.value = str(value)
    form.notify("Opgeslagen. Beide teksten staan nu in het veld." if message.choice == KEEP_BOTH
                else "De tekst van het andere venster staat nu in het veld.", title="Incidentmelding")
