"""Question: one question at a time, with progress, breadcrumbs and the "why" text.

The screen only shows `Walk.current` and passes the user's choice to
`Walk.answer` / `Walk.fill`; going back and restarting are the walk's too.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, RadioSet, Static, TextArea
from textual.widgets.option_list import Option

from smassist.core.roles import ROLES
from smassist.core.walk import Walk, WalkError
from smassist.tui.presenting import questions_at_most, step_answer
from smassist.tui.widgets import ChoiceButton


class QuestionScreen(Screen):
    CSS_PATH = "question.tcss"
    BINDINGS = [
        Binding("escape", "back", "Terug", tooltip="Eén vraag terug; je latere antwoorden blijven bewaard"),
        Binding("r", "restart", "Opnieuw", tooltip="Deze vragen opnieuw beginnen"),
        Binding("o", "app.topics", "Onderwerpen"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, walk: Walk, *, comparing: bool = False) -> None:
        super().__init__()
        self.walk = walk
        self.comparing = comparing
        self.fields: dict[str, Widget] = {}  # the form's widgets by field id, for an input node  # opened from the comparison: no comparison from here

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="top"):
            yield Static(id="where")
            yield Static(id="progress")
            yield Static(id="crumbs")
        with VerticalScroll(id="body"):
            yield Static(id="question")
            yield OptionList(id="options", markup=False)
            yield Vertical(id="form")
            yield Static(id="error")
            yield Static(id="why")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Vraag"
        self.show_current()

    # -- showing -----------------------------------------------------------------

    def show_current(self) -> None:
        walk = self.walk
        self.query_one("#error", Static).display = False
        if walk.finished:
            self.show_answer()
            return
        node = walk.current
        asked = [step for step in walk.path if not step.skipped]
        number = len(asked) + 1
        most = number - 1 + questions_at_most(walk.tree, node.id, walk.role)
        self.query_one("#where", Static).update(Content.assemble(
            (walk.tree.title, "bold"), f" · {ROLES[walk.role]} · {walk.protocol.organisation}"))
        progress = f"Vraag {number}, de laatste" if most <= number else f"Vraag {number} van hoogstens {most}"
        self.query_one("#progress", Static).update(Content(progress))
        crumbs = self.query_one("#crumbs", Static)
        crumbs.display = bool(asked)
        trail = " › ".join(step_answer(step) for step in asked)
        room = max(20, (self.size.width or 80) - 4) * 2 - len("Tot nu toe: … ")
        if len(trail) > room:  # two lines at most: keep the latest answers
            trail = "…" + trail[-room:]
        crumbs.update(Content(f"Tot nu toe: {trail}"))
        self.query_one("#question", Static).update(Content(walk.question_text()))
        why = self.query_one("#why", Static)
        why.display = bool(node.help)
        why.update(Content.assemble(("Waarom vragen we dit?\n", "bold"), node.help or ""))
        options = self.query_one("#options", OptionList)
        form = self.query_one("#form", Vertical)
        if node.kind == "input":
            options.display = False
            form.display = True
            self.show_form(node)
        else:
            form.display = False
            form.remove_children()
            options.display = True
            options.set_options(
                Option(Content.assemble((f"{n}  ", "bold"), option.text), id=option.id)
                for n, option in enumerate(walk.options(), 1)
            )
            remembered = walk.remembered()
            ids = [o.id for o in walk.options()]
            options.highlighted = ids.index(remembered) if remembered in ids else 0
            options.focus()
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)

    def show_form(self, node) -> None:
        form = self.query_one("#form", Vertical)
        form.remove_children()  # finishes later: the new widgets carry no ids, so nothing clashes
        earlier = self.walk.inputs.get(node.id, {})
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
                widget = TextArea(value, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            else:
                widget = Input(value=value, placeholder="dd-mm-jjjj" if field.kind == "date" else "",
                               select_on_focus=False)
                widget.cursor_blink = self.app.animation_level != "none"
            widget.add_class("field")
            self.fields[field.id] = widget
            widgets.append(widget)
        widgets.append(Static(Content("Tab: volgend veld · Enter op 'Verder' (of in het laatste veld): opslaan"),
                              classes="field-help"))
        widgets.append(Button("Verder", classes="submit", variant="primary"))
        form.mount_all(widgets)
        self.call_after_refresh(next(iter(self.fields.values())).focus)

    def show_answer(self) -> None:
        from smassist.tui.screens.answer import AnswerScreen

        try:
            result = self.walk.result()
        except WalkError as exc:
            self.show_error(f"Geen antwoord mogelijk: {exc}. Ga terug met Escape.")
            self.query_one("#options", OptionList).display = False
            self.query_one("#form", Vertical).display = False
            return
        self.app.push_screen(AnswerScreen(result, self.walk, comparing=self.comparing), callback=self.after_answer)

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.display = True
        error.update(Content.assemble(("⚠ ", "bold"), message))

    def after_answer(self, outcome: str | None) -> None:
        if outcome == "restart":
            self.walk.restart()
            self.show_current()
        else:
            self.action_back()

    # -- answering ---------------------------------------------------------------

    @on(OptionList.OptionSelected, "#options")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.answer(event.option_id)

    def action_choose(self, number: int) -> None:
        options = self.walk.options()
        if self.walk.current is not None and self.walk.current.kind == "question" and number <= len(options):
            self.answer(options[number - 1].id)

    def answer(self, option_id: str | None) -> None:
        try:
            self.walk.answer(option_id or "")
        except WalkError as exc:
            self.show_error(str(exc))
            return
        self.show_current()

    @on(Button.Pressed, ".submit")
    @on(Input.Submitted)
    def submit_form(self, event) -> None:
        event.stop()
        node = self.walk.current
        if node is None or node.kind != "input":
            return
        if isinstance(event, Input.Submitted):
            if event.input is not list(self.fields.values())[-1]:
                self.focus_next()
                return
        values = {}
        for field in node.fields:
            widget = self.fields[field.id]
            if isinstance(widget, RadioSet):
                pressed = widget.pressed_index
                values[field.id] = field.choices[pressed] if pressed >= 0 else ""
            elif isinstance(widget, TextArea):
                values[field.id] = widget.text
            else:
                values[field.id] = widget.value
        try:
            self.walk.fill(values)
        except WalkError as exc:
            self.show_error(str(exc))
            return
        self.show_current()

    def action_back(self) -> None:
        if self.walk.back():
            self.show_current()
        else:
            self.dismiss()

    def action_restart(self) -> None:
        self.walk.restart()
        self.show_current()
        self.notify("Opnieuw begonnen bij de eerste vraag.")

    def commands(self):
        yield SystemCommand("Vorige vraag", "Eén vraag terug (Escape)", self.action_back)
        yield SystemCommand("Opnieuw beginnen", "Alle antwoorden van dit onderwerp wissen", self.action_restart)
