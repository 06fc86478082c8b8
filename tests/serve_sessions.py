"""Helpers for `smassist serve` tests and bench/serve.py: a server on a free loopback port,
and websocket clients that open sessions like a browser does and wait for the start screen.

Only loopback addresses are used; every wait is bounded and ends the processes it started.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"
START_SCREEN = "Ik ben"  # the start screen's first label (role choice)
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def alive(pid: int) -> bool:
    """Whether a process runs (Linux: read from /proc); a zombie has ended, only its reaping is left."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def screen_text(data: bytes) -> str:
    """What a terminal would show of a byte stream, roughly: escape sequences removed."""
    return _ESCAPES.sub("", data.decode("utf-8", "replace"))


class ServeProcess:
    """`smassist serve` on a free loopback port, in its own process group, with its own temporary
    folder (TMPDIR: where its run folder and the sessions' homes go); output collected."""

    def __init__(self, home: Path, *extra: str, port: int | None = None, tmp: Path | None = None,
                 host: str = HOST) -> None:
        self.host, self.port = host, port or free_port()
        self.origin = f"http://{HOST}:{self.port}"
        self.url = self.origin + "/"
        self.tmp = tmp or Path(home) / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, SMASSIST_HOME=str(home), PYTHONUNBUFFERED="1", TMPDIR=str(self.tmp))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smassist", "serve", "--host", host, "--port", str(self.port), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_until_listening(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"smassist serve stopped (exit {self.process.returncode}):\n{self.output}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"smassist serve did not listen on {self.url} within {timeout} s:\n{self.output}")

    def session_homes(self) -> list[Path]:
        return sorted(self.tmp.glob("smassist-serve-*/sessie-*"))

    def session_pids(self) -> list[int]:
        """The server's session processes (its children, read from /proc: Linux only)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # the server's group: it and its sessions
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._reader.join(timeout=5)

    def __enter__(self) -> ServeProcess:
        try:
            self.wait_until_listening()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def connect(client, port: int, width: int = 80, height: int = 24, **options):
    """A websocket to the server like the browser page opens it (with the page's Origin)."""
    import aiohttp

    return client.ws_connect(f"ws://{HOST}:{port}/ws?width={width}&height={height}",
                             headers={"Origin": f"http://{HOST}:{port}"},
                             timeout=aiohttp.ClientWSTimeout(ws_close=2), **options)


async def wait_for_screen(ws, marker: str, timeout: float) -> str:
    """What the session showed once marker appeared (AssertionError if it closed before)."""
    import aiohttp

    received = bytearray()
    async with asyncio.timeout(timeout):
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                received.extend(message.data)
                if marker in screen_text(bytes(received)):
                    return screen_text(bytes(received))
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
    raise AssertionError(f"session ended before {marker!r}; it showed: {screen_text(bytes(received))[-300:]!r}")


async def open_session(port: int, timeout: float, marker: str = START_SCREEN, width: int = 80,
                       height: int = 24) -> float:
    """Open one session like the browser page does; seconds until the start screen arrived."""
    import aiohttp

    started = time.monotonic()
    async with aiohttp.ClientSession() as client:
        async with connect(client, port, width, height) as ws:
            await ws.send_json(["resize", {"width": width, "height": height}])
            await wait_for_screen(ws, marker, timeout)
            return time.monotonic() - started


async def open_sessions(port: int, count: int, timeout: float) -> list[float]:
    """Open count sessions at once; each one's seconds to the start screen (all bounded by timeout)."""
    return list(await asyncio.gather(*(open_session(port, timeout) for _ in range(count))))
