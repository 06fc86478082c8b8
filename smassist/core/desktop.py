"""Hand a file or a text to the desktop: open a file in the system's viewer, show its folder, copy text.

Chosen per platform: `os.startfile` on Windows, `open` on macOS, `xdg-open`
(or `gio open`) elsewhere, started without waiting so the app never blocks.
Copying uses the platform's own clipboard tool (clip, pbcopy, wl-copy, xclip,
xsel); without one the caller falls back to the terminal (OSC 52), which many
terminals and tmux ignore, and says so. Messages are Dutch and name no value.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


class DesktopProblem(Exception):
    """Why a file cannot be opened here (Dutch, one line)."""


def _opener() -> list[str] | None:
    if sys.platform == "darwin":
        return ["open"] if shutil.which("open") else None
    for command in (["xdg-open"], ["gio", "open"]):
        if shutil.which(command[0]):
            return command
    return None


def open_path(path: Path) -> None:
    """Open a file (or a folder) in the system's viewer without waiting; DesktopProblem when impossible."""
    if not path.exists():
        raise DesktopProblem(f"{path} bestaat niet (meer).")
    if sys.platform.startswith("win"):
        try:
            os.startfile(str(path))  # type: ignore[attr-defined]  # Windows only
        except OSError as exc:
            raise DesktopProblem(f"Windows kan {path} niet openen: {exc.strerror or 'onbekende fout'}.") from None
        return
    command = _opener()
    if command is None:
        raise DesktopProblem(f"Dit systeem heeft geen programma om bestanden te openen (xdg-open ontbreekt); "
                             f"open het zelf: {path}")
    try:
        subprocess.Popen([*command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise DesktopProblem(f"{path} kan niet worden geopend: {exc.strerror or 'onbekende fout'}.") from None


def show_folder(path: Path) -> None:
    """Open the folder that holds the file."""
    open_path(path.parent if path.is_file() else path)


def _clipboard_tools() -> list[tuple[list[str], str]]:
    if sys.platform.startswith("win"):
        return [(["clip"], "utf-16-le")]
    if sys.platform == "darwin":
        return [(["pbcopy"], "utf-8")]
    tools = []
    if os.environ.get("WAYLAND_DISPLAY"):
        tools.append((["wl-copy"], "utf-8"))
    if os.environ.get("DISPLAY"):
        tools += [(["xclip", "-selection", "clipboard"], "utf-8"), (["xsel", "--clipboard", "--input"], "utf-8")]
    return tools


def copy_text(text: str) -> bool:
    """Put text on the system clipboard with the platform's own tool; False when there is none or it failed."""
    for command, encoding in _clipboard_tools():
        if not shutil.which(command[0]):
            continue
        try:
            done = subprocess.run(command, input=text.encode(encoding), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=3, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return True
    return False
