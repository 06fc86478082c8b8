"""A question that collects details (an input node): fill in, required fields, going back keeps them."""

from __future__ import annotations

from smassist.core.preferences import Preferences, save_preferences
from smassist.tui.app import make_app
from tests.conftest import MINI
from tests.tui.conftest import on_screen, showing_answer, wait_for, why_answers


async def test_details_are_filled_in_checked_and_kept_when_going_back():
    save_preferences(Preferences(role="staff", protocol="alpha"))
    app = make_app(MINI, animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("1")  # the test tree
        await wait_for(pilot, lambda: on_screen(app, "QuestionScreen"), "the first question")
        screen = app.screen
        walk = screen.walk
        await pilot.press("3")  # "Antwoord C" leads to the details
        await wait_for(pilot, lambda: screen.fields and app.focused is screen.fields["when"], "the date field")

        await pilot.press(*"01-02-2025", "enter")  # Enter moves to the next field
        await wait_for(pilot, lambda: app.focused is screen.fields["what"], "the description")
        await pilot.press("tab", "tab", "enter")  # past the optional note to "Verder", without a description
        error = screen.query_one("#error")
        await wait_for(pilot, lambda: error.display, "the message about the missing field")
        assert "vul nog in: Wat er gebeurde" in error.content.plain
        assert walk.current.id == "details"

        screen.fields["what"].focus()
        await pilot.press(*"Een bericht")
        screen.query_one(".submit").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: showing_answer(app), "the answer")
        why = why_answers(app)
        assert why[-1] == "→ Datum: 01-02-2025; Wat er gebeurde: Een bericht"
        assert walk.inputs["details"] == {"when": "01-02-2025", "what": "Een bericht", "note": ""}

        await pilot.press("escape")  # back to the details: what was typed is still there
        await wait_for(pilot, lambda: on_screen(app, "QuestionScreen") and walk.current.id == "details",
                       "the details again")
        await wait_for(pilot, lambda: screen.fields["what"].is_mounted, "the form")
        assert screen.fields["when"].value == "01-02-2025"
        assert screen.fields["what"].text == "Een bericht"
