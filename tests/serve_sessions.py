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


def screen_text(data: bytes) -> str:
    """What a terminal would show of a byte stream, roughly: escape sequences removed."""
    return _ESCAPES.sub("", data.decode("utf-8", "replace"))


class ServeProcess:
    """`smassist serve` on a free loopback port, in its own process group; output collected."""

    def __init__(self, home: Path, *extra: str, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}/"
        env = dict(os.environ, SMASSIST_HOME=str(home), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smassist", "serve", "--port", str(self.port), *extra],
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
                with socket.create_connection((HOST, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"smassist serve did not listen on {self.url} within {timeout} s:\n{self.output}")

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


async def open_session(port: int, timeout: float, marker: str = START_SCREEN, width: int = 80,
                       height: int = 24) -> float:
    """Open one session like the browser page does; seconds until the start screen arrived."""
    import aiohttp

    started = time.monotonic()
    received = bytearray()
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(f"ws://{HOST}:{port}/ws?width={width}&height={height}",
                                     timeout=aiohttp.ClientWSTimeout(ws_close=2)) as ws:
            await ws.send_json(["resize", {"width": width, "height": height}])
            async with asyncio.timeout(timeout):
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        received.extend(message.data)
                        if marker in screen_text(bytes(received)):
                            return time.monotonic() - started
                    elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                        break
    raise AssertionError(f"session ended before the start screen; it showed: {screen_text(bytes(received))[-300:]!r}")


async def open_sessions(port: int, count: int, timeout: float) -> list[float]:
    """Open count sessions at once; each one's seconds to the start screen (all bounded by timeout)."""
    return list(await asyncio.gather(*(open_session(port, timeout) for _ in range(count))))
