"""Each screen's CSS is parsed once, when the screen is first shown: the start parses only its own,
and pushing a screen the first time re-parses nothing that was parsed before."""

from __future__ import annotations

import inspect
from collections import Counter
from pathlib import Path

from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widget import Widget

import smassist.tui.screens as screens_package
from smassist.tui.app import screen_css_files
from smassist.tui.styled_once import StyledOnce
from tests.tui.conftest import answer_questions, count_css_parses, choose_role_and_protocol, on_screen, open_topic, wait_for

SCREENS = Path(screens_package.__file__).parent


def _screen_classes():
    import importlib

    for path in sorted(SCREENS.glob("*.py")):
        module = importlib.import_module(f"smassist.tui.screens.{path.stem}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                yield cls


def test_no_screen_brings_its_own_stylesheet_and_every_tcss_belongs_to_a_screen():
    classes = list(_screen_classes())
    own = [cls.__name__ for cls in classes if cls.CSS_PATH or cls.CSS]
    assert own == [], "a screen's CSS_PATH or CSS makes Textual re-parse all CSS on its first push"
    used = {path for cls in classes for path in screen_css_files(cls)}
    assert used == set(SCREENS.glob("*.tcss")), "a .tcss beside no screen module is never loaded"


def test_every_screen_tcss_parses_and_styles_only_its_own_screens():
    """Start no longer parses them all, so a broken file would only show when its screen opens."""
    from textual.app import App

    variables = App().get_css_variables()
    for cls in _screen_classes():
        for path in screen_css_files(cls):
            sheet = Stylesheet(variables=variables)
            sheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
            sheet.parse()  # raises on any error
            module = __import__(f"smassist.tui.screens.{path.stem}", fromlist=["*"])
            # a screen's own widgets (the answer view, shown in the question screen too) may have rules here
            defined = {name for name, c in inspect.getmembers(module, inspect.isclass)
                       if issubclass(c, (Screen, Widget)) and c.__module__ == module.__name__}
            for rule in sheet.rules:
                for selector_set in rule.selector_set:
                    first = selector_set.selectors[0].name
                    # another screen's rules loaded later would otherwise change this one's look
                    assert first in defined, f"{path.name}: a rule starting with {first!r}, not one of its screens"


async def test_start_parses_only_the_start_screens_css(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        loaded = {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}
    assert loaded == {"app.tcss", "presenter.tcss", "start.tcss"}


async def test_walking_to_an_answer_and_opening_help_parses_each_css_source_once(app_factory, monkeypatch):
    parsed = count_css_parses(monkeypatch)
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
        # a screen's own rules are in force on its first showing (help.tcss pads the text by 2)
        assert app.screen.query_one("#help").styles.padding.left == 2
    assert reparses == []
    ours = {Path(path).name: times for (path, _), times in parsed.items() if path.endswith(".tcss")}
    assert set(ours.values()) == {1}, ours
    assert set(ours) >= {
        "start.tcss", "choose_protocol.tcss", "question.tcss", "answer.tcss", "help.tcss"}


def test_every_screen_skips_the_second_styling_on_its_first_showing():
    missing = [cls.__name__ for cls in _screen_classes() if not issubclass(cls, StyledOnce)]
    assert missing == [], "Textual would style all of these screens' widgets twice when they are first shown"


async def test_a_screen_shown_the_first_time_styles_its_text_once(app_factory, monkeypatch):
    applied = Counter()
    original = Stylesheet.apply

    def counting(self, node, *args, **kwargs):
        applied[id(node)] += 1
        return original(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("f1")
        await wait_for(pilot, lambda: on_screen(app, "HelpScreen"), "the help screen")
        await pilot.pause()
        text = app.screen.query_one("#help Static")
        # once when mounted, once when the scroll area around it takes focus (Textual restyles what is in a
        # focused widget); Textual's restyling of the whole screen on its first resume would make it three
        assert applied[id(text)] == 2
        assert text.styles.color is not None


def test_the_question_and_answer_code_is_loaded_while_the_start_screen_is_read(tmp_path):
    """So the first topic opens as fast as later ones; the start itself does not wait for it."""
    import os
    import subprocess
    import sys

    # Recorded when the preload runs, not when the test gets control: on a loaded machine the test's
    # first look can come later than the preload's half second, which made an earlier version flaky.
    code = """if True:
        import asyncio, sys, time
        import smassist.tui.app as app_module
        from smassist.tui.app import make_app

        names = [f"smassist.tui.screens.{name}" for name in ("question", "answer")]
        preload = app_module._import_walk_screens

        def watched(*args):
            screen = app.screen
            print("start screen drawn:", type(screen).__name__ == "StartScreen"
                  and any(widget.region.area for widget in screen.children))
            print("loaded before:", any(name in sys.modules for name in (*names, "smassist.core.walk")))
            preload(*args)

        app_module._import_walk_screens = watched

        async def main():
            global app
            app = make_app()
            async with app.run_test(size=(80, 24)) as pilot:
                deadline = time.monotonic() + 20
                while not all(name in sys.modules for name in names) and time.monotonic() < deadline:
                    await pilot.pause()
                print("while it shows:", all(name in sys.modules for name in names))

        asyncio.run(main())
    """
    env = dict(os.environ, SMASSIST_HOME=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
            for _ in range(2)]  # the first start fills the caches (reading the data then loads everything)
    assert runs[1].stdout.split("\n")[:3] == [
        "start screen drawn: True", "loaded before: False", "while it shows: True"], runs[1].stderr[-2000:]


async def test_the_walk_screens_css_is_ready_before_the_first_topic_so_opening_topics_parses_and_restyles_nothing(
        app_factory, monkeypatch):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "kopwerk")

        def loaded() -> set[str]:
            return {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}

        await wait_for(pilot, lambda: {"question.tcss", "answer.tcss"} <= loaded(), "the walk screens' CSS, preloaded")
        parsed = count_css_parses(monkeypatch)
        restyled = Counter()
        original = Stylesheet.update_nodes

        def counting(self, nodes, *args, **kwargs):
            nodes = list(nodes)
            restyled[len(nodes)] += 1
            return original(self, nodes, *args, **kwargs)

        monkeypatch.setattr(Stylesheet, "update_nodes", counting)
        for _ in range(2):
            await open_topic(pilot, "befriend")
            await answer_questions(pilot, {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})
            await pilot.press("o")
            await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the topics again")
        assert not parsed, parsed
        question_screen_widgets = 15
        assert not [count for count in restyled if count >= question_screen_widgets], restyled
