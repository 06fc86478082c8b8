"""`smassist serve` lets no other web page in: a real server on a free loopback port, driven with
aiohttp as a browser would (Origin and Host headers); no folder listings; the profile copy is
private; IPv6 addresses are printed as valid URLs."""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import time

import aiohttp
import pytest

from smassist import cli_serve
from tests.serve_sessions import HOST, START_SCREEN, ServeProcess, connect, wait_for_screen


@pytest.fixture
def server(tmp_path):
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "profile.yaml").write_text("school: De Vonk\n", encoding="utf-8")
    with ServeProcess(home) as running:
        yield running


async def websocket_status(port: int, headers: dict[str, str]) -> int:
    """The HTTP status the websocket handshake got (101 when a session was opened)."""
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(f"ws://{HOST}:{port}/ws", headers=headers,
                                         timeout=aiohttp.ClientWSTimeout(ws_close=2)):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict]:
    async with aiohttp.ClientSession() as client:
        async with client.get(url, headers=headers or {}, timeout=aiohttp.ClientTimeout(total=20)) as response:
            return response.status, await response.text(), dict(response.headers)


async def test_a_websocket_from_another_website_is_refused(server):
    for origin in ("http://evil.example", f"http://evil.example:{server.port}", "null",
                   f"https://{HOST}:{server.port}", f"http://{HOST}:{server.port + 1}"):
        assert await asyncio.wait_for(websocket_status(server.port, {"Origin": origin}), 20) == 403, origin
    assert server.session_pids() == []  # no session process was started for any of them


async def test_a_websocket_without_origin_is_refused(server):
    assert await asyncio.wait_for(websocket_status(server.port, {}), 20) == 403
    assert server.session_pids() == []


async def test_the_page_s_own_origin_opens_a_session(server):
    async with aiohttp.ClientSession() as client:
        async with connect(client, server.port) as ws:
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            assert START_SCREEN in await wait_for_screen(ws, START_SCREEN, 60)


async def test_http_requests_from_another_website_are_refused_in_dutch(server):
    status, text, _ = await get(server.url, {"Origin": "http://evil.example"})
    assert status == 403 and text.startswith("Geweigerd: deze aanvraag komt van een andere website")
    # the page itself opens without Origin (typing the address, curl) and with its own
    assert (await get(server.url))[0] == 200
    assert (await get(server.url, {"Origin": server.origin}))[0] == 200


async def test_a_foreign_host_name_is_refused_against_dns_rebinding(server):
    # A page on evil.example whose name is pointed at 127.0.0.1 sends Host and Origin evil.example.
    rebound = f"evil.example:{server.port}"
    status, text, _ = await get(server.url, {"Host": rebound})
    assert status == 403 and "hoort niet bij deze server" in text
    assert await websocket_status(server.port, {"Host": rebound, "Origin": f"http://{rebound}"}) == 403
    assert (await get(server.url, {"Host": f"localhost:{server.port}"}))[0] == 200


async def test_the_page_may_not_be_framed_by_another_site(server):
    _, _, headers = await get(server.url)
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


async def test_static_files_are_served_but_folders_are_not_listed(server):
    assert (await get(server.url + "static/js/textual.js"))[0] == 200
    for folder in ("static/", "static/js/", "static/fonts/"):
        status, text, _ = await get(server.url + folder)
        assert status == 403 and "textual.js" not in text and ".ttf" not in text, folder


async def test_the_profile_copy_in_a_session_is_readable_by_the_user_only(server):
    async with aiohttp.ClientSession() as client:
        async with connect(client, server.port) as ws:
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            await wait_for_screen(ws, START_SCREEN, 60)
            [home] = server.session_homes()
            copy = home / "config" / "profile.yaml"
            assert copy.read_text(encoding="utf-8") == "school: De Vonk\n"
            assert stat.S_IMODE(copy.stat().st_mode) == 0o600
            assert stat.S_IMODE(home.stat().st_mode) == 0o700
            assert stat.S_IMODE(home.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(("host", "expected"), [
    ("::", "http://[::1]:8000"), ("::1", "http://[::1]:8000"), ("[::1]", "http://[::1]:8000"),
    ("fe80::1%eth0", "http://[fe80::1%25eth0]:8000"), ("0.0.0.0", "http://127.0.0.1:8000"),
    ("192.168.1.10", "http://192.168.1.10:8000"), ("localhost", "http://localhost:8000"),
])
def test_addresses_are_printed_as_urls_a_browser_opens(host, expected):
    assert cli_serve.url(host, 8000) == expected


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="this machine has no IPv6 loopback")
def test_serve_on_ipv6_prints_a_valid_url_and_answers_there(tmp_path):
    with socket.socket(socket.AF_INET6) as probe:
        probe.bind(("::1", 0))
        port = probe.getsockname()[1]
    with ServeProcess(tmp_path / "home", host="::1", port=port) as running:
        deadline = time.monotonic() + 20
        while "draait op" not in running.output and time.monotonic() < deadline:
            time.sleep(0.05)
        assert f"smassist draait op http://[::1]:{port}" in running.output
        status, text, _ = asyncio.run(get(f"http://[::1]:{port}/"))
        assert status == 200 and f"ws://[::1]:{port}/ws" in text
        asyncio.run(open_ipv6_session(port))


async def open_ipv6_session(port: int) -> None:
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(f"ws://[::1]:{port}/ws", headers={"Origin": f"http://[::1]:{port}"}) as ws:
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            await wait_for_screen(ws, START_SCREEN, 60)


async def test_errors_are_answered_in_dutch(server):
    for path, status, text in (("static/", 403, "Geen toegang."), ("static/js/", 403, "Geen toegang."),
                               ("download/onbekend", 404, "Deze pagina bestaat niet (meer)."),
                               ("nergens", 404, "Deze pagina bestaat niet (meer).")):
        assert (await get(server.url + path))[:2] == (status, text), path


async def test_a_garbled_message_from_a_tab_neither_ends_its_session_nor_prints_a_traceback(server):
    async with aiohttp.ClientSession() as client:
        async with connect(client, server.port) as ws:
            for junk in ("geen json", "[]", '{"a": 1}', '["stdin"]', '["stdin", 5]', '["resize", {"width": "x"}]',
                         '["resize", null]'):
                await ws.send_str(junk)
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            assert START_SCREEN in await wait_for_screen(ws, START_SCREEN, 60)
    assert "Traceback" not in server.output, server.output


def test_a_malformed_request_is_one_dutch_line_in_the_terminal_not_a_traceback(server):
    with socket.create_connection((HOST, server.port), timeout=10) as raw:
        raw.sendall(f"GET / HTTP/1.1\r\nHost: {HOST}:{server.port}\r\nContent-Length: abc\r\n\r\n".encode())
        assert raw.recv(100).startswith(b"HTTP/1.")
    deadline = time.monotonic() + 20
    while "ging mis" not in server.output and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "let op: een aanvraag aan de server ging mis" in server.output
    assert "Traceback" not in server.output, server.output


def test_a_session_copies_no_oversized_or_special_profile(tmp_path):
    """A session copies the trainer's profile like any user file: a huge or special file is left out, never read whole."""
    from smassist.serve_session import _profile_bytes

    huge = tmp_path / "profile.yaml"
    with huge.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk, but reading it whole would cost 64 MB
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    good = tmp_path / "good.yaml"
    good.write_text("school_name: De Regenboog\n")
    assert _profile_bytes(huge) is None
    assert _profile_bytes(pipe) is None
    assert _profile_bytes(tmp_path / "missing.yaml") is None
    assert _profile_bytes(good) == b"school_name: De Regenboog\n"
