"""Figures for `smassist serve` (prints; asserts nothing).

Run: .venv/bin/python bench/serve.py [--sessions 30] [--runs 1] [--after-kill]

Starts `smassist serve` on a free loopback port (with its own temporary
folder), opens N sessions at once the way the browser page does (a websocket
each, with the page's Origin; every session is an app process of its own) and
prints the time until every session shows the start screen, plus the fastest
and the median session. With --after-kill it then kills the server with
SIGKILL and prints how long its sessions take to end and whether their homes
are gone (Linux: processes read from /proc). Only 127.0.0.1 is used; every
wait is bounded, and the server and its sessions are stopped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serve_sessions import START_SCREEN, ServeProcess, alive, connect, wait_for_screen  # noqa: E402

LIMIT = 300.0


async def one_run(server: ServeProcess, sessions: int, after_kill: bool) -> str:
    import aiohttp

    async def ready(ws) -> float:
        await ws.send_json(["resize", {"width": 80, "height": 24}])
        await wait_for_screen(ws, START_SCREEN, LIMIT)
        return time.monotonic() - started

    async with aiohttp.ClientSession() as client, contextlib.AsyncExitStack() as stack:
        started = time.monotonic()
        sockets = await asyncio.gather(*(stack.enter_async_context(connect(client, server.port))
                                         for _ in range(sessions)))
        times = await asyncio.gather(*(ready(ws) for ws in sockets))
        line = (f"{sessions} sessions opened at once, all at the start screen after {time.monotonic() - started:.1f} s "
                f"(fastest {min(times):.1f} s, median {statistics.median(times):.1f} s, slowest {max(times):.1f} s)")
        if not after_kill:
            return line
        pids, homes = server.session_pids(), server.session_homes()
        killed = time.monotonic()
        os.kill(server.process.pid, signal.SIGKILL)
        while any(alive(pid) for pid in pids) and time.monotonic() - killed < 60:
            await asyncio.sleep(0.02)
        left = sum(alive(pid) for pid in pids)
        return (line + f"; after kill -9 of the server: {len(pids) - left} of {len(pids)} sessions ended within "
                f"{time.monotonic() - killed:.2f} s, {sum(home.exists() for home in homes)} homes left")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--after-kill", action="store_true", help="then kill -9 the server and time its sessions' end")
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as home, ServeProcess(Path(home), "--max-sessions",
                                                                str(max(40, args.sessions))) as server:
            print(f"run {run}: {asyncio.run(one_run(server, args.sessions, args.after_kill))}", flush=True)


if __name__ == "__main__":
    main()
