"""The document preview is wrapped to its own width: no line wraps twice, no underline runs past the edge."""

from __future__ import annotations

import pytest
from textual.widgets import Static, TextArea

from smassist.core.profile import Profile
from smassist.tui.screens.document import DocumentScreen
from tests.test_documents_tui import photo_result
from tests.tui.conftest import on_screen, wait_for


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_preview_fits_its_width(app_factory, catalog, size):
    profile = Profile(school_name="Basisschool De Regenboog", school_leader="A. Jansen")
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await app.push_screen(DocumentScreen(photo_result(catalog, "buitengewoon", "under16"), profile))
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document screen")
        for field, text in (("purpose", "Om ouders te laten zien wat er in de klas gebeurt"), ("accounts", "Instagram")):
            app.screen.query_one(f"#data-{field}", TextArea).text = text
        preview = app.screen.query_one("#preview", Static)
        width = app.screen.query_one("#preview-box").scrollable_content_region.width

        def lines() -> list[str]:
            return str(preview.render()).split("\n")

        await wait_for(pilot, lambda: len(lines()) > 5 and max(map(len, lines())) <= width, "a preview at its width")
        shown = lines()
        assert preview.size.height == len(shown)  # each line on one screen row: nothing wrapped a second time
        underlines = [n for n, line in enumerate(shown) if n and line and set(line) <= {"=", "-"}]
        assert underlines
        for n in underlines:
            start = max((i for i, line in enumerate(shown[:n]) if not line), default=-1) + 1
            heading = shown[start:n]
            assert len(shown[n]) == max(map(len, heading))  # as long as the (wrapped) heading above it


async def test_saving_with_a_field_left_empty_names_the_field_as_the_form_does(app_factory, catalog):
    """Not the command line's message with data keys and '--data', which a teacher cannot act on."""
    profile = Profile(school_name="Basisschool De Regenboog", school_leader="A. Jansen")
    app = app_factory()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await app.push_screen(DocumentScreen(photo_result(catalog, "buitengewoon", "under16"), profile))
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document screen")
        app.screen.query_one("#data-accounts", TextArea).text = "Instagram"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(n.title == "Niet opgeslagen" for n in app._notifications), "the refusal")
        [message] = [n.message for n in app._notifications if n.title == "Niet opgeslagen"]
        assert message == "Vul eerst in: Waarvoor gebruikt de school de opnamen?"
