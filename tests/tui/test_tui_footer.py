"""The title bar and the key bar: one widget each, redrawn (never rebuilt) when the keys change, and usable
with the mouse as Textual's header and footer were."""

from __future__ import annotations

from pathlib import Path

import smassist.tui.screens as screens_package
from smassist.tui.bars import KeysBar, TitleBar
from tests.tui.conftest import choose_role_and_protocol, footer_keys, on_screen, wait_for


def _keys(app):
    return [(key.key, key.description) for key in footer_keys(app)]


async def start_with_keys(pilot) -> None:
    """A first start: a role and a protocol chosen, the start screen's keys on the bar."""
    await choose_role_and_protocol(pilot, 0, "kopwerk")
    await wait_for(pilot, lambda: _keys(pilot.app), "the footer's keys")


async def test_moving_the_focus_keeps_the_bar_and_a_changed_key_shows(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_with_keys(pilot)
        bar = app.screen.query_one(KeysBar)
        before = _keys(app)
        assert ("f1", "Help") in before and before[-1] == ("ctrl+p", "opdrachten")  # the palette key, on the right
        focused = app.focused
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is not focused, "the focus on the next widget")
        await pilot.pause()
        assert _keys(app) == before
        assert app.screen.query_one(KeysBar) is bar and len(app.screen.query(KeysBar)) == 1
        await pilot.press("f1")
        await wait_for(pilot, lambda: on_screen(app, "HelpScreen"), "the help screen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "back on the start screen")
        app.screen.draft = object()  # an interrupted walk: F7 Hervatten is offered from now on
        app.screen.refresh_bindings()
        await wait_for(pilot, lambda: ("f7", "Hervatten") in _keys(app), "the F7 key in the footer")


async def test_the_bar_draws_each_key_where_a_click_presses_it(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_with_keys(pilot)
        bar = app.screen.query_one(KeysBar)
        line = bar.render().plain
        for key in footer_keys(app):
            assert line[key.x:key.right].strip().endswith(key.description), (key, line)
        help_key = next(key for key in footer_keys(app) if key.key == "f1")
        await pilot.click(KeysBar, offset=(help_key.x + 1, 0))
        await wait_for(pilot, lambda: on_screen(app, "HelpScreen"), "the help screen after a click on 'f1 Help'")


async def test_hovering_a_key_shows_its_tooltip_and_a_disabled_key_only_rings(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_with_keys(pilot)
        bar = app.screen.query_one(KeysBar)
        training = next(key for key in footer_keys(app) if key.key == "f5")
        await pilot.hover(KeysBar, offset=(training.x, 0))
        assert bar.tooltip == "Voor een zaal: vergelijken, quiz, boomkaart"
        assert bar.hover == footer_keys(app).index(training)
        rung = []
        app.bell = lambda: rung.append(True)
        disabled = bar.shown_keys()[0]._replace(enabled=False)
        bar._keys[0] = disabled
        await pilot.click(KeysBar, offset=(disabled.x, 0))
        await pilot.pause()
        assert rung and on_screen(app, "StartScreen")


async def test_the_title_bar_follows_the_screen_and_its_icon_opens_the_command_list(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "kopwerk")
        title = app.screen.query_one(TitleBar)
        assert "smassist — Onderwerpen" in title.render().plain
        app.screen.sub_title = "Iets anders"
        await pilot.pause()
        assert "smassist — Iets anders" in title.render().plain
        await pilot.click(TitleBar, offset=(1, 0))
        await wait_for(pilot, lambda: on_screen(app, "CommandPalette"), "the command list")


def test_no_screen_uses_textuals_header_or_footer():
    folder = Path(screens_package.__file__).parent
    direct = [path.name for path in folder.glob("*.py")
              if any(name in path.read_text(encoding="utf-8") for name in ("Footer(", "Header("))]
    assert direct == [], "Textual's Header is four widgets and its Footer one per key; use TitleBar and KeysBar"


async def test_a_hovered_key_is_drawn_on_the_hover_background(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_with_keys(pilot)
        bar = app.screen.query_one(KeysBar)
        training, incidents = (next(key for key in footer_keys(app) if key.key == name) for name in ("f5", "f6"))
        await pilot.hover(KeysBar, offset=(incidents.x, 0))
        await pilot.pause()
        line = bar.render()

        def backgrounds(key):
            return {span.style.bgcolor for span in line.spans if key.x <= span.start < key.right}

        assert len(backgrounds(incidents)) == 1 and len(backgrounds(training)) == 1
        assert backgrounds(incidents) != backgrounds(training)


async def test_keys_that_do_not_fit_go_under_the_palette_hint_which_stays_whole(app_factory):
    app = app_factory()
    async with app.run_test(size=(56, 24)) as pilot:
        await start_with_keys(pilot)
        line = app.screen.query_one(KeysBar).render().plain
        palette = footer_keys(app)[-1]
        assert line.endswith("▏^p opdrachten ") and palette.right == 55
        assert footer_keys(app)[-2].right > palette.x, "the last key runs under the hint at this width"
