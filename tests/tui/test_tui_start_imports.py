"""A returning user's start (role and protocol remembered, caches warm) parses no YAML and loads no register code."""

from __future__ import annotations

import os
import subprocess
import sys

from smassist.core.preferences import Preferences, save_preferences

START = """if True:
    import asyncio, sys
    from smassist.tui.app import make_app

    async def main():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            while type(app.screen).__name__ != "StartScreen" or not app.screen.query_one("#topics").option_count:
                await pilot.pause()
            await pilot.pause()
            topics = app.screen.query_one("#topics").option_count
        print(topics, sorted(name for name in ("yaml", "smassist.core.incidents") if name in sys.modules))

    asyncio.run(main())
"""


def test_a_returning_users_start_imports_no_yaml_and_no_incident_register(isolated_home):
    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    env = dict(os.environ, SMASSIST_HOME=str(isolated_home))
    runs = [subprocess.run([sys.executable, "-c", START], env=env, capture_output=True, text=True, timeout=120)
            for _ in range(2)]  # the first start fills the caches, as after installing
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    topics, loaded = runs[1].stdout.split(" ", 1)
    assert int(topics) > 5
    assert loaded.strip() == "[]"
