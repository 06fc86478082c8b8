"""Typing is safe: in every form, one-letter shortcuts never act and Escape never throws typed text away.

Each test types into a form, moves the focus off the text field (as a user who tabs once too often), presses
every single-letter key, the digits, space and `?`, then Escape, and asserts that what was typed is still
there: on screen, in the register, or kept and offered again the next time."""

from __future__ import annotations

import stat
import string

from textual.widgets import Button, Input, Static, TextArea

from smassist.core.documents.drafts import draft_file
from smassist.core.profile import Profile, load_profile, save_profile
from smassist.core.walk_draft import load_draft
from smassist.tui.screens.document import DocumentScreen
from smassist.tui.screens.settings import SettingsScreen
from tests.test_documents_tui import Host, photo_result
from tests.tui.conftest import draft_banner, on_screen, wait_for
from tests.tui.test_tui_incidents import form_with_saved_text, open_from_list, saved_incident, stored, type_into
from tests.tui.test_tui_walk_draft import open_facts_form

KEYS = [*string.ascii_lowercase, *string.digits, "space", "question_mark"]


async def test_repro_date_and_platform_then_tab_four_times_then_r_keeps_the_facts(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_facts_form(pilot)
        await pilot.press(*"01-02-2026", "tab", *"Instagram", "tab", "tab", "tab", "tab")
        assert not isinstance(app.focused, (Input, TextArea))  # the focus left the text fields
        assert screen.check_action("restart", ()) is False  # the footer does not offer r/o in a form either
        assert screen.check_action("topics", ()) is False
        await pilot.press("r")
        await pilot.pause()
        assert screen.walk.current.id == "facts"
        assert screen.fields["date"].value == "01-02-2026"
        assert screen.fields["platform"].value == "Instagram"


async def test_the_facts_form_keeps_everything_through_every_letter_and_escape(app_factory, catalog):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_facts_form(pilot)
        await pilot.press(*"01-02-2026", "tab", *"Instagram", "tab", *"Een dreigbericht")
        screen.query_one(".submit", Button).focus()
        await pilot.press(*KEYS)
        await pilot.pause()
        assert on_screen(app, "QuestionScreen") and screen.walk.current.id == "facts"
        assert screen.fields["date"].value == "01-02-2026"
        assert screen.fields["what_happened"].text == "Een dreigbericht"
        await pilot.press("escape")  # leaves the walk; what was typed is kept and offered again
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        draft = load_draft(catalog)
        assert draft is not None
        assert draft.pending["facts"]["what_happened"] == "Een dreigbericht"
        await wait_for(pilot, lambda: draft_banner(app), "the offer to resume")


async def test_restart_with_typed_facts_asks_first_and_names_what_would_be_lost(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_facts_form(pilot)
        await pilot.press(*"01-02-2026", "tab", *"Instagram")
        app.call_later(screen.action_restart)  # as the palette's "Opnieuw beginnen" does
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question")
        detail = app.screen.query_one("#confirm-detail", Static).content.plain
        assert "Datum van het incident" in detail and "Platform of app" in detail
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back in the form")
        assert screen.fields["platform"].value == "Instagram"


async def test_the_incident_form_keeps_everything_through_every_letter_and_escape(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        form, reporter = await form_with_saved_text(pilot, incident_id, "reporter", "J. de Vries")
        form.query_one("#open-export", Button).focus()
        await pilot.press(*KEYS)
        await pilot.pause()
        assert app.screen is form
        assert reporter.value == "J. de Vries"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not form, "back")
        assert stored(incident_id).report["reporter"] == "J. de Vries"


async def test_the_checklist_keeps_its_notes_through_every_letter(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_list(pilot, incident_id)
        await pilot.press("f7")
        await wait_for(pilot, lambda: on_screen(app, "IncidentChecklistScreen"), "the checklist")
        checklist = app.screen
        await wait_for(pilot, lambda: app.focused is checklist.query("DoneBox").first(), "the first step")
        note = checklist.query(".note").first(Input)
        await type_into(pilot, note, "Gebeld")
        checklist.query("DoneBox").last().focus()
        await pilot.press(*[k for k in KEYS if k != "space"])
        await pilot.pause()
        assert app.screen is checklist and note.value == "Gebeld"
        await wait_for(pilot, lambda: stored(incident_id).checklist[0].note == "Gebeld", "the note saved")


async def test_the_document_form_opens_in_its_first_field_and_keeps_a_draft(catalog):
    profile = Profile(school_name="De Regenboog", school_leader="A. Jansen")
    app = Host(lambda: DocumentScreen(photo_result(catalog, "buitengewoon", "under16"), profile), catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document screen")
        screen = app.screen
        first = screen.query("#fields Input, #fields TextArea, #fields Select").first()
        await wait_for(pilot, lambda: app.focused is first, "the first field focused")
        purpose = screen.query_one("#data-purpose", TextArea)
        await type_into(pilot, purpose, "Voor de schoolgids")
        screen.query_one("#save", Button).focus()
        await pilot.press(*KEYS)
        await pilot.pause()
        assert app.screen is screen and purpose.text == "Voor de schoolgids"
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, DocumentScreen), "back")
        assert stat.S_IMODE(draft_file(screen.document).stat().st_mode) == 0o600

    again = Host(lambda: DocumentScreen(photo_result(catalog, "buitengewoon", "under16"), profile), catalog)
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, DocumentScreen), "the document screen again")
        screen = again.screen
        await wait_for(pilot, lambda: screen.query("#data-purpose"), "the fields")
        assert screen.query_one("#data-purpose", TextArea).text == "Voor de schoolgids"
        assert "eerder" in str(screen.query_one("#saved", Static).render())


async def test_settings_escape_asks_before_throwing_away_typed_values(catalog):
    save_profile(Profile(school_name="Oude naam"))
    app = Host(SettingsScreen, catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), "the settings screen")
        screen = app.screen
        name = screen.query_one("#field-school_name", Input)
        await type_into(pilot, name, "De Regenboog")
        screen.query_one("#save", Button).focus()
        await pilot.press(*KEYS)
        await pilot.pause()
        assert name.value == "De Regenboog"
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "IncidentConfirmScreen", "the question")
        assert "Naam van de school" in app.screen.query_one("#confirm-detail", Static).content.plain
        await pilot.press("escape")  # cancel: still editing
        await wait_for(pilot, lambda: app.screen is screen, "back in the settings")
        assert name.value == "De Regenboog" and load_profile().school_name == "Oude naam"
