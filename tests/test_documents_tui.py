"""The document and settings screens, driven like a user (Pilot), on their own small app."""

from __future__ import annotations

import time

from textual.app import App
from textual.widgets import Input, RadioSet, Static, TextArea

from smassist.core.paths import user_documents_dir
from smassist.core.profile import Profile, load_profile, save_profile
from smassist.core.walk import Walk
from smassist.tui.screens.document import DocumentScreen
from smassist.tui.screens.settings import SettingsScreen


class Host(App[None]):
    """Pushes one screen over an empty base, like the real app does."""

    def __init__(self, make_screen, catalog=None):
        super().__init__()
        self.make_screen = make_screen
        self.catalog = catalog
        self.reloaded = 0

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())

    def reload_profile(self) -> None:
        self.reloaded += 1


async def wait_for(pilot, condition, what: str, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        await pilot.pause(0.05)


def photo_result(catalog, protocol="quadraam", age="sixteen"):
    walk = Walk(catalog.tree("photo"), catalog.protocol(protocol), "staff")
    for option in ("ja", "pupils", "written", age):
        walk.answer(option)
    return walk.result()


def preview(app) -> str:
    return str(app.screen.query_one("#preview", Static).render())


async def test_document_screen_asks_previews_and_saves_to_the_documents_folder(catalog):
    profile = Profile(school_name="De Regenboog")
    app = Host(lambda: DocumentScreen(photo_result(catalog), profile), catalog)
    async with app.run_test(size=(150, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document screen")
        screen = app.screen
        # the school leader is missing from the profile, so the screen asks for it
        leader = screen.query_one("#profile-school_leader", Input)
        assert "Schoolleider" in preview(app)
        leader.value = "A. Jansen"
        screen.query_one("#data-purpose", TextArea).text = "Voor de nieuwsbrief."
        screen.query_one("#data-accounts", TextArea).text = "Instagram-account van de school\nWebsite"
        await wait_for(pilot, lambda: "Toestemming voor foto's" in preview(app), "the preview")
        text = preview(app)
        assert "De Regenboog" in text and "A. Jansen" in text
        assert "Aan de ouders/verzorgers van de leerling" in text  # quadraam: exactly 16 -> parents
        assert "ouder dan 16 jaar" in text
        # choose plain text, then save
        screen.query_one("#format-choice", RadioSet).query("RadioButton")[0].value = True
        await wait_for(pilot, lambda: screen.format == "txt", "the text format")
        assert screen.query_one("#path", Input).value.startswith(str(user_documents_dir()))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.saved_path is not None, "the saved file")
        assert screen.saved_path.parent == user_documents_dir()
        assert screen.saved_path.suffix == ".txt"
        assert "Toestemming voor foto's" in screen.saved_path.read_text(encoding="utf-8")
        assert str(screen.saved_path) in str(screen.query_one("#saved", Static).render())
        assert "F7: openen · F8: map tonen" in str(screen.query_one("#saved", Static).render())
        assert screen.check_action("open_saved", ()) is True
        # the typed school leader went into the profile
        assert load_profile().school_leader == "A. Jansen"
        assert app.reloaded == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, DocumentScreen), "back")


async def test_document_screen_saves_a_pdf(catalog):
    profile = Profile(school_name="De Regenboog", school_leader="A. Jansen")
    app = Host(lambda: DocumentScreen(photo_result(catalog, "buitengewoon", "under16"), profile), catalog)
    async with app.run_test(size=(150, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document screen")
        screen = app.screen
        screen.query_one("#data-purpose", TextArea).text = "Voor de schoolgids."
        screen.query_one("#data-accounts", TextArea).text = "Instagram"
        await wait_for(pilot, lambda: "Beste ouder/verzorger" in preview(app), "the preview")
        assert screen.format == "pdf"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.saved_path is not None, "the saved pdf")
        assert screen.saved_path.read_bytes().startswith(b"%PDF")


async def test_settings_screen_edits_and_saves_the_profile(catalog):
    save_profile(Profile(school_name="Oude naam"))
    app = Host(SettingsScreen, catalog)
    async with app.run_test(size=(100, 60)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), "the settings screen")
        screen = app.screen
        name = screen.query_one("#field-school_name", Input)
        assert name.value == "Oude naam"
        name.value = "De Regenboog"
        screen.query_one("#field-privacy_officer", Input).value = "M. de Vries"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: load_profile().school_name == "De Regenboog", "the saved profile")
        assert load_profile().privacy_officer == "M. de Vries"
        assert "Opgeslagen" in str(screen.query_one("#saved", Static).render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsScreen), "back")


async def test_the_app_opens_the_document_screen_for_an_answer_that_offers_one(catalog):
    from smassist.tui.app import make_app

    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(150, 50)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StartScreen", "the start screen")
        app.open_document(photo_result(catalog, "quadraam", "over16"))
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.query("#document-title"),
                       "the document screen")
        assert "Toestemming voor foto's" in str(app.screen.query_one("#document-title", Static).render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, DocumentScreen), "back")
        app.action_settings()
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen) and app.screen.query("#field-school_name"),
                       "the settings screen")
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StartScreen", "back at the start")
        await pilot.pause()


def posting_result(catalog):
    """Quadraam, a staff member posting about school during work: two documents are offered."""
    walk = Walk(catalog.tree("staff_posting"), catalog.protocol("quadraam"), "staff")
    for option in ("personal", "nee", "post", "work"):
        walk.answer(option)
    return walk.result()


async def test_choosing_another_document_shows_its_fields_and_keeps_what_was_typed_for_the_first(catalog):
    """Both documents ask for the school's name: the second choice once crashed the app on that shared field."""
    result = posting_result(catalog)
    assert len(result.ruling.documents) == 2
    app = Host(lambda: DocumentScreen(result, Profile()), catalog)
    async with app.run_test(size=(150, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document screen")
        screen = app.screen
        first, second = screen.documents
        name = screen.query_one("#profile-school_name", Input)
        name.focus()
        await pilot.press(*"De Linde")
        await wait_for(pilot, lambda: screen.query_one("#profile-school_name", Input).value == "De Linde", "typed")
        buttons = list(screen.query_one("#document-choice", RadioSet).query("RadioButton"))
        buttons[1].value = True
        await wait_for(pilot, lambda: screen.document == second, "the second document chosen")
        await pilot.pause()
        assert app.return_code is None and app.screen is screen  # still running, on the same screen
        assert len(screen.query("#profile-school_name")) == 1
        buttons[0].value = True
        await wait_for(pilot, lambda: screen.document == first, "back to the first document")
        await wait_for(pilot, lambda: screen.query("#profile-school_name")
                       and screen.query_one("#profile-school_name", Input).value == "De Linde",
                       "the first document's typed name back")
