"""In a browser session (smassist serve) the document screen downloads through the browser
(App.deliver_text / deliver_binary) instead of saving on the server's disk."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Button, Input, RadioSet, Static, TextArea

from smassist.core.paths import user_documents_dir
from smassist.core.profile import Profile
from smassist.core.walk import Walk
from smassist.tui.screens.document import DocumentScreen
from tests.tui.conftest import wait_for


class BrowserHost(App[None]):
    """Pushes the document screen as if the app ran under textual-serve; records what is delivered."""

    def __init__(self, make_screen, catalog):
        super().__init__()
        self.make_screen = make_screen
        self.catalog = catalog
        self.delivered: list[dict] = []

    @property
    def is_web(self) -> bool:
        return True

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())

    def reload_profile(self) -> None:
        pass

    def deliver_text(self, path_or_file, **options):
        self.delivered.append({"content": path_or_file.read(), **options})
        return "key"

    def deliver_binary(self, path_or_file, **options):
        self.delivered.append({"content": path_or_file.read(), **options})
        return "key"


def photo_result(catalog):
    walk = Walk(catalog.tree("photo"), catalog.protocol("quadraam"), "staff")
    for option in ("ja", "pupils", "written", "sixteen"):
        walk.answer(option)
    return walk.result()


async def fill_in(pilot, screen):
    screen.query_one("#profile-school_leader", Input).value = "A. Jansen"
    screen.query_one("#data-purpose", TextArea).text = "Voor de nieuwsbrief."
    screen.query_one("#data-accounts", TextArea).text = "Website"
    await wait_for(pilot, lambda: "A. Jansen" in str(screen.query_one("#preview", Static).render()), "the preview")


async def test_a_document_made_in_a_browser_session_is_downloaded_not_saved(catalog):
    app = BrowserHost(lambda: DocumentScreen(photo_result(catalog), Profile(school_name="De Regenboog")), catalog)
    async with app.run_test(size=(150, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document screen")
        screen = app.screen
        assert str(screen.query_one("#save", Button).label) == "Downloaden"
        await fill_in(pilot, screen)
        screen.query_one("#format-choice", RadioSet).query("RadioButton")[0].value = True  # plain text
        await wait_for(pilot, lambda: screen.format == "txt", "the text format")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.delivered, "the download")
        download = app.delivered[0]
        assert download["save_filename"].endswith(".txt") and download["mime_type"] == "text/plain"
        assert "De Regenboog" in download["content"] and "A. Jansen" in download["content"]
        assert "Gedownload" in str(screen.query_one("#saved", Static).render())
        assert screen.saved_path is None
        assert not user_documents_dir().exists() or not any(user_documents_dir().iterdir())


async def test_a_pdf_in_a_browser_session_is_delivered_as_binary(catalog):
    app = BrowserHost(lambda: DocumentScreen(photo_result(catalog), Profile(school_name="De Regenboog")), catalog)
    async with app.run_test(size=(150, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document screen")
        screen = app.screen
        await fill_in(pilot, screen)
        assert screen.format == "pdf"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.delivered, "the download", timeout=30)
        download = app.delivered[0]
        assert download["content"].startswith(b"%PDF") and download["mime_type"] == "application/pdf"
        assert download["save_filename"].endswith(".pdf")
