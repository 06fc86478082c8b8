"""Start: who are you, which protocol, then the topics for that role (with a filter).

When a walk with a form was interrupted (the app was killed before the incident
was created), a banner offers to resume it (F7) or throw it away (Ctrl+Del).
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from smassist.core.roles import ROLES
from smassist.core.topic_search import TopicWords, load_topic_words, search_topics
from smassist.core.walk_draft import Draft, drafts, load_draft
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.presenting import problem_line
from smassist.tui.protocol_choice import ProtocolChoice
from smassist.tui.role_choice import RoleChoice
from smassist.tui.styled_once import StyledOnce

NO_TOPIC = "-"


class StartScreen(StyledOnce, Screen):
    BINDINGS = [
        Binding("escape", "clear_filter", "Filter wissen", show=False),
        Binding("f3", "problems", "Problemen"),
        Binding("f5", "app.training", "Training", tooltip="Voor een zaal: vergelijken, quiz, boomkaart"),
        Binding("f6", "app.incidents", "Incidenten", tooltip="Opgeslagen incidentmeldingen"),
        Binding("f7", "resume_draft", "Hervatten", tooltip="Verder met de melding waar je mee bezig was"),
        Binding("ctrl+delete", "discard_draft", "Weggooien", show=False,
                tooltip="De onderbroken melding weggooien (eerst een vraag)"),
        Binding("ctrl+q", "app.quit", "Stoppen", priority=True),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
    ]

    draft: Draft | None = None  # an interrupted walk with a form, read from disk (walk_draft)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "problems":
            return bool(self.app.catalog.problems)
        if action in ("resume_draft", "discard_draft"):
            return self.draft is not None
        return True

    def action_problems(self) -> None:
        self.app.action_problems()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        # the draft banner (#draft) and the topic's summary (#summary) are mounted only while they show
        # something (show_draft, show_summary): a first start has neither, and each widget costs start time
        yield RoleChoice(ROLES, label="Ik ben", id="role")
        yield ProtocolChoice(label="Protocol", id="protocol")
        yield Input(placeholder="Zoek een onderwerp (typ een woord)…", id="filter", select_on_focus=False)
        yield OptionList(id="topics", markup=False)
        if self.app.catalog.problems:  # a banner that is never shown still costs styling at every start
            yield Static(id="problems")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Onderwerpen"
        self.query_one("#filter", Input).cursor_blink = self.app.animation_level != "none"
        self.show_choices()
        self.show_problems()
        self.show_draft()
        self.focus_next_step()

    def _screen_resized(self, size) -> None:
        """Textual's, skipped for the size the screen is already laid out for.

        Textual lays the whole screen out again on every Resize, also when the size did
        not change: the app sends two at start and the screen's first layout one more,
        three of the seven layouts before the first screen was shown.
        """
        if size != self._size:  # the check Textual makes itself when a screen resumes
            super()._screen_resized(size)

    def on_screen_resume(self) -> None:
        self.show_draft()  # a walk may have been resumed, finished or left meanwhile

    # -- showing -------------------------------------------------------------------

    def show_choices(self) -> None:
        """Show the remembered role and protocol (again after the profile changed)."""
        app = self.app
        self.query_one("#protocol", ProtocolChoice).show(app.protocol)
        if app.role:
            self.query_one("#role", RoleChoice).show(app.role)
        self.show_topics()

    def _topic_words(self):
        """The everyday search words of the data folder, read once per screen."""
        if getattr(self, "_words", None) is None:
            self._words = load_topic_words(self.app.catalog.root)
        return self._words

    def show_topics(self) -> None:
        topics = self.query_one("#topics", OptionList)
        role = self.app.role
        query = self.query_one("#filter", Input).value
        topics.clear_options()
        if role is None:
            topics.add_option(Option("Kies eerst hierboven wie je bent.", id=NO_TOPIC, disabled=True))
            topics.border_title = "Onderwerpen"
            self.show_summary("")
            return
        # the search words matter only for a typed query (an empty one shows every topic)
        words = self._topic_words() if query.strip() else TopicWords()
        trees = search_topics(self.app.catalog.trees_for(role), query, words)
        topics.border_title = f"Onderwerpen voor {ROLES[role]} ({len(trees)})"
        for number, tree in enumerate(trees, 1):
            key = f"{number}  " if number < 10 else "   "
            topics.add_option(Option(Content.assemble((key, "bold"), tree.title), id=tree.id))
        if not trees:
            message = "Geen onderwerp gevonden; wis het filter met Escape." if query else "Geen onderwerpen voor deze rol."
            topics.add_option(Option(message, id=NO_TOPIC, disabled=True))
            self.show_summary("")
        else:
            topics.highlighted = 0
            self.show_summary(trees[0].summary)  # now, not at the highlight's message: no blank line between

    _summary: Static | None = None  # mounted while shown; the one being removed is never reused
    _banner: Static | None = None  # (#draft) the same

    def show_summary(self, text: str) -> None:
        """The highlighted topic's summary under the list, mounted while there is one.

        Without it the list keeps the empty line below it that the empty summary took, and its
        width: Textual gives a 1fr child the screen's width less the widest side margins of all
        children (layouts/vertical.py), which were the summary's `margin: 0 2` (start.tcss).
        """
        topics = self.query_one("#topics", OptionList)
        if not text:
            if self._summary is not None:
                self._summary.remove()
                self._summary = None
                topics.styles.clear_rule("margin")  # start.tcss: the margins for no summary
        elif self._summary is None:
            self._summary = Static(Content(text), id="summary")
            topics.styles.margin = (0, 1)
            self.mount(self._summary, after=topics)
        else:
            self._summary.update(Content(text))

    def show_problems(self) -> None:
        problems = self.app.catalog.problems
        if problems:
            banner = self.query_one("#problems", Static)
            first = problem_line(problems[0], self.app.catalog.root)
            more = f" (en nog {len(problems) - 1}; F3 toont ze allemaal)" if len(problems) > 1 else " (F3 toont het)"
            banner.update(Content.assemble(("⚠ Probleem in de gegevens: ", "bold"), first, more))

    def show_draft(self) -> None:
        """Read the interrupted walk, if any, and show the banner for it."""
        from smassist.tui.screens.incident_common import sentence

        from smassist.tui.draft_writing import flush_drafts

        notices: list[str] = []
        flush_drafts(self.app)  # a draft still being written is the one to offer
        self.draft = load_draft(self.app.catalog, notices)
        for notice in notices:
            self.notify(sentence(notice), title="Onderbroken melding", severity="warning", timeout=30)
        if self.draft is None:
            if self._banner is not None:
                self._banner.remove()
                self._banner = None
        else:
            text = Content(
                f"Je was bezig met een melding ({self.draft.walk.tree.title}, opgeslagen {saved_when(self.draft)}). "
                "Druk op F7 om verder te gaan of Ctrl+Del om hem weg te gooien.")
            if self._banner is None:
                self._banner = Static(text, id="draft")
                self.mount(self._banner, before=self.query_one("#role", RoleChoice))
            else:
                self._banner.update(text)
        self.refresh_bindings()

    def focus_next_step(self) -> None:
        """Focus what the user still has to do: role, protocol, or pick a topic."""
        if self.app.role is None:
            self.query_one("#role", RoleChoice).focus()
        elif self.app.protocol is None:
            self.query_one("#protocol", ProtocolChoice).focus()
        else:
            self.query_one("#topics", OptionList).focus()

    # -- choosing --------------------------------------------------------------------

    @on(RoleChoice.Changed, "#role")
    def role_chosen(self, event: RoleChoice.Changed) -> None:
        self.app.remember(role=event.value)
        self.show_topics()
        if self.app.protocol is None:
            self.action_choose_protocol()
        self.focus_next_step()

    @on(Button.Pressed, "#protocol")
    def action_choose_protocol(self) -> None:
        self.app.choose_protocol(self.app.protocol.id if self.app.protocol else None, self.protocol_chosen)

    def protocol_chosen(self, protocol_id: str | None) -> None:
        if protocol_id:
            self.app.remember(protocol=protocol_id)
            self.show_choices()
            self.focus_next_step()

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.show_topics()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        topics = self.query_one("#topics", OptionList)
        if topics.highlighted is not None:
            topics.action_select()
        topics.focus()

    def on_key(self, event: Key) -> None:
        """Typing while the topic list has focus goes to the filter; Down in the filter goes to the list."""
        topics = self.query_one("#topics", OptionList)
        search = self.query_one("#filter", Input)
        if self.focused is topics and event.character and event.character.isprintable() \
                and not event.character.isdigit() and event.character not in " ?":
            search.focus()
            search.insert_text_at_cursor(event.character)
            event.stop()
        elif self.focused is search and event.key == "down":
            topics.focus()
            event.stop()

    def action_clear_filter(self) -> None:
        search = self.query_one("#filter", Input)
        if search.value:
            search.value = ""
            self.query_one("#topics", OptionList).focus()

    def action_choose(self, number: int) -> None:
        topics = self.query_one("#topics", OptionList)
        if number <= topics.option_count and topics.get_option_at_index(number - 1).id != NO_TOPIC:
            self.open_topic(topics.get_option_at_index(number - 1).id)

    @on(OptionList.OptionHighlighted, "#topics")
    def topic_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        tree = self.app.catalog.trees.get(event.option_id or "")
        self.show_summary(tree.summary if tree else "")

    @on(OptionList.OptionSelected, "#topics")
    def topic_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id and event.option_id != NO_TOPIC:
            self.open_topic(event.option_id)

    def open_topic(self, tree_id: str) -> None:
        from smassist.core.walk import Walk, WalkError
        from smassist.tui.screens.question import question_screen

        app = self.app
        role, protocol = app.role, app.protocol
        if role is None:
            self.notify("Kies eerst wie je bent.", severity="warning")
            self.query_one("#role", RoleChoice).focus()
            return
        if protocol is None:
            self.notify("Kies eerst het protocol van je school.", severity="warning")
            self.query_one("#protocol", ProtocolChoice).focus()
            return
        tree = app.catalog.trees[tree_id]
        try:
            walk = Walk(tree, protocol, role)
        except WalkError as exc:
            self.notify(str(exc), severity="error")
            return
        broken = app.catalog.problems_in(tree.path, protocol.path)
        if broken:
            self.notify(f"Let op, de gegevens kloppen niet helemaal: {problem_line(broken[0], app.catalog.root)}",
                        severity="warning", timeout=10)
        if self.draft is not None and drafts(walk):  # one draft at a time: never overwrite it unasked
            def start_anew(discard: bool | None) -> None:
                if discard:
                    self.discard_draft()
                    self.app.push_screen(question_screen(self.app, walk))

            self.app.push_screen(self.discard_question(
                "Opnieuw beginnen? Dan gooi je de onderbroken melding weg.", yes="Weggooien en opnieuw beginnen"),
                callback=start_anew)
            return
        self.app.push_screen(question_screen(self.app, walk))

    # -- the interrupted walk (walk_draft) ----------------------------------------------

    def action_resume_draft(self) -> None:
        """Back to where the user was: the walk, its role and protocol, the form with what was typed."""
        from smassist.tui.screens.question import question_screen

        self.show_draft()  # read again: the file is the truth
        draft = self.draft
        if draft is None:
            self.notify("Er is geen onderbroken melding meer.")
            return
        walk = draft.walk
        self.app.remember(role=walk.role, protocol=walk.protocol.id)
        self.show_choices()
        self.app.push_screen(question_screen(self.app, walk, draft.pending))

    def action_discard_draft(self) -> None:
        if self.draft is None:
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.discard_draft()
                self.notify("De onderbroken melding is weggegooid.")

        self.app.push_screen(self.discard_question("De onderbroken melding weggooien?"), callback=answered)

    def discard_question(self, question: str, yes: str = "Weggooien"):
        from smassist.tui.screens.incident_confirm import IncidentConfirmScreen

        detail = ""
        if self.draft is not None:
            detail = (f"Wat je hebt ingevuld bij '{self.draft.walk.tree.title}' (opgeslagen "
                      f"{saved_when(self.draft)}) wordt verwijderd. Dat kan niet ongedaan worden gemaakt. "
                      "Wil je ermee verder, kies dan Annuleren en druk op F7.")
        return IncidentConfirmScreen(question, detail, yes=yes)

    def discard_draft(self) -> None:
        from smassist.tui.screens.question import forget_draft

        forget_draft(self.app)
        self.show_draft()

    def commands(self):
        if self.draft is not None:
            yield SystemCommand("Melding hervatten", "Verder met de melding waar je mee bezig was (F7)",
                                self.action_resume_draft)
            yield SystemCommand("Onderbroken melding weggooien", "Wat je had ingevuld verwijderen (Ctrl+Del)",
                                self.action_discard_draft)
        yield SystemCommand("Rol kiezen", "Medewerker, leerling of ouder/verzorger",
                            lambda: self.query_one("#role", RoleChoice).focus())
        yield SystemCommand("Protocol kiezen", "Het protocol van je school",
                            self.action_choose_protocol)


def saved_when(draft: Draft, now: datetime | None = None) -> str:
    """"om 14:32" today, else "op 03-02-2026 om 14:32" (local time)."""
    local = draft.saved_at.astimezone()
    today = (now or datetime.now()).astimezone().date()
    return f"om {local:%H:%M}" if local.date() == today else f"op {local:%d-%m-%Y} om {local:%H:%M}"
