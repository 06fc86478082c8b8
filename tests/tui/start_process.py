"""A start of the app in a fresh process, as a returning user's: what it imported is only visible there."""

from __future__ import annotations

import os
import subprocess
import sys

_SCRIPT = """if True:
    import asyncio, sys
    from smassist.tui.app import make_app

    async def main():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            while type(app.screen).__name__ != "StartScreen" or not app.screen.query_one("#topics").option_count:
                await pilot.pause()
            await pilot.pause()
            print(REPORT)

    asyncio.run(main())
"""


def start_and_report(home, report: str) -> str:
    """Start until the topics show, then print `report` (an expression over `app` and `sys`); its output."""
    env = dict(os.environ, SMASSIST_HOME=str(home))
    script = _SCRIPT.replace("REPORT", report)
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout
