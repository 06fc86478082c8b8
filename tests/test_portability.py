"""smassist runs on the Windows laptops many schools have: no POSIX-only call without a guard.

A POSIX-only module (fcntl, termios, pwd, ...) or function (os.getuid, os.fchmod, ...)
may be used only where Windows cannot reach it: inside a `try` (that catches the
ImportError/AttributeError), under an `if` about the platform or the name's existence,
or after an early `return` on such a test in the same function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).parents[1] / "smassist"

POSIX_MODULES = {"fcntl", "termios", "tty", "pwd", "grp", "resource", "pty", "posix", "syslog", "crypt"}
POSIX_ATTRIBUTES = {
    "os": {"getuid", "geteuid", "getgid", "getegid", "fchmod", "fchown", "chown", "lchown", "fork", "forkpty",
           "setsid", "killpg", "getpgid", "setpgid", "getpgrp", "mkfifo", "mknod", "O_NOFOLLOW", "O_DIRECTORY",
           "sysconf", "statvfs", "uname", "getloadavg", "WNOHANG", "wait3", "wait4"},
    "signal": {"SIGHUP", "SIGKILL", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGPIPE", "SIGQUIT", "alarm",
               "setitimer", "pause", "siginterrupt"},
}
GUARD_WORDS = ("os.name", "sys.platform", "platform.", "hasattr", "getattr", "is None", "is not None", "WINDOWS",
               "POSIX", "fcntl", "termios")


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _is_guard(test: ast.AST) -> bool:
    text = ast.unparse(test)
    return any(word in text for word in GUARD_WORDS)


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.Try) and child in parent.body:
            return True
        if isinstance(parent, (ast.If, ast.IfExp)) and _is_guard(parent.test):
            return True
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
            for statement in parent.body:
                if statement is child:
                    break
                if (isinstance(statement, ast.If) and _is_guard(statement.test)
                        and statement.body and isinstance(statement.body[-1], (ast.Return, ast.Raise))):
                    return True  # an early return for the platforms without it
        child, parent = parent, parents.get(parent)
    return False


def _unguarded(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Import):
            name = next((a.name for a in node.names if a.name.split(".")[0] in POSIX_MODULES), None)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in POSIX_MODULES:
            name = node.module
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.attr in POSIX_ATTRIBUTES.get(node.value.id, ())):
            name = f"{node.value.id}.{node.attr}"
        if name and not _guarded(node, parents):
            found.append(f"{path}:{node.lineno}: {name}")
    return found


def test_no_posix_only_call_without_a_guard():
    found = [line for path in sorted(SOURCE.rglob("*.py")) for line in _unguarded(path)]
    assert found == []


@pytest.mark.parametrize("source,bad", [
    ("import fcntl\n", True),
    ("try:\n    import fcntl\nexcept ImportError:\n    fcntl = None\n", False),
    ("import os\ndef f():\n    return os.getuid()\n", True),
    ("import os\ndef f():\n    if os.name == 'nt':\n        return 0\n    return os.getuid()\n", False),
    ("import os\nif hasattr(os, 'fchmod'):\n    os.fchmod(3, 0o600)\n", False),
    ("import signal\nsignal.signal(signal.SIGHUP, print)\n", True),
])
def test_the_check_itself_tells_guarded_from_unguarded(tmp_path, source, bad):
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert bool(_unguarded(path)) is bad
