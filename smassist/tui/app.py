"""The Textual app: a small shell that holds the loaded data and pushes screens.

`make_app()` builds the app for the command line, the tests and the benchmark
alike; the data folder can be swapped for another (tests run it against broken
copies). Screens are views over `smassist.core.walk.Walk`: they call the core
and never decide anything themselves.
"""

from __future__ import annotations

from smassist.tui.long_lived import long_lived

with long_lived("imports"):  # Textual's and our code live as long as the process
    import sys
    from collections.abc import Iterable
    from functools import cache
    from pathlib import Path

    from textual.app import App, SystemCommand
    from textual.binding import Binding
    from textual.css.stylesheet import Stylesheet
    from textual.screen import Screen

    from smassist.core.catalog import Catalog, load_catalog
    from smassist.core.catalog_sources import load_user_catalog
    from smassist.core.models import Protocol
    from smassist.core.paths import decision_trees_dir
    from smassist.core.preferences import Preferences, read_preferences, save_preferences
    from smassist.core.problems import DataError
    from smassist.core.profile import Profile, load_profile
    from smassist.core.roles import ROLES
    from smassist.tui.css_cache import CACHE_FILE as CSS_CACHE_FILE
    from smassist.tui.css_cache import CachedStylesheet, ParsedCss
    from smassist.tui.palette import CommandPalette, search_commands
    from smassist.tui.presenter import PRESENTER_CLASS, PRESENTER_LABEL, PRESENTER_THEME, PRESENTER_THEME_NAME

# Themes offered in the app, with Dutch names. The terminal-palette themes use
# the terminal's own colours (and its own contrast settings).
THEMES: dict[str, str] = {
    "textual-dark": "Donker",
    "textual-light": "Licht",
    "ansi-dark": "Kleuren van de terminal (donker)",
    "ansi-light": "Kleuren van de terminal (licht)",
    PRESENTER_THEME_NAME: PRESENTER_LABEL,
}
DEFAULT_THEME = "textual-dark"


SCREENS_DIR = Path(__file__).resolve().parent / "screens"


@cache
def screen_css_files(screen_class: type) -> tuple[Path, ...]:
    """The .tcss beside the module of the screen class and of each of its smassist bases, bases first.

    A screen's rules all start with its class name, so one screen's file never
    styles another screen: each can be added when its screen is first shown.
    """
    files = []
    for cls in reversed(screen_class.__mro__):
        module = sys.modules.get(cls.__module__)
        source = getattr(module, "__file__", None)
        if source and cls.__module__.startswith("smassist.tui."):
            path = Path(source).with_suffix(".tcss")
            if path.parent == SCREENS_DIR and path.is_file() and path not in files:
                files.append(path)
    return tuple(files)


class SmassistApp(App[None]):
    """Holds the catalog, the school profile and the remembered choices."""

    TITLE = "smassist"
    SUB_TITLE = "beslishulp social-mediaprotocol"
    CSS_PATH = ["app.tcss", "presenter.tcss"]
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", tooltip="De toetsen en wat de app doet"),
        Binding("f2", "settings", "Instellingen", show=False, tooltip="Het schoolprofiel"),
        Binding("f3", "problems", "Problemen", show=False, tooltip="Problemen in de gegevens"),
        Binding("f4", "read_protocol", "Protocol lezen", show=False),
        Binding("f6", "incidents", "Incidenten", show=False, tooltip="Opgeslagen incidentmeldingen"),
        Binding("f5", "training", "Training", show=False, tooltip="Vergelijken, quiz en boomkaart voor een zaal"),
        Binding("ctrl+p", "command_palette", "opdrachten", show=False, priority=True,
                tooltip="Alle opdrachten zoeken"),
        Binding("ctrl+q", "quit", "Stoppen", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, catalog: Catalog, *, animate: bool = True, presenter: bool = False,
                 quiz_set: Path | None = None) -> None:
        super().__init__()
        self.stylesheet = _cached_stylesheet(self.stylesheet)
        self.catalog = catalog
        self.quiz_set = quiz_set  # a fixed set of quiz cases for this session (smassist --quiz-set)
        self.notes: list[str] = []  # messages for the user once the first screen shows
        self.profile = self._read_profile()
        self.preferences = self._read_preferences()
        if not animate:
            self.animation_level = "none"
        self.register_theme(PRESENTER_THEME)
        theme = PRESENTER_THEME_NAME if presenter else self.preferences.theme
        self.theme = theme if theme in self.available_themes else DEFAULT_THEME

    # -- data the screens share ------------------------------------------------

    def _read_profile(self) -> Profile:
        try:
            return load_profile()
        except DataError as exc:
            self.notes.append(f"Het schoolprofiel is niet gebruikt: {exc.problems[0]}")
            return Profile()

    def _read_preferences(self) -> Preferences:
        return read_preferences(self.notes)

    @property
    def profile_values(self) -> dict[str, str]:
        return self.profile.values()

    @property
    def role(self) -> str | None:
        return self.preferences.role if self.preferences.role in ROLES else None

    @property
    def protocol(self) -> Protocol | None:
        """The chosen protocol: remembered, else the school profile's, else none."""
        for key in (self.preferences.protocol, self.profile.protocol):
            if key and key in self.catalog.protocols:
                return self.catalog.protocols[key]
        return None

    def remember(self, **changes: str) -> None:
        """Keep a choice for next time; failing to save is reported, never fatal."""
        for key, value in changes.items():
            setattr(self.preferences, key, value)
        try:
            save_preferences(self.preferences)
        except OSError as exc:
            self.notify(f"Je keuze is niet bewaard: {exc.strerror or exc}", severity="warning")

    def reload_profile(self) -> None:
        self.profile = self._read_profile()
        while self.notes:
            self.notify(self.notes.pop(0), severity="warning", timeout=10)

    # -- screens -----------------------------------------------------------------

    def get_screen(self, screen, screen_class=None):
        """Textual's, adding the screen's own .tcss to the stylesheet before the screen is first styled.

        Parsing every screen's CSS at start made the start slow (~40 ms parse, and every
        widget's styling checked ~180 more rules); giving a screen a CSS_PATH makes Textual
        re-parse all CSS and restyle the app on its first push. An added source is parsed
        once on its own (Textual keeps parsed sources), like a widget's DEFAULT_CSS.
        """
        next_screen = super().get_screen(screen, screen_class)
        self._add_screen_css(type(next_screen))
        return next_screen

    def _add_screen_css(self, screen_class: type) -> None:
        stylesheet = self.stylesheet
        for path in screen_css_files(screen_class):
            if not stylesheet.has_source(str(path)):
                stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
                if self.css_monitor is not None:  # textual run --dev: edits to the file are picked up
                    self.css_monitor.add_paths([path])

    def get_default_screen(self) -> Screen:
        """The start screen is the first screen of the stack, as a bare app's own screen is.

        Pushing it over Textual's empty default screen cost a layout of that screen and a push.
        """
        from smassist.tui.screens.start import StartScreen

        self._add_screen_css(StartScreen)
        return StartScreen()

    def on_mount(self) -> None:
        while self.notes:
            self.notify(self.notes.pop(0), severity="warning", timeout=10)
        # While the user reads the topics, not when one is picked; counted from the first frame, so a slow
        # machine never spends the first frame's time on it.
        self.call_after_refresh(self.set_timer, 0.5, lambda: _import_walk_screens(self))

    def action_help(self) -> None:
        from smassist.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_problems(self) -> None:
        from smassist.tui.screens.problems import ProblemsScreen

        if not self.catalog.problems:
            self.notify("Er zijn geen problemen gevonden in de gegevens.")
        elif not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen(self.catalog))

    def action_topics(self) -> None:
        """Back to the start screen with the topics, whatever is open."""
        from smassist.tui.screens.start import StartScreen

        # a walk left for the topics keeps its draft: the start screen offers to resume it
        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()

    def action_read_protocol(self, protocol_id: str = "", article: str = "") -> None:
        from smassist.tui.screens.protocol import ProtocolScreen

        protocol = self.catalog.protocols.get(protocol_id) or self.protocol
        if protocol is None:
            self.notify("Kies eerst het protocol van je school.", severity="warning")
            return
        self.push_screen(ProtocolScreen(protocol, self.profile_values, article or None))

    def choose_protocol(self, current: str | None, callback) -> None:
        """Ask which protocol to use; callback gets its id, or None when the user cancels."""
        from smassist.tui.screens.choose_protocol import ChooseProtocolScreen

        protocols = sorted(self.catalog.protocols.values(), key=lambda p: p.organisation.casefold())
        if not protocols:
            self.notify("Er is geen bruikbaar protocol; zie de problemen in de gegevens (F3).", severity="error")
            return
        self.push_screen(ChooseProtocolScreen(protocols, current, self.profile_values), callback=callback)

    def action_settings(self) -> None:
        from smassist.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(), callback=lambda _result: self._after_settings())

    def _after_settings(self) -> None:
        self.reload_profile()
        from smassist.tui.screens.start import StartScreen

        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                screen.show_choices()

    def open_document(self, result) -> None:
        from smassist.tui.screens.document import DocumentScreen

        self.push_screen(DocumentScreen(result, self.profile))

    def action_incidents(self) -> None:
        """The incidents list (one register per session, opened on first use); back to it when it is open."""
        from smassist.tui.screens.incident_common import store_for
        from smassist.tui.screens.incident_list import IncidentListScreen

        if any(isinstance(screen, IncidentListScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, IncidentListScreen):
                self.pop_screen()
            return
        store = store_for(self)
        if store is not None:
            self.push_screen(IncidentListScreen(store))

    def on_unmount(self) -> None:
        from smassist.tui.draft_writing import flush_drafts
        from smassist.tui.screens.incident_common import close_store

        flush_drafts(self)  # the last key typed into a form is on disk before the app ends
        close_store(self)
        if isinstance(self.stylesheet, CachedStylesheet):
            self.stylesheet.store.save()

    # -- themes and the command palette ------------------------------------------

    def action_pick_theme(self) -> None:
        def choose(name: str):
            return lambda: self.set_theme(name)

        search_commands(self, [(label, choose(name), f"thema {name}") for name, label in THEMES.items()],
                        placeholder="Kies een thema…")

    def set_theme(self, name: str) -> None:
        self.theme = name
        self.remember(theme=name)

    def watch_theme(self, theme: str) -> None:
        self.set_class(theme == PRESENTER_THEME_NAME, PRESENTER_CLASS)

    def action_training(self) -> None:
        from smassist.tui.screens.training import TrainingScreen

        if not isinstance(self.screen, TrainingScreen):
            self.push_screen(TrainingScreen())

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Zoek een opdracht…"))

    def action_help_quit(self) -> None:
        self.notify("Stoppen doe je met Ctrl+Q.", title="Wil je stoppen?")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        commands = getattr(screen, "commands", None)
        if commands is not None:
            yield from commands()
        yield SystemCommand("Onderwerpen", "Terug naar de onderwerpen", self.action_topics)
        yield SystemCommand("Protocol lezen", "Het hele protocol lezen en doorzoeken", self.action_read_protocol)
        yield SystemCommand("Instellingen", "Het schoolprofiel: naam van de school, contactpersonen", self.action_settings)
        yield SystemCommand("Incidenten", "Opgeslagen incidentmeldingen: openen, stappen, exporteren, verwijderen (F6)",
                            self.action_incidents)
        yield SystemCommand("Thema kiezen", "Donker, licht, de kleuren van de terminal of presentatie",
                            self.action_pick_theme)
        yield SystemCommand("Training", "Voor een zaal: protocollen vergelijken, quiz, boomkaart (F5)",
                            self.action_training)
        if self.catalog.problems:
            yield SystemCommand("Problemen in de gegevens", "Welke bestanden niet kloppen, met regelnummer",
                                self.action_problems)
        yield SystemCommand("Help", "De toetsen en wat de app doet", self.action_help)
        yield SystemCommand("Stoppen", "De app afsluiten", self.exit)

    # -- the last line of defence ------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        self._crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Replace Textual's traceback with a Dutch message; the details go to a private file."""
        from rich.text import Text

        error = getattr(self, "_crash", None)
        where = _save_crash_report(error)
        # The exception's own text is a developer's (English, Textual's words): it goes to the file only.
        message = "smassist is gestopt door een onverwachte fout in smassist zelf (niet door wat jij deed)."
        if where:
            message += f"\nDe technische details staan in {where}; stuur dat bestand mee als je het meldt."
        self.bell()
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()


def _import_walk_screens(app: SmassistApp) -> None:
    """While the user reads the topics: the question and answer screens' code (~25 ms of imports) and CSS.

    So the first topic opens as fast as later ones. Their CSS used to be added on the
    first push: parsed then, and the changed stylesheet made the next showing of the kept
    question screen restyle all of it (the first topic cost six times a later one, the
    second two times).
    """
    from textual.containers import VerticalScroll

    from smassist.tui.screens.answer import AnswerView
    from smassist.tui.screens.question import QuestionScreen

    for screen_class in (QuestionScreen, AnswerView):
        app._add_screen_css(screen_class)
    # the one widget type of theirs the start screen has not used (its default CSS is added on first use)
    for read_from, css, tie_breaker, scope in VerticalScroll()._get_default_css():
        app.stylesheet.add_source(css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope)
    app.stylesheet.rules_map  # parsed now, not at the user's next key press  # noqa: B018


def _save_crash_report(error: BaseException | None) -> Path | None:
    if error is None:
        return None
    import traceback

    from smassist.core.paths import private_dir, user_data_dir
    from smassist.core.private_files import write_private

    try:
        folder = private_dir(user_data_dir())
        path = folder / "laatste-fout.txt"
        return write_private(path, "".join(traceback.format_exception(error)))
    except OSError:
        return None


def _cached_stylesheet(stylesheet: Stylesheet) -> Stylesheet:
    """Textual's fresh (empty) stylesheet, as one that keeps parsed CSS in the user's cache folder."""
    from smassist.core.paths import user_cache_dir

    return CachedStylesheet(variables=stylesheet._variables, store=ParsedCss(user_cache_dir() / CSS_CACHE_FILE))


def make_app(data_dir: Path | None = None, *, templates: Path | None = None, catalog: Catalog | None = None,
             animate: bool = True, presenter: bool = False, quiz_set: Path | None = None) -> SmassistApp:
    """Build the app: the bundled data by default, or the trees and protocols in data_dir."""
    with long_lived("catalogue"):  # the protocols and trees live as long as the app
        if catalog is None:
            if data_dir is None and templates is None:
                catalog = load_user_catalog()
            elif data_dir is None:
                catalog = load_catalog(decision_trees_dir(), templates)
            else:
                catalog = load_catalog(Path(data_dir), templates)
    return SmassistApp(catalog, animate=animate, presenter=presenter, quiz_set=quiz_set)


def run_app(*, presenter: bool = False, quiz_set: Path | None = None) -> int:
    app = make_app(presenter=presenter, quiz_set=quiz_set)
    app.run()
    return app.return_code or 0
