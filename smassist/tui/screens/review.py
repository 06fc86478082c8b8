"""Review an imported protocol: one ruling at a time, every decision saved at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Select, Static, TextArea

from smassist.core.importing.align import Run
from smassist.core.importing.draft import situation
from smassist.core.importing.review import Comparison, ReviewFile, ReviewRefused, compared_with, missing_for
from smassist.core.models import Protocol
from smassist.core.verdicts import VERDICT_IDS, Verdict
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce

STATE_TEXT = {"changed": "overgenomen, maar met een verschil om na te kijken", "open": "geen basis gevonden: nu 'niet geregeld'",
              "same": "gelijk overgenomen: de artikelen staan woord voor woord in het bekende protocol", "reviewed": "nagekeken"}
DECISIONS = ("accept", "edit", "not_regulated", "skip")
_DIFF = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")
# struck through / underlined as well as coloured, so the difference shows with NO_COLOR too
REMOVED, ADDED = "strike $text-error", "underline bold $text-success"


def diff_content(text: str) -> Content:
    """'[-weg-] {+erbij+}' from the word diff, shown with the markers kept (colour is not the only sign)."""
    parts: list = []
    position = 0
    for match in _DIFF.finditer(text):
        parts.append(text[position:match.start()])
        if match.group(1) is not None:
            parts.append((f"[-{match.group(1)}-]", REMOVED))
        else:
            parts.append((f"{{+{match.group(2)}+}}", ADDED))
        position = match.end()
    parts.append(text[position:])
    return Content.assemble(*parts)


def _runs(runs: tuple[Run, ...], style: str) -> Content:
    parts: list = []
    for number, run in enumerate(runs):
        parts.append("" if run.glued or not number else " ")
        parts.append((run.text, style) if run.changed else run.text)
    return Content.assemble(*parts)


def _known_title(item: Comparison) -> str:
    if item.previous:
        return f"Vorige versie: artikel {item.source_article}"
    return f"Bekend: {item.source}, artikel {item.source_article}"


def legend(comparisons: list[Comparison]) -> str:
    """How the changed words are marked, naming what the other text is (never by colour alone)."""
    return f"Doorgestreept: staat alleen in {compared_with(comparisons)} · onderstreept: staat alleen in dit protocol"


def comparison_widgets(item: Comparison) -> list:
    """One cited article: alone, or beside the known protocol's article with the changed words marked."""
    if item.diff is None:
        return [Static(Content.assemble((f"Artikel {item.article}: ", "bold"), item.text), classes="article")]
    if item.identical:
        return [Static(Content.assemble((f"Artikel {item.article} ", "bold"),
                                        (f"(woordelijk gelijk aan artikel {item.source_article} van {item.source})", "italic"),
                                        ": ", item.text), classes="article")]
    old, new = _runs(item.diff.old, REMOVED), _runs(item.diff.new, ADDED)
    return [Horizontal(
        Vertical(Static(Content.styled(_known_title(item), "bold"), classes="column-title"),
                 Static(old, classes="old"), classes="column"),
        Vertical(Static(Content.styled(f"Dit protocol: artikel {item.article}", "bold"), classes="column-title"),
                 Static(new, classes="new"), classes="column"),
        classes="pair")]


class ReviewScreen(StyledOnce, Screen):
    # side by side from 100 columns; narrower, the known article stands above the new one
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug"),
        Binding("a", "accept", "Accepteren"),
        Binding("b", "edit", "Bewerken"),
        Binding("n", "not_regulated", "Niet geregeld"),
        Binding("o", "skip", "Overslaan"),
        Binding("l", "list", "Lijst"),
    ]

    def __init__(self, protocol: Protocol) -> None:
        super().__init__()
        self.protocol = protocol
        self.review = ReviewFile(protocol.path)
        self.added = 0
        self.everything = False  # every ruling, the carried ones too, instead of only what needs review
        self.todo = self.review.todo()
        self.index = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="review"):
            yield Static(id="progress")
            yield Static(id="situation")
            yield Static(id="state")
            yield Static(id="ruling")
            yield Static("Let op", classes="heading", id="note-heading")
            yield Static(id="note")
            yield Static("Waar de uitspraak op rust", classes="heading")
            yield Static(id="legend")
            yield Vertical(id="articles")
        # five keys and Help fill 80 columns: no palette hint here (F1 lists Ctrl+P)
        yield KeysBar(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = f"Nakijken: {self.protocol.organisation}"
        self.added = self.review.fill_missing(self.app.catalog.trees.values())
        if self.added:
            self.review.save()
            self._reload()
            self.todo = self.review.todo(self.everything)
            self.notify(f"{self.added} nieuwe situatie(s) sinds het inlezen staan klaar om na te kijken.")
        self.show()

    @property
    def current(self) -> tuple[str, str] | None:
        return self.todo[self.index] if self.index < len(self.todo) else None

    def show(self) -> None:
        self.refresh_bindings()
        done, total = self.review.progress()
        where = f" · uitspraak {self.index + 1} van {len(self.todo)}" if self.everything and self.current else ""
        self.query_one("#progress", Static).update(Content.assemble((f"{done} van {total} nagekeken", "bold"), where))
        current = self.current
        widgets = [self.query_one(f"#{name}", Static) for name in ("situation", "state", "ruling", "note")]
        articles = self.query_one("#articles", Vertical)
        articles.remove_children()
        if current is None:
            for widget in widgets:
                widget.update("")
            if self.everything:
                message = "Dat waren alle uitspraken. l: de lijst · Escape: terug."
            elif done == total:
                message = "Alles is nagekeken: het protocol is vastgesteld. l: alle uitspraken, om er een te bekijken of aan te passen."
            else:
                message = "Geen uitspraken meer in deze ronde; Escape: terug."
            widgets[0].update(Content.styled(message, "bold"))
            for name in ("#note-heading", "#legend", ".heading"):
                self.query(name).set(display=False)
            return
        self.query(".heading").set(display=True)  # hidden while nothing was left to show
        tree_id, outcome = current
        entry = self.review.ruling(tree_id, outcome)
        tree = self.app.catalog.trees.get(tree_id)
        state = entry.get("review", {}).get("state", "")
        widgets[0].update(Content.assemble(("Situatie: ", "bold"), situation(tree, outcome) if tree else tree_id))
        source = self.app.catalog.protocols.get(entry.get("review", {}).get("source") or "")
        widgets[1].update(Content.assemble(("Status: ", "bold"), STATE_TEXT.get(state, state),
                                           self.review.origin(source)))
        verdict = Verdict(entry["verdict"]).display if entry["verdict"] in VERDICT_IDS else entry["verdict"]
        widgets[2].update(Content.assemble(("Oordeel: ", "bold"), verdict, "\n", ("Antwoord: ", "bold"), entry["answer"]))
        note = entry.get("review", {}).get("note", "")
        self.query_one("#note-heading").display = bool(note)
        widgets[3].update(diff_content(note))
        comparisons = self.review.comparisons(tree_id, outcome, source)
        key = self.query_one("#legend", Static)
        key.update(legend(comparisons))
        key.display = any(c.diff is not None and not c.identical for c in comparisons)
        articles.mount_all([w for item in comparisons for w in comparison_widgets(item)])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # with nothing left to decide, the footer offers only what still works (Escape)
        if action in DECISIONS and self.current is None:
            return False
        return True

    def action_list(self) -> None:
        """Every ruling, the ones carried over unchanged too: pick one to look at or change."""
        from smassist.tui.screens.review_list import ONLY_TODO, RulingListScreen

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.show_rulings(None if choice == ONLY_TODO else tuple(choice.split("/", 1)))

        self.app.push_screen(RulingListScreen(self.review, self.app.catalog.trees, self.current), callback=chosen)

    def show_rulings(self, start: tuple[str, str] | None) -> None:
        """From start on through every ruling (o: the next one), or with None only what needs review."""
        self.everything = start is not None
        self.todo = self.review.todo(self.everything)
        self.index = self.todo.index(start) if start in self.todo else 0
        self.show()

    def _decided(self) -> str | None:
        """Save the decision and go on; or, when it cannot be saved, why not (the screen shows the file as saved)."""
        decided = self.current
        try:
            self.review.save()
        except ReviewRefused as exc:
            self.show()
            return str(exc)
        self._reload()
        self.todo = self.review.todo(self.everything)
        if decided in self.todo:  # every ruling is listed: a decided one stays, so go on to the next
            self.index = self.todo.index(decided) + 1
        self.index = min(self.index, len(self.todo))
        self.show()
        return None

    def _reload(self) -> None:
        """The app shows the saved file from now on (answers, concept mark)."""
        from smassist.core.protocol_file import read_protocol

        protocol, problems = read_protocol(self.protocol.path)
        if protocol is not None and not problems:
            self.app.catalog.protocols[protocol.id] = protocol
            self.app.catalog.problems = [p for p in self.app.catalog.problems if p.file != protocol.path]
            self.protocol = protocol

    def action_accept(self) -> None:
        if self.current:
            self.review.accept(*self.current)
            self._report(self._decided())

    def action_not_regulated(self) -> None:
        """Asks first: 'n' also opens this screen from the protocol list, so a double press would
        otherwise replace a ruling the coordinator never saw (j confirms; n, Enter or Escape cancel)."""
        from smassist.tui.screens.incident_confirm import IncidentConfirmScreen

        current = self.current
        if current is None:
            return
        entry = self.review.ruling(*current)
        verdict = Verdict(entry["verdict"]).display if entry["verdict"] in VERDICT_IDS else entry["verdict"]
        detail = (f"Nu: {verdict} – {entry['answer']}\nWordt: {Verdict('not_regulated').display}; "
                  "het antwoord en de toelichting worden vervangen.")

        def confirmed(yes: bool | None) -> None:
            if yes and self.current == current:
                self.review.not_regulated(*current)
                self._report(self._decided())

        self.app.push_screen(IncidentConfirmScreen("Deze uitspraak vastleggen als 'niet geregeld'?", detail,
                                                   yes="Niet geregeld"), callback=confirmed)

    def _report(self, problem: str | None) -> None:
        if problem:
            self.notify(f"Niet opgeslagen: {problem}.", severity="error")

    def action_skip(self) -> None:
        if self.current:
            self.index += 1
            self.show()

    def action_edit(self) -> None:
        current = self.current
        if current is None:
            return
        entry = self.review.ruling(*current)

        def apply(change: Edit) -> str | None:
            """Save the change, or say in one line why not (the dialog stays open with everything typed)."""
            try:
                self.review.edit(*current, *change)
            except ReviewRefused as exc:
                return str(exc)
            return self._decided()

        self.app.push_screen(EditRulingScreen(Edit(entry["verdict"], entry["answer"], entry.get("explanation", ""),
                                                   self.review.conditions(*current), self.review.steps(*current)), apply))


class Edit(NamedTuple):
    """A ruling as the reviewer edits it: conditions and steps one per line."""

    verdict: str
    answer: str
    explanation: str
    conditions: list[str]
    steps: list[str]


# what each verdict needs besides the answer (smassist validate refuses it without)
LISTS = {"allowed_if": "conditions", "steps": "steps"}


class EditRulingScreen(StyledOnce, ModalScreen[bool]):
    """Change the verdict, the short answer and the explanation; nothing typed is dropped by one key."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren"), Binding("ctrl+s", "save", "Opslaan")]

    def __init__(self, ruling: Edit, apply: Callable[[Edit], str | None]) -> None:
        super().__init__()
        self.ruling = ruling
        self.apply = apply
        self.warned = False

    def compose(self) -> ComposeResult:
        ruling = self.ruling
        with VerticalScroll(id="dialog"):
            yield Static(Content.assemble(("Uitspraak bewerken", "bold"), ("  Ctrl+S: opslaan · Escape: terug", "dim")), id="dialog-title")
            yield Select([(Verdict(v).display, v) for v in VERDICT_IDS], value=ruling.verdict, allow_blank=False, id="verdict")
            yield Static("Voorwaarden (één per regel)", classes="label conditions")
            yield TextArea("\n".join(ruling.conditions), id="conditions", classes="conditions")
            yield Static("Stappen (één per regel, in volgorde)", classes="label steps")
            yield TextArea("\n".join(ruling.steps), id="steps", classes="steps")
            yield Static("Antwoord", classes="label")
            yield TextArea(ruling.answer, id="answer")
            yield Static("Toelichting (citeer alleen tekst uit dit protocol)", classes="label")
            yield TextArea(ruling.explanation, id="explanation")
            yield Button("Opslaan (Ctrl+S)", id="save", variant="primary")

    def on_mount(self) -> None:
        self._show_lists(self.ruling.verdict)
        self.query_one("#verdict", Select).focus()  # not the scrolling dialog itself

    @on(Select.Changed, "#verdict")
    def _verdict_changed(self, event: Select.Changed) -> None:
        self._show_lists(str(event.value))

    def _show_lists(self, verdict: str) -> None:
        """Conditions for 'Toegestaan, mits', steps for 'Stappenplan': only the box this verdict needs."""
        for name in LISTS.values():
            self.query(f".{name}").set(display=LISTS.get(verdict) == name)

    def _typed(self) -> Edit:
        text = {name: self.query_one(f"#{name}", TextArea).text for name in ("answer", "explanation", "conditions", "steps")}
        return Edit(str(self.query_one("#verdict", Select).value), text["answer"].strip(), text["explanation"].strip(),
                    _kept(text["conditions"].splitlines()), _kept(text["steps"].splitlines()))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        typed = self._typed()
        problem = "het antwoord mag niet leeg zijn" if not typed.answer else missing_for(typed.verdict, typed.conditions, typed.steps)
        if problem is None:
            problem = self.apply(typed)
        if problem is not None:
            self.notify(f"Niet opgeslagen: {problem}.", severity="warning")
            box = LISTS.get(typed.verdict) if "minstens" in problem else None
            self.query_one(f"#{box or 'answer'}", TextArea).focus()
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        before = self.ruling
        unchanged = Edit(before.verdict, before.answer.strip(), before.explanation.strip(), _kept(before.conditions), _kept(before.steps))
        if self._typed() != unchanged and not self.warned:
            # typed text is never thrown away by one key: a second Escape is needed
            self.warned = True
            self.notify("Je wijziging is nog niet opgeslagen. Ctrl+S bewaart; nogmaals Escape gooit haar weg.", severity="warning")
            return
        self.dismiss(False)


def _kept(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]
