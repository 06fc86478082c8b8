"""Figure for `smassist serve` (prints; asserts nothing).

Run: .venv/bin/python bench/serve.py [--sessions 30] [--runs 1]

Starts `smassist serve` on a free loopback port, opens N sessions at once the
way the browser page does (a websocket each; textual-serve starts one app
process per session) and prints the time until every session shows the start
screen, plus the fastest and the median session. Only 127.0.0.1 is used; every
wait is bounded, and the server and its sessions are stopped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serve_sessions import ServeProcess, open_sessions  # noqa: E402

LIMIT = 300.0


def one_run(sessions: int) -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory() as home, ServeProcess(Path(home)) as server:
        started = time.monotonic()
        ready = asyncio.run(open_sessions(server.port, sessions, LIMIT))
        return time.monotonic() - started, ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        total, ready = one_run(args.sessions)
        print(f"run {run}: {args.sessions} sessions opened at once, all at the start screen after {total:.1f} s "
              f"(fastest {min(ready):.1f} s, median {statistics.median(ready):.1f} s, slowest {max(ready):.1f} s)")


if __name__ == "__main__":
    main()
