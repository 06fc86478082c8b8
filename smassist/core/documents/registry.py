"""The documents smassist makes: id, Dutch title, the values each one needs.

Document ids are fixed (rulings offer them by id in `documents: [...]`).
Each document has a template `templates/<id>.md.j2`. Values come from three
places: the school profile (`profile`), a walk's answers, and a data file or
the document screen (`fields`). A value a document needs and nobody gave is
asked for, never printed blank.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataField:
    id: str
    label: str  # Dutch, shown on the screen and in error messages
    kind: str = "text"  # text, longtext, list, date, number, choice
    required: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()
    sample: object = ""  # used by validation and tests: every document renders with sample data


@dataclass(frozen=True)
class DocumentSpec:
    id: str
    title: str
    summary: str
    profile: tuple[str, ...]  # profile values this document always needs
    fields: tuple[DataField, ...] = ()
    # Finds the protocol's articles when neither a walk nor a ruling gives them.
    article_pattern: str | None = None
    # Without any article the document has nothing to rest on: refuse it.
    needs_articles: bool = False
    what_articles: str = ""  # Dutch: what the articles are about, for the error message
    # Of a ruling's citations, show only those the pattern finds (when it finds any).
    focus: bool = False
    # Its protocol content belongs to one situation (an incident): without a walk or an
    # outcome it shows the articles the pattern finds, never some other situation's ruling.
    situational: bool = False
    # A form to fill in by hand: never a walk's answers, and the protocol's complete plan (every step any
    # situation that offers it has), so it is blank and fits every incident.
    blank: bool = False
    # Who sends or keeps this document: only they are offered it (a parent is not offered the school's
    # consent request). Role ids as in smassist.core.roles.
    roles: tuple[str, ...] = ("staff",)

    def offered_to(self, role: str) -> bool:
        return role in self.roles

    def field(self, field_id: str) -> DataField | None:
        return next((f for f in self.fields if f.id == field_id), None)


RECIPIENTS = {"ouders": "de ouders/verzorgers", "leerling": "de leerling", "medewerker": "de medewerker"}

_RECIPIENT = DataField(
    "recipient", "Voor wie is het verzoek?", "choice", choices=tuple(RECIPIENTS),
    help="ouders (leerling jonger dan de leeftijdsgrens), leerling (vanaf de leeftijdsgrens) of medewerker; "
         "laat leeg en geef de leeftijd, dan kiest smassist volgens het protocol",
    sample="ouders",
)
_AGE = DataField("age", "Leeftijd van de leerling", "number",
                 help="bepaalt of de ouders/verzorgers of de leerling zelf toestemming geven")
_PUPIL = DataField("pupil_name", "Naam van de leerling", help="leeg laten: er komt een lijn om in te vullen")
_PERIOD = DataField("period", "Hoe lang geldt de toestemming?", help="bijvoorbeeld: het schooljaar 2026-2027",
                    sample="het schooljaar 2026-2027")
_REPLY = DataField("reply_by", "Graag terug vóór (datum)", "date", sample="2026-12-04")

DOCUMENTS: dict[str, DocumentSpec] = {}


def _add(spec: DocumentSpec) -> None:
    DOCUMENTS[spec.id] = spec


_add(DocumentSpec(
    "disclaimer", "Disclaimer bij een bericht op je persoonlijke account",
    "De zin die je onder een bericht over school op je eigen account zet, in de woorden van je protocol.",
    profile=("school_name",),
    article_pattern=r"persoonlijke mening|persoonlijk standpunt|disclaimer",
    needs_articles=True, what_articles="een disclaimer bij berichten op een persoonlijk account", focus=True,
))
_add(DocumentSpec(
    "identification", "Zo maak je bekend wie je bent in een online discussie",
    "De regel waarmee je in een online discussie over school zegt dat je er werkt (en je functie, waar het protocol dat vraagt).",
    profile=("school_name",),
    article_pattern=r"vermelden dat (?:hij|zij|hij/zij) medewerker is",
    needs_articles=True, what_articles="het vermelden dat je medewerker bent in een online discussie", focus=True,
))
_add(DocumentSpec(
    "consent_photo", "Toestemming voor foto's, films en geluidsopnamen",
    "Een verzoek om schriftelijke toestemming: aan de ouders/verzorgers, de leerling of een medewerker.",
    profile=("school_name", "school_leader"),
    fields=(
        DataField("purpose", "Waarvoor gebruikt de school de opnamen?", "longtext", required=True,
                  help="bijvoorbeeld: om ouders te laten zien wat er in de klas gebeurt",
                  sample="Om ouders en belangstellenden te laten zien wat er tijdens de projectweek op school gebeurt."),
        DataField("accounts", "Op welke social-media-accounts komen ze?", "list", required=True,
                  help="één account per regel, bijvoorbeeld: Instagram-account van de school",
                  sample=["Instagram-account van de school", "besloten Facebookgroep van groep 7"]),
        _RECIPIENT, _AGE, _PUPIL, _PERIOD, _REPLY,
    ),
    article_pattern=r"toestemming[^.]{0,200}(?:foto|film|geluid)|(?:foto|film|geluid)[^.]{0,200}toestemming",
    needs_articles=True, what_articles="toestemming voor foto's, films en geluidsopnamen",
))
_add(DocumentSpec(
    "consent_account", "Toestemming voor een social-media-account voor het onderwijs",
    "Een verzoek om schriftelijke toestemming om voor de lessen een social-media-account aan te maken.",
    profile=("school_name", "school_leader"),
    fields=(
        DataField("platform", "Welk platform of welke dienst?", required=True,
                  help="bijvoorbeeld: Padlet, Instagram of YouTube", sample="Padlet"),
        DataField("purpose", "Waarvoor gebruiken de leerlingen het account?", "longtext", required=True,
                  help="bijvoorbeeld: om in de les mediawijsheid samen een blog bij te houden",
                  sample="Om in de lessen mediawijsheid samen een klassenblog bij te houden."),
        _RECIPIENT, _AGE, _PUPIL, _PERIOD, _REPLY,
    ),
    article_pattern=r"accounts? voor onderwijsdoeleinden|onderwijsdoeleinden",
    needs_articles=True, what_articles="social-media-accounts voor het onderwijs",
))
_INCIDENT_PATTERN = r"incident|aangifte|[Vv]ertrouwensinspecteur|Functionaris Gegevensbescherming"
_add(DocumentSpec(
    "incident_report", "Verslag van een social-media-incident (concept)",
    "De feiten, het stappenplan van het protocol als afvinklijst, wie erbij moet (FG, politie, vertrouwensinspecteur) en hoe het antwoord tot stand kwam.",
    profile=("school_name", "school_leader"),
    fields=(
        DataField("facts", "Wat er is gebeurd (feiten)", "facts",
                  help="in een gegevensbestand: facts: {Datum: 20-11-2026, Wat er gebeurde: ...}; na een beslisroute komen de feiten uit de antwoorden",
                  sample={"Datum": "2026-11-20", "Wat er gebeurde": "Een nepaccount op Instagram plaatst foto's van de school met kwetsende teksten.",
                          "Waar (platform, account)": "Instagram, account @nep_school"}),
    ),
    article_pattern=_INCIDENT_PATTERN,
    situational=True,
))
_add(DocumentSpec(
    "incident_form", "Meldformulier social-media-incident (om met de hand in te vullen)",
    "Een leeg formulier met lijnen en vakken, met het stappenplan van het protocol om af te vinken.",
    profile=("school_name",),
    article_pattern=_INCIDENT_PATTERN,
    situational=True,
    blank=True,
))
_add(DocumentSpec(
    "incident_letter", "Brief aan ouders/verzorgers over een incident",
    "Wat er bekend is en wat de volgende stappen zijn; de brief noemt geen andere leerlingen.",
    profile=("school_name", "school_leader"),
    fields=(
        DataField("summary", "Wat er bekend is (noem geen namen van leerlingen)", "longtext", required=True,
                  sample="Deze week is er via Instagram een nepaccount verschenen dat foto's van onze school gebruikt, met kwetsende teksten erbij."),
        DataField("next_steps", "Wat de school nu doet (volgende stappen)", "list", required=True,
                  sample=["We hebben Instagram gevraagd het account te verwijderen.",
                          "We praten in de klassen over wat er is gebeurd.",
                          "We houden u op de hoogte als er nieuws is."]),
        DataField("request", "Wat u de ouders vraagt", "longtext",
                  help="leeg laten: de brief vraagt berichten en beelden niet door te sturen"),
        DataField("subject", "Onderwerp van de brief", sample="Een incident op social media"),
    ),
    situational=True,
))
_add(DocumentSpec(
    "account_checklist", "Checklist: een werkaccount of schoolaccount maken",
    "De regels van het protocol voor een werk- of schoolaccount als afvinklijst, met de gegevens van het account.",
    profile=("school_name",),
    fields=(
        DataField("account_kind", "Soort account", "choice", choices=("werkaccount", "schoolaccount"), sample="werkaccount"),
        DataField("platform", "Platform", help="bijvoorbeeld: Instagram, Facebook, WhatsApp", sample="Instagram"),
        DataField("account_name", "Naam van het account", sample="Juf Jansen - De Regenboog"),
    ),
    article_pattern=r"werkaccount|schoolaccount",
    needs_articles=True, what_articles="werkaccounts of schoolaccounts",
))

# Keys a data file may hold besides a document's own fields (and the profile's keys).
GENERAL_KEYS = {
    "outcome": "welke uitspraak (BOOM/UITKOMST) het document gebruikt als er geen beslisroute is",
    "articles": "de artikelen waarop het document rust (lijst van artikelnummers)",
    "date": "de datum op het document (standaard: vandaag)",
}


def sample_data(spec: DocumentSpec) -> dict:
    """Values for every field that has a sample: enough to render the document."""
    return {f.id: f.sample for f in spec.fields if f.sample not in ("", None)}


def offered_documents(result) -> list[str]:
    """The documents an answer offers to its reader: known ones that this role sends or keeps, in order."""
    return [d for d in result.ruling.documents if d in DOCUMENTS and DOCUMENTS[d].offered_to(result.role)]
