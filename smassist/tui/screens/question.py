"""Question: one question at a time, with progress, breadcrumbs and the "why" text.

The screen only shows `Walk.current` and passes the user's choice to
`Walk.answer` / `Walk.fill`; going back and restarting are the walk's too.

A walk that reaches a form (the incident tree for staff) is kept on disk as a
draft (`smassist.core.walk_draft`) on every key typed into the form and after
every answer, so a crash never eats the facts typed so far. The draft is
removed when the incident is created from the answer, and when the user
restarts the walk or leaves it for the topics.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from smassist.core.answer_export import CONCEPT_MARK
from smassist.core.date_format import DATE_PLACEHOLDER
from smassist.core.roles import ROLES
from smassist.core.walk import Walk, WalkError
from smassist.core.walk_draft import Pending, drafts
from smassist.tui.draft_writing import draft_writer, forget_draft  # noqa: F401 - forget_draft is used from here by other screens
from smassist.tui.presenting import latest_answers, questions_at_most, step_answer
from smassist.tui.styled_once import StyledOnce
from smassist.tui.typing_guard import FormKeys
from smassist.tui.widgets import ChoiceButton, KeysFooter


class QuestionScreen(StyledOnce, FormKeys, Screen):
    BINDINGS = [
        Binding("escape", "back", "Terug", tooltip="Eén vraag terug; je latere antwoorden blijven bewaard"),
        Binding("r", "restart", "Opnieuw", tooltip="Deze vragen opnieuw beginnen"),
        Binding("o", "topics", "Onderwerpen"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, walk: Walk, *, comparing: bool = False, pending: Pending | None = None) -> None:
        super().__init__()
        self.walk = walk
        self.comparing = comparing  # opened from the comparison: no comparison from here, and no draft
        self.fields: dict[str, Widget] = {}  # the form's widgets by field id, for an input node
        # The draft: only the user's own walk that reaches a form; `pending` restores a form's typed values.
        self.drafting = not comparing and drafts(walk)
        self.restore: Pending = {k: dict(v) for k, v in (pending or {}).items()}
        self.form_node: str | None = None  # the input node whose form is shown
        self.typed: dict[str, str] = {}  # the form's values as typed, by field id
        self.registered: dict | None = None  # the facts as they went into the register (see incident_started)

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
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Vraag"
        self.show_current()

    def in_form(self) -> bool:
        return self.form_node is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # in a form the letters are typing, not shortcuts: the footer does not offer them either
        if action in ("restart", "topics", "choose") and self.in_form():
            return False
        return True

    def action_topics(self) -> None:
        self.app.action_topics()

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
        self.query_one("#progress", Static).update(Content.assemble(
            progress,
            # an imported protocol not yet reviewed: its questions lead to draft answers (short: fits 80 columns)
            *([("  ⚠ " + CONCEPT_MARK, "bold $warning")] if walk.protocol.is_draft else [])))
        crumbs = self.query_one("#crumbs", Static)
        crumbs.display = bool(asked)
        room = max(20, (self.size.width or 80) - 4) * 2 - len("Tot nu toe: … › ")
        crumbs.update(Content(f"Tot nu toe: {latest_answers([step_answer(step) for step in asked], room)}"))
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
            self.form_node = None
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
            if _is_text_area(widget) and widget.text:
                self.call_after_refresh(lambda area=widget: area.move_cursor(area.document.end))
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
            self.restart_now()
        else:
            self.action_back()

    # -- the draft on disk ---------------------------------------------------------

    def pending(self) -> Pending:
        """The values typed but not yet accepted by the walk: the form on screen, and forms left with Escape."""
        kept = {node_id: dict(values) for node_id, values in self.restore.items()}
        node = self.walk.current
        if node is not None and node.id == self.form_node:
            kept[node.id] = dict(self.typed)
        return kept

    def unsaved_labels(self) -> list[str]:
        """The labels of the fields whose typed text a restart would throw away (not in the register)."""
        facts = self.facts(self.pending())
        if self.registered is not None and facts == self.registered:
            return []
        labels = []
        for node_id, values in facts.items():
            node = self.walk.tree.nodes.get(node_id)
            for field in node.fields if node is not None and node.kind == "input" else ():
                if str(values.get(field.id, "")).strip() and field.label not in labels:
                    labels.append(field.label)
        return labels

    def facts(self, pending: Pending) -> dict:
        """What the user typed, as it stands: the walk's inputs, with the form on screen over them."""
        facts = {node: dict(values) for node, values in self.walk.inputs.items()}
        for node, values in pending.items():
            facts[node] = {field: value.strip() for field, value in values.items()}
        return facts

    def save_draft(self) -> None:
        """Keep the walk and the form on disk; the writing (with its fsync) happens off the UI loop."""
        if not self.drafting:
            return
        pending = self.pending()
        if self.registered is not None and self.facts(pending) == self.registered:
            self.forget_draft()  # nothing typed since the incident went into the register
            return
        draft_writer(self.app).save(self.walk, pending)

    def forget_draft(self) -> None:
        """Remove the draft: the facts are in the register, or the user restarted or left this walk."""
        if self.drafting:
            forget_draft(self.app)

    def incident_started(self) -> None:
        """The answer made an incident of this walk: its facts are in the register now."""
        self.registered = self.facts(self.pending())
        self.forget_draft()

    def on_text_area_changed(self, event) -> None:  # TextArea.Changed, without importing TextArea for every walk
        if event.control.has_class("field"):
            self.field_changed(event)

    @on(Input.Changed, ".field")
    @on(RadioSet.Changed, ".field")
    def field_changed(self, event) -> None:
        event.stop()
        widget = event.control
        node = self.walk.current
        if node is None or node.id != self.form_node:
            return
        for field in node.fields:
            if self.fields.get(field.id) is widget:
                self.typed[field.id] = self.field_value(field, widget)
                self.save_draft()
                return

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
        self.save_draft()

    @staticmethod
    def field_value(field, widget: Widget) -> str:
        if isinstance(widget, RadioSet):
            pressed = widget.pressed_index
            return field.choices[pressed] if pressed >= 0 else ""
        if _is_text_area(widget):
            return widget.text
        return widget.value

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
        values = {field.id: self.field_value(field, self.fields[field.id]) for field in node.fields}
        try:
            self.walk.fill(values)
        except WalkError as exc:
            self.show_error(str(exc))
            return
        self.show_current()
        self.save_draft()

    def action_back(self) -> None:
        if self.form_node is not None and any(v.strip() for v in self.typed.values()):
            self.restore[self.form_node] = dict(self.typed)  # offered again when the walk comes back here
        if self.walk.back():
            self.show_current()
            self.save_draft()
        else:
            self.dismiss()  # back to the topics; a draft stays until it is used or thrown away

    def action_restart(self) -> None:
        confirm_restart(self, self.restart_now)

    def restart_now(self) -> None:
        self.walk.restart()
        self.restore.clear()
        self.show_current()
        self.forget_draft()
        self.notify("Opnieuw begonnen bij de eerste vraag.")

    def commands(self):
        yield SystemCommand("Vorige vraag", "Eén vraag terug (Escape)", self.action_back)
        yield SystemCommand("Opnieuw beginnen", "Alle antwoorden van dit onderwerp wissen", self.action_restart)


def _is_text_area(widget: Widget) -> bool:
    """Whether the widget is a TextArea; never imports it (a walk without a long text field does not need it)."""
    return any(cls.__name__ == "TextArea" and cls.__module__.startswith("textual.") for cls in type(widget).__mro__)


def confirm_restart(screen: QuestionScreen, restart) -> None:
    """Restart at once when nothing typed would be lost; otherwise ask first, naming what would be lost."""
    from smassist.tui.screens.incident_confirm import IncidentConfirmScreen

    lost = screen.unsaved_labels()
    if not lost:
        restart()
        return
    detail = ("Dan gaat verloren wat je hebt ingevuld bij: " + ", ".join(lost)
              + ". Wil je het bewaren, kies dan Annuleren en ga terug met Escape: het blijft dan bewaard.")
    screen.app.push_screen(IncidentConfirmScreen("Opnieuw beginnen?", detail, yes="Opnieuw beginnen"),
                           callback=lambda yes: restart() if yes else None)
