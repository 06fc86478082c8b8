"""The app shell: themes (remembered), NO_COLOR, the command palette in Dutch, a readable crash."""

from __future__ import annotations

from smassist.core.preferences import Preferences, load_preferences, save_preferences
from smassist.core.verdicts import Verdict
from smassist.tui.app import THEMES
from tests.tui.conftest import choose_theme, on_screen, wait_for


async def test_terminal_palette_themes_are_offered_and_the_choice_is_remembered(app_factory):
    assert {"ansi-dark", "ansi-light"} <= set(THEMES)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await choose_theme(pilot, app, "terminal (licht)", len(THEMES))
        await wait_for(pilot, lambda: app.theme == "ansi-light", "the light terminal theme")
    assert load_preferences().theme == "ansi-light"
    again = app_factory()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "ansi-light"


async def test_an_unknown_remembered_theme_falls_back_to_the_default(app_factory):
    save_preferences(Preferences(theme="no-such-theme"))
    app = app_factory()
    async with app.run_test(size=(80, 24)):
        assert app.theme == "textual-dark"


async def test_no_color_is_honoured_and_verdicts_still_read_as_words(app_factory, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_factory()
    assert app.no_color  # Textual then renders without colour
    for verdict in Verdict:
        assert verdict.label and verdict.symbol and verdict.display == f"{verdict.label} {verdict.symbol}"


async def test_the_command_palette_lists_the_main_actions_in_dutch(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Onderwerpen", "Protocol lezen", "Instellingen", "Thema kiezen", "Help", "Stoppen"):
            assert title in titles
        assert not {"Theme", "Quit", "Keys", "Screenshot"} & set(titles)


async def test_an_unexpected_error_ends_with_a_dutch_message_not_a_traceback(app_factory, isolated_home):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        try:
            raise RuntimeError("kapot")
        except RuntimeError as error:
            app._handle_exception(error)
        message = str(app._exit_renderables[-1])
        app._exit_renderables.clear()
        app._exception = None  # the test raised it on purpose
    assert message.startswith("smassist is gestopt door een onverwachte fout")
    assert "kapot" not in message  # the exception's (developer's, often English) text is not for the user
    report = isolated_home / "data" / "laatste-fout.txt"
    assert str(report) in message
    assert "RuntimeError: kapot" in report.read_text(encoding="utf-8")
