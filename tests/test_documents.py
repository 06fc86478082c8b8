"""Documents: every offered document renders with sample data and says the right things.

The assertions read the content: the school's name, the age rule of each
protocol, the cited articles verbatim, the steps in order, and never "None",
"{{" or a bracket placeholder.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from pathlib import Path

import pytest

from smassist.core.catalog import load_catalog
from smassist.core.documents import DOCUMENTS, DocumentError, make, missing_values, sample_data, save
from smassist.core.documents.checks import sample_facts
from smassist.core.documents.context import offering_rulings
from smassist.core.documents.dates import dutch_date
from smassist.core.paths import templates_dir
from smassist.core.walk import Walk
from tests.conftest import DATA

PROFILE = {
    "school_name": "De Regenboog",
    "board": "Stichting Regenboog",
    "function": "docent Nederlands",
    "school_leader": "A. Jansen",
    "privacy_officer": "M. de Vries",
    "communication_officer": "P. Bakker",
    "confidential_adviser": "S. Yilmaz",
}
TODAY = dt.date(2026, 11, 22)
FIXTURE = DATA / "documents"
FORBIDDEN = ("None", "{{", "}}", "{%", "[naam school]", "[Naam school]")


def flat(text: str) -> str:
    """Text without layout: quote bars and line wrapping removed, so verbatim text can be found."""
    return " ".join(text.replace("│", " ").split())


def assert_clean(text: str) -> None:
    for bad in FORBIDDEN:
        assert bad not in text, f"{bad!r} in document"
    # no label printed with nothing after it (a blank required field)
    lines = text.splitlines()
    for index, line in enumerate(lines):
        following = next((later.strip() for later in lines[index + 1:] if later.strip()), "")
        introduces_a_list = following.startswith(("- ", "• ", "☐", "│ -"))
        assert introduces_a_list or not re.fullmatch(r"\s*[A-Z][^:]{2,40}:\s*", line), f"blank value: {line!r}"


def walk_result(catalog, tree, protocol, role, answers=(), inputs=None):
    walk = Walk(catalog.tree(tree), catalog.protocol(protocol), role)
    for node, values in (inputs or {}).items():
        walk.inputs[node] = {f.id: values.get(f.id, "") for f in catalog.tree(tree).nodes[node].fields}
    walk.answers.update(dict(answers))
    walk.fast_forward()
    assert walk.finished, walk.current
    return walk.result()


@pytest.fixture(scope="module")
def fixture_catalog():
    return load_catalog(FIXTURE, templates_dir())


def render(catalog, document, protocol, fmt="txt", profile=PROFILE, **kw):
    rendered = make(document, catalog.protocol(protocol), profile, trees=catalog.trees, today=TODAY, **kw)
    return rendered.output(fmt)


# -- every document, every protocol -------------------------------------------------------


def offered(catalog):
    for protocol in catalog.protocols.values():
        seen = set()
        for ruling in (r for ruled in protocol.rulings.values() for r in ruled.values()):
            for document in ruling.documents:
                key = (document, ruling.tree, tuple(ruling.cites))
                if key not in seen:
                    seen.add(key)
                    yield protocol, ruling, document


def test_the_bundled_rulings_offer_documents(catalog):
    pairs = {(p.id, d) for p, _, d in offered(catalog)}
    assert {("quadraam", "consent_photo"), ("togtemaar", "consent_photo"), ("buitengewoon", "account_checklist")} <= pairs


def test_every_offered_document_renders_for_every_protocol_with_sample_data(catalog):
    checked = 0
    for protocol, ruling, document in offered(catalog):
        data = {**sample_data(DOCUMENTS[document]), "outcome": f"{ruling.tree}/{ruling.outcome}"}
        if "facts" in data:
            data["facts"] = sample_facts(catalog.trees.get(ruling.tree))
        text = render(catalog, document, protocol.id, data=data)
        assert_clean(text)
        assert "De Regenboog" in text, (protocol.id, document)
        body = flat(text)
        for article_id in ruling.cites:
            article = protocol.articles[article_id]
            # the blank form names each step's article but leaves quoting it to the protocol (two pages)
            quotes_articles = document not in ("disclaimer", "identification", "incident_letter") \
                and not DOCUMENTS[document].blank
            shows_every_citation = quotes_articles and not DOCUMENTS[document].focus
            if (article.reference in body and quotes_articles) or shows_every_citation:
                # words filled into a model protocol carry a mark ("De Regenboog*"); the rest is verbatim
                assert flat(protocol.fill(article.text, PROFILE)) in body.replace("Regenboog*", "Regenboog"), (
                    protocol.id, document, article_id)
        checked += 1
    assert checked >= 10


# Documents that a protocol cannot offer because it has no rules for them.
REFUSED = {
    ("disclaimer", "buitengewoon"),
    *{("consent_account", p) for p in ("edu-ley", "kopwerk", "quadraam", "togtemaar")},
    *{("account_checklist", p) for p in ("edu-ley", "kopwerk", "quadraam", "togtemaar")},
}


@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_each_document_renders_from_a_data_file_for_each_protocol_that_has_rules_for_it(catalog, document):
    for protocol in catalog.protocols.values():
        data = sample_data(DOCUMENTS[document])
        if (document, protocol.id) in REFUSED:
            with pytest.raises(DocumentError, match="heeft geen regels over"):
                render(catalog, document, protocol.id, data=data)
            continue
        text = render(catalog, document, protocol.id, data=data)
        assert_clean(text)
        assert "De Regenboog" in text and "22 november 2026" in text


# -- the age rule -----------------------------------------------------------------------------

PARENTS = "Aan de ouders/verzorgers van"
PUPIL = "Beste leerling,"


def consent(catalog, protocol, **data):
    base = {"purpose": "Voor de nieuwsbrief.", "accounts": ["Instagram-account van de school"]}
    return flat(render(catalog, "consent_photo", protocol, data={**base, **data}))


def test_quadraam_asks_the_parents_of_a_pupil_of_exactly_16(catalog):
    sixteen = consent(catalog, "quadraam", age=16)
    assert PARENTS in sixteen and PUPIL not in sixteen
    assert "Leerlingen ouder dan 16 jaar geven zelf toestemming. Is de leerling 16 jaar of jonger, dan geven de ouders/verzorgers toestemming." in sixteen
    assert "Quadraam vraagt aantoonbaar schriftelijke toestemming aan medewerkers, ouders of aan leerlingen ouder dan 16 jaar" in sixteen
    seventeen = consent(catalog, "quadraam", age=17)
    assert PUPIL in seventeen and PARENTS not in seventeen


def test_buitengewoon_asks_a_pupil_of_16_and_the_parents_of_a_younger_pupil(catalog):
    assert PUPIL in consent(catalog, "buitengewoon", age=16)
    fifteen = consent(catalog, "buitengewoon", age=15)
    assert PARENTS in fifteen
    assert "Indien de leerling jonger is dan 16 jaar wordt de toestemming gevraagd aan de ouders/verzorgers." in fifteen


def test_a_protocol_without_an_age_follows_the_law_and_says_so(catalog):
    assert PUPIL in consent(catalog, "togtemaar", age=16)
    fifteen = consent(catalog, "togtemaar", age=15)
    assert PARENTS in fifteen
    assert "noemt hiervoor geen leeftijd; daarom volgen we de wet (AVG)" in fifteen


def test_the_age_comes_from_the_protocols_own_article_not_from_a_fixed_16(fixture_catalog):
    assert PUPIL in consent(fixture_catalog, "gamma", age=14)
    thirteen = consent(fixture_catalog, "gamma", age=13)
    assert PARENTS in thirteen and "jonger dan 14 jaar" in thirteen
    assert "Voor foto's en films op social media vraagt De Regenboog* schriftelijke toestemming." in thirteen
    assert "* Ingevuld door smassist: het modelprotocol laat hier open de naam van de school." in thirteen


@pytest.mark.parametrize(("protocol", "age", "expected"), [
    ("quadraam", "sixteen", PARENTS), ("quadraam", "over16", PUPIL),
    ("buitengewoon", "sixteen", PUPIL), ("buitengewoon", "under16", PARENTS),
])
def test_after_a_photo_walk_the_request_goes_to_whom_the_protocol_says(catalog, protocol, age, expected):
    result = walk_result(catalog, "photo", protocol, "staff",
                         {"school_related": "ja", "who": "pupils", "pupil_consent": "written", "age": age})
    assert "consent_photo" in result.ruling.documents
    text = flat(render(catalog, "consent_photo", protocol, result=result, data={"purpose": "Nieuwsbrief.", "accounts": ["Instagram"]}))
    assert expected in text
    for citation in result.citations:
        assert flat(citation.text(PROFILE)) in text


def test_adults_in_the_photo_get_the_staff_variant(catalog):
    result = walk_result(catalog, "photo", "quadraam", "staff", {"school_related": "ja", "who": "adults", "adult_consent": "none"})
    text = flat(render(catalog, "consent_photo", "quadraam", result=result, data={"purpose": "Nieuwsbrief.", "accounts": ["Instagram"]}))
    assert "Beste collega," in text and "Als medewerker geef je zelf toestemming" in text
    assert PARENTS not in text


def test_a_request_without_age_or_recipient_asks_for_one(catalog):
    with pytest.raises(DocumentError, match="recipient"):
        render(catalog, "consent_photo", "quadraam", data={"purpose": "x", "accounts": ["y"]})


def test_consent_request_has_purpose_accounts_withdrawal_signature_and_article(catalog):
    text = flat(render(catalog, "consent_photo", "edu-ley", data={**sample_data(DOCUMENTS["consent_photo"])}))
    assert "Om ouders en belangstellenden te laten zien" in text
    assert "Instagram-account van de school: [ ] ja [ ] nee" in text
    assert "U mag uw toestemming altijd weer intrekken" in text and "P. Bakker" in text
    assert "Handtekening: ____" in text
    assert "Graag terug vóór 4 december 2026." in text


def test_consent_for_an_education_account_uses_the_protocols_age_rule(catalog):
    data = {"platform": "Padlet", "purpose": "Een klassenblog.", "age": 15}
    text = flat(render(catalog, "consent_account", "buitengewoon", data=data))
    assert PARENTS in text and "Padlet" in text
    assert "Onderwijsgroep Buitengewoon vraagt aantoonbaar schriftelijke toestemming om social media accounts voor onderwijsdoeleinden aan te maken." in text


# -- disclaimer and identification ---------------------------------------------------------------


def test_disclaimer_uses_each_protocols_own_wording(catalog):
    togtemaar = flat(render(catalog, "disclaimer", "togtemaar"))
    assert "staan los van eventuele officiële standpunten van de Togtemaarschool. Ik ben niet verantwoordelijk voor de inhoud en uitlatingen van derden." in togtemaar
    quadraam = flat(render(catalog, "disclaimer", "quadraam"))
    assert "officiële standpunten van Quadraam." in quadraam and "uitlatingen van derden" not in quadraam.split("Wat het protocol zegt")[0]
    kopwerk = flat(render(catalog, "disclaimer", "kopwerk"))
    assert "standpunten van Stichting Kopwerk en/of De Regenboog." in kopwerk
    with pytest.raises(DocumentError, match="buitengewoon"):
        render(catalog, "disclaimer", "buitengewoon")


def test_identification_names_the_function_where_the_protocol_asks_for_it(catalog):
    quadraam = flat(render(catalog, "identification", "quadraam"))
    assert "Ik ben docent Nederlands bij De Regenboog (Quadraam)." in quadraam
    buitengewoon = flat(render(catalog, "identification", "buitengewoon"))
    assert "Ik ben docent Nederlands bij De Regenboog (Onderwijsgroep Buitengewoon)." in buitengewoon
    kopwerk = flat(render(catalog, "identification", "kopwerk"))
    assert "Ik ben medewerker van De Regenboog." in kopwerk
    without_function = {k: v for k, v in PROFILE.items() if k != "function"}
    with pytest.raises(DocumentError, match=r"identification.*function.*smassist profile set function"):
        render(catalog, "identification", "quadraam", profile=without_function)
    assert "medewerker van De Regenboog" in flat(render(catalog, "identification", "kopwerk", profile=without_function))


# -- incidents -------------------------------------------------------------------------------------

FACTS = {"wanneer": "2026-11-20", "kanaal": "Instagram", "verhaal": "Een nepaccount plaatst foto's van de school.",
         "betrokkenen": "Piet Bakker (3B) en Sara de Wit", "soort": "pesten"}


def test_incident_report_takes_facts_from_any_trees_input_fields_and_steps_in_order(fixture_catalog):
    result = walk_result(fixture_catalog, "melding", "gamma", "staff", {"ernst": "zwaar"}, {"feiten": FACTS})
    text = render(fixture_catalog, "incident_report", "gamma", result=result)
    assert_clean(text)
    body = flat(text)
    assert "Dag van het voorval: 20 november 2026" in body
    assert "Het verhaal: Een nepaccount plaatst foto's van de school." in body
    first = body.index("[ ] Meld het incident bij de schoolleider. Wie: melder. (artikel 3.1)")
    second = body.index("[ ] De schoolleider doet aangifte bij de politie. Wie: schoolleider. (artikel 3.2)")
    assert first < second
    assert "Hoe ernstig is het? → Ernstig, misschien strafbaar" in body
    assert "Bij een strafbaar feit doet de schoolleider aangifte bij de politie." in body
    # FG, police and the confidential inspector: each named, with the protocol's own words or its silence
    assert "Functionaris Gegevensbescherming (FG): M. de Vries" in body
    assert "De schoolleider doet aangifte bij de politie. (artikel 3.2)" in body
    assert "Het protocol van Stichting Gamma noemt de vertrouwensinspecteur hier niet." in body


def test_incident_report_from_the_real_incident_tree(catalog):
    tree = catalog.tree("incident")
    node = next(n for n in tree.nodes.values() if n.kind == "input")
    values = {f.id: ("2026-11-20" if f.kind == "date" else f"waarde {f.id}") for f in node.fields}
    for protocol in catalog.protocols:
        walk = Walk(tree, catalog.protocol(protocol), "staff")
        walk.fill(values)
        while not walk.finished:
            walk.answer(walk.options()[0].id)
        result = walk.result()
        text = render(catalog, "incident_report", protocol, result=result)
        assert_clean(text)
        body = flat(text)
        for f in node.fields:
            assert f.label.rstrip(":") in body
        for step in result.ruling.steps:
            assert f"[ ] {flat(catalog.protocol(protocol).fill(step.text, PROFILE))}" in body
        assert "Stap 1." not in body and "Stap 10" not in body  # never a number the protocol does not use


def test_incident_form_has_lines_and_boxes_for_the_trees_fields_and_the_steps(fixture_catalog):
    text = render(fixture_catalog, "incident_form", "gamma")
    assert_clean(text)
    assert "Datum en tijd van het incident: ____" in text
    assert re.search(r"Wat is er gebeurd \(wat je weet, niet wat je vermoedt\)\?\n(_{20,}\n){6}", text)
    assert "Is het een strafbaar feit?   [ ] nee   [ ] mogelijk   [ ] ja" in text
    assert "[ ] Meld het incident bij de schoolleider." in flat(text)
    assert "Handtekening: ____" in text


def test_blank_form_without_an_incident_tree_has_general_fields(catalog):
    text = render(catalog, "incident_form", "togtemaar", profile={"school_name": "De Regenboog"})
    assert "Wat is er gebeurd (" in text and "Schoolleider: wanneer, door wie: ____" in text
    assert "Landelijke Vertrouwensinspecteur (0900 – 1113111)" in flat(text)


def test_letter_to_parents_names_no_pupil_from_the_incident(fixture_catalog):
    result = walk_result(fixture_catalog, "melding", "gamma", "staff", {"ernst": "licht"}, {"feiten": FACTS})
    data = {"summary": "Er is een nepaccount gemaakt met foto's van de school.", "next_steps": ["We vragen Instagram het account te verwijderen."]}
    text = render(fixture_catalog, "incident_letter", "gamma", result=result, data=data)
    assert_clean(text)
    assert "Piet" not in text and "Sara" not in text and "nepaccount" not in text.split("Beste")[0]
    assert "Beste ouders/verzorgers," in text and "- We vragen Instagram" in text and "A. Jansen" in text
    with pytest.raises(DocumentError, match="Piet"):
        render(fixture_catalog, "incident_letter", "gamma", result=result, data={**data, "summary": "Piet heeft een nepaccount gemaakt."})


# -- missing values ------------------------------------------------------------------------------------


def test_a_missing_profile_value_is_an_error_naming_document_value_and_how_to_set_it(catalog):
    with pytest.raises(DocumentError) as error:
        render(catalog, "consent_photo", "quadraam", profile={"school_name": "De Regenboog"},
               data={"purpose": "x", "accounts": ["y"], "age": 12})
    assert str(error.value) == ("document 'consent_photo' heeft 'Schoolleider' (school_leader) nodig; "
                                "stel het in met: smassist profile set school_leader \"...\"")


def test_a_missing_data_value_names_the_field(catalog):
    with pytest.raises(DocumentError, match=r"'consent_photo' heeft 'Waarvoor gebruikt de school de opnamen\?' \(purpose\)"):
        render(catalog, "consent_photo", "quadraam", data={"accounts": ["y"], "age": 12})


def test_missing_values_lists_everything_a_screen_must_ask(catalog):
    missing = missing_values("incident_report", catalog.protocol("buitengewoon"), {"school_name": "X"}, trees=catalog.trees)
    keys = [m.key for m in missing]
    assert "school_leader" in keys and "facts" in keys


def test_an_unknown_data_key_is_named_with_a_suggestion(catalog):
    with pytest.raises(DocumentError, match="bedoel je 'purpose'"):
        render(catalog, "consent_photo", "quadraam", data={"purpse": "x"})


# -- the template environment -----------------------------------------------------------------------------


def templates_copy(tmp_path: Path, **replace: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(parents=True)
    for source in templates_dir().glob("*.j2"):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in replace.items():
        (folder / f"{name}.md.j2").write_text(text, encoding="utf-8")
    return folder


def test_an_undefined_value_names_the_template_and_the_variable(catalog, tmp_path):
    folder = templates_copy(tmp_path, disclaimer="# Titel\n\nHallo {{ school.name }}\n\n{{ school.motto }}\n")
    with pytest.raises(DocumentError) as error:
        make("disclaimer", catalog.protocol("quadraam"), PROFILE, trees=catalog.trees, templates=folder)
    assert "disclaimer.md.j2" in str(error.value) and "regel 5" in str(error.value) and "'motto'" in str(error.value)
    folder2 = templates_copy(tmp_path / "b", disclaimer="{{ nergens }}\n")
    with pytest.raises(DocumentError, match=r"disclaimer\.md\.j2.*'nergens' ontbreekt"):
        make("disclaimer", catalog.protocol("quadraam"), PROFILE, trees=catalog.trees, templates=folder2)


def test_none_is_never_printed(catalog, tmp_path):
    folder = templates_copy(tmp_path, disclaimer="# T\n\n{{ protocol.subtitle_none }}{{ ruling }}\n")
    with pytest.raises(DocumentError):
        make("disclaimer", catalog.protocol("quadraam"), PROFILE, trees=catalog.trees, templates=folder)
    # a blank incident form for a protocol with several step plans rests on no one ruling
    folder2 = templates_copy(tmp_path / "b", incident_form="# T\n\n{{ ruling }}\n")
    with pytest.raises(DocumentError, match="None"):
        make("incident_form", catalog.protocol("buitengewoon"), PROFILE, trees=catalog.trees, templates=folder2)


@pytest.mark.parametrize("include", ["../secret.txt", "/etc/hostname", "sub/../../secret.txt", "link.txt"])
def test_a_template_cannot_read_a_file_outside_templates(catalog, tmp_path, include):
    (tmp_path / "secret.txt").write_text("GEHEIM", encoding="utf-8")
    folder = templates_copy(tmp_path, disclaimer=f'# T\n\n{{% include "{include}" %}}\n')
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(DocumentError, match="disclaimer.md.j2") as error:
        make("disclaimer", catalog.protocol("quadraam"), PROFILE, trees=catalog.trees, templates=folder)
    assert "GEHEIM" not in str(error.value)


def test_user_text_never_becomes_markup(catalog):
    evil = "**vet** <script>alert(1)</script>\n# kop\n- punt\n@pagina\n> citaat"
    data = {"purpose": evil, "accounts": ["<b>Insta</b>"], "age": 12}
    text = render(catalog, "consent_photo", "quadraam", data=data)
    assert "**vet** <script>alert(1)</script>" in text and "# kop" in text and "@pagina" in text
    html = render(catalog, "consent_photo", "quadraam", "html", data=data)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Insta&lt;/b&gt;" in html and "<strong>vet</strong>" not in html
    markdown = render(catalog, "consent_photo", "quadraam", "md", data=data)
    assert r"\*\*vet\*\*" in markdown and r"\# kop" in markdown


# -- formats -----------------------------------------------------------------------------------------------


class Balance:
    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self, html: str):
        from html.parser import HTMLParser

        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        outer = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                outer.attributes += attrs
                if tag not in outer.VOID:
                    outer.stack.append(tag)

            def handle_endtag(self, tag):
                if not outer.stack or outer.stack[-1] != tag:
                    outer.errors.append(f"</{tag}> closes {outer.stack[-1:]}")
                else:
                    outer.stack.pop()

        parser = Parser()
        parser.feed(html)
        parser.close()


@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_html_is_well_formed_self_contained_and_print_ready(catalog, document):
    protocol = "quadraam" if (document, "buitengewoon") in REFUSED else "buitengewoon"
    html = render(catalog, document, protocol, "html", data=sample_data(DOCUMENTS[document]))
    check = Balance(html)
    assert check.errors == [] and check.stack == []
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "@page { size: A4;" in html and "@media print" in html and "break-inside: avoid" in html
    assert not [v for k, v in check.attributes if k in ("src", "href") and v]
    assert "url(" not in html and "@import" not in html
    assert "De Regenboog" in html


def test_html_page_breaks_before_the_reply_form(catalog):
    html = render(catalog, "consent_photo", "quadraam", "html", data={**sample_data(DOCUMENTS["consent_photo"])})
    assert html.index('class="page-break"') < html.index("Toestemmingsformulier")


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_pdf_text_holds_the_expected_lines(catalog):
    data = render(catalog, "consent_photo", "quadraam", "pdf", data={**sample_data(DOCUMENTS["consent_photo"]), "age": 16})
    assert data.startswith(b"%PDF")
    text, pages = pdf_text(data)
    assert pages == 2
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Toestemming voor foto's, films en geluidsopnamen" in lines
    assert "De Regenboog · 22 november 2026" in lines
    assert "Aan de ouders/verzorgers van de leerling" in lines
    assert "Beste ouder/verzorger," in lines
    body = flat(text)
    assert "Quadraam vraagt aantoonbaar schriftelijke toestemming aan medewerkers, ouders of aan leerlingen ouder dan 16 jaar" in body
    assert "Leerlingen ouder dan 16 jaar geven zelf toestemming." in body
    assert "blad 1 van 2" in body


def test_pdf_of_an_incident_report_keeps_the_steps_in_order(fixture_catalog):
    result = walk_result(fixture_catalog, "melding", "gamma", "staff", {"ernst": "zwaar"}, {"feiten": FACTS})
    text, _ = pdf_text(render(fixture_catalog, "incident_report", "gamma", "pdf", result=result))
    body = flat(text)
    assert "Verslag van een social-media-incident" in body and "20 november 2026" in body
    assert body.index("Meld het incident bij de schoolleider.") < body.index("De schoolleider doet aangifte")


def test_markdown_keeps_the_structure(catalog):
    md = render(catalog, "consent_photo", "quadraam", "md", data={**sample_data(DOCUMENTS["consent_photo"])})
    assert md.startswith("# Toestemming voor foto's, films en geluidsopnamen\n")
    assert "\n## Waar dit verzoek op rust\n" in md and "\n> Quadraam vraagt aantoonbaar" in md
    assert "- Instagram-account van de school\n" in md


def test_saved_documents_are_readable_by_the_user_only(tmp_path):
    path = save("tekst", tmp_path / "map" / "brief.txt")
    assert path.read_text(encoding="utf-8") == "tekst"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_dutch_dates():
    assert dutch_date(dt.date(2026, 11, 22)) == "22 november 2026"
    assert dutch_date("2026-03-01") == "1 maart 2026"
    assert dutch_date("5-7-2026") == "5 juli 2026"
    assert dutch_date("gisteren") == "gisteren"


# -- validation --------------------------------------------------------------------------------------------


def test_validation_reports_a_document_that_does_not_render(tmp_path):
    broken = templates_copy(tmp_path, incident_letter="# Brief\n\n{{ data.bestaat_niet }}\n")
    assert load_catalog(FIXTURE, broken).problems == [], "rendering is left to smassist validate"
    catalog = load_catalog(FIXTURE, broken, render_documents=True)
    messages = [str(p) for p in catalog.problems]
    assert len(messages) == 2, messages
    assert all("biedt document 'incident_letter' aan, maar het lukt niet om het te maken" in m for m in messages)
    assert "incident_letter.md.j2" in messages[0] and "bestaat_niet" in messages[0]
    assert str(FIXTURE / "protocols" / "gamma.yaml") in messages[0]


def test_validation_reports_an_unknown_document(tmp_path):
    root = tmp_path / "data"
    (root / "protocols").mkdir(parents=True)
    (root / "melding.yaml").write_text((FIXTURE / "melding.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = (FIXTURE / "protocols" / "gamma.yaml").read_text(encoding="utf-8")
    (root / "protocols" / "gamma.yaml").write_text(text.replace("incident_form, incident_letter]", "incident_letter, brief]", 1), encoding="utf-8")
    folder = templates_copy(tmp_path)
    (folder / "brief.md.j2").write_text("# x\n", encoding="utf-8")
    catalog = load_catalog(root, folder, render_documents=True)
    assert any("biedt document 'brief' aan" in str(p) and "onbekend document" in str(p) for p in catalog.problems)


def test_the_fixture_offers_are_valid(fixture_catalog):
    assert fixture_catalog.problems == []
    assert [r.outcome for r in offering_rulings(fixture_catalog.protocol("gamma"), "incident_form")] == ["licht", "zwaar"]


def test_documents_never_import_textual():
    import subprocess
    import sys

    code = ("import sys\nfrom smassist.core.documents import make\nimport smassist.core.documents.pdf_output, "
            "smassist.core.documents.checks, smassist.cli_documents\n"
            "print([m for m in sys.modules if m == 'textual' or m.startswith('textual.')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
