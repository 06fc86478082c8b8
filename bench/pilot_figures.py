"""In-app figures under Pilot (headless), in rounds that alternate smassist with a bare Textual app.

"Shown" means: the screen has been laid out and rendered with the new content
(Textual's layout-refresh signal) for a question that changes in place; for a
pushed screen, the end of the new screen's first layout (compose, mount,
styles and layout done), noted by wrapping Screen._refresh_layout here. Headless mode skips terminal output, so
these are the app's own costs.
"""

from __future__ import annotations

import statistics
import time

FRAME_MS = 16.0


async def until(pilot, condition) -> None:
    while not condition():
        await pilot.pause()


class LayoutClock:
    """Notes when a screen has been laid out and rendered while a condition holds."""

    def __init__(self, screen) -> None:
        self.condition = lambda: False
        self.shown_at: float | None = None
        screen.screen_layout_refresh_signal.subscribe(screen, self.refreshed, immediate=True)

    def refreshed(self, _screen) -> None:
        if self.shown_at is None and self.condition():
            self.shown_at = time.perf_counter()

    async def press(self, pilot, key: str, condition) -> float:
        self.condition, self.shown_at = condition, None
        start = time.perf_counter()
        await pilot.press(key)
        await until(pilot, lambda: self.shown_at is not None)
        return (self.shown_at - start) * 1000


_LAID_OUT: dict[int, list[float]] = {}  # id(screen) -> when each of its layouts was done


def _note_layouts() -> None:
    """Note when every screen finishes a layout (bench-only instrumentation of Textual's Screen)."""
    from textual.screen import Screen

    if getattr(Screen._refresh_layout, "_noted", False):
        return
    original = Screen._refresh_layout

    def refresh_layout(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        _LAID_OUT.setdefault(id(self), []).append(time.perf_counter())
        return result

    refresh_layout._noted = True
    Screen._refresh_layout = refresh_layout


async def pushed(pilot, key: str, condition) -> float:
    """From the key press until the new screen (current when condition holds) has been laid out."""
    _note_layouts()
    start = time.perf_counter()
    await pilot.press(key)
    await until(pilot, condition)
    screen = pilot.app.screen
    await until(pilot, lambda: any(t > start for t in _LAID_OUT.get(id(screen), ())))
    return (min(t for t in _LAID_OUT[id(screen)] if t > start) - start) * 1000


def _name(app) -> str:
    return type(app.screen).__name__


async def _start(app, pilot) -> None:
    await until(pilot, lambda: _name(app) == "StartScreen")


# -- smassist ---------------------------------------------------------------------------------


async def answer_and_back(pilot, screen, presses: int) -> list[float]:
    """Press 1 (the next question shows), then Escape (the first again); the times of the answers."""
    clock, first, times = LayoutClock(screen), screen.walk.current, []

    def showing(on_first: bool):
        return lambda: (screen.walk.current is first) == on_first and \
            screen.query_one("#question").content.plain == screen.walk.question_text()

    for _ in range(presses):
        times.append(await clock.press(pilot, "1", showing(False)))
        await clock.press(pilot, "escape", showing(True))
    return times


async def ours_questions(presses: int) -> list[float]:
    """Answer → next question, and back, on the befriend topic."""
    from smassist.core.preferences import Preferences, save_preferences
    from smassist.tui.app import make_app

    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    app = make_app(animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start(app, pilot)
        topics = app.screen.query_one("#topics")
        await pilot.press("home", *(["down"] * topics.get_option_index("befriend")), "enter")
        await until(pilot, lambda: _name(app) == "QuestionScreen")
        times = await answer_and_back(pilot, app.screen, presses)
    return times


async def ours_incident_questions(presses: int) -> list[float]:
    """The same in the incident walk, where every answer also saves the draft (AVG: facts typed)."""
    from smassist.core.catalog_sources import load_user_catalog
    from smassist.core.walk import Walk
    from smassist.core.walk_draft import clear_draft, save_draft
    from smassist.tui.app import make_app

    catalog = load_user_catalog()
    walk = Walk(catalog.tree("incident"), catalog.protocol("buitengewoon"), "staff")
    walk.fill({"date": "01-02-2026", "platform": "WhatsApp", "what_happened": "Een bericht in de groepsapp.",
               "evidence": ""})
    save_draft(walk, {})
    app = make_app(animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: _name(app) == "StartScreen" and app.screen.draft)
        await pilot.press("f7")  # resume: on the question after the facts
        await until(pilot, lambda: _name(app) == "QuestionScreen")
        times = await answer_and_back(pilot, app.screen, presses)
    clear_draft()
    return times


def answer_shown(screen, before) -> bool:
    """An answer other than `before` is in the question screen's answer view, every part of it laid out."""
    if not screen.answering:
        return False
    view = screen.answer_view()
    if not view.is_mounted or getattr(view, "result", None) is before:
        return False
    shown = [c for c in view.query("CitationView") if c.display]
    return len(shown) == len(view.result.citations) and all(c.size.height for c in shown) and \
        view.size.height > 0 and view.query_one("#answer-head").size.height > 0


async def ours_pushes(presses: int) -> tuple[list[float], list[float]]:
    """Topic → first question (pushes a screen), and last answer → the answer (shown in place)."""
    from smassist.core.preferences import Preferences, save_preferences
    from smassist.tui.app import make_app

    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    app = make_app(animate=False)
    topic, answer = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await _start(app, pilot)
        topics = app.screen.query_one("#topics")
        await pilot.press("home", *(["down"] * topics.get_option_index("befriend")))
        for _ in range(presses):
            topic.append(await pushed(pilot, "enter", lambda: _name(app) == "QuestionScreen"))
            screen = app.screen
            for option in ("pupil", "private"):
                node = screen.walk.current
                await pilot.press(str([o.id for o in screen.walk.options()].index(option) + 1))
                await until(pilot, lambda node=node: screen.walk.current is not node)
            last = [o.id for o in screen.walk.options()].index("nee") + 1
            before = getattr(screen.answer_view(), "result", None)
            answer.append(await LayoutClock(screen).press(pilot, str(last), lambda: answer_shown(screen, before)))
            await pilot.press("escape")  # back to the last question
            await until(pilot, lambda: not screen.answering)
            await pilot.press("o")  # the topics
            await until(pilot, lambda: _name(app) == "StartScreen")
    return topic, answer


# -- the bare Textual app ------------------------------------------------------------------------


def _bare_app():
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Footer, Header, OptionList, Static

    questions = [("Eerste vraag?", ["Ja", "Nee"]), ("Tweede vraag?", ["Een", "Twee", "Drie"])]

    class Pushed(Screen):
        BINDINGS = [("escape", "app.pop_screen", "")]

        def compose(self):  # like a question screen: header, a question, the options, the footer
            yield Header()
            yield Static("Een nieuw scherm", id="title")
            yield OptionList("Ja", "Nee")
            yield Footer()

    class Bare(App):
        BINDINGS = [("1", "answer", ""), ("escape", "back", ""), ("p", "push", "")]
        index = 0

        def compose(self):
            yield Static(questions[0][0], id="question")
            yield OptionList(*questions[0][1])

        def show(self, index: int) -> None:
            self.index = index
            self.query_one("#question", Static).update(questions[index][0])
            self.query_one(OptionList).set_options(questions[index][1])

        def action_answer(self) -> None:
            self.show(1)

        def action_back(self) -> None:
            self.show(0)

        def action_push(self) -> None:
            self.push_screen(Pushed())

    return Bare()


async def bare_questions(presses: int) -> list[float]:
    app = _bare_app()
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock = LayoutClock(app.screen)
        for _ in range(presses):
            times.append(await clock.press(pilot, "1", lambda: app.index == 1))
            await clock.press(pilot, "escape", lambda: app.index == 0)
    return times


async def bare_pushes(presses: int) -> list[float]:
    app = _bare_app()
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            times.append(await pushed(pilot, "p", lambda: _name(app) == "Pushed"))
            await pilot.press("escape")
            await until(pilot, lambda: _name(app) != "Pushed")
    return times


# -- the figures --------------------------------------------------------------------------------


def _row(figure: str, ours: list[float], bare: list[float], first: float | None = None) -> dict:
    median, reference = statistics.median(ours), statistics.median(bare)
    extra = f", first {first:.1f} ms" if first is not None else ""
    print(f"{figure:<44} {median:7.1f} ms (÷16 ms = {median / FRAME_MS:.2f}×{extra}); "
          f"bare Textual app {reference:.1f} ms (ours {median / reference:.2f}× the bare app)")
    measured = f"{median:.1f} ms = {median / FRAME_MS:.2f}× the goal{extra}; bare app {reference:.1f} ms"
    return {"figure": figure, "goal": "≤ 16 ms", "measured": measured}


async def pilot_figures(presses: int, rounds: int) -> list[dict]:
    questions, incident, topic, answer, bare_q, bare_p = [], [], [], [], [], []
    first_topic = first_answer = None
    for _ in range(rounds):  # alternate: ours, bare, ours, bare, ...
        t, a = await ours_pushes(max(3, presses // 5))  # first: the first push of each screen in this process
        if first_topic is None:
            first_topic, first_answer = t[0], a[0]
        topic += t[1:]
        answer += a[1:]
        bare_p += await bare_pushes(max(3, presses // 5))
        questions += await ours_questions(presses)
        bare_q += await bare_questions(presses)
        incident += await ours_incident_questions(presses)
    return [
        _row("answer → next question (Pilot)", questions, bare_q),
        _row("answer → next question, incident walk", incident, bare_q),
        _row("last answer → answer screen", answer, bare_p, first_answer),
        _row("topic → first question", topic, bare_p, first_topic),
    ]
