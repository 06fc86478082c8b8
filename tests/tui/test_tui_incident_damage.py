"""The app with a damaged incident in the register: listed without it, and told once."""

from __future__ import annotations

import sqlite3

from textual.widgets import DataTable

from smassist.core.incidents.store import database_path
from tests.tui.test_tui_incidents import open_list, saved_incident
from tests.tui.conftest import wait_for


async def test_a_damaged_incident_is_left_out_of_the_list_and_the_user_is_told(app_factory, catalog):
    sound, damaged = saved_incident(catalog), saved_incident(catalog)
    conn = sqlite3.connect(database_path(), isolation_level=None)
    conn.execute("UPDATE incidents SET created = 'gisteren' WHERE id = ?", (damaged,))
    conn.close()
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        listing = await open_list(pilot)
        table = listing.query_one("#incidents", DataTable)
        await wait_for(pilot, lambda: table.row_count > 0, "the incidents in the list")
        assert table.row_count == 1 and table.get_row_index(str(sound)) == 0
        told = [n.message for n in app._notifications if "beschadigd" in n.message]
        assert len(told) == 1 and f"nummer {damaged}" in told[0] and "export --all" in told[0]
