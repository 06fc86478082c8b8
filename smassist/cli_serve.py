"""`smassist serve`: the app in a browser through textual-serve, for training in a room.

Every browser tab that opens the page gets its own app process (textual-serve
starts one per websocket), and each process gets its own temporary home
folder: participants never see each other's choices or incident drafts, and
nothing a participant types is left behind when the tab closes. The school
profile is copied in, so the school's protocol and name are there.

The server listens on 127.0.0.1 (this computer only) unless --host says
otherwise; there is no login, so it then prints a warning. The page is our
own (Dutch, no fonts or scripts from elsewhere: a participant's browser only
talks to this server). Documents made in a browser session are downloaded
through the browser (see `smassist.tui.screens.document`).

`python -m smassist.cli_serve [--presenter] [--quiz-set FILE]` is the command
each session runs; it is not meant to be typed by hand.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from pathlib import Path

from smassist.cli import UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_FONT_SIZE = 16
NO_LOGIN_WARNING = (
    "LET OP: smassist serve heeft geen inlog. Iedereen die dit adres kan bereiken, kan de app gebruiken "
    "(ook incidentmeldingen maken en documenten downloaden). Gebruik dit alleen op een vertrouwd netwerk, "
    "tijdens de training, en stop de server daarna (Ctrl+C)."
)


def is_loopback(host: str) -> bool:
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_quiz_set(path_text: str) -> Path:
    """A quiz-set file that reads cleanly, as an absolute path (the sessions may run elsewhere)."""
    from smassist.core.problems import DataError
    from smassist.core.quiz import read_quiz_set

    path = Path(path_text).expanduser().resolve()
    try:
        read_quiz_set(path)
    except DataError as exc:
        raise UserError(f"quizreeks niet bruikbaar: {exc.problems[0]}") from None
    return path


def session_command(*, presenter: bool = False, quiz_set: Path | None = None) -> str:
    """The shell command textual-serve runs for every browser session."""
    argv = [sys.executable, "-m", "smassist.cli_serve"]
    if presenter:
        argv.append("--presenter")
    if quiz_set is not None:
        argv += ["--quiz-set", str(quiz_set)]
    return shlex.join(argv)


# -- the web page -----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <title>{{ application.name }}</title>
    <link rel="stylesheet" href="{{ config.static.url }}css/xterm.css" />
    <script src="{{ config.static.url }}js/textual.js"></script>
    <style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
      }
      html, body { margin: 0; height: 100%; background: #0c181f; }
      body { font-family: "Roboto Mono", menlo, monospace; color: rgba(255, 255, 255, 0.95); }
      .dialog-container {
        position: absolute; width: 100vw; height: 100vh; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }
      .intro {
        min-width: 420px; padding: 32px; font-size: 18px; text-align: center;
        background-color: #12232d; z-index: 20;
      }
      body.-first-byte .intro-dialog { display: none; }
      body .textual-terminal { opacity: 0; width: 100vw; height: 100vh; }
      body.-first-byte .textual-terminal { opacity: 1; transition: opacity 0.3s ease-out; }
      button {
        padding: 12px 28px; margin: 16px auto 0; display: block; border: none; cursor: pointer;
        background-color: #5e0ba7; color: #fff; font: inherit;
      }
      .closed-dialog { display: none; }
      body.-closed .closed-dialog { display: flex; }
      #start { display: none; }
      #start.-delay { display: block; }
    </style>
    <script>
      function getStartUrl() {
        const url = new URL(window.location.href);
        const params = new URLSearchParams(url.search);
        params.delete("delay");
        return url.pathname + "?" + params.toString();
      }
      async function refresh() {
        window.location.href = getStartUrl();
      }
    </script>
  </head>
  <body data-pingurl="">
    <div class="dialog-container intro-dialog">
      <div class="intro" id="intro">
        <div>{{ application.name }} wordt gestart…</div>
        <button type="button" onclick="refresh()" id="start">Starten</button>
      </div>
    </div>
    <div class="dialog-container closed-dialog">
      <div class="intro">
        <div>De sessie is gestopt.</div>
        <button type="button" onclick="refresh()">Opnieuw beginnen</button>
      </div>
    </div>
    <div id="terminal" class="textual-terminal"
         data-session-websocket-url="{{ app_websocket_url }}" data-font-size="{{ font_size }}"></div>
  </body>
</html>
"""


def make_server(host: str, port: int, *, presenter: bool = False, quiz_set: Path | None = None):
    """A textual-serve server with our page, Dutch messages and URLs taken from the browser's request."""
    import logging

    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server, to_int

    from smassist.tui.presenter import PRESENTER_FONT_SIZE

    font_size = PRESENTER_FONT_SIZE if presenter else DEFAULT_FONT_SIZE

    class SmassistServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            # our own page: Dutch, and nothing loaded from other sites
            aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": PAGE}), autoescape=True)
            return app

        def initialize_logging(self) -> None:
            super().initialize_logging()
            # requests (addresses of participants) are not written to the terminal
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

        async def on_startup(self, app: web.Application) -> None:
            print(f"smassist draait op {self.public_url}", flush=True)
            print("Open dit adres in een browser; elk tabblad is een eigen sessie. Stoppen: Ctrl+C.", flush=True)

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict:
            # The browser connects back to the address it used (works for 127.0.0.1 and a LAN address alike).
            base = f"{request.scheme}://{request.host}"
            websocket = ("wss://" if request.scheme == "https" else "ws://") + request.host
            return {
                "font_size": to_int(request.query.get("fontsize", str(font_size)), font_size),
                "app_websocket_url": websocket + str(request.app.router["websocket"].url_for()),
                "config": {"static": {"url": base + str(request.app.router["static"].url_for(filename="/")).rstrip("/") + "/"}},
                "application": {"name": "smassist"},
            }

    return SmassistServer(session_command(presenter=presenter, quiz_set=quiz_set), host=host, port=port,
                          title="smassist")


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        raise UserError("textual-serve ontbreekt; installeer smassist opnieuw (pip install smassist)") from None
    host = args.host or DEFAULT_HOST
    if not 0 < args.port < 65536:
        raise UserError(f"poort {args.port} bestaat niet; kies een getal van 1 tot 65535")
    quiz_set = check_quiz_set(args.quiz_set) if args.quiz_set else None
    if not is_loopback(host):
        print(NO_LOGIN_WARNING, file=sys.stderr, flush=True)
    _check_port_free(host, args.port)
    server = make_server(host, args.port, presenter=args.presenter, quiz_set=quiz_set)
    try:
        server.serve()
    except OSError as exc:
        raise UserError(f"kan niet luisteren op {host}:{args.port}: {exc.strerror or exc}") from None
    return 0


def _check_port_free(host: str, port: int) -> None:
    """Say plainly when the port is taken, before textual-serve prints a traceback."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise UserError(f"onbekend adres '{host}'; gebruik bijvoorbeeld 127.0.0.1 of 0.0.0.0") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UserError(f"kan niet luisteren op {host}:{port}: {exc.strerror or exc} "
                            "(kies een andere poort met --port)") from None


def register(sub) -> None:
    p = sub.add_parser("serve", help="de app in de browser, voor een training (elke deelnemer een eigen sessie)")
    p.add_argument("--host", help=f"adres om op te luisteren (standaard {DEFAULT_HOST}: alleen deze computer; "
                                  "0.0.0.0 voor het hele netwerk, zonder inlog)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"poort (standaard {DEFAULT_PORT})")
    p.add_argument("--presenter", action="store_true", help="presentatiethema en grotere letters in de browser")
    p.add_argument("--quiz-set", metavar="BESTAND", help="een vaste reeks quizgevallen voor alle deelnemers")
    p.set_defaults(func=cmd_serve)


# -- one browser session ------------------------------------------------------------------------------


def session_main(argv: list[str] | None = None) -> int:
    """Run the app for one browser session, in a temporary home of its own."""
    import shutil
    import signal
    import tempfile

    from smassist.core.paths import private_dir
    from smassist.core.profile import profile_path

    parser = argparse.ArgumentParser(prog="smassist-sessie")
    parser.add_argument("--presenter", action="store_true")
    parser.add_argument("--quiz-set")
    args = parser.parse_args(argv)
    # Ctrl+C in the server's terminal reaches the sessions too; the server ends them itself
    # (and a session whose browser is gone ends on its own), so a session never dies half-way
    # through removing its temporary home.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    profile = profile_path()
    with tempfile.TemporaryDirectory(prefix="smassist-sessie-") as home:
        os.environ["SMASSIST_HOME"] = home
        if profile.is_file():
            target = profile_path()
            private_dir(target.parent)
            shutil.copyfile(profile, target)
        from smassist.tui.app import run_app

        try:
            return run_app(presenter=args.presenter, quiz_set=Path(args.quiz_set) if args.quiz_set else None)
        finally:
            # Textual's web driver took SIGINT for itself and asyncio gave Python's handler back
            # on the way out: ignore it again while the temporary home is removed.
            signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    sys.exit(session_main())
