"""The footer is rebuilt only when the keys it shows change, not on every focus move."""

from __future__ import annotations

from pathlib import Path

import smassist.tui.screens as screens_package
from tests.tui.conftest import choose_role_and_protocol, on_screen, wait_for


def _keys(app):
    return [(key.key, key.description, key) for key in app.screen.query("FooterKey")]


async def test_moving_the_focus_keeps_the_footer_and_a_changed_key_shows(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "kopwerk")
        await wait_for(pilot, lambda: _keys(app), "the footer's keys")
        before = _keys(app)
        focused = app.focused
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is not focused, "the focus on the next widget")
        await pilot.pause()
        after = _keys(app)
        assert [(k, d) for k, d, _ in after] == [(k, d) for k, d, _ in before]
        assert all(a is b for (_, _, a), (_, _, b) in zip(after, before)), "the same key widgets, not new ones"
        await pilot.press("f1")
        await wait_for(pilot, lambda: on_screen(app, "HelpScreen"), "the help screen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "back on the start screen")
        app.screen.draft = object()  # an interrupted walk: F7 Hervatten is offered from now on
        app.screen.refresh_bindings()
        await wait_for(pilot, lambda: any(d == "Hervatten" for _, d, _ in _keys(app)), "the F7 key in the footer")


def test_no_screen_uses_textuals_footer_directly():
    folder = Path(screens_package.__file__).parent
    direct = [path.name for path in folder.glob("*.py") if "Footer(" in path.read_text(encoding="utf-8")
              .replace("KeysFooter(", "")]
    assert direct == [], "Textual's Footer remounts every key on each focus move; use KeysFooter"
