"""Training: the way in for ICT coordinators teaching colleagues in a room.

Three things to do (compare the five protocols, a quiz, a map of a tree) and
the presenter theme. `PickScreen` is a small list with a filter that the
training screens use to choose a situation or a topic.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from smassist.core.problems import Problem
from smassist.core.roles import ROLES
from smassist.core.scenarios import Scenario
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.presenter import PRESENTER_THEME_NAME
from smassist.tui.styled_once import StyledOnce

NOTHING = "-"


def training_scenarios(app) -> tuple[list[Scenario], list[Problem]]:
    """The scenario files beside the app's trees, read once per app."""
    cached = getattr(app, "_training_scenarios", None)
    if cached is None:
        from smassist.core.quiz import load_scenarios

        cached = load_scenarios(app.catalog.root / "scenarios")
        app._training_scenarios = cached
    return cached


@dataclass(frozen=True)
class Pick:
    id: str
    label: Content
    search: str  # the words the filter looks in


class PickScreen(StyledOnce, Screen[str | None]):
    """Choose one item from a list that can be filtered by typing; Escape cancels."""

    DEFAULT_CSS = """
    PickScreen #pick-intro { padding: 0 1; }
    PickScreen #pick-filter { margin: 0 1; }
    PickScreen #pick-list { height: 1fr; margin: 0 1; border: round $primary; }
    """
    BINDINGS = [Binding("escape", "cancel", "Terug")]

    def __init__(self, title: str, intro: str, items: list[Pick], placeholder: str = "Typ om te zoeken…") -> None:
        super().__init__()
        self.title_text = title
        self.intro = intro
        self.items = items
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(self.intro, id="pick-intro", markup=False)
        yield Input(placeholder=self.placeholder, id="pick-filter", select_on_focus=False, compact=True)
        yield OptionList(id="pick-list", markup=False)
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        self.query_one("#pick-filter", Input).cursor_blink = self.app.animation_level != "none"
        self.show()
        self.query_one("#pick-list", OptionList).focus()

    def show(self) -> None:
        words = self.query_one("#pick-filter", Input).value.casefold().split()
        listing = self.query_one("#pick-list", OptionList)
        listing.clear_options()
        shown = [item for item in self.items if all(w in item.search.casefold() for w in words)]
        for item in shown:
            listing.add_option(Option(item.label, id=item.id))
        if not shown:
            listing.add_option(Option("Niets gevonden; wis het zoekwoord met Escape.", id=NOTHING, disabled=True))
        else:
            listing.highlighted = 0
        listing.border_title = f"{len(shown)} van {len(self.items)}"

    @on(Input.Changed, "#pick-filter")
    def filter_changed(self) -> None:
        self.show()

    @on(Input.Submitted, "#pick-filter")
    def filter_submitted(self) -> None:
        listing = self.query_one("#pick-list", OptionList)
        listing.focus()
        if listing.highlighted is not None:
            listing.action_select()

    def on_key(self, event: Key) -> None:
        """Typing in the list goes to the filter; Down in the filter goes to the list."""
        listing = self.query_one("#pick-list", OptionList)
        search = self.query_one("#pick-filter", Input)
        if self.focused is listing and event.character and event.character.isprintable() \
                and event.character != "?":
            search.focus()
            search.insert_text_at_cursor(event.character)
            event.stop()
        elif self.focused is search and event.key == "down":
            listing.focus()
            event.stop()

    @on(OptionList.OptionSelected, "#pick-list")
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option_id and event.option_id != NOTHING:
            self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        search = self.query_one("#pick-filter", Input)
        if search.value:
            search.value = ""
            self.query_one("#pick-list", OptionList).focus()
        else:
            self.dismiss(None)


CHOICES = (
    ("compare", "Vergelijken", "Eén situatie in alle protocollen naast elkaar; de verschillen gemarkeerd."),
    ("quiz", "Quiz", "Gevallen uit de praktijk als kort verhaal; de zaal kiest, dan het antwoord met het artikel."),
    ("map", "Boomkaart", "Een onderwerp als uitklapbare boom: vragen → antwoorden → oordeel van het protocol."),
)


class TrainingScreen(StyledOnce, Screen):
    """The training menu."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug"),
        Binding("t", "toggle_presenter", "Presentatie aan/uit", tooltip="Groot contrast, voor een projector"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, len(CHOICES) + 1)),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(Content.assemble(("Training voor een zaal", "bold"),
                                      " — leer collega's het protocol met voorbeelden."), id="training-intro")
        options: list[Option | None] = []
        for n, (key, title, text) in enumerate(CHOICES, 1):
            options += [Option(Content.assemble((f"{n}  {title}", "bold"), "\n   ", text), id=key), None]
        yield OptionList(*options[:-1], id="training-choices", markup=False)
        yield Static(id="training-theme")
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Training"
        self.show_theme()
        self.query_one("#training-choices", OptionList).focus()

    def show_theme(self) -> None:
        on = self.app.theme == PRESENTER_THEME_NAME
        self.query_one("#training-theme", Static).update(Content.assemble(
            ("Presentatie: ", "bold"), ("aan" if on else "uit", "bold"),
            " — T zet het grote contrast voor een projector aan of uit. "
            "Letters groter: zoom in met je terminal (of start ‘smassist serve --presenter’)."))

    def action_toggle_presenter(self) -> None:
        from smassist.tui.app import DEFAULT_THEME

        previous = getattr(self, "_previous_theme", DEFAULT_THEME)
        if self.app.theme == PRESENTER_THEME_NAME:
            self.app.set_theme(previous if previous != PRESENTER_THEME_NAME else DEFAULT_THEME)
        else:
            self._previous_theme = self.app.theme
            self.app.set_theme(PRESENTER_THEME_NAME)
        self.show_theme()

    def action_choose(self, number: int) -> None:
        self.open(CHOICES[number - 1][0])

    @on(OptionList.OptionSelected, "#training-choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.open(event.option_id or "")

    def open(self, key: str) -> None:
        if key == "compare":
            self.pick_situation()
        elif key == "quiz":
            from smassist.tui.screens.quiz import QuizSetupScreen

            self.app.push_screen(QuizSetupScreen())
        elif key == "map":
            self.pick_tree()

    # -- compare: choose a situation from the scenario files ------------------------------

    def pick_situation(self) -> None:
        from smassist.core.quiz import situations

        app = self.app
        scenarios, problems = training_scenarios(app)
        found = situations(scenarios, app.catalog.trees)
        if problems:
            self.notify(f"Niet alle scenario's zijn gelezen: {problems[0]}", severity="warning", timeout=10)
        if not found:
            self.notify("Er zijn geen situaties: de map met scenario's is leeg of ontbreekt.", severity="error")
            return
        self._situations = {str(i): s for i, s in enumerate(found)}
        items = []
        for key, situation in self._situations.items():
            tree = app.catalog.trees[situation.tree]
            items.append(Pick(key, Content.assemble((situation.name, "bold"), "\n  ",
                                                    (f"{tree.title} · {ROLES.get(situation.role, situation.role)}", "dim")),
                              f"{situation.name} {tree.title} {ROLES.get(situation.role, '')}"))
        app.push_screen(PickScreen("Vergelijken: kies een situatie",
                                   "Kies een situatie; je ziet dan wat elk protocol zegt, naast elkaar.", items),
                        callback=self.situation_picked)

    def situation_picked(self, key: str | None) -> None:
        from smassist.tui.screens.compare_all import CompareAllScreen

        situation = getattr(self, "_situations", {}).get(key or "")
        if situation is None:
            return
        mine = self.app.protocol.id if self.app.protocol else None
        self.app.push_screen(CompareAllScreen(self.app.catalog.trees[situation.tree], situation.role,
                                              situation.answers, situation.inputs, name=situation.name, mine=mine))

    # -- tree map: choose a topic ----------------------------------------------------------

    def pick_tree(self) -> None:
        trees = list(self.app.catalog.trees.values())
        if not trees:
            self.notify("Er zijn geen onderwerpen (beslisbomen) geladen.", severity="error")
            return
        items = [Pick(t.id, Content.assemble((t.title, "bold"), "\n  ",
                                             (f"voor {', '.join(ROLES.get(r, r) for r in t.roles)}", "dim")),
                      f"{t.title} {t.summary} {t.id}") for t in trees]
        self.app.push_screen(PickScreen("Boomkaart: kies een onderwerp", "Van welk onderwerp wil je de boom zien?", items),
                             callback=self.tree_picked)

    def tree_picked(self, tree_id: str | None) -> None:
        from smassist.tui.screens.tree_map import TreeMapScreen

        tree = self.app.catalog.trees.get(tree_id or "")
        if tree is None:
            return
        role = self.app.role if self.app.role in tree.roles else tree.roles[0]
        self.app.push_screen(TreeMapScreen(tree, role, self.app.protocol))

    def commands(self):
        for n, (key, title, text) in enumerate(CHOICES, 1):
            yield SystemCommand(f"Training: {title}", f"{text} ({n})", lambda key=key: self.open(key))
        yield SystemCommand("Presentatie aan/uit", "Groot contrast voor een projector (t)", self.action_toggle_presenter)
