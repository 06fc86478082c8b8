"""Our PDF writer: the same layout as fpdf2 gave, text that can be copied out, fonts embedded small, no fpdf2."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from smassist.core.documents import markup as m
from smassist.core.documents.pdf_font import TrueTypeFont
from smassist.core.documents.pdf_output import FONT, FONT_DIR, FONT_FILES, to_pdf
from smassist.core.documents.pdf_writer import PDF


def _draw(pdf) -> bytes:
    """The calls pdf_output makes, on either writer."""
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(FONT_DIR / name))
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font(FONT, "", 10.5)
    pdf.cell(text="Beste ouder/verzorger,", h=5, new_x="WCONT", new_y="TOP")
    pdf.set_font(FONT, "B", 10.5)
    pdf.cell(text=" vóór 4 december", h=5, new_x="WCONT", new_y="TOP")
    pdf.ln(5)
    pdf.set_text_color(90)
    pdf.set_font(FONT, "I", 8)
    pdf.cell(0, 3.5, "blad 1 van {nb}", align="R")
    pdf.set_xy(pdf.l_margin, 40)
    pdf.set_font(FONT, "B", 10.5)
    pdf.multi_cell(60, 5, "Wat er gebeurde en waar het is gebeurd (platform, account)", align="L",
                   new_x="LMARGIN", new_y="NEXT")
    for _ in range(60):  # past the bottom: a page break keeps x
        pdf.set_x(30)
        pdf.cell(20, 5, "‘regel’")
    pdf.line(18, 100, 190, 100)
    pdf.rect(18, 110, 3.4, 3.4, style="F")
    return bytes(pdf.output())


def _shown(data: bytes) -> list[tuple[int, str, float, float]]:
    """(page, text, x, y) of every piece of text, in points."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        def visit(text, cm, tm, *_):
            if text.strip():
                found.append((number, text, round(tm[4] * cm[0] + cm[4], 1), round(tm[5] * cm[3] + cm[5], 1)))
        page.extract_text(visitor_text=visit)
    return found


def test_text_sits_where_fpdf2_put_it_on_the_same_pages():
    ours, theirs = _shown(_draw(PDF())), _shown(_draw(FPDF(orientation="portrait", unit="mm", format="A4")))
    assert len(ours) > 60
    assert ours == theirs


@pytest.mark.parametrize("style", list(FONT_FILES))
def test_widths_and_glyphs_are_the_fonts_own_as_fpdf2_reads_them(style):
    pdf = FPDF()
    pdf.add_font(FONT, style, str(FONT_DIR / FONT_FILES[style]))
    theirs = pdf.fonts[f"{FONT.lower()}{style}"]
    ours = TrueTypeFont(FONT_DIR / FONT_FILES[style])
    assert dict(ours.cw) == dict(theirs.cw)
    assert ours.cw[0x1F600] == theirs.cw[0x1F600]  # a character the font lacks
    assert ours.glyphs == {code: theirs.ttfont.getGlyphID(name) for code, name in theirs.cmap.items()}


def test_a_document_can_be_searched_and_copied_and_counts_its_pages():
    text = "Het is medewerkers niet toegestaan om ‘vrienden’ te worden — privé, café, ë, ✓ en € 5."
    blocks = m.parse("# Titel\n\n" + "\n\n".join([text] * 40) + "\n")
    reader = PdfReader(io.BytesIO(to_pdf(blocks, "Titel", author="De Regenboog", footer="voet")))
    pages = len(reader.pages)
    assert pages >= 2
    body = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert body.count(text) == 40
    assert f"blad 1 van {pages}" in body and f"blad {pages} van {pages}" in body
    assert reader.metadata.title == "Titel" and reader.metadata.author == "De Regenboog"


def test_fonts_are_embedded_as_unicode_cid_fonts_with_only_the_glyphs_used():
    data = to_pdf(m.parse("Kort.\n"), "Titel")
    page = PdfReader(io.BytesIO(data)).pages[0]
    [font] = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H" and "/ToUnicode" in font
    descendant = font["/DescendantFonts"][0].get_object()
    assert descendant["/Subtype"] == "/CIDFontType2"
    embedded = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    assert len(embedded) < (FONT_DIR / FONT_FILES[""]).stat().st_size / 3
    assert str(font["/BaseFont"])[7] == "+"  # a subset's name carries a tag


def test_a_character_the_font_lacks_does_not_stop_the_pdf():
    assert to_pdf(m.parse("Een 😀 en 漢字.\n"), "Titel").startswith(b"%PDF-")


def test_making_a_pdf_imports_neither_fpdf2_nor_pillow_nor_fonttools(tmp_path):
    code = ("import sys\nfrom smassist.core.documents import markup as m\n"
            "from smassist.core.documents.pdf_output import to_pdf\n"
            "assert to_pdf(m.parse('# Titel\\n\\nTekst.\\n'), 'Titel').startswith(b'%PDF')\n"
            "print(sorted(n for n in ('fpdf', 'PIL', 'fontTools') if n in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "SMASSIST_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


NOTE_START, NOTE_END = "Controleer dit document voordat je het", "gaat de tekst van het protocol zelf voor."
NOTE = ("Gemaakt met smassist op 2 december 2026 volgens Social Media Protocol (Quadraam). Controleer dit document "
        "voordat je het gebruikt: bij twijfel gaat de tekst van het protocol zelf voor.")


def _pages(source: str) -> list[str]:
    reader = PdfReader(io.BytesIO(to_pdf(m.parse(source), "Titel", footer="voet")))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_a_closing_note_is_never_split_and_takes_no_page_of_its_own_where_its_first_line_fits():
    """The incident report's small print at the end ('Controleer dit document …') was split over two
    pages, its last line alone on a page of its own. Whatever the length of the text before it, the note
    stays whole, and where its first line fits under the text the whole note stays on that page."""
    filler = "Een regel tekst die het blad vult."
    first_line = "Gemaakt met smassist op 2 december 2026 volgens"
    for count in range(30, 40):
        for notes in range(4):  # small print between: steps finer than a line of body text
            body = ("# Titel\n\n" + "\n\n".join(f"{filler} {n}" for n in range(count)) + "\n\n"
                    + "::: klein\nVoetnoot.\n:::\n\n" * notes)
            pages = _pages(body + f"::: klein\n{NOTE}\n:::\n")
            holding = [n for n, page in enumerate(pages) if NOTE_START in page or NOTE_END in page]
            assert len(holding) == 1, (count, notes, holding)
            last = len(_pages(body + "Einde.\n")) - 1  # where the text before the note ends
            probe = _pages(body + f"::: klein\n{first_line}\n:::\n\nEinde.\n")
            if first_line in probe[last]:
                assert holding == [last], (count, notes)


def test_a_short_paragraph_leaves_no_single_line_at_the_foot_or_the_top_of_a_page():
    two_lines = "Begin van de alinea " + "met woorden " * 14 + "en het einde van de alinea."
    for count in range(30, 60):
        pages = _pages("# Titel\n\n" + "\n\n".join(f"Regel {n}." for n in range(count)) + f"\n\n{two_lines}\n")
        holding = [n for n, page in enumerate(pages) if "Begin van de alinea" in page or "het einde van de alinea" in page]
        assert len(holding) == 1, (count, holding)
