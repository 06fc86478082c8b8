"""`smassist serve --max-sessions N`: at most N sessions at once; past that a Dutch page and a
Dutch message in the tab, and room again once a tab closes. A real server on a free loopback port."""

from __future__ import annotations

import asyncio
import sys
import time

import aiohttp
import pytest

from smassist import cli, cli_serve
from smassist.serve_page import FULL_CLOSE_CODE
from tests.serve_sessions import START_SCREEN, ServeProcess, connect, free_port, wait_for_screen

FULL = "De training is vol"


async def get_page(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as client:
        async with client.get(url, timeout=aiohttp.ClientTimeout(total=20)) as response:
            return response.status, await response.text()


async def start_screen(ws) -> None:
    await ws.send_json(["resize", {"width": 80, "height": 24}])
    await wait_for_screen(ws, START_SCREEN, 60)


async def test_past_the_limit_a_tab_is_told_in_dutch_that_the_room_is_full(tmp_path):
    with ServeProcess(tmp_path / "home", "--max-sessions", "2") as server:
        assert "hoogstens 2" in server.output
        async with aiohttp.ClientSession() as client:
            async with connect(client, server.port) as one, connect(client, server.port) as two:
                await asyncio.gather(start_screen(one), start_screen(two))
                status, page = await get_page(server.url)
                assert status == 503 and FULL in page and "al 2 sessies open" in page
                async with connect(client, server.port) as third:
                    shown = await wait_for_screen(third, FULL, 20)
                    assert "al 2 sessies open" in shown
                    async with asyncio.timeout(20):
                        async for _ in third:
                            pass
                    assert third.close_code == FULL_CLOSE_CODE
                if sys.platform.startswith("linux"):  # processes read from /proc
                    assert len(server.session_pids()) == 2  # no process for the third tab
            # both tabs closed: their slots come free once their processes are gone
            deadline = time.monotonic() + 30
            while (await get_page(server.url))[0] != 200 and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            status, page = await get_page(server.url)
            assert status == 200 and FULL in page  # the page carries the "full" dialog for a late tab
            async with connect(client, server.port) as again:
                await start_screen(again)


class FakeServer:
    made: list = []

    def __init__(self, host, port, **options):
        self.options = options
        FakeServer.made.append(self)

    def serve(self):
        pass


def test_the_limit_is_forty_unless_given(monkeypatch):
    FakeServer.made = []
    monkeypatch.setattr(cli_serve, "make_server", FakeServer)
    assert cli.main(["serve", "--port", str(free_port())]) == 0
    assert cli.main(["serve", "--port", str(free_port()), "--max-sessions", "12"]) == 0
    assert [made.options["max_sessions"] for made in FakeServer.made] == [40, 12]


@pytest.mark.parametrize("value", ["0", "-3"])
def test_a_limit_below_one_is_a_one_line_dutch_error(value, capsys):
    assert cli.main(["serve", "--port", str(free_port()), "--max-sessions", value]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"smassist: --max-sessions {value} kan niet; kies 1 of meer"
