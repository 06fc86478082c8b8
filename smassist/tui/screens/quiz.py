"""Quiz for a room: set it up (protocol, role, how many, order), then case by case:
the story, the room's pick, the reveal with the verdict and the article, a score.

Drawing cases, the order and the score are `smassist.core.quiz`; these screens
only show a `Quiz` and pass the room's pick to it.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from smassist.core.answer_export import citation_heading
from smassist.core.models import Protocol
from smassist.core.problems import DataError
from smassist.core.quiz import Case, Quiz, QuizError, QuizSet, case_pool, draw, read_quiz_set, set_cases
from smassist.core.roles import ROLES
from smassist.core.verdicts import Verdict
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.screens.training import training_scenarios
from smassist.tui.styled_once import StyledOnce
from smassist.tui.widgets import ChoiceButton

ALL_ROLES = "all"
COUNTS = (("5", 5), ("10", 10), ("20", 20), ("alle", None))
ORDERS = (("random", "Willekeurig"), ("code", "Vaste reeks, code"), ("file", "Uit bestand"))


class QuizSetupScreen(StyledOnce, Screen):
    """Protocol, role, number of cases and the order; Start."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug"),
        Binding("ctrl+s", "start", "Start", tooltip="Begin de quiz"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.protocol: Protocol | None = None
        self.quiz_set: QuizSet | None = None
        self.set_problem: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="setup"):
            with Horizontal(classes="row"):
                yield Label("Protocol", classes="label")
                yield Button("", id="quiz-protocol", compact=True)
            with Horizontal(classes="row"):
                yield Label("Rol", classes="label")
                yield RadioSet(ChoiceButton("alle", id=f"role-{ALL_ROLES}"),
                               *(ChoiceButton(name, id=f"role-{key}") for key, name in ROLES.items()),
                               id="quiz-role", compact=True)
            with Horizontal(classes="row"):
                yield Label("Aantal", classes="label")
                yield RadioSet(*(ChoiceButton(label, id=f"count-{label}") for label, _ in COUNTS),
                               id="quiz-count", compact=True)
            with Horizontal(classes="row"):
                yield Label("Volgorde", classes="label")
                yield RadioSet(*(ChoiceButton(label, id=f"order-{key}") for key, label in ORDERS),
                               id="quiz-order", compact=True)
            with Horizontal(classes="row"):
                yield Label("Code", classes="label")
                yield Input(placeholder="bijv. teamdag-maart (zelfde code = zelfde gevallen)", id="quiz-code",
                            compact=True)
            yield Static(id="quiz-pool")
            yield Button("Start de quiz", id="quiz-start", variant="primary", compact=True)
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Quiz instellen"
        app = self.app
        self.query_one("#quiz-code", Input).cursor_blink = app.animation_level != "none"
        self.protocol = app.protocol or next(iter(sorted(app.catalog.protocols.values(), key=lambda p: p.organisation)),
                                             None)
        path = getattr(app, "quiz_set", None)
        if path:
            try:
                self.quiz_set = read_quiz_set(Path(path))
            except DataError as exc:
                self.set_problem = str(exc.problems[0])
        role = ALL_ROLES
        if self.quiz_set is not None:
            if self.quiz_set.protocol in app.catalog.protocols:
                self.protocol = app.catalog.protocols[self.quiz_set.protocol]
            role = self.quiz_set.role or ALL_ROLES
        elif app.role:
            role = app.role
        with self.prevent(RadioSet.Changed):
            self.query_one(f"#role-{role}", ChoiceButton).value = True
            self.query_one("#count-10", ChoiceButton).value = True
            order = "file" if self.quiz_set is not None else "random"
            self.query_one(f"#order-{order}", ChoiceButton).value = True
        self.query_one("#order-file", ChoiceButton).disabled = self.quiz_set is None
        self.call_after_refresh(self.show)  # once the radio sets have taken the choices above
        self.query_one("#quiz-start", Button).focus()

    # -- reading the form -------------------------------------------------------------------

    def chosen(self, radio_id: str, prefix: str) -> str:
        pressed = self.query_one(f"#{radio_id}", RadioSet).pressed_button
        return (pressed.id or "").removeprefix(prefix) if pressed else ""

    @property
    def role(self) -> str | None:
        role = self.chosen("quiz-role", "role-")
        return role if role in ROLES else None

    @property
    def order(self) -> str:
        return self.chosen("quiz-order", "order-") or "random"

    @property
    def count(self) -> int | None:
        label = self.chosen("quiz-count", "count-")
        return dict(COUNTS).get(label, 10)

    def pool(self):
        scenarios, _ = training_scenarios(self.app)
        return case_pool(scenarios, self.app.catalog, self.protocol.id, self.role)

    def show(self) -> None:
        button = self.query_one("#quiz-protocol", Button)
        button.label = Content(f"{self.protocol.organisation}  ▼ wijzigen" if self.protocol else "Kies een protocol  ▼")
        code = self.query_one("#quiz-code", Input)
        code.disabled = self.order != "code"
        info = self.query_one("#quiz-pool", Static)
        if self.protocol is None:
            info.update("Er is geen bruikbaar protocol; zie de problemen in de gegevens (F3).")
            return
        pool = self.pool()
        lines = [f"{len(pool.cases)} gevallen van {self.protocol.organisation}"
                 + (f" voor {ROLES[self.role]}" if self.role else "") + "."]
        if self.order == "file":
            name = self.quiz_set.title or self.quiz_set.path.name if self.quiz_set else ""
            lines.append(f"Vaste reeks ‘{name}’: {len(self.quiz_set.names) if self.quiz_set else 0} gevallen, "
                         "in de volgorde van het bestand.")
        elif self.order == "code":
            lines.append("Zelfde code, zelfde gevallen in dezelfde volgorde (ook in andere browsers).")
        if self.set_problem:
            lines.append(f"⚠ De quizreeks is niet gelezen: {self.set_problem}")
        if pool.problems:
            lines.append(f"⚠ {len(pool.problems)} scenario('s) niet bruikbaar, bijvoorbeeld: {pool.problems[0]}")
        info.update("\n".join(lines))

    @on(RadioSet.Changed)
    @on(Input.Changed, "#quiz-code")
    def changed(self) -> None:
        self.show()

    @on(Button.Pressed, "#quiz-protocol")
    def choose_protocol(self) -> None:
        from smassist.tui.screens.choose_protocol import ChooseProtocolScreen

        app = self.app
        protocols = sorted(app.catalog.protocols.values(), key=lambda p: p.organisation.casefold())
        if not protocols:
            self.notify("Er is geen bruikbaar protocol; zie de problemen in de gegevens (F3).", severity="error")
            return
        app.push_screen(ChooseProtocolScreen(protocols, self.protocol.id if self.protocol else None,
                                             app.profile_values), callback=self.protocol_chosen)

    def protocol_chosen(self, protocol_id: str | None) -> None:
        if protocol_id:
            self.protocol = self.app.catalog.protocols[protocol_id]
            self.show()

    @on(Button.Pressed, "#quiz-start")
    @on(Input.Submitted, "#quiz-code")
    def action_start(self) -> None:
        if self.protocol is None:
            self.notify("Kies eerst een protocol.", severity="warning")
            return
        pool = self.pool()
        order = self.order
        if order == "file" and self.quiz_set is not None:
            try:
                cases = set_cases(self.quiz_set, pool)
            except DataError as exc:
                self.notify(f"De quizreeks past niet bij deze keuze: {exc.problems[0]}", severity="error", timeout=10)
                return
        elif order == "code":
            code = self.query_one("#quiz-code", Input).value.strip()
            if not code:
                self.notify("Typ een code; met dezelfde code krijg je dezelfde gevallen.", severity="warning")
                self.query_one("#quiz-code", Input).focus()
                return
            cases = draw(sorted(pool.cases, key=lambda c: (c.scenario.path.name, c.scenario.line)), self.count, code)
        else:
            cases = draw(pool.cases, self.count)
        if not cases:
            self.notify("Er zijn geen gevallen voor deze keuze; kies een andere rol of een ander protocol.",
                        severity="warning")
            return
        self.app.push_screen(QuizScreen(Quiz(cases), self.protocol))


class QuizScreen(StyledOnce, Screen):
    """One case at a time: the story, the choices (1–9), the reveal, the score."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Stoppen", tooltip="Terug naar het instellen van de quiz"),
        Binding("n", "next", "Volgende", tooltip="Het volgende geval"),
        Binding("r", "again", "Nog eens", tooltip="Dezelfde gevallen nog eens, in dezelfde volgorde"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, quiz: Quiz, protocol: Protocol) -> None:
        super().__init__()
        self.quiz = quiz
        self.protocol = protocol

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="quiz-progress")
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-story", classes="story")
            yield Static(id="quiz-prompt")
            yield OptionList(id="quiz-choices", markup=False)
            yield Static(id="quiz-result")
            yield Static(id="quiz-verdict", classes="verdict")
            yield Static(id="quiz-answer")
            yield Static(id="quiz-articles")
            yield Static(id="quiz-hint", classes="dim")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Quiz · {self.protocol.organisation}"
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.quiz.revealed
        if action == "again":
            return self.quiz.finished
        if action == "pick":
            return not self.quiz.revealed and not self.quiz.finished
        return True

    # -- showing ----------------------------------------------------------------------------------

    def show(self) -> None:
        quiz = self.quiz
        case = quiz.current
        progress = self.query_one("#quiz-progress", Static)
        total = len(quiz.cases)
        if case is None:
            progress.update(Content.assemble(("Klaar", "bold"), f" · {quiz.score_text()} · {self.protocol.organisation}"))
            self.show_final()
            self.refresh_bindings()
            return
        progress.update(Content.assemble((f"Geval {quiz.index + 1} van {total}", "bold"),
                                         f" · score: {quiz.score_text()} · {self.protocol.organisation}"))
        self.query_one("#quiz-story", Static).update(Content(case.story))
        self.query_one("#quiz-prompt", Static).update(Content.assemble(
            ("Wat zegt het protocol van ", "bold"), (self.protocol.organisation, "bold"), ("?", "bold"),
            f" Kies 1–{len(case.choices)} of pijltjes en Enter."))
        choices = self.query_one("#quiz-choices", OptionList)
        choices.display = True
        choices.disabled = quiz.revealed
        choices.clear_options()
        pick = quiz.picks[quiz.index]
        for number, verdict in enumerate(case.choices, 1):
            prompt = Content.assemble((f"{number}  ", "bold"), verdict.display)
            if quiz.revealed:
                if verdict == case.answer:
                    prompt += Content.styled("   ✓ het juiste antwoord", "bold")
                if verdict == pick and verdict != case.answer:
                    prompt += Content.styled("   ← jullie keuze", "bold")
                elif verdict == pick:
                    prompt += Content.styled(" (jullie keuze)", "bold")
            choices.add_option(Option(prompt, id=verdict.value))
        for widget_id in ("#quiz-result", "#quiz-verdict", "#quiz-answer", "#quiz-articles", "#quiz-hint"):
            self.query_one(widget_id).display = quiz.revealed
        if quiz.revealed:
            self.show_reveal(case, pick)
            body = self.query_one("#quiz-body", VerticalScroll)
            body.focus()
            # the choices (with the marks) stay just above; the verdict and the article come into view
            self.call_after_refresh(body.scroll_to_widget, self.query_one("#quiz-choices"), top=True, animate=False)
        else:
            choices.highlighted = 0
            choices.focus()
            self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def show_reveal(self, case: Case, pick: Verdict | None) -> None:
        right = pick == case.answer
        values = self.app.profile_values
        self.query_one("#quiz-result", Static).update(Content.styled(
            "✓ Goed!" if right else f"✗ Niet goed. Jullie kozen: {pick.display if pick else '—'}", "bold"))
        verdict = self.query_one("#quiz-verdict", Static)
        verdict.update(Content(case.answer.display))
        verdict.set_classes(f"verdict -{case.answer.value}")
        ruling = case.result.ruling
        self.query_one("#quiz-answer", Static).update(Content(self.protocol.fill(ruling.answer, values)))
        articles = []
        for citation in case.result.citations:
            heading = citation_heading(case.result, citation, values)
            articles.append(Content.assemble((heading, "bold"), "\n", citation.text(values)))
        if not articles:
            articles.append(Content("Deze uitspraak noemt geen artikel."))
        self.query_one("#quiz-articles", Static).update(Content("\n\n").join(articles))
        last = self.quiz.index + 1 >= len(self.quiz.cases)
        self.query_one("#quiz-hint", Static).update(
            "N of Enter: naar de uitslag." if last else "N of Enter: het volgende geval. Pijltjes/PageDown: verder lezen.")

    def show_final(self) -> None:
        quiz = self.quiz
        self.query_one("#quiz-choices", OptionList).display = False
        for widget_id in ("#quiz-verdict", "#quiz-answer", "#quiz-result"):
            self.query_one(widget_id).display = False
        self.query_one("#quiz-story", Static).update(Content.assemble(
            ("Uitslag: ", "bold"), (quiz.score_text(), "bold"), "."))
        lines = []
        for number, (case, pick) in enumerate(zip(quiz.cases, quiz.picks), 1):
            mark = "✓ goed " if pick == case.answer else "✗ fout "
            lines.append(Content.assemble(f"{number:>2}. ", (mark, "bold"), case.name,
                                          f" — {case.answer.display}"))
        self.query_one("#quiz-prompt", Static).update(Content("\n").join(lines))
        self.query_one("#quiz-articles", Static).display = False
        hint = self.query_one("#quiz-hint", Static)
        hint.display = True
        hint.update("R: dezelfde gevallen nog eens. Escape: terug naar het instellen.")
        body = self.query_one("#quiz-body", VerticalScroll)
        body.scroll_home(animate=False)
        body.focus()

    # -- the room's choices -----------------------------------------------------------------------------

    def action_pick(self, number: int) -> None:
        case = self.quiz.current
        if case is not None and 1 <= number <= len(case.choices):
            self.choose(case.choices[number - 1])

    @on(OptionList.OptionSelected, "#quiz-choices")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.choose(Verdict(event.option_id))

    def choose(self, verdict: Verdict) -> None:
        try:
            self.quiz.pick(verdict)
        except QuizError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.show()

    def action_next(self) -> None:
        try:
            self.quiz.next()
        except QuizError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.show()

    def action_again(self) -> None:
        self.quiz.restart()
        for widget_id in ("#quiz-articles",):
            self.query_one(widget_id).display = True
        self.show()

    def on_key(self, event) -> None:
        """Enter after the reveal goes on to the next case (the choices are then read-only)."""
        if event.key == "enter" and self.quiz.revealed:
            event.stop()
            self.action_next()
