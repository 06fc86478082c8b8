"""Answer: the verdict (word and symbol), the short answer, conditions or steps,
each cited article verbatim, and why: the questions and answers that led here."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from smassist.core.answer_export import CONCEPT_MARK, citation_heading, result_text
from smassist.core.documents.registry import offered_documents
from smassist.core.references import step_reference
from smassist.core.roles import ROLES
from smassist.core.walk import Citation, Result, Walk
from smassist.tui.presenting import step_answer
from smassist.tui.saved_file import BINDINGS as SAVED_FILE_BINDINGS
from smassist.tui.saved_file import SAVED_KEYS_HINT, SavedFileKeys
from smassist.tui.styled_once import StyledOnce
from smassist.tui.widgets import KeysFooter, filled_content


class CitationView(Static, can_focus=True):
    """One cited article, verbatim; Enter opens the protocol at this article."""

    BINDINGS = [Binding("enter", "open", "Artikel in protocol", tooltip="Lees het hele protocol vanaf dit artikel")]

    @dataclass
    class Open(Message):
        article: str

    def __init__(self, heading: str, text: str, article: str, passage: str | None = None,
                 filled: list[tuple[int, int, str]] = ()) -> None:
        # The passage the answer rests on is bold and underlined (never colour alone).
        body = filled_content(text, filled)
        start = text.find(passage) if passage else -1
        if start >= 0:
            body = body.stylize("bold underline", start, start + len(passage))
        super().__init__(Content.assemble((heading, "bold"), "\n", body), classes="citation")
        self.article = article

    def action_open(self) -> None:
        self.post_message(self.Open(self.article))

    def on_click(self) -> None:
        self.action_open()


class AnswerScreen(StyledOnce, SavedFileKeys, Screen[str]):
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

    def __init__(self, result: Result, walk: Walk | None = None, *, comparing: bool = False) -> None:
        super().__init__()
        self.result = result
        self.walk = walk
        self.comparing = comparing
        self.incident_id: int | None = None  # the incident started from this answer, if any

    def compose(self) -> ComposeResult:
        result, fill = self.result, self.fill
        ruling = result.ruling
        yield Header()
        with VerticalScroll(id="answer"):
            yield Static(Content.assemble(
                (result.tree.title, "bold"), f" · {ROLES[result.role]} · {result.protocol.organisation}"),
                id="where")
            if result.protocol.is_draft:
                yield Static(f"⚠ {CONCEPT_MARK.capitalize()}: de school heeft dit geïmporteerde protocol nog niet helemaal nagekeken.", id="concept")
            yield Static(Content(ruling.verdict.display), id="verdict", classes=f"verdict -{ruling.verdict.value}")
            yield Static(Content(fill(ruling.answer)), id="short")
            if ruling.note:
                yield Static(Content.assemble(("Let op: ", "bold"), fill(ruling.note)), id="note")
            if ruling.conditions:
                yield _section("Voorwaarden (mits)", Content("\n").join(Content(f"• {fill(c)}") for c in ruling.conditions),
                               "conditions")
            if ruling.steps:
                # numbered as the protocol numbers its plan (as the steps screen and the report do),
                # never by place in this list: the protocol's step 4 may stand tenth here
                from smassist.core.documents.plan import step_heading

                lines = []
                for step in ruling.steps:
                    number, _ = step_heading(result.protocol.articles.get(step.article) if step.article else None)
                    line = Content((f"Stap {number}: " if number is not None else "• ") + fill(step.text))
                    if step.who:
                        line += Content.styled(f" ({step.who})", "italic")
                    if step.article in result.protocol.articles:
                        line += Content.styled(f" ({step_reference(result.protocol, step.article)})", "dim")
                    lines.append(line)
                yield _section("Stappen", Content("\n").join(lines), "steps")
            yield Static(Content.assemble(("Wat het protocol zegt", "bold"),
                                          ("  (Tab en Enter: lees verder in het protocol)", "dim")), classes="heading")
            if not result.citations:
                yield Static("Deze uitspraak noemt geen artikel.", classes="dim")
            for citation in result.citations:
                text, filled = result.protocol.filled(citation.article.text, self.app.profile_values)
                yield CitationView(self.heading(citation), text, citation.article.id,
                                   citation.highlighted(self.app.profile_values), filled)
            yield _section("Toelichting", Content(fill(ruling.explanation)), "explanation")
            yield Static("Waarom dit antwoord", classes="heading")
            for number, step in enumerate(result.path, 1):
                yield Static(Content(f"{number}. {step.node.text_for_role(result.role)}"), classes="why-question")
                yield Static(Content.assemble("→ ", (step_answer(step), "italic" if step.skipped else "bold")),
                             classes="why-answer" + (" -skipped" if step.skipped else ""))
            if not result.path:
                yield Static("Er waren geen vragen nodig.", classes="dim")
            if offered_documents(result):
                yield Static(Content("Bij dit antwoord hoort een document; maak het met d."), classes="dim")
        yield Static(id="answer-note")
        yield KeysFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#answer-note", Static).display = False
        self.sub_title = "Antwoord"
        self.query_one("#answer", VerticalScroll).focus()

    def fill(self, text: str) -> str:
        return self.result.protocol.fill(text, self.app.profile_values)

    def heading(self, citation: Citation) -> str:
        return citation_heading(self.result, citation, self.app.profile_values)

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
        self.dismiss("back")

    def action_restart(self) -> None:
        from smassist.tui.screens.question import QuestionScreen, confirm_restart

        screens = [s for s in self.app.screen_stack if isinstance(s, QuestionScreen) and s.walk is self.walk]
        if screens:
            confirm_restart(screens[-1], lambda: self.dismiss("restart"))
        else:
            self.dismiss("restart")

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
            target = _free_name(folder / f"antwoord-{self.result.tree.id}-{self.result.protocol.id}.txt")
            self.saved_path = write_private(target, result_text(self.result, self.app.profile_values, plain=True))
        except OSError as exc:
            self.note(f"Niet bewaard in {folder}: {exc.strerror or 'onbekende fout'}.")
            return
        self.note(f"Bewaard als tekst: {self.saved_path}\n{SAVED_KEYS_HINT}")
        self.refresh_bindings()

    def note(self, text: str) -> None:
        """A message that stays under the answer (a notification would go away before it is read)."""
        box = self.query_one("#answer-note", Static)
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


def _section(heading: str, body: Content, id: str) -> Static:
    """A bold heading with its text in one widget (as the .heading Static above it looked): fewer to mount."""
    return Static(Content.assemble((heading, "bold"), "\n", body), id=id, classes="section")


def _free_name(path):
    """The path, or path-2, path-3 … when a file by that name exists (never over another file)."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate
