"""Every screen's CSS is parsed once at start: pushing a screen the first time re-parses nothing."""

from __future__ import annotations

import inspect
from pathlib import Path

from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

import smassist.tui.screens as screens_package
from smassist.tui.app import SmassistApp
from tests.tui.conftest import answer_questions, choose_role_and_protocol, on_screen, open_topic, wait_for

SCREENS = Path(screens_package.__file__).parent


def _screen_classes():
    import importlib

    for path in sorted(SCREENS.glob("*.py")):
        module = importlib.import_module(f"smassist.tui.screens.{path.stem}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                yield cls


def test_no_screen_brings_its_own_stylesheet_and_every_tcss_is_in_the_app():
    own = [cls.__name__ for cls in _screen_classes() if cls.CSS_PATH or cls.CSS]
    assert own == [], "a screen's CSS_PATH or CSS makes Textual re-parse all CSS on its first push"
    for path in SCREENS.glob("*.tcss"):
        assert path.read_text(encoding="utf-8") in SmassistApp.CSS, f"{path.name} is not in the app's CSS"


async def test_walking_to_an_answer_and_opening_help_reparses_no_css(app_factory, monkeypatch):
    reparses = []
    original = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparses.append(1), original(self))[1])
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "kopwerk")
        await open_topic(pilot, "befriend")
        await answer_questions(pilot, {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})
        await pilot.press("f1")
        await wait_for(pilot, lambda: on_screen(app, "HelpScreen"), "the help screen")
        assert app.screen.styles.background is not None
    assert reparses == []
