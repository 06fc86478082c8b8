"""`smassist serve` sessions end with their server and leave no folders: after `kill -9` of the
server its sessions end and remove their homes, the next start removes the dead server's run
folder but never a running server's, and an impatient Ctrl+C (pressed again and again) stops
everything cleanly. Real servers on free loopback ports (Linux: session processes read from /proc)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from tests.serve_sessions import START_SCREEN, ServeProcess, alive, connect, wait_for_screen

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads session processes from /proc")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its parent's reaping is left


async def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.1)
    return True


@contextlib.asynccontextmanager
async def sessions(server: ServeProcess, count: int):
    """count sessions at the start screen, kept open (their websockets may die with the server)."""
    async with aiohttp.ClientSession() as client, contextlib.AsyncExitStack() as stack:
        sockets = [await stack.enter_async_context(connect(client, server.port)) for _ in range(count)]
        for ws in sockets:
            await ws.send_json(["resize", {"width": 80, "height": 24}])
        await asyncio.gather(*(wait_for_screen(ws, START_SCREEN, 90) for ws in sockets))
        yield sockets


async def test_after_kill_9_sessions_end_and_the_next_start_cleans_only_dead_servers(tmp_path):
    tmp = tmp_path / "tmp"
    with ServeProcess(tmp_path / "running", tmp=tmp) as running:
        async with sessions(running, 1):
            [running_home] = running.session_homes()
            with ServeProcess(tmp_path / "killed", tmp=tmp) as killed:
                async with sessions(killed, 2):
                    pids = killed.session_pids()
                    homes = [h for h in killed.session_homes() if h != running_home]
                    assert len(pids) == 2 and len(homes) == 2
                    [dead_run] = {home.parent for home in homes}
                    os.kill(killed.process.pid, signal.SIGKILL)
                    killed.process.wait(timeout=10)
                    # the sessions notice their server is gone, end, and remove their homes
                    assert await wait_until(lambda: not any(alive(pid) for pid in pids), 30), pids
                    assert await wait_until(lambda: not any(home.exists() for home in homes), 10), homes
            assert dead_run.is_dir()  # nobody was left to remove the run folder itself
            with ServeProcess(tmp_path / "next", tmp=tmp) as following:
                assert not dead_run.exists()  # removed at the next start...
                assert running_home.is_dir()  # ...but a running server's session is left alone
                assert len(list(tmp.glob("smassist-serve-*"))) == 2  # the running one and the new one
                async with sessions(following, 1):
                    pass
            assert running_home.is_dir() and running.process.poll() is None


async def test_repeated_ctrl_c_ends_server_and_sessions_without_errors_or_leftovers(tmp_path):
    server = ServeProcess(tmp_path / "home")
    with server:
        async with sessions(server, 3):
            pids = server.session_pids()
            assert len(pids) == 3
            # Ctrl+C in the server's terminal reaches the server only: the server ends its sessions in
            # order; a signal of their own during their teardown is what printed
            # "OSError: [Errno 9] Bad file descriptor" (asyncio's wakeup fd, already closed).
            group = os.getpgid(server.process.pid)
            assert all(os.getpgid(pid) != group for pid in pids)
            # An impatient trainer keeps pressing it until the server has ended, so a Ctrl+C also
            # lands during the final cleanup (after the event loop closed), where it once killed
            # the server and left its run folder behind.
            deadline = asyncio.get_running_loop().time() + 60
            while server.process.poll() is None and asyncio.get_running_loop().time() < deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.process.pid, signal.SIGINT)
                await asyncio.sleep(0.01)
            assert server.process.poll() is not None, server.output
    assert server.process.returncode == 0, server.output
    assert "Traceback" not in server.output and "Exception ignored" not in server.output, server.output
    assert "smassist stopt" in server.output
    assert not any(alive(pid) for pid in pids)
    assert list(server.tmp.iterdir()) == []  # run folder and every session's home removed



async def test_closing_the_terminal_stops_the_server_in_order(tmp_path):
    server = ServeProcess(tmp_path / "home")
    with server:
        async with sessions(server, 1):
            pids = server.session_pids()
            os.kill(server.process.pid, signal.SIGHUP)  # the terminal window was closed
            assert await wait_until(lambda: server.process.poll() is not None, 60), server.output
    assert server.process.returncode == 0, server.output
    assert not any(alive(pid) for pid in pids)
    assert list(server.tmp.iterdir()) == []


# -- one session process, without a server --------------------------------------------------------


def start_session(run_dir: Path, home: Path, *, stdin):
    """A session process as the server starts it (its stdout: read_until_up)."""
    import subprocess

    return subprocess.Popen([sys.executable, "-m", "smassist.serve_session", "--run-dir", str(run_dir)],
                            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, SMASSIST_HOME=str(home)))


def read_until_up(process, timeout: float = 60) -> None:
    import selectors

    seen = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while b"__GANGLION__" not in seen:
            assert time.monotonic() < deadline and process.poll() is None, seen[-300:]
            if selector.select(0.1):
                seen += os.read(process.stdout.fileno(), 65536)


def run_folder(tmp_path: Path) -> Path:
    from smassist.serve_session import new_run_dir

    run_dir, lock = new_run_dir(tmp_path)
    os.close(lock)  # the server is gone; its sessions still hold the folder while they run
    return run_dir


def test_a_session_whose_input_ends_ends_and_removes_its_home(tmp_path):
    import subprocess

    run_dir = run_folder(tmp_path)
    session = start_session(run_dir, tmp_path / "home", stdin=subprocess.PIPE)
    try:
        read_until_up(session)
        assert len(list(run_dir.glob("sessie-*"))) == 1
        session.stdin.close()  # what the kernel does when the server dies, on every platform
        session.wait(timeout=30)
    finally:
        if session.poll() is None:
            session.kill()
            session.wait()
    assert list(run_dir.glob("sessie-*")) == []


def test_a_session_ends_when_its_server_dies_even_if_its_input_stays_open(tmp_path):
    """Linux: the kernel's SIGTERM (PR_SET_PDEATHSIG) ends it, not the end of its input."""
    import subprocess

    run_dir = run_folder(tmp_path)
    read_end, write_end = os.pipe()  # this test keeps the input open
    # a stand-in server: starts the session and waits to be killed
    server = subprocess.Popen([sys.executable, "-c", (
        "import os, subprocess, sys, time\n"
        f"p = subprocess.Popen([sys.executable, '-m', 'smassist.serve_session', '--run-dir', {str(run_dir)!r},"
        " '--server-pid', str(os.getpid())], stdin=int(sys.argv[1]), pass_fds=(int(sys.argv[1]),),"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(p.pid, flush=True)\ntime.sleep(600)\n"), str(read_end)],
        pass_fds=(read_end,), stdout=subprocess.PIPE, env=dict(os.environ, SMASSIST_HOME=str(tmp_path / "home")))
    os.close(read_end)
    try:
        pid = int(server.stdout.readline())
        deadline = time.monotonic() + 60
        while not list(run_dir.glob("sessie-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(run_dir.glob("sessie-*")) and alive(pid)
        server.kill()
        server.wait(timeout=10)
        deadline = time.monotonic() + 30
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(pid)
        assert list(run_dir.glob("sessie-*")) == []
    finally:
        os.close(write_end)
        if server.poll() is None:
            server.kill()
            server.wait()
