"""Figures for the Textual app (prints; asserts nothing).

Run: .venv/bin/python bench/tui.py [--runs N] [--presses N]

1. Process start to first screen ready, headless: wall time from starting a new
   Python process until the app's first frame (Textual's Ready event) with the
   start screen showing. smassist's figure includes loading and validating all
   bundled trees and protocols.
2. Key press to next question, in-process under Pilot (headless): from sending
   the digit key until the screen has been laid out and rendered with the next
   question in it (Textual's layout-refresh signal; no terminal I/O, which
   headless mode skips).

Both are measured for smassist and for a bare Textual app that shows one
OptionList and swaps its options on a key, and the ratio is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SMASSIST_CHILD = """
from pathlib import Path
from smassist.tui import app as tui_app

class Bench(tui_app.SmassistApp):
    CSS_PATH = str(Path(tui_app.__file__).with_name("app.tcss"))  # this class has no file of its own

    def on_ready(self) -> None:
        print("READY", type(self.screen).__name__, flush=True)
        self.exit()

tui_app.SmassistApp = Bench
tui_app.make_app().run(headless=True)
"""

BARE_CHILD = """
from textual.app import App
from textual.widgets import OptionList

class Bare(App):
    def compose(self):
        yield OptionList("Ja", "Nee", "Weet ik niet")

    def on_ready(self) -> None:
        print("READY", type(self.screen).__name__, flush=True)
        self.exit()

Bare().run(headless=True)
"""


def start_to_ready(code: str, runs: int, env: dict[str, str]) -> tuple[float, str]:
    times, screen = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        line = process.stdout.readline()
        elapsed = time.perf_counter() - start
        process.wait(timeout=30)
        if not line.startswith("READY"):
            raise SystemExit(f"the app did not get ready: {line!r}")
        screen = line.split()[1]
        times.append(elapsed)
    return statistics.median(times), screen


async def until(pilot, condition) -> None:
    while not condition():
        await pilot.pause()


class LayoutClock:
    """Notes when the screen has been laid out and rendered (Textual's layout-refresh signal)
    while a condition holds: that is the moment the next question is on the screen."""

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
        return self.shown_at - start


async def smassist_presses(presses: int) -> float:
    from smassist.core.preferences import Preferences, save_preferences
    from smassist.tui.app import make_app

    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    app = make_app(animate=False)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        topics = app.screen.query_one("#topics")
        await pilot.press("home", *(["down"] * topics.get_option_index("befriend")), "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "QuestionScreen")
        screen = app.screen
        clock = LayoutClock(screen)
        first = screen.walk.current

        def showing(on_first: bool):
            return lambda: (screen.walk.current is first) == on_first and \
                screen.query_one("#question").content.plain == screen.walk.question_text()

        for _ in range(presses):
            times.append(await clock.press(pilot, "1", showing(False)))
            await clock.press(pilot, "escape", showing(True))
    return statistics.median(times)


async def bare_presses(presses: int) -> float:
    from textual.app import App
    from textual.widgets import OptionList, Static

    questions = [("Eerste vraag?", ["Ja", "Nee"]), ("Tweede vraag?", ["Een", "Twee", "Drie"])]

    class Bare(App):
        BINDINGS = [("1", "answer", ""), ("escape", "back", "")]
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

    app = Bare()
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock = LayoutClock(app.screen)
        for _ in range(presses):
            times.append(await clock.press(pilot, "1", lambda: app.index == 1))
            await clock.press(pilot, "escape", lambda: app.index == 0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="process starts per app (default 5)")
    parser.add_argument("--presses", type=int, default=50, help="key presses per app (default 50)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        # A fresh, empty user folder: no profile, nothing remembered, nothing written to the real one.
        os.environ["SMASSIST_HOME"] = home
        env = dict(os.environ, SMASSIST_HOME=home)
        ours, screen = start_to_ready(SMASSIST_CHILD, args.runs, env)
        bare, _ = start_to_ready(BARE_CHILD, args.runs, env)
        print(f"start to first screen ready (headless, median of {args.runs} processes):")
        print(f"  smassist ({screen}): {ours * 1000:7.0f} ms")
        print(f"  bare Textual app (one OptionList): {bare * 1000:7.0f} ms")
        print(f"  ratio: {ours / bare:.2f}×")

        ours_key = asyncio.run(smassist_presses(args.presses))
        bare_key = asyncio.run(bare_presses(args.presses))
        print(f"key press to next question shown (Pilot, headless, median of {args.presses}):")
        print(f"  smassist: {ours_key * 1000:7.1f} ms")
        print(f"  bare Textual app (one OptionList): {bare_key * 1000:7.1f} ms")
        print(f"  ratio: {ours_key / bare_key:.2f}×")


if __name__ == "__main__":
    main()
