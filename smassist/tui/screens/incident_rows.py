"""The incident form's list fields (people involved, who was informed): a row of widgets per entry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Select

from smassist.core.incidents.fields import Column, ReportField

PLACEHOLDERS = {"date": "dd-mm-jjjj", "time": "uu:mm"}


class RowEditor(Horizontal):
    """One row of a list field (a person involved, someone informed): a widget per column."""

    def __init__(self, spec: ReportField, values: dict[str, str] | None = None) -> None:
        super().__init__(classes="list-row")
        self.spec = spec
        self.initial = values or {}
        self.cells: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        for column in self.spec.columns:
            value = self.initial.get(column.id, "")
            widget = _column_widget(column, value)
            self.cells[column.id] = widget
            yield widget
        yield Button("✕", classes="remove-row", compact=True, tooltip="Deze regel weghalen")

    def values(self) -> dict[str, str]:
        out = {}
        for column in self.spec.columns:
            widget = self.cells.get(column.id)
            if isinstance(widget, Select):
                out[column.id] = widget.value if isinstance(widget.value, str) else ""
            elif isinstance(widget, Input):
                out[column.id] = widget.value
            else:
                out[column.id] = self.initial.get(column.id, "")
        return out


def _column_widget(column: Column, value: str) -> Widget:
    classes = f"cell -{column.kind} -col-{column.id}"
    if column.kind == "choice":
        known = dict(column.choices)
        return Select([(label, key) for key, label in column.choices], prompt=column.label, allow_blank=True,
                      value=value if value in known else Select.NULL, classes=classes)
    placeholder = column.label.split(" (")[0]  # "Naam (mag leeg)": the field's help says names are optional
    if column.kind in PLACEHOLDERS:
        placeholder = f"{column.label} {PLACEHOLDERS[column.kind]}"
    return Input(value, placeholder=placeholder, classes=classes, select_on_focus=False)


class RowsEditor(Vertical):
    """A list field: its rows and a button to add one."""

    def __init__(self, spec: ReportField, rows: list[dict[str, str]]) -> None:
        super().__init__(id=f"field-{spec.id}", classes="rows")
        self.spec = spec
        self.initial = [dict(r) for r in rows if any(v.strip() for v in r.values())] or [{}]

    def compose(self) -> ComposeResult:
        for row in self.initial:
            yield RowEditor(self.spec, row)
        yield Button("+ regel toevoegen", classes="add-row", compact=True)

    def values(self) -> list[dict[str, str]]:
        return [row.values() for row in self.query(RowEditor)]

    async def add_row(self) -> RowEditor:
        row = RowEditor(self.spec)
        await self.mount(row, before=self.query_one(".add-row"))
        return row
