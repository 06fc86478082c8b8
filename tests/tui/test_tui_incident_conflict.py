"""Two windows editing the same incident field: the window whose save lost keeps its text, says so, and
nothing typed in either window is lost (issue 14; the register's version per incident)."""

from __future__ import annotations

from textual.widgets import Button, Input, Static

from smassist.core.incidents.store import Store
from tests.tui.conftest import wait_for
from tests.tui.test_tui_incidents import form_with_saved_text, saved_incident, stored, type_into


def other_window_writes(incident_id: int, field_id: str, value: str) -> None:
    """A second window: reads the incident, then saves on top of what it read."""
    with Store() as other:
        base = other.get(incident_id).version
        other.save_field(incident_id, field_id, value, base_version=base)


async def test_the_losing_window_keeps_its_text_says_so_and_can_keep_both(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        form, reporter = await form_with_saved_text(pilot, incident_id, "reporter", "Jan")

        other_window_writes(incident_id, "reporter", "Mw. Bakker")
        await pilot.press(*" de Vries")
        await wait_for(pilot, lambda: form.query("#conflict-reporter"), "the message about the other window")
        box = form.query_one("#conflict-reporter")
        text = box.query_one(".conflict-text", Static).content.plain
        assert "een ander venster" in text and "Mw. Bakker" in text
        assert reporter.value == "Jan de Vries"  # this window's text stays
        assert stored(incident_id).report["reporter"] == "Mw. Bakker"  # nothing overwritten
        assert "niet opgeslagen" in form.query_one("#incident-status", Static).content.plain

        await pilot.press(*" jr")  # typing on is not saved over the other text while the choice is open
        await pilot.pause()
        assert stored(incident_id).report["reporter"] == "Mw. Bakker"

        box.query_one(".keep-both", Button).press()
        await wait_for(pilot, lambda: stored(incident_id).report["reporter"] == "Jan de Vries jr / Mw. Bakker",
                       "both texts saved")
        await wait_for(pilot, lambda: not form.query("#conflict-reporter"), "the message gone")
        assert reporter.value == "Jan de Vries jr / Mw. Bakker"


async def test_taking_the_other_text_or_keeping_mine(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        form, platform = await form_with_saved_text(pilot, incident_id, "platform", "TikTok")
        other_window_writes(incident_id, "platform", "Snapchat")
        await pilot.press("!")
        await wait_for(pilot, lambda: form.query("#conflict-platform"), "the conflict")
        form.query_one("#conflict-platform .take-theirs", Button).press()
        await wait_for(pilot, lambda: platform.value == "Snapchat", "the other text in the field")
        assert stored(incident_id).report["platform"] == "Snapchat"

        other_window_writes(incident_id, "platform", "Instagram")
        await type_into(pilot, platform, "WhatsApp")
        await wait_for(pilot, lambda: form.query("#conflict-platform"), "the second conflict")
        form.query_one("#conflict-platform .keep-mine", Button).press()
        await wait_for(pilot, lambda: stored(incident_id).report["platform"] == "WhatsApp", "mine kept")
        assert isinstance(platform, Input) and platform.value == "WhatsApp"
