"""Help (F1 or ?): what the app does and the keys on every screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce

ABOUT = (
    "smassist zoekt voor jouw situatie op wat het social-mediaprotocol van je school zegt. "
    "Kies wie je bent en het protocol van je school, kies een onderwerp en beantwoord de vragen. "
    "Je krijgt een oordeel (altijd in woorden en met een teken), een kort antwoord en de artikelen "
    "uit het protocol letterlijk, met nummer en hoofdstuk. Alles werkt op je eigen computer, zonder internet."
)

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Overal", [
        ("F1 of ?", "deze hulp"),
        ("Escape", "terug (één vraag of één scherm)"),
        ("Ctrl+P", "alle opdrachten zoeken, ook thema kiezen en instellingen"),
        ("F2", "instellingen (schoolprofiel)"),
        ("F3", "problemen in de gegevens (als die er zijn)"),
        ("F4", "het protocol van je school lezen"),
        ("F5", "training: vergelijken, quiz en boomkaart"),
        ("F6", "incidentmeldingen"),
        ("Tab / Shift+Tab", "naar het volgende / vorige onderdeel"),
        ("Ctrl+Q", "stoppen"),
    ]),
    ("Onderwerpen", [
        ("pijltjes + Enter", "kies je rol, je protocol en een onderwerp"),
        ("1–9", "kies direct een onderwerp"),
        ("typen", "filter de onderwerpen; Escape wist het filter"),
        ("F7 / Ctrl+Del", "verder met een onderbroken melding / hem weggooien (eerst een vraag)"),
    ]),
    ("Vraag", [
        ("pijltjes + Enter of 1–9", "kies een antwoord"),
        ("Escape", "vorige vraag; je latere antwoorden blijven bewaard"),
        ("r", "opnieuw beginnen met dit onderwerp"),
        ("o", "terug naar de onderwerpen"),
    ]),
    ("Antwoord", [
        ("Tab + Enter", "open het protocol bij een genoemd artikel"),
        ("k", "kopieer het antwoord met de artikelen als tekst"),
        ("v", "vergelijk met de andere protocollen"),
        ("d", "maak een document (als het antwoord er een aanbiedt)"),
        ("p", "lees het protocol vanaf het eerste genoemde artikel"),
        ("i", "incidentmelding starten (bij 'Er is iets gebeurd')"),
        ("o", "terug naar de onderwerpen"),
    ]),
    ("Incidentmelding", [
        ("typen", "alles wordt meteen opgeslagen"),
        ("F7 of Ctrl+T", "de stappen van het protocol afvinken (spatie: vandaag gedaan)"),
        ("F8 of Ctrl+G", "status 'gemeld' (het formulier moet compleet zijn)"),
        ("F9 of Ctrl+R", "status 'afgerond'"),
        ("Ctrl+O", "exporteren als PDF, HTML, Markdown of JSON"),
    ]),
    ("Incidenten (F6)", [
        ("Enter", "openen en verder invullen"),
        ("s / e", "stappen / exporteren"),
        ("x", "verwijderen (eerst een vraag)"),
        ("p", "oude incidenten opruimen (12 maanden niet gewijzigd)"),
    ]),
    ("Training (F5)", [
        ("1–3", "vergelijken, quiz of boomkaart"),
        ("t", "presentatiethema aan/uit (groot contrast)"),
        ("quiz: 1–9 + n", "kies een antwoord, dan het volgende geval; r: nog eens"),
        ("boomkaart: e / c / r / p", "alles open / dicht / andere rol / ander protocol"),
    ]),
    ("Protocol", [
        ("/ of Ctrl+F", "zoek in de tekst"),
        ("Enter of n", "volgende treffer (N: vorige)"),
        ("pijltjes, PageUp/PageDown", "door de tekst bladeren"),
    ]),
]


def help_content() -> Content:
    parts = [Content(ABOUT)]
    for title, keys in KEYS:
        parts.append(Content.styled(f"\n{title}", "bold underline"))
        width = max(len(key) for key, _ in keys)
        parts += [Content.assemble((key.ljust(width + 2), "bold"), what) for key, what in keys]
    return Content("\n").join(parts)


class HelpScreen(StyledOnce, Screen):
    BINDINGS = [Binding("escape,f1,question_mark", "app.pop_screen", "Terug")]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="help"):
            yield Static(help_content())
        yield KeysBar(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Help"
        self.query_one("#help").focus()
