"""The web server of `smassist serve`: textual-serve with our page, our rules and our session processes.

What it adds to textual-serve's `Server` (textual_serve/server.py):
- only the server's own page may open a session: a websocket needs an Origin
  equal to the address the browser used, any request with a foreign Origin is
  refused, and the Host must be an address of this server (no DNS rebinding);
  the page may not be framed by another site;
- at most `max_sessions` sessions at once; past that a Dutch page (and, for a
  tab that connects anyway, a Dutch line in its terminal) says the room is full;
- sessions are started without a shell, in a process group of their own (a
  Ctrl+C in the terminal reaches the server only), and on shutdown the server
  asks each to quit and waits until its process is gone, so every session
  removes its own temporary home;
- `/static/` lists no folders; English log lines stay out of the trainer's terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import shlex
import signal
import socket
import sys
from collections.abc import Callable

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int
from yarl import URL

from smassist.serve_page import FULL_ADVICE, FULL_CLOSE_CODE, FULL_PAGE, PAGE, full_message, full_text

QUIT_TIMEOUT = 10.0  # seconds a session gets to quit before it is killed
REFUSED = "Geweigerd: {reason}. Open smassist via het adres dat de trainer noemt."
HTTP_ERRORS = {  # aiohttp's own texts are English
    400: "Deze aanvraag is niet te lezen.",
    403: "Geen toegang.",
    404: "Deze pagina bestaat niet (meer).",
    405: "Dat kan op dit adres niet.",
}


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        return False
    return True


def host_checker(bind_host: str, loopback: bool) -> Callable[[str], bool]:
    """Which Host names reach this server: loopback names only when it listens on loopback,
    otherwise IP addresses and this computer's own names (a web page's own domain, pointed at
    this computer by DNS rebinding, is refused)."""
    if loopback:
        return lambda name: name == "localhost" or (_is_ip(name) and ipaddress.ip_address(name.split("%")[0]).is_loopback)
    own = {"localhost", bind_host.casefold()}
    for name in (socket.gethostname(), socket.getfqdn()):
        name = name.casefold()
        own |= {name, name.split(".")[0], name.split(".")[0] + ".local"}
    return lambda name: _is_ip(name) or name in own


def refusal(request: web.BaseRequest, host_ok: Callable[[str], bool]) -> str | None:
    """Why this request may not reach the app (in Dutch), or None."""
    try:
        own = URL(f"{request.scheme}://{request.host}")
    except ValueError:
        own = None
    if own is None or not own.host or not host_ok(own.host.casefold()):
        return "dit adres hoort niet bij deze server"
    origin = request.headers.get("Origin")
    if origin is None:
        # Browsers always send Origin with a websocket; only a page of ours may open a session.
        if request.headers.get("Upgrade", "").casefold() == "websocket":
            return "een sessie kan alleen vanaf de pagina van deze server worden geopend"
        return None
    try:
        theirs = URL(origin)
    except ValueError:
        theirs = None
    if theirs is None or (theirs.scheme, theirs.host, theirs.port) != (own.scheme, own.host, own.port):
        return "deze aanvraag komt van een andere website"
    return None


class _OneDutchLine(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        print("let op: een aanvraag aan de server ging mis (de sessies lopen door)", file=sys.stderr, flush=True)


class SessionService(AppService):
    """One session process: started without a shell, in its own process group."""

    def __init__(self, argv: list[str], **options) -> None:
        super().__init__(shlex.join(argv), **options)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    async def end(self, timeout: float = QUIT_TIMEOUT) -> None:
        """Ask the session to quit and wait until its process is gone (killed after timeout)."""
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            process.kill()
            await process.wait()
        if self._task is not None:  # textual-serve's stop(), without writing to a process that is gone
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
            task, self._task = self._task, None
            await task


class SmassistServer(Server):
    def __init__(self, argv: list[str], *, host: str, port: int, public_url: str, font_size: int,
                 max_sessions: int, loopback: bool, announce: Callable[[], None]) -> None:
        super().__init__(shlex.join(argv), host=host, port=port, title="smassist", public_url=public_url)
        self.argv = argv
        self.font_size = font_size
        self.max_sessions = max_sessions
        self.sessions: set[SessionService] = set()
        self.stopping = False
        self.host_ok = host_checker(host, loopback)
        self.announce = announce

    def initialize_logging(self) -> None:
        # Neither participants' addresses (aiohttp.access) nor textual-serve's English messages
        # are written to the trainer's terminal; a failing session's own output still is.
        logging.getLogger("aiohttp.access").setLevel(logging.CRITICAL)
        logging.getLogger("textual-serve").setLevel(logging.CRITICAL)
        # A malformed request (a port scanner, a curious pupil) is one Dutch line, not a traceback.
        server_log = logging.getLogger("aiohttp")
        server_log.addHandler(_OneDutchLine(logging.ERROR))
        server_log.propagate = False

    def request_exit(self) -> None:
        if self.stopping:
            return  # a second Ctrl+C while the sessions are being closed
        self.stopping = True
        # From the first Ctrl+C on, further ones are ignored for good: closing the loop would put
        # Python's default handler back, and a Ctrl+C arriving after that (an impatient trainer)
        # killed the server mid-cleanup, leaving its run folder behind. Shutdown is bounded by
        # each session's QUIT_TIMEOUT, so nothing needs a second Ctrl+C.
        with contextlib.suppress(AttributeError, NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGINT)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("smassist stopt: de sessies worden afgesloten…", flush=True)
        raise GracefulExit()

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.same_origin_only])
        # our own page: Dutch, and nothing loaded from other sites
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": PAGE, "vol.html": FULL_PAGE}),
                             autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.on_response_prepare.append(self._protect)
        return app

    @web.middleware
    async def same_origin_only(self, request: web.Request, handler) -> web.StreamResponse:
        reason = refusal(request, self.host_ok)
        if reason is not None:
            return web.Response(status=403, text=REFUSED.format(reason=reason), charset="utf-8")
        try:
            return await handler(request)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            return web.Response(status=exc.status, text=HTTP_ERRORS.get(exc.status, "Er ging iets mis."),
                                charset="utf-8")

    async def _protect(self, request: web.Request, response: web.StreamResponse) -> None:
        # no framing by another site (a click-jacking page would be same-origin inside its frame)
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"

    async def on_startup(self, app: web.Application) -> None:
        # Closing the terminal window (SIGHUP) stops the server in order too, like Ctrl+C.
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.request_exit)
        except (AttributeError, NotImplementedError, RuntimeError):
            pass  # Windows
        self.announce()

    async def on_shutdown(self, app: web.Application) -> None:
        self.stopping = True
        await asyncio.gather(*(session.end() for session in list(self.sessions)), return_exceptions=True)

    def full(self) -> bool:
        return self.stopping or len(self.sessions) >= self.max_sessions

    def _full_texts(self) -> dict[str, str]:
        return {"full_message": full_message(self.max_sessions), "full_advice": FULL_ADVICE}

    async def handle_index(self, request: web.Request) -> web.Response:
        if self.stopping:
            return web.Response(status=503, text="smassist stopt.", charset="utf-8")
        if self.full():
            return aiohttp_jinja2.render_template("vol.html", request, self._full_texts(), status=503)
        # The browser connects back to the address it used (works for 127.0.0.1 and a LAN address alike).
        base = f"{request.scheme}://{request.host}"
        websocket = ("wss://" if request.scheme == "https" else "ws://") + request.host
        static = str(request.app.router["static"].url_for(filename="/")).rstrip("/") + "/"
        return aiohttp_jinja2.render_template("app_index.html", request, {
            "font_size": to_int(request.query.get("fontsize", str(self.font_size)), self.font_size),
            "app_websocket_url": websocket + str(request.app.router["websocket"].url_for()),
            "config": {"static": {"url": base + static}},
            "application": {"name": "smassist"},
            "full_close_code": FULL_CLOSE_CODE,
            **self._full_texts(),
        })

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        if self.full():
            await websocket.send_bytes(full_text(self.max_sessions).encode("utf-8"))
            await websocket.close(code=FULL_CLOSE_CODE, message=b"vol")
            return websocket
        session = SessionService(self.argv, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close, download_manager=self.download_manager)
        self.sessions.add(session)  # counted until its process is gone
        try:
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:
            pass  # the session's own output already went to the terminal
        finally:
            try:
                await asyncio.shield(session.end())
            finally:
                self.sessions.discard(session)
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, session: AppService) -> None:
        """textual-serve's message loop, but a malformed message is ignored instead of ending the session."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = message.json()
                if kind == "stdin":
                    await session.send_bytes(data.encode("utf-8"))
                elif kind == "resize":
                    await session.set_terminal_size(int(data["width"]), int(data["height"]))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await session.blur()
                elif kind == "focus":
                    await session.focus()
            except (ValueError, TypeError, KeyError, AttributeError):
                continue
