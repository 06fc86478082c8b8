"""Answer: the verdict (word and symbol), the short answer, conditions or steps,
each cited article verbatim, and why: the questions and answers that led here.

`AnswerView` is the answer itself with its keys. The question screen shows it in
place of the question when a walk ends (a pushed screen cost more than a frame);
`AnswerScreen` holds one for the comparisons. The view is mounted once and its
widgets are updated for each answer, so showing an answer mounts (almost) nothing. Its top parts
(where, verdict box, short answer, note, conditions, steps, the cited heading) are one `AnswerHead`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from smassist.core.answer_export import CONCEPT_MARK, citation_heading, result_text
from smassist.core.documents.registry import offered_documents
from smassist.core.references import step_reference
from smassist.core.roles import ROLES
from smassist.core.walk import Citation, Result, Walk
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.saved_file import BINDINGS as SAVED_FILE_BINDINGS
from smassist.tui.saved_file import SAVED_KEYS_HINT, SavedFileKeys
from smassist.tui.screens.answer_head import VERDICT_COMPONENTS, AnswerHead, Box
from smassist.tui.screens.answer_parts import CitationView, free_name, names_focused, reasons, section
from smassist.tui.styled_once import StyledOnce
from smassist.tui.widgets import Indented

CONCEPT_TEXT = f"⚠ {CONCEPT_MARK.capitalize()}: de school heeft dit geïmporteerde protocol nog niet helemaal nagekeken."
CITED_HEADING = Content.assemble(("Wat het protocol zegt", "bold"), ("  (Tab en Enter: lees verder in het protocol)", "dim"))
DOCUMENT_HINT = "Bij dit antwoord hoort een document; maak het met d."


class AnswerNote(Static):
    """A message that stays under the answer (a notification would go away before it is read)."""


class AnswerView(SavedFileKeys, VerticalScroll):
    """One answer, scrolling, with the answer's keys; `show` puts another answer in the same widgets.

    The screen that holds it provides `leave_answer(outcome)` ("back" or "restart") and an `AnswerNote`.
    """

    # The busiest footer of the app: Help right after Terug, short labels and no palette hint (F1 lists
    # Ctrl+P), so every hint still fits 80 columns when an answer offers an incident and a document.
    BINDINGS = [
        Binding("escape", "back", "Terug", tooltip="Terug naar de laatste vraag"),
        Binding("f1,question_mark", "app.help", "Help", tooltip="De toetsen en wat de app doet"),
        Binding("i", "start_incident", "Incident",
                tooltip="Een incidentmelding met dit antwoord: formulier en de stappen van het protocol"),
        Binding("k", "copy", "Kopiëren", tooltip="Kopieer het antwoord met de artikelen als tekst"),
        Binding("s", "save_text", "Als tekst bewaren", show=False,
                tooltip="Bewaar het antwoord met de artikelen als tekstbestand in je documentenmap"),
        *SAVED_FILE_BINDINGS,
        Binding("v", "compare", "Vergelijken", tooltip="Hetzelfde geval in de andere protocollen"),
        Binding("d", "document", "Document", tooltip="Een document bij dit antwoord maken"),
        Binding("d", "no_document", show=False),  # the same key where no document goes with the answer: say so
        Binding("p", "protocol", "Protocol", show=False, tooltip="Lees het protocol vanaf het eerste genoemde artikel"),
        Binding("o", "app.topics", "Onderwerpen"),
        Binding("r", "restart", "Opnieuw", show=False),
    ]

    result: Result
    walk: Walk | None = None
    comparing = False
    incident_id: int | None = None  # the incident started from this answer, if any

    def __init__(self, result: Result | None = None, walk: Walk | None = None, *, comparing: bool = False,
                 id: str = "answer") -> None:
        super().__init__(id=id)
        self._pending = (result, walk, comparing) if result is not None else None

    def compose(self) -> ComposeResult:
        # Every part an answer can have; those an answer lacks are hidden, never removed.
        yield AnswerHead(id="answer-head")
        yield Static("Deze uitspraak noemt geen artikel.", id="no-article", classes="dim")
        yield Static(id="explanation", classes="section")
        yield Static("Waarom dit antwoord", classes="heading")
        yield Static(id="reasons")
        yield Static("Er waren geen vragen nodig.", id="no-questions", classes="dim")
        yield Static(Content(DOCUMENT_HINT), id="document-hint", classes="dim")

    def on_mount(self) -> None:
        # not through show(): the view counts as mounted only after this handler
        if self._pending is not None:
            (self.result, self.walk, self.comparing), self._pending = self._pending, None
            self._fill_in()

    def watch_has_focus(self, has_focus: bool) -> None:
        # Textual restyles a widget and all it holds whenever its focus changes: for the answer that is
        # every part of it, a tenth of showing it, while no rule styles the view by its focus
        if self._styled_by_focus():
            super().watch_has_focus(has_focus)

    _focus_rules_for: tuple | None = None
    _focus_rules = True

    def _styled_by_focus(self) -> bool:
        """Whether a rule of the stylesheet styles this view (or anything in it) by the view's :focus."""
        sheet = self.app.stylesheet
        key = (len(sheet.source), self.app.theme, self.id, frozenset(self.classes))
        if key != self._focus_rules_for:
            self._focus_rules_for = key
            self._focus_rules = any(names_focused(selector, self) for rule in sheet.rules
                                    if "focus" in rule.pseudo_classes for selectors in rule.selector_set
                                    for selector in selectors.selectors)
        return self._focus_rules

    def show(self, result: Result, walk: Walk | None = None, comparing: bool = False) -> None:
        """Put this answer in the view (at once when mounted, else when it is)."""
        self.result, self.walk, self.comparing = result, walk, comparing
        self.incident_id = None
        self.saved_path = None
        if not self.is_mounted:
            self._pending = (result, walk, comparing)
            return
        self._pending = None
        self._fill_in()
        self.scroll_home(animate=False)

    def _fill_in(self) -> None:
        result, fill = self.result, self.fill
        ruling = result.ruling
        self._profile = profile = self.app.profile_values  # read once: each read copies the whole profile
        # the top parts as (margin above, component class, text): what were eight widgets, one widget now
        parts = [(0, "answer-head--where", Content.assemble(
            (result.tree.title, "bold"), f" · {ROLES[result.role]} · {result.protocol.organisation}"))]
        if result.protocol.is_draft:
            parts.append((1, "answer-head--concept", Content(CONCEPT_TEXT)))
        parts.append((1, VERDICT_COMPONENTS[ruling.verdict], Box(Content(ruling.verdict.display))))
        parts.append((1, "answer-head--short", Content(fill(ruling.answer))))
        if ruling.note:
            parts.append((0, "answer-head--note", Content.assemble(("Let op: ", "bold"), fill(ruling.note))))
        if ruling.conditions:
            parts.append((1, "answer-head--conditions", section("Voorwaarden (mits)", Content("\n").join(
                Content(f"• {fill(c)}") for c in ruling.conditions))))
        if ruling.steps:
            parts.append((1, "answer-head--steps", section("Stappen", self._steps())))
        parts.append((1, "answer-head--heading", CITED_HEADING))
        self._part("#answer-head").show_parts(parts)
        self._part("#no-article").display = not result.citations
        self._show_citations(profile)
        self._set("#explanation", section("Toelichting", Content(fill(ruling.explanation))))
        self._set("#reasons", Indented(reasons(result)) if result.path else None)
        self._part("#no-questions").display = not result.path
        self._part("#document-hint").display = bool(offered_documents(result))

    _parts: dict[str, Static] | None = None

    def _part(self, selector: str) -> Static:
        """One of the parts composed (by "#id"); looked up once: a query walks the whole answer each time."""
        if self._parts is None:
            self._parts = {f"#{child.id}": child for child in self.children if child.id}
        return self._parts[selector]

    def _set(self, selector: str, content) -> None:
        """Show a part with this content, or hide it (None)."""
        widget = self._part(selector)
        widget.display = content is not None
        if content is not None:
            widget.update(content)

    def _steps(self) -> Content:
        # numbered as the protocol numbers its plan (as the steps screen and the report do),
        # never by place in this list: the protocol's step 4 may stand tenth here
        from smassist.core.documents.plan import step_heading

        result, lines = self.result, []
        for step in result.ruling.steps:
            number, _ = step_heading(result.protocol.articles.get(step.article) if step.article else None)
            line = Content((f"Stap {number}: " if number is not None else "• ") + self.fill(step.text))
            if step.who:
                line += Content.styled(f" ({step.who})", "italic")
            if step.article in result.protocol.articles:
                line += Content.styled(f" ({step_reference(result.protocol, step.article)})", "dim")
            lines.append(line)
        return Content("\n").join(lines)

    def _show_citations(self, profile: dict[str, str]) -> None:
        """The cited articles in the citation widgets there are; only more citations than ever mount new ones."""
        result = self.result
        views = [child for child in self.children if isinstance(child, CitationView)]
        new = []
        for number, citation in enumerate(result.citations):
            text, filled = result.protocol.filled(citation.article.text, profile)
            shown = (self.heading(citation), text, citation.article.id, citation.highlighted(profile), filled)
            if number < len(views):
                views[number].show(*shown)
                views[number].display = True
            else:
                new.append(CitationView(*shown))
        for view in views[len(result.citations):]:
            view.display = False
        if new:
            self.mount_all(new, before=self._part("#explanation"))

    _profile: dict[str, str] = {}  # the school's values the answer on show was filled with

    def fill(self, text: str) -> str:
        return self.result.protocol.fill(text, self._profile)

    def heading(self, citation: Citation) -> str:
        return citation_heading(self.result, citation, self._profile)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        saved = self.saved_file_action(action)
        if saved is not None:
            return saved
        if action == "save_text":
            return not self.app.is_web
        if action == "document":
            return bool(offered_documents(self.result))
        if action == "no_document":
            return not offered_documents(self.result)
        if action == "compare":
            return not self.comparing and self.walk is not None
        if action == "restart":
            return self.walk is not None and not self.comparing
        if action == "start_incident":
            from smassist.tui.screens.incident_common import can_start

            return can_start(self.result, self.comparing)
        return True

    # -- actions -----------------------------------------------------------------

    def action_back(self) -> None:
        self.screen.leave_answer("back")

    def action_restart(self) -> None:
        from smassist.tui.screens.question import QuestionScreen, confirm_restart

        screens = [s for s in self.app.screen_stack if isinstance(s, QuestionScreen) and s.walk is self.walk]
        screen = self.screen
        if screens:
            confirm_restart(screens[-1], lambda: screen.leave_answer("restart"))
        else:
            screen.leave_answer("restart")

    def action_copy(self) -> None:
        from smassist.core.desktop import copy_text

        text = result_text(self.result, self.app.profile_values, plain=True)
        if not self.app.is_web and copy_text(text):
            self.note("Gekopieerd: het antwoord staat met de artikelen op het klembord.")
            return
        # Textual's copy goes through the terminal (OSC 52): many terminals and tmux ignore it, unseen
        self.app.copy_to_clipboard(text)
        self.note("Het antwoord is naar de terminal gestuurd om te kopiëren; of het op het klembord staat, hangt "
                  "af van je terminal (in tmux vaak niet). Lukt plakken niet? Druk op s: dan komt het in een "
                  "tekstbestand.")

    def action_save_text(self) -> None:
        from smassist.core.paths import user_documents_dir
        from smassist.core.private_files import write_private

        folder = user_documents_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # an existing Documents folder is left as it is
            target = free_name(folder / f"antwoord-{self.result.tree.id}-{self.result.protocol.id}.txt")
            self.saved_path = write_private(target, result_text(self.result, self.app.profile_values, plain=True))
        except OSError as exc:
            self.note(f"Niet bewaard in {folder}: {exc.strerror or 'onbekende fout'}.")
            return
        self.note(f"Bewaard als tekst: {self.saved_path}\n{SAVED_KEYS_HINT}")
        self.screen.refresh_bindings()

    def note(self, text: str) -> None:
        """A message that stays under the answer (a notification would go away before it is read)."""
        box = self.screen.query_one(AnswerNote)
        box.display = True
        box.update(Content(text))

    def action_compare(self) -> None:
        from smassist.tui.screens.compare import CompareScreen

        if self.walk is not None:
            self.app.push_screen(CompareScreen(self.walk))

    def action_document(self) -> None:
        if offered_documents(self.result):
            self.app.open_document(self.result)

    def action_no_document(self) -> None:
        self.notify("Bij dit antwoord hoort geen document. Documenten (toestemming, disclaimer, verslag) horen bij "
                    "antwoorden over foto's, accounts, berichten en incidenten.", title="Geen document")

    def action_start_incident(self) -> None:
        from smassist.tui.screens.incident_common import can_start, start_incident

        if can_start(self.result, self.comparing):
            self.incident_id = start_incident(self.app, self.result, self.incident_id)
            if self.incident_id is not None:
                self.incident_registered()

    def incident_registered(self) -> None:
        """The facts are in the register now: the walk's draft on disk is no longer needed."""
        from smassist.tui.screens.question import QuestionScreen, forget_draft

        screens = [s for s in self.app.screen_stack if isinstance(s, QuestionScreen) and s.walk is self.walk]
        for screen in screens:
            screen.incident_started()
        if not screens:
            forget_draft(self.app)

    def action_protocol(self) -> None:
        first = self.result.citations[0].article.id if self.result.citations else None
        self.open_protocol(first)

    @on(CitationView.Open)
    def citation_opened(self, event: CitationView.Open) -> None:
        self.open_protocol(event.article)

    def open_protocol(self, article: str | None) -> None:
        from smassist.tui.screens.protocol import ProtocolScreen

        self.app.push_screen(ProtocolScreen(self.result.protocol, self.app.profile_values, article))

    def commands(self):
        if self.check_action("start_incident", ()):
            yield SystemCommand("Incidentmelding starten", "Formulier en de stappen van het protocol, meteen "
                                "opgeslagen (i)", self.action_start_incident)
        yield SystemCommand("Antwoord kopiëren", "Het antwoord met de artikelen als tekst (k)", self.action_copy)
        if self.check_action("compare", ()):
            yield SystemCommand("Vergelijken", "Hetzelfde geval in de andere protocollen (v)", self.action_compare)
        if offered_documents(self.result):
            yield SystemCommand("Document maken", "Een document bij dit antwoord (d)", self.action_document)
        yield SystemCommand("Protocol bij dit antwoord", "Lees het protocol vanaf het genoemde artikel (p)",
                            self.action_protocol)


class AnswerScreen(StyledOnce, Screen[str]):
    """An answer on a screen of its own: from the comparisons, where no question screen is under it."""

    def __init__(self, result: Result, walk: Walk | None = None, *, comparing: bool = False) -> None:
        super().__init__()
        self.result = result
        self.walk = walk
        self.comparing = comparing

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield AnswerView(self.result, self.walk, comparing=self.comparing)
        yield AnswerNote(id="answer-note")
        yield KeysBar(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(AnswerNote).display = False
        self.sub_title = "Antwoord"
        self.query_one(AnswerView).focus()

    @property
    def view(self) -> AnswerView:
        return self.query_one(AnswerView)

    def leave_answer(self, outcome: str) -> None:
        self.dismiss(outcome)

    def commands(self):
        yield from self.view.commands()
