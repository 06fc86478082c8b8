"""One browser session of `smassist serve`, and the temporary folders the sessions live in.

Every server has a run folder (`<tmp>/smassist-serve-XXXX`, 0700) that holds one
temporary home per session (`sessie-XXXX`). The server and each of its sessions
hold a shared lock on the run folder's lock file for as long as they live, so
a later server can tell a dead server's folder (no lock held: removed at its
start) from a running server's (locked: never touched), even after `kill -9`.

A session ends when its server ends: the server asks it to quit (also on
Ctrl+C), and if the server is killed outright the session sees its input end
(the driver in `smassist.serve_driver`) and, on Linux, gets SIGTERM from the
kernel (PR_SET_PDEATHSIG). Sessions run in a process group of their own, so a
Ctrl+C in the server's terminal reaches the server only; the server then ends
them in order (see `smassist.serve_web`).

`python -m smassist.serve_session --run-dir DIR --server-pid PID [--presenter]
[--quiz-set FILE]` is the command the server runs per session; it is not
meant to be typed by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import stat
import sys
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no locks, so no cleaning of other servers' folders either
    fcntl = None  # type: ignore[assignment]

RUN_PREFIX = "smassist-serve-"
LOCK_NAME = "in-gebruik.lock"
SESSION_PREFIX = "sessie-"
STARTING_GRACE = 60.0  # seconds a run folder without a lock file is left alone (its server is starting)
DRIVER = "smassist.serve_driver:SessionDriver"


# -- run folders ---------------------------------------------------------------------------------


def new_run_dir(tmp: Path | None = None) -> tuple[Path, int]:
    """A fresh run folder for this server and the descriptor that holds its lock (keep it open)."""
    path = Path(tempfile.mkdtemp(prefix=RUN_PREFIX, dir=tmp))
    # Locked before it gets its name, so a cleaner never sees an unlocked lock file of a live server.
    staging = path / f".{LOCK_NAME}.nieuw"
    descriptor = os.open(staging, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    if fcntl is not None:
        fcntl.flock(descriptor, fcntl.LOCK_SH)
    os.replace(staging, path / LOCK_NAME)
    return path, descriptor


def join_run_dir(run_dir: Path) -> int | None:
    """Hold a shared lock on run_dir for this session's life; None when the folder is gone or being removed."""
    try:
        descriptor = os.open(run_dir / LOCK_NAME, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    if fcntl is not None:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            return None
    return descriptor


def remove_stale_run_dirs(tmp: Path | None = None) -> int:
    """Remove the run folders of servers that are gone (no server or session holds the lock); how many."""
    if fcntl is None:
        return 0
    removed = 0
    for path in Path(tmp or tempfile.gettempdir()).glob(RUN_PREFIX + "*"):
        try:
            info = path.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        try:
            descriptor = os.open(path / LOCK_NAME, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            if time.time() - info.st_mtime > STARTING_GRACE:
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
            continue
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a server or one of its sessions is still running
        else:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
        finally:
            os.close(descriptor)
    return removed


# -- one session ---------------------------------------------------------------------------------


def _end_with_parent(server_pid: int | None) -> None:
    """Have the kernel send SIGTERM when the server dies (Linux); exit now if it already has."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # the end of stdin still ends the session (smassist.serve_driver)
    if server_pid is not None and os.getppid() != server_pid:
        raise SystemExit(0)


def _stop(signum, frame) -> None:
    raise SystemExit(0)


def session_main(argv: list[str] | None = None) -> int:
    """Run the app for one browser session, in a temporary home of its own inside the server's run folder."""
    parser = argparse.ArgumentParser(prog="smassist-sessie")
    parser.add_argument("--run-dir", required=True)
    parser.add_argument("--server-pid", type=int)
    parser.add_argument("--presenter", action="store_true")
    parser.add_argument("--quiz-set")
    args = parser.parse_args(argv)
    # The server ends its sessions itself; a stray Ctrl+C must never cut one off half-way.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Until the app's driver takes SIGTERM over: end through the `with` below, so the home is removed.
    signal.signal(signal.SIGTERM, _stop)
    _end_with_parent(args.server_pid)
    run_dir = Path(args.run_dir)
    lock = join_run_dir(run_dir)
    if lock is None:
        return 1
    from smassist.core.paths import private_dir
    from smassist.core.private_files import write_private
    from smassist.core.profile import profile_path

    profile = profile_path()
    try:
        with tempfile.TemporaryDirectory(prefix=SESSION_PREFIX, dir=run_dir) as home:
            os.environ["SMASSIST_HOME"] = home
            copied = _profile_bytes(profile)
            if copied is not None:
                target = profile_path()
                private_dir(target.parent)
                write_private(target, copied)
            # read by Textual when it is first imported, i.e. just below
            os.environ["TEXTUAL_DRIVER"] = DRIVER
            from smassist.tui.app import run_app

            try:
                return run_app(presenter=args.presenter, quiz_set=Path(args.quiz_set) if args.quiz_set else None)
            finally:
                # asyncio gave SIGTERM back to the default (die at once) when the app's loop closed:
                # the home is removed first.
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
    finally:
        os.close(lock)


def _profile_bytes(profile: Path) -> bytes | None:
    """The trainer's profile for a session's copy, read like every user file (no FIFO, no 2 GiB read).

    A profile that cannot be read is left out: the session starts without one, as the trainer's
    own app would after reporting the file.
    """
    from smassist.core.problems import DataError
    from smassist.core.user_files import read_bytes

    if not profile.exists():
        return None
    try:
        return read_bytes(profile)
    except DataError:
        return None


if __name__ == "__main__":
    sys.exit(session_main())

