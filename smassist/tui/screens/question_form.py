"""The form of a walk's input step (the incident's facts): its fields built from the tree, their values read.

A mixin for the question screen, which keeps what is typed (`typed`, `fields`,
`restore`) and saves it as a draft on every change.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioSet, Static

from smassist.core.date_format import DATE_PLACEHOLDER
from smassist.tui.widgets import ChoiceButton


class FactsForm:
    """Builds the form of an input step in the screen's `#form` and reads its fields."""

    def show_form(self, node) -> None:
        form = self.query_one("#form", Vertical)
        form.remove_children()  # finishes later: the new widgets carry no ids, so nothing clashes
        earlier = {**self.walk.inputs.get(node.id, {}), **self.restore.pop(node.id, {})}
        self.form_node = node.id
        self.typed = {field.id: earlier.get(field.id, "") for field in node.fields}
        self.fields = {}
        widgets = []
        for field in node.fields:
            label = field.label + ("" if field.required else " (niet verplicht)")
            widgets.append(Label(Content(label), classes="field-label"))
            if field.help:
                widgets.append(Static(Content(field.help), classes="field-help"))
            value = earlier.get(field.id, "")
            if field.kind == "choice":
                widget = RadioSet(*(ChoiceButton(Content(c), value=c == value) for c in field.choices))
            elif field.kind == "longtext":
                from textual.widgets import TextArea  # only for a form: half a MiB of code a walk rarely needs

                widget = TextArea(value, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            else:
                widget = Input(value=value, placeholder=DATE_PLACEHOLDER if field.kind == "date" else "",
                               select_on_focus=False)
                widget.cursor_blink = self.app.animation_level != "none"
            widget.add_class("field")
            self.fields[field.id] = widget
            widgets.append(widget)
        widgets.append(Static(Content("Tab: volgend veld · Enter op 'Verder' (of in het laatste veld): opslaan"),
                              classes="field-help"))
        widgets.append(Button("Verder", classes="submit", variant="primary"))
        form.mount_all(widgets)
        for widget in self.fields.values():  # typing on goes after the text already there (as in an Input)
            if is_text_area(widget) and widget.text:
                self.call_after_refresh(lambda area=widget: area.move_cursor(area.document.end))
        self.call_after_refresh(next(iter(self.fields.values())).focus)

    @staticmethod
    def field_value(field, widget: Widget) -> str:
        if isinstance(widget, RadioSet):
            pressed = widget.pressed_index
            return field.choices[pressed] if pressed >= 0 else ""
        if is_text_area(widget):
            return widget.text
        return widget.value


def is_text_area(widget: Widget) -> bool:
    """Whether the widget is a TextArea; never imports it (a walk without a long text field does not need it)."""
    return any(cls.__name__ == "TextArea" and cls.__module__.startswith("textual.") for cls in type(widget).__mro__)
