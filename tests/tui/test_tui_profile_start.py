"""A returning user WITH a school profile starts the app without importing YAML (core/profile_copy.py),
and the school's name from a profile edited by hand since the last start is the one shown."""

from __future__ import annotations

import os
import subprocess
import sys

from smassist.core.preferences import Preferences, save_preferences
from smassist.core.profile import profile_path

START = """if True:
    import asyncio, sys
    from smassist.tui.app import make_app

    async def main():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            while type(app.screen).__name__ != "StartScreen" or not app.screen.query_one("#topics").option_count:
                await pilot.pause()
            await pilot.pause()
            name = app.profile.school_name
        print(name, "|", "yaml" in sys.modules)

    asyncio.run(main())
"""


def _start(home) -> tuple[str, bool]:
    env = dict(os.environ, SMASSIST_HOME=str(home))
    run = subprocess.run([sys.executable, "-c", START], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    name, imported = run.stdout.strip().rsplit(" | ", 1)
    return name, imported == "True"


def test_a_returning_user_with_a_profile_starts_without_yaml(isolated_home):
    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# met de hand\nschool_name: De Regenboog\n", encoding="utf-8")
    assert _start(isolated_home)[0] == "De Regenboog"  # the first start reads the YAML
    assert _start(isolated_home) == ("De Regenboog", False)
    path.write_text("# met de hand\nschool_name: De Zonnebloem\n", encoding="utf-8")
    assert _start(isolated_home)[0] == "De Zonnebloem"
    assert _start(isolated_home) == ("De Zonnebloem", False)
