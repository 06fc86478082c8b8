"""The command palette speaks Dutch, also when nothing matches."""

from __future__ import annotations

import pytest
from textual.command import CommandList

from tests.tui.conftest import on_screen, wait_for


@pytest.mark.parametrize("open_it", ["ctrl+p", "theme"])
async def test_no_match_is_said_in_dutch(app_factory, open_it):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        if open_it == "theme":
            app.action_pick_theme()
        else:
            await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: on_screen(app, "CommandPalette"), "the palette")
        await pilot.press(*"qqzzqq")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count == 1
                       and "--no-matches" in [app.screen.query_one(CommandList).get_option_at_index(0).id],
                       "the no-matches line")
        text = app.screen.query_one(CommandList).get_option_at_index(0).prompt
        plain = text.renderable.plain if hasattr(text, "renderable") else str(text)
        assert plain == "Niets gevonden; probeer een ander woord"
        assert "No matches" not in plain
