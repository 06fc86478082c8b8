"""Parsed CSS is kept in the user's cache folder: a second start parses none and looks exactly the same."""

from __future__ import annotations

import stat

from textual.app import App

from smassist.core.paths import user_cache_dir
from smassist.core.preferences import Preferences, save_preferences
from smassist.tui.css_cache import CACHE_FILE, CachedStylesheet, ParsedCss
from tests.tui.conftest import count_css_parses, on_screen, wait_for


async def _start_screen_styles(app_factory) -> list[tuple[str, str]]:
    """Every widget of the start screen with every style rule in force on it."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.pause()
        nodes = list(app.screen.walk_children(with_self=True))
        return [(node.css_identifier, node.styles.css) for node in nodes]


async def test_a_second_start_parses_no_css_and_styles_every_widget_the_same(app_factory, monkeypatch):
    parsed = count_css_parses(monkeypatch)
    first = await _start_screen_styles(app_factory)
    assert parsed, "the first start parses the CSS"
    cache = user_cache_dir() / CACHE_FILE
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    parsed.clear()
    second = await _start_screen_styles(app_factory)
    assert dict(parsed) == {}
    assert second == first


async def test_a_damaged_cache_is_ignored_and_rebuilt(app_factory, monkeypatch):
    first = await _start_screen_styles(app_factory)
    cache = user_cache_dir() / CACHE_FILE
    blob = bytearray(cache.read_bytes())
    blob[-10] ^= 0xFF  # one flipped byte in the payload: the checksum no longer matches
    cache.write_bytes(bytes(blob))
    parsed = count_css_parses(monkeypatch)
    assert await _start_screen_styles(app_factory) == first
    assert parsed, "a damaged cache is not used"
    assert ParsedCss(cache).stored, "and it is written anew"
    cache.write_bytes(b"not a cache at all")
    assert await _start_screen_styles(app_factory) == first


async def test_another_theme_never_gets_the_rules_parsed_for_the_first(app_factory):
    dark = await _start_screen_styles(app_factory)
    save_preferences(Preferences(theme="textual-light"))
    light = await _start_screen_styles(app_factory)
    assert light != dark
    (user_cache_dir() / CACHE_FILE).unlink()
    assert await _start_screen_styles(app_factory) == light  # the same as without any cache


def test_rules_are_stored_per_set_of_theme_variables(tmp_path):
    css = "Static { color: $primary; }"
    store = ParsedCss(tmp_path / CACHE_FILE)
    red = dict(App().get_css_variables(), primary="#ff0000")
    blue = dict(red, primary="#0000ff")
    for variables, expected in ((red, (255, 0, 0)), (blue, (0, 0, 255)), (red, (255, 0, 0))):
        sheet = CachedStylesheet(variables=variables, store=store)
        sheet.add_source(css, read_from=("test", "css"))
        assert sheet.rules[0].styles.color.rgb == expected
    store.save()
    sheet = CachedStylesheet(variables=blue, store=ParsedCss(tmp_path / CACHE_FILE))
    sheet.add_source(css, read_from=("test", "css"))
    assert sheet.rules[0].styles.color.rgb == (0, 0, 255)
