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

Only the server's own page can open sessions (`smassist.serve_web`), at most
--max-sessions at once. Sessions live in a run folder that is removed when
the server stops and, after a crash or `kill -9`, at the next start
(`smassist.serve_session`, which is also the command each session runs).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from smassist.cli import UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_FONT_SIZE = 16
DEFAULT_MAX_SESSIONS = 40  # a training room; every session is a Python process of ~100 MB
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


def session_argv(run_dir: Path, *, presenter: bool = False, quiz_set: Path | None = None) -> list[str]:
    """The command textual-serve runs (without a shell) for every browser session."""
    argv = [sys.executable, "-m", "smassist.serve_session", "--run-dir", str(run_dir), "--server-pid", str(os.getpid())]
    if presenter:
        argv.append("--presenter")
    if quiz_set is not None:
        argv += ["--quiz-set", str(quiz_set)]
    return argv


def url(host: str, port: int) -> str:
    """The address to open for host: a wildcard becomes this computer, IPv6 goes in brackets."""
    name = host.strip("[]")
    name = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(name, name)
    try:
        version = ipaddress.ip_address(name.split("%")[0]).version
    except ValueError:
        version = 4
    if version == 6:
        name = "[" + name.replace("%", "%25") + "]"
    return f"http://{name}:{port}"


def network_urls(host: str, port: int) -> list[str]:
    """For a wildcard address: the addresses participants on the network can use (from this computer's name)."""
    import socket

    if host.strip("[]") not in ("0.0.0.0", "::"):
        return []
    family = socket.AF_INET if host == "0.0.0.0" else socket.AF_UNSPEC
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family, socket.SOCK_STREAM)
    except OSError:
        return []
    found = dict.fromkeys(url(info[4][0], port) for info in infos if not is_loopback(info[4][0]))
    return list(found)


def make_server(host: str, port: int, *, run_dir: Path, presenter: bool = False, quiz_set: Path | None = None,
                max_sessions: int = DEFAULT_MAX_SESSIONS):
    """The textual-serve server for `smassist serve` (see `smassist.serve_web`)."""
    from smassist.serve_web import SmassistServer
    from smassist.tui.presenter import PRESENTER_FONT_SIZE

    def announce() -> None:
        print(f"smassist draait op {url(host, port)}", flush=True)
        others = network_urls(host, port)
        if others:
            print(f"Deelnemers in het netwerk: {', '.join(others)}", flush=True)
        print(f"Open dit adres in een browser; elk tabblad is een eigen sessie (hoogstens {max_sessions}). "
              "Stoppen: Ctrl+C.", flush=True)

    return SmassistServer(session_argv(run_dir, presenter=presenter, quiz_set=quiz_set), host=host, port=port,
                          public_url=url(host, port), font_size=PRESENTER_FONT_SIZE if presenter else DEFAULT_FONT_SIZE,
                          max_sessions=max_sessions, loopback=is_loopback(host), announce=announce)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        raise UserError("textual-serve ontbreekt; installeer smassist opnieuw (pip install smassist)") from None
    host = args.host or DEFAULT_HOST
    if not 0 < args.port < 65536:
        raise UserError(f"poort {args.port} bestaat niet; kies een getal van 1 tot 65535")
    if args.max_sessions < 1:
        raise UserError(f"--max-sessions {args.max_sessions} kan niet; kies 1 of meer")
    quiz_set = check_quiz_set(args.quiz_set) if args.quiz_set else None
    if not is_loopback(host):
        print(NO_LOGIN_WARNING, file=sys.stderr, flush=True)
    _check_port_free(host, args.port)
    from smassist.serve_session import new_run_dir, remove_stale_run_dirs

    remove_stale_run_dirs()
    run_dir, lock = new_run_dir()
    try:
        server = make_server(host, args.port, run_dir=run_dir, presenter=args.presenter, quiz_set=quiz_set,
                             max_sessions=args.max_sessions)
        server.serve()
    except OSError as exc:
        raise UserError(f"kan niet luisteren op {host}:{args.port}: {exc.strerror or exc}") from None
    finally:
        import shutil

        os.close(lock)
        shutil.rmtree(run_dir, ignore_errors=True)
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
    p.add_argument("--host", metavar="ADRES", help=f"adres om op te luisteren (standaard {DEFAULT_HOST}: alleen deze computer; "
                                  "0.0.0.0 of :: voor het hele netwerk, zonder inlog)")
    p.add_argument("--port", metavar="POORT", type=int, default=DEFAULT_PORT, help=f"poort (standaard {DEFAULT_PORT})")
    p.add_argument("--presenter", action="store_true", help="presentatiethema en grotere letters in de browser")
    p.add_argument("--quiz-set", metavar="BESTAND", help="een vaste reeks quizgevallen voor alle deelnemers")
    p.add_argument("--max-sessions", metavar="AANTAL", type=int, default=DEFAULT_MAX_SESSIONS,
                   help=f"hoeveel sessies (tabbladen) tegelijk open mogen zijn (standaard {DEFAULT_MAX_SESSIONS})")
    p.set_defaults(func=cmd_serve)
