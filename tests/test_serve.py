"""`smassist serve`: loopback by default, a Dutch warning otherwise, clear errors; a real server
on a free loopback port whose page opens in headless Chromium and shows the start screen."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from smassist import cli
from smassist import cli_serve
from tests.serve_sessions import HOST, START_SCREEN, ServeProcess, connect, free_port, screen_text

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOT = os.environ.get("SMASSIST_SERVE_SCREENSHOT")  # keep the PNG here to look at it


class FakeServer:
    def __init__(self, host, port, **options):
        self.host, self.port, self.options = host, port, options
        FakeServer.made.append(self)

    def serve(self):
        pass


@pytest.fixture
def fake_server(monkeypatch):
    FakeServer.made = []
    monkeypatch.setattr(cli_serve, "make_server", FakeServer)
    return FakeServer


def test_serve_listens_on_loopback_by_default_without_a_warning(fake_server, capsys):
    assert cli.main(["serve", "--port", str(free_port())]) == 0
    assert fake_server.made[0].host == "127.0.0.1"
    assert "geen inlog" not in capsys.readouterr().err


def test_serve_on_another_address_warns_in_dutch_that_there_is_no_login(fake_server, capsys):
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", str(free_port())]) == 0
    assert fake_server.made[0].host == "0.0.0.0"
    err = capsys.readouterr().err
    assert "LET OP: smassist serve heeft geen inlog" in err


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_are_recognised(host):
    assert cli_serve.is_loopback(host)
    assert not cli_serve.is_loopback("0.0.0.0") and not cli_serve.is_loopback("192.168.1.10")


def test_a_port_in_use_is_a_one_line_dutch_error(capsys):
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"smassist: kan niet luisteren op 127.0.0.1:{port}") and "--port" in err
    assert len(err.strip().splitlines()) == 1


def test_a_broken_quiz_set_stops_serve_before_it_starts(fake_server, tmp_path, capsys):
    path = tmp_path / "reeks.yaml"
    path.write_text("cases: []\n", encoding="utf-8")
    assert cli.main(["serve", "--port", str(free_port()), "--quiz-set", str(path)]) == 1
    assert "quizreeks niet bruikbaar" in capsys.readouterr().err
    assert fake_server.made == []


def test_the_presenter_flag_and_the_quiz_set_reach_every_session(fake_server, tmp_path):
    path = tmp_path / "reeks.yaml"
    path.write_text('cases:\n  - "iets"\n', encoding="utf-8")
    assert cli.main(["serve", "--port", str(free_port()), "--presenter", "--quiz-set", str(path)]) == 0
    options = fake_server.made[0].options
    assert options["presenter"] is True and options["quiz_set"] == path.resolve()
    argv = cli_serve.session_argv(options["run_dir"], presenter=True, quiz_set=options["quiz_set"])
    assert argv[1:3] == ["-m", "smassist.serve_session"]
    assert argv[-3:] == ["--presenter", "--quiz-set", str(path.resolve())]


# -- a real server ----------------------------------------------------------------------------


@pytest.fixture
def server(tmp_path):
    with ServeProcess(tmp_path / "home") as running:
        yield running


def test_the_page_is_dutch_and_loads_nothing_from_other_sites(server):
    with urllib.request.urlopen(server.url, timeout=10) as response:
        page = response.read().decode("utf-8")
    assert '<html lang="nl">' in page and "wordt gestart" in page and "De sessie is gestopt." in page
    addresses = re.findall(r"(?:src|href|url)\s*=?\s*\(?\"([^\"]+)\"", page)
    assert len(addresses) == 4
    assert all(re.match(rf"(http|ws)://{HOST}:{server.port}/", a) for a in addresses)
    assert f"ws://{HOST}:{server.port}/ws" in addresses
    assert f"smassist draait op http://{HOST}:{server.port}" in server.output


async def test_each_session_has_its_own_home_and_leaves_nothing_behind(server, tmp_path):
    import aiohttp

    received = bytearray()
    async with aiohttp.ClientSession() as client:
        async with connect(client, server.port) as ws:
            async with asyncio.timeout(60):
                step = 0
                async for message in ws:
                    if message.type != aiohttp.WSMsgType.BINARY:
                        continue
                    received.extend(message.data)
                    shown = screen_text(bytes(received))
                    if step == 0 and START_SCREEN in shown:
                        await ws.send_json(["stdin", "\r"])  # choose "medewerker": remembered in the session's home
                        step = 1
                    elif step == 1 and "Welk protocol gebruikt je school?" in shown:
                        assert len(server.session_homes()) == 1
                        break
    # the server's own home holds no choices of a participant
    assert not (tmp_path / "home" / "config" / "preferences.json").exists()
    deadline = time.monotonic() + 30
    while server.session_homes() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert not server.session_homes()


# -- headless Chromium ---------------------------------------------------------------------------

# Records what the page's websocket receives, so the test can see the start screen arrive
# (xterm.js draws on a canvas: the DOM holds no text).
RECORD_WEBSOCKET = r"""
(() => {
  window.__smassistScreen = "";
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  function Recording(...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      if (event.data instanceof ArrayBuffer) {
        window.__smassistScreen += decoder.decode(event.data, {stream: true});
      }
    });
    return socket;
  }
  Recording.prototype = Native.prototype;
  Object.assign(Recording, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Recording;
})();
"""

PAGE_STATE = r"""
JSON.stringify({
  classes: document.body ? document.body.className : "",
  terminal: !!document.querySelector("#terminal .xterm"),
  screen: (window.__smassistScreen || "").replace(/\x1b\[[0-9;?<>=]*[ -\/]*[@-~]/g, ""),
})
"""


class Chromium:
    """Headless Chromium driven over the DevTools protocol (on loopback), with a fresh profile."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="smassist-chromium-")
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
             f"--user-data-dir={self.profile}", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
             "--window-size=1280,720", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        self.devtools = self._devtools_port()

    def _devtools_port(self) -> int:
        assert self.process.stderr is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stderr.readline().decode("utf-8", "replace")
            if not line and self.process.poll() is not None:
                break
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if found:
                return int(found.group(1))
        self.close()
        raise AssertionError("chromium did not start its DevTools endpoint")

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        shutil.rmtree(self.profile, ignore_errors=True)


async def open_in_chromium(browser: Chromium, url: str, timeout: float) -> tuple[dict, bytes]:
    """Open url, wait until the start screen has arrived and xterm.js drew it; the page state and a PNG."""
    import aiohttp

    async with aiohttp.ClientSession() as client:
        async with client.get(f"http://127.0.0.1:{browser.devtools}/json/list") as response:
            targets = await response.json()
        page = next(t for t in targets if t["type"] == "page")
        async with client.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            ids = iter(range(1, 1_000_000))

            async def call(method: str, **params) -> dict:
                number = next(ids)
                await ws.send_json({"id": number, "method": method, "params": params})
                async for message in ws:
                    data = json.loads(message.data)
                    if data.get("id") == number:
                        if "error" in data:
                            raise AssertionError(f"{method}: {data['error']}")
                        return data["result"]
                raise AssertionError("the DevTools connection closed")

            async with asyncio.timeout(timeout):
                await call("Page.enable")
                await call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_WEBSOCKET)
                await call("Page.navigate", url=url)
                while True:
                    result = await call("Runtime.evaluate", expression=PAGE_STATE, returnByValue=True)
                    state = json.loads(result["result"]["value"])
                    if "-first-byte" in state["classes"] and START_SCREEN in state["screen"] and state["terminal"]:
                        break
                    await asyncio.sleep(0.1)
                # let xterm.js paint the frame it received
                await call("Runtime.evaluate", awaitPromise=True,
                           expression="new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                shot = await call("Page.captureScreenshot", format="png")
    return state, base64.b64decode(shot["data"])


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
async def test_headless_chromium_opens_the_served_app_at_the_start_screen(server, tmp_path):
    browser = Chromium()
    try:
        state, png = await open_in_chromium(browser, server.url, timeout=90)
    finally:
        browser.close()
    assert "-first-byte" in state["classes"]  # textual.js received the session's first bytes
    for text in (START_SCREEN, "Protocol", "Onderwerpen"):
        assert text in state["screen"]
    assert png.startswith(b"\x89PNG") and len(png) > 10_000  # a drawn page, not an empty one
    (Path(SCREENSHOT) if SCREENSHOT else tmp_path / "serve.png").write_bytes(png)


def test_a_broken_quiz_set_stops_the_app_before_it_starts(tmp_path, capsys, monkeypatch):
    import smassist.tui.app as tui_app

    monkeypatch.setattr(tui_app, "run_app", lambda **options: pytest.fail("the app should not start"))
    path = tmp_path / "reeks.yaml"
    path.write_text("cases:\n  - 12\n", encoding="utf-8")
    assert cli.main(["--quiz-set", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("smassist: quizreeks niet bruikbaar:") and f"{path.resolve()}:2" in err


def test_the_app_gets_the_presenter_flag_and_the_quiz_set(tmp_path, monkeypatch):
    import smassist.tui.app as tui_app

    seen = {}
    monkeypatch.setattr(tui_app, "run_app", lambda **options: seen.update(options) or 0)
    path = tmp_path / "reeks.yaml"
    path.write_text('cases:\n  - "iets"\n', encoding="utf-8")
    assert cli.main(["--presenter", "--quiz-set", str(path)]) == 0
    assert seen == {"presenter": True, "quiz_set": path.resolve()}
