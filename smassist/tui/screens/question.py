"""Question: one question at a time, with progress, breadcrumbs and the "why" text.

The screen only shows `Walk.current` and passes the user's choice to
`Walk.answer` / `Walk.fill`; going back and restarting are the walk's too.

A walk that reaches a form (the incident tree for staff) is kept on disk as a
draft (`smassist.core.walk_draft`) on every key typed into the form and after
every answer, so a crash never eats the facts typed so far. The draft is
removed when the incident is created from the answer, and when the user
restarts the walk or leaves it for the topics.

The answer shows in place of the question (`AnswerView`, mounted hidden once the
first question is on screen): pushing an answer screen cost more than a frame.
Escape on it goes back to the last question, as from a screen of its own.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from smassist.core.answer_export import CONCEPT_MARK
from smassist.core.roles import ROLES
from smassist.core.walk import Walk, WalkError
from smassist.core.walk_draft import Pending, drafts
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.draft_writing import forget_draft  # noqa: F401 - forget_draft is used from here by other screens
from smassist.tui.presenting import latest_answers, questions_at_most, step_answer
from smassist.tui.screens.question_draft import DraftKeeping, confirm_restart  # noqa: F401 - confirm_restart: the answer's
from smassist.tui.screens.question_form import FactsForm
from smassist.tui.styled_once import StyledOnce
from smassist.tui.typing_guard import FormKeys


class Options(OptionList):
    """The question's options; hidden under an answer, they skip Textual's restyling when they lose the focus.

    The answer takes the focus from them: restyling the hidden list then was a tenth of showing the
    answer. They get the focus (and with it a full restyling) whenever they are shown again.
    """

    def watch_has_focus(self, has_focus: bool) -> None:
        if has_focus or all(node.display for node in self.ancestors_with_self):
            super().watch_has_focus(has_focus)


class QuestionScreen(StyledOnce, FormKeys, DraftKeeping, FactsForm, Screen):
    # Textual repaints a whole screen when its focus or sub-title changes; the widgets that show either
    # (the focused ones, the header) refresh themselves. Showing the answer changes both at once.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)

    BINDINGS = [
        Binding("escape", "back", "Terug", tooltip="Eén vraag terug; je latere antwoorden blijven bewaard"),
        Binding("r", "restart", "Opnieuw", tooltip="Deze vragen opnieuw beginnen"),
        Binding("o", "topics", "Onderwerpen"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, walk: Walk, *, comparing: bool = False, pending: Pending | None = None) -> None:
        super().__init__()
        self._styled_for: tuple | None = None  # the theme and style sources when last styled (see resume)
        self._answer_view = self._answer_note = None  # mounted once the first question shows
        self._set_walk(walk, comparing, pending)

    def _set_walk(self, walk: Walk, comparing: bool = False, pending: Pending | None = None) -> None:
        """Everything about one walk: all of it is set anew when a kept screen shows another walk."""
        self.walk = walk
        self.comparing = comparing  # opened from the comparison: no comparison from here, and no draft
        self.fields: dict[str, Widget] = {}  # the form's widgets by field id, for an input node
        # The draft: only the user's own walk that reaches a form; `pending` restores a form's typed values.
        self.drafting = not comparing and drafts(walk)
        self.restore: Pending = {k: dict(v) for k, v in (pending or {}).items()}
        self.form_node: str | None = None  # the input node whose form is shown
        self.typed: dict[str, str] = {}  # the form's values as typed, by field id
        self.registered: dict | None = None  # the facts as they went into the register (see incident_started)
        self.answering = False  # the walk's answer is on screen instead of a question
        self._form_hint_shown = False

    def start(self, walk: Walk, pending: Pending | None = None) -> None:
        """Show another walk from its start, as a new question screen would (used on the kept screen)."""
        self.show_question_parts()
        self._set_walk(walk, pending=pending)
        self.query_one("#form", Vertical).remove_children()
        self.show_current()
        if not self.answering:
            self.answer_view()

    def _on_screen_resume(self, event) -> None:
        # Textual restyles every widget on each resume; a kept screen shown again for another topic has
        # the styles it had, unless the theme changed or style sources were added meanwhile.
        styled_for = (self.app.theme, len(self.app.stylesheet.source))
        if styled_for == self._styled_for:
            event.refresh_styles = False
        self._styled_for = styled_for

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="top")  # where, progress and the answers so far: one widget, three changed lines
        with VerticalScroll(id="body"):
            yield Static(id="question")
            yield Options(id="options", markup=False)
            yield Vertical(id="form")
            yield Static(id="error")
            yield Static(id="why")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Vraag"
        self.show_current()
        if not self.answering:  # ready for the answer while the user reads the question
            self.call_after_refresh(self.answer_view)

    def answer_view(self):
        """The view the answer shows in (mounted hidden on first use, then kept and updated)."""
        from smassist.tui.screens.answer import AnswerNote, AnswerView

        if self._answer_view is None:
            self.app._add_screen_css(AnswerView)
            self._answer_view, self._answer_note = AnswerView(), AnswerNote(id="answer-note")
            self._answer_view.display = self._answer_note.display = False
            self.mount_all([self._answer_view, self._answer_note], before=self.query_one(KeysBar))
        return self._answer_view

    def in_form(self) -> bool:
        return self.form_node is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # in a form the letters are typing, not shortcuts: the footer does not offer them either
        if action in ("restart", "topics", "choose") and self.in_form():
            return False
        if action == "choose" and self.answering:
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
        self.show_question_parts()
        node = walk.current
        asked = [step for step in walk.path if not step.skipped]
        number = len(asked) + 1
        most = number - 1 + questions_at_most(walk.tree, node.id, walk.role)
        progress = f"Vraag {number}, de laatste" if most <= number else f"Vraag {number} van hoogstens {most}"
        room = max(20, (self.size.width or 80) - 4) * 2 - len("Tot nu toe: … › ")  # the answers so far: two lines
        self.query_one("#top", Static).update(Content.assemble(
            (walk.tree.title, "bold"), f" · {ROLES[walk.role]} · {walk.protocol.organisation}\n",
            (progress, "$text-accent"),
            # an imported protocol not yet reviewed: its questions lead to draft answers (short: fits 80 columns)
            *([("  ⚠ " + CONCEPT_MARK, "bold $warning")] if walk.protocol.is_draft else []),
            *([f"\nTot nu toe: {latest_answers([step_answer(step) for step in asked], room)}"] if asked else [])))
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

    def show_answer(self) -> None:
        try:
            result = self.walk.result()
        except WalkError as exc:
            self.show_question_parts()
            self.show_error(f"Geen antwoord mogelijk: {exc}. Ga terug met Escape.")
            self.query_one("#options", OptionList).display = False
            self.query_one("#form", Vertical).display = False
            return
        view = self.answer_view()
        view.show(result, self.walk, comparing=self.comparing)
        self.answering = True
        self.form_node = None  # the form's letters are shortcuts again
        self.query_one("#top").display = self.query_one("#body").display = False
        view.display = True
        self.sub_title = "Antwoord"
        if view.is_mounted:
            view.focus()
        else:  # the walk needed no questions: the view is being mounted right now
            self.call_after_refresh(view.focus)

    def show_question_parts(self) -> None:
        """The question's parts instead of the answer."""
        if not self.answering:
            return
        self.answering = False
        self.answer_view().display = False
        self._answer_note.display = False
        self.query_one("#top").display = self.query_one("#body").display = True
        self.sub_title = "Vraag"

    @property
    def show_palette_hint(self) -> bool:
        """For the footer: the answer's keys fill it without the palette's hint (as on the answer screen)."""
        return not self.answering

    def leave_answer(self, outcome: str) -> None:
        """From the answer: back to the last question, or (outcome "restart") to the first."""
        self.after_answer(outcome)

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.display = True
        error.update(Content.assemble(("⚠ ", "bold"), message))

    def after_answer(self, outcome: str | None) -> None:
        if outcome == "restart":
            self.restart_now()
        else:
            self.action_back()

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
        if self.answering:
            yield from self.answer_view().commands()
            return
        yield SystemCommand("Vorige vraag", "Eén vraag terug (Escape)", self.action_back)
        yield SystemCommand("Opnieuw beginnen", "Alle antwoorden van dit onderwerp wissen", self.action_restart)


KEPT_SCREEN = "smassist-questions"


def question_screen(app, walk: Walk, pending: Pending | None = None) -> QuestionScreen:
    """The screen to push for the user's own walk: the one kept from an earlier topic, when it is free.

    Showing a topic in a screen that is already mounted and styled costs a third of mounting a new one.
    The comparison's walks get a screen of their own (the user's walk may be under them).
    """
    if app.is_screen_installed(KEPT_SCREEN):
        kept = app.get_screen(KEPT_SCREEN)
        if kept not in app.screen_stack:
            kept.start(walk, pending)
            return kept
        return QuestionScreen(walk, pending=pending)
    screen = QuestionScreen(walk, pending=pending)
    app.install_screen(screen, KEPT_SCREEN)
    return screen

