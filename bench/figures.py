"""Every figure of issue 13, each as a ratio against its reference, measured alternately in one run.

Run from the checkout (see bench/README.md):

    .venv/bin/python bench/figures.py [--runs 9] [--presses 30] [--rounds 3] [--only start,ask,...]

Whole-process figures start a fresh Python process per run and alternate the
two sides (ours, reference, ours, reference, ...), so a change in machine load
hits both; the median of each side and their ratio are printed, with the
median CPU time (user + system) of each side, which a busy machine disturbs
less than wall time. In-app figures (Pilot, headless) are taken in rounds that
alternate smassist with a bare Textual app doing the same (showing a question
from a key press, pushing a screen), and printed against the 16 ms goal (one
frame at 60 Hz).

Nothing here asserts anything: it prints. All user files go to temporary
SMASSIST_HOME folders; the catalogue cache is warmed once first, as after a
first start.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pilot_figures import pilot_figures  # noqa: E402


def floor_app() -> Path:
    """The floor app: $SMASSIST_FLOOR, shared/ beside the clone (CI), /work/shared, else our copy of it."""
    candidates = [os.environ.get("SMASSIST_FLOOR"), ROOT.parent / "shared" / "bench" / "floor_hello.py",
                  Path("/work/shared/bench/floor_hello.py")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return Path(__file__).with_name("floor_copy.py")


OURS_START = textwrap.dedent("""
    import asyncio
    from smassist.tui.app import make_app

    async def main():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            while type(app.screen).__name__ != "StartScreen":
                await pilot.pause()
            await pilot.pause()

    asyncio.run(main())
""")

# One walk to an answer, like a user: role and protocol remembered, topic, three answers.
OURS_WALK = textwrap.dedent("""
    import asyncio
    from smassist.core.preferences import Preferences, save_preferences
    from smassist.tui.app import make_app

    save_preferences(Preferences(role="staff", protocol="buitengewoon"))

    async def main():
        app = make_app(animate=False)
        async with app.run_test(size=(80, 24)) as pilot:
            while type(app.screen).__name__ != "StartScreen":
                await pilot.pause()
            topics = app.screen.query_one("#topics")
            await pilot.press("home", *(["down"] * topics.get_option_index("befriend")), "enter")
            for option in ("pupil", "private", "nee"):
                while type(app.screen).__name__ != "QuestionScreen":
                    await pilot.pause()
                screen = app.screen
                node = screen.walk.current
                index = [o.id for o in screen.walk.options()].index(option)
                await pilot.press(str(index + 1))
                while screen.walk.current is node and type(app.screen).__name__ == "QuestionScreen":
                    await pilot.pause()
            # the answer shows in place of the question
            while not (screen.answering and screen.answer_view().is_mounted and screen.answer_view().size.height):
                await pilot.pause()
            await pilot.pause()

    asyncio.run(main())
""")

FLOOR_BY_PATH = "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')"


class Process:
    """One side of a whole-process comparison: an argv, with wall time, CPU time and peak memory per run."""

    def __init__(self, label: str, argv: list[str]):
        self.label, self.argv = label, argv
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.rss: list[float] = []

    def run(self, env: dict[str, str]) -> None:
        start = time.perf_counter()
        child = subprocess.Popen(self.argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        error = child.stderr.read().decode(errors="replace")
        _, status, usage = os.wait4(child.pid, 0)
        self.wall.append(time.perf_counter() - start)
        child.stderr.close()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"{self.label}: exit {child.returncode}\n{error[-2000:]}")
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        self.rss.append(usage.ru_maxrss / 1024)  # KiB on Linux -> MiB

    def clear(self) -> None:
        self.wall.clear()
        self.cpu.clear()
        self.rss.clear()


def alternate(ours: Process, reference: Process, runs: int, env: dict[str, str]) -> None:
    ours.run(env)  # warm-up of both: page cache, bytecode, the catalogue cache
    reference.run(env)
    ours.clear()
    reference.clear()
    for _ in range(runs):
        ours.run(env)
        reference.run(env)


def report(figure: str, goal: float, ours: Process, reference: Process, memory: bool = False) -> dict:
    if memory:
        a, b = statistics.median(ours.rss), statistics.median(reference.rss)
        print(f"{figure:<48} {a:7.1f} MiB vs {b:7.1f} MiB  ratio {a / b:5.2f}×  (goal ≤ {goal:.2f}×)")
        return {"figure": figure, "goal": f"≤ {goal:.2f}×", "measured": f"{a / b:.2f}× ({a:.0f} vs {b:.0f} MiB)"}
    a, b = statistics.median(ours.wall) * 1000, statistics.median(reference.wall) * 1000
    ca, cb = statistics.median(ours.cpu) * 1000, statistics.median(reference.cpu) * 1000
    print(f"{figure:<48} {a:7.0f} ms vs {b:7.0f} ms  ratio {a / b:5.2f}×  (goal ≤ {goal:.2f}×)   "
          f"cpu {ca:.0f} vs {cb:.0f} ms = {ca / cb:.2f}×")
    return {"figure": figure, "goal": f"≤ {goal:.2f}×",
            "measured": f"{a / b:.2f}× ({a:.0f} vs {b:.0f} ms; cpu {ca / cb:.2f}×)"}


def process_figures(runs: int, only: set[str], env: dict[str, str], profile_env: dict[str, str],
                    work: Path) -> list[dict]:
    python = sys.executable
    rows = []
    yaml = Process("python -c 'import yaml'", [python, "-c", "import yaml"])
    if "start" in only:
        ours = Process("smassist start", [python, "-c", OURS_START])
        floor = Process("floor", [python, str(floor_app())])
        alternate(ours, floor, runs, env)
        rows.append(report("start → first interactive screen (headless)", 1.10, ours, floor))
    if "ask" in only:
        ours = Process("smassist ask", [python, "-m", "smassist", "ask", "befriend", "--protocol", "buitengewoon",
                                        "--role", "staff", "--answer", "staff_with=pupil",
                                        "--answer", "staff_account=private", "--answer", "staff_urgent=nee"])
        alternate(ours, yaml, runs, env)
        rows.append(report("smassist ask (whole process) vs import yaml", 2.0, ours, yaml))
    if "validate" in only:
        ours = Process("smassist validate", [python, "-m", "smassist", "validate"])
        alternate(ours, yaml, runs, env)
        rows.append(report("smassist validate (whole process) vs import yaml", 3.0, ours, yaml))
    if "render" in only:
        data = work / "incident.json"
        data.write_text(json.dumps({"facts": {
            "Datum": "2026-11-20", "Wat er gebeurde": "Een nepaccount op Instagram plaatst foto's van de school "
            "met kwetsende teksten.", "Waar (platform, account)": "Instagram, account @nep_school"}}), encoding="utf-8")
        render = [python, "-m", "smassist", "render", "incident_report", "--protocol", "buitengewoon",
                  "--data", str(data), "--force", "-o"]
        pdf = Process("render pdf", [*render, str(work / "rapport.pdf")])
        txt = Process("render txt", [*render, str(work / "rapport.txt")])
        alternate(pdf, txt, runs, profile_env)  # documents need the school's name and contacts
        rows.append(report("render incident report .pdf vs .txt", 1.3, pdf, txt))
    if "memory" in only:
        ours = Process("walk to an answer", [python, "-c", OURS_WALK])
        floor = Process("floor", [python, "-c", FLOOR_BY_PATH, str(floor_app())])
        alternate(ours, floor, max(3, runs // 3), env)
        rows.append(report("peak memory after one walk to an answer", 1.3, ours, floor, memory=True))
    return rows


def prepare_home(home: Path, profile: bool) -> dict[str, str]:
    env = dict(os.environ, SMASSIST_HOME=str(home))
    if profile:
        code = ("from smassist.core.profile import Profile, save_profile; save_profile(Profile("
                "school_name='De Regenboog', school_leader='A. Jansen', privacy_officer='B. de Vries', "
                "communication_officer='C. Smit', confidential_adviser='D. Bakker'))")
        subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)
    subprocess.run([sys.executable, "-m", "smassist", "protocols"], env=env, cwd=ROOT, check=True,
                   capture_output=True)  # the catalogue cache, as after a first start
    # the parsed-CSS cache, as after a first use of the app: one walk to an answer; then no remembered choices
    forget = "from smassist.core.preferences import preferences_path; preferences_path().unlink()"
    subprocess.run([sys.executable, "-c", OURS_WALK + "\n" + forget], env=env, cwd=ROOT, check=True)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per side of each whole-process figure (default 9)")
    parser.add_argument("--presses", type=int, default=30, help="key presses per round of each in-app figure")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of the in-app figures")
    parser.add_argument("--only", default="start,pilot,ask,validate,render,memory",
                        help="comma-separated: start, pilot, ask, validate, render, memory")
    args = parser.parse_args()
    only = set(args.only.split(","))
    # A bytecode cache, as after `pip install .`: an editable install under PYTHONDONTWRITEBYTECODE
    # has none, and every process would then compile all of smassist (yaml, the reference, is compiled).
    compileall.compile_dir(ROOT / "smassist", quiet=2)
    print(f"floor app: {floor_app()}; load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as plain, tempfile.TemporaryDirectory() as with_profile:
        # no school profile, as on a first start (a profile is YAML: reading one imports yaml)
        env = prepare_home(Path(plain), profile=False)
        profile_env = prepare_home(Path(with_profile), profile=True)
        rows = process_figures(args.runs, only, env, profile_env, Path(with_profile))
        if "pilot" in only:
            os.environ["SMASSIST_HOME"] = plain
            rows += asyncio.run(pilot_figures(args.presses, args.rounds))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    print("\n| figure | goal | measured |\n|---|---|---|")
    for row in rows:
        print(f"| {row['figure']} | {row['goal']} | {row['measured']} |")


if __name__ == "__main__":
    main()
