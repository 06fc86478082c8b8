"""PDF without fpdf2's quadratic line breaking: lines broken on the font's widths, fpdf2 imported early in the app."""

from __future__ import annotations

import threading

import pytest
from fpdf import FPDF

from smassist.core.documents import markup as m
from smassist.core.documents import pdf_output
from smassist.core.documents.pdf_output import FONT, FONT_DIR, FONT_FILES, SIZE, _wrapped

PARAGRAPHS = [
    "Wanneer de uitlating van leerlingen en/of ouders/verzorgers en medewerkers mogelijk een strafrechtelijke "
    "overtreding inhoudt kan door Quadraam aangifte bij de politie worden gedaan.",
    "Het is medewerkers niet toegestaan om ‘vrienden’ te worden met leerlingen op sociale media. " * 4,
    "kort",
    "https://www.voorbeeldschool.nl/een/heel/lang/adres/zonder/spaties/dat/niet/op/een/regel/past/" * 2,
]


def _pdf() -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(FONT_DIR / name))
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    pdf.set_font(FONT, "", SIZE)
    return pdf


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_lines_break_where_fpdf2_breaks_them(text):
    pdf = _pdf()
    ours = [" ".join(t for _, t in line) for line in _wrapped(pdf, (m.Run(text),), SIZE, False) if line is not None]
    theirs = pdf.multi_cell(0, 5, text, dry_run=True, output="LINES")
    assert ours == [line.rstrip(" ") for line in theirs]


def test_a_word_split_over_two_runs_moves_to_the_next_line_whole():
    pdf = _pdf()
    straddled = 0
    for count in range(10, 30):  # somewhere the word "(artikel" reaches the end of the line
        runs = (m.Run("woord " * count + "eind"), m.Run(" (art", italic=True), m.Run("ikel 6.5)", italic=True))
        lines = ["".join(t for _, t in line) for line in _wrapped(pdf, runs, SIZE, False) if line is not None]
        assert sum("(artikel" in line for line in lines) == 1, lines
        straddled += lines[-1].startswith("(artikel")
    assert straddled, "the case was tried"


def test_a_pdf_is_made_without_fpdf2s_write(monkeypatch):
    def quadratic(*_args, **_kwargs):
        raise AssertionError("FPDF.write re-measures the line for every character")

    monkeypatch.setattr(FPDF, "write", quadratic)
    blocks = m.parse("# Titel\n\nEen alinea met **vet** en *schuin* die " + "lang genoeg is om te breken " * 8 + "\n")
    assert pdf_output.to_pdf(blocks, "Titel").startswith(b"%PDF")


async def test_the_document_screen_imports_fpdf2_on_a_thread(catalog, monkeypatch):
    from tests.test_documents_tui import Host, photo_result, wait_for

    from smassist.core.profile import Profile
    from smassist.tui.screens.document import DocumentScreen

    threads = []
    monkeypatch.setattr(pdf_output, "preload", lambda: threads.append(threading.current_thread()))
    app = Host(lambda: DocumentScreen(photo_result(catalog), Profile(school_name="De Regenboog")), catalog)
    async with app.run_test(size=(150, 50)) as pilot:
        await wait_for(pilot, lambda: threads, "fpdf2 imported")
    assert threading.main_thread() not in threads
