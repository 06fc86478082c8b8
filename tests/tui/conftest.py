"""Helpers for driving the app like a user: keys in, conditions awaited (never fixed sleeps)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Callable

import pytest

from smassist.core.catalog import load_catalog
from smassist.tui.app import SmassistApp, make_app

SNAP = Path(__file__).parent / "data" / "snap"


async def wait_for(pilot, condition: Callable[[], object], what: str, timeout: float = 10.0):
    """Let the app process messages until condition() is true (or fail naming what we waited for)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        await pilot.pause()


def on_screen(app: SmassistApp, name: str) -> bool:
    return type(app.screen).__name__ == name


def draft_banner(app: SmassistApp) -> str | None:
    """The start screen's banner about an interrupted walk as shown, or None (it is mounted only while shown)."""
    shown = [banner for banner in app.screen.query("#draft") if banner.display and not (banner._pruning or banner._closing)]
    return shown[0].content.plain if shown else None


def showing_answer(app: SmassistApp) -> bool:
    """An answer is on screen: in place of the question (a walk's end) or on a screen of its own (comparing)."""
    screen = app.screen
    if type(screen).__name__ == "QuestionScreen":
        return screen.answering and screen.answer_view().is_mounted
    return type(screen).__name__ == "AnswerScreen"


def answer_view(app: SmassistApp):
    """The answer on screen (the view with the answer's widgets and keys)."""
    from smassist.tui.screens.answer import AnswerView

    return app.screen.query_one(AnswerView)


def question_top(app: SmassistApp) -> list[str]:
    """The question screen's top lines: where (topic · role · protocol), the progress, and the answers so far."""
    return app.screen.query_one("#top").content.plain.split("\n")


def answer_head(app: SmassistApp) -> list[str]:
    """The answer's top lines as drawn on screen (where, concept mark, verdict box, short answer, note,
    conditions, steps, the cited heading): one widget draws them all."""
    head = answer_view(app).query_one("#answer-head")
    return [head.render_line(y).text.rstrip() for y in range(head.size.height)]


def answer_verdict(app: SmassistApp) -> str:
    """The word in the answer's verdict box (the line between its top and bottom border)."""
    lines = answer_head(app)
    top = next(i for i, line in enumerate(lines) if line.lstrip()[:1] in ("╭", "┏", "+"))
    return lines[top + 1].strip().strip("│┃|").strip()


def answer_part(app: SmassistApp, first: str) -> list[str]:
    """The lines of the answer's part that begins with this text (a heading or 'Let op:'), to the next blank line."""
    lines = answer_head(app)
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(first))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return [line.strip() for line in lines[start:end]]


def answer_short(app: SmassistApp) -> str:
    """The short answer under the verdict box, its wrapped lines joined (up to a note or the next blank line)."""
    lines = answer_head(app)
    bottom = next(i for i, line in enumerate(lines) if line.lstrip()[:1] in ("╰", "┗", "+") and i > 0)
    words = []
    for line in lines[bottom + 2:]:
        if not line.strip() or line.lstrip().startswith("Let op: "):
            break
        words.append(line.strip())
    return " ".join(words)


def footer_keys(app: SmassistApp) -> list:
    """The keys on the current screen's key bar (key, display, description, enabled, tooltip, x, width)."""
    from smassist.tui.bars import KeysBar

    return app.screen.query_one(KeysBar).shown_keys()


def why_answers(app: SmassistApp) -> list[str]:
    """The answers under "Waarom dit antwoord" as shown (each line "→ …" below its question)."""
    return [content.plain for indent, content in answer_view(app).query_one("#reasons").visual.lines if indent == 4]


def showing_question(app: SmassistApp) -> bool:
    """A question (not the answer) of a walk is on screen."""
    return on_screen(app, "QuestionScreen") and not app.screen.answering


async def choose_role_and_protocol(pilot, role_index: int, protocol_id: str) -> None:
    """From a fresh start screen: pick the role with arrows + Enter, then the protocol in the dialog."""
    app = pilot.app
    await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
    await pilot.press(*(["right"] * role_index), "enter")
    await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
    dialog = app.screen
    ids = [p.id for p in dialog.protocols]
    await pilot.press(*(["down"] * ids.index(protocol_id)), "enter")
    await wait_for(pilot, lambda: on_screen(app, "StartScreen") and app.protocol is not None, "the chosen protocol")
    assert app.protocol.id == protocol_id


async def choose_theme(pilot, app: SmassistApp, typed: str, total: int) -> None:
    """Pick a theme the way a user does: palette, "Thema kiezen", type part of its name, Enter."""
    await pilot.press("ctrl+p", *"Thema kiezen")
    await wait_for(pilot, lambda: app.screen.query("CommandList") and
                   app.screen.query_one("CommandList").option_count > 0, "the palette's hits")
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.screen.query("CommandList") and
                   app.screen.query_one("CommandList").option_count == total, "the list of themes")
    await pilot.press(*typed)
    await wait_for(pilot, lambda: app.screen.query_one("CommandList").option_count == 1, "one theme left")
    await pilot.press("enter")


async def open_topic(pilot, tree_id: str) -> None:
    """On the start screen: arrow down to the topic and press Enter."""
    app = pilot.app
    topics = app.screen.query_one("#topics")
    await pilot.press("home", *(["down"] * topics.get_option_index(tree_id)), "enter")
    await wait_for(pilot, lambda: on_screen(app, "QuestionScreen") or on_screen(app, "AnswerScreen"),
                   f"the topic {tree_id}")
    assert app.screen.walk.tree.id == tree_id


async def answer_questions(pilot, answers: dict[str, str]) -> None:
    """Answer each question shown by pressing the digit of the wanted option, until the answer shows."""
    app = pilot.app
    while True:
        await wait_for(pilot, lambda: showing_question(app) or showing_answer(app), "a question or the answer")
        if showing_answer(app):
            return
        screen = app.screen
        node = screen.walk.current
        options = screen.query_one("#options")
        index = options.get_option_index(answers[node.id])
        await pilot.press(str(index + 1))
        await wait_for(pilot, lambda: screen.walk.current is not node or showing_answer(app),
                       f"the question after {node.id}")


def count_css_parses(monkeypatch) -> Counter:
    """From now on, how often Textual parses each CSS source (keyed by where it was read from)."""
    import textual.css.stylesheet as stylesheet_module

    parsed: Counter = Counter()
    original = stylesheet_module.parse

    def counting(scope, css, read_from, *args, **kwargs):
        parsed[read_from] += 1
        return original(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counting)
    return parsed


@pytest.fixture(scope="session")
def snap_catalog():
    catalog = load_catalog(SNAP)
    assert catalog.problems == []
    return catalog


@pytest.fixture
def app_factory(catalog):
    """The app over the bundled data (loaded once per session), animations off."""
    return lambda: make_app(catalog=catalog, animate=False)
